package org.loyaltyrules.loyalty.rules.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Tier;
import org.loyaltyrules.loyalty.TierLadder;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;
import org.loyaltyrules.loyalty.rules.Programmes;
import org.loyaltyrules.loyalty.rules.RuleBase;

/**
 * Worked examples for the replay's review schedule (issue 14, item 10): tier reviews and expiry
 * runs at each monthly or yearly boundary, interleaved with the events in time order.
 */
class ReplayScheduleTest {
  static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

  /** Today's {@code Programmes.taiwan} settings, pinned here so the figures do not move with its defaults. */
  static Programme programme(boolean pending) {
    TierLadder ladder = TierLadder.of(
        Tier.of("member", 0, Money.of("0", "TWD"), Period.ofMonths(12)),
        Tier.of("silver", 1, Money.of("10000", "TWD"), Period.ofMonths(12)),
        Tier.of("gold", 2, Money.of("30000", "TWD"), Period.ofMonths(12)));
    Programme.Builder b = Programme.builder(Money.of("0", "TWD").currency(), TAIPEI, ladder)
        .pointsExpireAfter(Period.ofMonths(12), true)
        .excludeFromEarning(Set.of(), Set.of("gift-card"));
    if (pending) {
      b.pendingPeriod(Period.ofDays(7));
    }
    return b.campaigns(Programmes.defaultReferrals(Money.of("0", "TWD").currency())).build();
  }

  static final LoyaltyRulesEngine ENGINE =
      LoyaltyRulesEngine.builder(programme(false)).ruleBase(RuleBase.defaults()).build();

  static Instant taipei(String local) {
    return LocalDateTime.parse(local).atZone(TAIPEI).toInstant();
  }

  static LoyaltyEvent.OrderPaid paid(String id, String memberId, Instant at, int price) {
    Money unit = Money.of(Integer.toString(price), "TWD");
    return new LoyaltyEvent.OrderPaid(new Order(id, memberId, at, Channel.ONLINE_STORE, unit.currency(),
        List.of(OrderLine.of("1", "sku", "home", 1, unit)), Money.zero(unit.currency()), Money.zero(unit.currency())));
  }

  /** m-1 joins and spends NT$12,000 (silver at once, 120 points); 14 months later m-2 orders. */
  static List<LoyaltyEvent> history() {
    return List.of(new LoyaltyEvent.MemberEnrolled("e-1", "m-1", taipei("2025-01-10T10:00")),
        paid("o-1", "m-1", taipei("2025-01-15T12:00"), 12_000),
        new LoyaltyEvent.MemberEnrolled("e-2", "m-2", taipei("2026-03-10T09:00")),
        paid("o-2", "m-2", taipei("2026-03-10T10:00"), 500));
  }

  static ReplayResult run(ReviewSchedule reviews, int threads) {
    return Replay.builder().lane("x", ENGINE).reviews(reviews).threads(threads).build().run(history());
  }

  @Test
  void replay_monthlySchedule_expiresAndDowngradesAtTheFirstBoundaryTheyAreDue() {
    // when
    ReplayResult result = run(ReviewSchedule.MONTHLY, 1);

    // then: boundaries 2025-02-01 … 2026-03-01 (14) ran for m-1 before m-2's events; m-2 joined
    // after the last one. On 2026-02-01 the 120 points of 2025-01-15 expire (12 months, to the end
    // of the month) and the review finds no spend in the window: silver → member.
    Lane lane = result.lane();
    MemberAccount m1 = lane.accounts().get("m-1");
    assertThat(lane.reviews()).isEqualTo(ReviewSchedule.MONTHLY);
    assertThat(lane.reviewsRun()).isEqualTo(14);
    assertThat(lane.expiryRuns()).isEqualTo(14);
    assertThat(lane.pointsExpired()).isEqualTo(120);
    assertThat(lane.downgrades()).isEqualTo(1);
    assertThat(m1.member().tierCode()).isEqualTo("member");
    assertThat(m1.tierHistory()).extracting(c -> c.to() + "@" + c.effectiveAt())
        .containsExactly("silver@" + taipei("2025-01-15T12:00"), "member@" + taipei("2026-02-01T00:00"));
    PointLedger ledger = m1.ledger();
    assertThat(ledger.balance().value()).isZero();
    assertThat(ledger.entries()).filteredOn(e -> e instanceof LedgerEntry.Expired)
        .singleElement().satisfies(e -> assertThat(e.occurredAt()).isEqualTo(taipei("2026-02-01T00:00")));
    assertThat(lane.tierDistribution()).containsEntry("member", 2L).containsEntry("silver", 0L);
    assertThat(result.problems()).isEmpty();
  }

  @Test
  void replay_yearlySchedule_reviewsOnFirstJanuaryOnly() {
    // when
    ReplayResult result = run(ReviewSchedule.YEARLY, 1);

    // then: one boundary, 2026-01-01, when the window still holds the order and the points have a
    // month to go: m-1 stays silver with 120 points
    Lane lane = result.lane();
    assertThat(lane.reviewsRun()).isEqualTo(1);
    assertThat(lane.expiryRuns()).isEqualTo(1);
    assertThat(lane.pointsExpired()).isZero();
    assertThat(lane.accounts().get("m-1").member().tierCode()).isEqualTo("silver");
    assertThat(lane.accounts().get("m-1").ledger().balance().value()).isEqualTo(120);
  }

  @Test
  void replay_noSchedule_decidesOnlyTheEventsGiven() {
    // when
    ReplayResult result = run(ReviewSchedule.NONE, 1);

    // then: a year on, m-1 still sits in silver with points a running shop would have expired
    Lane lane = result.lane();
    assertThat(lane.reviews()).isEqualTo(ReviewSchedule.NONE);
    assertThat(lane.reviewsRun()).isZero();
    assertThat(lane.expiryRuns()).isZero();
    assertThat(lane.accounts().get("m-1").member().tierCode()).isEqualTo("silver");
    assertThat(lane.accounts().get("m-1").ledger().balance().value()).isEqualTo(120);
    assertThat(Replay.builder().lane("x", ENGINE).build().reviews()).isEqualTo(ReviewSchedule.NONE);
  }

  @Test
  void replay_monthlySchedule_sameLedgersOnFourThreads() {
    // when
    ReplayResult one = run(ReviewSchedule.MONTHLY, 1);
    ReplayResult four = run(ReviewSchedule.MONTHLY, 4);

    // then
    for (String id : List.of("m-1", "m-2")) {
      assertThat(four.lane().accounts().get(id).ledger().entries())
          .isEqualTo(one.lane().accounts().get(id).ledger().entries());
      assertThat(four.lane().accounts().get(id).member()).isEqualTo(one.lane().accounts().get(id).member());
    }
    assertThat(four.lane().reviewsRun()).isEqualTo(one.lane().reviewsRun());
  }

  @Test
  void replay_recordedDecisions_nameTheScheduledJobsByDateAndMember() {
    // when
    ReplayResult result = Replay.builder().lane("x", ENGINE).reviews(ReviewSchedule.MONTHLY).threads(1)
        .recordDecisions(true).build().run(history());

    // then: the jobs of a boundary come before the event they precede, with its position
    List<String> ids = result.decisions().stream().map(d -> d.sequence() + " " + d.event().eventId()).toList();
    assertThat(ids).startsWith("0 e-1", "1 o-1", "2 expiry-run/2025-02-01/m-1", "2 tier-review/2025-02-01/m-1");
    assertThat(ids).endsWith("2 expiry-run/2026-03-01/m-1", "2 tier-review/2026-03-01/m-1", "2 e-2", "3 o-2");
  }

  @Test
  void replay_pendingPoints_becomeAvailableWhenTheirWindowEndsWithoutAnyEvent() {
    // given: points held 7 days (the return window)
    LoyaltyRulesEngine pending = LoyaltyRulesEngine.builder(programme(true)).ruleBase(RuleBase.defaults()).build();

    // when
    ReplayResult result = Replay.builder().lane("x", pending).reviews(ReviewSchedule.MONTHLY).threads(1).build()
        .run(history());

    // then: pending during the window, available after it, as in a running shop
    PointLedger ledger = result.lane().accounts().get("m-2").ledger();
    assertThat(ledger.pending(taipei("2026-03-16T10:00")).value()).isEqualTo(5);
    assertThat(ledger.available(taipei("2026-03-17T10:00")).value()).isEqualTo(5);
  }

  @Test
  void next_monthlyAndYearly_areLocalMidnightOnTheFirst() {
    // given
    ZoneId london = ZoneId.of("Europe/London");
    Instant summer = Instant.parse("2011-07-15T12:00:00Z");

    // when / then: 00:00 BST is 23:00 UTC the day before
    assertThat(ReviewSchedule.MONTHLY.next(summer, london)).hasValue(Instant.parse("2011-07-31T23:00:00Z"));
    assertThat(ReviewSchedule.YEARLY.next(summer, london)).hasValue(Instant.parse("2012-01-01T00:00:00Z"));
    assertThat(ReviewSchedule.MONTHLY.next(Instant.parse("2011-07-31T23:00:00Z"), london))
        .hasValue(Instant.parse("2011-08-31T23:00:00Z"));
    assertThat(ReviewSchedule.NONE.next(summer, london)).isEmpty();
    assertThat(ReviewSchedule.YEARLY.next(Instant.parse("9999-06-01T00:00:00Z"), ZoneId.of("UTC"))).isEmpty();
  }

  @Test
  void parseAndDefault_namesAndProgrammes_giveTheSchedule() {
    // given
    Programme oneTierNoExpiry = Programme.builder(Money.of("0", "TWD").currency(), TAIPEI,
        TierLadder.of(Tier.of("member", 0, Money.of("0", "TWD"), Period.ofMonths(12)))).build();

    // when / then
    assertThat(ReviewSchedule.parse(" Monthly ")).isEqualTo(ReviewSchedule.MONTHLY);
    assertThat(ReviewSchedule.YEARLY.id()).isEqualTo("yearly");
    assertThat(ReviewSchedule.defaultFor(Programmes.taiwan(List.of()))).isEqualTo(ReviewSchedule.MONTHLY);
    assertThat(ReviewSchedule.defaultFor(oneTierNoExpiry)).isEqualTo(ReviewSchedule.NONE);
    assertThatThrownBy(() -> ReviewSchedule.parse("weekly")).isInstanceOf(InvalidValueException.class)
        .hasMessage("Invalid review schedule: name [weekly]; expected monthly, yearly or none");
  }
}
