package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.time.Instant;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.ExpiringPoints;
import org.loyaltyrules.loyalty.InsufficientPointsException;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;

/**
 * Worked examples of the {@link Programmes#taiwan} defaults of issue 14: order points held for the
 * 7-day return window (七天鑑賞期), so redeem-then-return no longer leaves debt; and an {@code
 * expiring-soon: } notice on every decision when points expire within 30 days.
 */
class TaiwanPendingAndExpiryTest {
  private static final Instant JOINED = taipei("2025-01-01T00:00");

  private static Shop shop(Programme programme) {
    Shop shop = new Shop(programme);
    shop.join(Member.of("m-1", JOINED, "member"));
    return shop;
  }

  @Test
  void taiwan_defaults_holdSevenDaysAndWarnThirtyDaysAhead() {
    // when
    Programme taiwan = Programmes.taiwan(List.of());

    // then
    assertThat(taiwan.pendingPeriod()).contains(Period.ofDays(7));
    assertThat(taiwan.expiryWarning()).contains(Period.ofDays(30));
    assertThat(taiwan.pointsValidity()).contains(Period.ofMonths(12));
    assertThat(taiwan.expireAtEndOfMonth()).isTrue();
  }

  @Test
  void taiwan_redeemInsideTheReturnWindow_refusedAsTheOrdersPointsAreStillHeld() {
    // given: NT$10,000 paid on 3 March earns 100 points, held until 10 March
    Shop shop = shop(Fixtures.taiwanDefaults());
    Instant paid = taipei("2025-03-03T12:00");
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", paid, "10000")));

    // when
    InsufficientPointsException refused = catchThrowableOfType(InsufficientPointsException.class,
        () -> shop.decide(new LoyaltyEvent.PointsRedeemed("r-1", "m-1", Points.of(100), taipei("2025-03-05T12:00"))));

    // then
    assertThat(refused).isNotNull();
    assertThat(shop.ledger("m-1").pending(taipei("2025-03-05T12:00"))).isEqualTo(Points.of(100));
    assertThat(shop.ledger("m-1").available(taipei("2025-03-10T12:00"))).isEqualTo(Points.of(100));
  }

  @Test
  void taiwan_returnInsideTheWindow_takesTheHeldPointsBackAndLeavesNoDebt() {
    // given
    Shop shop = shop(Fixtures.taiwanDefaults());
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-03-03T12:00"), "10000")));

    // when: returned on day 5 of the window
    shop.apply(LoyaltyEvent.OrderReturned.whole("ret-1", "m-1", "o-1", taipei("2025-03-08T12:00")));

    // then
    assertThat(shop.ledger("m-1").debt()).isEqualTo(Points.ZERO);
    assertThat(shop.balance("m-1")).isZero();
  }

  @Test
  void pointsSpendableAtOnce_redeemThenReturn_leavesDebt_whichTheDefaultPrevents() {
    // given: the old setting, pinned
    Shop shop = shop(Fixtures.taiwan());
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-03-03T12:00"), "10000")));
    shop.apply(new LoyaltyEvent.PointsRedeemed("r-1", "m-1", Points.of(100), taipei("2025-03-05T12:00")));

    // when
    shop.apply(LoyaltyEvent.OrderReturned.whole("ret-1", "m-1", "o-1", taipei("2025-03-08T12:00")));

    // then: the member spent points the return takes back
    assertThat(shop.ledger("m-1").debt()).isEqualTo(Points.of(100));
    assertThat(shop.balance("m-1")).isEqualTo(-100);
  }

  @Test
  void taiwan_orderWhileOlderPointsExpireWithinThirtyDays_decisionCarriesTheNotice() {
    // given: 100 points from 10 January 2025 expire at the end of January 2026 (12 months, month end)
    Shop shop = shop(Fixtures.taiwanDefaults());
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-01-10T12:00"), "10000")));

    // when: an order on 5 January 2026, whose own points expire at the end of January 2027
    Decision decision = shop.apply(new LoyaltyEvent.OrderPaid(order("o-2", "m-1", taipei("2026-01-05T12:00"), "5000")));

    // then
    assertThat(decision.notices()).contains("expiring-soon: 100 points expire on 2026-01-31");
    ExpiringPoints soon = shop.programme.expiringSoon(shop.ledger("m-1"), taipei("2026-01-05T12:00"));
    assertThat(soon.total()).isEqualTo(Points.of(100));
    assertThat(soon.earliest()).contains(taipei("2026-02-01T00:00"));
  }

  @Test
  void taiwan_tierReviewAndRedemption_carryTheNoticeAsTheLedgerWillBeAfterThem() {
    // given
    Shop shop = shop(Fixtures.taiwanDefaults());
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-01-10T12:00"), "10000")));

    // when
    Decision review = shop.apply(new LoyaltyEvent.TierReview("rev-2026-01", "m-1", taipei("2026-01-02T00:00")));
    Decision redemption = shop.apply(new LoyaltyEvent.PointsRedeemed("r-1", "m-1", Points.of(60), taipei("2026-01-03T12:00")));
    Decision spentAll = shop.apply(new LoyaltyEvent.PointsRedeemed("r-2", "m-1", Points.of(40), taipei("2026-01-04T12:00")));

    // then: the redemption spent the oldest points first; once none are left, no notice
    assertThat(review.notices()).contains("expiring-soon: 100 points expire on 2026-01-31");
    assertThat(redemption.notices()).containsExactly("expiring-soon: 40 points expire on 2026-01-31");
    assertThat(spentAll.notices()).noneMatch(n -> n.startsWith(ExpiringPoints.NOTICE_PREFIX));
  }

  @Test
  void taiwan_expiryRun_expiresTheLotAndWarnsOfNothingLeft() {
    // given
    Shop shop = shop(Fixtures.taiwanDefaults());
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-01-10T12:00"), "10000")));

    // when
    Decision run = shop.apply(new LoyaltyEvent.ExpiryRun("exp-2026-02", "m-1", taipei("2026-02-01T00:00")));

    // then
    assertThat(run.pointsFor("m-1")).isEqualTo(Points.of(-100));
    assertThat(run.notices()).noneMatch(n -> n.startsWith(ExpiringPoints.NOTICE_PREFIX));
    assertThat(shop.balance("m-1")).isZero();
  }
}
