package org.loyaltyrules.loyalty.examples.merchantcli.input;

import java.util.Objects;
import java.util.Optional;
import org.loyaltyrules.loyalty.Money;

/**
 * One line of an input invoice as read from a file, before it becomes an order line or a returned
 * line. A negative quantity means units coming back (a return or cancellation).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param lineNo the 1-based line of the input file the line came from (for problem reports)
 * @param sku the stock code
 * @param category the product category (campaigns and exclusions match on it)
 * @param quantity units, negative for returns, never zero
 * @param unitPrice the unit price; absent for non-product lines (postage, fees…) and for returned
 *     lines whose price the input did not give
 * @param discount the discount on the whole line (zero when the input has none)
 * @param nonProduct whether the stock code is not a product (postage, fees, vouchers…): such lines
 *     never earn and are not returned
 */
public record InvoiceLine(
    long lineNo, String sku, String category, int quantity, Optional<Money> unitPrice, Optional<Money> discount,
    boolean nonProduct) {

  /** Validates the components. */
  public InvoiceLine {
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(unitPrice, "unitPrice");
    Objects.requireNonNull(discount, "discount");
    if (quantity == 0) {
      throw new IllegalArgumentException("quantity [0]; expected a non-zero number of units");
    }
  }
}
