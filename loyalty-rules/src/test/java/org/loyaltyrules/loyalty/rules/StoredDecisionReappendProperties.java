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
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.json.LoyaltyJson;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;
import org.loyaltyrules.loyalty.testkit.LedgerSnapshot;

/**
 * A host stores what the engine decided as JSON and applies what it reads back: every decision of a
 * member's life (enrolment, referred orders paying an upline, a partial return, an early release, a
 * redemption and its cancellation, expiry, a tier review, the rest returned) reads back equal to the
 * decision, and appending the read-back decision again to the ledgers that already hold it gives only
 * {@code DUPLICATE} and changes no ledger (entries, balance, lots, debt).
 */
class StoredDecisionReappendProperties {
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

  @Property(tries = 100)
  void decisionsReadBackFromJsonAreEqualAndReappendAsDuplicates(@ForAll("orders") Order first,
      @ForAll("orders") Order second, @ForAll @IntRange(min = 0, max = 100) int redeemPercent) {
    // given: Ann referred Cat, so Cat's orders also decide entries for Ann's ledger
    Shop shop = new Shop(ENGINE).withoutInvariantChecks();
    shop.join(Member.of("ann", T0, "member"));
    shop.join(Member.of("cat", T0, "member").withReferrer("ann"));
    Order o1 = as(first, "o-1", T0.plusSeconds(3_600));
    Order o2 = as(second, "o-2", T0.plusSeconds(7_200));

    // when / then, event by event: the ledgers each decision is made from depend on every earlier one
    storeAndApply(shop, new LoyaltyEvent.MemberEnrolled("enrol-cat", "cat", T0));
    storeAndApply(shop, new LoyaltyEvent.OrderPaid(o1));
    storeAndApply(shop, new LoyaltyEvent.OrderPaid(o2));
    LoyaltyEvent.OrderReturned partly = TierReviewRulesProperties.returnOf(shop, o1, "r-1", T0.plus(Duration.ofHours(3)), false);
    if (partly != null) {
      storeAndApply(shop, partly);
    }
    storeAndApply(shop, new LoyaltyEvent.PendingReleased("release-o-2", "cat", "o-2", T0.plus(Duration.ofDays(1))));
    Instant redeemAt = T0.plus(Duration.ofDays(8));
    long redeemable = shop.ledger("cat").available(redeemAt).value() * redeemPercent / 100;
    if (redeemable > 0) {
      storeAndApply(shop, new LoyaltyEvent.PointsRedeemed("redeem-1", "cat", Points.of(redeemable), redeemAt));
      storeAndApply(shop, new LoyaltyEvent.RedemptionCancelled("cancel-1", "cat", "redeem-1", redeemAt.plusSeconds(60)));
    }
    storeAndApply(shop, new LoyaltyEvent.ExpiryRun("expiry-1", "cat", T0.plus(Duration.ofDays(120))));
    storeAndApply(shop, new LoyaltyEvent.TierReview("review-1", "cat", T0.plus(Duration.ofDays(120))));
    LoyaltyEvent.OrderReturned rest = TierReviewRulesProperties.returnOf(shop, o2, "r-2", T0.plus(Duration.ofDays(121)), true);
    if (rest != null) {
      storeAndApply(shop, rest);
    }
  }

  /** Decides, stores decision and event as JSON, applies what was read back, then re-appends it. */
  private static void storeAndApply(Shop shop, LoyaltyEvent event) {
    Decision decision = shop.decide(event);
    String stored = LoyaltyJson.write(decision);
    Decision read = LoyaltyJson.read(stored, Decision.class);
    assertThat(read).as("decision of %s read back", event.eventId()).isEqualTo(decision);
    assertThat(LoyaltyJson.read(LoyaltyJson.write(event), LoyaltyEvent.class)).as("event read back").isEqualTo(event);
    shop.append(read, event);
    Map<String, LedgerSnapshot> applied = snapshots(shop);

    Decision again = LoyaltyJson.read(stored, Decision.class);
    for (String memberId : shop.memberIds()) {
      List<PointLedger.AppendResult> results = shop.ledger(memberId).appendAll(again.entriesFor(memberId));
      assertThat(results).as("re-appended %s to %s", event.eventId(), memberId)
          .hasSize(again.entriesFor(memberId).size()).allMatch(r -> r == PointLedger.AppendResult.DUPLICATE);
    }
    assertThat(snapshots(shop)).as("ledgers after re-appending %s", event.eventId()).isEqualTo(applied);
  }

  private static Map<String, LedgerSnapshot> snapshots(Shop shop) {
    Map<String, LedgerSnapshot> result = new LinkedHashMap<>();
    for (String memberId : new ArrayList<>(shop.memberIds())) {
      result.put(memberId, LedgerSnapshot.of(shop.ledger(memberId)));
    }
    return result;
  }
}
