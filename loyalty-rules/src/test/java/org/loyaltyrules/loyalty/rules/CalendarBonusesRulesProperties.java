package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.CalendarBonusesRulesTest.ANNIVERSARY_100;
import static org.loyaltyrules.loyalty.rules.CalendarBonusesRulesTest.BIRTHDAY_200;
import static org.loyaltyrules.loyalty.rules.CalendarBonusesRulesTest.COUPON;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.PointLedger;

/**
 * Properties of {@code calendar-bonuses.drl} over random runs of the daily job: days in any order, with
 * repeats, gaps of months and redeliveries of the same event.
 */
class CalendarBonusesRulesProperties {

  /**
   * A member (birthday, enrolment date) and the days the host ran the job for them: each day an offset
   * from the enrolment date, some run twice, some events redelivered (decided and appended again).
   *
   * @param birthday the member's birthday
   * @param enrolledOn the enrolment date
   * @param days the offsets in days after enrolment, in the order the host ran them
   * @param redelivered for each run, whether the same event arrives a second time
   */
  record Run(MonthDay birthday, LocalDate enrolledOn, List<Integer> days, List<Boolean> redelivered) {}

  @Provide
  Arbitrary<Run> runs() {
    Arbitrary<MonthDay> birthdays = Arbitraries.of(MonthDay.of(1, 1), MonthDay.of(2, 29), MonthDay.of(3, 15),
        MonthDay.of(7, 31), MonthDay.of(12, 31));
    Arbitrary<LocalDate> enrolments = Arbitraries.integers().between(0, 700).map(LocalDate.of(2024, 1, 1)::plusDays);
    // Clustered offsets (a few days around a few anchors) give repeats and runs of days within one month.
    Arbitrary<Integer> day = Combinators.combine(Arbitraries.integers().between(1, 1100), Arbitraries.integers().between(0, 3))
        .as((anchor, jitter) -> anchor - anchor % 30 + jitter + 1);
    return Combinators.combine(birthdays, enrolments, day.list().ofMinSize(1).ofMaxSize(30),
            Arbitraries.of(true, false, false, false).list().ofSize(30))
        .as(Run::new);
  }

  @Property(tries = 120)
  void birthdayPaysOncePerBirthdayYearOnlyInTheBirthdayMonthAndAnniversaryOncePerAnniversary(@ForAll("runs") Run run) {
    // given
    Shop shop = new Shop(Fixtures.taiwan(BIRTHDAY_200, COUPON, ANNIVERSARY_100));
    Instant enrolled = run.enrolledOn().atTime(LocalTime.of(9, 0)).atZone(Fixtures.TAIPEI).toInstant();
    shop.join(Member.of("m-1", enrolled, "member").withBirthday(run.birthday()));
    Set<Integer> birthdayYears = new TreeSet<>();
    Set<Integer> anniversaries = new TreeSet<>();

    // when
    for (int i = 0; i < run.days().size(); i++) {
      LocalDate date = run.enrolledOn().plusDays(run.days().get(i));
      LoyaltyEvent.DayStarted event = new LoyaltyEvent.DayStarted("day:" + date, "m-1", date,
          date.atTime(LocalTime.of(0, 10)).atZone(Fixtures.TAIPEI).toInstant());
      Decision decision = shop.apply(event);
      if (run.redelivered().get(i)) {
        assertThat(shop.decide(event).entries()).isEmpty();
        assertThat(shop.ledger("m-1").appendAll(decision.entries())).allMatch(r -> r == PointLedger.AppendResult.DUPLICATE);
      }
      if (date.getMonth() == run.birthday().getMonth()) {
        birthdayYears.add(date.getYear());
      }
      if (date.getMonth() == run.enrolledOn().getMonth() && date.getYear() > run.enrolledOn().getYear()) {
        anniversaries.add(date.getYear() - run.enrolledOn().getYear());
      }
    }

    // then: one entry per period, dated in that period
    Map<Integer, Integer> birthdayPaid = new TreeMap<>();
    Map<Integer, Integer> couponsGiven = new TreeMap<>();
    Set<Integer> anniversariesPaid = new TreeSet<>();
    for (LedgerEntry entry : shop.ledger("m-1").entries()) {
      LocalDate on = entry.occurredAt().atZone(Fixtures.TAIPEI).toLocalDate();
      for (int year : birthdayYears) {
        if (entry.key().equals(EntryKey.birthdayBonus("m-1", year, "bday-200").text())) {
          birthdayPaid.merge(year, 1, Integer::sum);
          assertThat(on.getMonth()).isEqualTo(run.birthday().getMonth());
          assertThat(on.getYear()).isEqualTo(year);
        }
        if (entry.key().equals(EntryKey.birthdayReward("m-1", year, "bday-coupon").text())) {
          couponsGiven.merge(year, 1, Integer::sum);
        }
      }
      for (int n : anniversaries) {
        if (entry.key().equals(EntryKey.anniversaryBonus("m-1", n, "anniv-100").text())) {
          assertThat(anniversariesPaid.add(n)).isTrue();
          assertThat(on.getMonth()).isEqualTo(run.enrolledOn().getMonth());
          assertThat(on.getYear()).isEqualTo(run.enrolledOn().getYear() + n);
        }
      }
    }
    assertThat(birthdayPaid.keySet()).isEqualTo(birthdayYears);
    assertThat(birthdayPaid.values()).allMatch(count -> count == 1);
    assertThat(couponsGiven.keySet()).isEqualTo(birthdayYears);
    assertThat(couponsGiven.values()).allMatch(count -> count == 1);
    assertThat(anniversariesPaid).isEqualTo(anniversaries);
    // nothing else was credited or granted
    assertThat(shop.balance("m-1")).isEqualTo(200L * birthdayYears.size() + 100L * anniversaries.size());
    assertThat(shop.ledger("m-1").entries()).hasSize(2 * birthdayYears.size() + anniversaries.size());
    assertThat(new ArrayList<>(shop.ledger("m-1").outstandingRewards())).hasSize(birthdayYears.size());
  }
}
