package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** A spend asked for more store credit than the member has available. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class InsufficientStoreCreditException extends InvalidValueException {
  private static final long serialVersionUID = 1L;

  /** The member. */
  private final String memberId;
  /** The credit asked for. */
  private final Money requested;
  /** The credit that was available. */
  private final Money available;

  /**
   * Creates the exception for a request of more store credit than was available.
   *
   * @param memberId the member
   * @param field the field that asked, e.g. {@code amount}
   * @param requested the credit asked for, positive
   * @param available the unexpired credit available at that instant
   */
  public InsufficientStoreCreditException(String memberId, String field, Money requested, Money available) {
    super("insufficient-store-credit", "store-credit spend for member " + memberId, field, requested,
        "≤ " + available + " available store credit");
    this.memberId = memberId;
    this.requested = requested;
    this.available = available;
  }

  /** {@return the member} */
  public String memberId() {
    return memberId;
  }

  /** {@return the credit asked for} */
  public Money requested() {
    return requested;
  }

  /** {@return the credit that was available} */
  public Money available() {
    return available;
  }
}
