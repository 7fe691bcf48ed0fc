package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * What the engine may read to decide on one event: the member the event is about and, for referral
 * bonuses and their rollback, the member's referral chain ("uplines": the referrer first, then the
 * referrer's referrer, …), as far as the programme pays levels.
 *
 * @param member the member the event is about
 * @param uplines the referral chain, nearest first; may be empty
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record DecisionContext(MemberState member, List<MemberState> uplines) {
  /**
   * Validates and copies the components.
   *
   * @param member the member the event is about
   * @param uplines the referral chain, nearest first; may be empty
   * @throws LoyaltyException if a component is invalid
   */
  public DecisionContext {
    Checks.present("decision context", "member", member);
    Checks.present("decision context", "uplines", uplines);
    for (int i = 0; i < uplines.size(); i++) {
      Checks.present("decision context", "uplines[" + i + "]", uplines.get(i));
    }
    uplines = List.copyOf(uplines);
  }

  /**
   * A context with no referral chain.
   *
   * @param member the member and their ledger
   * @return the context
   */
  public static DecisionContext of(MemberState member) {
    return new DecisionContext(member, List.of());
  }

  /**
   * {@return a context with no referral chain}
   *
   * @param member the member
   * @param ledger the member's ledger
   */
  public static DecisionContext of(Member member, PointLedger ledger) {
    return new DecisionContext(new MemberState(member, ledger), List.of());
  }
}
