package org.loyaltyrules.loyalty.examples.merchantcli.input;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Money;

/**
 * Reads the generic order layout: one row per order line, columns named by a header in any order.
 *
 * <pre>
 * order_id,member_id,occurred_at,sku,category,quantity,unit_price,discount,channel,return_of
 * o-1001,m-7,2025-03-01T10:15:00+08:00,TEA-01,tea,3,450,,pos,
 * o-1001,m-7,2025-03-01T10:15:00+08:00,GC-500,gift-card,1,500,,pos,
 * r-1001,m-7,2025-03-04,TEA-01,tea,-1,,,pos,o-1001
 * </pre>
 *
 * <ul>
 *   <li>Required columns: {@code order_id}, {@code member_id} (blank for a guest sale),
 *       {@code occurred_at}, {@code sku}, {@code quantity}; {@code unit_price} is required on rows
 *       with a positive quantity.
 *   <li>Optional: {@code category} (default {@code general}), {@code discount} (on the whole line,
 *       default 0), {@code channel} (default {@code online-store}), {@code return_of} (the order a
 *       return takes units back from; without it the member's earliest unreturned units of the SKU
 *       are matched).
 *   <li>Rows sharing an {@code order_id} form one invoice and must be next to each other. A
 *       negative {@code quantity} is units returned.
 *   <li>{@code occurred_at}: ISO date-time with offset, or local date-time/date in the programme's
 *       zone (see {@link Times#parse}). Amounts are plain decimals in the programme's currency.
 *   <li>Lines starting with {@code #} are comments. Fields with commas are double-quoted.
 * </ul>
 */
public final class GenericCsvReader implements InvoiceReader {
  /** Columns the header must have. */
  public static final List<String> REQUIRED = List.of("order_id", "member_id", "occurred_at", "sku", "quantity");
  /** Every column the layout knows. */
  public static final List<String> COLUMNS = List.of("order_id", "member_id", "occurred_at", "sku", "category",
      "quantity", "unit_price", "discount", "channel", "return_of");

  private final Currency currency;
  private final ZoneId zone;
  private final Predicate<String> nonProduct;

  /**
   * @param currency the currency of the amounts
   * @param zone the zone local times are in
   * @param nonProduct which SKUs are not products
   */
  public GenericCsvReader(Currency currency, ZoneId zone, Predicate<String> nonProduct) {
    this.currency = Objects.requireNonNull(currency, "currency");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.nonProduct = Objects.requireNonNull(nonProduct, "nonProduct");
  }

  @Override
  public long read(BufferedReader in, InvoiceListener listener) throws IOException {
    CsvRow row = new CsvRow();
    InvoiceAssembler assembler = new InvoiceAssembler(listener);
    Map<String, Integer> columns = null;
    Map<String, Channel> channels = new HashMap<>();
    long lineNo = 0;
    String line;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (lineNo == 1) {
        line = OnlineRetailReader.stripBom(line);
      }
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (!row.split(line)) {
        if (columns == null) {
          throw new InputFormatException(lineNo, "header: unterminated quote at column " + row.errorColumn());
        }
        listener.problem(lineNo, "malformed-row", "unterminated or misplaced quote at column " + row.errorColumn());
        continue;
      }
      if (columns == null) {
        columns = header(row, lineNo);
        continue;
      }
      if (row.size() != columns.size()) {
        listener.problem(lineNo, "malformed-row", "row has " + row.size() + " fields; expected " + columns.size()
            + " as in the header");
        continue;
      }
      try {
        Row r = new Row(row, columns);
        String orderId = r.required("order_id");
        String member = r.optional("member_id");
        Instant at = parseTime(r.required("occurred_at"), "occurred_at");
        String sku = r.required("sku");
        String quantityText = r.required("quantity");
        int quantity;
        try {
          quantity = Integer.parseInt(quantityText.strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("quantity [" + quantityText + "]; expected a whole number");
        }
        if (quantity == 0) {
          throw new IllegalArgumentException("quantity [0]; expected a non-zero number of units");
        }
        String category = r.optional("category");
        boolean excluded = nonProduct.test(sku);
        Optional<Money> price = Optional.empty();
        String priceText = r.optional("unit_price");
        if (!excluded && !priceText.isEmpty()) {
          price = Optional.of(Amounts.parse(priceText, currency, "unit_price"));
        } else if (!excluded && quantity > 0) {
          throw new IllegalArgumentException("unit_price is blank; expected the price of one unit on a sale");
        }
        String discountText = r.optional("discount");
        Optional<Money> discount = discountText.isEmpty() || excluded
            ? Optional.empty() : Optional.of(Amounts.parse(discountText, currency, "discount"));
        String channelText = r.optional("channel");
        Channel channel = channelText.isEmpty() ? Channel.ONLINE_STORE : channels.computeIfAbsent(
            channelText.toLowerCase(Locale.ROOT), code -> {
              try {
                return Channel.of(code);
              } catch (RuntimeException e) {
                throw new IllegalArgumentException("channel [" + channelText + "]; expected lower-case letters, digits"
                    + " and '-', such as pos or online-store");
              }
            });
        String returnOf = r.optional("return_of");
        assembler.add(orderId, member.isEmpty() ? Optional.empty() : Optional.of(member), at, channel,
            returnOf.isEmpty() ? Optional.empty() : Optional.of(returnOf),
            new InvoiceLine(lineNo, sku, category.isEmpty() ? OnlineRetailReader.CATEGORY : category, quantity, price,
                discount, excluded));
      } catch (IllegalArgumentException e) {
        listener.problem(lineNo, "malformed-row", e.getMessage());
      }
      if ((lineNo & 0x1FFF) == 0) {
        listener.progress(lineNo);
      }
    }
    if (columns == null) {
      throw new InputFormatException(Math.max(1, lineNo), "the file has no header; expected columns " + COLUMNS);
    }
    assembler.finish();
    listener.progress(lineNo);
    return lineNo;
  }

  private Instant parseTime(String text, String field) {
    try {
      return Times.parse(text, zone);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " " + e.getMessage());
    }
  }

  private static Map<String, Integer> header(CsvRow row, long lineNo) {
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < row.size(); i++) {
      String name = row.text(i).strip().toLowerCase(Locale.ROOT);
      if (!COLUMNS.contains(name)) {
        throw new InputFormatException(lineNo, "header column " + (i + 1) + " [" + row.text(i)
            + "] is not part of the generic layout; expected columns " + COLUMNS);
      }
      if (columns.put(name, i) != null) {
        throw new InputFormatException(lineNo, "header column [" + name + "] appears twice");
      }
    }
    List<String> missing = new ArrayList<>();
    for (String required : REQUIRED) {
      if (!columns.containsKey(required)) {
        missing.add(required);
      }
    }
    if (!missing.isEmpty()) {
      throw new InputFormatException(lineNo, "header lacks " + missing + "; the generic layout needs " + REQUIRED);
    }
    return columns;
  }

  /** One data row, fields by column name. */
  private record Row(CsvRow row, Map<String, Integer> columns) {
    String optional(String column) {
      Integer i = columns.get(column);
      return i == null ? "" : row.text(i).strip();
    }

    String required(String column) {
      String value = optional(column);
      if (value.isEmpty()) {
        throw new IllegalArgumentException(column + " is blank; expected a value");
      }
      return value;
    }
  }
}
