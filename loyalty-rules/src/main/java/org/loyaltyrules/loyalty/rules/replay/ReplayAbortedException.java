package org.loyaltyrules.loyalty.rules.replay;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.LoyaltyException;

/**
 * A replay built with {@link Replay.OnError#FAIL} met a problem and stopped; the ledgers of that
 * run are discarded. The message has the shape {@code Replay stopped: event [12]; expected no
 * problem (on-error fail): [default] OrderPaid o-12 rejected: …}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ReplayAbortedException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  /** The code of every such stop. */
  public static final String CODE = "replay-aborted";

  private final transient ReplayProblem problem;

  ReplayAbortedException(ReplayProblem problem) {
    super(CODE, "Replay stopped: event [" + problem.sequence() + "]; expected no problem (on-error fail): "
        + problem.message());
    this.problem = problem;
  }

  /** {@return the problem that stopped the run} */
  public ReplayProblem problem() {
    return problem;
  }
}
