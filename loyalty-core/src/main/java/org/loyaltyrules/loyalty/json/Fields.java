package org.loyaltyrules.loyalty.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.json.JsonTree.Arr;
import org.loyaltyrules.loyalty.json.JsonTree.Int;
import org.loyaltyrules.loyalty.json.JsonTree.Node;
import org.loyaltyrules.loyalty.json.JsonTree.Null;
import org.loyaltyrules.loyalty.json.JsonTree.Obj;
import org.loyaltyrules.loyalty.json.JsonTree.Str;

/**
 * The fields of one JSON object being read, and the conversions of JSON values to the domain's
 * scalars. Every refusal is a {@link LoyaltyJsonException} naming the value's path. Each field is
 * taken once; {@link #end()} refuses the fields nobody took (unknown fields).
 */
final class Fields {
  /** ISO-8601 UTC as {@link Instant#toString()} writes it for years 1900 to 9999. */
  private static final Pattern INSTANT = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z");
  static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,40}(\\.[0-9]{1,20})?");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final Obj object;
  private final Set<String> taken = new HashSet<>();

  private Fields(Obj object) {
    this.object = object;
  }

  /** @return the fields of {@code node}, which must be an object */
  static Fields of(Node node) {
    if (node instanceof Obj obj) {
      return new Fields(obj);
    }
    throw new LoyaltyJsonException(node.path(), node.shown(), "an object");
  }

  /** @return the object's path */
  String path() {
    return object.path();
  }

  /** @return the field's value; refuses a missing field and {@code null} */
  Node required(String name) {
    return optional(name).orElseThrow(
        () -> new LoyaltyJsonException(object.path() + "." + name, "missing", "a value for field " + name));
  }

  /** @return the field's value, empty when the field is left out; refuses {@code null} */
  Optional<Node> optional(String name) {
    taken.add(name);
    Node node = object.fields().get(name);
    if (node instanceof Null) {
      throw new LoyaltyJsonException(node.path(), "null", "a value (an absent optional field is left out, never null)");
    }
    return Optional.ofNullable(node);
  }

  String text(String name) {
    return text(required(name));
  }

  long integer(String name) {
    return integer(required(name));
  }

  int smallInteger(String name) {
    Node node = required(name);
    long value = integer(node);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new LoyaltyJsonException(node.path(), node.shown(), "an integer within ±2^31");
    }
    return (int) value;
  }

  Points points(String name) {
    return points(required(name));
  }

  Instant instant(String name) {
    return instant(required(name));
  }

  Optional<Instant> optionalInstant(String name) {
    return optional(name).map(Fields::instant);
  }

  Money money(String name) {
    return money(required(name));
  }

  Currency currency(String name) {
    Node node = required(name);
    String code = text(node);
    if (!CURRENCY.matcher(code).matches()) {
      throw new LoyaltyJsonException(node.path(), node.shown(), "an ISO 4217 currency code such as \"TWD\"");
    }
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new LoyaltyJsonException(node.path(), node.shown(), "an ISO 4217 currency code such as \"TWD\"", e);
    }
  }

  <T> List<T> list(String name, Function<Node, T> element) {
    return list(required(name), element);
  }

  List<String> texts(String name) {
    return list(name, Fields::text);
  }

  /** Refuses every field no one took: the canonical form has no optional extras. */
  void end() {
    for (Map.Entry<String, Node> field : object.fields().entrySet()) {
      if (!taken.contains(field.getKey())) {
        throw new LoyaltyJsonException(field.getValue().path(), field.getValue().shown(),
            "only the fields " + taken.stream().sorted().toList());
      }
    }
  }

  // ------------------------------------------------------------------ values

  static String text(Node node) {
    if (node instanceof Str str) {
      int at = unpairedSurrogate(str.text());
      if (at >= 0) {
        throw new LoyaltyJsonException(node.path(), "\\u" + Integer.toHexString(str.text().charAt(at)) + " at index " + at,
            WHOLE_CHARACTERS);
      }
      return str.text();
    }
    throw new LoyaltyJsonException(node.path(), node.shown(), "a string");
  }

  /** What text must be: UTF-8, so every database and HTTP body, cannot encode a lone surrogate. */
  static final String WHOLE_CHARACTERS =
      "text of whole Unicode characters (an unpaired surrogate cannot be stored as UTF-8: it would come back as '?')";

  /** @return the index of the first surrogate not part of a high-low pair, or -1 */
  static int unpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  static long integer(Node node) {
    if (node instanceof Int number) {
      if (number.value().compareTo(LONG_MIN) < 0 || number.value().compareTo(LONG_MAX) > 0) {
        throw new LoyaltyJsonException(node.path(), node.shown(), "an integer from -2^63 to 2^63-1");
      }
      return number.value().longValueExact();
    }
    throw new LoyaltyJsonException(node.path(), node.shown(), "an integer");
  }

  static Points points(Node node) {
    return Points.of(integer(node));
  }

  static Instant instant(Node node) {
    String text = text(node);
    if (text.length() > 40 || !INSTANT.matcher(text).matches()) {
      throw new LoyaltyJsonException(node.path(), node.shown(), "an ISO-8601 UTC instant such as \"2026-06-02T08:30:00Z\"");
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new LoyaltyJsonException(node.path(), node.shown(), "an ISO-8601 UTC instant such as \"2026-06-02T08:30:00Z\"", e);
    }
  }

  static Money money(Node node) {
    Fields f = of(node);
    Node amountNode = f.required("amount");
    String amount = text(amountNode);
    if (!DECIMAL.matcher(amount).matches()) {
      throw new LoyaltyJsonException(amountNode.path(), amountNode.shown(), "a plain decimal string such as \"1499.00\"");
    }
    Currency currency = f.currency("currency");
    f.end();
    return build(f.path(), () -> Money.of(new BigDecimal(amount), currency));
  }

  static <T> List<T> list(Node node, Function<Node, T> element) {
    if (!(node instanceof Arr array)) {
      throw new LoyaltyJsonException(node.path(), node.shown(), "an array");
    }
    List<T> result = new ArrayList<>(array.elements().size());
    for (Node e : array.elements()) {
      if (e instanceof Null) {
        throw new LoyaltyJsonException(e.path(), "null", "a value");
      }
      result.add(element.apply(e));
    }
    return result;
  }

  /**
   * Builds a domain value, turning the domain's refusal into one naming the JSON path: the refused
   * field's name is the JSON field's name (both are the record component's).
   */
  static <T> T build(String path, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (LoyaltyJsonException e) {
      throw e;
    } catch (InvalidValueException e) {
      throw new LoyaltyJsonException(path + "." + e.field(), e.value(), e.expected() + " (" + e.subject() + ")", e);
    } catch (LoyaltyException e) {
      throw new LoyaltyJsonException(path, e.code(), "a value the domain accepts: " + e.getMessage(), e);
    }
  }
}
