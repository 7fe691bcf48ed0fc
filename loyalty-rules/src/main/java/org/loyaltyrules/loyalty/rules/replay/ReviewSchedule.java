package org.loyaltyrules.loyalty.rules.replay;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.Limits;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * How often a replay runs the periodic jobs a running shop runs: at every boundary (00:00 local
 * time on the first day of each month, or of each year, in the programme's zone) each member
 * enrolled by then gets an {@link org.loyaltyrules.loyalty.LoyaltyEvent.ExpiryRun} and then a
 * {@link org.loyaltyrules.loyalty.LoyaltyEvent.TierReview} as of that instant, before any event
 * dated at or after it. Expiry runs follow the same schedule as reviews: a programme whose points
 * expire at the end of a month (the default) loses them at exactly the next monthly boundary.
 *
 * <p>Pending points need no job: a lot's pending period ends by itself at its {@code pendingUntil}
 * (the ledger reads it from the time asked), so balances and available points match a running
 * shop whatever the schedule. A {@link org.loyaltyrules.loyalty.LoyaltyEvent.PendingReleased} is
 * only for releasing early.
 *
 * <p>This type is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum ReviewSchedule {
  /** At 00:00 local time on the first of every month. */
  MONTHLY,
  /** At 00:00 local time on 1 January. */
  YEARLY,
  /** No periodic job: only the events given are decided. */
  NONE;

  /**
   * The schedule a programme's shop runs when nobody says otherwise: {@link #MONTHLY} when the
   * programme has a tier above the entry tier or points that expire (tiers are then reviewed and
   * points expired every month, as {@code Programmes.taiwan} expects), {@link #NONE} when there is
   * nothing for a job to do.
   *
   * @param programme the programme
   * @return its default schedule
   * @throws InvalidValueException if {@code programme} is null
   */
  public static ReviewSchedule defaultFor(Programme programme) {
    Checks.present("review schedule", "programme", programme);
    boolean tiers = programme.tiers().tiers().size() > 1;
    return tiers || programme.pointsValidity().isPresent() ? MONTHLY : NONE;
  }

  /**
   * {@return the schedule with this name}
   *
   * @param name {@code monthly}, {@code yearly} or {@code none}, in any case
   * @throws InvalidValueException if the name is none of them, or null
   */
  public static ReviewSchedule parse(String name) {
    Checks.present("review schedule", "name", name);
    for (ReviewSchedule s : values()) {
      if (s.id().equals(name.strip().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new InvalidValueException("review schedule", "name", name, "monthly, yearly or none");
  }

  /** {@return the lower-case name reports and the command line use: {@code monthly}, {@code yearly}, {@code none}} */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The first boundary strictly after an instant.
   *
   * @param after the instant, within {@link Limits}' range
   * @param zone the zone whose local midnight the boundaries fall on
   * @return the next boundary; empty for {@link #NONE}, or when it would lie beyond {@link Limits}' range
   * @throws InvalidValueException if {@code after} is null or out of range, or {@code zone} is null
   */
  public Optional<Instant> next(Instant after, ZoneId zone) {
    Checks.instant("review schedule", "after", after);
    Checks.present("review schedule", "zone", zone);
    if (this == NONE) {
      return Optional.empty();
    }
    LocalDate day = after.atZone(zone).toLocalDate();
    LocalDate first = this == MONTHLY ? day.withDayOfMonth(1) : day.withDayOfYear(1);
    Instant boundary = first.atStartOfDay(zone).toInstant();
    while (!boundary.isAfter(after)) {
      first = this == MONTHLY ? first.plusMonths(1) : first.plusYears(1);
      if (first.isAfter(Limits.LATEST_DATE)) {
        return Optional.empty();
      }
      boundary = first.atStartOfDay(zone).toInstant();
    }
    return Limits.isWithinRange(boundary) ? Optional.of(boundary) : Optional.empty();
  }
}
