package org.loyaltyrules.loyalty.examples.merchantcli.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Money;

/**
 * Reads JSON lines: one invoice (a sale, a return, or both) per line.
 *
 * <pre>
 * {"id":"o-1001","member":"m-7","at":"2025-03-01T10:15:00+08:00","channel":"pos",
 *  "lines":[{"sku":"TEA-01","category":"tea","quantity":3,"unit_price":"450"},
 *           {"sku":"GC-500","category":"gift-card","quantity":1,"unit_price":"500"}]}
 * {"id":"r-1001","member":"m-7","at":"2025-03-04","return_of":"o-1001","lines":[{"sku":"TEA-01","quantity":-1}]}
 * </pre>
 *
 * <p>(Each record on one line; wrapped here for reading.) {@code member} absent, null or empty
 * means a guest sale; {@code channel} defaults to {@code online-store}, {@code category} to
 * {@code general}, {@code discount} (per line) to 0. Amounts may be JSON strings or numbers; a
 * negative {@code quantity} is units returned; {@code return_of} names the order a return takes
 * units back from (optional). {@code at} is read as {@link Times#parse} describes. Blank lines and
 * lines starting with {@code //} are skipped. A malformed line is reported with its line number and
 * skipped whole: a line that is not JSON as {@code JSON error at column <n>: <what>}. Lines are read
 * with Jackson, strictly: a member given twice, text after the value, nesting deeper than 64 levels
 * or a string longer than 100,000 characters is a malformed line. Numbers are kept exact.
 */
public final class JsonLinesReader implements InvoiceReader {
  private static final Set<String> INVOICE_KEYS = Set.of("id", "member", "at", "channel", "lines", "return_of");
  private static final Set<String> LINE_KEYS = Set.of("sku", "category", "quantity", "unit_price", "discount");

  /** One record per line: strict, bounded, and with numbers as exact decimals (never double). */
  private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNestingDepth(64).maxStringLength(100_000).maxNumberLength(100).build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build())
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();

  private final Currency currency;
  private final ZoneId zone;
  private final Predicate<String> nonProduct;

  /**
   * @param currency the currency of the amounts
   * @param zone the zone local times are in
   * @param nonProduct which SKUs are not products
   */
  public JsonLinesReader(Currency currency, ZoneId zone, Predicate<String> nonProduct) {
    this.currency = Objects.requireNonNull(currency, "currency");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.nonProduct = Objects.requireNonNull(nonProduct, "nonProduct");
  }

  @Override
  public long read(BufferedReader in, InvoiceListener listener) throws IOException {
    long lineNo = 0;
    String line;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (lineNo == 1) {
        line = OnlineRetailReader.stripBom(line);
      }
      if (line.isBlank() || line.stripLeading().startsWith("//")) {
        continue;
      }
      try {
        listener.invoice(invoice(parse(line), lineNo));
      } catch (IllegalArgumentException e) {
        listener.problem(lineNo, "malformed-row", e.getMessage());
      }
      if ((lineNo & 0x1FFF) == 0) {
        listener.progress(lineNo);
      }
    }
    listener.progress(lineNo);
    return lineNo;
  }

  /**
   * One line's JSON value; a line that is not JSON fails with the column of the error and what was
   * expected there.
   */
  static JsonNode parse(String line) {
    try {
      return MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
      throw new IllegalArgumentException("JSON error at column " + column + ": " + what(e));
    }
  }

  /** Jackson's explanation, or for a line cut short what would have closed it. */
  private static String what(JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage());
    if (e instanceof JsonEOFException && message.contains("close marker for Array")) {
      return "expected ',' or ']'";
    }
    if (e instanceof JsonEOFException && message.contains("close marker for Object")) {
      return "expected ',' or '}'";
    }
    message = message.lines().findFirst().orElse("");
    int start = message.indexOf(" (start marker");
    message = start > 0 ? message.substring(0, start) : message;
    return message.length() > 200 ? message.substring(0, 200) + "…" : message;
  }

  private Invoice invoice(JsonNode map, long lineNo) {
    if (!map.isObject()) {
      throw new IllegalArgumentException("expected a JSON object per line");
    }
    unknownKeys(map, INVOICE_KEYS, "invoice");
    String id = string(map, "id", true);
    String member = string(map, "member", false);
    String at = string(map, "at", true);
    Instant instant;
    try {
      instant = Times.parse(at, zone);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("at " + e.getMessage());
    }
    String channelText = string(map, "channel", false);
    Channel channel;
    try {
      channel = channelText.isEmpty() ? Channel.ONLINE_STORE : Channel.of(channelText);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("channel [" + channelText + "]; expected lower-case letters, digits and '-'");
    }
    String returnOf = string(map, "return_of", false);
    JsonNode list = map.get("lines");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new IllegalArgumentException("lines: expected a non-empty array of lines");
    }
    List<InvoiceLine> lines = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      if (!list.get(i).isObject()) {
        throw new IllegalArgumentException("lines[" + i + "]: expected an object");
      }
      lines.add(line(list.get(i), "lines[" + i + "].", lineNo));
    }
    return new Invoice(id, member.isEmpty() ? Optional.empty() : Optional.of(member), instant, channel, lines,
        returnOf.isEmpty() ? Optional.empty() : Optional.of(returnOf), lineNo);
  }

  private InvoiceLine line(JsonNode map, String prefix, long lineNo) {
    unknownKeys(map, LINE_KEYS, prefix.substring(0, prefix.length() - 1));
    String sku = string(map, "sku", true, prefix);
    JsonNode q = map.get("quantity");
    int quantity;
    try {
      quantity = q != null && q.isNumber() ? q.decimalValue().intValueExact()
          : Integer.parseInt(q == null ? "" : q.isTextual() ? q.textValue().strip() : q.toString());
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException(prefix + "quantity [" + (q == null ? "" : q.isTextual() ? q.textValue() : q)
          + "]; expected a whole number");
    }
    if (quantity == 0) {
      throw new IllegalArgumentException(prefix + "quantity [0]; expected a non-zero number of units");
    }
    boolean excluded = nonProduct.test(sku);
    String priceText = string(map, "unit_price", false, prefix);
    Optional<Money> price = Optional.empty();
    if (!excluded && !priceText.isEmpty()) {
      price = Optional.of(Amounts.parse(priceText, currency, prefix + "unit_price"));
    } else if (!excluded && quantity > 0) {
      throw new IllegalArgumentException(prefix + "unit_price is missing; expected the price of one unit on a sale");
    }
    String discountText = string(map, "discount", false, prefix);
    Optional<Money> discount = discountText.isEmpty() || excluded
        ? Optional.empty() : Optional.of(Amounts.parse(discountText, currency, prefix + "discount"));
    String category = string(map, "category", false, prefix);
    return new InvoiceLine(lineNo, sku, category.isEmpty() ? OnlineRetailReader.CATEGORY : category, quantity, price,
        discount, excluded);
  }

  private static void unknownKeys(JsonNode map, Set<String> known, String what) {
    for (Iterator<String> keys = map.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!known.contains(key)) {
        throw new IllegalArgumentException(what + " has unknown member \"" + key + "\"; expected some of "
            + new java.util.TreeSet<>(known));
      }
    }
  }

  private static String string(JsonNode map, String key, boolean required) {
    return string(map, key, required, "");
  }

  private static String string(JsonNode map, String key, boolean required, String prefix) {
    JsonNode value = map.get(key);
    String text;
    if (value == null || value.isNull()) {
      text = "";
    } else if (value.isTextual()) {
      text = value.textValue().strip();
    } else if (value.isNumber()) {
      text = value.decimalValue().toPlainString();
    } else {
      throw new IllegalArgumentException(prefix + key + " [" + value + "]; expected a string");
    }
    if (required && text.isEmpty()) {
      throw new IllegalArgumentException(prefix + key + " is missing; expected a value");
    }
    return text;
  }
}
