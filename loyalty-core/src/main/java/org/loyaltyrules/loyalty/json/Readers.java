// Longer than 400 lines because every entry and event kind is read in one switch each, beside the others, so a kind that Writers writes cannot lack its reader unnoticed.
package org.loyaltyrules.loyalty.json;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.Provenance;
import org.loyaltyrules.loyalty.TierChange;
import org.loyaltyrules.loyalty.json.JsonTree.Node;

/**
 * Reads the canonical form of each type from a {@link JsonTree}: every field by name, then {@link
 * Fields#end()} refuses the rest, then the domain constructor validates. The mirror of {@link
 * Writers}.
 */
final class Readers {
  private static final Pattern MONTH_DAY = Pattern.compile("--[0-9]{2}-[0-9]{2}");
  private static final Pattern LOCAL_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

  private Readers() {}

  static Provenance provenance(Node node) {
    Fields f = Fields.of(node);
    String sourceEventId = f.text("sourceEventId");
    String rule = f.text("rule");
    String ruleBaseVersion = f.text("ruleBaseVersion");
    String reason = f.text("reason");
    f.end();
    return Fields.build(f.path(), () -> new Provenance(sourceEventId, rule, ruleBaseVersion, reason));
  }

  static LineShare lineShare(Node node) {
    Fields f = Fields.of(node);
    String lineId = f.text("lineId");
    int quantity = f.smallInteger("quantity");
    var points = f.points("points");
    var spend = f.money("spend");
    f.end();
    return Fields.build(f.path(), () -> new LineShare(lineId, quantity, points, spend));
  }

  static TierChange tierChange(Node node) {
    Fields f = Fields.of(node);
    String memberId = f.text("memberId");
    String from = f.text("from");
    String to = f.text("to");
    var effectiveAt = f.instant("effectiveAt");
    String rule = f.text("rule");
    String reason = f.text("reason");
    f.end();
    return Fields.build(f.path(), () -> new TierChange(memberId, from, to, effectiveAt, rule, reason));
  }

  static OrderLine orderLine(Node node) {
    Fields f = Fields.of(node);
    String lineId = f.text("lineId");
    String sku = f.text("sku");
    String category = f.text("category");
    int quantity = f.smallInteger("quantity");
    var unitPrice = f.money("unitPrice");
    var discount = f.money("discount");
    f.end();
    return Fields.build(f.path(), () -> new OrderLine(lineId, sku, category, quantity, unitPrice, discount));
  }

  static Order order(Node node) {
    Fields f = Fields.of(node);
    String id = f.text("id");
    String memberId = f.text("memberId");
    var paidAt = f.instant("paidAt");
    Channel channel = channel(f.required("channel"));
    var currency = f.currency("currency");
    List<OrderLine> lines = f.list("lines", Readers::orderLine);
    var orderDiscount = f.money("orderDiscount");
    var shipping = f.money("shipping");
    Optional<String> store = f.optional("store").map(Fields::text);
    Optional<String> paymentMethod = f.optional("paymentMethod").map(Fields::text);
    f.end();
    return Fields.build(f.path(),
        () -> new Order(id, memberId, paidAt, channel, currency, lines, orderDiscount, shipping, store, paymentMethod));
  }

  static Member member(Node node) {
    Fields f = Fields.of(node);
    String id = f.text("id");
    var enrolledAt = f.instant("enrolledAt");
    String tierCode = f.text("tierCode");
    Optional<MonthDay> birthday = f.optional("birthday").map(Readers::monthDay);
    Optional<String> referrerId = f.optional("referrerId").map(Fields::text);
    List<String> tagList = f.texts("tags");
    f.end();
    Set<String> tags = new LinkedHashSet<>(tagList);
    if (tags.size() != tagList.size()) {
      throw new LoyaltyJsonException(f.path() + ".tags", tagList.size() + " tags, " + tags.size() + " distinct",
          "each tag listed once");
    }
    return Fields.build(f.path(), () -> new Member(id, enrolledAt, tierCode, birthday, referrerId, tags));
  }

  private static Channel channel(Node node) {
    String code = Fields.text(node);
    try {
      return Channel.of(code);
    } catch (InvalidValueException e) {
      throw new LoyaltyJsonException(node.path(), node.shown(), e.expected(), e);
    }
  }

  private static MonthDay monthDay(Node node) {
    String text = Fields.text(node);
    if (!MONTH_DAY.matcher(text).matches()) {
      throw new LoyaltyJsonException(node.path(), node.shown(), "an ISO-8601 month and day such as \"--02-29\"");
    }
    try {
      return MonthDay.parse(text);
    } catch (DateTimeException e) {
      throw new LoyaltyJsonException(node.path(), node.shown(), "an ISO-8601 month and day such as \"--02-29\"", e);
    }
  }

  private static LocalDate localDate(Node node) {
    String text = Fields.text(node);
    // Four-digit years only: the pattern bounds the text before the parser sees it.
    if (!LOCAL_DATE.matcher(text).matches()) {
      throw new LoyaltyJsonException(node.path(), node.shown(), "an ISO-8601 date such as \"2026-03-01\"");
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeException e) {
      throw new LoyaltyJsonException(node.path(), node.shown(), "an ISO-8601 date such as \"2026-03-01\"", e);
    }
  }

  static LoyaltyEvent.ReturnedLine returnedLine(Node node) {
    Fields f = Fields.of(node);
    String lineId = f.text("lineId");
    int quantity = f.smallInteger("quantity");
    f.end();
    return Fields.build(f.path(), () -> new LoyaltyEvent.ReturnedLine(lineId, quantity));
  }

  static Decision decision(Node node) {
    Fields f = Fields.of(node);
    String eventId = f.text("eventId");
    String ruleBaseVersion = f.text("ruleBaseVersion");
    List<LedgerEntry> entries = f.list("entries", Readers::entry);
    Optional<TierChange> tierChange = f.optional("tierChange").map(Readers::tierChange);
    List<String> firedRules = f.texts("firedRules");
    List<String> notices = f.texts("notices");
    f.end();
    return Fields.build(f.path(), () -> new Decision(eventId, ruleBaseVersion, entries, tierChange, firedRules, notices));
  }

  /** Reads a ledger entry of the kind its {@code kind} field names. */
  static LedgerEntry entry(Node node) {
    Fields f = Fields.of(node);
    Node kindNode = f.required("kind");
    String kind = Fields.text(kindNode);
    if (!Writers.ENTRY_KINDS.contains(kind)) {
      throw new LoyaltyJsonException(kindNode.path(), kindNode.shown(), "a ledger entry kind: " + Writers.ENTRY_KINDS);
    }
    String key = f.text("key");
    String memberId = f.text("memberId");
    LedgerEntry entry = switch (kind) {
      case "earned" -> earned(f, key, memberId);
      case "released" -> {
        var occurredAt = f.instant("occurredAt");
        var provenance = provenance(f.required("provenance"));
        String lotKey = f.text("lotKey");
        yield Fields.build(f.path(), () -> new LedgerEntry.Released(key, memberId, occurredAt, provenance, lotKey));
      }
      case "redeemed" -> {
        var points = f.points("points");
        var occurredAt = f.instant("occurredAt");
        var provenance = provenance(f.required("provenance"));
        var cashValue = f.money("cashValue");
        Optional<String> checkoutOrderId = f.optional("checkoutOrderId").map(Fields::text);
        yield Fields.build(f.path(),
            () -> new LedgerEntry.Redeemed(key, memberId, points, occurredAt, provenance, cashValue, checkoutOrderId));
      }
      case "redemption-cancelled" -> {
        var points = f.points("points");
        var occurredAt = f.instant("occurredAt");
        var provenance = provenance(f.required("provenance"));
        String redemptionKey = f.text("redemptionKey");
        yield Fields.build(f.path(),
            () -> new LedgerEntry.RedemptionCancelled(key, memberId, points, occurredAt, provenance, redemptionKey));
      }
      case "expired" -> {
        var points = f.points("points");
        var occurredAt = f.instant("occurredAt");
        var provenance = provenance(f.required("provenance"));
        String lotKey = f.text("lotKey");
        yield Fields.build(f.path(), () -> new LedgerEntry.Expired(key, memberId, points, occurredAt, provenance, lotKey));
      }
      case "clawed-back" -> clawedBack(f, key, memberId);
      case "adjusted" -> {
        var points = f.points("points");
        var occurredAt = f.instant("occurredAt");
        var provenance = provenance(f.required("provenance"));
        var expiresAt = f.optionalInstant("expiresAt");
        yield Fields.build(f.path(), () -> new LedgerEntry.Adjusted(key, memberId, points, occurredAt, provenance, expiresAt));
      }
      case "credit-granted" -> {
        var credit = f.money("credit");
        var occurredAt = f.instant("occurredAt");
        var provenance = provenance(f.required("provenance"));
        var expiresAt = f.optionalInstant("expiresAt");
        yield Fields.build(f.path(), () -> new LedgerEntry.CreditGranted(key, memberId, credit, occurredAt, provenance, expiresAt));
      }
      case "credit-spent" -> {
        var credit = f.money("credit");
        var occurredAt = f.instant("occurredAt");
        var provenance = provenance(f.required("provenance"));
        yield Fields.build(f.path(), () -> new LedgerEntry.CreditSpent(key, memberId, credit, occurredAt, provenance));
      }
      case "credit-spend-cancelled" -> {
        var credit = f.money("credit");
        var occurredAt = f.instant("occurredAt");
        var provenance = provenance(f.required("provenance"));
        String spendKey = f.text("spendKey");
        yield Fields.build(f.path(),
            () -> new LedgerEntry.CreditSpendCancelled(key, memberId, credit, occurredAt, provenance, spendKey));
      }
      case "credit-expired" -> {
        var credit = f.money("credit");
        var occurredAt = f.instant("occurredAt");
        var provenance = provenance(f.required("provenance"));
        String lotKey = f.text("lotKey");
        yield Fields.build(f.path(), () -> new LedgerEntry.CreditExpired(key, memberId, credit, occurredAt, provenance, lotKey));
      }
      case "credit-clawed-back" -> {
        var credit = f.money("credit");
        var occurredAt = f.instant("occurredAt");
        var provenance = provenance(f.required("provenance"));
        String grantKey = f.text("grantKey");
        var uncollected = f.money("uncollected");
        yield Fields.build(f.path(),
            () -> new LedgerEntry.CreditClawedBack(key, memberId, credit, occurredAt, provenance, grantKey, uncollected));
      }
      case "reward-granted" -> {
        var occurredAt = f.instant("occurredAt");
        var provenance = provenance(f.required("provenance"));
        String reward = f.text("reward");
        int quantity = f.smallInteger("quantity");
        Optional<String> sourceOrderId = f.optional("sourceOrderId").map(Fields::text);
        Optional<Money> minSpend = f.optional("minSpend").map(Fields::money);
        yield Fields.build(f.path(), () -> new LedgerEntry.RewardGranted(key, memberId, occurredAt, provenance, reward,
            quantity, sourceOrderId, minSpend));
      }
      case "reward-revoked" -> {
        var occurredAt = f.instant("occurredAt");
        var provenance = provenance(f.required("provenance"));
        String grantKey = f.text("grantKey");
        String reward = f.text("reward");
        int quantity = f.smallInteger("quantity");
        yield Fields.build(f.path(), () -> new LedgerEntry.RewardRevoked(key, memberId, occurredAt, provenance, grantKey,
            reward, quantity));
      }
      default -> throw new IllegalStateException("kind listed but not read: " + kind);
    };
    f.end();
    return entry;
  }

  private static LedgerEntry earned(Fields f, String key, String memberId) {
    var points = f.points("points");
    var occurredAt = f.instant("occurredAt");
    var provenance = provenance(f.required("provenance"));
    var spend = f.money("spend");
    List<LineShare> lines = f.list("lines", Readers::lineShare);
    var pendingUntil = f.optionalInstant("pendingUntil");
    var expiresAt = f.optionalInstant("expiresAt");
    return Fields.build(f.path(),
        () -> new LedgerEntry.Earned(key, memberId, points, occurredAt, provenance, spend, lines, pendingUntil, expiresAt));
  }

  private static LedgerEntry clawedBack(Fields f, String key, String memberId) {
    var points = f.points("points");
    var occurredAt = f.instant("occurredAt");
    var provenance = provenance(f.required("provenance"));
    String earnedKey = f.text("earnedKey");
    var uncollected = f.points("uncollected");
    var spend = f.money("spend");
    List<LineShare> lines = f.list("lines", Readers::lineShare);
    return Fields.build(f.path(), () -> new LedgerEntry.ClawedBack(
        key, memberId, points, occurredAt, provenance, earnedKey, uncollected, spend, lines));
  }

  /** A custom event's attributes: an object of texts; the event bounds their number and size. */
  private static Map<String, String> attributes(Node node) {
    if (!(node instanceof JsonTree.Obj obj)) {
      throw new LoyaltyJsonException(node.path(), node.shown(), "an object of attribute texts");
    }
    Map<String, String> attributes = new java.util.TreeMap<>();
    for (Map.Entry<String, Node> field : obj.fields().entrySet()) {
      attributes.put(field.getKey(), Fields.text(field.getValue()));
    }
    return attributes;
  }

  /** Reads an event of the kind its {@code kind} field names. */
  static LoyaltyEvent event(Node node) {
    Fields f = Fields.of(node);
    Node kindNode = f.required("kind");
    String kind = Fields.text(kindNode);
    LoyaltyEvent event = switch (kind) {
      case "member-enrolled" -> {
        String eventId = f.text("eventId");
        String memberId = f.text("memberId");
        var occurredAt = f.instant("occurredAt");
        yield Fields.build(f.path(), () -> new LoyaltyEvent.MemberEnrolled(eventId, memberId, occurredAt));
      }
      case "order-paid" -> {
        Order order = order(f.required("order"));
        yield Fields.build(f.path(), () -> new LoyaltyEvent.OrderPaid(order));
      }
      case "order-returned" -> {
        String eventId = f.text("eventId");
        String memberId = f.text("memberId");
        String orderId = f.text("orderId");
        var lines = f.list("lines", Readers::returnedLine);
        var occurredAt = f.instant("occurredAt");
        yield Fields.build(f.path(), () -> new LoyaltyEvent.OrderReturned(eventId, memberId, orderId, lines, occurredAt));
      }
      case "points-redeemed" -> {
        String eventId = f.text("eventId");
        String memberId = f.text("memberId");
        var points = f.points("points");
        var occurredAt = f.instant("occurredAt");
        var checkout = f.optional("checkout").map(RedemptionForms::checkout);
        yield Fields.build(f.path(), () -> new LoyaltyEvent.PointsRedeemed(eventId, memberId, points, occurredAt, checkout));
      }
      case "redemption-cancelled" -> {
        String eventId = f.text("eventId");
        String memberId = f.text("memberId");
        String redemptionId = f.text("redemptionId");
        var occurredAt = f.instant("occurredAt");
        yield Fields.build(f.path(), () -> new LoyaltyEvent.RedemptionCancelled(eventId, memberId, redemptionId, occurredAt));
      }
      case "pending-released" -> {
        String eventId = f.text("eventId");
        String memberId = f.text("memberId");
        String orderId = f.text("orderId");
        var occurredAt = f.instant("occurredAt");
        yield Fields.build(f.path(), () -> new LoyaltyEvent.PendingReleased(eventId, memberId, orderId, occurredAt));
      }
      case "expiry-run" -> {
        String eventId = f.text("eventId");
        String memberId = f.text("memberId");
        var occurredAt = f.instant("occurredAt");
        yield Fields.build(f.path(), () -> new LoyaltyEvent.ExpiryRun(eventId, memberId, occurredAt));
      }
      case "tier-review" -> {
        String eventId = f.text("eventId");
        String memberId = f.text("memberId");
        var occurredAt = f.instant("occurredAt");
        yield Fields.build(f.path(), () -> new LoyaltyEvent.TierReview(eventId, memberId, occurredAt));
      }
      case "store-credit-spent" -> {
        String eventId = f.text("eventId");
        String memberId = f.text("memberId");
        var amount = f.money("amount");
        var occurredAt = f.instant("occurredAt");
        yield Fields.build(f.path(), () -> new LoyaltyEvent.StoreCreditSpent(eventId, memberId, amount, occurredAt));
      }
      case "store-credit-spend-cancelled" -> {
        String eventId = f.text("eventId");
        String memberId = f.text("memberId");
        String spendId = f.text("spendId");
        var occurredAt = f.instant("occurredAt");
        yield Fields.build(f.path(), () -> new LoyaltyEvent.StoreCreditSpendCancelled(eventId, memberId, spendId, occurredAt));
      }
      case "day-started" -> {
        String eventId = f.text("eventId");
        String memberId = f.text("memberId");
        LocalDate date = localDate(f.required("date"));
        var occurredAt = f.instant("occurredAt");
        yield Fields.build(f.path(), () -> new LoyaltyEvent.DayStarted(eventId, memberId, date, occurredAt));
      }
      case "custom-event" -> {
        String eventId = f.text("eventId");
        String memberId = f.text("memberId");
        String type = f.text("type");
        Map<String, String> attributes = attributes(f.required("attributes"));
        var occurredAt = f.instant("occurredAt");
        yield Fields.build(f.path(), () -> new LoyaltyEvent.CustomEvent(eventId, memberId, type, attributes, occurredAt));
      }
      default -> throw new LoyaltyJsonException(kindNode.path(), kindNode.shown(), "an event kind: " + Writers.EVENT_KINDS);
    };
    f.end();
    return event;
  }
}
