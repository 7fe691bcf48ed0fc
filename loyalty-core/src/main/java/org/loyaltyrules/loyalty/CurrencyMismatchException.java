package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Currency;
import org.apiguardian.api.API;

/** Two amounts in different currencies were combined, or an amount is not in the expected currency. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CurrencyMismatchException extends InvalidValueException {
  private static final long serialVersionUID = 1L;

  /** The currency that was required. */
  private final Currency expectedCurrency;
  /** The currency that was found. */
  private final Currency actualCurrency;

  /**
   * Creates the exception.
   *
   * @param subject what was being built or computed
   * @param field the field holding the mismatching amount
   * @param expectedCurrency the currency required
   * @param actualCurrency the currency found
   */
  public CurrencyMismatchException(
      String subject, String field, Currency expectedCurrency, Currency actualCurrency) {
    super("currency-mismatch", subject, field, actualCurrency, "currency " + expectedCurrency);
    this.expectedCurrency = expectedCurrency;
    this.actualCurrency = actualCurrency;
  }

  /** {@return the currency that was required} */
  public Currency expectedCurrency() {
    return expectedCurrency;
  }

  /** {@return the currency that was found} */
  public Currency actualCurrency() {
    return actualCurrency;
  }
}
