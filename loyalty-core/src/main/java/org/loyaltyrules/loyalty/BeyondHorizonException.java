package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import org.apiguardian.api.API;

/**
 * An event or entry reaches before the horizon of a ledger rebuilt from a {@link LedgerCheckpoint}:
 * it is dated before the horizon, refers to an order or redemption the checkpoint kept no detail
 * of, or needs qualifying spend or a day's order points from before it. The checkpoint dropped the
 * idempotency keys and records such an event would be checked against, so deciding it could credit
 * twice; it is refused and nothing changes. Decide it from the member's full history instead (and
 * take a new checkpoint from that ledger). The message has the shape {@code Invalid order-paid
 * event: order.paidAt [2026-01-05T02:00:00Z]; expected at or after 2026-03-01T16:00:00Z (the
 * ledger's horizon); decide it from the member's full history}.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public class BeyondHorizonException extends InvalidValueException {
  private static final long serialVersionUID = 1L;

  /** The code of every such refusal. */
  public static final String CODE = "beyond-horizon";

  /** The earliest instant the ledger can answer for. */
  private final Instant horizon;

  /**
   * Creates the exception.
   *
   * @param subject what was being checked, e.g. {@code order-paid event}
   * @param field the offending field, e.g. {@code order.paidAt}
   * @param value the offending value
   * @param horizon the earliest instant the ledger can answer for
   * @param what what that instant is, e.g. {@code the ledger's horizon}
   */
  public BeyondHorizonException(String subject, String field, Object value, Instant horizon, String what) {
    super(CODE, subject, field, value,
        "at or after " + horizon + " (" + what + "); decide it from the member's full history");
    this.horizon = horizon;
  }

  /** {@return the earliest instant the ledger can answer for} */
  public Instant horizon() {
    return horizon;
  }
}
