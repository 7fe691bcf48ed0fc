package org.loyaltyrules.loyalty.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.Programme;

/**
 * Generators for engine properties: NT$ orders whose lines mix SKUs and categories the test
 * campaigns target (and gift cards, which earn nothing), with line and order discounts and
 * shipping, plus the independent arithmetic the properties compare the engine with.
 */
final class RulesArbitraries {
  static final List<String> CATEGORIES = List.of("apparel", "shoes", "tea", "gift-card");
  static final List<String> SKUS = List.of("SKU-1", "SKU-2", "TEA-01", "SH-1", "GC-1");
  static final List<String> TIERS = List.of("member", "silver", "gold");

  private RulesArbitraries() {}

  static Money minor(long cents) {
    return Money.of(BigDecimal.valueOf(cents, 2), Fixtures.TWD);
  }

  /** Unit prices in cents: mostly whole dollars up to NT$3,000, sometimes any amount up to NT$3,000. */
  static Arbitrary<Long> unitPrices() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(0, 3_000).map(d -> d * 100)),
        net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 300_000)));
  }

  static Arbitrary<OrderLine> line(String id) {
    return Combinators.combine(Arbitraries.of(SKUS), Arbitraries.of(CATEGORIES), Arbitraries.integers().between(1, 5),
            unitPrices())
        .flatAs((sku, category, quantity, price) -> Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(0L)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, price * quantity)))
            .map(discount -> new OrderLine(id, sku, category, quantity, minor(price), minor(discount))));
  }

  /** One to {@code max} lines with distinct short ids (so tie-breaks by line id are exercised). */
  static Arbitrary<List<OrderLine>> lines(int max) {
    return Arbitraries.strings().withCharRange('a', 'f').ofMinLength(1).ofMaxLength(2).map(s -> "l-" + s)
        .list().ofMinSize(1).ofMaxSize(max).uniqueElements()
        .flatMap(ids -> {
          List<Arbitrary<OrderLine>> lines = new ArrayList<>();
          for (String id : ids) {
            lines.add(line(id));
          }
          return Combinators.combine(lines).as(list -> list);
        });
  }

  static Arbitrary<Channel> channels() {
    return Arbitraries.of(Channel.ONLINE_STORE, Channel.POS, Channel.APP);
  }

  /** Orders with an order discount a third of the time and shipping half of the time. */
  static Arbitrary<Order> orders(String id, String memberId, Arbitrary<Instant> paidAt, int maxLines) {
    return Combinators.combine(paidAt, channels(), lines(maxLines))
        .flatAs((at, channel, lines) -> {
          long subtotal = 0;
          for (OrderLine line : lines) {
            subtotal += line.net().minorUnits();
          }
          Arbitrary<Long> discount = Arbitraries.frequencyOf(
              net.jqwik.api.Tuple.of(2, Arbitraries.just(0L)),
              net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, subtotal)));
          Arbitrary<Long> shipping = Arbitraries.of(0L, 0L, 6_000L, 15_000L);
          return Combinators.combine(discount, shipping)
              .as((d, s) -> new Order(id, memberId, at, channel, Fixtures.TWD, lines, minor(d), minor(s)));
        });
  }

  /** Instants within {@code radius} of {@code center}, the center itself an edge case. */
  static Arbitrary<Instant> around(Instant center, Duration radius) {
    return Arbitraries.longs().between(-radius.getSeconds(), radius.getSeconds())
        .edgeCases(config -> config.add(0L).add(-1L))
        .map(center::plusSeconds);
  }

  /** @return the order's earning base: line nets after discounts, eligible lines only */
  static BigDecimal earningBase(Order order, Programme programme) {
    Map<String, Money> nets = order.netAfterOrderDiscount();
    BigDecimal sum = BigDecimal.ZERO;
    for (OrderLine line : order.lines()) {
      if (programme.isInEarningBase(line)) {
        sum = sum.add(nets.get(line.lineId()).amount());
      }
    }
    return sum;
  }

  /** @return the bundled earning rate of a tier, in points per NT$1 */
  static BigDecimal rate(String tier) {
    return switch (tier) {
      case "member" -> new BigDecimal("0.01");
      case "silver" -> new BigDecimal("0.015");
      case "gold" -> new BigDecimal("0.02");
      default -> throw new IllegalArgumentException(tier);
    };
  }

  static long floor(BigDecimal value) {
    return value.setScale(0, RoundingMode.FLOOR).longValueExact();
  }
}
