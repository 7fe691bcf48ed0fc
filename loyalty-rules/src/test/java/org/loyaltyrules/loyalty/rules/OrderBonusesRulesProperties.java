package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;

/** Properties of {@code order-bonuses.drl}. */
class OrderBonusesRulesProperties {
  private static final String FIRST_ORDER = "order-bonuses: first order";
  private static final String THRESHOLD = "order-bonuses: order reaches the spend threshold";
  // Without tier-progress notices: the notices this class checks are the bonuses' own.
  private static final Programme PROGRAMME = Fixtures.withoutTierProgress(Fixtures.taiwan(
      Fixtures.bonus("first-order", CampaignKind.FIRST_ORDER_BONUS, 100, CampaignSchedule.always(), null),
      Fixtures.bonus("spend-1499", CampaignKind.THRESHOLD_BONUS, 200, CampaignSchedule.always(), "1499")));
  private static final LoyaltyRulesEngine ENGINE = Fixtures.engine(PROGRAMME);
  private static final Instant DAY = taipei("2025-03-05T12:00");

  /** Orders whose earning base is often within NT$150 of NT$1,499, and general orders. */
  @Provide
  Arbitrary<Order> orders() {
    Arbitrary<Order> near = Combinators.combine(Arbitraries.longs().between(135_000, 165_000), Arbitraries.of(true, false),
            Arbitraries.of(0L, 0L, 100L, 5_000L))
        .as((cents, giftCard, discount) -> {
          List<OrderLine> lines = new ArrayList<>();
          lines.add(new OrderLine("l-a", "SKU-1", "apparel", 1, RulesArbitraries.minor(cents), RulesArbitraries.minor(0)));
          if (giftCard) {
            lines.add(Fixtures.line("l-b", "GC-1", "gift-card", 1, "500"));
          }
          return new Order("o-1", "m-1", DAY, Channel.ONLINE_STORE, Fixtures.TWD, lines, RulesArbitraries.minor(discount),
              RulesArbitraries.minor(0));
        });
    return Arbitraries.frequencyOf(Tuple.of(1, near),
        Tuple.of(1, RulesArbitraries.orders("o-1", "m-1", Arbitraries.just(DAY), 5)));
  }

  @Property(tries = 300)
  void thresholdBonusIsPaidExactlyWhenTheEarningBaseReachesTheThreshold(@ForAll("orders") Order order) {
    // given
    Shop shop = new Shop(ENGINE).withoutInvariantChecks();
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    shop.apply(new LoyaltyEvent.OrderPaid(Fixtures.order("o-0", "m-1", DAY.minusSeconds(60), "100")));
    BigDecimal base = RulesArbitraries.earningBase(order, PROGRAMME);
    boolean reaches = base.compareTo(new BigDecimal("1499")) >= 0;

    // when
    Decision decision = shop.apply(new LoyaltyEvent.OrderPaid(order));

    // then
    assertThat(decision.firedRules().contains(THRESHOLD)).isEqualTo(reaches);
    assertThat(decision.entries().stream().filter(e -> e.key().equals(EntryKey.orderBonus("o-1", "spend-1499").text()))
        .mapToLong(e -> e.points().value()).sum()).isEqualTo(reaches ? 200 : 0);
    Money earning = Money.of(base, Fixtures.TWD);
    assertThat(decision.notices()).isEqualTo(reaches ? List.of() : List.of("near miss: order " + earning
        + " is below the TWD 1499.00 threshold of \"Campaign spend-1499\" ("
        + Fixtures.twd("1499").minus(earning) + " short)"));
  }

  @Provide
  Arbitrary<List<Order>> histories() {
    Arbitrary<Order> giftCardOnly = Arbitraries.longs().between(0, 100_000)
        .map(cents -> Order.of("x", "m-1", DAY, Channel.ONLINE_STORE,
            List.of(new OrderLine("l-a", "GC-1", "gift-card", 1, RulesArbitraries.minor(cents), RulesArbitraries.minor(0)))));
    Arbitrary<Order> any = Arbitraries.frequencyOf(Tuple.of(1, giftCardOnly),
        Tuple.of(2, RulesArbitraries.orders("x", "m-1", Arbitraries.just(DAY), 3)));
    return any.list().ofMinSize(1).ofMaxSize(4).map(orders -> {
      List<Order> renamed = new ArrayList<>();
      for (int i = 0; i < orders.size(); i++) {
        Order o = orders.get(i);
        renamed.add(new Order("o-" + i, "m-1", DAY.plusSeconds(60L * i), o.channel(), o.currency(), o.lines(),
            o.orderDiscount(), o.shipping()));
      }
      return renamed;
    });
  }

  @Property(tries = 200)
  void firstOrderBonusIsPaidOnceOnTheFirstOrderWithQualifyingSpend(@ForAll("histories") List<Order> orders) {
    // given
    Shop shop = new Shop(ENGINE).withoutInvariantChecks();
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    int expectedFirst = -1;
    for (int i = 0; i < orders.size() && expectedFirst < 0; i++) {
      if (RulesArbitraries.earningBase(orders.get(i), PROGRAMME).signum() > 0) {
        expectedFirst = i;
      }
    }

    // when
    List<Decision> decisions = new ArrayList<>();
    for (Order order : orders) {
      decisions.add(shop.apply(new LoyaltyEvent.OrderPaid(order)));
    }

    // then
    for (int i = 0; i < orders.size(); i++) {
      Decision d = decisions.get(i);
      String key = EntryKey.orderBonus("o-" + i, "first-order").text();
      boolean paid = d.entries().stream().anyMatch(e -> e.key().equals(key));
      assertThat(paid).as("order %d", i).isEqualTo(i == expectedFirst);
      assertThat(d.firedRules().contains(FIRST_ORDER)).as("order %d", i).isEqualTo(i == expectedFirst);
    }
  }

  @Property(tries = 300)
  void bonusIsSpreadOverTheEarningLinesInProportionToTheirNet(@ForAll("orders") Order order) {
    // given
    Shop shop = new Shop(ENGINE).withoutInvariantChecks();
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    BigDecimal base = RulesArbitraries.earningBase(order, PROGRAMME);
    Map<String, Money> nets = order.netAfterOrderDiscount();

    // when
    Decision decision = shop.apply(new LoyaltyEvent.OrderPaid(order));

    // then: every share is within one point of its exact proportion, and the shares add up
    for (LedgerEntry entry : decision.entries()) {
      if (!(EntryKey.parse(entry.key()) instanceof EntryKey.OrderBonus) || base.signum() == 0) {
        continue;
      }
      LedgerEntry.Earned bonus = (LedgerEntry.Earned) entry;
      long sum = 0;
      for (LineShare share : bonus.lines()) {
        BigDecimal exact = BigDecimal.valueOf(bonus.points().value()).multiply(nets.get(share.lineId()).amount())
            .divide(base, 6, java.math.RoundingMode.HALF_EVEN);
        assertThat(BigDecimal.valueOf(share.points().value()).subtract(exact).abs()).isLessThan(BigDecimal.ONE);
        sum += share.points().value();
      }
      assertThat(sum).isEqualTo(bonus.points().value());
    }
  }
}
