package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * A redemption asked for points one of the {@link RedemptionPolicy}'s limits does not allow: fewer
 * than the minimum, more than the maximum or the share of the order value, or against an order
 * below the minimum order value. Nothing was decided. The message has the shape {@code Invalid
 * points-redeemed event: points [600]; expected ≤ 500 (max-share-of-order: points may pay at most
 * 0.5 of the order value TWD 1000.00 …)}. (More points than are available is an {@link
 * InsufficientPointsException}, more than the programme decides at once a {@link
 * LimitExceededException}, as before.)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RedemptionLimitException extends InvalidValueException {
  private static final long serialVersionUID = 1L;

  /** The code of every refusal by a redemption limit. */
  public static final String CODE = "redemption-limit";

  /** The limit that refused the redemption (records are serializable). */
  private final RedemptionLimit limit;
  /** The points asked for. */
  private final Points requested;

  /**
   * Creates the exception.
   *
   * @param subject what was being checked, e.g. {@code points-redeemed event}
   * @param field the offending field, e.g. {@code points}
   * @param value the offending value
   * @param expected the rule, e.g. {@code ≤ 500}; the limit's reason is added to it
   * @param limit the limit that refused it
   * @param requested the points asked for
   */
  public RedemptionLimitException(String subject, String field, Object value, String expected, RedemptionLimit limit,
      Points requested) {
    super(CODE, subject, field, value, expected + " (" + named(limit) + ")");
    this.limit = limit;
    this.requested = Checks.present("redemption limit refusal", "requested", requested);
  }

  /** The limit's code and reason; a missing limit is refused by name (before the message is built). */
  private static String named(RedemptionLimit limit) {
    Checks.present("redemption limit refusal", "limit", limit);
    return limit.kind().code() + ": " + limit.reason();
  }

  /** {@return the limit that refused the redemption} */
  public RedemptionLimit limit() {
    return limit;
  }

  /** {@return the kind of the limit that refused the redemption} */
  public RedemptionLimit.Kind kind() {
    return limit.kind();
  }

  /** {@return the points asked for} */
  public Points requested() {
    return requested;
  }
}
