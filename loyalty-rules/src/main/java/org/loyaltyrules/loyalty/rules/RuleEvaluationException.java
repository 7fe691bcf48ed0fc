package org.loyaltyrules.loyalty.rules;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.LoyaltyException;

/**
 * A rule misbehaved while deciding one event: it fired or emitted more than the engine's bounds
 * allow ({@code rule-runaway}), or its consequence failed ({@code rule-error}). No decision is
 * returned; the engine keeps serving other events.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RuleEvaluationException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  private final String rule;

  /**
   * @param code {@code rule-runaway} or {@code rule-error}
   * @param rule the rule that was running, or an empty string
   * @param message what happened
   * @param cause the underlying failure, or null
   */
  public RuleEvaluationException(String code, String rule, String message, Throwable cause) {
    super(code, message, cause);
    this.rule = rule;
  }

  /** @return the rule that was running when evaluation failed, or an empty string */
  public String rule() {
    return rule;
  }
}
