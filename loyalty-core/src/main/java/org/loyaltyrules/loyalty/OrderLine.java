package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * One line of an order: a quantity of one SKU at a unit price, less a line discount.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param lineId identifies the line within its order; returns refer to it
 * @param sku the product's stock-keeping unit
 * @param category the product's category code (campaigns and exclusions match on it)
 * @param quantity units bought, at least 1
 * @param unitPrice price of one unit, not negative
 * @param discount discount on the whole line, between zero and the line's gross amount
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record OrderLine(
    String lineId, String sku, String category, int quantity, Money unitPrice, Money discount) {

  private static final String SUBJECT = "order line";

  /**
   * Validates every component.
   *
   * @param lineId identifies the line within its order; returns refer to it
   * @param sku the product's stock-keeping unit
   * @param category the product's category code (campaigns and exclusions match on it)
   * @param quantity units bought, at least 1
   * @param unitPrice price of one unit, not negative
   * @param discount discount on the whole line, between zero and the line's gross amount
   * @throws LoyaltyException if a component is invalid
   */
  public OrderLine {
    Checks.nonBlank(SUBJECT, "lineId", lineId);
    Checks.nonBlank(SUBJECT, "sku", sku);
    Checks.nonBlank(SUBJECT, "category", category);
    Checks.check(quantity >= 1, SUBJECT, "quantity", quantity, "≥ 1");
    Checks.present(SUBJECT, "unitPrice", unitPrice);
    Checks.present(SUBJECT, "discount", discount);
    Checks.check(!unitPrice.isNegative(), SUBJECT, "unitPrice", unitPrice, "≥ 0");
    if (!discount.currency().equals(unitPrice.currency())) {
      throw new CurrencyMismatchException(
          SUBJECT, "discount", unitPrice.currency(), discount.currency());
    }
    Checks.check(!discount.isNegative(), SUBJECT, "discount", discount, "≥ 0");
    Money gross = unitPrice.multipliedBy(BigDecimal.valueOf(quantity), java.math.RoundingMode.UNNECESSARY);
    if (discount.isGreaterThan(gross)) {
      throw new InvalidValueException(SUBJECT, "discount", discount, "≤ the line's gross " + gross);
    }
  }

  /**
   * A line with no discount.
   *
   * @param lineId the line id
   * @param sku the SKU
   * @param category the category code
   * @param quantity units bought
   * @param unitPrice price of one unit
   * @return the line
   */
  public static OrderLine of(String lineId, String sku, String category, int quantity, Money unitPrice) {
    Checks.present(SUBJECT, "unitPrice", unitPrice);
    return new OrderLine(lineId, sku, category, quantity, unitPrice, Money.zero(unitPrice.currency()));
  }

  /** {@return quantity × unit price} */
  public Money gross() {
    return unitPrice.multipliedBy(BigDecimal.valueOf(quantity), java.math.RoundingMode.UNNECESSARY);
  }

  /** {@return gross less the line discount} */
  public Money net() {
    return gross().minus(discount);
  }
}
