package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.loyaltyrules.loyalty.InvalidValues.assertInvalidValue;
import static org.loyaltyrules.loyalty.InvalidValues.assertNames;
import static org.loyaltyrules.loyalty.InvalidValues.thrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderTest {

  private static final Currency TWD = Currency.getInstance("TWD");
  private static final Instant PAID = Instant.parse("2024-11-11T03:15:00Z");

  private static Money twd(String amount) {
    return Money.of(amount, "TWD");
  }

  private static OrderLine line(String id, String unitPrice) {
    return OrderLine.of(id, "SKU-" + id, "shoes", 1, twd(unitPrice));
  }

  private static Order order(Money orderDiscount, OrderLine... lines) {
    return new Order("o-1", "m-1", PAID, Channel.ONLINE_STORE, TWD, List.of(lines), orderDiscount, twd("60"));
  }

  @Test
  void of_lines_takesCurrencyFromFirstLineWithNoDiscountOrShipping() {
    // when
    Order order = Order.of("o-1", "m-1", PAID, Channel.POS, List.of(line("L1", "100"), line("L2", "250.50")));

    // then
    assertThat(order.currency()).isEqualTo(TWD);
    assertThat(order.subtotal()).isEqualTo(twd("350.50"));
    assertThat(order.orderDiscount()).isEqualTo(twd("0"));
    assertThat(order.shipping()).isEqualTo(twd("0"));
    assertThat(order.total()).isEqualTo(twd("350.50"));
  }

  @Test
  void total_discountAndShipping_isSubtotalLessDiscountPlusShipping() {
    // when
    Order order = order(twd("50"), line("L1", "100"), new OrderLine("L2", "SKU-2", "bags", 2, twd("200"), twd("20")));

    // then
    assertThat(order.subtotal()).isEqualTo(twd("480"));
    assertThat(order.total()).isEqualTo(twd("490"));
  }

  @Test
  void new_noLines_throwsInvalidValue() {
    assertInvalidValue(() -> order(twd("0")), "order", "lines", "[]", "at least one line");
    assertInvalidValue(() -> Order.of("o-1", "m-1", PAID, Channel.POS, List.of()), "order", "lines", "[]", "at least one line");
  }

  @Test
  void new_linesInDifferentCurrencies_throwsCurrencyMismatch() {
    // given
    OrderLine hkd = OrderLine.of("L2", "SKU-2", "bags", 1, Money.of("10", "HKD"));

    // when
    CurrencyMismatchException e = thrownBy(CurrencyMismatchException.class,
        () -> Order.of("o-1", "m-1", PAID, Channel.POS, List.of(line("L1", "100"), hkd)));

    // then
    assertNames(e, "order", "lines[1].unitPrice", "HKD", "currency TWD");
    assertThat(e.expectedCurrency()).isEqualTo(TWD);
    assertThat(e.actualCurrency()).isEqualTo(Currency.getInstance("HKD"));
  }

  @Test
  void new_sameLineIdTwice_throwsInvalidValue() {
    assertInvalidValue(() -> order(twd("0"), line("L1", "100"), line("L1", "5")), "order", "lines[1].lineId", "L1",
        "a line id not used by another line of the order");
  }

  @Test
  void new_orderDiscountAboveSubtotal_throwsInvalidValue() {
    assertInvalidValue(() -> order(twd("1000.01"), line("L1", "400"), line("L2", "600")), "order", "orderDiscount",
        "TWD 1000.01", "≤ the sum of line nets TWD 1000.00");
  }

  @Test
  void new_negativeOrderDiscount_throwsInvalidValue() {
    assertInvalidValue(() -> order(twd("-1"), line("L1", "400")), "order", "orderDiscount", "TWD -1.00", "≥ 0");
  }

  @Test
  void new_negativeShipping_throwsInvalidValue() {
    assertInvalidValue(
        () -> new Order("o-1", "m-1", PAID, Channel.POS, TWD, List.of(line("L1", "1")), twd("0"), twd("-60")),
        "order", "shipping", "TWD -60.00", "≥ 0");
  }

  @Test
  void new_discountOrShippingInAnotherCurrency_throwsCurrencyMismatch() {
    // given
    Money hkd = Money.of("1", "HKD");

    // when
    CurrencyMismatchException discount = thrownBy(CurrencyMismatchException.class,
        () -> new Order("o-1", "m-1", PAID, Channel.POS, TWD, List.of(line("L1", "10")), hkd, twd("0")));
    CurrencyMismatchException shipping = thrownBy(CurrencyMismatchException.class,
        () -> new Order("o-1", "m-1", PAID, Channel.POS, TWD, List.of(line("L1", "10")), twd("0"), hkd));

    // then
    assertThat(discount.field()).isEqualTo("orderDiscount");
    assertThat(shipping.field()).isEqualTo("shipping");
  }

  @Test
  void new_blankOrMissingFields_throwInvalidValue() {
    List<OrderLine> lines = List.of(line("L1", "10"));
    assertInvalidValue(() -> new Order(" ", "m-1", PAID, Channel.POS, TWD, lines, twd("0"), twd("0")), "order", "id", "\" \"",
        "a non-blank string");
    assertInvalidValue(() -> new Order("o-1", "", PAID, Channel.POS, TWD, lines, twd("0"), twd("0")), "order", "memberId", "\"\"",
        "a non-blank string");
    assertInvalidValue(() -> new Order("o-1", "m-1", null, Channel.POS, TWD, lines, twd("0"), twd("0")), "order", "paidAt", "null",
        "a value");
    assertInvalidValue(() -> new Order("o-1", "m-1", PAID, null, TWD, lines, twd("0"), twd("0")), "order", "channel", "null",
        "a value");
  }

  @Test
  void new_nullLine_throwsInvalidValueNamingItsIndex() {
    // given
    List<OrderLine> lines = new ArrayList<>();
    lines.add(line("L1", "10"));
    lines.add(null);

    // when / then
    assertInvalidValue(() -> new Order("o-1", "m-1", PAID, Channel.POS, TWD, lines, twd("0"), twd("0")), "order", "lines[1]", "null",
        "a value");
  }

  @Test
  void lines_afterConstruction_areACopyThatCannotChange() {
    // given
    List<OrderLine> lines = new ArrayList<>(List.of(line("L1", "10")));
    Order order = Order.of("o-1", "m-1", PAID, Channel.POS, lines);

    // when
    lines.add(line("L2", "20"));

    // then
    assertThat(order.lines()).hasSize(1);
    assertThatThrownBy(() -> order.lines().add(line("L3", "1"))).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void line_knownId_returnsTheLine() {
    assertThat(order(twd("0"), line("L1", "10"), line("L2", "20")).line("L2").unitPrice()).isEqualTo(twd("20"));
  }

  @Test
  void line_unknownId_throwsInvalidValue() {
    assertInvalidValue(() -> order(twd("0"), line("L1", "10")).line("L9"), "order", "lineId", "L9", "a line id of order o-1");
  }

  @Test
  void netAfterOrderDiscount_proportionalShares_addUpToTheDiscountExactly() {
    // given: 100 off 100 + 200 + 300; shares 16.666…, 33.333…, 50
    Order order = order(twd("100"), line("L1", "100"), line("L2", "200"), line("L3", "300"));

    // when
    Map<String, Money> net = order.netAfterOrderDiscount();

    // then: the leftover cent goes to the largest remainder (L1's .666…)
    assertThat(net).containsExactly(entry("L1", twd("83.33")), entry("L2", twd("166.67")), entry("L3", twd("250")));
  }

  @Test
  void netAfterOrderDiscount_lineDiscounts_splitsOnNetsNotGross() {
    // given: L1 nets 100 (200 less 100), L2 nets 100
    Order order = order(twd("20"), new OrderLine("L1", "SKU-1", "shoes", 1, twd("200"), twd("100")), line("L2", "100"));

    // when / then
    assertThat(order.netAfterOrderDiscount()).containsExactly(entry("L1", twd("90")), entry("L2", twd("90")));
  }

  @Test
  void netAfterOrderDiscount_tiedRemainders_giveTheCentToTheSmallerLineIdWhateverTheLineOrder() {
    // given: one cent off two equal lines
    Order ab = order(twd("0.01"), line("a", "1"), line("b", "1"));
    Order ba = order(twd("0.01"), line("b", "1"), line("a", "1"));

    // when
    Map<String, Money> fromAb = ab.netAfterOrderDiscount();
    Map<String, Money> fromBa = ba.netAfterOrderDiscount();

    // then
    assertThat(fromAb).containsOnly(entry("a", twd("0.99")), entry("b", twd("1")));
    assertThat(fromBa).isEqualTo(fromAb);
  }

  @Test
  void netAfterOrderDiscount_noDiscount_isEachLinesNet() {
    assertThat(order(twd("0"), line("L1", "10"), line("L2", "20")).netAfterOrderDiscount())
        .containsExactly(entry("L1", twd("10")), entry("L2", twd("20")));
  }

  @Test
  void netAfterOrderDiscount_discountEqualToSubtotal_leavesEveryLineAtZero() {
    assertThat(order(twd("33.33"), line("L1", "11.11"), line("L2", "22.22")).netAfterOrderDiscount())
        .containsExactly(entry("L1", twd("0")), entry("L2", twd("0")));
  }

  @Test
  void netAfterOrderDiscount_freeLines_stayAtZero() {
    assertThat(order(twd("0"), line("L1", "0"), line("L2", "0")).netAfterOrderDiscount())
        .containsExactly(entry("L1", twd("0")), entry("L2", twd("0")));
  }

  @Test
  void netAfterOrderDiscount_veryLargeOrder_splitsExactlyWithoutOverflow() {
    // given: two lines of 100 × 1,000,000.00 with 150,000,000.00 off (products of minor units exceed 2^63)
    OrderLine big1 = OrderLine.of("L1", "SKU-1", "watches", 100, twd("1000000"));
    OrderLine big2 = OrderLine.of("L2", "SKU-2", "watches", 100, twd("1000000"));

    // when
    Map<String, Money> net = order(twd("150000000"), big1, big2).netAfterOrderDiscount();

    // then
    assertThat(net).containsExactly(entry("L1", twd("25000000")), entry("L2", twd("25000000")));
  }
}
