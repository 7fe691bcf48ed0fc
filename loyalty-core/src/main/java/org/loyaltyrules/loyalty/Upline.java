package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Optional;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * One member up the referral chain of the member a decision is about, with only what the engine
 * checks of them: who they are (their id, tier and own referrer), their level, and the referral
 * bonus they were paid for this referee at this level, if any, with the points of it already
 * clawed back. A host fills it from the upline's member row and the one ledger row keyed {@link
 * EntryKey#referralBonus(String, int)}, plus the sum of the clawbacks of that key; {@link
 * #of(MemberState, String, int)} derives it from a full ledger instead.
 *
 * <p>Rolling a paid bonus back (after a full refund, by {@link Programme.ReferralRefundPolicy}) also
 * needs the split of the clawback over the upline's lots, which only their ledger knows: the
 * {@code planner}. Without one, a return that would roll the bonus back is refused and changes
 * nothing; an order or a return that rolls nothing back never asks for it.
 *
 * @param member the upline member
 * @param level 1 for the referee's referrer, 2 for the referrer's referrer, …
 * @param bonusPaid whether the upline was paid the bonus for this referee at this level (its key is in
 *     their ledger)
 * @param paidBonus the referral bonus entry the upline received for this referee at this level;
 *     empty if it was never paid, or if the host has only its key (a ledger rebuilt from a
 *     checkpoint keeps the keys of old referral bonuses, not the entries)
 * @param reversed the points of that bonus already clawed back, ≥ 0 (zero when none was paid)
 * @param planner plans a clawback on the upline's ledger; empty if the host did not load it
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record Upline(Member member, int level, boolean bonusPaid, Optional<LedgerEntry.Earned> paidBonus,
    Points reversed, Optional<ClawbackPlanner> planner) {
  /**
   * Validates every component, that the bonus, if any, is the upline's at this level, and that no
   * more of it was reversed than it paid.
   *
   * @param member the upline member
   * @param level 1 for the referee's referrer, 2 for the referrer's referrer, …
   * @param bonusPaid whether the bonus for this referee at this level was paid
   * @param paidBonus the referral bonus entry paid for this referee at this level, if the host has it
   * @param reversed the points of that bonus already clawed back, ≥ 0
   * @param planner plans a clawback on the upline's ledger, if the host loaded it
   * @throws LoyaltyException if a component is invalid
   */
  public Upline {
    Checks.present("upline", "member", member);
    Checks.check(level >= 1, "upline", "level", level, "≥ 1");
    Checks.present("upline", "paidBonus", paidBonus);
    Checks.present("upline", "reversed", reversed);
    Checks.present("upline", "planner", planner);
    Checks.check(!reversed.isNegative(), "upline", "reversed", reversed, "≥ 0");
    Checks.check(bonusPaid || paidBonus.isEmpty(), "upline", "bonusPaid", false, "true when the paid bonus is given");
    if (paidBonus.isPresent()) {
      LedgerEntry.Earned bonus = paidBonus.get();
      Checks.check(bonus.memberId().equals(member.id()), "upline", "paidBonus.memberId", bonus.memberId(),
          "the upline's id " + member.id());
      Checks.check(EntryKey.parse(bonus.key()) instanceof EntryKey.ReferralBonus r && r.level() == level,
          "upline", "paidBonus.key", bonus.key(), "a level-" + level + " referral bonus key");
      Checks.check(reversed.compareTo(bonus.points()) <= 0, "upline", "reversed", reversed,
          "≤ the bonus's " + bonus.points() + " points");
    } else {
      Checks.check(reversed.isZero(), "upline", "reversed", reversed, "0 when no bonus entry is given");
    }
  }

  /**
   * An upline not paid a bonus for this referee at this level: all an order needs to pay it.
   *
   * @param member the upline member
   * @param level the level, ≥ 1
   * @return the upline
   */
  public static Upline unpaid(Member member, int level) {
    return new Upline(member, level, false, Optional.empty(), Points.ZERO, Optional.empty());
  }

  /**
   * An upline paid a bonus for this referee at this level.
   *
   * @param member the upline member
   * @param level the level, ≥ 1
   * @param paidBonus the row keyed {@link EntryKey#referralBonus(String, int)} in the upline's ledger
   * @param reversed the points of it already clawed back, ≥ 0
   * @param planner plans a clawback on the upline's ledger, or {@code null} if not loaded (a return
   *     that would roll the bonus back is then refused)
   * @return the upline
   */
  public static Upline paid(Member member, int level, LedgerEntry.Earned paidBonus, Points reversed,
      ClawbackPlanner planner) {
    Checks.present("upline", "paidBonus", paidBonus);
    return new Upline(member, level, true, Optional.of(paidBonus), reversed, Optional.ofNullable(planner));
  }

  /**
   * The upline as the engine sees it, derived from their full state: the bonus row for {@code
   * refereeId} at {@code level}, what was clawed back of it, and the ledger as planner.
   *
   * @param upline the upline member and their ledger
   * @param refereeId the member the decision is about
   * @param level the upline's level above them, ≥ 1
   * @return the upline
   */
  public static Upline of(MemberState upline, String refereeId, int level) {
    Checks.present("upline", "upline", upline);
    Checks.nonBlank("upline", "refereeId", refereeId);
    Checks.check(level >= 1, "upline", "level", level, "≥ 1");
    EntryKey key = EntryKey.referralBonus(refereeId, level);
    PointLedger ledger = upline.ledger();
    Optional<LedgerEntry.Earned> bonus = ledger.entry(key).filter(LedgerEntry.Earned.class::isInstance)
        .map(LedgerEntry.Earned.class::cast);
    Points reversed = bonus.isPresent() ? ledger.reversedPoints(key.text()) : Points.ZERO;
    // A ledger rebuilt from a checkpoint may hold the key of an old bonus without its entry.
    return new Upline(upline.member(), level, ledger.contains(key), bonus, reversed, Optional.of(ledger::planClawback));
  }
}
