package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.loyaltyrules.loyalty.InvalidValues.thrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.loyaltyrules.loyalty.testkit.LoyaltyArbitraries;

class MoneyProperties {

  /** Two signed amounts in the same currency. */
  @Provide
  Arbitrary<List<Money>> sameCurrencyPairs() {
    return LoyaltyArbitraries.currencies()
        .flatMap(c -> Combinators.combine(LoyaltyArbitraries.signedMoney(c), LoyaltyArbitraries.signedMoney(c)).as(List::of));
  }

  @Provide
  Arbitrary<Currency> currencies() {
    return LoyaltyArbitraries.currencies();
  }

  @Property
  void plusAndMinusAreInverse(@ForAll("sameCurrencyPairs") List<Money> pair) {
    // given
    Money a = pair.get(0);
    Money b = pair.get(1);

    // then
    assertThat(a.plus(b).minus(b)).isEqualTo(a);
    assertThat(a.minus(b).plus(b)).isEqualTo(a);
    assertThat(a.plus(b)).isEqualTo(b.plus(a));
    assertThat(a.minus(b)).isEqualTo(b.minus(a).negated());
  }

  @Property
  void scaleIsAlwaysTheCurrencysScale(
      @ForAll("sameCurrencyPairs") List<Money> pair, @ForAll @LongRange(min = -1_000, max = 1_000) long factor) {
    // given
    Money a = pair.get(0);
    Money b = pair.get(1);
    int scale = a.currency().getDefaultFractionDigits();

    // when
    List<Money> results = List.of(a, a.plus(b), a.minus(b), a.negated(),
        a.multipliedBy(BigDecimal.valueOf(factor, 3), RoundingMode.HALF_EVEN), Money.zero(a.currency()));

    // then
    assertThat(results).allSatisfy(m -> assertThat(m.amount().scale()).isEqualTo(scale));
  }

  @Property
  void anyAmountWithinTheCurrencysDecimalsIsKeptExactlyOrRefusedBeyondTheBound(
      @ForAll("currencies") Currency currency, @ForAll long unscaled, @ForAll @IntRange(min = -6, max = 2) int scale) {
    // given
    BigDecimal amount = BigDecimal.valueOf(unscaled, scale);
    boolean withinBound = amount.abs().compareTo(Money.maximum(currency)) <= 0;

    // when
    Throwable refused = catchThrowable(() -> Money.of(amount, currency));

    // then: kept exactly at the currency's scale, or refused with the bound named
    if (withinBound) {
      Money money = Money.of(amount, currency);
      assertThat(money.amount()).isEqualByComparingTo(amount);
      assertThat(money.amount().scale()).isEqualTo(currency.getDefaultFractionDigits());
    } else {
      assertThat(refused).isExactlyInstanceOf(InvalidValueException.class);
      assertThat(((InvalidValueException) refused).field()).isEqualTo("amount");
      assertThat(((InvalidValueException) refused).expected()).contains(Money.maximum(currency).toPlainString());
    }
  }

  @Property
  void moreDecimalsThanTheCurrencyHasAreRejected(
      @ForAll("currencies") Currency currency,
      @ForAll @LongRange(min = -1_000_000_000L, max = 1_000_000_000L) long unscaled,
      @ForAll @IntRange(min = 3, max = 8) int scale) {
    // given: an amount whose last significant digit is beyond the second decimal
    long significant = unscaled * 10 + (unscaled >= 0 ? 1 : -1);
    BigDecimal amount = BigDecimal.valueOf(significant, scale);

    // when
    InvalidValueException e = thrownBy(InvalidValueException.class, () -> Money.of(amount, currency));

    // then
    assertThat(e.field()).isEqualTo("amount");
    assertThat(e.value()).isEqualTo(amount.toPlainString());
    assertThat(e.expected()).isEqualTo("at most 2 decimal places for " + currency.getCurrencyCode());
  }

  @Property
  void mixingCurrenciesThrowsCurrencyMismatch(
      @ForAll @LongRange(min = -100_000_000, max = 100_000_000) long twdMinor,
      @ForAll @LongRange(min = -100_000_000, max = 100_000_000) long hkdMinor) {
    // given
    Money twd = LoyaltyArbitraries.ofMinor(twdMinor, LoyaltyArbitraries.TWD);
    Money hkd = LoyaltyArbitraries.ofMinor(hkdMinor, LoyaltyArbitraries.HKD);

    // then
    for (CurrencyMismatchException e : List.of(
        thrownBy(CurrencyMismatchException.class, () -> twd.plus(hkd)),
        thrownBy(CurrencyMismatchException.class, () -> twd.minus(hkd)),
        thrownBy(CurrencyMismatchException.class, () -> twd.compareTo(hkd)))) {
      assertThat(e.expectedCurrency()).isEqualTo(LoyaltyArbitraries.TWD);
      assertThat(e.actualCurrency()).isEqualTo(LoyaltyArbitraries.HKD);
      assertThat(e.code()).isEqualTo("currency-mismatch");
    }
  }

  @Property
  void parseReadsWhatToStringWrites(@ForAll("sameCurrencyPairs") List<Money> pair) {
    // given
    Money money = pair.get(0);

    // when
    Money parsed = Money.parse(money.toString());

    // then
    assertThat(parsed).isEqualTo(money);
  }

  @Property
  void minorUnitsRoundTrip(@ForAll("currencies") Currency currency,
      @ForAll @LongRange(min = -Limits.MAX_MINOR_UNITS, max = Limits.MAX_MINOR_UNITS) long minor) {
    assertThat(LoyaltyArbitraries.ofMinor(minor, currency).minorUnits()).isEqualTo(minor);
  }

  @Property
  void orderingAgreesWithMinorUnits(@ForAll("sameCurrencyPairs") List<Money> pair) {
    // given
    Money a = pair.get(0);
    Money b = pair.get(1);

    // then
    assertThat(Integer.signum(a.compareTo(b))).isEqualTo(Long.signum(a.minorUnits() - b.minorUnits()));
    assertThat(a.isGreaterThan(b)).isEqualTo(a.minorUnits() > b.minorUnits());
    assertThat(a.equals(b)).isEqualTo(a.minorUnits() == b.minorUnits());
  }

  @Property
  void generatedMoneyIsNeverNegative(@ForAll("money") Money money) {
    assertThat(money.isNegative()).isFalse();
    assertThat(List.of(LoyaltyArbitraries.TWD, LoyaltyArbitraries.HKD)).contains(money.currency());
  }

  @Provide
  Arbitrary<Money> money() {
    return Arbitraries.lazy(LoyaltyArbitraries::money);
  }
}
