package org.loyaltyrules.loyalty.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.rules.facts.Decisions;
import org.loyaltyrules.loyalty.rules.facts.LineFact;
import org.loyaltyrules.loyalty.rules.facts.UplineFact;

class RuleOutputsTest {
  private static final LineFact LINE_1 = new LineFact("o-1", "l-1", "sku-1", "food", 1, BigDecimal.TEN);
  private static final LineFact LINE_2 = new LineFact("o-1", "l-2", "sku-2", "toys", 2, BigDecimal.ONE);

  @Test
  void of_interleavedOutputsOfEveryKind_eachKindInItsListInFiringOrder() {
    // given: two outputs of every kind, interleaved with the other kinds
    var rate1 = new Decisions.BaseRate("rate-1", LINE_1, BigDecimal.ONE, BigDecimal.TEN);
    var rate2 = new Decisions.BaseRate("rate-2", LINE_2, BigDecimal.valueOf(2), BigDecimal.TEN);
    var excl1 = new Decisions.Exclusion("excl-1", LINE_2, "gift card");
    var excl2 = new Decisions.Exclusion("excl-2", LINE_1, "voucher");
    var mult1 = new Decisions.Multiplier("mult-1", LINE_1, null);
    var mult2 = new Decisions.Multiplier("mult-2", LINE_2, null);
    var bonus1 = new Decisions.Bonus("bonus-1", "b-1", 50, "spend 1000");
    var bonus2 = new Decisions.Bonus("bonus-2", "b-2", 20, "first order");
    var cap = new Decisions.Cap("cap", 500, "order cap");
    var daily = new Decisions.DailyCap("daily", 300, "daily cap");
    var qual1 = new Decisions.Qualification("qual-1", null);
    var qual2 = new Decisions.Qualification("qual-2", null);
    var review1 = new Decisions.Review("review-1", null);
    var review2 = new Decisions.Review("review-2", null);
    var ref1 = new Decisions.ReferralBonus("ref-1", new UplineFact("m-2", 1, "GOLD", false), 100);
    var ref2 = new Decisions.ReferralBonus("ref-2", new UplineFact("m-3", 2, "GOLD", false), 30);
    var notice = new Decisions.Notice("notice", "double points today");
    var nearMiss = new Decisions.NearMiss("near", "spend 10 more for a bonus");
    List<Decisions.Output> fired = List.of(rate2, nearMiss, excl1, daily, mult2, bonus2, qual2, review2, ref2, rate1,
        excl2, cap, mult1, bonus1, qual1, review1, ref1, notice);

    // when
    RuleOutputs sorted = RuleOutputs.of(fired);

    // then
    assertThat(sorted.baseRates()).containsExactly(rate2, rate1);
    assertThat(sorted.exclusions()).containsExactly(excl1, excl2);
    assertThat(sorted.multipliers()).containsExactly(mult2, mult1);
    assertThat(sorted.bonuses()).containsExactly(bonus2, bonus1);
    assertThat(sorted.limits()).containsExactly(new RuleOutputs.Limit("daily", 300, "daily cap", true),
        new RuleOutputs.Limit("cap", 500, "order cap", false));
    assertThat(sorted.qualifications()).containsExactly(qual2, qual1);
    assertThat(sorted.reviews()).containsExactly(review2, review1);
    assertThat(sorted.referralBonuses()).containsExactly(ref2, ref1);
    assertThat(sorted.notices()).containsExactly("spend 10 more for a bonus", "double points today (notice)");
    assertThat(sorted.size()).isEqualTo(fired.size());
  }

  @Test
  void of_anOutputOfEveryPermittedKind_landsInExactlyOneList() throws Exception {
    // given: one output of each kind the sealed interface permits, so a new kind without a list fails here
    Class<?>[] kinds = Decisions.Output.class.getPermittedSubclasses();
    assertThat(kinds).as("permitted output kinds").hasSizeGreaterThanOrEqualTo(11);

    for (Class<?> kind : kinds) {
      Decisions.Output output = instanceOf(kind);

      // when
      RuleOutputs sorted = RuleOutputs.of(List.of(output));

      // then
      assertThat(sorted.size()).as("outputs sorted of kind %s", kind.getSimpleName()).isEqualTo(1);
    }
  }

  @Test
  void lists_afterSorting_areUnmodifiable() {
    // given
    RuleOutputs sorted = RuleOutputs.of(List.of(new Decisions.Bonus("bonus", "b-1", 5, "reason")));

    // when / then
    assertThatThrownBy(() -> sorted.bonuses().add(new Decisions.Bonus("forged", "b-2", 9, "reason")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> sorted.notices().add("forged")).isInstanceOf(UnsupportedOperationException.class);
  }

  /** A record of {@code kind} with a rule name, zero numbers and no other references (sorting reads none). */
  private static Decisions.Output instanceOf(Class<?> kind) throws Exception {
    RecordComponent[] components = kind.getRecordComponents();
    assertThat(components).as("%s is a record", kind.getSimpleName()).isNotNull();
    Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      args[i] = types[i] == long.class ? 0L : types[i] == int.class ? 0 : types[i] == String.class ? "r" : null;
    }
    Constructor<?> canonical = kind.getDeclaredConstructor(types);
    return (Decisions.Output) canonical.newInstance(args);
  }
}
