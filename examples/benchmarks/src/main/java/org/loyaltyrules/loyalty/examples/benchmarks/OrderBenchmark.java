package org.loyaltyrules.loyalty.examples.benchmarks;

import java.util.concurrent.TimeUnit;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.examples.benchmarks.naive.NaiveDrools;
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
 * Items 1–3: one paid order of the default scenario (10 campaigns, a double-points day among them)
 * decided by the engine on the default rule base, by the same programme written by hand, and by
 * naive Drools (one rule per campaign, a new session from the container per order). Throughput
 * and sample-time latency, in the same JVM run.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class OrderBenchmark {
  private Scenario scenario;
  private NaiveDrools naive;

  /** Builds the default scenario and the naive rule base. */
  @Setup(Level.Trial)
  public void setUp() {
    scenario = Scenario.of(10);
    naive = NaiveDrools.build(scenario.programme());
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
