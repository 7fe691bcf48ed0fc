package org.loyaltyrules.loyalty.rules.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Tier;
import org.loyaltyrules.loyalty.TierChange;
import org.loyaltyrules.loyalty.rules.facts.Decisions;
import org.loyaltyrules.loyalty.rules.facts.TierFact;

/**
 * Turns the rules' upgrade and downgrade outputs into at most one tier change: the highest upgrade
 * above the current tier, or else a downgrade by the programme's policy and grace period.
 * Immutable and thread-safe.
 */
final class TierChanges {
  private final Programme programme;
  private final Explanations explain;

  TierChanges(Programme programme, Explanations explain) {
    this.programme = programme;
    this.explain = explain;
  }

  /** The highest tier above {@code current} a rule upgraded to, if any. */
  Optional<TierChange> upgrade(Decisions.Recorder out, Member member, Tier current, Instant at) {
    TierFact best = null;
    String rule = null;
    for (Decisions.Output output : out.outputs()) {
      if (output instanceof Decisions.Upgrade u && u.tier().getRank() > current.rank()
          && (best == null || u.tier().getRank() > best.getRank())) {
        best = u.tier();
        rule = u.rule();
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    Tier to = programme.tiers().byCode(best.getCode());
    return Optional.of(new TierChange(member.id(), current.code(), to.code(), at, rule,
        explain.upgrade(best.getSpendInWindow(), current, to)));
  }

  /**
   * A review's change: an upgrade if a rule gave one, else the downgrade a rule asked for, to the
   * tier below or the highest tier still qualified for (by the programme's policy), effective after
   * the grace period.
   */
  Optional<TierChange> review(Decisions.Recorder out, Member member, Tier current, List<TierFact> tiers, Instant at) {
    Optional<TierChange> change = upgrade(out, member, current, at);
    if (change.isPresent()) {
      return change;
    }
    for (Decisions.Output output : out.outputs()) {
      if (output instanceof Decisions.Downgrade d && d.tier().getCode().equals(current.code())) {
        Tier qualifying = programme.tiers().entry();
        for (TierFact t : tiers) {
          if (t.isQualified() && t.getRank() < current.rank() && t.getRank() > qualifying.rank()) {
            qualifying = programme.tiers().byCode(t.getCode());
          }
        }
        Tier to = programme.downgradePolicy() == Programme.DowngradePolicy.ONE_LEVEL
            ? programme.tiers().below(current).orElse(current)
            : qualifying;
        Instant effective = at.atZone(programme.zone()).plus(programme.downgradeGrace()).toInstant();
        return Optional.of(new TierChange(member.id(), current.code(), to.code(), effective, d.rule(),
            explain.downgrade(d.tier().getSpendInWindow(), current, to)));
      }
    }
    return Optional.empty();
  }
}
