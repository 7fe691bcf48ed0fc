package org.loyaltyrules.loyalty.rules.internal;

import java.time.Instant;
import java.util.Optional;
import org.loyaltyrules.loyalty.EngineRule;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Tier;
import org.loyaltyrules.loyalty.TierChange;
import org.loyaltyrules.loyalty.rules.facts.Decisions;

/**
 * Turns the tiers the rules qualified ({@code decisions.qualifies}) into at most one tier change:
 * after an order, the highest tier qualified above the member's; at a review, that upgrade or else,
 * if the rules put the current tier up for review and no qualification holds it, a downgrade by the
 * programme's policy and grace period; after a refund that recomputes tiers, the highest tier still
 * qualified below an unqualified current one. Every move reads the same qualification set
 * ({@link TierQualification}), so a merchant's qualification rule decides all of them.
 * Immutable and thread-safe.
 */
final class TierChanges {
  private final Programme programme;
  private final Explanations explain;

  TierChanges(Programme programme, Explanations explain) {
    this.programme = programme;
    this.explain = explain;
  }

  /** The upgrade to the highest tier the rules qualified above {@code current}, if any. */
  Optional<TierChange> upgrade(RuleOutputs out, Member member, Tier current, Instant at) {
    return upgrade(TierQualification.of(out.qualifications()), member, current, at);
  }

  private Optional<TierChange> upgrade(TierQualification qualified, Member member, Tier current, Instant at) {
    Optional<Decisions.Qualification> best = qualified.highestAbove(current);
    if (best.isEmpty()) {
      return Optional.empty();
    }
    Tier to = best.get().tier().tier();
    return Optional.of(new TierChange(member.id(), current.code(), to.code(), at, best.get().rule(),
        explain.upgrade(best.get().tier().getSpendInWindow(), current, to)));
  }

  /**
   * A review's change: an upgrade if the spend qualifies above the current tier, else, when a rule
   * reviewed the current tier and no rule qualified it, a downgrade to the tier below or to the
   * highest tier still qualified (by the programme's policy), effective after the grace period.
   */
  Optional<TierChange> review(RuleOutputs out, Member member, Tier current, Instant at) {
    TierQualification qualified = TierQualification.of(out.qualifications());
    Optional<TierChange> change = upgrade(qualified, member, current, at);
    if (change.isPresent() || qualified.holds(current)) {
      return change;
    }
    Optional<Decisions.Review> review = TierQualification.reviewOf(out.reviews(), current);
    if (review.isEmpty()) {
      return Optional.empty();
    }
    Tier to = programme.downgradePolicy() == Programme.DowngradePolicy.ONE_LEVEL
        ? programme.tiers().below(current).orElse(current)
        : qualified.highestBelow(current, programme.tiers());
    Instant effective = at.atZone(programme.zone()).plus(programme.downgradeGrace()).toInstant();
    return Optional.of(new TierChange(member.id(), current.code(), to.code(), effective, review.get().rule(),
        explain.downgrade(review.get().tier().getSpendInWindow(), current, to)));
  }

  /**
   * After a refund that recomputes tiers: if the rules no longer qualify the current tier on the
   * spend left, the move to the highest tier they still qualify below it (the entry tier at least).
   */
  Optional<TierChange> afterRefund(RuleOutputs out, Member member, Tier current, String returnId, Instant at) {
    TierQualification qualified = TierQualification.of(out.qualifications());
    if (qualified.holds(current)) {
      return Optional.empty();
    }
    Tier to = qualified.highestBelow(current, programme.tiers());
    return Optional.of(new TierChange(member.id(), current.code(), to.code(), at, EngineRule.TIER_REFUND,
        "after refund " + returnId + " the qualifying spend supports " + to.code() + " only"));
  }
}
