package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigInteger;
import org.apiguardian.api.API;

/**
 * A sum or difference of points does not fit in a {@code long}: for example a ledger holding
 * {@code Long.MAX_VALUE} points credited one more. The message has the shape {@code Points overflow:
 * <subject> <field> [<exact value>]; expected from -9223372036854775808 to 9223372036854775807
 * points}, and nothing has been changed.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class PointsOverflowException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  /** The failure code, {@value}. */
  public static final String CODE = "points-overflow";

  private static final String EXPECTED =
      "from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE + " points";

  /** What was being built or computed. */
  private final String subject;
  /** What overflowed. */
  private final String field;
  /** The exact result, as text. */
  private final String value;

  /**
   * Creates the exception.
   *
   * @param subject what was being built or computed, e.g. {@code ledger}
   * @param field what overflowed, e.g. {@code balance}
   * @param exact the exact result that does not fit
   */
  public PointsOverflowException(String subject, String field, BigInteger exact) {
    super(CODE, "Points overflow: " + subject + " " + field + " [" + exact + "]; expected " + EXPECTED);
    this.subject = subject;
    this.field = field;
    this.value = String.valueOf(exact);
  }

  /** {@return what was being built or computed} */
  public String subject() {
    return subject;
  }

  /** {@return what overflowed} */
  public String field() {
    return field;
  }

  /** {@return the exact result, as text} */
  public String value() {
    return value;
  }

  /** {@return the range a number of points must lie in} */
  public String expected() {
    return EXPECTED;
  }
}
