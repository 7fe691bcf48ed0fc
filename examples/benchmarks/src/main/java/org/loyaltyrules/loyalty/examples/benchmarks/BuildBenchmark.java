package org.loyaltyrules.loyalty.examples.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;
import org.loyaltyrules.loyalty.rules.Programmes;
import org.loyaltyrules.loyalty.rules.RuleBase;
import org.loyaltyrules.loyalty.rules.RuleSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Item 4, build time: from campaign data and rule text to an engine ready to decide. For the
 * engine, {@code RuleBase.compile(defaultSources)} plus building the programme (which validates
 * the calendar) and the engine (which indexes it); for naive Drools, generating one rule per
 * campaign and compiling them ({@link NaiveBuildBenchmark}). Single shots after warm-up shots, so the figures are for a JVM
 * that has compiled before (a reload), not the first build after start-up; the first shot of each
 * fork is in the raw JSON.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class BuildBenchmark {
  /** The calendar size. */
  @Param({"10", "100", "1000", "10000"})
  public int campaigns;

  private List<Campaign> calendar;
  private List<RuleSource> sources;

  /** Generates the calendar and reads the rule files (not timed). */
  @Setup(Level.Trial)
  public void setUp() {
    calendar = new Workload(Scenario.SEED).campaigns(campaigns, Scenario.CAMPAIGN_SEED);
    sources = RuleBase.defaultSources();
  }

  /** @return the engine, built from the rule text and the calendar */
  @Benchmark
  public LoyaltyRulesEngine engine() {
    RuleBase ruleBase = RuleBase.compile(sources);
    return LoyaltyRulesEngine.builder(Programmes.taiwan(calendar)).ruleBase(ruleBase).build();
  }
}
