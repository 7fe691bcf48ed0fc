package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The root of every exception this library throws on purpose. It is unchecked: a loyalty decision
 * either comes back whole or fails with one of these, and nothing has been changed.
 *
 * <p>Each subclass exposes the offending values as accessors and a stable {@link #code()} that
 * callers can switch on without parsing the message.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class LoyaltyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The stable identifier of this kind of failure. */
  private final String code;

  /**
   * Creates an exception.
   *
   * @param code a stable, lower-case, hyphenated identifier of the failure kind
   * @param message the human-readable message
   */
  public LoyaltyException(String code, String message) {
    super(message);
    this.code = code;
  }

  /**
   * Creates an exception with a cause.
   *
   * @param code a stable, lower-case, hyphenated identifier of the failure kind
   * @param message the human-readable message
   * @param cause the underlying failure
   */
  public LoyaltyException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /**
   * Returns the stable identifier of this kind of failure, such as {@code invalid-value}.
   *
   * @return the failure code
   */
  public String code() {
    return code;
  }
}
