package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Points;

/**
 * Issue 14, item 1: under {@link Programmes#taiwan}'s 7-day hold, no order of redemptions and a
 * return inside the return window leaves a member in debt; the points of the returned order were
 * never spendable, so what a redemption spent came from older points.
 */
class TaiwanPendingProperties {
  private static final Instant JOINED = taipei("2025-01-01T00:00");

  @Property(tries = 60)
  void redeemThenReturnInsideTheWindowNeverLeavesDebt(
      @ForAll @IntRange(min = 0, max = 30_000) int olderSpend,
      @ForAll @IntRange(min = 100, max = 30_000) int orderSpend,
      @ForAll @IntRange(min = 0, max = 100) int redeemPercent,
      @ForAll @IntRange(min = 1, max = 167) int redeemHour,
      @ForAll @IntRange(min = 1, max = 167) int returnHour) {
    Shop shop = new Shop(Fixtures.taiwanDefaults());
    shop.join(Member.of("m-1", JOINED, "member"));
    Instant paid = taipei("2025-06-01T12:00");
    if (olderSpend > 0) {
      shop.apply(new LoyaltyEvent.OrderPaid(order("o-old", "m-1", paid.minus(Duration.ofDays(30)), Integer.toString(olderSpend))));
    }
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", paid, Integer.toString(orderSpend))));
    Instant redeemAt = paid.plus(Duration.ofHours(redeemHour));
    Instant returnAt = paid.plus(Duration.ofHours(returnHour));
    long available = shop.ledger("m-1").available(redeemAt).value();
    long redeem = available * redeemPercent / 100;
    java.util.function.Supplier<LoyaltyEvent> redemption =
        () -> new LoyaltyEvent.PointsRedeemed("r-1", "m-1", Points.of(redeem), redeemAt);
    LoyaltyEvent refund = LoyaltyEvent.OrderReturned.whole("ret-1", "m-1", "o-1", returnAt);

    // Either order, as long as both fall inside the 7-day window of o-1.
    if (redeemAt.isBefore(returnAt)) {
      if (redeem > 0) {
        shop.apply(redemption.get());
      }
      shop.apply(refund);
    } else {
      shop.apply(refund);
      if (redeem > 0 && redeem <= shop.ledger("m-1").available(redeemAt).value()) {
        shop.apply(redemption.get());
      }
    }

    assertThat(available).as("points available inside the window: the older order's only")
        .isEqualTo(olderSpend / 100);
    assertThat(shop.ledger("m-1").debt()).isEqualTo(Points.ZERO);
    assertThat(shop.ledger("m-1").balance().value()).isGreaterThanOrEqualTo(0);
  }
}
