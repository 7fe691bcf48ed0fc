package org.loyaltyrules.loyalty.examples.benchmarks;

import java.util.concurrent.TimeUnit;
import org.loyaltyrules.loyalty.examples.benchmarks.naive.NaiveDrools;
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
 * Item 4 for naive Drools: per-order cost with one rule per campaign and a new session per order.
 * 10,000 rules take about a minute and a half and half a gigabyte to build with the executable
 * model (see {@link Footprint}); that build happens once, in the trial set-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class NaiveScalingBenchmark {
  /** The calendar size. */
  @Param({"10", "100", "1000", "10000"})
  public int campaigns;

  private Scenario scenario;
  private NaiveDrools naive;

  /** Builds the scenario and the naive rule base. */
  @Setup(Level.Trial)
  public void setUp() {
    scenario = Scenario.of(campaigns);
    naive = NaiveDrools.build(scenario.programme());
  }

  /**
   * @param cursor the thread's position
   * @return the points
   */
  @Benchmark
  public long naiveDrools(Cursor cursor) {
    Workload.Case c = cursor.next(scenario.cases());
    return naive.decide(c.order(), c.context());
  }
}
