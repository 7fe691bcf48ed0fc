package org.loyaltyrules.loyalty.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Objects;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.Limits;
import org.loyaltyrules.loyalty.PointsOverflowException;

/** Argument checks shared by the value types. Not part of the public API. */
public final class Checks {
  /** Longest value text a message repeats; longer values are cut to a prefix and their length. */
  public static final int SHOWN_CHARS = 100;

  private Checks() {}

  /** Fails with a named field when {@code value} is null. */
  public static <T> T present(String subject, String field, T value) {
    if (value == null) {
      throw new InvalidValueException(subject, field, "null", "a value");
    }
    return value;
  }

  /** Fails unless {@code value} has at least one non-whitespace character. */
  public static String nonBlank(String subject, String field, String value) {
    present(subject, field, value);
    if (value.isBlank()) {
      throw new InvalidValueException(subject, field, "\"" + value + "\"", "a non-blank string");
    }
    return value;
  }

  /**
   * Fails with the index named when {@code list} or one of its elements is null.
   *
   * @return an unmodifiable copy
   */
  public static <T> List<T> elements(String subject, String field, List<T> list) {
    present(subject, field, list);
    for (int i = 0; i < list.size(); i++) {
      present(subject, field + "[" + i + "]", list.get(i));
    }
    return List.copyOf(list);
  }

  /**
   * Fails unless {@code period} is present, not negative (positive too when {@code positive}) and
   * at most 100 years and 36,600 days, so that adding it to any instant of {@link Limits}' range is
   * a date {@code java.time} can compute.
   */
  public static Period period(String subject, String field, Period period, boolean positive) {
    present(subject, field, period);
    check(!period.isNegative() && !(positive && period.isZero()), subject, field, period,
        positive ? "a positive period" : "≥ 0");
    check(period.toTotalMonths() <= 1_200 && period.getDays() <= 36_600, subject, field, period,
        "at most 100 years (P100Y) and 36600 days");
    return period;
  }

  /** Fails when {@code condition} is false. */
  public static void check(
      boolean condition, String subject, String field, Object value, String expected) {
    if (!condition) {
      throw new InvalidValueException(subject, field, Objects.toString(value), expected);
    }
  }

  /** Fails unless {@code instant} is present and inside {@link Limits}' instant range. */
  public static Instant instant(String subject, String field, Instant instant) {
    present(subject, field, instant);
    if (!Limits.isWithinRange(instant)) {
      throw new InvalidValueException(subject, field, instant,
          "from " + Limits.EARLIEST_INSTANT + " to before " + Limits.LATEST_INSTANT_EXCLUSIVE);
    }
    return instant;
  }

  /** Fails unless {@code date} is present and inside {@link Limits}' date range. */
  public static LocalDate date(String subject, String field, LocalDate date) {
    present(subject, field, date);
    if (!Limits.isWithinRange(date)) {
      throw new InvalidValueException(subject, field, date,
          "from " + Limits.EARLIEST_DATE + " to " + Limits.LATEST_DATE);
    }
    return date;
  }

  /**
   * Fails unless {@code value} is present and small enough in digits and scale for every operation
   * on it to be cheap (see {@link Limits#MAX_DECIMAL_DIGITS}). Checked on the unscaled value's bit
   * length and the scale, both O(1), before anything looks at the digits.
   */
  public static BigDecimal decimal(String subject, String field, BigDecimal value) {
    present(subject, field, value);
    // 200 bits hold every 60-digit number; precision() is only computed once that is known.
    boolean fits = Math.abs((long) value.scale()) <= Limits.MAX_DECIMAL_SCALE
        && value.unscaledValue().bitLength() <= 200
        && value.precision() <= Limits.MAX_DECIMAL_DIGITS;
    if (!fits) {
      throw new InvalidValueException(subject, field, shown(value),
          "a decimal of at most " + Limits.MAX_DECIMAL_DIGITS + " significant digits and a scale within ±"
              + Limits.MAX_DECIMAL_SCALE);
    }
    return value;
  }

  /** {@code a + b}, or a typed overflow naming {@code subject} and {@code field}. */
  public static long addPoints(String subject, String field, long a, long b) {
    long sum = a + b;
    if (((a ^ sum) & (b ^ sum)) < 0) {
      throw new PointsOverflowException(subject, field, BigInteger.valueOf(a).add(BigInteger.valueOf(b)));
    }
    return sum;
  }

  /** {@code a - b}, or a typed overflow naming {@code subject} and {@code field}. */
  public static long subtractPoints(String subject, String field, long a, long b) {
    long difference = a - b;
    if (((a ^ b) & (a ^ difference)) < 0) {
      throw new PointsOverflowException(
          subject, field, BigInteger.valueOf(a).subtract(BigInteger.valueOf(b)));
    }
    return difference;
  }

  /**
   * A value as messages show it: its text, or for long texts a prefix and the total length, so a
   * megabyte value never ends up in a message or a log. Decimals too large to print cheaply are
   * described by their size.
   */
  public static String shown(Object value) {
    if (value instanceof BigDecimal decimal) {
      if (decimal.unscaledValue().bitLength() > 4_000) {
        return "a decimal of " + decimal.unscaledValue().bitLength() + " bits at scale " + decimal.scale();
      }
      // Scientific notation keeps 1E+999999999 short; plain notation is kept for ordinary values.
      String text = Math.abs((long) decimal.scale()) > 100 ? decimal.toString() : decimal.toPlainString();
      return shorten(text);
    }
    return shorten(String.valueOf(value));
  }

  /**
   * A longer value, such as a whole ledger entry, as messages show it: up to {@code maxChars}
   * characters, then the total length.
   */
  public static String shown(Object value, int maxChars) {
    return shorten(String.valueOf(value), maxChars);
  }

  private static String shorten(String text) {
    return shorten(text, SHOWN_CHARS);
  }

  private static String shorten(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    return text.substring(0, maxChars) + "…(" + text.length() + " characters)";
  }
}
