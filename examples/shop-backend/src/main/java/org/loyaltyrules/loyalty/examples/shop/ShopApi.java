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
 * <p>Every event carries its own time ({@code enrolledAt}, {@code paidAt}, {@code occurredAt}): the
 * engine never reads a clock, and a retried request is recognised by its content, time included.
 */
final class ShopApi {
  private ShopApi() {}

  private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT);

  // ------------------------------------------------------------------ requests

  /** POST /members. */
  record EnrolRequest(String id, Instant enrolledAt, String birthday, String referrerId) {
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
      String lineId, String sku, String category, Integer quantity, BigDecimal unitPrice, BigDecimal discount) {}

  /** POST /orders/paid. {@code currency} defaults to the programme's, discounts and shipping to zero. */
  record OrderRequest(
      String id,
      String memberId,
      Instant paidAt,
      String channel,
      String currency,
      List<LineRequest> lines,
      BigDecimal orderDiscount,
      BigDecimal shipping) {

    Order toOrder(Currency programmeCurrency) {
      String subject = "order-paid request";
      Currency cur = currency == null ? programmeCurrency : currencyOf(subject, currency);
      List<LineRequest> given = present(subject, "lines", lines);
      List<OrderLine> orderLines = new ArrayList<>();
      for (int i = 0; i < given.size(); i++) {
        LineRequest l = present(subject, "lines[" + i + "]", given.get(i));
        String field = "lines[" + i + "].";
        orderLines.add(new OrderLine(l.lineId(), l.sku(), l.category(),
            present(subject, field + "quantity", l.quantity()),
            Money.of(present(subject, field + "unitPrice", l.unitPrice()), cur),
            Money.of(l.discount() == null ? BigDecimal.ZERO : l.discount(), cur)));
      }
      return new Order(id, memberId, paidAt, Channel.of(present(subject, "channel", channel)), cur, orderLines,
          Money.of(orderDiscount == null ? BigDecimal.ZERO : orderDiscount, cur),
          Money.of(shipping == null ? BigDecimal.ZERO : shipping, cur));
    }
  }

  /** One line of {@link ReturnRequest}. */
  record ReturnedLineRequest(String lineId, Integer quantity) {}

  /** POST /orders/{id}/returns. Without {@code lines}, every unit not yet returned comes back. */
  record ReturnRequest(String returnId, Instant occurredAt, List<ReturnedLineRequest> lines) {
    List<LoyaltyEvent.ReturnedLine> requestedLines() {
      if (lines == null) {
        return List.of();
      }
      List<LoyaltyEvent.ReturnedLine> result = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        ReturnedLineRequest l = present("return request", "lines[" + i + "]", lines.get(i));
        result.add(new LoyaltyEvent.ReturnedLine(l.lineId(),
            present("return request", "lines[" + i + "].quantity", l.quantity())));
      }
      if (result.isEmpty()) {
        throw new InvalidValueException("return request", "lines", "[]",
            "at least one line, or no \"lines\" field to return everything not yet returned");
      }
      return List.copyOf(result);
    }
  }

  /** POST /members/{id}/redemptions. */
  record RedemptionRequest(String redemptionId, Long points, Instant occurredAt) {}

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
