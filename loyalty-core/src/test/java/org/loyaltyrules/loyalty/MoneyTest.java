package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.InvalidValues.assertInvalidValue;
import static org.loyaltyrules.loyalty.InvalidValues.assertNames;
import static org.loyaltyrules.loyalty.InvalidValues.thrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class MoneyTest {

  private static final Currency TWD = Currency.getInstance("TWD");
  private static final Currency HKD = Currency.getInstance("HKD");

  @Test
  void of_wholeAmount_isScaledToTheCurrencysDecimals() {
    // when
    Money money = Money.of("1499", "TWD");

    // then
    assertThat(money.amount()).isEqualTo(new BigDecimal("1499.00"));
    assertThat(money.amount().scale()).isEqualTo(2);
    assertThat(money.currency()).isEqualTo(TWD);
  }

  @Test
  void of_trailingZerosBeyondTheCurrencysScale_areAccepted() {
    // when
    Money money = Money.of(new BigDecimal("12.5000"), HKD);

    // then
    assertThat(money.amount()).isEqualTo(new BigDecimal("12.50"));
  }

  @Test
  void of_moreDecimalsThanTheCurrencyHas_throwsInvalidValue() {
    assertInvalidValue(() -> Money.of("12.345", "TWD"), "money", "amount", "12.345", "at most 2 decimal places for TWD");
  }

  @Test
  void of_yen_hasNoDecimals() {
    // when
    Money yen = Money.of("100", "JPY");

    // then
    assertThat(yen.amount().scale()).isZero();
    assertInvalidValue(() -> Money.of("1.5", "JPY"), "money", "amount", "1.5", "at most 0 decimal places for JPY");
  }

  @Test
  void of_currencyWithoutFixedDecimals_throwsInvalidValue() {
    assertInvalidValue(() -> Money.of("1", "XAU"), "money", "currency", "XAU", "a currency with a fixed number of decimals");
  }

  @Test
  void of_unknownCurrencyCode_throwsInvalidValue() {
    assertInvalidValue(() -> Money.of("1", "ZZZ"), "money", "currency", "ZZZ", "an ISO 4217 currency code");
  }

  @Test
  void of_notAPlainDecimal_throwsInvalidValue() {
    assertInvalidValue(() -> Money.of("12,50", "TWD"), "money", "amount", "12,50", "a plain decimal number");
  }

  @Test
  void of_nullAmountOrCurrency_throwsInvalidValue() {
    assertInvalidValue(() -> Money.of((BigDecimal) null, TWD), "money", "amount", "null", "a value");
    assertInvalidValue(() -> Money.of(BigDecimal.ONE, null), "money", "currency", "null", "a value");
  }

  @Test
  void equals_sameAmountWrittenWithDifferentScales_isEqual() {
    // given
    Money a = Money.of("5", "TWD");
    Money b = Money.of("5.00", "TWD");

    // then
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(Money.of("5", "HKD"));
  }

  @Test
  void plus_sameCurrency_addsExactly() {
    assertThat(Money.of("0.10", "TWD").plus(Money.of("0.20", "TWD"))).isEqualTo(Money.of("0.30", "TWD"));
  }

  @Test
  void minus_largerAmount_givesNegativeMoney() {
    // when
    Money difference = Money.of("10", "TWD").minus(Money.of("12.50", "TWD"));

    // then
    assertThat(difference).isEqualTo(Money.of("-2.50", "TWD"));
    assertThat(difference.isNegative()).isTrue();
    assertThat(difference.negated()).isEqualTo(Money.of("2.50", "TWD"));
  }

  @Test
  void plus_otherCurrency_throwsCurrencyMismatch() {
    // given
    Money twd = Money.of("10", "TWD");
    Money hkd = Money.of("10", "HKD");

    // when
    CurrencyMismatchException e = thrownBy(CurrencyMismatchException.class, () -> twd.plus(hkd));

    // then
    assertThat(e.expectedCurrency()).isEqualTo(TWD);
    assertThat(e.actualCurrency()).isEqualTo(HKD);
    assertThat(e.code()).isEqualTo("currency-mismatch");
    assertNames(e, "money", "currency", "HKD", "currency TWD");
    assertThat(e).hasMessage("Invalid money: currency [HKD]; expected currency TWD");
  }

  @Test
  void minusAndCompare_otherCurrency_throwCurrencyMismatch() {
    // given
    Money twd = Money.of("10", "TWD");
    Money hkd = Money.of("1", "HKD");

    // then
    assertThat(thrownBy(CurrencyMismatchException.class, () -> twd.minus(hkd)).actualCurrency()).isEqualTo(HKD);
    assertThat(thrownBy(CurrencyMismatchException.class, () -> twd.isGreaterThan(hkd)).actualCurrency()).isEqualTo(HKD);
    assertThat(thrownBy(CurrencyMismatchException.class, () -> twd.isLessThan(hkd)).actualCurrency()).isEqualTo(HKD);
  }

  @Test
  void multipliedBy_inexactProduct_roundsToTheCurrencysScaleAsTold() {
    // given
    Money price = Money.of("1.00", "TWD");
    BigDecimal eighth = new BigDecimal("0.125");

    // then
    assertThat(price.multipliedBy(eighth, RoundingMode.HALF_EVEN)).isEqualTo(Money.of("0.12", "TWD"));
    assertThat(price.multipliedBy(eighth, RoundingMode.HALF_UP)).isEqualTo(Money.of("0.13", "TWD"));
    assertThat(Money.of("10", "TWD").multipliedBy(new BigDecimal("0.333"), RoundingMode.DOWN)).isEqualTo(Money.of("3.33", "TWD"));
  }

  @Test
  void compare_sameCurrency_ordersByAmount() {
    // given
    Money small = Money.of("9.99", "TWD");
    Money large = Money.of("10", "TWD");

    // then
    assertThat(large.isGreaterThan(small)).isTrue();
    assertThat(small.isLessThan(large)).isTrue();
    assertThat(small.compareTo(Money.of("9.990", "TWD"))).isZero();
  }

  @Test
  void zero_anyCurrency_isZeroAtItsScale() {
    // when
    Money zero = Money.zero(HKD);

    // then
    assertThat(zero.isZero()).isTrue();
    assertThat(zero.isPositive()).isFalse();
    assertThat(zero.isNegative()).isFalse();
    assertThat(zero.toString()).isEqualTo("HKD 0.00");
  }

  @Test
  void minorUnits_twoDecimalCurrency_isCents() {
    assertThat(Money.of("12.34", "TWD").minorUnits()).isEqualTo(1234);
    assertThat(Money.of("-0.05", "HKD").minorUnits()).isEqualTo(-5);
  }

  @Test
  void toString_largeAmount_isPlainWithoutGrouping() {
    assertThat(Money.of("1234567.8", "TWD").toString()).isEqualTo("TWD 1234567.80");
  }

  @Test
  void parse_toStringForm_roundTrips() {
    // given
    Money money = Money.of("1499", "TWD");

    // when
    Money parsed = Money.parse(money.toString());

    // then
    assertThat(parsed).isEqualTo(money);
  }

  @Test
  void parse_withoutSpace_throwsInvalidValue() {
    assertInvalidValue(() -> Money.parse("TWD1499"), "money", "text", "TWD1499", "\"<ISO code> <amount>\", e.g. \"TWD 1499.00\"");
  }

  @Test
  void plusMinusTimes_beyondTheBound_throwInvalidValueNamingTheOperation() {
    // given: the largest TWD amount
    Money max = Money.of("9999999999999999.99", "TWD");

    // when
    InvalidValueException sum = thrownBy(InvalidValueException.class, () -> max.plus(Money.of("1", "TWD")));
    InvalidValueException difference = thrownBy(InvalidValueException.class, () -> max.negated().minus(max));
    InvalidValueException product =
        thrownBy(InvalidValueException.class, () -> max.multipliedBy(new BigDecimal("2"), RoundingMode.HALF_EVEN));

    // then: the operation's text is built only when refused, and reads as before
    assertThat(sum.field()).isEqualTo("sum");
    assertThat(sum.value()).isEqualTo("TWD 9999999999999999.99 + TWD 1.00");
    assertThat(difference.field()).isEqualTo("difference");
    assertThat(difference.value()).isEqualTo("TWD -9999999999999999.99 - TWD 9999999999999999.99");
    assertThat(product.field()).isEqualTo("product");
    assertThat(product.value()).isEqualTo("TWD 9999999999999999.99 × 2");
  }
}
