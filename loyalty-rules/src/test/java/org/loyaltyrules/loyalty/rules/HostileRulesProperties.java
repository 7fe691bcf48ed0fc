package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;

/**
 * Invariants of deciding with hostile rules (the trusted file of {@link HostileRulesTest}): a forged
 * fact always fails its event and leaves the engine serving, and points never wrap — what the
 * rules decide is either the exact sum or a typed overflow.
 */
class HostileRulesProperties {
  private static final Instant PAID = taipei("2025-03-05T12:00");
  private static final RuleBase HOSTILE = Fixtures.defaultsWithUncheckedCode("hostile.drl", HostileRulesTest.HOSTILE);

  private static Shop shop(Campaign... campaigns) {
    // No points limit: these properties are about exact sums up to Long.MAX_VALUE, which the
    // programme's maxPointsPerDecision would refuse long before.
    Programme programme = Fixtures.taiwan(campaigns).toBuilder().maxPointsPerDecision(Points.of(Long.MAX_VALUE)).build();
    Shop shop = new Shop(LoyaltyRulesEngine.builder(programme).ruleBase(HOSTILE).build())
        .withoutInvariantChecks();
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    return shop;
  }

  /** An order of whole-dollar lines, one of them with the given SKU. */
  private static LoyaltyEvent.OrderPaid paid(String id, String sku, List<Integer> amounts, int skuAt) {
    List<OrderLine> lines = new ArrayList<>();
    for (int i = 0; i < amounts.size(); i++) {
      lines.add(Fixtures.line("l" + i, i == skuAt % amounts.size() ? sku : "SKU-" + i, "apparel", 1,
          Integer.toString(amounts.get(i))));
    }
    return new LoyaltyEvent.OrderPaid(new Order(id, "m-1", PAID, Channel.ONLINE_STORE, Fixtures.TWD, lines,
        Fixtures.twd("0"), Fixtures.twd("0")));
  }

  @Provide
  Arbitrary<List<Integer>> amounts() {
    return Arbitraries.integers().between(1, 50_000).list().ofMinSize(1).ofMaxSize(5);
  }

  @Property(tries = 60)
  void aForgedFactAlwaysFailsItsEventAndTheEngineDecidesTheNext(
      @ForAll("forgeries") String sku, @ForAll("amounts") List<Integer> amounts, @ForAll @IntRange(max = 4) int at) {
    // given
    Shop shop = shop();

    // when
    Throwable thrown = catchThrowable(() -> shop.apply(paid("o-1", sku, amounts, at)));

    // then
    assertThat(thrown).isInstanceOfSatisfying(RuleEvaluationException.class,
        e -> assertThat(e.code()).isEqualTo("forged-fact"));
    assertThat(shop.ledger("m-1").size()).isZero();
    Decision next = shop.apply(new LoyaltyEvent.OrderPaid(Fixtures.order("o-2", "m-1", PAID, "1000")));
    assertThat(next.pointsFor("m-1").value()).isEqualTo(10);
  }

  @Provide
  Arbitrary<String> forgeries() {
    return Arbitraries.of("FORGE-LINE", "FORGE-CAMPAIGN", "FORGE-MULTIPLIER", "FORGE-TIER", "FORGE-UPLINE",
        "FORGE-CATCH");
  }

  /** Bonus points, often within a factor of a few of {@code Long.MAX_VALUE}. */
  @Provide
  Arbitrary<List<Long>> bonuses() {
    Arbitrary<Long> bonus = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.longs().between(Long.MAX_VALUE / 4, Long.MAX_VALUE)),
        Tuple.of(1, Arbitraries.longs().between(Long.MAX_VALUE - 1_000, Long.MAX_VALUE)),
        Tuple.of(1, Arbitraries.longs().between(1, 1_000_000)));
    return bonus.list().ofMinSize(1).ofMaxSize(4);
  }

  @Property(tries = 150)
  void pointSumsNeverWrapSoEveryDecisionIsExactOrATypedOverflow(@ForAll("bonuses") List<Long> bonuses,
      @ForAll("amounts") List<Integer> amounts, @ForAll boolean capped) {
    // given: one spend bonus campaign per value, all reached by any order, and 1 point per NT$100 of
    // the whole order, rounded down
    Campaign[] campaigns = new Campaign[bonuses.size()];
    BigInteger sum = BigInteger.valueOf(amounts.stream().mapToLong(Integer::longValue).sum() / 100);
    for (int i = 0; i < bonuses.size(); i++) {
      campaigns[i] = Fixtures.bonus("bonus-" + i, CampaignKind.THRESHOLD_BONUS, bonuses.get(i),
          CampaignSchedule.always(), "1");
      sum = sum.add(BigInteger.valueOf(bonuses.get(i)));
    }
    BigInteger exact = sum;
    BigInteger expected = capped ? exact.min(BigInteger.valueOf(1000)) : exact;
    Shop shop = shop(campaigns);

    // when
    Decision[] decided = new Decision[1];
    Throwable thrown = catchThrowable(() -> decided[0] = shop.decide(paid("o-1", capped ? "CAPPED" : "SKU-X", amounts,
        0)));
    Decision decision = decided[0];

    // then
    if (expected.bitLength() < Long.SIZE) {
      assertThat(thrown).isNull();
      assertThat(decision.pointsFor("m-1").value()).isEqualTo(expected.longValueExact());
      assertThat(decision.entries()).allSatisfy(e -> assertThat(e.points().isNegative()).isFalse());
    } else {
      assertThat(thrown).isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
        assertThat(e.code()).isEqualTo("points-overflow");
        assertThat(new BigInteger(e.value())).isEqualTo(exact);
      });
    }
  }
}
