package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** A clawback would take back more than the earned entry (or one of its lines) earned. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ClawbackExceedsEarnedException extends InvalidValueException {
  private static final long serialVersionUID = 1L;

  /** The key of the earned entry being reversed. */
  private final String earnedKey;
  /** What the clawback asked to reverse, as text. */
  private final String requested;
  /** What was still reversible, as text. */
  private final String remaining;

  /**
   * Creates the exception for a clawback that would reverse more than the entry earned.
   *
   * @param earnedKey the key of the earned entry being reversed
   * @param field what exceeded, e.g. {@code points} or {@code lines[0].quantity}
   * @param requested what the clawback asked to reverse
   * @param remaining what was still reversible
   */
  public ClawbackExceedsEarnedException(String earnedKey, String field, Object requested, Object remaining) {
    super(
        "clawback-exceeds-earned",
        "clawback of " + earnedKey,
        field,
        requested,
        "≤ " + remaining + " still reversible");
    this.earnedKey = earnedKey;
    this.requested = String.valueOf(requested);
    this.remaining = String.valueOf(remaining);
  }

  /** {@return the key of the earned entry being reversed} */
  public String earnedKey() {
    return earnedKey;
  }

  /** {@return what the clawback asked to reverse, as text} */
  public String requested() {
    return requested;
  }

  /** {@return what was still reversible, as text} */
  public String remaining() {
    return remaining;
  }
}
