package org.loyaltyrules.loyalty.examples.merchantcli.input;

import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Stock codes that are not products and so never earn points: postage, carriage, manual entries,
 * discounts, samples, bank charges, marketplace fees, charity commission, padding, bad-debt
 * adjustments and gift vouchers. The list is the one the Online Retail data set uses.
 */
public final class NonProductCodes {
  /** Exact codes (compared case-insensitively). */
  public static final Set<String> CODES = Set.of(
      "POST", "DOT", "M", "C2", "D", "S", "BANK CHARGES", "AMAZONFEE", "CRUK", "PADS", "B");
  /** Code prefixes: gift vouchers ({@code gift_0001_10}…) and {@code DCGS…} codes. */
  public static final Set<String> PREFIXES = Set.of("gift_", "DCGS");

  private NonProductCodes() {}

  /** @return the Online Retail non-product test */
  public static Predicate<String> onlineRetail() {
    return NonProductCodes::isNonProduct;
  }

  /** @return a test that treats every code as a product */
  public static Predicate<String> none() {
    return sku -> false;
  }

  /**
   * @param sku a stock code
   * @return whether it is one of the Online Retail non-product codes
   */
  public static boolean isNonProduct(String sku) {
    int n = sku.length();
    if (n <= 12 && CODES.contains(n <= 2 ? sku.toUpperCase(Locale.ROOT) : sku)) {
      return true;
    }
    for (String prefix : PREFIXES) {
      if (sku.regionMatches(true, 0, prefix, 0, prefix.length())) {
        return true;
      }
    }
    return false;
  }
}
