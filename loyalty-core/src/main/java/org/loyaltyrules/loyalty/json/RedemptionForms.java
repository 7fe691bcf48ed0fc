package org.loyaltyrules.loyalty.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.RedemptionLimit;
import org.loyaltyrules.loyalty.RedemptionPolicy;
import org.loyaltyrules.loyalty.RedemptionQuote;
import org.loyaltyrules.loyalty.json.JsonTree.Node;

/**
 * The forms of the redemption types: a policy a host stores with its programme settings, a quote it
 * sends to a checkout page, and the checkout a redemption names. Written and read like the other
 * forms: fields in component order, absent optionals left out, decimals as plain strings, a limit's
 * kind by its code ({@code max-share-of-order}).
 */
final class RedemptionForms {
  private RedemptionForms() {}

  static void checkout(JsonGenerator g, LoyaltyEvent.Checkout c) throws IOException {
    Writers.begin(g);
    g.writeStringField("orderId", c.orderId());
    g.writeFieldName("orderValue");
    Writers.money(g, c.orderValue());
    g.writeEndObject();
  }

  static LoyaltyEvent.Checkout checkout(Node node) {
    Fields f = Fields.of(node);
    String orderId = f.text("orderId");
    Money orderValue = f.money("orderValue");
    f.end();
    return Fields.build(f.path(), () -> new LoyaltyEvent.Checkout(orderId, orderValue));
  }

  static void tierRate(JsonGenerator g, RedemptionPolicy.TierRate rate) throws IOException {
    Writers.begin(g);
    g.writeStringField("tierCode", rate.tierCode());
    g.writeFieldName("valuePerPoint");
    Writers.money(g, rate.valuePerPoint());
    g.writeEndObject();
  }

  static RedemptionPolicy.TierRate tierRate(Node node) {
    Fields f = Fields.of(node);
    String tierCode = f.text("tierCode");
    Money valuePerPoint = f.money("valuePerPoint");
    f.end();
    return Fields.build(f.path(), () -> new RedemptionPolicy.TierRate(tierCode, valuePerPoint));
  }

  static void policy(JsonGenerator g, RedemptionPolicy p) throws IOException {
    Writers.begin(g);
    g.writeFieldName("valuePerPoint");
    Writers.money(g, p.valuePerPoint());
    g.writeNumberField("minimumPoints", p.minimumPoints().value());
    if (p.maximumPoints().isPresent()) {
      g.writeNumberField("maximumPoints", p.maximumPoints().get().value());
    }
    g.writeStringField("maxShareOfOrder", p.maxShareOfOrder().toPlainString());
    if (p.minimumOrderValue().isPresent()) {
      g.writeFieldName("minimumOrderValue");
      Writers.money(g, p.minimumOrderValue().get());
    }
    g.writeArrayFieldStart("tierRates");
    for (RedemptionPolicy.TierRate rate : p.tierRates()) {
      tierRate(g, rate);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  static RedemptionPolicy policy(Node node) {
    Fields f = Fields.of(node);
    Money valuePerPoint = f.money("valuePerPoint");
    Points minimumPoints = f.points("minimumPoints");
    Optional<Points> maximumPoints = f.optional("maximumPoints").map(Fields::points);
    BigDecimal maxShareOfOrder = decimal(f.required("maxShareOfOrder"));
    Optional<Money> minimumOrderValue = f.optional("minimumOrderValue").map(Fields::money);
    List<RedemptionPolicy.TierRate> tierRates = f.list("tierRates", RedemptionForms::tierRate);
    f.end();
    return Fields.build(f.path(), () -> new RedemptionPolicy(valuePerPoint, minimumPoints, maximumPoints,
        maxShareOfOrder, minimumOrderValue, tierRates));
  }

  static void limit(JsonGenerator g, RedemptionLimit l) throws IOException {
    Writers.begin(g);
    g.writeStringField("kind", l.kind().code());
    g.writeStringField("figure", l.figure().toPlainString());
    g.writeNumberField("maximum", l.maximum().value());
    g.writeStringField("reason", l.reason());
    g.writeEndObject();
  }

  static RedemptionLimit limit(Node node) {
    Fields f = Fields.of(node);
    Node kindNode = f.required("kind");
    String code = Fields.text(kindNode);
    RedemptionLimit.Kind kind = null;
    for (RedemptionLimit.Kind k : RedemptionLimit.Kind.values()) {
      if (k.code().equals(code)) {
        kind = k;
      }
    }
    if (kind == null) {
      throw new LoyaltyJsonException(kindNode.path(), kindNode.shown(), "a redemption limit kind such as \"max-points\"");
    }
    RedemptionLimit.Kind known = kind;
    BigDecimal figure = decimal(f.required("figure"));
    Points maximum = f.points("maximum");
    String reason = f.text("reason");
    f.end();
    return Fields.build(f.path(), () -> new RedemptionLimit(known, figure, maximum, reason));
  }

  static void quote(JsonGenerator g, RedemptionQuote q) throws IOException {
    Writers.begin(g);
    g.writeNumberField("points", q.points().value());
    g.writeFieldName("value");
    Writers.money(g, q.value());
    g.writeFieldName("valuePerPoint");
    Writers.money(g, q.valuePerPoint());
    g.writeNumberField("minimumPoints", q.minimumPoints().value());
    if (q.orderValue().isPresent()) {
      g.writeFieldName("orderValue");
      Writers.money(g, q.orderValue().get());
    }
    g.writeArrayFieldStart("limits");
    for (RedemptionLimit l : q.limits()) {
      limit(g, l);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  static RedemptionQuote quote(Node node) {
    Fields f = Fields.of(node);
    Points points = f.points("points");
    Money value = f.money("value");
    Money valuePerPoint = f.money("valuePerPoint");
    Points minimumPoints = f.points("minimumPoints");
    Optional<Money> orderValue = f.optional("orderValue").map(Fields::money);
    List<RedemptionLimit> limits = f.list("limits", RedemptionForms::limit);
    f.end();
    return Fields.build(f.path(), () -> new RedemptionQuote(points, value, valuePerPoint, minimumPoints, orderValue,
        limits));
  }

  /** A plain decimal string, as money amounts are written; the domain bounds its digits and scale. */
  private static BigDecimal decimal(Node node) {
    String text = Fields.text(node);
    if (!Fields.DECIMAL.matcher(text).matches()) {
      throw new LoyaltyJsonException(node.path(), node.shown(), "a plain decimal string such as \"0.5\"");
    }
    return new BigDecimal(text);
  }
}
