package org.loyaltyrules.loyalty.rules.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loyaltyrules.loyalty.ClawbackPlan;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.EngineRule;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Provenance;
import org.loyaltyrules.loyalty.UnknownEntryException;

/**
 * Decides a return: claws back, from each entry the order earned, the share of the returned units
 * (prorated cumulatively, so several partial returns add up exactly); after a full refund, the
 * referral bonuses the order paid. The tier recompute a programme may ask for after a refund is
 * the rules' to decide, on the ledger this leaves ({@link Refund#after()}). Immutable and thread-safe.
 */
final class ReturnAccounting {
  private final Programme programme;
  private final String version;

  ReturnAccounting(Programme programme, String version) {
    this.programme = programme;
    this.version = version;
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
    Order order = event.order();
    EntryKey baseKey = EntryKey.orderBase(order.id());
    Optional<LedgerEntry> base = ledger.entry(baseKey);
    if (base.isEmpty() || !(base.get() instanceof LedgerEntry.Earned baseEntry)) {
      throw new UnknownEntryException("order-returned event", "order.id", order.id(),
          "an order already decided for member " + member.id() + " (no entry " + baseKey.text() + ")");
    }
    if (ledger.contains(EntryKey.clawback(event.eventId(), baseKey))) {
      return new Refund(new Decision(event.eventId(), version, List.of(), Optional.empty(), List.of(),
          List.of("return " + event.eventId() + " was already decided; nothing more to claw back")), Optional.empty());
    }
    Instant at = event.occurredAt();
    // Plan on a scratch copy so that several clawbacks in one decision see each other.
    PointLedger scratch = ledger.copy();
    List<LedgerEntry> entries = new ArrayList<>();
    Map<String, Integer> returned = new HashMap<>();
    for (LoyaltyEvent.ReturnedLine line : event.lines()) {
      returned.put(line.lineId(), line.quantity());
    }
    checkReturnable(event, baseEntry, ledger);
    for (LedgerEntry.Earned earned : ledger.earnedFrom(order.id())) {
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
    if (fullyReturned && programme.referralRefundPolicy() == Programme.ReferralRefundPolicy.CLAW_BACK_ON_FULL_REFUND) {
      entries.addAll(referralRollback(event, member, context.uplines(), notices));
    }
    return new Refund(new Decision(event.eventId(), version, entries, Optional.empty(), List.of(), notices),
        Optional.of(scratch));
  }

  private static void checkReturnable(LoyaltyEvent.OrderReturned event, LedgerEntry.Earned base, PointLedger ledger) {
    Map<String, LineShare> already = ledger.reversedLines(base.key());
    for (int i = 0; i < event.lines().size(); i++) {
      LoyaltyEvent.ReturnedLine line = event.lines().get(i);
      for (LineShare share : base.lines()) {
        if (share.lineId().equals(line.lineId())) {
          int before = already.containsKey(line.lineId()) ? already.get(line.lineId()).quantity() : 0;
          if (before + line.quantity() > share.quantity()) {
            throw new InvalidValueException("order-returned event", "lines[" + i + "].quantity", line.quantity(),
                "≤ " + (share.quantity() - before) + " units of line " + line.lineId() + " not yet returned");
          }
        }
      }
    }
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
    String reason = "refund " + event.eventId() + " of order " + event.order().id() + ": " + String.join(", ", parts)
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

  private List<LedgerEntry> referralRollback(LoyaltyEvent.OrderReturned event, Member referee,
      List<MemberState> uplines, List<String> notices) {
    List<LedgerEntry> entries = new ArrayList<>();
    for (int level = 1; level <= uplines.size(); level++) {
      MemberState upline = uplines.get(level - 1);
      EntryKey key = EntryKey.referralBonus(referee.id(), level);
      Optional<LedgerEntry> bonus = upline.ledger().entry(key);
      if (bonus.isEmpty() || !(bonus.get() instanceof LedgerEntry.Earned earned)
          || !earned.provenance().sourceEventId().equals(event.order().id())) {
        continue;
      }
      long left = ExactPoints.subtract(earned.points().value(), upline.ledger().reversedPoints(key.text()).value(),
          "referral bonus left to claw back of " + key.text(), EngineRule.REFERRAL_ROLLBACK);
      if (left <= 0) {
        continue;
      }
      ClawbackPlan plan = upline.ledger().planClawback(key.text(), Points.of(left), event.occurredAt());
      entries.add(new LedgerEntry.ClawedBack(EntryKey.clawback(event.eventId(), key).text(), upline.member().id(),
          plan.collected().negated(), event.occurredAt(),
          new Provenance(event.eventId(), EngineRule.REFERRAL_ROLLBACK, version, "order " + event.order().id()
              + " of member " + referee.id() + " was fully refunded; the level-" + level + " referral bonus of "
              + earned.points() + " points is clawed back"),
          key.text(), plan.uncollected(), Money.zero(programme.currency()), List.of()));
      notices.add("referral bonus of member " + upline.member().id() + " (level " + level + ") clawed back");
    }
    return entries;
  }
}
