package org.loyaltyrules.loyalty.rules.internal;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.loyaltyrules.loyalty.Tier;
import org.loyaltyrules.loyalty.TierLadder;
import org.loyaltyrules.loyalty.rules.facts.Decisions;

/**
 * The tiers the rules qualified in one evaluation ({@code decisions.qualifies}), and the tier moves
 * that follow from them. The rules decide qualification once; upgrades after an order, downgrades at
 * a review and the recompute after a refund are all read from this set, so a merchant's edit of the
 * qualification rule changes every one of them. The entry tier is the floor: it needs no
 * qualification.
 */
final class TierQualification {
  /** The first qualification of each tier, by rank. */
  private final TreeMap<Integer, Decisions.Qualification> byRank = new TreeMap<>();

  private TierQualification() {}

  /** @return the set of one evaluation's qualifications, in firing order (the first of a tier counts) */
  static TierQualification of(List<Decisions.Qualification> qualifications) {
    TierQualification set = new TierQualification();
    for (Decisions.Qualification q : qualifications) {
      set.byRank.putIfAbsent(q.tier().getRank(), q);
    }
    return set;
  }

  /** @return the highest tier qualified above {@code current}, the one an upgrade moves to */
  Optional<Decisions.Qualification> highestAbove(Tier current) {
    var highest = byRank.lastEntry();
    return highest == null || highest.getKey() <= current.rank() ? Optional.empty() : Optional.of(highest.getValue());
  }

  /** @return whether the member holds {@code tier}: the entry tier always, another when qualified */
  boolean holds(Tier tier) {
    return tier.rank() == 0 || byRank.containsKey(tier.rank());
  }

  /** @return the highest tier qualified below {@code current}, else the entry tier */
  Tier highestBelow(Tier current, TierLadder ladder) {
    var below = byRank.lowerEntry(current.rank());
    return below == null ? ladder.entry() : below.getValue().tier().tier();
  }

  /** @return the first of one evaluation's reviews of {@code tier}, if a rule reviewed it */
  static Optional<Decisions.Review> reviewOf(List<Decisions.Review> reviews, Tier tier) {
    for (Decisions.Review r : reviews) {
      if (r.tier().getRank() == tier.rank()) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
