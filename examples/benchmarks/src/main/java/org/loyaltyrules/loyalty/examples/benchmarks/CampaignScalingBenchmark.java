package org.loyaltyrules.loyalty.examples.benchmarks;

import java.util.concurrent.TimeUnit;
import org.loyaltyrules.loyalty.Decision;
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
 * Item 4, per-order cost: the engine (campaigns as data) and the hand-written programme against
 * calendars of 10 to 10,000 campaigns. The naive one-rule-per-campaign cost is in
 * {@link NaiveScalingBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class CampaignScalingBenchmark {
  /** The calendar size. */
  @Param({"10", "100", "1000", "10000"})
  public int campaigns;

  private Scenario scenario;

  /** Builds the scenario. */
  @Setup(Level.Trial)
  public void setUp() {
    scenario = Scenario.of(campaigns);
  }

  /**
   * @param cursor the thread's position
   * @return the decision
   */
  @Benchmark
  public Decision engine(Cursor cursor) {
    Workload.Case c = cursor.next(scenario.cases());
    return scenario.engine().decide(c.event(), c.context());
  }

  /**
   * @param cursor the thread's position
   * @return the decision
   */
  @Benchmark
  public Decision handWritten(Cursor cursor) {
    Workload.Case c = cursor.next(scenario.cases());
    return scenario.handWritten().decide(c.order(), c.context());
  }
}
