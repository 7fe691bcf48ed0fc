package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * A member and their ledger, as the host loaded them for one decision. The engine only reads it.
 *
 * @param member the member
 * @param ledger the member's ledger; its member id must be the member's
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record MemberState(Member member, PointLedger ledger) {
  /**
   * Validates that the ledger belongs to the member.
   *
   * @param member the member
   * @param ledger the member's ledger; its member id must be the member's
   * @throws LoyaltyException if a component is invalid
   */
  public MemberState {
    Checks.present("member state", "member", member);
    Checks.present("member state", "ledger", ledger);
    Checks.check(ledger.memberId().equals(member.id()), "member state", "ledger.memberId", ledger.memberId(),
        "the member's id " + member.id());
  }

  /**
   * {@return the state}
   *
   * @param member the member
   * @param ledger the member's ledger
   */
  public static MemberState of(Member member, PointLedger ledger) {
    return new MemberState(member, ledger);
  }
}
