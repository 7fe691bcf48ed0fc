package org.loyaltyrules.loyalty.examples.merchantcli.input;

import java.math.BigDecimal;
import java.util.Currency;
import org.loyaltyrules.loyalty.Money;

/** Parses money amounts from input text. */
final class Amounts {
  private Amounts() {}

  /**
   * @param text a plain decimal such as {@code 12.50}
   * @param currency the currency
   * @param field the field name, for the message
   * @return the money, not negative
   * @throws IllegalArgumentException naming the field, value and expectation
   */
  static Money parse(String text, Currency currency, String field) {
    BigDecimal amount;
    try {
      amount = new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " [" + text + "]; expected a plain decimal such as 12.50");
    }
    if (amount.signum() < 0) {
      throw new IllegalArgumentException(field + " [" + text + "]; expected ≥ 0");
    }
    if (amount.stripTrailingZeros().scale() > currency.getDefaultFractionDigits()) {
      throw new IllegalArgumentException(field + " [" + text + "]; expected at most "
          + currency.getDefaultFractionDigits() + " decimals (" + currency.getCurrencyCode() + ")");
    }
    return Money.of(amount, currency);
  }
}
