package org.loyaltyrules.loyalty.examples.shop;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.TierChange;

/**
 * The JSON shapes of the HTTP API. Requests are plain records that Jackson fills; each converts
 * itself to the library's types, whose constructors do the validation (so an error names the field
 * and value, and what was expected). Amounts are decimals (JSON numbers or strings, read exactly as
 * {@link BigDecimal}, never as double); instants are ISO-8601 with an offset, e.g.
 * {@code 2026-03-01T10:15:00+08:00}.
 *
 * <p>Input is checked before anything reaches the database: ids at most {@value #MAX_ID} characters
 * (the schema's {@code VARCHAR(100)}), other texts at most {@value #MAX_TEXT}, at most
 * {@value #MAX_LINES} lines per order; counts ({@code quantity}, {@code points}) are whole numbers
 * written without fraction or exponent ({@code 2.5}, {@code 2.0} and {@code 1e3} are refused, never
 * truncated); amounts have at most {@value #MAX_AMOUNT_DIGITS} digits before the decimal point. Each
 * refusal is a 422 naming the field.
 *
 * <p>Every event carries its own time ({@code enrolledAt}, {@code paidAt}, {@code occurredAt}): the
 * engine never reads a clock, and a retried request is recognised by its content, time included.
 */
final class ShopApi {
  private ShopApi() {}

  /** The longest id: the schema's {@code VARCHAR(100)} id columns. */
  static final int MAX_ID = 100;

  /** The longest line id, SKU, category or channel (stored inside the order's JSON). */
  static final int MAX_TEXT = 100;

  /**
   * The most lines one order (or return) may have. The library decides far larger orders; the
   * shop keeps each order's stored JSON, and the time a member's row stays locked, bounded.
   */
  static final int MAX_LINES = 1_000;

  /** The most digits an amount may have before its decimal point. */
  static final int MAX_AMOUNT_DIGITS = 15;

  private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT);

  // ------------------------------------------------------------------ requests

  /** POST /members. */
  record EnrolRequest(String id, Instant enrolledAt, String birthday, String referrerId) {
    /** Checks the ids' lengths. */
    void check() {
      checkId("enrol request", "id", id);
      checkId("enrol request", "referrerId", referrerId);
    }

    Optional<MonthDay> birthdayValue() {
      if (birthday == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(MonthDay.parse(birthday, MONTH_DAY));
      } catch (DateTimeParseException e) {
        throw new InvalidValueException("enrol request", "birthday", birthday, "a month and day as MM-DD, e.g. 02-29");
      }
    }
  }

  /** One line of {@link OrderRequest}. */
  record LineRequest(
      String lineId, String sku, String category, BigDecimal quantity, BigDecimal unitPrice, BigDecimal discount) {}

  /**
   * POST /orders/paid. {@code currency} defaults to the programme's, discounts and shipping to zero;
   * {@code store} and {@code paymentMethod} (codes such as {@code taipei-101}, {@code line-pay}, for
   * campaigns that target them) are optional.
   */
  record OrderRequest(
      String id,
      String memberId,
      Instant paidAt,
      String channel,
      String currency,
      List<LineRequest> lines,
      BigDecimal orderDiscount,
      BigDecimal shipping,
      String store,
      String paymentMethod) {

    Order toOrder(Currency programmeCurrency) {
      String subject = "order-paid request";
      checkId(subject, "id", id);
      checkId(subject, "memberId", memberId);
      text(subject, "channel", channel);
      text(subject, "currency", currency);
      Currency cur = currency == null ? programmeCurrency : currencyOf(subject, currency);
      List<LineRequest> given = present(subject, "lines", lines);
      lineCount(subject, given.size());
      List<OrderLine> orderLines = new ArrayList<>();
      for (int i = 0; i < given.size(); i++) {
        LineRequest l = present(subject, "lines[" + i + "]", given.get(i));
        String field = "lines[" + i + "].";
        text(subject, field + "lineId", l.lineId());
        text(subject, field + "sku", l.sku());
        text(subject, field + "category", l.category());
        orderLines.add(new OrderLine(l.lineId(), l.sku(), l.category(),
            count(subject, field + "quantity", present(subject, field + "quantity", l.quantity())),
            Money.of(amount(subject, field + "unitPrice", present(subject, field + "unitPrice", l.unitPrice())), cur),
            Money.of(amount(subject, field + "discount", l.discount()), cur)));
      }
      text(subject, "store", store);
      text(subject, "paymentMethod", paymentMethod);
      return new Order(id, memberId, paidAt, Channel.of(present(subject, "channel", channel)), cur, orderLines,
          Money.of(amount(subject, "orderDiscount", orderDiscount), cur),
          Money.of(amount(subject, "shipping", shipping), cur), Optional.ofNullable(store),
          Optional.ofNullable(paymentMethod));
    }
  }

  /** One line of {@link ReturnRequest}. */
  record ReturnedLineRequest(String lineId, BigDecimal quantity) {}

  /** POST /orders/{id}/returns. Without {@code lines}, every unit not yet returned comes back. */
  record ReturnRequest(String returnId, Instant occurredAt, List<ReturnedLineRequest> lines) {
    List<LoyaltyEvent.ReturnedLine> requestedLines() {
      if (lines == null) {
        return List.of();
      }
      String subject = "return request";
      lineCount(subject, lines.size());
      List<LoyaltyEvent.ReturnedLine> result = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        ReturnedLineRequest l = present(subject, "lines[" + i + "]", lines.get(i));
        text(subject, "lines[" + i + "].lineId", l.lineId());
        result.add(new LoyaltyEvent.ReturnedLine(l.lineId(),
            count(subject, "lines[" + i + "].quantity", present(subject, "lines[" + i + "].quantity", l.quantity()))));
      }
      if (result.isEmpty()) {
        throw new InvalidValueException("return request", "lines", "[]",
            "at least one line, or no \"lines\" field to return everything not yet returned");
      }
      return List.copyOf(result);
    }
  }

  /** POST /members/{id}/redemptions. */
  record RedemptionRequest(String redemptionId, BigDecimal points, Instant occurredAt) {
    /** @return the points, a whole number */
    long pointsValue() {
      String subject = "redemption request";
      checkId(subject, "redemptionId", redemptionId);
      BigDecimal value = present(subject, "points", points);
      if (value.scale() != 0 || value.unscaledValue().bitLength() > 63) {
        throw new InvalidValueException(subject, "points", value.toString(),
            "a whole number written without fraction or exponent, at most " + Long.MAX_VALUE);
      }
      return value.longValueExact();
    }
  }

  // ------------------------------------------------------------------ responses

  /** A ledger entry as the API shows it. */
  record EntryView(
      long seq,
      String memberId,
      String key,
      String kind,
      long points,
      Instant occurredAt,
      String sourceEventId,
      String rule,
      String reason,
      String ruleBaseVersion) {

    static EntryView of(long seq, LedgerEntry e) {
      return new EntryView(seq, e.memberId(), e.key(), e.kind(), e.points().value(), e.occurredAt(),
          e.provenance().sourceEventId(), e.provenance().rule(), e.provenance().reason(),
          e.provenance().ruleBaseVersion());
    }
  }

  /** A tier change as the API shows it. */
  record TierChangeView(String from, String to, Instant effectiveAt, String rule, String reason) {
    static TierChangeView of(TierChange change) {
      return new TierChangeView(change.from(), change.to(), change.effectiveAt(), change.rule(), change.reason());
    }
  }

  /**
   * What one request decided and stored.
   *
   * @param eventId the event decided
   * @param memberId the member the event is about
   * @param replayed whether the same request had been accepted before (then nothing new is stored)
   * @param ruleBaseVersion the rule base (and programme) version that decided
   * @param entries the entries stored by this request, for every member it touched
   * @param tierChange the tier change stored, if any
   * @param firedRules the rules that fired
   * @param notices notes that change nothing (near misses, "already decided"…)
   * @param balance the member's balance after the request
   * @param available the member's spendable points at the event's time, after the request
   */
  record DecisionView(
      String eventId,
      String memberId,
      boolean replayed,
      String ruleBaseVersion,
      List<EntryView> entries,
      TierChangeView tierChange,
      List<String> firedRules,
      List<String> notices,
      long balance,
      long available) {}

  /** GET /members/{id}/statement. */
  record StatementView(
      String memberId,
      String tier,
      Instant enrolledAt,
      String referrerId,
      Instant asOf,
      long balance,
      long available,
      long pending,
      long debt,
      String qualifyingSpend,
      List<EntryView> history,
      List<TierChangeView> tierChanges) {}

  // ------------------------------------------------------------------ helpers

  static <T> T present(String subject, String field, T value) {
    if (value == null) {
      throw new InvalidValueException(subject, field, "null", "a value");
    }
    return value;
  }

  /**
   * Refuses an id longer than the schema's id columns.
   *
   * @return the id, which may be null (the library names a missing one)
   */
  static String checkId(String subject, String field, String value) {
    return limited(subject, field, value, MAX_ID);
  }

  private static String text(String subject, String field, String value) {
    return limited(subject, field, value, MAX_TEXT);
  }

  private static String limited(String subject, String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw new InvalidValueException(subject, field, ApiErrors.shorten(value),
          "at most " + max + " characters (got " + value.length() + ")");
    }
    return value;
  }

  private static void lineCount(String subject, int lines) {
    if (lines > MAX_LINES) {
      throw new InvalidValueException(subject, "lines", lines + " lines", "at most " + MAX_LINES + " lines per request");
    }
  }

  /**
   * A count sent as a JSON number: whole, written without fraction or exponent, within {@code int}.
   * Jackson would otherwise truncate {@code 2.5} to 2.
   */
  private static int count(String subject, String field, BigDecimal value) {
    if (value.scale() != 0 || value.unscaledValue().bitLength() > 31) {
      throw new InvalidValueException(subject, field, value.toString(),
          "a whole number written without fraction or exponent, at most " + Integer.MAX_VALUE);
    }
    return value.intValueExact();
  }

  /** An amount, zero when absent; refuses absurd magnitudes before any arithmetic sees them. */
  private static BigDecimal amount(String subject, String field, BigDecimal value) {
    if (value == null) {
      return BigDecimal.ZERO;
    }
    if (value.precision() - value.scale() > MAX_AMOUNT_DIGITS || value.scale() > MAX_AMOUNT_DIGITS) {
      throw new InvalidValueException(subject, field, value.toString(),
          "an amount with at most " + MAX_AMOUNT_DIGITS + " digits before and after the decimal point");
    }
    return value;
  }

  private static Currency currencyOf(String subject, String code) {
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(subject, "currency", code, "an ISO 4217 currency code");
    }
  }

  static String monthDay(MonthDay day) {
    return MONTH_DAY.format(day);
  }

  static MonthDay parseMonthDay(String text) {
    return MonthDay.parse(text, MONTH_DAY);
  }
}
