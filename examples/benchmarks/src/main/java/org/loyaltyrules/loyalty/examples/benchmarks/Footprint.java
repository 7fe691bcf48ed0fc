package org.loyaltyrules.loyalty.examples.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.examples.benchmarks.naive.NaiveDrools;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;
import org.loyaltyrules.loyalty.rules.Programmes;
import org.loyaltyrules.loyalty.rules.RuleBase;

/**
 * Item 4, retained heap: how much heap a built engine keeps alive, for calendars of 10 to 10,000
 * campaigns, against naive Drools with one rule per campaign.
 *
 * <p>Method: a forced-GC heap delta. {@code System.gc()} is called until the used heap stops
 * shrinking (G1 runs a full collection on it), the used heap is read from the memory pools, the
 * engine is built, collected again, and read again; the engine stays strongly reachable until
 * after the second reading. A throw-away build runs first so Drools' own class loading and static
 * caches are not charged to the first size. The campaign calendar is generated inside the
 * measured build, so the figure includes the campaigns the engine keeps. Metaspace (generated
 * classes) is reported apart, since it is not heap. Each size is measured three times and the
 * median reported, except naive builds of 5,000 rules or more (once: they take minutes). The
 * build times printed here include generating the calendar and are a cross-check only; JMH's
 * {@code BuildBenchmark} gives the build figures.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.loyaltyrules.loyalty.examples.benchmarks.Footprint
 * [--out file.json] [--sizes 10,100,1000,10000] [--naive-sizes 10,100,1000,10000]}
 */
public final class Footprint {
  private Footprint() {}

  /** One measurement. */
  private record Row(String approach, int campaigns, long heapBytes, long metaspaceBytes, long buildMillis) {}

  /**
   * @param args see the class comment
   * @throws IOException if the output cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path out = null;
    int[] sizes = {10, 100, 1_000, 10_000};
    int[] naiveSizes = {10, 100, 1_000, 10_000};
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--sizes" -> sizes = ints(args[++i]);
        case "--naive-sizes" -> naiveSizes = ints(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    List<Row> rows = new ArrayList<>();
    Workload workload = new Workload(Scenario.SEED);
    List<org.loyaltyrules.loyalty.rules.RuleSource> sources = RuleBase.defaultSources();
    // Warm-up: load Drools and fill its static caches before measuring anything.
    measure("warm-up", 10, () -> engine(sources, workload.campaigns(10, Scenario.CAMPAIGN_SEED)));
    measure("warm-up", 10, () -> NaiveDrools.build(Programmes.taiwan(workload.campaigns(10, Scenario.CAMPAIGN_SEED))));
    // The calendar is generated inside the measured build: what an engine keeps includes its campaigns.
    for (int size : sizes) {
      rows.add(median("engine", size, 3, () -> engine(sources, workload.campaigns(size, Scenario.CAMPAIGN_SEED))));
    }
    for (int size : naiveSizes) {
      // Naive builds of thousands of rules take minutes: measure those once.
      rows.add(median("naive", size, size >= 5_000 ? 1 : 3,
          () -> NaiveDrools.build(Programmes.taiwan(workload.campaigns(size, Scenario.CAMPAIGN_SEED)))));
    }
    StringBuilder json = new StringBuilder("[\n");
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      json.append(String.format(Locale.ROOT,
          "  {\"approach\": \"%s\", \"campaigns\": %d, \"retainedHeapBytes\": %d, \"metaspaceBytes\": %d, \"buildMillis\": %d}%s%n",
          r.approach(), r.campaigns(), r.heapBytes(), r.metaspaceBytes(), r.buildMillis(), i + 1 < rows.size() ? "," : ""));
    }
    json.append("]\n");
    System.out.print(json);
    if (out != null) {
      Files.writeString(out, json, StandardCharsets.UTF_8);
    }
  }

  private static LoyaltyRulesEngine engine(List<org.loyaltyrules.loyalty.rules.RuleSource> sources, List<Campaign> calendar) {
    return LoyaltyRulesEngine.builder(Programmes.taiwan(calendar)).ruleBase(RuleBase.compile(sources)).build();
  }

  private static Row median(String approach, int campaigns, int times, Supplier<Object> build) {
    List<Row> runs = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      runs.add(measure(approach, campaigns, build));
    }
    runs.sort((a, b) -> Long.compare(a.heapBytes(), b.heapBytes()));
    Row heap = runs.get(times / 2);
    runs.sort((a, b) -> Long.compare(a.buildMillis(), b.buildMillis()));
    return new Row(approach, campaigns, heap.heapBytes(), heap.metaspaceBytes(), runs.get(times / 2).buildMillis());
  }

  private static Row measure(String approach, int campaigns, Supplier<Object> build) {
    long heapBefore = settledHeap();
    long metaBefore = metaspace();
    long started = System.nanoTime();
    Object built = build.get();
    long millis = (System.nanoTime() - started) / 1_000_000;
    long heapAfter = settledHeap();
    long metaAfter = metaspace();
    java.lang.ref.Reference.reachabilityFence(built);
    Row row = new Row(approach, campaigns, heapAfter - heapBefore, metaAfter - metaBefore, millis);
    System.err.printf(Locale.ROOT, "%s %,d campaigns: retained heap %,d KB, metaspace %,d KB, built in %,d ms%n",
        approach, campaigns, row.heapBytes() / 1024, row.metaspaceBytes() / 1024, millis);
    return row;
  }

  /** Collects until the used heap stops shrinking, then returns it. */
  private static long settledHeap() {
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      long used = heapUsed();
      if (used >= last - 64 * 1024) {
        return Math.min(used, last);
      }
      last = used;
    }
    return last;
  }

  private static long heapUsed() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getUsage().getUsed();
      }
    }
    return sum;
  }

  private static long metaspace() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getName().equals("Metaspace")) {
        return pool.getUsage().getUsed();
      }
    }
    return 0;
  }

  private static int[] ints(String csv) {
    return java.util.Arrays.stream(csv.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
  }
}
