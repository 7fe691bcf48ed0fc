package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.multiplier;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;

import java.time.Instant;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EngineRule;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Points;

/**
 * Worked examples for pending points: with a 14-day return window, an order's points are held
 * until it ends, unless the host releases them earlier (e.g. the parcel was delivered and accepted).
 */
class PendingReleaseTest {
  private static final Instant PAID = taipei("2025-03-05T12:00");

  /** A member whose NT$1,000 order on a double-points day earned 10 + 10 held points. */
  private static Shop shop() {
    Shop shop = new Shop(taiwan(multiplier("double", "2", CampaignSchedule.always())).toBuilder()
        .pendingPeriod(Period.ofDays(14)).build());
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", PAID, "1000")));
    return shop;
  }

  @Test
  void pending_pointsAreHeldForTheReturnWindow() {
    // when
    Shop shop = shop();

    // then
    assertThat(shop.ledger("m-1").pending(PAID.plusSeconds(60))).isEqualTo(Points.of(20));
    assertThat(shop.ledger("m-1").available(PAID.plusSeconds(60))).isEqualTo(Points.ZERO);
    assertThat(shop.ledger("m-1").available(taipei("2025-03-19T12:00"))).isEqualTo(Points.of(20));
  }

  @Test
  void release_early_makesEveryAwardOfTheOrderAvailable() {
    // given
    Shop shop = shop();
    Instant at = taipei("2025-03-07T12:00");

    // when
    Decision decision = shop.apply(new LoyaltyEvent.PendingReleased("release-1", "m-1", "o-1", at));

    // then
    assertThat(decision.entries()).extracting(LedgerEntry::key)
        .containsExactly(EntryKey.release(EntryKey.orderBase("o-1")).text(), EntryKey.release(EntryKey.orderCampaign("o-1", "double")).text());
    LedgerEntry.Released released = (LedgerEntry.Released) decision.entries().get(0);
    assertThat(released.lotKey()).isEqualTo(EntryKey.orderBase("o-1").text());
    assertThat(released.points()).isEqualTo(Points.ZERO);
    assertThat(released.provenance().rule()).isEqualTo(EngineRule.RELEASE);
    assertThat(released.provenance().reason()).isEqualTo("10 points of order:o-1:base released before their"
        + " pending period ended (2025-03-19T04:00:00Z)");
    assertThat(shop.ledger("m-1").available(at)).isEqualTo(Points.of(20));
    assertThat(shop.balance("m-1")).isEqualTo(20);
  }

  @Test
  void release_twice_releasesOnce() {
    // given
    Shop shop = shop();
    shop.apply(new LoyaltyEvent.PendingReleased("release-1", "m-1", "o-1", taipei("2025-03-07T12:00")));

    // when
    Decision again = shop.decide(new LoyaltyEvent.PendingReleased("release-2", "m-1", "o-1", taipei("2025-03-08T12:00")));

    // then
    assertThat(again.entries()).isEmpty();
    assertThat(again.notices()).containsExactly("no pending points of order o-1 to release");
  }

  @Test
  void release_afterTheWindow_hasNothingToDo() {
    // given
    Shop shop = shop();

    // when
    Decision decision = shop.decide(new LoyaltyEvent.PendingReleased("release-1", "m-1", "o-1", taipei("2025-03-19T12:00")));

    // then
    assertThat(decision.entries()).isEmpty();
    assertThat(shop.ledger("m-1").available(taipei("2025-03-19T12:00"))).isEqualTo(Points.of(20));
  }

  @Test
  void release_ofAnUnknownOrder_releasesNothing() {
    // when
    Decision decision = shop().decide(new LoyaltyEvent.PendingReleased("release-1", "m-1", "o-9", taipei("2025-03-07T12:00")));

    // then
    assertThat(decision.entries()).isEmpty();
    assertThat(decision.notices()).containsExactly("no pending points of order o-9 to release");
  }
}
