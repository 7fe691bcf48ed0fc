package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.Collections;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Allocation;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * A paid order. All amounts are in the order's currency. Shipping is carried separately and never
 * counts as product spend unless a rule base says otherwise.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param id the order's identifier in the host system
 * @param memberId the member who placed it
 * @param paidAt when payment was confirmed, within {@link Limits}' instant range; campaigns match the
 *     programme's local date of this
 * @param channel where it was sold
 * @param currency the order's currency
 * @param lines at least one line, line ids unique
 * @param orderDiscount discount on the whole order (coupons), at most the sum of the lines' nets
 * @param shipping shipping charged, not negative
 * @param store the store or branch it was sold at, a code as {@link Channel}'s; empty when the host does not say
 * @param paymentMethod how it was paid, a code such as {@code line-pay}; empty when the host does not say
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Order(
    String id,
    String memberId,
    Instant paidAt,
    Channel channel,
    Currency currency,
    List<OrderLine> lines,
    Money orderDiscount,
    Money shipping,
    Optional<String> store,
    Optional<String> paymentMethod) {

  private static final String SUBJECT = "order";
  /** Store and payment-method codes: the shape of a {@link Channel} code, so they are safe in logs and CSV. */
  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{0,39}");

  /**
   * Validates every component and copies the lines.
   *
   * @param id the order's identifier in the host system
   * @param memberId the member who placed it
   * @param paidAt when payment was confirmed, within {@link Limits}' instant range; campaigns match the
   *     programme's local date of this
   * @param channel where it was sold
   * @param currency the order's currency
   * @param lines at least one line, line ids unique
   * @param orderDiscount discount on the whole order (coupons), at most the sum of the lines' nets
   * @param shipping shipping charged, not negative
   * @param store the store or branch it was sold at, a code as {@link Channel}'s; empty when the host does not say
   * @param paymentMethod how it was paid, a code such as {@code line-pay}; empty when the host does not say
   * @throws LoyaltyException if a component is invalid
   */
  public Order {
    Checks.nonBlank(SUBJECT, "id", id);
    Checks.nonBlank(SUBJECT, "memberId", memberId);
    Checks.instant(SUBJECT, "paidAt", paidAt);
    Checks.present(SUBJECT, "channel", channel);
    Checks.present(SUBJECT, "currency", currency);
    Checks.present(SUBJECT, "lines", lines);
    Checks.present(SUBJECT, "orderDiscount", orderDiscount);
    Checks.present(SUBJECT, "shipping", shipping);
    checkCode("store", store);
    checkCode("paymentMethod", paymentMethod);
    Checks.check(!lines.isEmpty(), SUBJECT, "lines", "[]", "at least one line");
    Set<String> lineIds = new HashSet<>();
    Money subtotal = Money.zero(currency);
    for (int i = 0; i < lines.size(); i++) {
      OrderLine line = lines.get(i);
      if (line == null) {
        throw new InvalidValueException(SUBJECT, "lines[" + i + "]", "null", "a value");
      }
      if (!line.unitPrice().currency().equals(currency)) {
        throw new CurrencyMismatchException(
            SUBJECT, "lines[" + i + "].unitPrice", currency, line.unitPrice().currency());
      }
      if (!lineIds.add(line.lineId())) {
        throw new InvalidValueException(SUBJECT, "lines[" + i + "].lineId", line.lineId(), "a line id not used by another line of the order");
      }
      subtotal = subtotal.plus(line.net());
    }
    requireCurrency("orderDiscount", orderDiscount, currency);
    requireCurrency("shipping", shipping, currency);
    Checks.check(!orderDiscount.isNegative(), SUBJECT, "orderDiscount", orderDiscount, "≥ 0");
    if (orderDiscount.isGreaterThan(subtotal)) {
      throw new InvalidValueException(SUBJECT, "orderDiscount", orderDiscount, "≤ the sum of line nets " + subtotal);
    }
    Checks.check(!shipping.isNegative(), SUBJECT, "shipping", shipping, "≥ 0");
    // total() ≤ subtotal + shipping: refusing here keeps every view of an accepted order total.
    if (subtotal.amount().add(shipping.amount()).compareTo(Money.maximum(currency)) > 0) {
      throw new InvalidValueException(SUBJECT, "shipping", shipping,
          "a total (line nets + shipping) of at most " + Money.maximum(currency).toPlainString() + " "
              + currency.getCurrencyCode());
    }
    lines = List.copyOf(lines);
  }

  /**
   * An order without a store or payment method: the form every order had before those were added.
   *
   * @param id the order's identifier in the host system
   * @param memberId the member who placed it
   * @param paidAt when payment was confirmed, within {@link Limits}' instant range
   * @param channel where it was sold
   * @param currency the order's currency
   * @param lines at least one line, line ids unique
   * @param orderDiscount discount on the whole order (coupons), at most the sum of the lines' nets
   * @param shipping shipping charged, not negative
   * @throws LoyaltyException if a component is invalid
   */
  public Order(String id, String memberId, Instant paidAt, Channel channel, Currency currency, List<OrderLine> lines,
      Money orderDiscount, Money shipping) {
    this(id, memberId, paidAt, channel, currency, lines, orderDiscount, shipping, Optional.empty(), Optional.empty());
  }

  /**
   * {@return a copy sold at that store}
   *
   * @param store a store code: lower-case letters, digits and '-', starting with a letter, at most 40 characters
   * @throws LoyaltyException if the code is not one
   */
  public Order atStore(String store) {
    return new Order(id, memberId, paidAt, channel, currency, lines, orderDiscount, shipping,
        Optional.of(Checks.present(SUBJECT, "store", store)), paymentMethod);
  }

  /**
   * {@return a copy paid with that method}
   *
   * @param paymentMethod a payment-method code such as {@code line-pay}: lower-case letters, digits and
   *     '-', starting with a letter, at most 40 characters
   * @throws LoyaltyException if the code is not one
   */
  public Order paidWith(String paymentMethod) {
    return new Order(id, memberId, paidAt, channel, currency, lines, orderDiscount, shipping, store,
        Optional.of(Checks.present(SUBJECT, "paymentMethod", paymentMethod)));
  }

  private static void checkCode(String field, Optional<String> code) {
    Checks.present(SUBJECT, field, code);
    if (code.isPresent()) {
      Checks.check(CODE.matcher(code.get()).matches(), SUBJECT, field, code.get(),
          "lower-case letters, digits and '-', starting with a letter, at most 40 characters");
    }
  }

  private static void requireCurrency(String field, Money money, Currency currency) {
    if (!money.currency().equals(currency)) {
      throw new CurrencyMismatchException(SUBJECT, field, currency, money.currency());
    }
  }

  /**
   * An order with no order-level discount and no shipping.
   *
   * @param id the order id
   * @param memberId the member id
   * @param paidAt when it was paid
   * @param channel where it was sold
   * @param lines the lines; the currency is taken from the first
   * @return the order
   */
  public static Order of(
      String id, String memberId, Instant paidAt, Channel channel, List<OrderLine> lines) {
    Checks.present(SUBJECT, "lines", lines);
    Checks.check(!lines.isEmpty(), SUBJECT, "lines", "[]", "at least one line");
    Currency currency = Checks.present(SUBJECT, "lines[0]", lines.get(0)).unitPrice().currency();
    return new Order(
        id, memberId, paidAt, channel, currency, lines, Money.zero(currency), Money.zero(currency));
  }

  /** {@return the sum of the lines' nets, before the order discount} */
  public Money subtotal() {
    Money sum = Money.zero(currency);
    for (OrderLine line : lines) {
      sum = sum.plus(line.net());
    }
    return sum;
  }

  /** {@return what the member paid: subtotal less order discount plus shipping} */
  public Money total() {
    return subtotal().minus(orderDiscount).plus(shipping);
  }

  /**
   * Returns each line's net after its share of the order discount, keyed by line id in line order.
   * The discount is split in proportion to the lines' nets, in minor units, by the library's one
   * largest-remainder routine ({@code internal.Allocation}) with ties going to the smaller line id, so the
   * shares add up to the discount exactly and no line's share depends on the order of the lines.
   *
   * @return line id to line net after the order discount
   */
  public Map<String, Money> netAfterOrderDiscount() {
    int n = lines.size();
    long discount = orderDiscount.minorUnits();
    if (discount == 0) {
      // Nothing to split: every line keeps its net (the common case, so no arithmetic or sorting).
      Map<String, Money> result = new LinkedHashMap<>();
      for (OrderLine line : lines) {
        result.put(line.lineId(), line.net());
      }
      return Collections.unmodifiableMap(result);
    }
    // discount ≤ subtotal, so the subtotal is positive here and no line's share exceeds its net.
    long[] nets = new long[n];
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      nets[i] = lines.get(i).net().minorUnits();
      ids[i] = lines.get(i).lineId();
    }
    long[] share = Allocation.largestRemainder(discount, nets, ids);
    Map<String, Money> result = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      OrderLine line = lines.get(i);
      long net = line.net().minorUnits() - share[i];
      result.put(
          line.lineId(),
          Money.of(java.math.BigDecimal.valueOf(net, currency.getDefaultFractionDigits()), currency));
    }
    return Collections.unmodifiableMap(result);
  }

  /**
   * {@return the line with that id}
   *
   * @param lineId a line id
   * @throws InvalidValueException if the order has no such line
   */
  public OrderLine line(String lineId) {
    for (OrderLine line : lines) {
      if (line.lineId().equals(lineId)) {
        return line;
      }
    }
    throw new InvalidValueException(SUBJECT, "lineId", lineId, "a line id of order " + id);
  }
}
