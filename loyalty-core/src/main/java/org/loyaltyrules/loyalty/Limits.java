package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.apiguardian.api.API;

/**
 * The fixed bounds every value of this library lies within. They are far beyond anything a real
 * shop reaches; they exist so that no arithmetic on accepted values can overflow, take unbounded
 * time or leave the range {@code java.time} computes in. A value outside them is refused, where it
 * is built, with an {@link InvalidValueException} naming the field, the value and the bound.
 *
 * <ul>
 *   <li>Every factory or constructor taking an {@link Instant} accepts only instants in
 *       [{@link #EARLIEST_INSTANT}, {@link #LATEST_INSTANT_EXCLUSIVE}): years 1900 to 9999 UTC.
 *       Views that only compare instants (such as {@link PointLedger#available(Instant)}) accept any
 *       instant.
 *   <li>Local dates (campaign schedules) lie in [{@link #EARLIEST_DATE}, {@link #LATEST_DATE}].
 *   <li>{@link Money} holds fewer than {@link #MAX_MINOR_UNITS} + 1 minor units either way, so
 *       {@link Money#minorUnits()} is always exact (10^16 TWD, 10^18 JPY).
 *   <li>Every {@link BigDecimal} the library accepts (amounts, factors, multipliers) has at most
 *       {@link #MAX_DECIMAL_DIGITS} significant digits and a scale within ±{@link
 *       #MAX_DECIMAL_SCALE}, so no operation on it is slow.
 *   <li>Points are {@code long}s; any sum or difference beyond a {@code long} is a {@link
 *       PointsOverflowException}, never a wrapped value.
 * </ul>
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class Limits {

  /** The earliest instant accepted: 1900-01-01T00:00:00Z. */
  public static final Instant EARLIEST_INSTANT = Instant.parse("1900-01-01T00:00:00Z");

  /** The first instant no longer accepted: 10000-01-01T00:00:00Z (so 9999 is the last year). */
  public static final Instant LATEST_INSTANT_EXCLUSIVE = Instant.parse("+10000-01-01T00:00:00Z");

  /** The earliest local date accepted: 1900-01-01. */
  public static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);

  /** The latest local date accepted: 9999-12-31. */
  public static final LocalDate LATEST_DATE = LocalDate.of(9999, 12, 31);

  /** The largest number of minor units (cents) an amount of money may have, either sign: 10^18 - 1. */
  public static final long MAX_MINOR_UNITS = 999_999_999_999_999_999L;

  /** The most significant digits an accepted decimal number may have. */
  public static final int MAX_DECIMAL_DIGITS = 60;

  /** The largest scale (digits after the point, or before it when negative) an accepted decimal may have. */
  public static final int MAX_DECIMAL_SCALE = 60;

  private Limits() {}

  /**
   * {@return whether it lies in [{@link #EARLIEST_INSTANT}, {@link #LATEST_INSTANT_EXCLUSIVE})}
   *
   * @param instant an instant
   */
  public static boolean isWithinRange(Instant instant) {
    return instant != null
        && !instant.isBefore(EARLIEST_INSTANT)
        && instant.isBefore(LATEST_INSTANT_EXCLUSIVE);
  }

  /**
   * {@return whether it lies in [{@link #EARLIEST_DATE}, {@link #LATEST_DATE}]}
   *
   * @param date a local date
   */
  public static boolean isWithinRange(LocalDate date) {
    return date != null && !date.isBefore(EARLIEST_DATE) && !date.isAfter(LATEST_DATE);
  }
}
