package org.loyaltyrules.loyalty.examples.benchmarks;

import java.util.concurrent.TimeUnit;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.examples.benchmarks.naive.NaiveDrools;
import org.loyaltyrules.loyalty.rules.Programmes;
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
 * Item 4, build time of naive Drools: generate one rule per campaign and compile them with the
 * executable model. Stops at 1,000 campaigns: one build of 10,000 takes about 90 seconds, so
 * {@link Footprint} measures that one once instead of JMH measuring it four times.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class NaiveBuildBenchmark {
  /** The calendar size. */
  @Param({"10", "100", "1000"})
  public int campaigns;

  private Programme programme;

  /** Generates the calendar (not timed). */
  @Setup(Level.Trial)
  public void setUp() {
    programme = Programmes.taiwan(new Workload(Scenario.SEED).campaigns(campaigns, Scenario.CAMPAIGN_SEED));
  }

  /** @return the compiled naive programme */
  @Benchmark
  public NaiveDrools naiveDrools() {
    return NaiveDrools.build(programme);
  }
}
