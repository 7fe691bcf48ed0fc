package org.loyaltyrules.loyalty.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
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
import org.loyaltyrules.loyalty.rules.testkit.Catalogue;
import org.loyaltyrules.loyalty.rules.testkit.LoyaltyGenerators;

/**
 * Generators for engine properties: NT$ orders (from the kit's {@link LoyaltyGenerators}) whose
 * lines mix SKUs and categories the test campaigns target (and gift cards, which earn nothing),
 * with line and order discounts and shipping, plus the independent arithmetic the properties
 * compare the engine with.
 */
final class RulesArbitraries {
  static final List<String> CATEGORIES = List.of("apparel", "shoes", "tea", "gift-card");
  static final List<String> SKUS = List.of("SKU-1", "SKU-2", "TEA-01", "SH-1", "GC-1");
  static final List<String> TIERS = List.of("member", "silver", "gold");

  private RulesArbitraries() {}

  static Money minor(long cents) {
    return Money.of(BigDecimal.valueOf(cents, 2), Fixtures.TWD);
  }

  /** The library's test shop, for the kit's order generators. */
  static final Catalogue CATALOGUE =
      Catalogue.of(SKUS, CATEGORIES, List.of(Channel.ONLINE_STORE, Channel.POS, Channel.APP));

  /** Orders with an order discount a third of the time and shipping half of the time. */
  static Arbitrary<Order> orders(String id, String memberId, Arbitrary<Instant> paidAt, int maxLines) {
    return Combinators.combine(paidAt, LoyaltyGenerators.orders(CATALOGUE, Fixtures.TWD, maxLines))
        .as((at, order) -> LoyaltyGenerators.reassigned(order, id, memberId, at));
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
