package org.loyaltyrules.loyalty.rules.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.loyaltyrules.loyalty.BeyondHorizonException;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.EventTimeException;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LedgerOnlyDecisions;
import org.loyaltyrules.loyalty.LimitExceededException;
import org.loyaltyrules.loyalty.Limits;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * The checks every event passes before the rules see it: its instants in the supported range, its
 * times not before what it refers to, its order within the programme's sanity limits. Each refusal
 * is an {@link InvalidValueException} (or its subclasses {@link EventTimeException}, {@link
 * LimitExceededException}) naming field, value and rule; it is thrown before anything is decided.
 */
final class EventSanity {
  private EventSanity() {}

  /**
   * @param event the event
   * @param context the member state it is decided on
   * @param programme the programme and its limits
   */
  static void check(LoyaltyEvent event, DecisionContext context, Programme programme) {
    Member member = context.member().member();
    PointLedger ledger = context.member().ledger();
    Instant enrolled = member.enrolledAt();
    // The rules see the enrolment as a local date: an instant past the range has none.
    inRange("decision context", "member.enrolledAt", enrolled);
    if (event instanceof LoyaltyEvent.OrderPaid paid) {
      Order order = paid.order();
      inRange("order-paid event", "order.paidAt", order.paidAt());
      creditable("order-paid event", "order.paidAt", order.paidAt(), programme);
      limits(order, programme);
      notBefore("order-paid event", "order.paidAt", order.paidAt(), "the member's enrolment", enrolled);
    } else if (event instanceof LoyaltyEvent.OrderReturned returned) {
      inRange("order-returned event", "occurredAt", returned.occurredAt());
      // The payment instant is the one the ledger recorded; an order it never recorded is refused by the return itself.
      Optional<LedgerEntry> base = ledger.entry(EntryKey.orderBase(returned.orderId()));
      if (base.isPresent()) {
        notBefore("order-returned event", "occurredAt", returned.occurredAt(),
            "the payment of order " + returned.orderId(), base.get().occurredAt());
      }
    } else if (event instanceof LoyaltyEvent.PointsRedeemed redeemed) {
      inRange("points-redeemed event", "occurredAt", redeemed.occurredAt());
      if (redeemed.points().compareTo(programme.maxPointsPerDecision()) > 0) {
        throw new LimitExceededException("points-redeemed event", "points", redeemed.points(), "maxPointsPerDecision",
            programme.maxPointsPerDecision().toString());
      }
      notBefore("points-redeemed event", "occurredAt", redeemed.occurredAt(), "the member's enrolment", enrolled);
    } else if (event instanceof LoyaltyEvent.RedemptionCancelled cancelled) {
      inRange("redemption-cancelled event", "occurredAt", cancelled.occurredAt());
      Optional<LedgerEntry> redemption = ledger.entry(EntryKey.redemption(cancelled.redemptionId()));
      if (redemption.isPresent()) {
        notBefore("redemption-cancelled event", "occurredAt", cancelled.occurredAt(),
            "redemption " + cancelled.redemptionId(), redemption.get().occurredAt());
      } else {
        notBefore("redemption-cancelled event", "occurredAt", cancelled.occurredAt(), "the member's enrolment", enrolled);
      }
    } else if (event instanceof LoyaltyEvent.PendingReleased released) {
      inRange("pending-released event", "occurredAt", released.occurredAt());
      List<LedgerEntry.Earned> earned = ledger.earnedFrom(released.orderId());
      Instant paidAt = null;
      for (LedgerEntry.Earned entry : earned) {
        if (paidAt == null || entry.occurredAt().isBefore(paidAt)) {
          paidAt = entry.occurredAt();
        }
      }
      if (paidAt != null) {
        notBefore("pending-released event", "occurredAt", released.occurredAt(),
            "the payment of order " + released.orderId(), paidAt);
      } else {
        notBefore("pending-released event", "occurredAt", released.occurredAt(), "the member's enrolment", enrolled);
      }
    } else if (event instanceof LoyaltyEvent.ExpiryRun run) {
      inRange("expiry-run event", "occurredAt", run.occurredAt());
      notBefore("expiry-run event", "occurredAt", run.occurredAt(), "the member's enrolment", enrolled);
    } else if (event instanceof LoyaltyEvent.TierReview review) {
      inRange("tier-review event", "occurredAt", review.occurredAt());
      notBefore("tier-review event", "occurredAt", review.occurredAt(), "the member's enrolment", enrolled);
    } else if (event instanceof LoyaltyEvent.DayStarted day) {
      inRange("day-started event", "occurredAt", day.occurredAt());
      creditable("day-started event", "occurredAt", day.occurredAt(), programme);
      java.time.LocalDate local = day.occurredAt().atZone(programme.zone()).toLocalDate();
      if (!local.equals(day.date())) {
        throw new InvalidValueException("day-started event", "date", day.date(),
            local + ", the local date of occurredAt " + day.occurredAt() + " in " + programme.zone());
      }
      notBefore("day-started event", "occurredAt", day.occurredAt(), "the member's enrolment", enrolled);
    } else if (event instanceof LoyaltyEvent.StoreCreditSpent spent) {
      inRange("store-credit-spent event", "occurredAt", spent.occurredAt());
      if (spent.amount().currency().equals(programme.currency()) && spent.amount().isGreaterThan(programme.maxOrderTotal())) {
        throw new LimitExceededException("store-credit-spent event", "amount", spent.amount(), "maxOrderTotal",
            programme.maxOrderTotal().toString());
      }
      notBefore("store-credit-spent event", "occurredAt", spent.occurredAt(), "the member's enrolment", enrolled);
    } else if (event instanceof LoyaltyEvent.StoreCreditSpendCancelled cancelled) {
      inRange("store-credit-spend-cancelled event", "occurredAt", cancelled.occurredAt());
      Optional<LedgerEntry> spend = ledger.entry(EntryKey.creditSpend(cancelled.spendId()));
      if (spend.isPresent()) {
        notBefore("store-credit-spend-cancelled event", "occurredAt", cancelled.occurredAt(),
            "store-credit spend " + cancelled.spendId(), spend.get().occurredAt());
      } else {
        notBefore("store-credit-spend-cancelled event", "occurredAt", cancelled.occurredAt(), "the member's enrolment",
            enrolled);
      }
    } else if (event instanceof LoyaltyEvent.CustomEvent custom) {
      inRange("custom event", "occurredAt", custom.occurredAt());
      creditable("custom event", "occurredAt", custom.occurredAt(), programme);
      notBefore("custom event", "occurredAt", custom.occurredAt(), "the member's enrolment", enrolled);
    } else {
      inRange("member-enrolled event", "occurredAt", event.occurredAt());
      creditable("member-enrolled event", "occurredAt", event.occurredAt(), programme);
    }
    horizons(event, context, programme);
  }

  /**
   * Refuses what a ledger rebuilt from a checkpoint cannot decide as its full history would (see
   * {@link org.loyaltyrules.loyalty.LedgerCheckpoint}): the event is dated before the horizon, its
   * order was paid before it (or is not in the ledger at all), or the spend windows or the day it
   * reads start before it. The events no rule decides are checked by {@link LedgerOnlyDecisions}
   * itself.
   */
  private static void horizons(LoyaltyEvent event, DecisionContext context, Programme programme) {
    if (LedgerOnlyDecisions.handles(event)) {
      return;
    }
    String subject = subject(event);
    Optional<Instant> horizon = context.member().ledger().horizon();
    if (horizon.isPresent()) {
      Instant h = horizon.get();
      if (event instanceof LoyaltyEvent.OrderPaid paid) {
        Instant at = paid.order().paidAt();
        beyond(subject, "order.paidAt", at, h, "order.paidAt", at);
        Instant dayStart = at.atZone(programme.zone()).toLocalDate().atStartOfDay(programme.zone()).toInstant();
        beyond(subject, "order.paidAt", at, h, "the start of its local day (daily caps read the day)", dayStart);
        beyond(subject, "order.paidAt", at, h, "the start of its longest tier window", programme.earliestTierWindowStart(at));
      } else if (event instanceof LoyaltyEvent.OrderReturned returned) {
        beyond(subject, "occurredAt", returned.occurredAt(), h, "occurredAt", returned.occurredAt());
        // The order's payment is what the ledger recorded; a ledger rebuilt from a checkpoint holds no
        // order paid before its horizon, and cannot tell such an order from one never paid.
        Optional<LedgerEntry> base = context.member().ledger().entry(EntryKey.orderBase(returned.orderId()));
        if (base.isEmpty()) {
          throw new BeyondHorizonException(subject, "orderId", returned.orderId(), h, "the horizon of the checkpoint"
              + " the member's ledger was rebuilt from; an order paid before it is not in the ledger, nor told from"
              + " one never paid");
        }
        beyond(subject, "orderId", base.get().occurredAt(), h, "the payment of the order returned",
            base.get().occurredAt());
        Member member = context.member().member();
        if (programme.tierRefundPolicy() == Programme.TierRefundPolicy.RECOMPUTE_ON_REFUND
            && programme.tiers().byCode(member.tierCode()).rank() > 0) {
          beyond(subject, "occurredAt", returned.occurredAt(), h, "the start of its longest tier window (the tier is"
              + " recomputed after a refund)", programme.earliestTierWindowStart(returned.occurredAt()));
        }
      } else if (event instanceof LoyaltyEvent.TierReview review) {
        beyond(subject, "occurredAt", review.occurredAt(), h, "occurredAt", review.occurredAt());
        beyond(subject, "occurredAt", review.occurredAt(), h, "the start of its longest tier window",
            programme.earliestTierWindowStart(review.occurredAt()));
      } else {
        beyond(subject, "occurredAt", event.occurredAt(), h, "occurredAt", event.occurredAt());
      }
    }
    // Uplines come as rows, not ledgers: a referral bonus or its rollback dated before an upline
    // ledger's horizon is refused by that ledger when the host appends it, and a rollback whose bonus
    // entry the host no longer has is refused by ReturnAccounting.
  }

  /** Refuses when {@code reads}, what deciding the event reads from the ledger, lies before the horizon. */
  private static void beyond(String subject, String field, Instant value, Instant horizon, String what, Instant reads) {
    if (reads.isBefore(horizon)) {
      throw new BeyondHorizonException(subject, field, value, horizon, "the horizon of the checkpoint the member's"
          + " ledger was rebuilt from; " + what + " must not precede it" + (reads.equals(value) ? "" : ", and is " + reads));
    }
  }

  private static String subject(LoyaltyEvent event) {
    return event instanceof LoyaltyEvent.OrderPaid ? "order-paid event"
        : event instanceof LoyaltyEvent.OrderReturned ? "order-returned event"
        : event instanceof LoyaltyEvent.TierReview ? "tier-review event"
        : event instanceof LoyaltyEvent.DayStarted ? "day-started event"
        : event instanceof LoyaltyEvent.CustomEvent ? "custom event" : "member-enrolled event";
  }

  /** Points credited at {@code at} must be released and expire inside the range, or nothing is credited. */
  private static void creditable(String subject, String field, Instant at, Programme programme) {
    try {
      programme.pendingUntil(at);
      programme.expiryFor(at);
    } catch (InvalidValueException e) {
      throw new InvalidValueException(subject, field, at, "early enough that points credited then are released and"
          + " expire before " + Limits.LATEST_INSTANT_EXCLUSIVE + " (" + e.field() + " would be " + e.value() + ")");
    }
  }

  private static void limits(Order order, Programme programme) {
    String subject = "order-paid event";
    if (!order.currency().equals(programme.currency())) {
      return; // refused as a currency mismatch before anything is decided
    }
    List<OrderLine> lines = order.lines();
    if (lines.size() > programme.maxLinesPerOrder()) {
      throw new LimitExceededException(subject, "order.lines.size", lines.size(), "maxLinesPerOrder",
          String.valueOf(programme.maxLinesPerOrder()));
    }
    Money maxPrice = programme.maxUnitPrice();
    for (int i = 0; i < lines.size(); i++) {
      OrderLine line = lines.get(i);
      if (line.quantity() > programme.maxQuantityPerLine()) {
        throw new LimitExceededException(subject, "order.lines[" + i + "].quantity", line.quantity(),
            "maxQuantityPerLine", String.valueOf(programme.maxQuantityPerLine()));
      }
      // Compared by amount: a line in another currency is refused by the currency check before.
      if (line.unitPrice().amount().compareTo(maxPrice.amount()) > 0) {
        throw new LimitExceededException(subject, "order.lines[" + i + "].unitPrice", line.unitPrice(),
            "maxUnitPrice", maxPrice.toString());
      }
    }
    // Each line is bounded now, so the subtotal is a few dozen digits at most; BigDecimal keeps it exact.
    Money total = order.total();
    if (total.amount().compareTo(programme.maxOrderTotal().amount()) > 0) {
      throw new LimitExceededException(subject, "order.total", total, "maxOrderTotal",
          programme.maxOrderTotal().toString());
    }
  }

  private static void inRange(String subject, String field, Instant at) {
    Checks.instant(subject, field, at);
  }

  private static void notBefore(String subject, String field, Instant at, String reference, Instant notBefore) {
    if (at.isBefore(notBefore)) {
      throw new EventTimeException(subject, field, at, reference, notBefore);
    }
  }
}
