package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * An amount of money in one currency, at exactly the currency's ISO scale (TWD and HKD have 2
 * decimals, JPY none). An amount with more significant decimals than the currency allows is
 * rejected, never rounded silently. Doubles are not accepted anywhere.
 *
 * <p>Arithmetic between different currencies throws {@link CurrencyMismatchException}. An amount is
 * bounded: at most {@link Limits#MAX_MINOR_UNITS} minor units either way (10^16 TWD), so {@link
 * #minorUnits()} is always exact; an amount, sum, difference or product beyond that is refused with
 * an {@link InvalidValueException} naming the bound. Every operation either returns money or throws
 * a {@link LoyaltyException}.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param amount the amount, at the currency's scale
 * @param currency the ISO 4217 currency
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

  /**
   * Validates the currency and the amount's bounds and normalises the amount to the currency's
   * scale.
   *
   * @param amount the amount, at the currency's scale
   * @param currency the ISO 4217 currency
   * @throws LoyaltyException if a component is invalid
   */
  public Money {
    Checks.present("money", "currency", currency);
    Checks.decimal("money", "amount", amount);
    int digits = currency.getDefaultFractionDigits();
    Checks.check(digits >= 0, "money", "currency", currency, "a currency with a fixed number of decimals");
    if (amount.scale() != digits) {
      BigDecimal stripped = amount.stripTrailingZeros();
      if (stripped.scale() > digits) {
        throw new InvalidValueException("money", "amount", Checks.shown(amount),
            "at most " + digits + " decimal places for " + currency.getCurrencyCode());
      }
      // Bounded by Checks.decimal: at most 60 digits and a scale within ±60, so this is cheap.
      amount = stripped.setScale(digits, RoundingMode.UNNECESSARY);
    }
    BigDecimal limit = maximum(currency);
    if (amount.abs().compareTo(limit) > 0) {
      throw new InvalidValueException("money", "amount", Checks.shown(amount),
          "at most " + limit.toPlainString() + " " + currency.getCurrencyCode() + " either way ("
              + Limits.MAX_MINOR_UNITS + " minor units)");
    }
  }

  /**
   * The largest amount money in {@code currency} may have, either way: {@link
   * Limits#MAX_MINOR_UNITS} minor units.
   *
   * @param currency a currency with a fixed number of decimals
   * @return the bound, at the currency's scale
   */
  public static BigDecimal maximum(Currency currency) {
    Checks.present("money", "currency", currency);
    int digits = currency.getDefaultFractionDigits();
    Checks.check(digits >= 0, "money", "currency", currency, "a currency with a fixed number of decimals");
    return BigDecimal.valueOf(Limits.MAX_MINOR_UNITS, digits);
  }

  /**
   * Returns money of the given amount.
   *
   * @param amount the amount; its significant decimals must fit the currency
   * @param currency the currency
   * @return the money
   */
  public static Money of(BigDecimal amount, Currency currency) {
    return new Money(amount, currency);
  }

  /**
   * Returns money parsed from a decimal string such as {@code "1499"} or {@code "12.50"}.
   *
   * @param amount the amount as a plain decimal string
   * @param currencyCode an ISO 4217 code such as {@code TWD}
   * @return the money
   */
  public static Money of(String amount, String currencyCode) {
    return new Money(parseDecimal(amount), currencyOf(currencyCode));
  }

  /**
   * Parses the form produced by {@link #toString()}, such as {@code "TWD 1499.00"}.
   *
   * @param text the currency code, one space, and a plain decimal
   * @return the money
   */
  public static Money parse(String text) {
    Checks.present("money", "text", text);
    int space = text.indexOf(' ');
    Checks.check(space > 0, "money", "text", text, "\"<ISO code> <amount>\", e.g. \"TWD 1499.00\"");
    return of(text.substring(space + 1), text.substring(0, space));
  }

  /**
   * Returns zero in the given currency.
   *
   * @param currency the currency
   * @return zero money
   */
  public static Money zero(Currency currency) {
    return new Money(BigDecimal.ZERO, currency);
  }

  private static BigDecimal parseDecimal(String amount) {
    Checks.present("money", "amount", amount);
    String trimmed = amount.trim();
    // BigDecimal's parser is quadratic in the digits; no accepted amount needs more than this.
    Checks.check(trimmed.length() <= 200, "money", "amount", amount, "a plain decimal number of at most 200 characters");
    try {
      return new BigDecimal(trimmed);
    } catch (NumberFormatException e) {
      throw new InvalidValueException("money", "amount", amount, "a plain decimal number");
    }
  }

  private static Currency currencyOf(String code) {
    Checks.present("money", "currency", code);
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException("money", "currency", code, "an ISO 4217 currency code");
    }
  }

  /**
   * Adds money of the same currency.
   *
   * @param other the amount to add
   * @return the sum
   * @throws InvalidValueException if the sum leaves {@link Limits#MAX_MINOR_UNITS}
   */
  public Money plus(Money other) {
    requireSameCurrency(other);
    return bounded(amount.add(other.amount), "sum", this, " + ", other);
  }

  /**
   * Subtracts money of the same currency.
   *
   * @param other the amount to subtract
   * @return the difference, possibly negative
   * @throws InvalidValueException if the difference leaves {@link Limits#MAX_MINOR_UNITS}
   */
  public Money minus(Money other) {
    requireSameCurrency(other);
    return bounded(amount.subtract(other.amount), "difference", this, " - ", other);
  }

  /**
   * Money of an exact result, or a refusal naming the operation when it leaves the bound. The
   * operation's text is built only for the refusal: building it on every sum cost a replay of a
   * year of orders about a tenth of its CPU.
   */
  private Money bounded(BigDecimal result, String field, Money left, String operator, Object right) {
    if (result.abs().compareTo(maximum(currency)) > 0) {
      String operation = left + operator + (right instanceof BigDecimal d ? Checks.shown(d) : right);
      throw new InvalidValueException("money", field, operation,
          "at most " + maximum(currency).toPlainString() + " " + currency.getCurrencyCode() + " either way");
    }
    return new Money(result, currency);
  }

  /**
   * Multiplies by an exact factor and rounds to the currency's scale.
   *
   * @param factor the factor
   * @param rounding how to round to the currency's scale
   * @return the product
   * @throws InvalidValueException if the factor is beyond {@link Limits#MAX_DECIMAL_DIGITS} or {@link
   *     Limits#MAX_DECIMAL_SCALE}, the product needs rounding under {@code UNNECESSARY}, or the product
   *     leaves {@link Limits#MAX_MINOR_UNITS}
   */
  public Money multipliedBy(BigDecimal factor, RoundingMode rounding) {
    Checks.decimal("money", "factor", factor);
    Checks.present("money", "rounding", rounding);
    // Both operands are bounded (Checks.decimal), so the product has at most 120 digits and a scale
    // within ±120: multiplying and rounding it is cheap, and the constructor bounds the result.
    BigDecimal product = amount.multiply(factor);
    try {
      product = product.setScale(currency.getDefaultFractionDigits(), rounding);
    } catch (ArithmeticException e) {
      throw new InvalidValueException("money", "rounding", rounding,
          "a rounding mode other than UNNECESSARY: " + this + " × " + Checks.shown(factor) + " = "
              + Checks.shown(product) + " needs rounding");
    }
    return bounded(product, "product", this, " × ", factor);
  }

  /** {@return this amount negated} */
  public Money negated() {
    return new Money(amount.negate(), currency);
  }

  /** {@return whether the amount is zero} */
  public boolean isZero() {
    return amount.signum() == 0;
  }

  /** {@return whether the amount is below zero} */
  public boolean isNegative() {
    return amount.signum() < 0;
  }

  /** {@return whether the amount is above zero} */
  public boolean isPositive() {
    return amount.signum() > 0;
  }

  /**
   * {@return whether this amount is strictly greater}
   *
   * @param other an amount in the same currency
   */
  public boolean isGreaterThan(Money other) {
    return compareTo(other) > 0;
  }

  /**
   * {@return whether this amount is strictly less}
   *
   * @param other an amount in the same currency
   */
  public boolean isLessThan(Money other) {
    return compareTo(other) < 0;
  }

  /**
   * Returns the amount in minor units (cents), exact.
   *
   * @return the amount times 10^scale
   */
  public long minorUnits() {
    // Exact by construction: |amount| ≤ Limits.MAX_MINOR_UNITS minor units.
    return amount.unscaledValue().longValueExact();
  }

  /**
   * Compares amounts of the same currency.
   *
   * @throws CurrencyMismatchException if the currencies differ
   */
  @Override
  public int compareTo(Money other) {
    requireSameCurrency(other);
    return amount.compareTo(other.amount);
  }

  private void requireSameCurrency(Money other) {
    Checks.present("money", "other", other);
    if (!currency.equals(other.currency)) {
      throw new CurrencyMismatchException("money", "currency", currency, other.currency);
    }
  }

  /** @return the currency code, one space and the plain amount, e.g. {@code TWD 1499.00} */
  @Override
  public String toString() {
    return currency.getCurrencyCode() + " " + amount.toPlainString();
  }
}
