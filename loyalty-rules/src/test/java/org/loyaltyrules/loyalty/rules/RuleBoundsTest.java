package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.loyalty.rules.Fixtures.line;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;

/**
 * A rule that loops, floods the decision with outputs, or fails is stopped by counting (firings and
 * outputs per evaluation, never time): the event gets a {@link RuleEvaluationException} and no
 * decision, the ledger is untouched, and the same engine goes on serving the next event.
 */
class RuleBoundsTest {
  /** Trusted, so that no policy check stands between these rules and the bounds they test. */
  private static final String MISBEHAVING = """
      // misbehaving: rules that never stop, flood the decision or fail, for the bounds tests.
      // Facts read: LineFact. Facts emitted: none. Only code the compiled-code check lets through.
      package org.loyaltyrules.loyalty.rules.misbehaving;

      import org.loyaltyrules.loyalty.rules.facts.LineFact;

      global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

      rule "misbehaving: fire for every triple of lines"
      when
          $line : LineFact( sku == "LOOP" )
          LineFact()
          LineFact()
          LineFact()
      then
          if ($line.getQuantity() < 0) {
              decisions.notice("never: firings without outputs");
          }
      end

      rule "misbehaving: a notice for every pair of lines"
      when
          LineFact( sku == "FLOOD" )
          LineFact()
          LineFact()
      then
          decisions.notice("flood");
      end

      rule "misbehaving: a condition that fails"
      when
          LineFact( sku == "BOOM", quantity / 0 > 1 )
      then
          decisions.notice("never reached");
      end

      rule "misbehaving: a consequence that fails"
      when
          $line : LineFact( sku == "FAIL" )
      then
          decisions.baseRate($line, "-1", 100);
      end
      """;
  private static final Instant PAID = taipei("2025-03-05T12:00");

  private static RuleBase misbehaving;

  @BeforeAll
  static void compile() {
    misbehaving = Fixtures.defaultsWith("misbehaving.drl", MISBEHAVING);
  }

  private static Shop shop(int maxFirings, int maxOutputs) {
    Shop shop = new Shop(LoyaltyRulesEngine.builder(taiwan()).ruleBase(misbehaving).maxRuleFirings(maxFirings)
        .maxOutputs(maxOutputs).build());
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    return shop;
  }

  private static LoyaltyEvent.OrderPaid paid(String id, String sku, int lines) {
    List<OrderLine> list = new ArrayList<>();
    list.add(line("l0", sku, "apparel", 1, "1000"));
    for (int i = 1; i < lines; i++) {
      list.add(line("l" + i, "SKU-" + i, "apparel", 1, "100"));
    }
    return new LoyaltyEvent.OrderPaid(new Order(id, "m-1", PAID, Channel.ONLINE_STORE, Fixtures.TWD, list,
        Fixtures.twd("0"), Fixtures.twd("0")));
  }

  private static int firings(String message) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("firings \\[(\\d+)\\]").matcher(message);
    assertThat(m.find()).as("firing count in %s", message).isTrue();
    return Integer.parseInt(m.group(1));
  }

  @Test
  void loopingRule_stoppedAtTheFiringBound_withNoDecision() {
    // given
    Shop shop = shop(1_000, 10_000);

    // then
    assertThatThrownBy(() -> shop.decide(paid("o-1", "LOOP", 30)))
        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
          assertThat(e.code()).isEqualTo("rule-runaway");
          assertThat(e.rule()).isEqualTo("misbehaving: fire for every triple of lines");
        })
        .hasMessageMatching("Runaway rules: firings \\[(\\d+)\\]; expected ≤ 1000 per evaluation"
            + " \\(last rule: misbehaving: fire for every triple of lines\\)")
        // Drools stops one or two firings past the limit it is given; never thousands.
        .satisfies(e -> assertThat(firings(e.getMessage())).isBetween(1_001, 1_002));
    assertThat(shop.ledger("m-1").size()).isZero();
  }

  @Test
  void loopingRule_stoppedByTheDefaultBoundToo() {
    // given
    Shop shop = new Shop(LoyaltyRulesEngine.builder(taiwan()).ruleBase(misbehaving).build());
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));

    // then
    assertThatThrownBy(() -> shop.decide(paid("o-1", "LOOP", 30)))
        .isInstanceOf(RuleEvaluationException.class)
        .hasMessageContaining("; expected ≤ 10000 per evaluation")
        .satisfies(e -> assertThat(firings(e.getMessage())).isBetween(10_001, 10_002));
  }

  @Test
  void floodingRule_stoppedAtTheOutputBound() {
    // given: 20 lines make 400 notices; at most 200 outputs
    Shop shop = shop(10_000, 200);

    // then
    assertThatThrownBy(() -> shop.decide(paid("o-1", "FLOOD", 20)))
        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
          assertThat(e.code()).isEqualTo("rule-runaway");
          assertThat(e.rule()).isEqualTo("misbehaving: a notice for every pair of lines");
        })
        .hasMessage("Runaway rules: outputs [> 200]; expected ≤ 200 per evaluation"
            + " (rule: misbehaving: a notice for every pair of lines)");
  }

  @Test
  void failingConsequence_isARuleError() {
    // given
    Shop shop = shop(1_000, 200);

    // then
    assertThatThrownBy(() -> shop.decide(paid("o-1", "FAIL", 1)))
        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
          assertThat(e.code()).isEqualTo("rule-error");
          assertThat(e.rule()).isEqualTo("misbehaving: a consequence that fails");
          assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
        });
  }

  @Test
  void failingCondition_isARuleError() {
    // given
    Shop shop = shop(1_000, 200);

    // then: a typed failure, not a raw exception from inside Drools
    assertThatThrownBy(() -> shop.decide(paid("o-1", "BOOM", 1)))
        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
          assertThat(e.code()).isEqualTo("rule-error");
          assertThat(e.rule()).isEqualTo("misbehaving: a condition that fails");
          assertThat(e.getCause()).isNotNull();
        })
        .hasMessageStartingWith("Rule failed: a condition of rule [misbehaving: a condition that fails] threw"
            + " java.lang.ArithmeticException");
  }

  @Test
  void afterEachFailure_theSameEngineDecidesTheNextEvent() {
    // given
    Shop shop = shop(1_000, 200);

    for (String sku : List.of("LOOP", "FLOOD", "FAIL", "BOOM")) {
      // when
      assertThatThrownBy(() -> shop.decide(paid("bad-" + sku, sku, 20))).isInstanceOf(RuleEvaluationException.class);
      Decision next = shop.apply(new LoyaltyEvent.OrderPaid(order("ok-" + sku, "m-1", PAID, "1000")));

      // then
      assertThat(next.firedRules()).containsExactly("earning: base rate for member tier");
      assertThat(next.pointsFor("m-1").value()).isEqualTo(10);
    }
    assertThat(shop.balance("m-1")).isEqualTo(40);
  }

  @Test
  void bounds_countFiringsNotTime_soTheSameEventFailsTheSameWayEveryTime() {
    // given
    Shop shop = shop(1_000, 10_000);
    List<String> messages = new ArrayList<>();

    // when
    for (int i = 0; i < 3; i++) {
      try {
        shop.decide(paid("o-1", "LOOP", 30));
      } catch (RuleEvaluationException e) {
        messages.add(e.getMessage());
      }
    }

    // then
    assertThat(messages).hasSize(3).containsOnly(messages.get(0));
  }

  @Test
  void boundsJustAboveWhatAnOrderNeeds_letItThrough() {
    // given: a 3-line order on the defaults fires 3 earning rules and emits 3 rates
    Shop shop = shop(3, 3);

    // when
    Decision decision = shop.apply(paid("o-1", "SKU-0", 3));

    // then
    assertThat(decision.firedRules()).hasSize(3);
  }
}
