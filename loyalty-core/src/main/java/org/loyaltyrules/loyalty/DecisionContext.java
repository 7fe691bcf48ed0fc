package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * What the engine may read to decide on one event: the member the event is about and, for referral
 * bonuses and their rollback, the member's referral chain ("uplines": the referrer first, then the
 * referrer's referrer, …), as far as the programme pays levels. An upline carries only what the chain
 * needs ({@link Upline}), not its ledger.
 *
 * <p>For campaigns with a total points budget, the context also carries what the host says those
 * campaigns already paid across all members ({@link CampaignBudgets}); see {@link #withBudgets}.
 *
 * @param member the member the event is about
 * @param uplines the referral chain, nearest first, each at its level (1, 2, …); may be empty
 * @param budgets what campaigns with a total budget already paid, as the host counts it
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record DecisionContext(MemberState member, List<Upline> uplines, CampaignBudgets budgets) {
  /**
   * Validates and copies the components.
   *
   * @param member the member the event is about
   * @param uplines the referral chain, nearest first, each at its level (1, 2, …); may be empty
   * @param budgets what campaigns with a total budget already paid, as the host counts it
   * @throws LoyaltyException if a component is invalid or an upline is not at its place in the chain
   */
  public DecisionContext {
    Checks.present("decision context", "member", member);
    Checks.present("decision context", "budgets", budgets);
    uplines = Checks.elements("decision context", "uplines", uplines);
    for (int i = 0; i < uplines.size(); i++) {
      Checks.check(uplines.get(i).level() == i + 1, "decision context", "uplines[" + i + "].level",
          uplines.get(i).level(), String.valueOf(i + 1) + " (its place in the chain)");
    }
  }

  /**
   * A context with no campaign budgets known ({@link CampaignBudgets#none()}).
   *
   * @param member the member the event is about
   * @param uplines the referral chain, nearest first, each at its level (1, 2, …); may be empty
   * @throws LoyaltyException if a component is invalid or an upline is not at its place in the chain
   */
  public DecisionContext(MemberState member, List<Upline> uplines) {
    this(member, uplines, CampaignBudgets.none());
  }

  /**
   * {@return a copy carrying that budget snapshot}
   *
   * @param budgets what campaigns with a total budget already paid, as the host counts it
   * @throws LoyaltyException if {@code budgets} is absent
   * @since 0.1
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public DecisionContext withBudgets(CampaignBudgets budgets) {
    return new DecisionContext(member, uplines, budgets);
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

  /**
   * A context whose uplines are derived from their full states ({@link Upline#of(MemberState, String,
   * int)}): for callers that hold the uplines' ledgers anyway, such as a replay.
   *
   * @param member the member the event is about
   * @param uplines the uplines' states, nearest first
   * @return the context
   * @since 0.1
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public static DecisionContext withUplineLedgers(MemberState member, List<MemberState> uplines) {
    Checks.present("decision context", "member", member);
    List<MemberState> states = Checks.elements("decision context", "uplines", uplines);
    List<Upline> chain = new ArrayList<>(states.size());
    for (int i = 0; i < states.size(); i++) {
      chain.add(Upline.of(states.get(i), member.member().id(), i + 1));
    }
    return new DecisionContext(member, chain);
  }
}
