package org.loyaltyrules.loyalty.rules.internal;

import java.util.ArrayList;
import java.util.List;
import org.loyaltyrules.loyalty.rules.facts.Decisions;

/**
 * What the rules decided in one evaluation, sorted by kind in one pass right after the rules fired,
 * so that each consumer reads its own typed list instead of filtering the whole output list again.
 * Each list keeps firing order. Two pairs of kinds stay merged because their relative order is
 * observable: order and daily caps compete for one limit (a tie goes to the first fired), and
 * notices and near misses reach the decision as one list of notices, as they fired.
 * Immutable.
 */
final class RuleOutputs {
  /**
   * An order cap or a daily cap, the two kinds that compete for one limit on an order.
   *
   * @param rule the rule
   * @param maxPoints the most points the cap allows
   * @param reason the rule's reason
   * @param daily whether it is a daily cap (the day's earlier credits count against it)
   */
  record Limit(String rule, long maxPoints, String reason, boolean daily) {}

  private final List<Decisions.BaseRate> baseRates;
  private final List<Decisions.Exclusion> exclusions;
  private final List<Decisions.Multiplier> multipliers;
  private final List<Decisions.Bonus> bonuses;
  private final List<Limit> limits;
  private final List<Decisions.Qualification> qualifications;
  private final List<Decisions.Review> reviews;
  private final List<Decisions.ReferralBonus> referralBonuses;
  private final List<String> notices;

  private RuleOutputs(List<Decisions.BaseRate> baseRates, List<Decisions.Exclusion> exclusions,
      List<Decisions.Multiplier> multipliers, List<Decisions.Bonus> bonuses, List<Limit> limits,
      List<Decisions.Qualification> qualifications, List<Decisions.Review> reviews,
      List<Decisions.ReferralBonus> referralBonuses, List<String> notices) {
    this.baseRates = List.copyOf(baseRates);
    this.exclusions = List.copyOf(exclusions);
    this.multipliers = List.copyOf(multipliers);
    this.bonuses = List.copyOf(bonuses);
    this.limits = List.copyOf(limits);
    this.qualifications = List.copyOf(qualifications);
    this.reviews = List.copyOf(reviews);
    this.referralBonuses = List.copyOf(referralBonuses);
    this.notices = List.copyOf(notices);
  }

  /**
   * @param outputs one evaluation's outputs, in firing order
   * @return them sorted by kind
   * @throws IllegalStateException for a kind this class does not sort (a new {@link Decisions.Output}
   *     needs its list here; the caller maps the failure to a typed evaluation error)
   */
  static RuleOutputs of(List<Decisions.Output> outputs) {
    List<Decisions.BaseRate> baseRates = new ArrayList<>();
    List<Decisions.Exclusion> exclusions = new ArrayList<>();
    List<Decisions.Multiplier> multipliers = new ArrayList<>();
    List<Decisions.Bonus> bonuses = new ArrayList<>();
    List<Limit> limits = new ArrayList<>();
    List<Decisions.Qualification> qualifications = new ArrayList<>();
    List<Decisions.Review> reviews = new ArrayList<>();
    List<Decisions.ReferralBonus> referralBonuses = new ArrayList<>();
    List<String> notices = new ArrayList<>();
    // Java 17 has no pattern-matching switch; the chain ends in a throw so no kind is dropped silently.
    for (Decisions.Output output : outputs) {
      if (output instanceof Decisions.BaseRate r) {
        baseRates.add(r);
      } else if (output instanceof Decisions.Exclusion x) {
        exclusions.add(x);
      } else if (output instanceof Decisions.Multiplier m) {
        multipliers.add(m);
      } else if (output instanceof Decisions.Bonus b) {
        bonuses.add(b);
      } else if (output instanceof Decisions.Cap c) {
        limits.add(new Limit(c.rule(), c.maxPoints(), c.reason(), false));
      } else if (output instanceof Decisions.DailyCap d) {
        limits.add(new Limit(d.rule(), d.maxPoints(), d.reason(), true));
      } else if (output instanceof Decisions.Qualification q) {
        qualifications.add(q);
      } else if (output instanceof Decisions.Review v) {
        reviews.add(v);
      } else if (output instanceof Decisions.ReferralBonus f) {
        referralBonuses.add(f);
      } else if (output instanceof Decisions.Notice n) {
        notices.add(n.text() + " (" + n.rule() + ")");
      } else if (output instanceof Decisions.NearMiss m) {
        notices.add(m.text()); // the merchant-facing sentence, as it read when Java wrote it
      } else {
        throw new IllegalStateException("unsorted rule output kind " + output.getClass().getName());
      }
    }
    return new RuleOutputs(baseRates, exclusions, multipliers, bonuses, limits, qualifications, reviews,
        referralBonuses, notices);
  }

  /** @return the base rates, in firing order */
  List<Decisions.BaseRate> baseRates() {
    return baseRates;
  }

  /** @return the exclusions, in firing order */
  List<Decisions.Exclusion> exclusions() {
    return exclusions;
  }

  /** @return the multipliers, in firing order */
  List<Decisions.Multiplier> multipliers() {
    return multipliers;
  }

  /** @return the bonuses, in firing order */
  List<Decisions.Bonus> bonuses() {
    return bonuses;
  }

  /** @return the order caps and daily caps, together in firing order */
  List<Limit> limits() {
    return limits;
  }

  /** @return the tier qualifications, in firing order */
  List<Decisions.Qualification> qualifications() {
    return qualifications;
  }

  /** @return the tier reviews, in firing order */
  List<Decisions.Review> reviews() {
    return reviews;
  }

  /** @return the referral bonuses, in firing order */
  List<Decisions.ReferralBonus> referralBonuses() {
    return referralBonuses;
  }

  /** @return the notices and near misses as the decision lists them, together in firing order */
  List<String> notices() {
    return notices;
  }

  /** @return how many outputs the lists hold together: every output sorted lands in exactly one */
  int size() {
    return baseRates.size() + exclusions.size() + multipliers.size() + bonuses.size() + limits.size()
        + qualifications.size() + reviews.size() + referralBonuses.size() + notices.size();
  }
}
