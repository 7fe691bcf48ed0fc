package org.loyaltyrules.loyalty.rules.facts;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import org.apiguardian.api.API;

/** A paid order, as rules see it. Immutable. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class OrderFact {
  private final String id;
  private final String channel;
  private final LocalDate localDate;
  private final BigDecimal earningBase;
  private final String currency;
  private final int lineCount;
  private final boolean firstOrder;
  private final String store;
  private final String paymentMethod;
  private final int minuteOfDay;

  /**
   * Engine only. Rules cannot call this constructor: the rule checks refuse {@code new} of fact
   * classes, and {@link Decisions} refuses any fact instance the engine did not insert for the
   * evaluation at hand, even one equal to it.
   *
   * @param id the order id
   * @param channel the channel code, e.g. {@code pos}
   * @param localDate the local date it was paid on, in the programme's zone
   * @param earningBase the sum of the lines' earning bases (net of all discounts, no shipping)
   * @param currency the ISO currency code
   * @param lineCount the number of lines
   * @param firstOrder whether this is the member's first order with qualifying spend
   */
  @API(status = INTERNAL, since = "0.1")
  public OrderFact(String id, String channel, LocalDate localDate, BigDecimal earningBase, String currency,
      int lineCount, boolean firstOrder) {
    this.id = id;
    this.channel = channel;
    this.localDate = localDate;
    this.earningBase = earningBase;
    this.currency = currency;
    this.lineCount = lineCount;
    this.firstOrder = firstOrder;
    this.store = "";
    this.paymentMethod = "";
    this.minuteOfDay = 0;
  }

  /**
   * Engine only, as the other constructor; with the order's store, payment method and local time.
   *
   * @param id the order id
   * @param channel the channel code, e.g. {@code pos}
   * @param localDate the local date it was paid on, in the programme's zone
   * @param earningBase the sum of the lines' earning bases (net of all discounts, no shipping)
   * @param currency the ISO currency code
   * @param lineCount the number of lines
   * @param firstOrder whether this is the member's first order with qualifying spend
   * @param store the store code, or the empty string when the order names none
   * @param paymentMethod the payment-method code, or the empty string when the order names none
   * @param minuteOfDay minutes since local midnight when it was paid, 0 to 1,439
   */
  @API(status = INTERNAL, since = "0.1")
  public OrderFact(String id, String channel, LocalDate localDate, BigDecimal earningBase, String currency,
      int lineCount, boolean firstOrder, String store, String paymentMethod, int minuteOfDay) {
    this.id = id;
    this.channel = channel;
    this.localDate = localDate;
    this.earningBase = earningBase;
    this.currency = currency;
    this.lineCount = lineCount;
    this.firstOrder = firstOrder;
    this.store = store;
    this.paymentMethod = paymentMethod;
    this.minuteOfDay = minuteOfDay;
  }

  /** {@return the store code, e.g. {@code taipei-101}; empty when the order names none} */
  public String getStore() {
    return store;
  }

  /** {@return the payment-method code, e.g. {@code line-pay}; empty when the order names none} */
  public String getPaymentMethod() {
    return paymentMethod;
  }

  /** {@return the local hour it was paid at in the programme's zone, 0 to 23} */
  public int getHour() {
    return minuteOfDay / 60;
  }

  /** {@return minutes since local midnight when it was paid in the programme's zone, 0 to 1,439} */
  public int getMinuteOfDay() {
    return minuteOfDay;
  }

  /** {@return the order id} */
  public String getId() {
    return id;
  }

  /** {@return the channel code, e.g. {@code online-store} or {@code pos}} */
  public String getChannel() {
    return channel;
  }

  /** {@return the local date the order was paid on} */
  public LocalDate getLocalDate() {
    return localDate;
  }

  /** {@return the weekday of {@link #getLocalDate()}} */
  public DayOfWeek getDayOfWeek() {
    return localDate.getDayOfWeek();
  }

  /** {@return the earning base: line nets after every discount, shipping excluded} */
  public BigDecimal getEarningBase() {
    return earningBase;
  }

  /** {@return the ISO currency code} */
  public String getCurrency() {
    return currency;
  }

  /** {@return the number of lines} */
  public int getLineCount() {
    return lineCount;
  }

  /** {@return whether this is the member's first order with qualifying spend} */
  public boolean isFirstOrder() {
    return firstOrder;
  }

  @Override
  public String toString() {
    return "OrderFact[" + id + ", " + earningBase + " " + currency + " on " + localDate + "]";
  }
}
