package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.InvalidValues.assertInvalidValue;
import static org.loyaltyrules.loyalty.InvalidValues.assertNames;
import static org.loyaltyrules.loyalty.InvalidValues.thrownBy;

import java.util.Currency;
import org.junit.jupiter.api.Test;

class OrderLineTest {

  private static Money twd(String amount) {
    return Money.of(amount, "TWD");
  }

  @Test
  void new_validLine_hasGrossAndNet() {
    // when
    OrderLine line = new OrderLine("L1", "SKU-1", "shoes", 3, twd("499"), twd("97"));

    // then
    assertThat(line.gross()).isEqualTo(twd("1497"));
    assertThat(line.net()).isEqualTo(twd("1400"));
  }

  @Test
  void of_withoutDiscount_hasZeroDiscountInTheLinesCurrency() {
    // when
    OrderLine line = OrderLine.of("L1", "SKU-1", "shoes", 2, Money.of("10.50", "HKD"));

    // then
    assertThat(line.discount()).isEqualTo(Money.zero(Currency.getInstance("HKD")));
    assertThat(line.net()).isEqualTo(Money.of("21", "HKD"));
  }

  @Test
  void new_negativeQuantity_throwsInvalidValue() {
    // when
    InvalidValueException e = thrownBy(InvalidValueException.class, () -> OrderLine.of("L1", "SKU-1", "shoes", -1, twd("10")));

    // then
    assertNames(e, "order line", "quantity", "-1", "≥ 1");
    assertThat(e.code()).isEqualTo("invalid-value");
    assertThat(e).hasMessage("Invalid order line: quantity [-1]; expected ≥ 1");
  }

  @Test
  void new_zeroQuantity_throwsInvalidValue() {
    assertInvalidValue(() -> OrderLine.of("L1", "SKU-1", "shoes", 0, twd("10")), "order line", "quantity", "0", "≥ 1");
  }

  @Test
  void new_negativeUnitPrice_throwsInvalidValue() {
    assertInvalidValue(() -> OrderLine.of("L1", "SKU-1", "shoes", 1, twd("-1")), "order line", "unitPrice", "TWD -1.00", "≥ 0");
  }

  @Test
  void new_unitPriceWithMoreDecimalsThanTheCurrency_throwsInvalidValue() {
    assertInvalidValue(() -> OrderLine.of("L1", "SKU-1", "shoes", 1, Money.of("9.999", "TWD")), "money", "amount", "9.999",
        "at most 2 decimal places for TWD");
  }

  @Test
  void new_discountAboveGross_throwsInvalidValue() {
    assertInvalidValue(() -> new OrderLine("L1", "SKU-1", "shoes", 3, twd("499"), twd("1497.01")), "order line", "discount",
        "TWD 1497.01", "≤ the line's gross TWD 1497.00");
  }

  @Test
  void new_discountEqualToGross_isAllowed() {
    assertThat(new OrderLine("L1", "SKU-1", "shoes", 3, twd("499"), twd("1497")).net().isZero()).isTrue();
  }

  @Test
  void new_negativeDiscount_throwsInvalidValue() {
    assertInvalidValue(() -> new OrderLine("L1", "SKU-1", "shoes", 1, twd("10"), twd("-1")), "order line", "discount", "TWD -1.00", "≥ 0");
  }

  @Test
  void new_discountInAnotherCurrency_throwsCurrencyMismatch() {
    // when
    CurrencyMismatchException e = thrownBy(CurrencyMismatchException.class,
        () -> new OrderLine("L1", "SKU-1", "shoes", 1, twd("10"), Money.of("1", "HKD")));

    // then
    assertNames(e, "order line", "discount", "HKD", "currency TWD");
    assertThat(e.expectedCurrency()).isEqualTo(Currency.getInstance("TWD"));
  }

  @Test
  void new_blankIds_throwInvalidValue() {
    assertInvalidValue(() -> OrderLine.of(" ", "SKU-1", "shoes", 1, twd("10")), "order line", "lineId", "\" \"", "a non-blank string");
    assertInvalidValue(() -> OrderLine.of("L1", "", "shoes", 1, twd("10")), "order line", "sku", "\"\"", "a non-blank string");
    assertInvalidValue(() -> OrderLine.of("L1", "SKU-1", "\t", 1, twd("10")), "order line", "category", "\"\t\"", "a non-blank string");
  }

  @Test
  void new_missingPrices_throwInvalidValue() {
    assertInvalidValue(() -> new OrderLine("L1", "SKU-1", "shoes", 1, null, twd("0")), "order line", "unitPrice", "null", "a value");
    assertInvalidValue(() -> new OrderLine("L1", "SKU-1", "shoes", 1, twd("1"), null), "order line", "discount", "null", "a value");
  }
}
