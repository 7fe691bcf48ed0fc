package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * A value failed validation. The message has the shape
 * {@code Invalid <subject>: <field> [<value>]; expected <expectation>}, for example
 * {@code Invalid order: lines[2].quantity [-1]; expected ≥ 1}. A value or field longer than 100
 * characters is shown as its first 100 characters and its length, so a megabyte input never ends up
 * in a message or a log.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class InvalidValueException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  /** What was being built or checked, e.g. {@code order}. */
  private final String subject;
  /** The path of the offending field, e.g. {@code lines[2].quantity}. */
  private final String field;
  /** The offending value as text (a prefix and the length when longer than 100 characters). */
  private final String value;
  /** What a valid value looks like. */
  private final String expected;

  /**
   * Creates the exception.
   *
   * @param subject what was being built or checked, e.g. {@code order}
   * @param field the path of the offending field, e.g. {@code lines[2].quantity}
   * @param value the offending value as text
   * @param expected what a valid value looks like
   */
  public InvalidValueException(String subject, String field, Object value, String expected) {
    this("invalid-value", subject, field, value, expected);
  }

  /**
   * Creates the exception with a more specific code, for subclasses.
   *
   * @param code the failure code
   * @param subject what was being built or checked
   * @param field the path of the offending field
   * @param value the offending value
   * @param expected what a valid value looks like
   */
  protected InvalidValueException(
      String code, String subject, String field, Object value, String expected) {
    this(code, subject, Checks.shown(field), Checks.shown(value), expected, true);
  }

  private InvalidValueException(
      String code, String subject, String field, String value, String expected, boolean shown) {
    super(code, "Invalid " + subject + ": " + field + " [" + value + "]; expected " + expected);
    this.subject = subject;
    this.field = field;
    this.value = value;
    this.expected = expected;
  }

  /** {@return what was being built or checked, e.g. {@code order}} */
  public String subject() {
    return subject;
  }

  /** {@return the path of the offending field, e.g. {@code lines[2].quantity}} */
  public String field() {
    return field;
  }

  /** {@return the offending value as text (a prefix and the length when longer than 100 characters)} */
  public String value() {
    return value;
  }

  /** {@return what a valid value looks like} */
  public String expected() {
    return expected;
  }
}
