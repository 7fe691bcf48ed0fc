package org.loyaltyrules.loyalty.examples.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import org.loyaltyrules.loyalty.examples.benchmarks.naive.NaiveDrools;

/**
 * A cross-check of the JMH figures for a shared, busy machine: CPU time per order of the benchmark
 * thread, read from {@link ThreadMXBean#getCurrentThreadCpuTime()}, so time the thread spends
 * waiting for a core while other processes run is not counted. Wall-clock JMH figures on a loaded
 * two-core machine mix in that waiting; CPU time does not (caches and memory bandwidth are still
 * shared, so it is not a perfect substitute for a quiet machine).
 *
 * <p>For each subject: warm up for {@code --warmup} seconds, then time {@code --rounds} rounds of
 * all 4,096 orders and report the median and the best round in µs of CPU per order, plus the
 * garbage-collection time the JVM reported during the rounds, and the bytes the thread allocated
 * per order (from {@code com.sun.management.ThreadMXBean}; unlike time, not inflated by other
 * processes, so it compares builds on a busy machine).
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.loyaltyrules.loyalty.examples.benchmarks.CpuTimeProbe
 * [--campaigns 10,10000] [--warmup 20] [--rounds 7] [--naive]}; {@code --naive} adds naive Drools for
 * calendars of up to 1,000 campaigns (beyond, one round of 4,096 orders takes minutes).
 */
public final class CpuTimeProbe {
  private CpuTimeProbe() {}

  /**
   * @param args see the class comment
   */
  public static void main(String[] args) {
    int[] sizes = {10};
    int warmupSeconds = 20;
    int rounds = 7;
    boolean naive = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--campaigns" -> sizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--warmup" -> warmupSeconds = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--naive" -> naive = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (!threads.isCurrentThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot read thread CPU time");
    }
    for (int size : sizes) {
      Scenario scenario = Scenario.of(size);
      List<Subject> subjects = new ArrayList<>();
      subjects.add(new Subject("engine", c -> scenario.engine().decide(c.event(), c.context()).entries().size()));
      subjects.add(new Subject("handWritten", c -> scenario.handWritten().decide(c.order(), c.context()).entries().size()));
      if (naive && size <= 1_000) {
        NaiveDrools base = NaiveDrools.build(scenario.programme());
        subjects.add(new Subject("naiveDrools", c -> base.decide(c.order(), c.context())));
      }
      for (Subject subject : subjects) {
        run(threads, scenario.cases(), subject, size, warmupSeconds, rounds);
      }
    }
  }

  private record Subject(String name, ToLongFunction<Workload.Case> decide) {}

  private static long sink;

  private static void run(ThreadMXBean threads, Workload.Case[] cases, Subject subject, int size, int warmupSeconds,
      int rounds) {
    long until = System.nanoTime() + warmupSeconds * 1_000_000_000L;
    while (System.nanoTime() < until) {
      for (Workload.Case c : cases) {
        sink += subject.decide().applyAsLong(c);
      }
    }
    double[] perOrder = new double[rounds];
    double[] wallPerOrder = new double[rounds];
    long gcBefore = gcMillis();
    long allocBefore = allocatedBytes(threads);
    for (int r = 0; r < rounds; r++) {
      long cpu = threads.getCurrentThreadCpuTime();
      long wall = System.nanoTime();
      for (Workload.Case c : cases) {
        sink += subject.decide().applyAsLong(c);
      }
      perOrder[r] = (threads.getCurrentThreadCpuTime() - cpu) / 1_000.0 / cases.length;
      wallPerOrder[r] = (System.nanoTime() - wall) / 1_000.0 / cases.length;
    }
    long gc = gcMillis() - gcBefore;
    double bytesPerOrder = (allocatedBytes(threads) - allocBefore) / (double) ((long) rounds * cases.length);
    double[] sorted = perOrder.clone();
    Arrays.sort(sorted);
    double[] wallSorted = wallPerOrder.clone();
    Arrays.sort(wallSorted);
    System.out.printf(Locale.ROOT,
        "{\"subject\": \"%s\", \"campaigns\": %d, \"cpuMicrosPerOrderMedian\": %.3f, \"cpuMicrosPerOrderBest\": %.3f,"
            + " \"wallMicrosPerOrderMedian\": %.3f, \"gcMillisDuringRounds\": %d, \"bytesPerOrder\": %.0f,"
            + " \"orders\": %d}%n",
        subject.name(), size, sorted[rounds / 2], sorted[0], wallSorted[rounds / 2], gc, bytesPerOrder,
        (long) rounds * cases.length);
  }

  /** @return bytes this thread allocated so far, or 0 where the JVM cannot tell */
  private static long allocatedBytes(ThreadMXBean threads) {
    if (threads instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()) {
      return sun.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
    return 0;
  }

  private static long gcMillis() {
    long sum = 0;
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, gc.getCollectionTime());
    }
    return sum;
  }
}
