package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;
import static org.loyaltyrules.loyalty.rules.Fixtures.twd;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.RedemptionLimit;
import org.loyaltyrules.loyalty.RedemptionLimitException;
import org.loyaltyrules.loyalty.RedemptionPolicy;
import org.loyaltyrules.loyalty.RedemptionQuote;
import org.loyaltyrules.loyalty.RedemptionQuotes;

/**
 * {@link LoyaltyRulesEngine#quote} at checkout, under {@link Programmes#taiwan}'s default (1 point =
 * NT$1, points pay at most 50% of the order), and the redemption decision agreeing with it.
 */
class RedemptionQuoteTest {
  private static final Instant PAID = taipei("2025-03-05T12:00");
  /** A month later: whatever pending period the programme has, the points are released by then. */
  private static final Instant CHECKOUT = taipei("2025-04-10T20:30");

  /** A member with 500 points from a NT$50,000 order. */
  private static Shop shopWith500Points(Programme programme) {
    Shop shop = new Shop(programme);
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", PAID, "50000")));
    shop.setTier("m-1", "member");
    return shop;
  }

  @Test
  void taiwan_defaultPolicy_isOnePointOneDollarCappedAtHalfTheOrder() {
    // when
    RedemptionPolicy policy = taiwan().redemption();

    // then
    assertThat(policy).isEqualTo(Programmes.taiwanRedemption());
    assertThat(policy.valuePerPoint()).isEqualTo(twd("1"));
    assertThat(policy.maxShareOfOrder()).isEqualByComparingTo("0.5");
    assertThat(policy.minimumPoints()).isEqualTo(Points.of(1));
    assertThat(policy.maximumPoints()).isEmpty();
    assertThat(policy.minimumOrderValue()).isEmpty();
  }

  @Test
  void quote_taiwanOrderOf600_allows300PointsWorthNt300() {
    // given
    Shop shop = shopWith500Points(taiwan());
    Order checkout = order("o-2", "m-1", CHECKOUT, "600");

    // when
    RedemptionQuote quote = shop.engine.quote(checkout, shop.context("m-1").member());

    // then
    assertThat(quote.points()).isEqualTo(Points.of(300));
    assertThat(quote.value()).isEqualTo(twd("300"));
    assertThat(quote.limits()).extracting(RedemptionLimit::kind)
        .containsExactly(RedemptionLimit.Kind.MAX_SHARE_OF_ORDER);
    assertThat(quote).isEqualTo(RedemptionQuotes.quote(shop.programme, shop.context("m-1").member(), checkout));
  }

  @Test
  void decide_quotedPointsAtCheckout_areRedeemedAndOneMoreIsRefused() {
    // given
    Shop shop = shopWith500Points(taiwan());
    Order checkout = order("o-2", "m-1", CHECKOUT, "600");
    RedemptionQuote quote = shop.engine.quote(checkout, shop.context("m-1").member());

    // when
    Decision decision = shop.apply(LoyaltyEvent.PointsRedeemed.atCheckout("redeem-1", checkout, quote.points()));

    // then
    assertThat(decision.entries()).singleElement().isInstanceOfSatisfying(LedgerEntry.Redeemed.class, r -> {
      assertThat(r.points()).isEqualTo(Points.of(-300));
      assertThat(r.cashValue()).isEqualTo(twd("300"));
    });
    assertThat(shop.balance("m-1")).isEqualTo(200);
    assertThatThrownBy(() -> shop.decide(LoyaltyEvent.PointsRedeemed.atCheckout("redeem-2",
        order("o-3", "m-1", CHECKOUT.plusSeconds(60), "200"), Points.of(101))))
        .isInstanceOfSatisfying(RedemptionLimitException.class, e -> {
          assertThat(e.kind()).isEqualTo(RedemptionLimit.Kind.MAX_SHARE_OF_ORDER);
          assertThat(e.limit().maximum()).isEqualTo(Points.of(100));
        });
  }

  @Test
  void decide_taiwanSplitRedemptionOnOneOrder_isRefusedPastHalfTheOrderAndTheQuoteIsZero() {
    // given: 300 points (half of NT$600) already paid order o-2
    Shop shop = shopWith500Points(taiwan());
    Order checkout = order("o-2", "m-1", CHECKOUT, "600");
    shop.apply(LoyaltyEvent.PointsRedeemed.atCheckout("redeem-1", checkout, Points.of(300)));

    // when
    RedemptionQuote quote = shop.engine.quote(checkout, shop.context("m-1").member());

    // then: no second share of the same order
    assertThat(quote.points()).isEqualTo(Points.ZERO);
    assertThatThrownBy(() -> shop.decide(LoyaltyEvent.PointsRedeemed.atCheckout("redeem-2", checkout, Points.of(200))))
        .isInstanceOfSatisfying(RedemptionLimitException.class, e -> {
          assertThat(e.kind()).isEqualTo(RedemptionLimit.Kind.MAX_SHARE_OF_ORDER);
          assertThat(e.limit().maximum()).isEqualTo(Points.ZERO);
          assertThat(e.limit().reason()).endsWith("300 already redeemed against order o-2 leave 0");
        });
    assertThat(shop.balance("m-1")).isEqualTo(200);
  }

  @Test
  void quote_goldRateAndMinimumOrder_bindAsConfigured() {
    // given: gold 1 point = NT$1.20, points usable from orders of NT$1,000
    Programme programme = taiwan().toBuilder().redemption(Programmes.taiwanRedemption()
        .withTierRate("gold", twd("1.2")).withMinimumOrderValue(twd("1000"))).build();
    Shop shop = shopWith500Points(programme);
    shop.setTier("m-1", "gold");

    // when
    RedemptionQuote small = shop.engine.quote(order("o-2", "m-1", CHECKOUT, "999"), shop.context("m-1").member());
    RedemptionQuote large = shop.engine.quote(order("o-3", "m-1", CHECKOUT, "1000"), shop.context("m-1").member());

    // then: ⌊500 / 1.2⌋ = 416 points pay NT$499.20 of a NT$1,000 order
    assertThat(small.points()).isEqualTo(Points.ZERO);
    assertThat(small.limits()).extracting(RedemptionLimit::kind).containsExactly(RedemptionLimit.Kind.MIN_ORDER_VALUE);
    assertThat(large.points()).isEqualTo(Points.of(416));
    assertThat(large.value()).isEqualTo(twd("499.20"));
    assertThat(large.value().amount()).isLessThanOrEqualTo(new BigDecimal("500"));
  }
}
