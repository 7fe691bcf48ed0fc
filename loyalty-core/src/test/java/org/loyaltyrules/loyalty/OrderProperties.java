package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.loyaltyrules.loyalty.testkit.LoyaltyArbitraries;

class OrderProperties {

  @Provide
  Arbitrary<Order> orders() {
    return LoyaltyArbitraries.orders();
  }

  @Property
  void netAfterOrderDiscountAddsUpToSubtotalLessOrderDiscount(@ForAll("orders") Order order) {
    // when
    Map<String, Money> net = order.netAfterOrderDiscount();

    // then
    Money sum = Money.zero(order.currency());
    for (Money m : net.values()) {
      sum = sum.plus(m);
    }
    assertThat(sum).isEqualTo(order.subtotal().minus(order.orderDiscount()));
  }

  @Property
  void netAfterOrderDiscountNeverMakesALineNegativeNorRaisesIt(@ForAll("orders") Order order) {
    // when
    Map<String, Money> net = order.netAfterOrderDiscount();

    // then
    for (OrderLine line : order.lines()) {
      Money after = net.get(line.lineId());
      assertThat(after.isNegative()).as("line %s after discount %s", line.lineId(), after).isFalse();
      assertThat(after.isGreaterThan(line.net())).as("line %s after discount %s", line.lineId(), after).isFalse();
    }
  }

  @Property
  void netAfterOrderDiscountSplitsInProportionWithinOneMinorUnit(@ForAll("orders") Order order) {
    // given
    BigInteger discount = BigInteger.valueOf(order.orderDiscount().minorUnits());
    BigInteger total = BigInteger.valueOf(order.subtotal().minorUnits());

    // when
    Map<String, Money> net = order.netAfterOrderDiscount();

    // then: each share is the exact proportional share rounded down or up
    for (OrderLine line : order.lines()) {
      long share = line.net().minorUnits() - net.get(line.lineId()).minorUnits();
      if (total.signum() == 0) {
        assertThat(share).isZero();
      } else {
        long floor = discount.multiply(BigInteger.valueOf(line.net().minorUnits())).divide(total).longValueExact();
        assertThat(share).as("share of %s", line.lineId()).isBetween(floor, floor + 1);
      }
    }
  }

  @Property
  void netAfterOrderDiscountDependsOnTheLinesNotOnTheirOrder(@ForAll("orders") Order order, @ForAll Random random) {
    // given
    List<OrderLine> shuffled = new ArrayList<>(order.lines());
    Collections.shuffle(shuffled, random);
    Order reordered = new Order(order.id(), order.memberId(), order.paidAt(), order.channel(), order.currency(), shuffled,
        order.orderDiscount(), order.shipping());

    // when
    Map<String, Money> original = order.netAfterOrderDiscount();
    Map<String, Money> fromReordered = reordered.netAfterOrderDiscount();

    // then
    assertThat(fromReordered).isEqualTo(original);
    assertThat(new ArrayList<>(fromReordered.keySet())).isEqualTo(shuffled.stream().map(OrderLine::lineId).toList());
  }

  @Property
  void totalIsSubtotalLessOrderDiscountPlusShipping(@ForAll("orders") Order order) {
    // when
    Money lineNets = Money.zero(order.currency());
    for (OrderLine line : order.lines()) {
      lineNets = lineNets.plus(line.gross().minus(line.discount()));
    }

    // then
    assertThat(order.subtotal()).isEqualTo(lineNets);
    assertThat(order.total()).isEqualTo(lineNets.minus(order.orderDiscount()).plus(order.shipping()));
  }
}
