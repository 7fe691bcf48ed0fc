package org.loyaltyrules.loyalty.rules.trial;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Upline;

/**
 * How a {@link TrialRun} names what it played and what went wrong in a problem's message: an
 * event in words (with its local date in the programme's zone), an exception in one bounded line,
 * a decision's entries and fired rules, and the rule behind the first difference between two
 * decisions.
 */
final class TrialDescriptions {
  private static final int MAX_DETAIL = 200;

  private TrialDescriptions() {}

  static String describe(LoyaltyEvent event, ZoneId zone) {
    String on = " on " + event.occurredAt().atZone(zone).toLocalDate() + " (" + zone + ")";
    if (event instanceof LoyaltyEvent.OrderPaid paid) {
      int lines = paid.order().lines().size();
      return "order paid by member [" + paid.memberId() + "] on channel [" + paid.order().channel() + "], " + lines
          + (lines == 1 ? " line" : " lines") + ", total " + paid.order().total() + on;
    }
    if (event instanceof LoyaltyEvent.OrderReturned returned) {
      int units = returned.lines().stream().mapToInt(LoyaltyEvent.ReturnedLine::quantity).sum();
      return (returned.isWhole() ? "whole return" : "return of " + units + (units == 1 ? " unit" : " units"))
          + " of order [" + returned.orderId()
          + "] by member [" + returned.memberId() + "]" + on;
    }
    if (event instanceof LoyaltyEvent.MemberEnrolled) {
      return "enrolment of member [" + event.memberId() + "]" + on;
    }
    if (event instanceof LoyaltyEvent.PointsRedeemed redeemed) {
      return "redemption of " + redeemed.points().value() + " points by member [" + event.memberId() + "]" + on;
    }
    if (event instanceof LoyaltyEvent.RedemptionCancelled cancelled) {
      return "cancellation of redemption [" + cancelled.redemptionId() + "] of member [" + event.memberId() + "]" + on;
    }
    if (event instanceof LoyaltyEvent.PendingReleased released) {
      return "early release of the pending points of order [" + released.orderId() + "] of member ["
          + event.memberId() + "]" + on;
    }
    if (event instanceof LoyaltyEvent.ExpiryRun) {
      return "expiry run for member [" + event.memberId() + "]" + on;
    }
    if (event instanceof LoyaltyEvent.StoreCreditSpent spent) {
      return "store-credit spend of " + spent.amount() + " by member [" + event.memberId() + "]" + on;
    }
    if (event instanceof LoyaltyEvent.StoreCreditSpendCancelled cancelled) {
      return "cancellation of store-credit spend [" + cancelled.spendId() + "] of member [" + event.memberId() + "]" + on;
    }
    if (event instanceof LoyaltyEvent.DayStarted) {
      return "day started for member [" + event.memberId() + "]" + on;
    }
    if (event instanceof LoyaltyEvent.CustomEvent custom) {
      return "custom event [" + custom.type() + "] of member [" + event.memberId() + "]" + on;
    }
    return "tier review of member [" + event.memberId() + "]" + on;
  }

  static String describe(Throwable t) {
    String message = t.getMessage() == null ? "" : t.getMessage().strip();
    int newline = message.indexOf('\n');
    message = newline < 0 ? message : message.substring(0, newline);
    message = message.length() > MAX_DETAIL ? message.substring(0, MAX_DETAIL) + "…" : message;
    return t.getClass().getSimpleName() + (message.isEmpty() ? "" : " [" + message + "]");
  }

  static String summary(Decision decision) {
    List<String> entries = new ArrayList<>();
    for (LedgerEntry entry : decision.entries()) {
      // Store credit is money: shown as such, never as points.
      entries.add(entry.key() + " " + (entry instanceof LedgerEntry.StoreCreditEntry c ? c.credit().toString()
          : signed(entry.points().value())) + " for " + entry.memberId());
    }
    return "entries " + entries + ", tier change " + decision.tierChange().map(c -> c.from() + " → " + c.to())
        .orElse("none") + ", rules " + decision.firedRules();
  }

  static String signed(long points) {
    return points >= 0 ? "+" + points : Long.toString(points);
  }

  /** The rule behind the first difference between two decisions, or "" if none can be named. */
  static String firstDifference(Decision a, Decision b) {
    for (int i = 0; i < Math.min(a.entries().size(), b.entries().size()); i++) {
      if (!a.entries().get(i).equals(b.entries().get(i))) {
        return a.entries().get(i).provenance().rule();
      }
    }
    for (int i = 0; i < Math.min(a.firedRules().size(), b.firedRules().size()); i++) {
      if (!a.firedRules().get(i).equals(b.firedRules().get(i))) {
        return a.firedRules().get(i);
      }
    }
    return "";
  }

  /** The entry a ledger refuses, found by appending one at a time to a copy. */
  static LedgerEntry refusedEntry(PointLedger ledger, List<LedgerEntry> entries) {
    PointLedger copy = ledger.copy();
    for (LedgerEntry entry : entries) {
      try {
        copy.append(entry);
      } catch (RuntimeException e) {
        return entry;
      }
    }
    return entries.get(entries.size() - 1);
  }

  static List<String> states(DecisionContext context) {
    List<String> states = new ArrayList<>();
    MemberState member = context.member();
    states.add(member.member().id() + ": " + member.ledger().size() + " entries, balance " + member.ledger().balance());
    for (Upline upline : context.uplines()) {
      states.add(upline.member().id() + ": level " + upline.level() + ", bonus paid " + upline.bonusPaid()
          + ", reversed " + upline.reversed());
    }
    return states;
  }

  /** @return the ids of the member and the uplines of a context, the member first */
  static Set<String> memberIds(DecisionContext context) {
    Set<String> ids = new LinkedHashSet<>();
    ids.add(context.member().member().id());
    for (Upline upline : context.uplines()) {
      ids.add(upline.member().id());
    }
    return ids;
  }

  static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }
}
