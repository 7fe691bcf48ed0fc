package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * When credited points expire: never, a rolling period after they were earned, at the end of a
 * later calendar year, or at a yearly reset. Every date is read in the programme's zone, never the
 * JVM's. A lot expires at an instant; it is still spendable just before it and gone at it, so a lot
 * that expires at midnight starting 1 January "expires on 31 December" ({@link
 * ExpiringPoints#lastDay(Instant, ZoneId)}).
 *
 * <p>Every implementation is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public sealed interface ExpiryPolicy
    permits ExpiryPolicy.Never, ExpiryPolicy.Rolling, ExpiryPolicy.YearEnd, ExpiryPolicy.YearlyReset {

  /** {@return a policy under which points never expire (the builder's default)} */
  static ExpiryPolicy never() {
    return new Never();
  }

  /**
   * {@return points expire {@code validity} after they were earned, or at the end of the month
   * that falls in}
   *
   * @param validity positive, at most 100 years and 36,600 days
   * @param endOfMonth whether expiry moves to the end of that month
   * @throws InvalidValueException if the validity is out of range
   */
  static ExpiryPolicy rolling(Period validity, boolean endOfMonth) {
    return new Rolling(validity, endOfMonth);
  }

  /**
   * {@return points earned in year Y expire at the end of 31 December of year Y + {@code
   * yearsAfter} (1: the year after earning)}
   *
   * @param yearsAfter 1 to 100
   * @throws InvalidValueException if out of range
   */
  static ExpiryPolicy yearEnd(int yearsAfter) {
    return new YearEnd(yearsAfter);
  }

  /**
   * {@return every point expires at the end of {@code resetDay} each year (每年 12/31 歸零 is
   * {@code MonthDay.of(12, 31)})}
   *
   * @param resetDay a day every year has (not 29 February)
   * @throws InvalidValueException if it is missing or 29 February
   */
  static ExpiryPolicy yearlyReset(MonthDay resetDay) {
    return new YearlyReset(resetDay);
  }

  /**
   * When points credited at {@code earnedAt} and spendable from {@code spendableFrom} expire.
   *
   * @param earnedAt when the points were credited, in {@link Limits}' range
   * @param spendableFrom when they become spendable: {@code earnedAt}, or the end of their pending
   *     period; not before {@code earnedAt}, in {@link Limits}' range
   * @param zone the programme's zone, in which dates are read
   * @return the expiry, after {@code spendableFrom}; empty when the points never expire
   * @throws InvalidValueException if an argument is missing or out of range, or the expiry falls
   *     past {@link Limits}' range
   */
  Optional<Instant> expiryFor(Instant earnedAt, Instant spendableFrom, ZoneId zone);

  /** The shared argument checks of {@link #expiryFor}. */
  private static void checkArguments(Instant earnedAt, Instant spendableFrom, ZoneId zone) {
    Checks.instant("expiry policy", "earnedAt", earnedAt);
    Checks.instant("expiry policy", "spendableFrom", spendableFrom);
    Checks.present("expiry policy", "zone", zone);
    Checks.check(!spendableFrom.isBefore(earnedAt), "expiry policy", "spendableFrom", spendableFrom,
        "not before earnedAt " + earnedAt);
  }

  /** Points never expire. This class is immutable and thread-safe. */
  record Never() implements ExpiryPolicy {
    /**
     * {@inheritDoc}
     *
     * @param earnedAt when the points were credited
     * @param spendableFrom when they become spendable
     * @param zone the programme's zone
     * @return always empty
     * @throws InvalidValueException if an argument is missing or out of range, or the expiry falls
     *     past {@link Limits}' range
     */
    @Override
    public Optional<Instant> expiryFor(Instant earnedAt, Instant spendableFrom, ZoneId zone) {
      checkArguments(earnedAt, spendableFrom, zone);
      return Optional.empty();
    }
  }

  /**
   * Points expire a period after they were earned (the common "12 months"), optionally moved to
   * the end of the month the period ends in. This class is immutable and thread-safe.
   *
   * @param validity how long earned points stay valid; positive, at most 100 years and 36,600 days
   * @param endOfMonth whether expiry moves to the end of the month the validity ends in
   */
  record Rolling(Period validity, boolean endOfMonth) implements ExpiryPolicy {
    /**
     * Validates the period.
     *
     * @param validity how long earned points stay valid
     * @param endOfMonth whether expiry moves to the end of that month
     * @throws InvalidValueException if the validity is missing or out of range
     */
    public Rolling {
      Checks.period("expiry policy", "validity", validity, true);
    }

    /**
     * {@inheritDoc}
     *
     * @param earnedAt when the points were credited
     * @param spendableFrom when they become spendable
     * @param zone the programme's zone
     * @return the expiry: the validity after earning, moved to the month's end if so set
     * @throws InvalidValueException if an argument is missing or out of range, or the expiry falls
     *     past {@link Limits}' range
     */
    @Override
    public Optional<Instant> expiryFor(Instant earnedAt, Instant spendableFrom, ZoneId zone) {
      checkArguments(earnedAt, spendableFrom, zone);
      // The period is bounded and the instant is in Limits' range, so no DateTimeException: at
      // worst the expiry lands past the range and is refused by name.
      ZonedDateTime end = earnedAt.atZone(zone).plus(validity);
      if (endOfMonth) {
        end = end.with(TemporalAdjusters.firstDayOfNextMonth()).toLocalDate().atStartOfDay(zone);
      }
      return Optional.of(Checks.instant("expiry policy", "expiresAt", end.toInstant()));
    }
  }

  /**
   * Points earned in year Y (in the programme's zone) expire at the end of 31 December of Y + {@code
   * yearsAfter}: with 1, points earned any day of 2026 are spendable until 2027-12-31 and gone at
   * the first instant of 2028. This class is immutable and thread-safe.
   *
   * @param yearsAfter how many calendar years after the year of earning; 1 to 100
   */
  record YearEnd(int yearsAfter) implements ExpiryPolicy {
    /**
     * Validates the count.
     *
     * @param yearsAfter 1 to 100
     * @throws InvalidValueException if out of range
     */
    public YearEnd {
      Checks.check(yearsAfter >= 1 && yearsAfter <= 100, "expiry policy", "yearsAfter", yearsAfter, "1 to 100");
    }

    /**
     * {@inheritDoc}
     *
     * @param earnedAt when the points were credited
     * @param spendableFrom when they become spendable
     * @param zone the programme's zone
     * @return the expiry: the first instant of the year after year of earning + yearsAfter
     * @throws InvalidValueException if an argument is missing or out of range, or the expiry falls
     *     past {@link Limits}' range
     */
    @Override
    public Optional<Instant> expiryFor(Instant earnedAt, Instant spendableFrom, ZoneId zone) {
      checkArguments(earnedAt, spendableFrom, zone);
      int year = earnedAt.atZone(zone).getYear();
      Instant end = LocalDate.of(year + yearsAfter + 1, 1, 1).atStartOfDay(zone).toInstant();
      return Optional.of(Checks.instant("expiry policy", "expiresAt", end));
    }
  }

  /**
   * Every point expires at the end of the reset day each year (每年 12/31 歸零): points spendable
   * before a reset expire at it, whenever they were earned. Points still pending at a reset were
   * never spendable before it, so they are kept to the next one. This class is immutable and
   * thread-safe.
   *
   * @param resetDay the day at whose end points expire; any day but 29 February
   */
  record YearlyReset(MonthDay resetDay) implements ExpiryPolicy {
    /**
     * Validates the day.
     *
     * @param resetDay the day at whose end points expire
     * @throws InvalidValueException if it is missing or 29 February (a day most years lack)
     */
    public YearlyReset {
      Checks.present("expiry policy", "resetDay", resetDay);
      Checks.check(!resetDay.equals(MonthDay.of(2, 29)), "expiry policy", "resetDay", resetDay,
          "a day every year has (not --02-29)");
    }

    /**
     * {@inheritDoc}
     *
     * @param earnedAt when the points were credited
     * @param spendableFrom when they become spendable
     * @param zone the programme's zone
     * @return the expiry: the end of the first reset day after the points become spendable
     * @throws InvalidValueException if an argument is missing or out of range, or the expiry falls
     *     past {@link Limits}' range
     */
    @Override
    public Optional<Instant> expiryFor(Instant earnedAt, Instant spendableFrom, ZoneId zone) {
      checkArguments(earnedAt, spendableFrom, zone);
      int year = spendableFrom.atZone(zone).getYear();
      Instant reset = resetAfter(year, zone);
      if (!reset.isAfter(spendableFrom)) {
        reset = resetAfter(year + 1, zone);
      }
      return Optional.of(Checks.instant("expiry policy", "expiresAt", reset));
    }

    /** The first instant after the reset day of {@code year}: the start of the next local day. */
    private Instant resetAfter(int year, ZoneId zone) {
      return resetDay.atYear(year).plusDays(1).atStartOfDay(zone).toInstant();
    }
  }
}
