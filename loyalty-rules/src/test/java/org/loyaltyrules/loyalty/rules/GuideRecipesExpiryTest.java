package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.time.MonthDay;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.ExpiringPoints;
import org.loyaltyrules.loyalty.ExpiryPolicy;
import org.loyaltyrules.loyalty.InsufficientPointsException;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;

/**
 * The host-side code of recipes 7.11 (pending points) and 7.12 (expiry policies and expiring-soon
 * notices) of docs/writing-rules*.md, quoted there byte for byte, run here with the numbers the
 * guide gives.
 */
class GuideRecipesExpiryTest {

  private static Shop shop(Programme programme) {
    Shop shop = new Shop(programme);
    shop.join(Member.of("m-1", taipei("2026-01-01T00:00"), "member"));
    return shop;
  }

  @Test
  void recipe711_pendingPoints_heldSevenDaysAndSettable() {
    // snippet-start pending-points/Programme.java
    Programme taiwan = Programmes.taiwan(List.of());            // order points held 7 days (七天鑑賞期)
    Programme fourteenDays = taiwan.toBuilder().pendingPeriod(Period.ofDays(14)).build();
    Programme spendableAtOnce = taiwan.toBuilder().pendingPeriod(Period.ZERO).build();
    // snippet-end

    // then: NT$10,000 paid on 3 March 12:00 earns 100 points, spendable from 10 March 12:00
    Shop shop = shop(taiwan);
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2026-03-03T12:00"), "10000")));
    PointLedger ledger = shop.ledger("m-1");
    assertThat(ledger.pending(taipei("2026-03-05T12:00"))).isEqualTo(Points.of(100));
    assertThat(catchThrowableOfType(InsufficientPointsException.class, () -> shop.decide(
        new LoyaltyEvent.PointsRedeemed("r-1", "m-1", Points.of(100), taipei("2026-03-05T12:00"))))).isNotNull();
    assertThat(ledger.available(taipei("2026-03-10T12:00"))).isEqualTo(Points.of(100));
    // a return on 8 March takes the 100 held points back: balance 0, no debt
    shop.apply(LoyaltyEvent.OrderReturned.whole("ret-1", "m-1", "o-1", taipei("2026-03-08T12:00")));
    assertThat(ledger.balance()).isEqualTo(Points.ZERO);
    assertThat(ledger.debt()).isEqualTo(Points.ZERO);
    assertThat(fourteenDays.pendingUntil(taipei("2026-03-03T12:00"))).contains(taipei("2026-03-17T12:00"));
    assertThat(spendableAtOnce.pendingPeriod()).isEmpty();
  }

  @Test
  void recipe712_yearEndExpiry_warnsThirtyDaysAhead() {
    // snippet-start expiry-policies/Programme.java
    Programme yearEnd = Programmes.taiwan(List.of()).toBuilder()
        .expiry(ExpiryPolicy.yearEnd(1))                         // earned in 2026: valid to 2027-12-31
        .build();
    Programme yearlyReset = Programmes.taiwan(List.of()).toBuilder()
        .expiry(ExpiryPolicy.yearlyReset(MonthDay.of(12, 31))) // 每年 12/31 歸零
        .expiryWarning(Period.ofDays(45))
        .build();
    // snippet-end

    // then: 60 points from 1 April 2026 and 30 from 1 October 2026, read on 10 December 2027
    Shop shop = shop(yearEnd);
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2026-04-01T10:00"), "6000")));
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-2", "m-1", taipei("2026-10-01T10:00"), "3000")));
    PointLedger ledger = shop.ledger("m-1");
    var now = taipei("2027-12-10T09:00");

    // snippet-start expiry-policies/ExpiringSoon.java
    ExpiringPoints soon = yearEnd.expiringSoon(ledger, now);   // within the programme's 30 days
    Points total = soon.total();                                // 90
    Optional<String> notice = soon.notice(yearEnd.zone());      // expiring-soon: 90 points expire on 2027-12-31
    // snippet-end

    assertThat(total).isEqualTo(Points.of(90));
    assertThat(notice).contains("expiring-soon: 90 points expire on 2027-12-31");
    assertThat(soon.byLastDay(yearEnd.zone())).containsExactly(java.util.Map.entry(java.time.LocalDate.of(2027, 12, 31), Points.of(90)));
    // every decision carries the same notice, e.g. an order that day
    assertThat(shop.apply(new LoyaltyEvent.OrderPaid(order("o-3", "m-1", now, "500"))).notices())
        .contains("expiring-soon: 90 points expire on 2027-12-31");
    // the yearly reset: points of 20 December 2026, held until 27 December, go at the end of 2026-12-31
    assertThat(yearlyReset.expiryFor(taipei("2026-12-20T10:00"))).contains(taipei("2027-01-01T00:00"));
    // those of 28 December are still held at the reset, so they last to the end of 2027-12-31
    assertThat(yearlyReset.expiryFor(taipei("2026-12-28T10:00"))).contains(taipei("2028-01-01T00:00"));
  }
}
