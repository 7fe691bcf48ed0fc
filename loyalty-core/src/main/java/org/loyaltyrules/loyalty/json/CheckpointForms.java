package org.loyaltyrules.loyalty.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.loyaltyrules.loyalty.LedgerCheckpoint;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.NegativeBalancePolicy;
import org.loyaltyrules.loyalty.PointLot;
import org.loyaltyrules.loyalty.json.JsonTree.Node;

/**
 * The canonical form of a {@link LedgerCheckpoint} and the values it is made of ({@link PointLot},
 * its lot and redemption states), written and read like the other forms: fields in component order,
 * absent optionals left out, entries in their own canonical form. Reading one back runs the
 * checkpoint's own validation, so a tampered document is refused by name.
 */
final class CheckpointForms {
  private CheckpointForms() {}

  // ------------------------------------------------------------------ writing

  static void pointLot(JsonGenerator g, PointLot lot) throws IOException {
    Writers.begin(g);
    g.writeStringField("key", lot.key());
    g.writeStringField("sourceEventId", lot.sourceEventId());
    Writers.instant(g, "createdAt", lot.createdAt());
    g.writeNumberField("original", lot.original().value());
    g.writeNumberField("remaining", lot.remaining().value());
    g.writeNumberField("expired", lot.expired().value());
    Writers.optionalInstant(g, "pendingUntil", lot.pendingUntil());
    Writers.optionalInstant(g, "releasedAt", lot.releasedAt());
    Writers.optionalInstant(g, "expiresAt", lot.expiresAt());
    g.writeEndObject();
  }

  static void lotState(JsonGenerator g, LedgerCheckpoint.LotState state) throws IOException {
    Writers.begin(g);
    g.writeFieldName("lot");
    pointLot(g, state.lot());
    g.writeNumberField("expiredForgiven", state.expiredForgiven().value());
    g.writeEndObject();
  }

  static void part(JsonGenerator g, LedgerCheckpoint.Part part) throws IOException {
    Writers.begin(g);
    g.writeStringField("lotKey", part.lotKey());
    g.writeNumberField("points", part.points().value());
    g.writeEndObject();
  }

  static void redemptionState(JsonGenerator g, LedgerCheckpoint.RedemptionState state) throws IOException {
    Writers.begin(g);
    g.writeStringField("key", state.key());
    g.writeArrayFieldStart("parts");
    for (LedgerCheckpoint.Part part : state.parts()) {
      part(g, part);
    }
    g.writeEndArray();
    g.writeNumberField("restored", state.restored().value());
    g.writeEndObject();
  }

  static void checkpoint(JsonGenerator g, LedgerCheckpoint c) throws IOException {
    Writers.begin(g);
    g.writeStringField("memberId", c.memberId());
    g.writeStringField("policy", c.policy().name());
    Writers.instant(g, "asOf", c.asOf());
    Writers.instant(g, "horizon", c.horizon());
    g.writeNumberField("coveredEntries", c.coveredEntries());
    g.writeNumberField("balance", c.balance().value());
    g.writeNumberField("debt", c.debt().value());
    if (c.spendCurrency().isPresent()) {
      g.writeStringField("spendCurrency", c.spendCurrency().get().getCurrencyCode());
    }
    g.writeArrayFieldStart("lots");
    for (LedgerCheckpoint.LotState lot : c.lots()) {
      lotState(g, lot);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("redemptions");
    for (LedgerCheckpoint.RedemptionState redemption : c.redemptions()) {
      redemptionState(g, redemption);
    }
    g.writeEndArray();
    if (c.firstQualifyingOrder().isPresent()) {
      g.writeFieldName("firstQualifyingOrder");
      Writers.entry(g, c.firstQualifyingOrder().get());
    }
    g.writeArrayFieldStart("lifetimeKeys");
    for (String key : c.lifetimeKeys()) {
      g.writeString(key);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("entries");
    for (LedgerEntry entry : c.entries()) {
      Writers.entry(g, entry);
    }
    g.writeEndArray();
    g.writeEndObject();
  }


  // ------------------------------------------------------------------ reading

  static PointLot pointLot(Node node) {
    Fields f = Fields.of(node);
    String key = f.text("key");
    String sourceEventId = f.text("sourceEventId");
    var createdAt = f.instant("createdAt");
    var original = f.points("original");
    var remaining = f.points("remaining");
    var expired = f.points("expired");
    var pendingUntil = f.optionalInstant("pendingUntil");
    var releasedAt = f.optionalInstant("releasedAt");
    var expiresAt = f.optionalInstant("expiresAt");
    f.end();
    return Fields.build(f.path(), () -> new PointLot(key, sourceEventId, createdAt, original, remaining, expired,
        pendingUntil, releasedAt, expiresAt));
  }

  static LedgerCheckpoint.LotState lotState(Node node) {
    Fields f = Fields.of(node);
    PointLot lot = pointLot(f.required("lot"));
    var expiredForgiven = f.points("expiredForgiven");
    f.end();
    return Fields.build(f.path(), () -> new LedgerCheckpoint.LotState(lot, expiredForgiven));
  }

  static LedgerCheckpoint.Part part(Node node) {
    Fields f = Fields.of(node);
    String lotKey = f.text("lotKey");
    var points = f.points("points");
    f.end();
    return Fields.build(f.path(), () -> new LedgerCheckpoint.Part(lotKey, points));
  }

  static LedgerCheckpoint.RedemptionState redemptionState(Node node) {
    Fields f = Fields.of(node);
    String key = f.text("key");
    List<LedgerCheckpoint.Part> parts = f.list("parts", CheckpointForms::part);
    var restored = f.points("restored");
    f.end();
    return Fields.build(f.path(), () -> new LedgerCheckpoint.RedemptionState(key, parts, restored));
  }

  static LedgerCheckpoint checkpoint(Node node) {
    Fields f = Fields.of(node);
    String memberId = f.text("memberId");
    NegativeBalancePolicy policy = policy(f.required("policy"));
    var asOf = f.instant("asOf");
    var horizon = f.instant("horizon");
    long coveredEntries = f.integer("coveredEntries");
    var balance = f.points("balance");
    var debt = f.points("debt");
    var spendCurrency = f.optional("spendCurrency").isPresent() ? Optional.of(f.currency("spendCurrency"))
        : Optional.<java.util.Currency>empty();
    List<LedgerCheckpoint.LotState> lots = f.list("lots", CheckpointForms::lotState);
    List<LedgerCheckpoint.RedemptionState> redemptions = f.list("redemptions", CheckpointForms::redemptionState);
    Optional<LedgerEntry.Earned> first = f.optional("firstQualifyingOrder").map(CheckpointForms::earned);
    List<String> lifetimeKeys = f.texts("lifetimeKeys");
    List<LedgerEntry> entries = f.list("entries", Readers::entry);
    f.end();
    return Fields.build(f.path(), () -> new LedgerCheckpoint(memberId, policy, asOf, horizon, coveredEntries, balance,
        debt, spendCurrency, lots, redemptions, first, lifetimeKeys, entries));
  }

  private static NegativeBalancePolicy policy(Node node) {
    String name = Fields.text(node);
    for (NegativeBalancePolicy policy : NegativeBalancePolicy.values()) {
      if (policy.name().equals(name)) {
        return policy;
      }
    }
    throw new LoyaltyJsonException(node.path(), node.shown(), "a negative-balance policy: "
        + List.of(NegativeBalancePolicy.values()));
  }

  private static LedgerEntry.Earned earned(Node node) {
    LedgerEntry entry = Readers.entry(node);
    if (entry instanceof LedgerEntry.Earned earned) {
      return earned;
    }
    throw new LoyaltyJsonException(node.path() + ".kind", entry.kind(), "earned (the base entry of an order)");
  }
}
