package org.loyaltyrules.loyalty.examples.merchantcli.input;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Money;

/**
 * Reads the UCI "Online Retail" layout: one row per invoice line,
 * {@code InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country}.
 *
 * <ul>
 *   <li>{@code InvoiceNo} starting with {@code C} is a cancellation: every quantity must be negative.
 *   <li>{@code InvoiceDate} is {@code yyyy-MM-dd HH:mm[:ss]} or {@code M/d/yyyy H:mm} (the two forms
 *       copies of the data set use), local time in the given zone.
 *   <li>{@code CustomerID} is blank for guests and may be written as a float ({@code 17850.0}).
 *   <li>{@code UnitPrice} is a plain decimal in the given currency; a product line's price may not
 *       be negative or finer than the currency's minor unit. Non-product codes are not priced.
 *   <li>Description and Country are not used.
 * </ul>
 *
 * <p>The parse works in place on each line (no per-field copies except the stock code, interned),
 * caches times, prices and customer ids across rows, and hands invoices to an
 * {@link InvoiceAssembler}.
 */
public final class OnlineRetailReader implements InvoiceReader {
  /** The header the layout starts with. */
  public static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";
  /** The category given to every line: the layout has none. */
  public static final String CATEGORY = "general";

  private static final int INVOICE = 0;
  private static final int STOCK_CODE = 1;
  private static final int QUANTITY = 3;
  private static final int DATE = 4;
  private static final int PRICE = 5;
  private static final int CUSTOMER = 6;
  private static final int FIELDS = 8;

  private final Currency currency;
  private final ZoneId zone;
  private final Predicate<String> nonProduct;
  private final Channel channel;

  /**
   * @param currency the currency of the prices
   * @param zone the zone the invoice dates are local to
   * @param nonProduct which stock codes are not products
   */
  public OnlineRetailReader(Currency currency, ZoneId zone, Predicate<String> nonProduct) {
    this.currency = Objects.requireNonNull(currency, "currency");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.nonProduct = Objects.requireNonNull(nonProduct, "nonProduct");
    this.channel = Channel.ONLINE_STORE;
  }

  /**
   * @param header a first line
   * @return whether it is this layout's header
   */
  public static boolean isHeader(String header) {
    return stripBom(header).strip().equalsIgnoreCase(HEADER);
  }

  static String stripBom(String line) {
    return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
  }

  @Override
  public long read(BufferedReader in, InvoiceListener listener) throws IOException {
    String header = in.readLine();
    if (header == null) {
      throw new InputFormatException(1, "the file is empty; expected the Online Retail header " + HEADER);
    }
    if (!isHeader(header)) {
      throw new InputFormatException(1, "header [" + header + "]; expected the Online Retail layout " + HEADER);
    }
    State state = new State(listener);
    long lineNo = 1;
    String line;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (!line.isEmpty()) {
        state.row(line, lineNo);
      }
      if ((lineNo & 0x1FFF) == 0) {
        listener.progress(lineNo);
      }
    }
    state.assembler.finish();
    listener.progress(lineNo);
    return lineNo;
  }

  /** Per-read caches; one read at a time per instance of this class. */
  private final class State {
    final InvoiceListener listener;
    final InvoiceAssembler assembler;
    final CsvRow row = new CsvRow();
    final int digits = currency.getDefaultFractionDigits();
    final Map<Long, Optional<Money>> prices = new HashMap<>();
    final Map<String, String> skus = new HashMap<>();
    String invoiceRaw = "";
    String dateRaw = "";
    Instant date;
    String customerRaw = "";
    Optional<String> customer = Optional.empty();

    State(InvoiceListener listener) {
      this.listener = listener;
      this.assembler = new InvoiceAssembler(listener);
    }

    void row(String line, long lineNo) {
      if (!row.split(line)) {
        bad(lineNo, "unterminated or misplaced quote at column " + row.errorColumn());
        return;
      }
      if (row.size() != FIELDS) {
        bad(lineNo, "row has " + row.size() + " fields; expected " + FIELDS + " (" + HEADER + ")");
        return;
      }
      if (!row.fieldEquals(INVOICE, invoiceRaw)) {
        if (row.isBlank(INVOICE)) {
          bad(lineNo, "InvoiceNo is blank; expected an invoice number");
          return;
        }
        invoiceRaw = row.text(INVOICE).strip();
      }
      boolean cancellation = invoiceRaw.charAt(0) == 'C' || invoiceRaw.charAt(0) == 'c';
      if (row.isBlank(STOCK_CODE)) {
        bad(lineNo, "StockCode is blank; expected a product code");
        return;
      }
      String raw = row.text(STOCK_CODE).strip();
      String sku = skus.computeIfAbsent(raw, k -> k);
      int quantity;
      try {
        quantity = row.parseInt(QUANTITY);
      } catch (NumberFormatException e) {
        bad(lineNo, "Quantity [" + row.text(QUANTITY) + "]; expected a whole number");
        return;
      }
      if (quantity == 0) {
        bad(lineNo, "Quantity [0]; expected a non-zero number of units");
        return;
      }
      if (cancellation && quantity > 0) {
        bad(lineNo, "Quantity [" + quantity + "] on cancellation " + invoiceRaw + "; expected a negative quantity");
        return;
      }
      if (!row.fieldEquals(DATE, dateRaw)) {
        String text = row.text(DATE);
        Instant parsed = parseDate(text);
        if (parsed == null) {
          bad(lineNo, "InvoiceDate [" + text + "]; expected yyyy-MM-dd HH:mm:ss or M/d/yyyy H:mm");
          return;
        }
        dateRaw = text;
        date = parsed;
      }
      if (!row.fieldEquals(CUSTOMER, customerRaw)) {
        String text = row.text(CUSTOMER);
        Optional<String> parsed = parseCustomer(text);
        if (parsed == null) {
          bad(lineNo, "CustomerID [" + text + "]; expected blank or a customer number such as 17850 or 17850.0");
          return;
        }
        customerRaw = text;
        customer = parsed;
      }
      boolean excluded = nonProduct.test(sku);
      Optional<Money> price = Optional.empty();
      if (!excluded) {
        long minor;
        try {
          minor = row.parseMinorUnits(PRICE, digits);
        } catch (NumberFormatException | ArithmeticException e) {
          bad(lineNo, "UnitPrice [" + row.text(PRICE) + "]; expected a decimal with at most " + digits
              + " decimals (" + currency.getCurrencyCode() + ")");
          return;
        }
        if (minor < 0) {
          bad(lineNo, "UnitPrice [" + row.text(PRICE) + "]; expected ≥ 0 for product " + sku);
          return;
        }
        price = prices.computeIfAbsent(minor, m -> Optional.of(Money.of(BigDecimal.valueOf(m, digits), currency)));
      }
      assembler.add(invoiceRaw, customer, date, channel, Optional.empty(),
          new InvoiceLine(lineNo, sku, CATEGORY, quantity, price, Optional.empty(), excluded));
    }

    void bad(long lineNo, String message) {
      listener.problem(lineNo, "malformed-row", message);
    }

    /** @return the instant, or null if the text is in neither form */
    Instant parseDate(String text) {
      String t = text.strip();
      try {
        LocalDateTime local;
        if (t.length() >= 16 && t.charAt(4) == '-' && t.charAt(10) == ' ') {
          int seconds = t.length() >= 19 ? Integer.parseInt(t, 17, 19, 10) : 0;
          if (t.length() != 16 && t.length() != 19) {
            return null;
          }
          local = LocalDateTime.of(Integer.parseInt(t, 0, 4, 10), Integer.parseInt(t, 5, 7, 10),
              Integer.parseInt(t, 8, 10, 10), Integer.parseInt(t, 11, 13, 10), Integer.parseInt(t, 14, 16, 10), seconds);
        } else {
          int slash1 = t.indexOf('/');
          int slash2 = t.indexOf('/', slash1 + 1);
          int space = t.indexOf(' ', slash2 + 1);
          int colon = t.indexOf(':', space + 1);
          if (slash1 < 0 || slash2 < 0 || space < 0 || colon < 0) {
            return null;
          }
          int year = Integer.parseInt(t, slash2 + 1, space, 10);
          local = LocalDateTime.of(year < 100 ? 2000 + year : year, Integer.parseInt(t, 0, slash1, 10),
              Integer.parseInt(t, slash1 + 1, slash2, 10), Integer.parseInt(t, space + 1, colon, 10),
              Integer.parseInt(t, colon + 1, Math.min(t.length(), colon + 3), 10));
        }
        return local.atZone(zone).toInstant();
      } catch (RuntimeException e) {
        return null;
      }
    }

    /** @return the customer (empty for a guest), or null if the text is not a customer number */
    Optional<String> parseCustomer(String text) {
      String t = text.strip();
      if (t.isEmpty()) {
        return Optional.empty();
      }
      if (t.endsWith(".0")) {
        t = t.substring(0, t.length() - 2);
      }
      for (int i = 0; i < t.length(); i++) {
        if (t.charAt(i) < '0' || t.charAt(i) > '9') {
          return null;
        }
      }
      return t.isEmpty() ? null : Optional.of(t);
    }
  }
}
