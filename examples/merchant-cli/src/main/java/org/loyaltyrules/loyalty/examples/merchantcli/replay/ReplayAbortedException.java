package org.loyaltyrules.loyalty.examples.merchantcli.replay;

/** A replay run with {@link org.loyaltyrules.loyalty.rules.replay.Replay.OnError#FAIL} met a problem and stopped. */
public final class ReplayAbortedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient InputProblem problem;

  ReplayAbortedException(InputProblem problem) {
    super("stopped at " + problem + " (--on-error fail)");
    this.problem = problem;
  }

  /** @return the problem that stopped the run */
  public InputProblem problem() {
    return problem;
  }
}
