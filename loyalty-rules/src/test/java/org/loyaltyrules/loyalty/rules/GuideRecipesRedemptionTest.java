package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.twd;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.NegativeBalancePolicy;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Provenance;
import org.loyaltyrules.loyalty.RedemptionLimit;
import org.loyaltyrules.loyalty.RedemptionQuote;

/**
 * Runs recipe 7.13 of docs/writing-rules.md (redemption limits and quotes): its Java block is the
 * region between the snippet markers below, and every number its prose gives is asserted here.
 */
class GuideRecipesRedemptionTest {
  private static final Instant AT = taipei("2025-06-01T20:00");

  /** A member of that tier with 1,000 points credited a month before (released, whatever the pending period). */
  private static MemberState memberWith(long points, String tier) {
    PointLedger ledger = PointLedger.empty("m-1", NegativeBalancePolicy.ALLOW_DEBT);
    ledger.append(new LedgerEntry.Adjusted("goodwill-1", "m-1", Points.of(points), taipei("2025-05-01T00:00"),
        Provenance.manual("goodwill-1", "opening balance"), Optional.empty()));
    return MemberState.of(Member.of("m-1", taipei("2025-01-01T00:00"), tier), ledger);
  }

  @Test
  void redemptionLimits_checkoutOf1499With1000Points_quotesAndRedeems749() {
    // given
    MemberState member = memberWith(1_000, "member");
    Order checkout = order("o-1", "m-1", AT, "1499");

    // when
    // snippet-start redemption-limits/Checkout.java
    Programme programme = Programmes.taiwan(List.of()).toBuilder()
        .redemption(Programmes.taiwanRedemption()          // 1 point = NT$1, points pay at most 50%
            .withMinimumOrderValue(Money.of("300", "TWD"))  // no points on orders below NT$300
            .withMaximumPoints(Points.of(2_000))            // at most 2,000 points at once
            .withTierRate("gold", Money.of("1.2", "TWD")))  // gold: 1 point = NT$1.20
        .build();
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(programme).build();

    RedemptionQuote quote = engine.quote(checkout, member); // NT$1,499 order, 1,000 points
    quote.points();  // 749
    quote.value();   // TWD 749.00
    quote.limits();  // [max-share-of-order: points may pay at most 50% of the order value …]

    Decision decision = engine.decide(
        LoyaltyEvent.PointsRedeemed.atCheckout("redeem-1", checkout, quote.points()),
        DecisionContext.of(member));
    // snippet-end

    // then
    assertThat(quote.points()).isEqualTo(Points.of(749));
    assertThat(quote.value()).isEqualTo(twd("749"));
    assertThat(quote.limits()).extracting(RedemptionLimit::kind).containsExactly(RedemptionLimit.Kind.MAX_SHARE_OF_ORDER);
    assertThat(decision.entries()).singleElement().isInstanceOfSatisfying(LedgerEntry.Redeemed.class, r -> {
      assertThat(r.points()).isEqualTo(Points.of(-749));
      assertThat(r.cashValue()).isEqualTo(twd("749"));
    });

    // and the other figures of the recipe
    RedemptionQuote gold = engine.quote(checkout, memberWith(1_000, "gold"));
    assertThat(gold.points()).isEqualTo(Points.of(624));
    assertThat(gold.value()).isEqualTo(twd("748.80"));
    RedemptionQuote small = engine.quote(order("o-2", "m-1", AT, "299"), member);
    assertThat(small.points()).isEqualTo(Points.ZERO);
    assertThat(small.limits()).extracting(RedemptionLimit::kind).containsExactly(RedemptionLimit.Kind.MIN_ORDER_VALUE);
    RedemptionQuote large = engine.quote(order("o-3", "m-1", AT, "10000"), memberWith(3_000, "member"));
    assertThat(large.points()).isEqualTo(Points.of(2_000));
    assertThat(large.limits()).extracting(RedemptionLimit::kind).containsExactly(RedemptionLimit.Kind.MAX_POINTS);
    RedemptionQuote few = engine.quote(order("o-4", "m-1", AT, "10000"), memberWith(300, "member"));
    assertThat(few.points()).isEqualTo(Points.of(300));
    assertThat(few.limits()).extracting(RedemptionLimit::kind).containsExactly(RedemptionLimit.Kind.AVAILABLE_POINTS);
  }
}
