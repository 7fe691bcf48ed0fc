package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.bonus;
import static org.loyaltyrules.loyalty.rules.Fixtures.multiplier;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.testkit.LedgerSnapshot;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;

/**
 * Exactly once: every kind of event, decided, appended and decided again, adds nothing the second
 * time, and appending the first decision again is a no-op ({@code DUPLICATE}) for every entry.
 * Deciding never changes the ledgers it reads (the engine only proposes entries).
 */
class IdempotencyProperties {
  private static final Programme PROGRAMME = Fixtures.taiwan(
          bonus("welcome", CampaignKind.WELCOME_BONUS, 50, CampaignSchedule.always(), null),
          bonus("first-order", CampaignKind.FIRST_ORDER_BONUS, 100, CampaignSchedule.always(), null),
          bonus("spend-1499", CampaignKind.THRESHOLD_BONUS, 200, CampaignSchedule.always(), "1499"),
          multiplier("wednesdays", "2", CampaignSchedule.every(DayOfWeek.WEDNESDAY)))
      .toBuilder().pendingPeriod(Period.ofDays(7)).pointsExpireAfter(Period.ofMonths(3), false).build();
  private static final LoyaltyRulesEngine ENGINE = Fixtures.engine(PROGRAMME);
  private static final Instant T0 = taipei("2025-03-05T12:00");

  @Provide
  Arbitrary<Order> orders() {
    return RulesArbitraries.orders("x", "cat", Arbitraries.just(T0), 4);
  }

  private static Order as(Order o, String id, Instant at) {
    return new Order(id, o.memberId(), at, o.channel(), o.currency(), o.lines(), o.orderDiscount(), o.shipping());
  }

  @Property(tries = 150)
  void theSameEventTwiceAddsNothing(@ForAll("orders") Order first, @ForAll("orders") Order second,
      @ForAll @IntRange(min = 0, max = 100) int redeemPercent) {
    // given: Ann referred Cat
    Shop shop = new Shop(ENGINE).withoutInvariantChecks();
    shop.join(Member.of("ann", T0, "member"));
    shop.join(Member.of("cat", T0, "member").withReferrer("ann"));
    Order o1 = as(first, "o-1", T0.plusSeconds(3_600));
    Order o2 = as(second, "o-2", T0.plusSeconds(7_200));

    List<LoyaltyEvent> events = new ArrayList<>();
    events.add(new LoyaltyEvent.MemberEnrolled("enrol-cat", "cat", T0));
    events.add(new LoyaltyEvent.OrderPaid(o1));
    events.add(new LoyaltyEvent.OrderPaid(o2));
    // One unit of the first line the ledger records (gift cards earn nothing to return), or the whole order.
    Instant returnedAt = T0.plus(Duration.ofHours(3));
    events.add(o1.lines().stream().filter(ENGINE.programme()::isInEarningBase).findFirst()
        .map(l -> LoyaltyEvent.OrderReturned.of("r-1", o1, List.of(new LoyaltyEvent.ReturnedLine(l.lineId(), 1)), returnedAt))
        .orElse(LoyaltyEvent.OrderReturned.whole("r-1", o1, returnedAt)));
    events.add(new LoyaltyEvent.PendingReleased("release-o-2", "cat", "o-2", T0.plus(Duration.ofDays(1))));
    for (LoyaltyEvent event : events) {
      once(shop, event);
    }
    Instant redeemAt = T0.plus(Duration.ofDays(8));
    long redeemable = shop.ledger("cat").available(redeemAt).value() * redeemPercent / 100;
    List<LoyaltyEvent> later = new ArrayList<>();
    if (redeemable > 0) {
      later.add(new LoyaltyEvent.PointsRedeemed("redeem-1", "cat", Points.of(redeemable), redeemAt));
      later.add(new LoyaltyEvent.RedemptionCancelled("cancel-1", "cat", "redeem-1", redeemAt.plusSeconds(60)));
    }
    later.add(new LoyaltyEvent.ExpiryRun("expiry-1", "cat", T0.plus(Duration.ofDays(120))));
    later.add(new LoyaltyEvent.TierReview("review-1", "cat", T0.plus(Duration.ofDays(120))));
    LoyaltyEvent.OrderReturned rest = TierReviewRulesProperties.returnOf(shop, o2, "r-2",
        T0.plus(Duration.ofDays(121)), true);
    if (rest != null) {
      later.add(rest);
    }
    for (LoyaltyEvent event : later) {
      once(shop, event);
    }
  }

  /** Decides twice (equal, and changing no ledger), appends, then asserts the redelivery adds nothing. */
  private static void once(Shop shop, LoyaltyEvent event) {
    // when
    Map<String, LedgerSnapshot> before = snapshots(shop);
    Decision decision = shop.decide(event);
    assertThat(shop.decide(event)).as("deciding %s twice before appending", event.eventId()).isEqualTo(decision);
    assertThat(snapshots(shop)).as("ledgers after deciding %s", event.eventId()).isEqualTo(before);
    shop.append(decision, event);
    Decision again = shop.decide(event);

    // then
    Map<String, LedgerSnapshot> appended = snapshots(shop);
    assertThat(again.entries()).as("redelivered %s", event.eventId()).isEmpty();
    assertThat(again.tierChange()).as("redelivered %s", event.eventId()).isEmpty();
    for (String memberId : shop.memberIds()) {
      List<LedgerEntry> mine = decision.entriesFor(memberId);
      PointLedger ledger = shop.ledger(memberId);
      int size = ledger.size();
      assertThat(ledger.appendAll(mine)).allMatch(r -> r == PointLedger.AppendResult.DUPLICATE);
      assertThat(ledger.size()).isEqualTo(size);
    }
    assertThat(snapshots(shop)).isEqualTo(appended);
  }

  private static Map<String, LedgerSnapshot> snapshots(Shop shop) {
    Map<String, LedgerSnapshot> result = new LinkedHashMap<>();
    for (String memberId : shop.memberIds()) {
      result.put(memberId, LedgerSnapshot.of(shop.ledger(memberId)));
    }
    return result;
  }
}
