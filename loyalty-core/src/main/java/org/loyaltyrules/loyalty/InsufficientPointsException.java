package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** A debit asked for more points than the member has available. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class InsufficientPointsException extends InvalidValueException {
  private static final long serialVersionUID = 1L;

  /** The member. */
  private final String memberId;
  /** The points asked for. */
  private final Points requested;
  /** The points that were available. */
  private final Points available;

  /**
   * Creates the exception for a request of more points than were available.
   *
   * @param memberId the member
   * @param field the field that asked, e.g. {@code points}
   * @param requested the points asked for, positive
   * @param available the points available at that instant
   */
  public InsufficientPointsException(String memberId, String field, Points requested, Points available) {
    super(
        "insufficient-points",
        "debit for member " + memberId,
        field,
        requested,
        "≤ " + available + " available points");
    this.memberId = memberId;
    this.requested = requested;
    this.available = available;
  }

  /** {@return the member} */
  public String memberId() {
    return memberId;
  }

  /** {@return the points asked for} */
  public Points requested() {
    return requested;
  }

  /** {@return the points that were available} */
  public Points available() {
    return available;
  }
}
