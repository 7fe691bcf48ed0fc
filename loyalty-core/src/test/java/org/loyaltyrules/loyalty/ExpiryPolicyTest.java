package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.Period;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Worked examples of the expiry policies (issue 14, item 2), read in the programme's zone. */
class ExpiryPolicyTest {
  private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final Currency TWD = Currency.getInstance("TWD");

  private static Instant taipei(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(TAIPEI).toInstant();
  }

  private static Programme.Builder programme() {
    return Programme.builder(TWD, TAIPEI, TierLadder.of(Tier.of("member", 0, Money.zero(TWD), Period.ofMonths(12))));
  }

  @Test
  void yearEnd_earnedOnTheFirstAndTheLastDayOfAYear_bothExpireAtTheEndOfTheNextYear() {
    // given
    ExpiryPolicy policy = ExpiryPolicy.yearEnd(1);
    Instant first = taipei("2026-01-01T00:00");
    Instant last = taipei("2026-12-31T23:59");

    // when
    Optional<Instant> firstExpiry = policy.expiryFor(first, first, TAIPEI);
    Optional<Instant> lastExpiry = policy.expiryFor(last, last, TAIPEI);

    // then: gone at the first instant of 2028 in Taipei, spendable through 2027-12-31
    assertThat(firstExpiry).contains(taipei("2028-01-01T00:00"));
    assertThat(lastExpiry).contains(taipei("2028-01-01T00:00"));
    assertThat(ExpiringPoints.lastDay(lastExpiry.orElseThrow(), TAIPEI)).isEqualTo(LocalDate.of(2027, 12, 31));
  }

  @Test
  void yearEnd_lastHourOfTheYearInNewYork_countsTheLocalYearNotUtc() {
    // given: 2026-12-31 23:30 in New York is already 2027 in UTC
    Instant earned = LocalDateTime.parse("2026-12-31T23:30").atZone(NEW_YORK).toInstant();

    // when
    Optional<Instant> expiry = ExpiryPolicy.yearEnd(2).expiryFor(earned, earned, NEW_YORK);

    // then: earned in 2026 locally, so gone at the start of 2029 in New York
    assertThat(expiry).contains(LocalDateTime.parse("2029-01-01T00:00").atZone(NEW_YORK).toInstant());
  }

  @Test
  void yearlyReset_pointsEarnedAnyTimeBeforeTheResetDayEnds_expireAtItsEnd() {
    // given: 每年 12/31 歸零
    ExpiryPolicy policy = ExpiryPolicy.yearlyReset(MonthDay.of(12, 31));

    // when / then
    assertThat(policy.expiryFor(taipei("2026-06-01T12:00"), taipei("2026-06-01T12:00"), TAIPEI))
        .contains(taipei("2027-01-01T00:00"));
    assertThat(policy.expiryFor(taipei("2026-12-31T23:00"), taipei("2026-12-31T23:00"), TAIPEI))
        .contains(taipei("2027-01-01T00:00"));
    assertThat(policy.expiryFor(taipei("2027-01-01T00:00"), taipei("2027-01-01T00:00"), TAIPEI))
        .contains(taipei("2028-01-01T00:00"));
  }

  @Test
  void yearlyReset_dayAfterTheResetStartsAt0100_expireAtThatFirstInstant() {
    // given: Taipei's summer time began at 00:00 on 1974-04-01, so that day began at 01:00
    ExpiryPolicy policy = ExpiryPolicy.yearlyReset(MonthDay.of(3, 31));

    // when / then: the points last through the whole of 31 March, to the first instant of 1 April
    assertThat(policy.expiryFor(taipei("1974-01-10T12:00"), taipei("1974-01-10T12:00"), TAIPEI))
        .contains(Instant.parse("1974-03-31T16:00:00Z"));
    assertThat(LocalDate.of(1974, 4, 1).atStartOfDay(TAIPEI).toLocalTime()).isEqualTo(java.time.LocalTime.of(1, 0));
  }

  @Test
  void yearlyReset_pointsStillPendingAtTheReset_keptToTheNextReset() {
    // given: a 7-day hold and a yearly reset at the end of 12/31
    Programme held = programme().pendingPeriod(Period.ofDays(7)).expiry(ExpiryPolicy.yearlyReset(MonthDay.of(12, 31)))
        .build();
    Instant earned = taipei("2026-12-28T10:00");

    // when
    Optional<Instant> orderPoints = held.expiryFor(earned);
    Optional<Instant> welcomeBonus = held.expiryFor(earned, false);

    // then: the order's points become spendable on 2027-01-04, so the 2027 reset takes them;
    // a bonus not held was spendable before the 2026 reset and goes with it
    assertThat(held.pendingUntil(earned)).contains(taipei("2027-01-04T10:00"));
    assertThat(orderPoints).contains(taipei("2028-01-01T00:00"));
    assertThat(welcomeBonus).contains(taipei("2027-01-01T00:00"));
  }

  @Test
  void rolling_twelveMonthsToMonthEnd_asTheShortcutAlwaysDid() {
    // given
    Programme viaShortcut = programme().pointsExpireAfter(Period.ofMonths(12), true).build();
    Programme viaPolicy = programme().expiry(ExpiryPolicy.rolling(Period.ofMonths(12), true)).build();
    Instant earned = taipei("2026-03-15T14:00");

    // when / then
    assertThat(viaShortcut.expiryFor(earned)).contains(taipei("2027-04-01T00:00"));
    assertThat(viaShortcut).isEqualTo(viaPolicy);
    assertThat(viaShortcut.fingerprint()).isEqualTo(viaPolicy.fingerprint());
    assertThat(viaShortcut.pointsValidity()).contains(Period.ofMonths(12));
    assertThat(viaShortcut.expireAtEndOfMonth()).isTrue();
  }

  @Test
  void never_noExpiry_andTheBuildersDefault() {
    // given
    Programme defaults = programme().build();
    Instant earned = taipei("2026-03-15T14:00");

    // when / then
    assertThat(defaults.expiry()).isEqualTo(ExpiryPolicy.never());
    assertThat(defaults.expiryFor(earned)).isEmpty();
    assertThat(defaults.expiryWarning()).isEmpty();
  }

  @Test
  void fingerprint_policiesDiffer_fingerprintsDiffer() {
    // given
    List<ExpiryPolicy> policies = List.of(ExpiryPolicy.never(), ExpiryPolicy.rolling(Period.ofMonths(12), true),
        ExpiryPolicy.yearEnd(1), ExpiryPolicy.yearEnd(2), ExpiryPolicy.yearlyReset(MonthDay.of(12, 31)));

    // when
    List<String> fingerprints = policies.stream().map(p -> programme().expiry(p).build().fingerprint()).toList();

    // then
    assertThat(fingerprints).doesNotHaveDuplicates();
  }

  @Test
  void yearlyReset_29February_refusedAsADayMostYearsLack() {
    // when
    InvalidValueException refused = catchThrowableOfType(InvalidValueException.class,
        () -> ExpiryPolicy.yearlyReset(MonthDay.of(2, 29)));

    // then
    assertThat(refused.field()).isEqualTo("resetDay");
    assertThat(refused).hasMessage("Invalid expiry policy: resetDay [--02-29]; expected a day every year has (not --02-29)");
  }

  @Test
  void yearEnd_zeroYears_refused() {
    // when
    InvalidValueException refused = catchThrowableOfType(InvalidValueException.class, () -> ExpiryPolicy.yearEnd(0));

    // then
    assertThat(refused.field()).isEqualTo("yearsAfter");
  }

  @Test
  void build_pendingAsLongAsTheYearEndValidity_refused() {
    // given
    Programme.Builder builder = programme().pendingPeriod(Period.ofDays(365)).expiry(ExpiryPolicy.yearEnd(1));

    // when
    InvalidValueException refused = catchThrowableOfType(InvalidValueException.class, builder::build);

    // then
    assertThat(refused.field()).isEqualTo("pendingPeriod");
  }

  @Test
  void expiry_setTwice_refusedAndTheShortcutCountsAsASetting() {
    // given
    Programme.Builder builder = programme().pointsExpireAfter(Period.ofMonths(12), true);

    // when
    InvalidValueException refused = catchThrowableOfType(InvalidValueException.class,
        () -> builder.expiry(ExpiryPolicy.yearEnd(1)));

    // then
    assertThat(refused.field()).isEqualTo("pointsValidity");
  }

  @Test
  void pendingPeriodAndWarning_zero_switchThemOff() {
    // given
    Programme on = programme().pendingPeriod(Period.ofDays(7)).expiryWarning(Period.ofDays(30)).build();

    // when
    Programme off = on.toBuilder().pendingPeriod(Period.ZERO).expiryWarning(Period.ZERO).build();

    // then
    assertThat(off.pendingPeriod()).isEmpty();
    assertThat(off.expiryWarning()).isEmpty();
    assertThat(off).isEqualTo(programme().build());
  }
}
