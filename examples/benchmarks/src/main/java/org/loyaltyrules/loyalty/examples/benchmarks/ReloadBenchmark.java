package org.loyaltyrules.loyalty.examples.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Item 6: rebuild and swap of the default rule base in a running engine, as a merchant's publish
 * does: {@code RuleBase.compile(defaultSources)} then {@code engine.reload(ruleBase)}. Single
 * shots after warm-up shots (a process that has compiled rules before).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ReloadBenchmark {
  private LoyaltyRulesEngine engine;
  private List<RuleSource> sources;

  /** Builds the engine to reload. */
  @Setup(Level.Trial)
  public void setUp() {
    sources = RuleBase.defaultSources();
    engine = LoyaltyRulesEngine.builder(Programmes.taiwan(Workload.defaultCampaigns())).build();
  }

  /** @return the new version */
  @Benchmark
  public String rebuildAndSwap() {
    return engine.reload(RuleBase.compile(sources));
  }
}
