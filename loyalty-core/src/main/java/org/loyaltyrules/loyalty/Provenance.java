package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * Why a ledger entry exists: the business event it came from, the rule that produced it, the
 * version of the rule base that rule belonged to, and a sentence a member or support agent can read.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param sourceEventId the id of the event (order, return, redemption, job run…) the entry came from
 * @param rule the name of the rule, or a fixed name such as {@code manual} for host-made entries
 * @param ruleBaseVersion the content hash of the rule base, or {@code manual}
 * @param reason a human-readable explanation, e.g. "1,499 TWD × 1 point per 100 TWD (gold), rounded down"
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Provenance(String sourceEventId, String rule, String ruleBaseVersion, String reason) {

  private static final String SUBJECT = "provenance";

  /**
   * Validates that every component is non-blank.
   *
   * @param sourceEventId the id of the event (order, return, redemption, job run…) the entry came from
   * @param rule the name of the rule, or a fixed name such as {@code manual} for host-made entries
   * @param ruleBaseVersion the content hash of the rule base, or {@code manual}
   * @param reason a human-readable explanation, e.g. "1,499 TWD × 1 point per 100 TWD (gold), rounded down"
   * @throws LoyaltyException if a component is invalid
   */
  public Provenance {
    Checks.nonBlank(SUBJECT, "sourceEventId", sourceEventId);
    Checks.nonBlank(SUBJECT, "rule", rule);
    Checks.nonBlank(SUBJECT, "ruleBaseVersion", ruleBaseVersion);
    Checks.nonBlank(SUBJECT, "reason", reason);
  }

  /**
   * Provenance of an entry made by the host by hand, outside any rule base.
   *
   * @param sourceEventId the id of the host's event (ticket, job…)
   * @param reason why the entry was made
   * @return the provenance, with rule and version {@code manual}
   */
  public static Provenance manual(String sourceEventId, String reason) {
    return new Provenance(sourceEventId, "manual", "manual", reason);
  }
}
