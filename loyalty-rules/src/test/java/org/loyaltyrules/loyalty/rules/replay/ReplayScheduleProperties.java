package org.loyaltyrules.loyalty.rules.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.loyaltyrules.loyalty.LoyaltyEvent;

/**
 * Issue 14, item 10: a scheduled replay decides exactly what a shop decides when its daily job runs
 * the expiry run and tier review of every enrolled member at each boundary, interleaved in time with
 * the orders; and it does so whatever the thread count.
 */
class ReplayScheduleProperties {

  /** One order: member index, day offset from the start, price in NT$. */
  record Step(int member, int day, int price) {}

  @Provide
  Arbitrary<List<Step>> histories() {
    Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 3),
        Arbitraries.integers().between(0, 800), Arbitraries.of(300, 2_500, 6_000, 12_000, 31_000)).as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(12);
  }

  private static List<LoyaltyEvent> events(List<Step> steps) {
    List<Step> sorted = new ArrayList<>(steps);
    sorted.sort((a, b) -> Integer.compare(a.day(), b.day()));
    List<LoyaltyEvent> events = new ArrayList<>();
    List<Integer> enrolled = new ArrayList<>();
    Instant start = ReplayScheduleTest.taipei("2025-01-10T10:00");
    for (int i = 0; i < sorted.size(); i++) {
      Step s = sorted.get(i);
      Instant at = start.plusSeconds(86_400L * s.day() + i);
      if (!enrolled.contains(s.member())) {
        enrolled.add(s.member());
        events.add(new LoyaltyEvent.MemberEnrolled("e-" + s.member(), "m-" + s.member(), at));
      }
      events.add(ReplayScheduleTest.paid("o-" + i, "m-" + s.member(), at.plusMillis(1), s.price()));
    }
    return events;
  }

  /** The events with the jobs a shop's scheduler adds, written out by hand. */
  private static List<LoyaltyEvent> withJobs(List<LoyaltyEvent> events, ReviewSchedule schedule) {
    List<LoyaltyEvent> result = new ArrayList<>();
    TreeMap<String, Instant> enrolled = new TreeMap<>();
    Optional<Instant> next = Optional.empty();
    for (LoyaltyEvent e : events) {
      if (result.isEmpty()) {
        next = schedule.next(e.occurredAt(), ReplayScheduleTest.TAIPEI);
      }
      while (next.isPresent() && !e.occurredAt().isBefore(next.get())) {
        Instant b = next.get();
        LocalDate date = b.atZone(ReplayScheduleTest.TAIPEI).toLocalDate();
        enrolled.forEach((member, since) -> {
          if (!since.isAfter(b)) {
            result.add(new LoyaltyEvent.ExpiryRun("expiry-run/" + date + "/" + member, member, b));
            result.add(new LoyaltyEvent.TierReview("tier-review/" + date + "/" + member, member, b));
          }
        });
        next = schedule.next(b, ReplayScheduleTest.TAIPEI);
      }
      if (e instanceof LoyaltyEvent.MemberEnrolled) {
        enrolled.put(e.memberId(), e.occurredAt());
      }
      result.add(e);
    }
    return result;
  }

  @Property(tries = 40)
  void scheduledReplayEqualsTheJobsInterleavedByHand(@ForAll("histories") List<Step> steps,
      @ForAll ReviewSchedule schedule) {
    // given
    List<LoyaltyEvent> events = events(steps);

    // when
    ReplayResult scheduled = Replay.builder().lane("x", ReplayScheduleTest.ENGINE).reviews(schedule).threads(1)
        .build().run(events);
    ReplayResult byHand = Replay.builder().lane("x", ReplayScheduleTest.ENGINE).threads(1).build()
        .run(withJobs(events, schedule));

    // then
    assertThat(scheduled.problems()).isEmpty();
    assertThat(byHand.problems()).isEmpty();
    Lane a = scheduled.lane();
    Lane b = byHand.lane();
    assertThat(a.accounts().keySet()).isEqualTo(b.accounts().keySet());
    for (String id : a.accounts().keySet()) {
      assertThat(a.accounts().get(id).ledger().entries()).isEqualTo(b.accounts().get(id).ledger().entries());
      assertThat(a.accounts().get(id).member()).isEqualTo(b.accounts().get(id).member());
    }
    assertThat(a.reviewsRun()).isEqualTo(b.reviewsRun());
    assertThat(a.pointsExpired()).isEqualTo(b.pointsExpired());
    assertThat(a.downgrades()).isEqualTo(b.downgrades());
  }

  @Property(tries = 20)
  void scheduledReplayIsTheSameOnAnyThreadCount(@ForAll("histories") List<Step> steps,
      @ForAll ReviewSchedule schedule) {
    // given
    List<LoyaltyEvent> events = events(steps);

    // when
    ReplayResult one = Replay.builder().lane("x", ReplayScheduleTest.ENGINE).reviews(schedule).threads(1).build()
        .run(events);
    ReplayResult three = Replay.builder().lane("x", ReplayScheduleTest.ENGINE).reviews(schedule).threads(3).build()
        .run(events);

    // then
    for (String id : one.lane().accounts().keySet()) {
      assertThat(three.lane().accounts().get(id).ledger().entries())
          .isEqualTo(one.lane().accounts().get(id).ledger().entries());
      assertThat(three.lane().accounts().get(id).member()).isEqualTo(one.lane().accounts().get(id).member());
    }
    assertThat(three.lane().tierDistribution()).isEqualTo(one.lane().tierDistribution());
    assertThat(three.lane().pointsExpired()).isEqualTo(one.lane().pointsExpired());
  }
}
