package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * A decided change of tier. The host updates {@link Member#tierCode()} from it.
 *
 * @param memberId the member
 * @param from the tier code before
 * @param to the tier code after
 * @param effectiveAt when the new tier applies (a downgrade with a grace period applies later), within
 *     {@link Limits}' instant range
 * @param rule the rule that decided it
 * @param reason a human-readable explanation
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record TierChange(String memberId, String from, String to, Instant effectiveAt, String rule, String reason) {
  /**
   * Validates every component.
   *
   * @param memberId the member
   * @param from the tier code before
   * @param to the tier code after
   * @param effectiveAt when the new tier applies (a downgrade with a grace period applies later), within
   *     {@link Limits}' instant range
   * @param rule the rule that decided it
   * @param reason a human-readable explanation
   * @throws LoyaltyException if a component is invalid
   */
  public TierChange {
    Checks.nonBlank("tier change", "memberId", memberId);
    Checks.nonBlank("tier change", "from", from);
    Checks.nonBlank("tier change", "to", to);
    Checks.check(!from.equals(to), "tier change", "to", to, "a tier other than " + from);
    Checks.instant("tier change", "effectiveAt", effectiveAt);
    Checks.nonBlank("tier change", "rule", rule);
    Checks.nonBlank("tier change", "reason", reason);
  }
}
