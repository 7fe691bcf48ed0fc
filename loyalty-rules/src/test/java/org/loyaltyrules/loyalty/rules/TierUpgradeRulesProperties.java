package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Tier;
import org.loyaltyrules.loyalty.TierChange;

/** Properties of {@code tier-upgrade.drl}. */
class TierUpgradeRulesProperties {
  private static final String UPGRADE = "tier-upgrade: spend reaches the tier's threshold";
  private static final Programme PROGRAMME = Fixtures.taiwan();
  private static final LoyaltyRulesEngine ENGINE = Fixtures.engine(PROGRAMME);
  static final Instant START = taipei("2024-06-01T10:00");

  /**
   * Orders in time order, days to months apart, from small baskets to ones that alone reach silver or
   * gold, sometimes with gift cards and discounts.
   */
  static Arbitrary<List<Order>> histories(String memberId, int maxOrders) {
    Arbitrary<Long> whole = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.longs().between(0, 4_000)),
        Tuple.of(2, Arbitraries.longs().between(4_000, 12_000)),
        Tuple.of(1, Arbitraries.longs().between(12_000, 32_000)));
    Arbitrary<Order> simple = whole.map(dollars -> Fixtures.order("x", memberId, START, Long.toString(dollars)));
    Arbitrary<Order> any = Arbitraries.frequencyOf(Tuple.of(3, simple),
        Tuple.of(1, RulesArbitraries.orders("x", memberId, Arbitraries.just(START), 4)));
    Arbitrary<Integer> gaps = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.integers().between(0, 60)),
        Tuple.of(1, Arbitraries.integers().between(60, 400)));
    return Combinators.combine(any, gaps).as(Tuple::of).list().ofMinSize(1).ofMaxSize(maxOrders).map(list -> {
      List<Order> orders = new ArrayList<>();
      Instant at = START;
      for (int i = 0; i < list.size(); i++) {
        Order o = list.get(i).get1();
        at = at.plus(Duration.ofDays(list.get(i).get2())).plusSeconds(1);
        orders.add(new Order("o-" + i, memberId, at, o.channel(), o.currency(), o.lines(), o.orderDiscount(),
            o.shipping()));
      }
      return orders;
    });
  }

  @Provide
  Arbitrary<List<Order>> histories() {
    return histories("m-1", 8);
  }

  @Property(tries = 200)
  void upgradeIsDecidedExactlyWhenTheLedgerReachesAHigherTierAndTheOrderEarnsAtTheOldRate(
      @ForAll("histories") List<Order> orders) {
    // given
    Shop shop = new Shop(ENGINE).withoutInvariantChecks();
    shop.join(Member.of("m-1", START, "member"));

    for (Order order : orders) {
      Tier before = PROGRAMME.tiers().byCode(shop.member("m-1").tierCode());

      // when
      Decision decision = shop.apply(new LoyaltyEvent.OrderPaid(order));

      // then
      Tier implied = PROGRAMME.tiers().qualifyingTier(shop.ledger("m-1"), order.paidAt(), PROGRAMME.zone());
      if (implied.rank() > before.rank()) {
        TierChange change = decision.tierChange().orElseThrow();
        assertThat(change.from()).isEqualTo(before.code());
        assertThat(change.to()).isEqualTo(implied.code());
        assertThat(change.effectiveAt()).isEqualTo(order.paidAt());
        assertThat(decision.firedRules()).contains(UPGRADE);
      } else {
        assertThat(decision.tierChange()).isEmpty();
        assertThat(decision.firedRules()).doesNotContain(UPGRADE);
      }
      assertThat(Fixtures.points(decision, EntryKey.orderBase(order.id()))).isEqualTo(RulesArbitraries.floor(
          RulesArbitraries.earningBase(order, PROGRAMME).multiply(RulesArbitraries.rate(before.code()))));
    }
  }
}
