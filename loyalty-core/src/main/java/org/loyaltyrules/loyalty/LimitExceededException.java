package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A value is beyond one of the programme's sanity limits ({@link Programme#maxQuantityPerLine()},
 * {@link Programme#maxUnitPrice()}, {@link Programme#maxOrderTotal()}, {@link
 * Programme#maxLinesPerOrder()}, {@link Programme#maxPointsPerDecision()}). The event was refused
 * and nothing was decided. The message has the shape {@code Invalid order-paid event:
 * order.lines[3].quantity [2147483647]; expected ≤ 100000 (the programme's maxQuantityPerLine)}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class LimitExceededException extends InvalidValueException {
  private static final long serialVersionUID = 1L;

  /** The code of every limit refusal. */
  public static final String CODE = "limit-exceeded";

  /** The programme setting that refused the value, e.g. {@code maxQuantityPerLine}. */
  private final String setting;
  /** The setting's value as text, e.g. {@code 100000}. */
  private final String limit;

  /**
   * Creates the exception.
   *
   * @param subject what was being checked, e.g. {@code order-paid event}
   * @param field the path of the offending field, e.g. {@code order.lines[3].quantity}
   * @param value the offending value
   * @param setting the programme setting that refused it, e.g. {@code maxQuantityPerLine}
   * @param limit the setting's value, as text
   */
  public LimitExceededException(String subject, String field, Object value, String setting, String limit) {
    super(CODE, subject, field, value, "≤ " + limit + " (the programme's " + setting + ")");
    this.setting = setting;
    this.limit = limit;
  }

  /** {@return the programme setting that refused the value, e.g. {@code maxQuantityPerLine}} */
  public String setting() {
    return setting;
  }

  /** {@return the setting's value as text, e.g. {@code 100000}} */
  public String limit() {
    return limit;
  }
}
