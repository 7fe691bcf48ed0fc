package org.loyaltyrules.loyalty.examples.shop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;

/**
 * Stores a paid {@link Order} and an accepted return as JSON, and reads them back to equal values.
 * Money is exact decimal text ({@code "TWD 450.00"}), instants ISO-8601 UTC.
 *
 * <p>This class is stateless and thread-safe.
 */
final class OrderJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private OrderJson() {}

  /**
   * @param order the order
   * @return its JSON text
   */
  static String write(Order order) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", order.id());
    node.put("memberId", order.memberId());
    node.put("paidAt", order.paidAt().toString());
    node.put("channel", order.channel().code());
    node.put("currency", order.currency().getCurrencyCode());
    for (OrderLine line : order.lines()) {
      ObjectNode l = node.withArray("lines").addObject();
      l.put("lineId", line.lineId());
      l.put("sku", line.sku());
      l.put("category", line.category());
      l.put("quantity", line.quantity());
      l.put("unitPrice", line.unitPrice().toString());
      l.put("discount", line.discount().toString());
    }
    node.put("orderDiscount", order.orderDiscount().toString());
    node.put("shipping", order.shipping().toString());
    return node.toString();
  }

  /**
   * @param json text written by {@link #write(Order)}
   * @return the order
   */
  static Order read(String json) {
    JsonNode node = tree(json);
    List<OrderLine> lines = new ArrayList<>();
    for (JsonNode l : node.get("lines")) {
      lines.add(new OrderLine(l.get("lineId").textValue(), l.get("sku").textValue(), l.get("category").textValue(),
          l.get("quantity").intValue(), Money.parse(l.get("unitPrice").textValue()),
          Money.parse(l.get("discount").textValue())));
    }
    return new Order(node.get("id").textValue(), node.get("memberId").textValue(),
        Instant.parse(node.get("paidAt").textValue()), Channel.of(node.get("channel").textValue()),
        Currency.getInstance(node.get("currency").textValue()), lines,
        Money.parse(node.get("orderDiscount").textValue()), Money.parse(node.get("shipping").textValue()));
  }

  /**
   * An accepted return: what the client asked for ({@code requested}, empty for "everything not yet
   * returned") and the lines it resolved to when it was accepted.
   *
   * @param orderId the order
   * @param occurredAt when the refund was made
   * @param requested the lines as the client sent them; empty means "the rest"
   * @param resolved the lines returned
   */
  record StoredReturn(
      String orderId, Instant occurredAt, List<LoyaltyEvent.ReturnedLine> requested,
      List<LoyaltyEvent.ReturnedLine> resolved) {}

  static String write(StoredReturn stored) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("orderId", stored.orderId());
    node.put("occurredAt", stored.occurredAt().toString());
    writeLines(node, "requested", stored.requested());
    writeLines(node, "resolved", stored.resolved());
    return node.toString();
  }

  static StoredReturn readReturn(String json) {
    JsonNode node = tree(json);
    return new StoredReturn(node.get("orderId").textValue(), Instant.parse(node.get("occurredAt").textValue()),
        readLines(node.get("requested")), readLines(node.get("resolved")));
  }

  private static void writeLines(ObjectNode node, String field, List<LoyaltyEvent.ReturnedLine> lines) {
    var array = node.putArray(field);
    for (LoyaltyEvent.ReturnedLine line : lines) {
      array.addObject().put("lineId", line.lineId()).put("quantity", line.quantity());
    }
  }

  private static List<LoyaltyEvent.ReturnedLine> readLines(JsonNode array) {
    List<LoyaltyEvent.ReturnedLine> lines = new ArrayList<>();
    for (JsonNode line : array) {
      lines.add(new LoyaltyEvent.ReturnedLine(line.get("lineId").textValue(), line.get("quantity").intValue()));
    }
    return List.copyOf(lines);
  }

  private static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored payload is not JSON: " + json, e);
    }
  }
}
