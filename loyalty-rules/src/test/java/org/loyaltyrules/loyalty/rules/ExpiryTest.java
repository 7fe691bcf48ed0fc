package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;
import static org.loyaltyrules.loyalty.rules.Fixtures.utc;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EngineRule;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.Points;

/**
 * Worked examples for expiry runs: in the Taiwanese programme points are valid 12 months, to the end
 * of that month, Taipei time. 10 points earned on 15 January 2025 expire at 1 February 2026 00:00
 * in Taipei, which is 31 January 16:00 UTC.
 */
class ExpiryTest {
  private static Shop shop() {
    Shop shop = new Shop(taiwan());
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    return shop;
  }

  private static LoyaltyEvent.ExpiryRun run(String id, String at) {
    return new LoyaltyEvent.ExpiryRun(id, "m-1", utc(at));
  }

  @Test
  void expiry_beforeTheEndOfTheMonthInTaipei_expiresNothing() {
    // given
    Shop shop = shop();
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-01-15T12:00"), "1000")));

    // when
    Decision decision = shop.apply(run("expiry-1", "2026-01-31T15:59:59Z"));

    // then
    assertThat(decision.entries()).isEmpty();
    assertThat(shop.balance("m-1")).isEqualTo(10);
  }

  @Test
  void expiry_atMidnightInTaipei_expiresTheLot() {
    // given
    Shop shop = shop();
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-01-15T12:00"), "1000")));

    // when
    Decision decision = shop.apply(run("expiry-1", "2026-01-31T16:00:00Z"));

    // then
    assertThat(decision.firedRules()).isEmpty();
    LedgerEntry.Expired expired = (LedgerEntry.Expired) decision.entries().get(0);
    assertThat(decision.entries()).hasSize(1);
    assertThat(expired.key()).isEqualTo(EntryKey.expiry(EntryKey.orderBase("o-1"), Instant.parse("2026-01-31T16:00:00Z")).text());
    assertThat(expired.lotKey()).isEqualTo(EntryKey.orderBase("o-1").text());
    assertThat(expired.points()).isEqualTo(Points.of(-10));
    assertThat(expired.provenance().rule()).isEqualTo(EngineRule.EXPIRE);
    assertThat(expired.provenance().reason()).isEqualTo("10 of the 10 points credited at 2025-01-15T04:00:00Z"
        + " (order:o-1:base) expired at 2026-01-31T16:00:00Z");
    assertThat(shop.balance("m-1")).isZero();
  }

  @Test
  void expiry_ofAPartlyRedeemedLot_expiresTheRemainderOnly() {
    // given: 10 earned, 4 redeemed
    Shop shop = shop();
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-01-15T12:00"), "1000")));
    shop.apply(new LoyaltyEvent.PointsRedeemed("redeem-1", "m-1", Points.of(4), taipei("2025-06-01T12:00")));

    // when
    Decision decision = shop.apply(run("expiry-1", "2026-02-01T00:00:00Z"));

    // then
    assertThat(decision.pointsFor("m-1")).isEqualTo(Points.of(-6));
    assertThat(shop.balance("m-1")).isZero();
  }

  @Test
  void expiry_onlyLotsThatAreDue() {
    // given: January's and February's points
    Shop shop = shop();
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-01-15T12:00"), "1000")));
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-2", "m-1", taipei("2025-02-15T12:00"), "500")));

    // when
    Decision decision = shop.apply(run("expiry-1", "2026-02-01T00:00:00Z"));

    // then
    assertThat(decision.entries()).extracting(e -> ((LedgerEntry.Expired) e).lotKey()).containsExactly(EntryKey.orderBase("o-1").text());
    assertThat(shop.balance("m-1")).isEqualTo(5);
  }

  @Test
  void expiry_runTwice_expiresOnce() {
    // given
    Shop shop = shop();
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-01-15T12:00"), "1000")));
    shop.apply(run("expiry-1", "2026-02-01T00:00:00Z"));

    // when
    Decision same = shop.decide(run("expiry-1", "2026-02-01T00:00:00Z"));
    Decision later = shop.decide(run("expiry-2", "2026-03-01T00:00:00Z"));

    // then
    assertThat(same.entries()).isEmpty();
    assertThat(later.entries()).isEmpty();
  }

  @Test
  void refund_afterExpiry_forgivesThePointsAlreadyLost() {
    // given: the points expired before the order was returned
    Shop shop = shop();
    Order order = order("o-1", "m-1", taipei("2025-01-15T12:00"), "1000");
    shop.apply(new LoyaltyEvent.OrderPaid(order));
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-2", "m-1", taipei("2025-12-15T12:00"), "500")));
    shop.apply(run("expiry-1", "2026-02-01T00:00:00Z"));

    // when
    Decision refund = shop.apply(LoyaltyEvent.OrderReturned.whole("r-1", order, utc("2026-02-02T00:00:00Z")));

    // then: the member lost those 10 points once; the refund does not take them again from o-2
    LedgerEntry.ClawedBack clawback = (LedgerEntry.ClawedBack) refund.entries().get(0);
    assertThat(clawback.points()).isEqualTo(Points.ZERO);
    assertThat(clawback.uncollected()).isEqualTo(Points.of(10));
    assertThat(shop.balance("m-1")).isEqualTo(5);
    assertThat(shop.ledger("m-1").debt()).isEqualTo(Points.ZERO);
  }

  @Test
  void expiry_redeliveredAfterACancelledRedemptionRefilledAnExpiredLot_decidesNothingAndTheNextRunExpiresIt() {
    // given: 10 earned in January 2025, 4 of them redeemed, the rest expired at the end of January 2026
    Shop shop = shop();
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-01-15T12:00"), "1000")));
    shop.apply(new LoyaltyEvent.PointsRedeemed("redeem-1", "m-1", Points.of(4), taipei("2025-06-01T12:00")));
    shop.apply(run("expiry-1", "2026-02-01T00:00:00Z"));
    // the redemption is cancelled after the lot expired: its 4 points go back into the expired lot
    shop.apply(new LoyaltyEvent.RedemptionCancelled("cancel-1", "m-1", "redeem-1", taipei("2026-02-02T12:00")));
    assertThat(shop.balance("m-1")).isEqualTo(4);

    // when
    Decision redelivered = shop.decide(run("expiry-1", "2026-02-01T00:00:00Z"));
    Decision next = shop.apply(run("expiry-2", "2026-02-03T00:00:00Z"));

    // then
    assertThat(redelivered.entries()).isEmpty();
    assertThat(redelivered.notices()).containsExactly("expiry run expiry-1 was already applied");
    assertThat(next.entries()).extracting(LedgerEntry::points).containsExactly(Points.of(-4));
    assertThat(shop.balance("m-1")).isZero();
  }

  /**
   * Found by the soak run (seed 20261207, chain 12395): a redelivered run that had expired nothing
   * expired, at its old instant, points a later cancellation put back into the lot.
   */
  @Test
  void expiry_redeliveredOrLateAfterACancellationRefilledAnExpiredLot_expiresNothingBeforeTheRefill() {
    // given: 10 earned and all redeemed; the run after the lot's expiry finds it empty
    Shop shop = shop();
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-01-15T12:00"), "1000")));
    shop.apply(new LoyaltyEvent.PointsRedeemed("redeem-1", "m-1", Points.of(10), taipei("2025-06-01T12:00")));
    LoyaltyEvent.ExpiryRun first = run("expiry-1", "2026-02-01T00:00:00Z");
    assertThat(shop.apply(first).entries()).isEmpty();
    // the redemption is cancelled after the lot expired: its 10 points go back into it
    shop.apply(new LoyaltyEvent.RedemptionCancelled("cancel-1", "m-1", "redeem-1", utc("2026-02-05T00:00:00Z")));
    assertThat(shop.balance("m-1")).isEqualTo(10);

    // when: the first run is redelivered, and a late run dated before the cancellation arrives
    Decision redelivered = shop.apply(first);
    Decision late = shop.apply(run("expiry-late", "2026-02-03T00:00:00Z"));

    // then: neither backdates an expiry before the points came back
    assertThat(redelivered.entries()).isEmpty();
    assertThat(late.entries()).isEmpty();
    assertThat(shop.balance("m-1")).isEqualTo(10);

    // when: the next run after the cancellation
    Decision next = shop.apply(run("expiry-2", "2026-02-06T00:00:00Z"));

    // then: it expires them, at its own instant
    assertThat(next.entries()).singleElement().satisfies(e -> {
      assertThat(e.points()).isEqualTo(Points.of(-10));
      assertThat(e.occurredAt()).isEqualTo(utc("2026-02-06T00:00:00Z"));
    });
    assertThat(shop.balance("m-1")).isZero();
  }
}
