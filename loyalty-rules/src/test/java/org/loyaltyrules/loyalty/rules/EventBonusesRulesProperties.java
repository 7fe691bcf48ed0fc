package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.BeyondHorizonException;
import org.loyaltyrules.loyalty.CampaignLimits;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Points;

/**
 * Properties of event-bonus campaigns over random sequences of custom events from two members,
 * spread over ten weeks, with redeliveries of earlier events mixed in, applied in order by a host
 * that adds each decision's budget use for the entries it appended.
 */
class EventBonusesRulesProperties {
  private static final Instant START = taipei("2026-03-01T00:00");
  private static final List<String> MEMBERS = List.of("m-1", "m-2");

  /**
   * One step: a new event (member, type, minutes after the start) or the redelivery of the
   * {@code redeliver}-th earlier event (modulo their count).
   */
  record Step(int member, String type, long minutes, int redeliver, boolean isRedelivery) {}

  @Provide
  Arbitrary<CampaignLimits> limits() {
    Arbitrary<Optional<Integer>> day = Arbitraries.integers().between(1, 3).optional(0.6);
    Arbitrary<Optional<Integer>> week = Arbitraries.integers().between(1, 6).optional(0.5);
    Arbitrary<Optional<Integer>> month = Arbitraries.integers().between(1, 12).optional(0.5);
    Arbitrary<Optional<Integer>> life = Arbitraries.integers().between(1, 25).optional(0.3);
    Arbitrary<Optional<Points>> total = Arbitraries.longs().between(1, 400).map(Points::of).optional(0.5);
    Arbitrary<Optional<Points>> member = Arbitraries.longs().between(1, 200).map(Points::of).optional(0.4);
    return Combinators.combine(day, week, month, life, total, member).as(CampaignLimits::new);
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> fresh = Combinators.combine(Arbitraries.integers().between(0, 1),
            Arbitraries.of("check-in", "review"), Arbitraries.longs().between(0, 70L * 24 * 60))
        .as((m, type, minutes) -> new Step(m, type, minutes, 0, false));
    Arbitrary<Step> again = Arbitraries.integers().between(0, 1_000).map(i -> new Step(0, "", 0, i, true));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, fresh), net.jqwik.api.Tuple.of(1, again))
        .list().ofMinSize(1).ofMaxSize(60);
  }

  @Property(tries = 60)
  void limitsAndBudgetsHoldAndRedeliveredEventsAddNothing(@ForAll("limits") CampaignLimits checkInLimits,
      @ForAll("limits") CampaignLimits reviewLimits, @ForAll("steps") List<Step> steps,
      @ForAll @net.jqwik.api.constraints.LongRange(min = 1, max = 60) long checkInPoints) {
    // given
    Campaign.EventBonus checkIn = Campaign.eventBonus("check-in", "Check-in", "check-in", Points.of(checkInPoints),
        CampaignSchedule.always()).withLimits(checkInLimits);
    Campaign.EventBonus review = Campaign.eventBonus("review", "Review", "review", Points.of(25),
        CampaignSchedule.always()).withLimits(reviewLimits);
    Shop shop = new Shop(Fixtures.taiwan(checkIn, review));
    MEMBERS.forEach(id -> shop.join(Member.of(id, START, "member")));
    List<LoyaltyEvent.CustomEvent> sent = new ArrayList<>();

    // when
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      if (step.isRedelivery() && !sent.isEmpty()) {
        LoyaltyEvent.CustomEvent old = sent.get(step.redeliver() % sent.size());
        long before = shop.balance(old.memberId());
        long budgetBefore = shop.context(old.memberId()).budgets().used().values().stream().mapToLong(Points::value).sum();
        Decision decision = shop.apply(old);
        // then: a redelivered event adds nothing, to the ledger or to the budgets
        assertThat(decision.entries()).as("redelivery of %s", old.eventId()).isEmpty();
        assertThat(shop.balance(old.memberId())).isEqualTo(before);
        assertThat(shop.context(old.memberId()).budgets().used().values().stream().mapToLong(Points::value).sum())
            .isEqualTo(budgetBefore);
      } else if (!step.isRedelivery()) {
        LoyaltyEvent.CustomEvent event = LoyaltyEvent.CustomEvent.of("ev-" + i, MEMBERS.get(step.member()), step.type(),
            START.plusSeconds(step.minutes() * 60));
        sent.add(event);
        shop.apply(event);
      }
    }

    // then: every limit holds per member and period, and every budget
    for (Campaign.EventBonus campaign : List.of(checkIn, review)) {
      CampaignLimits limits = campaign.limits();
      long total = 0;
      for (String member : MEMBERS) {
        List<LedgerEntry> paid = shop.ledger(member).entries().stream()
            .filter(e -> EntryKey.parse(e.key()) instanceof EntryKey.EventBonus k && k.campaignId().equals(campaign.id()))
            .toList();
        long points = paid.stream().mapToLong(e -> e.points().value()).sum();
        total += points;
        assertThat(paid).allSatisfy(e -> assertThat(e.points().value()).isBetween(1L, campaign.points().value()));
        limits.perDay().ifPresent(max -> assertThat(maxPerPeriod(paid, d -> d)).isLessThanOrEqualTo(max));
        limits.perWeek().ifPresent(max -> assertThat(maxPerPeriod(paid,
            d -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)))).isLessThanOrEqualTo(max));
        limits.perMonth().ifPresent(max -> assertThat(maxPerPeriod(paid, d -> d.withDayOfMonth(1)))
            .isLessThanOrEqualTo(max));
        limits.lifetime().ifPresent(max -> assertThat(paid.size()).isLessThanOrEqualTo(max));
        limits.memberBudget().ifPresent(max -> assertThat(points).isLessThanOrEqualTo(max.value()));
      }
      long spent = total;
      limits.totalBudget().ifPresent(max -> assertThat(spent).isLessThanOrEqualTo(max.value()));
      if (limits.totalBudget().isPresent()) {
        MerchantHostView.assertUsed(shop, campaign.id(), spent);
      }
    }
  }

  @Property(tries = 40)
  void aLedgerRebuiltFromACheckpointDecidesAsTheFullHistoryOrRefusesBeyondItsHorizon(
      @ForAll("limits") CampaignLimits limits, @ForAll("steps") List<Step> steps,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 100) int horizonPercent) {
    // given: the check-ins and reviews of one member, then a checkpoint with a random horizon
    Campaign.EventBonus checkIn = Campaign.eventBonus("check-in", "Check-in", "check-in", Points.of(5),
        CampaignSchedule.always()).withLimits(limits);
    Campaign.EventBonus review = Campaign.eventBonus("review", "Review", "review", Points.of(25),
        CampaignSchedule.always().between(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 12, 31))).withLimits(limits);
    Shop shop = new Shop(Fixtures.taiwan(checkIn, review));
    shop.join(Member.of("m-1", START, "member"));
    List<Step> fresh = steps.stream().filter(s -> !s.isRedelivery()).toList();
    if (fresh.size() < 2) {
      return;
    }
    Instant asOf = START;
    for (int i = 0; i < fresh.size() - 1; i++) {
      Instant at = START.plusSeconds(fresh.get(i).minutes() * 60);
      shop.apply(LoyaltyEvent.CustomEvent.of("ev-" + i, "m-1", fresh.get(i).type(), at));
      asOf = at.isAfter(asOf) ? at : asOf;
    }
    Instant horizon = START.plusSeconds((asOf.getEpochSecond() - START.getEpochSecond()) * horizonPercent / 100);
    PointLedger full = shop.ledger("m-1");
    PointLedger rebuilt = PointLedger.fromCheckpoint(full.checkpoint(asOf, horizon), List.of());
    Step last = fresh.get(fresh.size() - 1);
    LoyaltyEvent.CustomEvent next = LoyaltyEvent.CustomEvent.of("ev-last", "m-1", last.type(),
        asOf.plusSeconds(last.minutes() % (14 * 24 * 60) * 60));
    DecisionContext fullContext = shop.context("m-1");
    DecisionContext rebuiltContext = new DecisionContext(new MemberState(shop.member("m-1"), rebuilt), List.of(),
        fullContext.budgets());

    // when
    Decision expected = shop.decide(next);
    Decision actual;
    try {
      actual = shop.engine.decide(next, rebuiltContext);
    } catch (BeyondHorizonException refused) {
      // then: refused, which a host answers by deciding from the full history
      net.jqwik.api.statistics.Statistics.collect("refused beyond the horizon");
      return;
    }
    net.jqwik.api.statistics.Statistics.collect("decided from the checkpoint");

    // then: the same decision as from the full history
    assertThat(actual.entries()).isEqualTo(expected.entries());
    assertThat(actual.notices()).isEqualTo(expected.notices());
  }

  /** The most awards in one period, periods named by their first date. */
  private static long maxPerPeriod(List<LedgerEntry> paid, Function<LocalDate, LocalDate> period) {
    Map<LocalDate, Long> counts = new HashMap<>();
    for (LedgerEntry e : paid) {
      counts.merge(period.apply(e.occurredAt().atZone(Fixtures.TAIPEI).toLocalDate()), 1L, Long::sum);
    }
    return counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
  }

  /** The host's budget counter equals what the ledgers show the campaign paid. */
  private static final class MerchantHostView {
    static void assertUsed(Shop shop, String campaignId, long paid) {
      assertThat(shop.context("m-1").budgets().usedBy(campaignId)).contains(Points.of(paid));
    }
  }
}
