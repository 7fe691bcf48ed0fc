package org.loyaltyrules.loyalty.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LedgerCheckpoint;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.PointLot;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Provenance;
import org.loyaltyrules.loyalty.RedemptionLimit;
import org.loyaltyrules.loyalty.RedemptionPolicy;
import org.loyaltyrules.loyalty.RedemptionQuote;
import org.loyaltyrules.loyalty.TierChange;
import org.loyaltyrules.loyalty.json.JsonTree.Node;
import org.loyaltyrules.loyalty.json.JsonTree.Obj;

/**
 * The types with a canonical form, each with its writer and reader, and the Jackson serializer and
 * deserializer made from them.
 */
final class Forms {
  private Forms() {}

  @FunctionalInterface
  interface Writer<T> {
    void write(JsonGenerator g, T value) throws IOException;
  }

  @FunctionalInterface
  interface Reader<T> {
    T read(Node node);
  }

  /** One type's form; {@code what} names it in messages ("a decision"). */
  record Form<T>(Class<T> type, String what, Writer<? super T> writer, Reader<? extends T> reader) {}

  /** Every type with a canonical form, the subtypes of entries and events included. */
  static final List<Form<?>> ALL = all();

  private static List<Form<?>> all() {
    List<Form<?>> forms = new ArrayList<>();
    forms.add(new Form<>(Points.class, "points", Writers::points, Fields::points));
    forms.add(new Form<>(Money.class, "money", Writers::money, Fields::money));
    forms.add(new Form<>(Provenance.class, "a provenance", Writers::provenance, Readers::provenance));
    forms.add(new Form<>(LineShare.class, "a line share", Writers::lineShare, Readers::lineShare));
    forms.add(new Form<>(TierChange.class, "a tier change", Writers::tierChange, Readers::tierChange));
    forms.add(new Form<>(OrderLine.class, "an order line", Writers::orderLine, Readers::orderLine));
    forms.add(new Form<>(Order.class, "an order", Writers::order, Readers::order));
    forms.add(new Form<>(Member.class, "a member", Writers::member, Readers::member));
    forms.add(new Form<>(LoyaltyEvent.ReturnedLine.class, "a returned line", Writers::returnedLine, Readers::returnedLine));
    forms.add(new Form<>(Decision.class, "a decision", Writers::decision, Readers::decision));
    forms.add(new Form<>(LedgerEntry.class, "a ledger entry", Writers::entry, Readers::entry));
    for (Class<?> kind : LedgerEntry.class.getPermittedSubclasses()) {
      forms.add(narrowed(kind.asSubclass(LedgerEntry.class), "a ledger entry", Writers::entry, Readers::entry));
      // The store-credit kinds are one level down, under their sealed interface.
      for (Class<?> credit : kind.isSealed() ? kind.getPermittedSubclasses() : new Class<?>[0]) {
        forms.add(narrowed(credit.asSubclass(LedgerEntry.class), "a ledger entry", Writers::entry, Readers::entry));
      }
    }
    forms.add(new Form<>(PointLot.class, "a point lot", CheckpointForms::pointLot, CheckpointForms::pointLot));
    forms.add(new Form<>(LedgerCheckpoint.LotState.class, "a checkpoint lot", CheckpointForms::lotState,
        CheckpointForms::lotState));
    forms.add(new Form<>(LedgerCheckpoint.Part.class, "a checkpoint redemption part", CheckpointForms::part,
        CheckpointForms::part));
    forms.add(new Form<>(LedgerCheckpoint.RedemptionState.class, "a checkpoint redemption", CheckpointForms::redemptionState,
        CheckpointForms::redemptionState));
    forms.add(new Form<>(LedgerCheckpoint.class, "a ledger checkpoint", CheckpointForms::checkpoint,
        CheckpointForms::checkpoint));
    forms.add(new Form<>(LoyaltyEvent.Checkout.class, "a checkout", RedemptionForms::checkout, RedemptionForms::checkout));
    forms.add(new Form<>(RedemptionPolicy.TierRate.class, "a redemption tier rate", RedemptionForms::tierRate,
        RedemptionForms::tierRate));
    forms.add(new Form<>(RedemptionPolicy.class, "a redemption policy", RedemptionForms::policy, RedemptionForms::policy));
    forms.add(new Form<>(RedemptionLimit.class, "a redemption limit", RedemptionForms::limit, RedemptionForms::limit));
    forms.add(new Form<>(RedemptionQuote.class, "a redemption quote", RedemptionForms::quote, RedemptionForms::quote));
    forms.add(new Form<>(LoyaltyEvent.class, "an event", Writers::event, Readers::event));
    for (Class<?> kind : LoyaltyEvent.class.getPermittedSubclasses()) {
      forms.add(narrowed(kind.asSubclass(LoyaltyEvent.class), "an event", Writers::event, Readers::event));
    }
    return List.copyOf(forms);
  }

  /** A subtype's form: its parent's, refusing a document of another kind. */
  private static <P, T extends P> Form<T> narrowed(Class<T> type, String what, Writer<P> writer, Reader<P> reader) {
    String name = what + " of kind " + type.getSimpleName();
    return new Form<>(type, name, writer::write, node -> {
      P value = reader.read(node);
      if (!type.isInstance(value)) {
        Node kind = ((Obj) node).fields().get("kind");
        throw new LoyaltyJsonException(node.path() + ".kind", kind == null ? "missing" : kind.shown(), name);
      }
      return type.cast(value);
    });
  }

  /** @return the form of exactly {@code type}, or null */
  static Form<?> of(Class<?> type) {
    for (Form<?> form : ALL) {
      if (form.type() == type) {
        return form;
      }
    }
    return null;
  }

  static final class Serializer<T> extends StdSerializer<T> {
    private static final long serialVersionUID = 1L;
    private final transient Form<T> form;

    Serializer(Form<T> form) {
      super(form.type());
      this.form = form;
    }

    @Override
    public void serialize(T value, JsonGenerator g, SerializerProvider provider) throws IOException {
      form.writer().write(new WholeCharacters(g), value);
    }
  }

  /**
   * Refuses to write text with an unpaired surrogate: stored as UTF-8 it would read back as another
   * value (another key). Every string the writers write goes through {@link #writeString(String)}.
   */
  static final class WholeCharacters extends JsonGeneratorDelegate {
    WholeCharacters(JsonGenerator g) {
      super(g, false);
    }

    @Override
    public void writeString(String text) throws IOException {
      int at = text == null ? -1 : Fields.unpairedSurrogate(text);
      if (at >= 0) {
        throw new InvalidValueException("JSON", "text", "\\u" + Integer.toHexString(text.charAt(at)) + " at index " + at,
            Fields.WHOLE_CHARACTERS);
      }
      super.writeString(text);
    }
  }

  static final class Deserializer<T> extends StdDeserializer<T> {
    private static final long serialVersionUID = 1L;
    private final transient Form<T> form;

    Deserializer(Form<T> form) {
      super(form.type());
      this.form = form;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      try {
        boolean root = isRoot(p);
        Node node = JsonTree.read(p, "$");
        return form.reader().read(root ? documentBody(node, form.what()) : node);
      } catch (LoyaltyException e) {
        LoyaltyJsonException typed = e instanceof LoyaltyJsonException j ? j
            : new LoyaltyJsonException("$", e.code(), "a value the domain accepts: " + e.getMessage(), e);
        throw JsonMappingException.from(p, typed.getMessage(), typed);
      }
    }

    @Override
    public T getNullValue(DeserializationContext ctxt) throws JsonMappingException {
      LoyaltyJsonException typed = new LoyaltyJsonException("$", "null", form.what());
      throw JsonMappingException.from(ctxt, typed.getMessage(), typed);
    }
  }

  /** Whether the parser's current value is the document's root value. */
  private static boolean isRoot(JsonParser p) {
    JsonStreamContext context = p.getParsingContext();
    JsonToken token = p.currentToken();
    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
      context = context.getParent();
    }
    return context == null || context.inRoot();
  }

  /**
   * A root object without its {@code format} field, once the format is one this reader knows. A
   * root scalar (points) has no format.
   */
  static Node documentBody(Node node, String what) {
    if (!(node instanceof Obj obj)) {
      return node;
    }
    Node format = obj.fields().get(LoyaltyJson.FORMAT_FIELD);
    if (format == null) {
      throw new LoyaltyJsonException("$." + LoyaltyJson.FORMAT_FIELD, "missing",
          LoyaltyJson.FORMAT + " (" + what + " document starts with \"format\":" + LoyaltyJson.FORMAT + ")");
    }
    if (!(format instanceof JsonTree.Int version) || version.value().intValue() != LoyaltyJson.FORMAT
        || version.value().bitLength() > 31) {
      throw new LoyaltyJsonException(format.path(), format.shown(),
          "format " + LoyaltyJson.FORMAT + ", the only version this reader knows");
    }
    Map<String, Node> fields = new LinkedHashMap<>(obj.fields());
    fields.remove(LoyaltyJson.FORMAT_FIELD);
    return new Obj(obj.path(), fields);
  }
}
