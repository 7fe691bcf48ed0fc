package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.Programme;

/**
 * Issue 14, item 11: a return claws back each line's share of the order's rounded points, and that
 * share is the line's proportional part of the rounded total (Hamilton), never a whole point more,
 * whatever the ids ("9" and "10"), equal values or free lines, and whatever the rounding mode.
 */
class RefundSharesProperties {
  private static final Instant PAID = taipei("2025-03-05T12:00");
  private static final List<String> IDS = List.of("1", "2", "9", "10", "11", "a", "B");

  /** An order's line prices in whole NT$ (some free, some equal), in line order. */
  record Lines(List<String> ids, List<Integer> prices, List<Integer> quantities) {
    Order order() {
      List<OrderLine> lines = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        lines.add(Fixtures.line(ids.get(i), "SKU-" + ids.get(i), "apparel", quantities.get(i),
            Integer.toString(prices.get(i))));
      }
      return Order.of("o-1", "m-1", PAID, Channel.ONLINE_STORE, lines);
    }

    long value(int i) {
      return (long) prices.get(i) * quantities.get(i);
    }
  }

  @Provide
  Arbitrary<Lines> lines() {
    Arbitrary<Integer> price = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.of(50, 150, 250),
        Arbitraries.integers().between(1, 3_000));
    return Arbitraries.integers().between(1, IDS.size()).flatMap(n -> {
      Arbitrary<List<String>> ids = Arbitraries.shuffle(IDS).map(all -> all.subList(0, n));
      return Combinators.combine(ids, price.list().ofSize(n), Arbitraries.integers().between(1, 3).list().ofSize(n))
          .as(Lines::new);
    });
  }

  @Provide
  Arbitrary<RoundingMode> modes() {
    return Arbitraries.of(RoundingMode.DOWN, RoundingMode.HALF_UP, RoundingMode.HALF_EVEN, RoundingMode.UP);
  }

  @Property(tries = 300)
  void noLineClawsBackAWholePointMoreThanItsProportionalShare(@ForAll("lines") Lines lines,
      @ForAll("modes") RoundingMode mode) {
    // given: one rate on every line (member tier), so the exact points are proportional to value
    Programme programme = Fixtures.taiwan().toBuilder().rounding(mode, Programme.RoundingScope.PER_ORDER).build();
    Shop shop = new Shop(programme);
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    Order order = lines.order();
    Decision paid = shop.apply(new LoyaltyEvent.OrderPaid(order));
    long total = Fixtures.earned(paid, EntryKey.orderBase("o-1")).points().value();

    // when: everything comes back
    Decision refund = shop.apply(LoyaltyEvent.OrderReturned.whole("r-1", order, PAID.plusSeconds(3600)));

    // then: share < total × value / Σvalue + 1, i.e. (share − 1) × Σvalue < total × value
    Map<String, Long> clawed = new HashMap<>();
    for (LedgerEntry entry : refund.entries()) {
      if (entry instanceof LedgerEntry.ClawedBack c && c.earnedKey().equals(EntryKey.orderBase("o-1").text())) {
        for (LineShare share : c.lines()) {
          clawed.merge(share.lineId(), share.points().value(), Long::sum);
        }
      }
    }
    long sumValue = 0;
    for (int i = 0; i < lines.ids().size(); i++) {
      sumValue += lines.value(i);
    }
    long sumClawed = 0;
    for (int i = 0; i < lines.ids().size(); i++) {
      long share = clawed.getOrDefault(lines.ids().get(i), 0L);
      sumClawed += share;
      BigInteger lhs = BigInteger.valueOf(share - 1).multiply(BigInteger.valueOf(sumValue));
      BigInteger rhs = BigInteger.valueOf(total).multiply(BigInteger.valueOf(lines.value(i)));
      if (share > 0) {
        assertThat(lhs).as("line %s (NT$%s of NT$%s) clawed back %s of %s points", lines.ids().get(i), lines.value(i),
            sumValue, share, total).isLessThan(rhs);
      }
      if (lines.value(i) == 0) {
        assertThat(share).as("free line %s", lines.ids().get(i)).isZero();
      }
    }
    assertThat(sumClawed).isEqualTo(total);
  }
}
