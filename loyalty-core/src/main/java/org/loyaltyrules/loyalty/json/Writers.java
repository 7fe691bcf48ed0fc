package org.loyaltyrules.loyalty.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Provenance;
import org.loyaltyrules.loyalty.TierChange;

/**
 * Writes the canonical form of each type: fields in record-component order, absent optionals left
 * out, and {@code "format"} first in an object written at the root. Nested values are written here
 * directly, never through the host's mapper, so its settings cannot change the form.
 */
final class Writers {
  /** The ledger entry kinds, as {@link LedgerEntry#kind()} names them. */
  static final List<String> ENTRY_KINDS =
      List.of("earned", "released", "redeemed", "redemption-cancelled", "expired", "clawed-back", "adjusted",
          "credit-granted", "credit-spent", "credit-spend-cancelled", "credit-expired", "credit-clawed-back",
          "reward-granted", "reward-revoked");

  /** The event kinds: the record's name in lower-case, hyphenated. */
  static final List<String> EVENT_KINDS = List.of("member-enrolled", "order-paid", "order-returned", "points-redeemed",
      "redemption-cancelled", "pending-released", "expiry-run", "tier-review",
      "store-credit-spent", "store-credit-spend-cancelled", "day-started",
      "custom-event");

  private Writers() {}

  /** Starts an object; at the root of the output it opens with the format version. */
  static void begin(JsonGenerator g) throws IOException {
    boolean root = g.getOutputContext().inRoot();
    g.writeStartObject();
    if (root) {
      g.writeNumberField(LoyaltyJson.FORMAT_FIELD, LoyaltyJson.FORMAT);
    }
  }

  static void points(JsonGenerator g, Points points) throws IOException {
    g.writeNumber(points.value());
  }

  static void money(JsonGenerator g, Money money) throws IOException {
    begin(g);
    g.writeStringField("amount", money.amount().toPlainString());
    g.writeStringField("currency", money.currency().getCurrencyCode());
    g.writeEndObject();
  }

  static void instant(JsonGenerator g, String name, Instant instant) throws IOException {
    g.writeStringField(name, instant.toString());
  }

  static void optionalInstant(JsonGenerator g, String name, Optional<Instant> instant) throws IOException {
    if (instant.isPresent()) {
      instant(g, name, instant.get());
    }
  }

  private static void texts(JsonGenerator g, String name, Iterable<String> texts) throws IOException {
    g.writeArrayFieldStart(name);
    for (String text : texts) {
      g.writeString(text);
    }
    g.writeEndArray();
  }

  static void provenance(JsonGenerator g, Provenance p) throws IOException {
    begin(g);
    g.writeStringField("sourceEventId", p.sourceEventId());
    g.writeStringField("rule", p.rule());
    g.writeStringField("ruleBaseVersion", p.ruleBaseVersion());
    g.writeStringField("reason", p.reason());
    g.writeEndObject();
  }

  static void lineShare(JsonGenerator g, LineShare share) throws IOException {
    begin(g);
    g.writeStringField("lineId", share.lineId());
    g.writeNumberField("quantity", share.quantity());
    g.writeNumberField("points", share.points().value());
    g.writeFieldName("spend");
    money(g, share.spend());
    g.writeEndObject();
  }

  private static void lineShares(JsonGenerator g, List<LineShare> lines) throws IOException {
    g.writeArrayFieldStart("lines");
    for (LineShare share : lines) {
      lineShare(g, share);
    }
    g.writeEndArray();
  }

  static void tierChange(JsonGenerator g, TierChange change) throws IOException {
    begin(g);
    g.writeStringField("memberId", change.memberId());
    g.writeStringField("from", change.from());
    g.writeStringField("to", change.to());
    instant(g, "effectiveAt", change.effectiveAt());
    g.writeStringField("rule", change.rule());
    g.writeStringField("reason", change.reason());
    g.writeEndObject();
  }

  static void orderLine(JsonGenerator g, OrderLine line) throws IOException {
    begin(g);
    g.writeStringField("lineId", line.lineId());
    g.writeStringField("sku", line.sku());
    g.writeStringField("category", line.category());
    g.writeNumberField("quantity", line.quantity());
    g.writeFieldName("unitPrice");
    money(g, line.unitPrice());
    g.writeFieldName("discount");
    money(g, line.discount());
    g.writeEndObject();
  }

  static void order(JsonGenerator g, Order order) throws IOException {
    begin(g);
    g.writeStringField("id", order.id());
    g.writeStringField("memberId", order.memberId());
    instant(g, "paidAt", order.paidAt());
    g.writeStringField("channel", order.channel().code());
    g.writeStringField("currency", order.currency().getCurrencyCode());
    g.writeArrayFieldStart("lines");
    for (OrderLine line : order.lines()) {
      orderLine(g, line);
    }
    g.writeEndArray();
    g.writeFieldName("orderDiscount");
    money(g, order.orderDiscount());
    g.writeFieldName("shipping");
    money(g, order.shipping());
    if (order.store().isPresent()) {
      g.writeStringField("store", order.store().get());
    }
    if (order.paymentMethod().isPresent()) {
      g.writeStringField("paymentMethod", order.paymentMethod().get());
    }
    g.writeEndObject();
  }

  static void member(JsonGenerator g, Member member) throws IOException {
    begin(g);
    g.writeStringField("id", member.id());
    instant(g, "enrolledAt", member.enrolledAt());
    g.writeStringField("tierCode", member.tierCode());
    if (member.birthday().isPresent()) {
      g.writeStringField("birthday", member.birthday().get().toString());
    }
    if (member.referrerId().isPresent()) {
      g.writeStringField("referrerId", member.referrerId().get());
    }
    texts(g, "tags", member.tags());
    g.writeEndObject();
  }

  static void returnedLine(JsonGenerator g, LoyaltyEvent.ReturnedLine line) throws IOException {
    begin(g);
    g.writeStringField("lineId", line.lineId());
    g.writeNumberField("quantity", line.quantity());
    g.writeEndObject();
  }

  static void decision(JsonGenerator g, Decision decision) throws IOException {
    begin(g);
    g.writeStringField("eventId", decision.eventId());
    g.writeStringField("ruleBaseVersion", decision.ruleBaseVersion());
    g.writeArrayFieldStart("entries");
    for (LedgerEntry entry : decision.entries()) {
      entry(g, entry);
    }
    g.writeEndArray();
    if (decision.tierChange().isPresent()) {
      g.writeFieldName("tierChange");
      tierChange(g, decision.tierChange().get());
    }
    texts(g, "firedRules", decision.firedRules());
    texts(g, "notices", decision.notices());
    g.writeEndObject();
  }

  /** Writes any ledger entry: kind, the common fields, then the kind's own fields. */
  static void entry(JsonGenerator g, LedgerEntry entry) throws IOException {
    begin(g);
    g.writeStringField("kind", entry.kind());
    g.writeStringField("key", entry.key());
    g.writeStringField("memberId", entry.memberId());
    if (entry instanceof LedgerEntry.StoreCreditEntry c) {
      // Store credit is money, never points: its entries carry no points field at all.
      g.writeFieldName("credit");
      money(g, c.credit());
    } else if (!(entry instanceof LedgerEntry.Released || entry instanceof LedgerEntry.RewardGranted
        || entry instanceof LedgerEntry.RewardRevoked)) {
      g.writeNumberField("points", entry.points().value());
    }
    instant(g, "occurredAt", entry.occurredAt());
    g.writeFieldName("provenance");
    provenance(g, entry.provenance());
    if (entry instanceof LedgerEntry.Earned e) {
      g.writeFieldName("spend");
      money(g, e.spend());
      lineShares(g, e.lines());
      optionalInstant(g, "pendingUntil", e.pendingUntil());
      optionalInstant(g, "expiresAt", e.expiresAt());
    } else if (entry instanceof LedgerEntry.Released e) {
      g.writeStringField("lotKey", e.lotKey());
    } else if (entry instanceof LedgerEntry.Redeemed e) {
      g.writeFieldName("cashValue");
      money(g, e.cashValue());
      // Written only when present, so a redemption without a checkout keeps its old form.
      if (e.checkoutOrderId().isPresent()) {
        g.writeStringField("checkoutOrderId", e.checkoutOrderId().get());
      }
    } else if (entry instanceof LedgerEntry.RedemptionCancelled e) {
      g.writeStringField("redemptionKey", e.redemptionKey());
    } else if (entry instanceof LedgerEntry.Expired e) {
      g.writeStringField("lotKey", e.lotKey());
    } else if (entry instanceof LedgerEntry.ClawedBack e) {
      g.writeStringField("earnedKey", e.earnedKey());
      g.writeNumberField("uncollected", e.uncollected().value());
      g.writeFieldName("spend");
      money(g, e.spend());
      lineShares(g, e.lines());
    } else if (entry instanceof LedgerEntry.Adjusted e) {
      optionalInstant(g, "expiresAt", e.expiresAt());
    } else if (entry instanceof LedgerEntry.RewardGranted e) {
      g.writeStringField("reward", e.reward());
      g.writeNumberField("quantity", e.quantity());
      if (e.sourceOrderId().isPresent()) {
        g.writeStringField("sourceOrderId", e.sourceOrderId().get());
      }
      if (e.minSpend().isPresent()) {
        g.writeFieldName("minSpend");
        money(g, e.minSpend().get());
      }
    } else if (entry instanceof LedgerEntry.RewardRevoked e) {
      g.writeStringField("grantKey", e.grantKey());
      g.writeStringField("reward", e.reward());
      g.writeNumberField("quantity", e.quantity());
    } else if (entry instanceof LedgerEntry.CreditGranted e) {
      optionalInstant(g, "expiresAt", e.expiresAt());
    } else if (entry instanceof LedgerEntry.CreditSpendCancelled e) {
      g.writeStringField("spendKey", e.spendKey());
    } else if (entry instanceof LedgerEntry.CreditExpired e) {
      g.writeStringField("lotKey", e.lotKey());
    } else if (entry instanceof LedgerEntry.CreditClawedBack e) {
      g.writeStringField("grantKey", e.grantKey());
      g.writeFieldName("uncollected");
      money(g, e.uncollected());
    }
    g.writeEndObject();
  }

  /** Writes any event: its kind, then its components in order. */
  static void event(JsonGenerator g, LoyaltyEvent event) throws IOException {
    begin(g);
    if (event instanceof LoyaltyEvent.OrderPaid e) {
      g.writeStringField("kind", event.kind());
      g.writeFieldName("order");
      order(g, e.order());
    } else {
      g.writeStringField("kind", event.kind());
      g.writeStringField("eventId", event.eventId());
      g.writeStringField("memberId", event.memberId());
      if (event instanceof LoyaltyEvent.PointsRedeemed e) {
        g.writeNumberField("points", e.points().value());
      } else if (event instanceof LoyaltyEvent.RedemptionCancelled e) {
        g.writeStringField("redemptionId", e.redemptionId());
      } else if (event instanceof LoyaltyEvent.PendingReleased e) {
        g.writeStringField("orderId", e.orderId());
      } else if (event instanceof LoyaltyEvent.DayStarted e) {
        g.writeStringField("date", e.date().toString());
      } else if (event instanceof LoyaltyEvent.StoreCreditSpent e) {
        g.writeFieldName("amount");
        money(g, e.amount());
      } else if (event instanceof LoyaltyEvent.StoreCreditSpendCancelled e) {
        g.writeStringField("spendId", e.spendId());
      } else if (event instanceof LoyaltyEvent.OrderReturned e) {
        // No copy of the order: the engine reads what it earned from the ledger. No lines: a whole return.
        g.writeStringField("orderId", e.orderId());
        g.writeArrayFieldStart("lines");
        for (LoyaltyEvent.ReturnedLine line : e.lines()) {
          returnedLine(g, line);
        }
        g.writeEndArray();
      } else if (event instanceof LoyaltyEvent.CustomEvent e) {
        g.writeStringField("type", e.type());
        g.writeObjectFieldStart("attributes");
        for (Map.Entry<String, String> attribute : e.attributes().entrySet()) {
          g.writeStringField(attribute.getKey(), attribute.getValue());
        }
        g.writeEndObject();
      }
      instant(g, "occurredAt", event.occurredAt());
      if (event instanceof LoyaltyEvent.PointsRedeemed e && e.checkout().isPresent()) {
        g.writeFieldName("checkout");
        RedemptionForms.checkout(g, e.checkout().get());
      }
    }
    g.writeEndObject();
  }

}
