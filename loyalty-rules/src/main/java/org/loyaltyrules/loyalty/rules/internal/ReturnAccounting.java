package org.loyaltyrules.loyalty.rules.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loyaltyrules.loyalty.ClawbackPlan;
import org.loyaltyrules.loyalty.ClawbackPlanner;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.EngineRule;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Provenance;
import org.loyaltyrules.loyalty.UnknownEntryException;
import org.loyaltyrules.loyalty.Upline;

/**
 * Decides a return from what the member's ledger recorded of the order (no copy of the order): the
 * returned units are checked against the base entry's line shares minus earlier returns, then each
 * entry the order earned gives back the share of those units (prorated cumulatively, so several
 * partial returns add up exactly); after a full refund, the referral bonuses the order paid, from
 * the uplines' paid-bonus rows and their ledgers' clawback planners. The tier recompute a programme
 * may ask for after a refund is the rules' to decide, on the ledger this leaves ({@link
 * Refund#after()}). Immutable and thread-safe.
 */
final class ReturnAccounting {
  private final Programme programme;
  private final String version;
  private final StoreCreditAccounting credit;

  ReturnAccounting(Programme programme, String version, StoreCreditAccounting credit) {
    this.programme = programme;
    this.version = version;
    this.credit = credit;
  }

  /**
   * A return's decision, without a tier change, and the member's ledger with its clawbacks appended.
   *
   * @param decision the clawbacks and notices
   * @param after the ledger after them; empty when the return was already decided
   */
  record Refund(Decision decision, Optional<PointLedger> after) {}

  Refund orderReturned(LoyaltyEvent.OrderReturned event, DecisionContext context) {
    Member member = context.member().member();
    PointLedger ledger = context.member().ledger();
    EntryKey baseKey = EntryKey.orderBase(event.orderId());
    Optional<LedgerEntry> base = ledger.entry(baseKey);
    if (base.isEmpty() || !(base.get() instanceof LedgerEntry.Earned baseEntry)) {
      throw new UnknownEntryException("order-returned event", "orderId", event.orderId(),
          "an order already decided for member " + member.id() + " (no entry " + baseKey.text() + ")");
    }
    if (ledger.contains(EntryKey.clawback(event.eventId(), baseKey))) {
      return nothing(event, "return " + event.eventId() + " was already decided; nothing more to claw back");
    }
    Map<String, Integer> returned = returnedUnits(event, baseEntry, ledger);
    if (returned.isEmpty()) {
      // Only a whole return gets here: an order that earned on no line (gift cards only, or free),
      // or one already returned in full. Nothing is clawed back and no tier is recomputed.
      return nothing(event, "order " + event.orderId() + " has no unit left to return (" + (baseEntry.lines().isEmpty()
          ? "the ledger recorded no line of it in the earning base" : "earlier returns took back every unit")
          + "); nothing to claw back");
    }
    Instant at = event.occurredAt();
    // Plan on a scratch copy so that several clawbacks in one decision see each other.
    PointLedger scratch = ledger.copy();
    List<LedgerEntry> entries = new ArrayList<>();
    for (LedgerEntry.Earned earned : ledger.earnedFrom(event.orderId())) {
      // Only what the order earned itself. Its order id is not compared: earnedFrom already matched
      // the source, and "order:o:campaign:base" (a campaign named "base") also reads as the base
      // entry of an order "o:campaign".
      if (!(EntryKey.parse(earned.key()) instanceof EntryKey.OrderEarning)) {
        continue;
      }
      LedgerEntry.ClawedBack clawback = clawbackOf(event, earned, returned, scratch, at);
      if (clawback != null) {
        scratch.append(clawback);
        entries.add(clawback);
      }
    }
    List<String> notices = new ArrayList<>();
    boolean fullyReturned = isFullyReturned(baseEntry, scratch);
    entries.addAll(credit.clawbacks(event.eventId(), event.orderId(), baseEntry, fullyReturned, scratch, at));
    if (fullyReturned && programme.referralRefundPolicy() == Programme.ReferralRefundPolicy.CLAW_BACK_ON_FULL_REFUND) {
      entries.addAll(referralRollback(event, member, context.uplines(), notices));
    }
    return new Refund(new Decision(event.eventId(), version, entries, Optional.empty(), List.of(), notices),
        Optional.of(scratch));
  }

  private Refund nothing(LoyaltyEvent.OrderReturned event, String notice) {
    return new Refund(new Decision(event.eventId(), version, List.of(), Optional.empty(), List.of(), List.of(notice)),
        Optional.empty());
  }

  /**
   * The units returned per line id, checked against what the ledger recorded for the order (its base
   * entry's line shares: every earning-base line with its quantity) minus what earlier returns took
   * back. A whole return is every unit left, lines with none left omitted.
   */
  private static Map<String, Integer> returnedUnits(LoyaltyEvent.OrderReturned event, LedgerEntry.Earned base,
      PointLedger ledger) {
    Map<String, LineShare> already = ledger.reversedLines(base.key());
    Map<String, Integer> left = new LinkedHashMap<>();
    for (LineShare share : base.lines()) {
      LineShare before = already.get(share.lineId());
      left.put(share.lineId(), share.quantity() - (before == null ? 0 : before.quantity()));
    }
    Map<String, Integer> returned = new HashMap<>();
    if (event.isWhole()) {
      left.forEach((line, units) -> {
        if (units > 0) {
          returned.put(line, units);
        }
      });
      return returned;
    }
    for (int i = 0; i < event.lines().size(); i++) {
      LoyaltyEvent.ReturnedLine line = event.lines().get(i);
      Integer units = left.get(line.lineId());
      if (units == null) {
        throw new InvalidValueException("order-returned event", "lines[" + i + "].lineId", line.lineId(),
            "a line the ledger recorded for order " + event.orderId() + " (" + left.size() + " earning-base line"
                + (left.size() == 1 ? "" : "s") + "; a line outside the earning base earned nothing to return)");
      }
      if (line.quantity() > units) {
        throw new InvalidValueException("order-returned event", "lines[" + i + "].quantity", line.quantity(),
            "≤ " + units + " units of line " + line.lineId() + " not yet returned");
      }
      returned.put(line.lineId(), line.quantity());
    }
    return returned;
  }

  private LedgerEntry.ClawedBack clawbackOf(LoyaltyEvent.OrderReturned event, LedgerEntry.Earned earned,
      Map<String, Integer> returned, PointLedger scratch, Instant at) {
    Map<String, LineShare> already = scratch.reversedLines(earned.key());
    List<LineShare> shares = new ArrayList<>();
    long points = 0;
    Money spend = Money.zero(programme.currency());
    List<String> parts = new ArrayList<>();
    for (LineShare share : earned.lines()) {
      Integer quantity = returned.get(share.lineId());
      if (quantity == null) {
        continue;
      }
      LineShare before = already.get(share.lineId());
      int returnedBefore = before == null ? 0 : before.quantity();
      long pointsBefore = before == null ? 0 : before.points().value();
      Money spendBefore = before == null ? Money.zero(programme.currency()) : before.spend();
      int cumulative = returnedBefore + quantity;
      // Cumulative proration: exact when everything is returned, never more than the share (so the
      // product is taken without a bound, and the quotient always fits).
      long pointsTarget = BigInteger.valueOf(share.points().value()).multiply(BigInteger.valueOf(cumulative))
          .divide(BigInteger.valueOf(share.quantity())).longValueExact();
      // Multiply before dividing: a ratio such as 1/3 cut to a fixed scale first loses a cent.
      Money spendTarget = Money.of(share.spend().amount().multiply(BigDecimal.valueOf(cumulative))
          .divide(BigDecimal.valueOf(share.quantity()), programme.currency().getDefaultFractionDigits(),
              RoundingMode.DOWN), programme.currency());
      long dp = ExactPoints.subtract(pointsTarget, pointsBefore, "points clawed back from line " + share.lineId(),
          EngineRule.REFUND);
      Money ds = spendTarget.minus(spendBefore);
      // A share is recorded even when it reverses no point and no spend: the returned quantity must
      // be on the ledger, or a later return prorates from the wrong cumulative quantity (and the same
      // units could be returned again).
      shares.add(new LineShare(share.lineId(), quantity, Points.of(dp), ds));
      points = ExactPoints.add(points, dp, "points clawed back from " + earned.key(), EngineRule.REFUND);
      spend = spend.plus(ds);
      parts.add(quantity + " of " + share.quantity() + " units of line " + share.lineId() + " (" + dp + " points)");
    }
    if (shares.isEmpty()) {
      return null;
    }
    ClawbackPlan plan = scratch.planClawback(earned.key(), Points.of(points), at);
    String reason = "refund " + event.eventId() + " of order " + event.orderId() + ": " + String.join(", ", parts)
        + " returned; claws back " + points + " of the " + earned.points() + " points of " + earned.key()
        + (plan.uncollected().isPositive() ? " (" + plan.uncollected() + " not collected: already expired or capped at zero)" : "");
    return new LedgerEntry.ClawedBack(EntryKey.clawback(event.eventId(), EntryKey.parse(earned.key())).text(),
        earned.memberId(), plan.collected().negated(), at, new Provenance(event.eventId(), EngineRule.REFUND, version, reason),
        earned.key(), plan.uncollected(), spend, shares);
  }

  private static boolean isFullyReturned(LedgerEntry.Earned base, PointLedger ledger) {
    Map<String, LineShare> reversed = ledger.reversedLines(base.key());
    for (LineShare share : base.lines()) {
      LineShare r = reversed.get(share.lineId());
      if (r == null || r.quantity() < share.quantity()) {
        return false;
      }
    }
    return !base.lines().isEmpty();
  }

  private List<LedgerEntry> referralRollback(LoyaltyEvent.OrderReturned event, Member referee, List<Upline> uplines,
      List<String> notices) {
    List<LedgerEntry> entries = new ArrayList<>();
    for (int level = 1; level <= uplines.size(); level++) {
      Upline upline = uplines.get(level - 1);
      EntryKey key = EntryKey.referralBonus(referee.id(), level);
      if (!upline.bonusPaid()) {
        continue;
      }
      if (upline.paidBonus().isEmpty()) {
        // Only its key is known (an old bonus, kept as a key by a ledger rebuilt from a checkpoint):
        // whether this order paid it, and how much of it is left, cannot be told.
        throw new InvalidValueException("decision context", "uplines[" + (level - 1) + "].paidBonus", "absent",
            "the entry " + key.text() + " of member " + upline.member().id() + ": the full refund " + event.eventId()
                + " may roll it back (a ledger rebuilt from a checkpoint keeps it while its horizon is not after the order)");
      }
      LedgerEntry.Earned earned = upline.paidBonus().get();
      if (!earned.key().equals(key.text())) {
        throw new InvalidValueException("decision context", "uplines[" + (level - 1) + "].paidBonus.key", earned.key(),
            key.text() + " (the bonus for member " + referee.id() + " at level " + level + ")");
      }
      if (!earned.provenance().sourceEventId().equals(event.orderId())) {
        continue;
      }
      long left = ExactPoints.subtract(earned.points().value(), upline.reversed().value(),
          "referral bonus left to claw back of " + key.text(), EngineRule.REFERRAL_ROLLBACK);
      if (left <= 0) {
        continue;
      }
      ClawbackPlan plan = plan(event, upline, key, left);
      entries.add(new LedgerEntry.ClawedBack(EntryKey.clawback(event.eventId(), key).text(), upline.member().id(),
          plan.collected().negated(), event.occurredAt(),
          new Provenance(event.eventId(), EngineRule.REFERRAL_ROLLBACK, version, "order " + event.orderId()
              + " of member " + referee.id() + " was fully refunded; the level-" + level + " referral bonus of "
              + earned.points() + " points is clawed back"),
          key.text(), plan.uncollected(), Money.zero(programme.currency()), List.of()));
      notices.add("referral bonus of member " + upline.member().id() + " (level " + level + ") clawed back");
    }
    return entries;
  }

  /** The split of a bonus rollback over the upline's lots, which only the host's planner knows. */
  private static ClawbackPlan plan(LoyaltyEvent.OrderReturned event, Upline upline, EntryKey key, long points) {
    int index = upline.level() - 1;
    ClawbackPlanner planner = upline.planner().orElseThrow(() -> new InvalidValueException("decision context",
        "uplines[" + index + "].planner", "absent", "a clawback planner on the ledger of member " + upline.member().id()
            + ": the full refund " + event.eventId() + " rolls back their level-" + upline.level() + " referral bonus"));
    ClawbackPlan plan;
    try {
      plan = planner.plan(key.text(), Points.of(points), event.occurredAt());
    } catch (LoyaltyException e) {
      throw e;
    } catch (RuntimeException e) {
      throw RuleSession.accountingFailed(event.eventId(), e);
    }
    if (plan == null || plan.collected() == null || plan.uncollected() == null
        || plan.collected().isNegative() || plan.uncollected().isNegative()
        || plan.collected().value() + plan.uncollected().value() != points) {
      throw new InvalidValueException("decision context", "uplines[" + index + "].planner", String.valueOf(plan),
          "a plan splitting exactly " + points + " points into collected and uncollected, both ≥ 0");
    }
    return plan;
  }
}
