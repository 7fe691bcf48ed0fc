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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Item 5: one engine shared by one and by two threads, default scenario. Throughput is the total
 * of all threads, so the ratio of the two scores is the speed-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ThreadsBenchmark {
  private Scenario scenario;

  /** Builds the default scenario. */
  @Setup(Level.Trial)
  public void setUp() {
    scenario = Scenario.of(10);
  }

  /**
   * @param cursor the thread's position
   * @return the decision
   */
  @Benchmark
  @Threads(1)
  public Decision oneThread(Cursor cursor) {
    Workload.Case c = cursor.next(scenario.cases());
    return scenario.engine().decide(c.event(), c.context());
  }

  /**
   * @param cursor the thread's position
   * @return the decision
   */
  @Benchmark
  @Threads(2)
  public Decision twoThreads(Cursor cursor) {
    Workload.Case c = cursor.next(scenario.cases());
    return scenario.engine().decide(c.event(), c.context());
  }
}
