package org.loyaltyrules.loyalty.examples.shop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Provenance;

/**
 * Writes a {@link LedgerEntry} as JSON and reads it back to an equal entry. The mapping is written
 * out by hand, one kind at a time, so that the stored format is plain to read and does not change
 * when the library's classes gain a method: money is {@code "TWD 1499.00"} (exact decimal text),
 * points are integers, instants are ISO-8601 UTC, absent optionals are absent fields.
 *
 * <p>This class is stateless and thread-safe.
 */
final class LedgerJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LedgerJson() {}

  /**
   * @param entry the entry
   * @return its JSON text
   */
  static String write(LedgerEntry entry) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("kind", entry.kind());
    node.put("key", entry.key());
    node.put("memberId", entry.memberId());
    node.put("points", entry.points().value());
    node.put("occurredAt", entry.occurredAt().toString());
    ObjectNode provenance = node.putObject("provenance");
    provenance.put("sourceEventId", entry.provenance().sourceEventId());
    provenance.put("rule", entry.provenance().rule());
    provenance.put("ruleBaseVersion", entry.provenance().ruleBaseVersion());
    provenance.put("reason", entry.provenance().reason());
    if (entry instanceof LedgerEntry.Earned e) {
      node.put("spend", e.spend().toString());
      writeShares(node.putArray("lines"), e.lines());
      e.pendingUntil().ifPresent(t -> node.put("pendingUntil", t.toString()));
      e.expiresAt().ifPresent(t -> node.put("expiresAt", t.toString()));
    } else if (entry instanceof LedgerEntry.Released e) {
      node.put("lotKey", e.lotKey());
    } else if (entry instanceof LedgerEntry.Redeemed e) {
      node.put("cashValue", e.cashValue().toString());
    } else if (entry instanceof LedgerEntry.RedemptionCancelled e) {
      node.put("redemptionKey", e.redemptionKey());
    } else if (entry instanceof LedgerEntry.Expired e) {
      node.put("lotKey", e.lotKey());
    } else if (entry instanceof LedgerEntry.ClawedBack e) {
      node.put("earnedKey", e.earnedKey());
      node.put("uncollected", e.uncollected().value());
      node.put("spend", e.spend().toString());
      writeShares(node.putArray("lines"), e.lines());
    } else if (entry instanceof LedgerEntry.Adjusted e) {
      e.expiresAt().ifPresent(t -> node.put("expiresAt", t.toString()));
    } else {
      throw new IllegalArgumentException("unknown ledger entry kind " + entry.getClass());
    }
    return node.toString();
  }

  /**
   * @param json text written by {@link #write}
   * @return the entry
   * @throws IllegalStateException if the text is not a stored entry (the database is corrupt)
   */
  static LedgerEntry read(String json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored ledger entry is not JSON: " + json, e);
    }
    String kind = text(node, "kind");
    String key = text(node, "key");
    String memberId = text(node, "memberId");
    Points points = Points.of(node.get("points").longValue());
    Instant at = Instant.parse(text(node, "occurredAt"));
    JsonNode p = node.get("provenance");
    Provenance provenance =
        new Provenance(text(p, "sourceEventId"), text(p, "rule"), text(p, "ruleBaseVersion"), text(p, "reason"));
    switch (kind) {
      case "earned":
        return new LedgerEntry.Earned(key, memberId, points, at, provenance, Money.parse(text(node, "spend")),
            readShares(node.get("lines")), instant(node, "pendingUntil"), instant(node, "expiresAt"));
      case "released":
        return new LedgerEntry.Released(key, memberId, at, provenance, text(node, "lotKey"));
      case "redeemed":
        return new LedgerEntry.Redeemed(key, memberId, points, at, provenance, Money.parse(text(node, "cashValue")));
      case "redemption-cancelled":
        return new LedgerEntry.RedemptionCancelled(key, memberId, points, at, provenance, text(node, "redemptionKey"));
      case "expired":
        return new LedgerEntry.Expired(key, memberId, points, at, provenance, text(node, "lotKey"));
      case "clawed-back":
        return new LedgerEntry.ClawedBack(key, memberId, points, at, provenance, text(node, "earnedKey"),
            Points.of(node.get("uncollected").longValue()), Money.parse(text(node, "spend")),
            readShares(node.get("lines")));
      case "adjusted":
        return new LedgerEntry.Adjusted(key, memberId, points, at, provenance, instant(node, "expiresAt"));
      default:
        throw new IllegalStateException("stored ledger entry has unknown kind [" + kind + "]: " + json);
    }
  }

  private static void writeShares(ArrayNode array, List<LineShare> shares) {
    for (LineShare share : shares) {
      ObjectNode line = array.addObject();
      line.put("lineId", share.lineId());
      line.put("quantity", share.quantity());
      line.put("points", share.points().value());
      line.put("spend", share.spend().toString());
    }
  }

  private static List<LineShare> readShares(JsonNode array) {
    List<LineShare> shares = new ArrayList<>();
    for (JsonNode line : array) {
      shares.add(new LineShare(text(line, "lineId"), line.get("quantity").intValue(),
          Points.of(line.get("points").longValue()), Money.parse(text(line, "spend"))));
    }
    return shares;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalStateException("stored JSON lacks text field [" + field + "]: " + node);
    }
    return value.textValue();
  }

  private static Optional<Instant> instant(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(Instant.parse(value.textValue()));
  }
}
