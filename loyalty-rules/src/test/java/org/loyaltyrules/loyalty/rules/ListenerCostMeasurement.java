package org.loyaltyrules.loyalty.rules;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.Programme;

/**
 * A quick, honest look at what {@link EngineListener}s cost a decision: not a test (Surefire does
 * not run it) and not a benchmark (no JMH). Three engines on the same rule base decide the same
 * orders in interleaved rounds (so that machine load hits them alike): without listeners, with one
 * listener that does nothing, and with one that sums what it hears in {@link LongAdder}s as a
 * metrics bridge would. It prints nanoseconds and bytes allocated per order (the thread's allocation
 * counter from {@code com.sun.management.ThreadMXBean}), the median of the rounds.
 *
 * <p>Run from the repository root:
 *
 * <pre>
 * mvn -B -ntp -o -q -pl loyalty-rules -am test-compile
 * mvn -B -ntp -o -q -pl loyalty-rules dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp loyalty-rules/target/test-classes:loyalty-rules/target/classes:loyalty-core/target/classes:$(cat loyalty-rules/target/cp.txt) \
 *     org.loyaltyrules.loyalty.rules.ListenerCostMeasurement
 * </pre>
 */
public final class ListenerCostMeasurement {
  private static final int WARM_UP = 30_000;
  private static final int ROUNDS = 15;
  private static final int PER_ROUND = 10_000;

  private ListenerCostMeasurement() {}

  /** Sums what it hears, as a metrics bridge would. */
  private static final class Summing implements EngineListener {
    final LongAdder decisions = new LongAdder();
    final LongAdder nanos = new LongAdder();
    final LongAdder firings = new LongAdder();

    @Override
    public void decisionMade(DecisionMade made) {
      decisions.increment();
      nanos.add(made.durationNanos());
      firings.add(made.ruleFirings());
    }
  }

  public static void main(String[] args) {
    Programme programme = Programmes.taiwan(List.of());
    RuleBase rules = RuleBase.defaults();
    Summing summing = new Summing();
    List<String> names = List.of("no listener", "one no-op listener", "one summing listener");
    List<LoyaltyRulesEngine> engines = List.of(
        LoyaltyRulesEngine.builder(programme).ruleBase(rules).build(),
        LoyaltyRulesEngine.builder(programme).ruleBase(rules).listener(new EngineListener() {}).build(),
        LoyaltyRulesEngine.builder(programme).ruleBase(rules).listener(summing).build());
    List<Order> orders = orders(new Random(42), 2_000);
    Member member = Member.of("m-1", Instant.parse("2024-01-01T00:00:00Z"), "silver");
    DecisionContext context = DecisionContext.of(member, programme.newLedger("m-1"));
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();

    for (LoyaltyRulesEngine engine : engines) {
      run(engine, orders, context, WARM_UP);
    }
    long[][] nanos = new long[engines.size()][ROUNDS];
    long[][] bytes = new long[engines.size()][ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      for (int e = 0; e < engines.size(); e++) {
        long allocated = threads.getThreadAllocatedBytes(thread);
        long start = System.nanoTime();
        run(engines.get(e), orders, context, PER_ROUND);
        nanos[e][round] = (System.nanoTime() - start) / PER_ROUND;
        bytes[e][round] = (threads.getThreadAllocatedBytes(thread) - allocated) / PER_ROUND;
      }
    }
    System.out.printf(Locale.ROOT, "%d rounds of %,d orders each, after %,d warm-up orders per engine%n", ROUNDS,
        PER_ROUND, WARM_UP);
    for (int e = 0; e < engines.size(); e++) {
      System.out.printf(Locale.ROOT, "%-22s median %,6d ns/order, %,7d bytes/order (rounds: %,d–%,d ns)%n",
          names.get(e), median(nanos[e]), median(bytes[e]), min(nanos[e]), max(nanos[e]));
    }
    System.out.printf(Locale.ROOT, "(the summing listener heard %,d decisions)%n", summing.decisions.sum());
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static long min(long[] values) {
    return java.util.Arrays.stream(values).min().orElseThrow();
  }

  private static long max(long[] values) {
    return java.util.Arrays.stream(values).max().orElseThrow();
  }

  private static long run(LoyaltyRulesEngine engine, List<Order> orders, DecisionContext context, int count) {
    long points = 0;
    for (int i = 0; i < count; i++) {
      points += engine.decide(new LoyaltyEvent.OrderPaid(orders.get(i % orders.size())), context).entries().size();
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
