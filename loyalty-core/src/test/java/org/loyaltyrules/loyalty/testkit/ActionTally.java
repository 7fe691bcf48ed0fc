package org.loyaltyrules.loyalty.testkit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Counts and times the actions a stateful property or a soak run really performs, per kind, so
 * that the number of random actions per build is measured rather than estimated from tries ×
 * chain length (a chain may end early, and shrinking runs more).
 *
 * <p>Wrap each action of an {@code ActionChain} with {@link #count} and each invariant with {@link
 * #timedCheck}; run chains with {@link #run}. The wrappers keep the actions' preconditions and
 * arbitraries, so generation and shrinking are unchanged. Times are the CPU time of the running
 * thread, so that figures taken on a shared machine are not inflated by other processes; a chain's
 * time includes jqwik generating its actions.
 *
 * <p>Thread-safe: jqwik may run properties in parallel.
 */
public final class ActionTally {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final String name;
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> checkNanos = new ConcurrentHashMap<>();
  private final LongAdder chains = new LongAdder();
  private final LongAdder chainNanos = new LongAdder();

  /** @param name what is counted, e.g. "ledger" or "engine", for reports */
  public ActionTally(String name) {
    this.name = name;
  }

  /** @return the CPU time of the current thread in nanoseconds */
  public static long cpuNanos() {
    return THREADS.getCurrentThreadCpuTime();
  }

  /** @return the same action, counted and timed under {@code kind} each time it runs */
  public <S> Action<S> count(String kind, Action<S> action) {
    counts.putIfAbsent(kind, new LongAdder());
    nanos.putIfAbsent(kind, new LongAdder());
    if (action instanceof Action.Independent<S> independent) {
      return new Action.Independent<S>() {
        @Override
        public boolean precondition(S state) {
          return independent.precondition(state);
        }

        @Override
        public Arbitrary<Transformer<S>> transformer() {
          return independent.transformer().map(t -> timed(kind, t));
        }
      };
    }
    Action.Dependent<S> dependent = (Action.Dependent<S>) action;
    return new Action.Dependent<S>() {
      @Override
      public boolean precondition(S state) {
        return dependent.precondition(state);
      }

      @Override
      public Arbitrary<Transformer<S>> transformer(S state) {
        return dependent.transformer(state).map(t -> timed(kind, t));
      }
    };
  }

  private <S> Transformer<S> timed(String kind, Transformer<S> inner) {
    if (inner.isEndOfChain() || inner == Transformer.NOOP) {
      return inner;
    }
    return Transformer.transform(inner.transformation(), state -> {
      long start = cpuNanos();
      S next = inner.apply(state);
      nanos.get(kind).add(cpuNanos() - start);
      counts.get(kind).increment();
      return next;
    });
  }

  /** @return {@code check}, timed under {@code name} (not counted as an action) */
  public <S> Consumer<S> timedCheck(String name, Consumer<S> check) {
    checkNanos.putIfAbsent(name, new LongAdder());
    return state -> {
      long start = cpuNanos();
      check.accept(state);
      checkNanos.get(name).add(cpuNanos() - start);
    };
  }

  /**
   * Runs {@code chain} and records it as one chain with its CPU time.
   *
   * @return the chain's final state
   */
  public <S> S run(ActionChain<S> chain) {
    long start = cpuNanos();
    S end = chain.run();
    chainNanos.add(cpuNanos() - start);
    chains.increment();
    return end;
  }

  /** @return actions run so far, all kinds */
  public long actions() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** @return chains run through {@link #run} so far */
  public long chains() {
    return chains.sum();
  }

  /** @return CPU seconds spent in chains run through {@link #run} */
  public double chainCpuSeconds() {
    return chainNanos.sum() / 1e9;
  }

  /** @return actions run so far per kind, sorted by kind */
  public Map<String, Long> actionsByKind() {
    Map<String, Long> result = new TreeMap<>();
    counts.forEach((kind, count) -> result.put(kind, count.sum()));
    return result;
  }

  /**
   * @return one line: actions, chains, CPU time per action all in, then per kind the count and
   *     the actions per CPU second inside the action, then the CPU time of each check
   */
  public String summary() {
    long actions = actions();
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s: %,d actions in %,d chains, %.1f s CPU (%.0f µs/action with checks);",
        name, actions, chains(), chainCpuSeconds(), actions == 0 ? 0.0 : chainNanos.sum() / 1e3 / actions));
    for (Map.Entry<String, Long> kind : actionsByKind().entrySet()) {
      long ns = nanos.get(kind.getKey()).sum();
      text.append(String.format(Locale.ROOT, " %s %,d (%,.0f/s)", kind.getKey(), kind.getValue(), ns == 0 ? 0.0 : kind.getValue() * 1e9 / ns));
    }
    new TreeMap<>(checkNanos).forEach((check, ns) -> text.append(String.format(Locale.ROOT, "; check %s %.1f s", check, ns.sum() / 1e9)));
    return text.toString();
  }
}
