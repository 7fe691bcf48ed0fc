package org.loyaltyrules.loyalty.rules.facts;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/** One order line, as rules see it. Immutable. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LineFact {
  private final String orderId;
  private final String lineId;
  private final String sku;
  private final String category;
  private final int quantity;
  private final BigDecimal earningBase;

  /**
   * Engine only. Rules cannot call this constructor: the rule checks refuse {@code new} of fact
   * classes, and {@link Decisions} refuses any fact instance the engine did not insert for the
   * evaluation at hand, even one equal to it.
   *
   * @param orderId the order id
   * @param lineId the line id
   * @param sku the SKU
   * @param category the category code
   * @param quantity units bought
   * @param earningBase the line's net after line and order discounts
   */
  @API(status = INTERNAL, since = "0.1")
  public LineFact(String orderId, String lineId, String sku, String category, int quantity, BigDecimal earningBase) {
    this.orderId = orderId;
    this.lineId = lineId;
    this.sku = sku;
    this.category = category;
    this.quantity = quantity;
    this.earningBase = earningBase;
  }

  /** {@return the order id} */
  public String getOrderId() {
    return orderId;
  }

  /** {@return the line id} */
  public String getLineId() {
    return lineId;
  }

  /** {@return the SKU} */
  public String getSku() {
    return sku;
  }

  /** {@return the category code} */
  public String getCategory() {
    return category;
  }

  /** {@return units bought} */
  public int getQuantity() {
    return quantity;
  }

  /** {@return the line's net after line and order discounts} */
  public BigDecimal getEarningBase() {
    return earningBase;
  }

  @Override
  public String toString() {
    return "LineFact[" + lineId + ", " + sku + ", " + category + ", " + earningBase + "]";
  }
}
