package org.loyaltyrules.loyalty.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;

/**
 * A quick, honest look at what deciding one order costs on the bundled rules: not a test (it
 * asserts nothing and Surefire does not run it) and not a benchmark (that is JMH's job in the
 * benchmarks example). It prints nanoseconds per order after a warm-up, for a member with an empty
 * ledger and for one with 100 earlier orders on it.
 *
 * <p>Run from the repository root:
 *
 * <pre>
 * mvn -B -ntp -q -pl loyalty-rules test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp loyalty-rules/target/test-classes:loyalty-rules/target/classes:$(cat loyalty-rules/target/cp.txt) \
 *     org.loyaltyrules.loyalty.rules.OrderCostMeasurement
 * </pre>
 */
public final class OrderCostMeasurement {
  private static final int WARM_UP = 50_000;
  private static final int MEASURED = 100_000;

  private OrderCostMeasurement() {}

  public static void main(String[] args) {
    Programme programme = Programmes.taiwan(List.of(
        Campaign.multiplier("double-1111", "Double points 11/11", new BigDecimal("2"),
            CampaignSchedule.yearlyOn(MonthDay.of(11, 11))),
        Campaign.multiplier("shoes-x3", "Shoes ×3", new BigDecimal("3"), CampaignSchedule.always())
            .targeting(Set.of(), Set.of("shoes")),
        Campaign.thresholdBonus("spend-1499", "Spend NT$1,499, get 200", Points.of(200), Money.of("1499", "TWD"),
            CampaignSchedule.always())));
    long compileStart = System.nanoTime();
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(programme).build();
    long compileMs = (System.nanoTime() - compileStart) / 1_000_000;
    List<Order> orders = orders(new Random(42), 2_000);
    Member member = Member.of("m-1", Instant.parse("2024-01-01T00:00:00Z"), "silver");

    PointLedger empty = programme.newLedger("m-1");
    PointLedger history = programme.newLedger("m-1");
    for (Order order : orders(new Random(7), 100)) {
      Order earlier = new Order("h-" + order.id(), "m-1", order.paidAt().minusSeconds(86_400L * 200), order.channel(),
          order.currency(), order.lines(), order.orderDiscount(), order.shipping());
      history.appendAll(engine.decide(new LoyaltyEvent.OrderPaid(earlier), DecisionContext.of(member, history)).entries());
    }

    System.out.printf(Locale.ROOT, "rule base compiled and engine built in %d ms%n", compileMs);
    for (PointLedger ledger : List.of(empty, history)) {
      DecisionContext context = DecisionContext.of(member, ledger);
      run(engine, orders, context, WARM_UP);
      long start = System.nanoTime();
      long points = run(engine, orders, context, MEASURED);
      long elapsed = System.nanoTime() - start;
      System.out.printf(Locale.ROOT, "ledger of %3d entries: %,d orders in %,d ms: %,d ns/order (%,d points)%n",
          ledger.size(), MEASURED, elapsed / 1_000_000, elapsed / MEASURED, points);
    }
  }

  private static long run(LoyaltyRulesEngine engine, List<Order> orders, DecisionContext context, int count) {
    long points = 0;
    for (int i = 0; i < count; i++) {
      Decision decision = engine.decide(new LoyaltyEvent.OrderPaid(orders.get(i % orders.size())), context);
      points += decision.pointsFor("m-1").value();
    }
    return points;
  }

  private static List<Order> orders(Random random, int count) {
    String[] categories = {"apparel", "shoes", "tea", "gift-card"};
    Channel[] channels = {Channel.ONLINE_STORE, Channel.POS, Channel.APP};
    List<Order> orders = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<OrderLine> lines = new ArrayList<>();
      int n = 1 + random.nextInt(5);
      for (int l = 0; l < n; l++) {
        lines.add(OrderLine.of("l" + l, "SKU-" + random.nextInt(50), categories[random.nextInt(categories.length)],
            1 + random.nextInt(3), Money.of(BigDecimal.valueOf(100 + random.nextInt(300_000), 2),
                java.util.Currency.getInstance("TWD"))));
      }
      Instant paidAt = Instant.parse("2025-11-09T00:00:00Z").plusSeconds(random.nextInt(4 * 86_400));
      orders.add(Order.of("o-" + i, "m-1", paidAt, channels[random.nextInt(channels.length)], lines));
    }
    return orders;
  }
}
