package org.loyaltyrules.loyalty.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.MonthDay;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;
import org.loyaltyrules.loyalty.rules.trial.RuleTrial;

/**
 * What the {@link RuleTrial} costs on the bundled rules: not a test (it asserts nothing and
 * Surefire does not run it) and not a benchmark (wall-clock figures on whatever else the machine
 * is doing, so the calling thread's CPU time is printed next to each). It prints milliseconds for
 * three cases:
 *
 * <ol>
 *   <li><b>first</b>: the first trial in a fresh JVM, right after compiling (a host's start-up);
 *   <li><b>reload</b>: a trial of a newly compiled rule base in a JVM that has served 2,000 orders
 *       on the old one (a hot reload);
 *   <li><b>warm</b>: the median of 20 trials of the same rule base (the trial remembers passes, so
 *       each of these is run on a rule base it has not seen pass: a fresh compile of the same files).
 * </ol>
 *
 * <p>Run from the repository root:
 *
 * <pre>
 * mvn -B -ntp -o -q -pl loyalty-rules test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp loyalty-rules/target/test-classes:loyalty-rules/target/classes:$(cat loyalty-rules/target/cp.txt) \
 *     org.loyaltyrules.loyalty.rules.RuleTrialCostMeasurement
 * </pre>
 */
public final class RuleTrialCostMeasurement {
  private RuleTrialCostMeasurement() {}

  public static void main(String[] args) {
    Programme plain = Programmes.taiwan(List.of());
    Programme campaigns = Programmes.taiwan(List.of(
        Campaign.multiplier("double-1111", "Double points 11/11", new BigDecimal("2"),
            CampaignSchedule.yearlyOn(MonthDay.of(11, 11))),
        Campaign.multiplier("shoes-x3", "Shoes ×3", new BigDecimal("3"), CampaignSchedule.always())
            .targeting(Set.of(), Set.of("shoes")),
        Campaign.welcomeBonus("welcome-100", "Welcome", Points.of(100), CampaignSchedule.always()),
        Campaign.firstOrderBonus("first-200", "First order", Points.of(200), CampaignSchedule.always()),
        Campaign.thresholdBonus("spend-1499", "Spend NT$1,499, get 200", Points.of(200), Money.of("1499", "TWD"),
            CampaignSchedule.always())))
        .toBuilder().pendingPeriod(Period.ofDays(7)).build();

    RuleBase defaults = RuleBase.defaults();
    long first = timed(() -> RuleTrial.generated().run(defaults, plain));
    long firstCpu = cpu;

    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(plain).ruleBase(defaults).build();
    Member member = Member.of("m-1", Instant.parse("2024-01-01T00:00:00Z"), "silver");
    for (int i = 0; i < 2_000; i++) {
      Order order = Order.of("o-" + i, "m-1", Instant.parse("2025-03-04T05:00:00Z"), Channel.POS,
          List.of(OrderLine.of("l1", "SKU-" + (i % 7), "tea", 1 + i % 3, Money.of("120", "TWD"))));
      engine.decide(new LoyaltyEvent.OrderPaid(order), DecisionContext.of(member, plain.newLedger("m-1")));
    }
    RuleBase next = recompiled();
    long reload = timed(() -> RuleTrial.generated().run(next, plain));
    long reloadCpu = cpu;

    long[] warmCpu = new long[20];
    long[] warm = new long[20];
    long[] warmCampaigns = new long[20];
    for (int i = 0; i < warm.length; i++) {
      RuleBase fresh = recompiled();
      warm[i] = timed(() -> RuleTrial.generated().run(fresh, plain));
      warmCpu[i] = cpu;
      warmCampaigns[i] = timed(() -> RuleTrial.generated().run(fresh, campaigns));
    }
    Arrays.sort(warm);
    Arrays.sort(warmCpu);
    Arrays.sort(warmCampaigns);
    System.out.printf("trial on the bundled rules, wall (thread CPU): first %d ms (%d), reload %d ms (%d),"
        + " warm median %d ms (%d); with 5 campaigns and a pending period, warm median %d ms%n",
        first, firstCpu, reload, reloadCpu, warm[warm.length / 2], warmCpu[warmCpu.length / 2],
        warmCampaigns[warmCampaigns.length / 2]);
  }

  /** The bundled files with a changed rate, so the compiled rule base is a new one. */
  private static RuleBase recompiled() {
    List<RuleSource> sources = new ArrayList<>();
    for (RuleSource source : RuleBase.defaultSources()) {
      sources.add(source.name().equals("earning.drl")
          ? new RuleSource(source.name(), source.content().replace("decisions.baseRate($line, 1, 100);",
              "decisions.baseRate($line, 2, 100);"), true)
          : source);
    }
    return RuleBase.compile(sources);
  }

  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
  private static long cpu;

  /** @return wall-clock milliseconds; {@link #cpu} gets the calling thread's CPU milliseconds */
  private static long timed(Runnable run) {
    long started = System.nanoTime();
    long cpuStarted = THREADS.getCurrentThreadCpuTime();
    run.run();
    cpu = (THREADS.getCurrentThreadCpuTime() - cpuStarted) / 1_000_000;
    return (System.nanoTime() - started) / 1_000_000;
  }
}
