package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * A local time-of-day window in the programme's zone, such as a flash sale from 20:00 to 22:00. It
 * is half-open: it contains {@code from} and not {@code to}, so 20:00–22:00 covers 20:00:00 up to
 * 21:59:59.999999999. When {@code to} is before {@code from} the window crosses midnight: 22:00–02:00
 * covers 22:00 to 23:59:59.999999999 and 00:00 up to 01:59:59.999999999. A window from a time to the
 * same time would be empty (or every time), so it is refused.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param from the first local time in the window
 * @param to the first local time after it
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record TimeOfDayWindow(LocalTime from, LocalTime to) {

  private static final String SUBJECT = "time-of-day window";

  /**
   * Validates the window.
   *
   * @param from the first local time in the window
   * @param to the first local time after it; not equal to {@code from}
   * @throws LoyaltyException if a component is invalid
   */
  public TimeOfDayWindow {
    Checks.present(SUBJECT, "from", from);
    Checks.present(SUBJECT, "to", to);
    Checks.check(!from.equals(to), SUBJECT, "to", to, "a time other than from " + from);
  }

  /**
   * Parses {@code HH:mm-HH:mm}, e.g. {@code 20:00-22:00} or {@code 22:00-02:00}.
   *
   * @param text the window
   * @return the window
   * @throws InvalidValueException if the text is not such a window
   */
  public static TimeOfDayWindow parse(String text) {
    Checks.present(SUBJECT, "text", text);
    String[] parts = text.strip().split("-", -1);
    if (parts.length != 2 || parts[0].strip().length() != 5 || parts[1].strip().length() != 5) {
      throw new InvalidValueException(SUBJECT, "text", Checks.shown(text), "HH:mm-HH:mm, e.g. 20:00-22:00");
    }
    try {
      return new TimeOfDayWindow(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()));
    } catch (DateTimeParseException e) {
      throw new InvalidValueException(SUBJECT, "text", Checks.shown(text), "HH:mm-HH:mm, e.g. 20:00-22:00");
    }
  }

  /** {@return whether the window runs past midnight ({@code to} before {@code from})} */
  public boolean crossesMidnight() {
    return to.isBefore(from);
  }

  /**
   * {@return whether the window contains that local time}
   *
   * @param time a local time
   */
  public boolean contains(LocalTime time) {
    Checks.present(SUBJECT, "time", time);
    boolean afterStart = !time.isBefore(from);
    boolean beforeEnd = time.isBefore(to);
    return crossesMidnight() ? afterStart || beforeEnd : afterStart && beforeEnd;
  }

  /** {@return the form {@link #parse} reads, e.g. {@code 20:00-22:00}} */
  @Override
  public String toString() {
    return from + "-" + to;
  }
}
