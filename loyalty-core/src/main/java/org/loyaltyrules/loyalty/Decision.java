package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * What the engine decided on one event: ledger entries to append (for the member and, for referral
 * bonuses, for other members), an optional tier change, the rules that fired and notices such as
 * near-misses. The host persists it in its own transaction; appending the same decision twice is
 * harmless because every entry carries an idempotency key derived from the event.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param eventId the event decided on
 * @param ruleBaseVersion the content hash of the rule base that decided
 * @param entries the entries to append, in order
 * @param tierChange the tier change, if any
 * @param firedRules the names of the rules that fired, in firing order
 * @param notices human-readable notes that change nothing (near-misses, refused referrals…)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Decision(
    String eventId,
    String ruleBaseVersion,
    List<LedgerEntry> entries,
    Optional<TierChange> tierChange,
    List<String> firedRules,
    List<String> notices) {

  /**
   * Validates and copies the components.
   *
   * @param eventId the event decided on
   * @param ruleBaseVersion the content hash of the rule base that decided
   * @param entries the entries to append, in order
   * @param tierChange the tier change, if any
   * @param firedRules the names of the rules that fired, in firing order
   * @param notices human-readable notes that change nothing (near-misses, refused referrals…)
   * @throws LoyaltyException if a component is invalid
   */
  public Decision {
    Checks.nonBlank("decision", "eventId", eventId);
    Checks.nonBlank("decision", "ruleBaseVersion", ruleBaseVersion);
    entries = Checks.elements("decision", "entries", entries);
    Checks.present("decision", "tierChange", tierChange);
    firedRules = Checks.elements("decision", "firedRules", firedRules);
    notices = Checks.elements("decision", "notices", notices);
  }

  /**
   * {@return the entries for that member's ledger, in order}
   *
   * @param memberId a member id
   */
  public List<LedgerEntry> entriesFor(String memberId) {
    return entries.stream().filter(e -> e.memberId().equals(memberId)).toList();
  }

  /**
   * {@return the net points this decision credits (or debits) to that member}
   *
   * @param memberId a member id
   * @throws PointsOverflowException if the net does not fit in a {@code long} (the engine never
   *     decides such a decision; one built by hand may hold it)
   */
  public Points pointsFor(String memberId) {
    long sum = 0;
    for (LedgerEntry entry : entries) {
      if (entry.memberId().equals(memberId)) {
        sum = Checks.addPoints("decision", "points for member " + memberId, sum, entry.points().value());
      }
    }
    return Points.of(sum);
  }

  /** {@return the non-point rewards this decision grants, in order (a convenience over {@link #entries()})} */
  public List<LedgerEntry.RewardGranted> rewards() {
    return entries.stream().filter(LedgerEntry.RewardGranted.class::isInstance)
        .map(LedgerEntry.RewardGranted.class::cast).toList();
  }

  /** {@return the rewards this decision revokes (a refund's), in order} */
  public List<LedgerEntry.RewardRevoked> revokedRewards() {
    return entries.stream().filter(LedgerEntry.RewardRevoked.class::isInstance)
        .map(LedgerEntry.RewardRevoked.class::cast).toList();
  }

  /**
   * What this decision takes from campaign budgets: the points of its event-bonus entries ({@link
   * EntryKey.EventBonus}), by campaign id, sorted. A host that keeps total budgets adds these to its
   * counters in the transaction that appends the entries, for the entries it actually appended
   * (an entry already stored, from a redelivery, adds nothing).
   *
   * @return points by campaign id; empty when the decision pays no event bonus
   * @throws PointsOverflowException if a sum does not fit in a {@code long} (never for a decision the
   *     engine made)
   * @since 0.1
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public java.util.Map<String, Points> budgetUse() {
    java.util.Map<String, Points> use = new java.util.TreeMap<>();
    for (LedgerEntry entry : entries) {
      if (entry instanceof LedgerEntry.Earned && EntryKey.parse(entry.key()) instanceof EntryKey.EventBonus key) {
        long sum = Checks.addPoints("decision", "budget use of " + key.campaignId(),
            use.getOrDefault(key.campaignId(), Points.ZERO).value(), entry.points().value());
        use.put(key.campaignId(), Points.of(sum));
      }
    }
    return java.util.Collections.unmodifiableMap(use);
  }
}
