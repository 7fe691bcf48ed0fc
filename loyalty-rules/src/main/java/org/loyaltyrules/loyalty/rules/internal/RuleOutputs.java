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
 * Immutable: each list is an unmodifiable copy.
 *
 * @param baseRates the base rates
 * @param exclusions the exclusions
 * @param multipliers the multipliers
 * @param bonuses the bonuses
 * @param limits the order caps and daily caps, together
 * @param qualifications the tier qualifications
 * @param reviews the tier reviews
 * @param referralBonuses the referral bonuses
 * @param notices the notices and near misses as the decision lists them, together
 * @param storeCredits the store-credit grants
 */
record RuleOutputs(List<Decisions.BaseRate> baseRates, List<Decisions.Exclusion> exclusions,
    List<Decisions.Multiplier> multipliers, List<Decisions.Bonus> bonuses, List<RuleOutputs.Limit> limits,
    List<Decisions.Qualification> qualifications, List<Decisions.Review> reviews,
    List<Decisions.ReferralBonus> referralBonuses, List<String> notices, List<Decisions.StoreCredit> storeCredits) {
  /**
   * An order cap or a daily cap, the two kinds that compete for one limit on an order.
   *
   * @param rule the rule
   * @param maxPoints the most points the cap allows
   * @param reason the rule's reason
   * @param daily whether it is a daily cap (the day's earlier credits count against it)
   */
  record Limit(String rule, long maxPoints, String reason, boolean daily) {}

  RuleOutputs {
    baseRates = List.copyOf(baseRates);
    exclusions = List.copyOf(exclusions);
    multipliers = List.copyOf(multipliers);
    bonuses = List.copyOf(bonuses);
    limits = List.copyOf(limits);
    qualifications = List.copyOf(qualifications);
    reviews = List.copyOf(reviews);
    referralBonuses = List.copyOf(referralBonuses);
    notices = List.copyOf(notices);
    storeCredits = List.copyOf(storeCredits);
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
    List<Decisions.StoreCredit> storeCredits = new ArrayList<>();
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
      } else if (output instanceof Decisions.StoreCredit c) {
        storeCredits.add(c);
      } else {
        throw new IllegalStateException("unsorted rule output kind " + output.getClass().getName());
      }
    }
    return new RuleOutputs(baseRates, exclusions, multipliers, bonuses, limits, qualifications, reviews,
        referralBonuses, notices, storeCredits);
  }

  /** @return how many outputs the lists hold together: every output sorted lands in exactly one */
  int size() {
    return baseRates.size() + exclusions.size() + multipliers.size() + bonuses.size() + limits.size()
        + qualifications.size() + reviews.size() + referralBonuses.size() + notices.size() + storeCredits.size();
  }
}
