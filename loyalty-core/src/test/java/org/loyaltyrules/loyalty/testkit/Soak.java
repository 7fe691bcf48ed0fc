package org.loyaltyrules.loyalty.testkit;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.state.ActionChain;

/**
 * Runs random action chains until a number of actions is reached, outside {@code mvn verify}: the
 * soak test of a stateful property. Each chain is generated from its own seed, derived from the
 * run's seed and the chain's index, so any chain can be run again alone; a failure reports the
 * seed, the chain index, the index of the failing action and the actions up to it, with the
 * command that reruns exactly that chain.
 *
 * <p>Settings, read from system properties: {@code soak.actions} (actions of the whole soak, ledger
 * and engine, default 1,000,000), {@code soak.engineShare} (the engine's part of them, default 0.1:
 * an engine action costs about twice a ledger action), {@code soak.seed} (default: the current
 * time), {@code soak.firstChain} (index of the first chain, default 0), {@code
 * soak.progressSeconds} (default 30), {@code soak.maxMinutes} (stop after this long even if fewer
 * actions ran, for a CPU budget; the summary then says so; default: no limit).
 *
 * <p>Must run inside a jqwik example or property, whose lifecycle jqwik's generators need.
 */
public final class Soak {
  private final String name;
  private final ActionTally tally;
  private final long actions;
  private final long seed;
  private final long firstChain;
  private final long progressNanos;
  private final String rerun;
  private final long maxNanos;
  private boolean stoppedByTime;

  /**
   * @param name what is soaked, for the report
   * @param tally the tally the chains count their actions in
   * @param engine whether this is the engine's part of the soak (else the ledger's)
   * @param rerun the Maven command (without the {@code -Dsoak.*} settings) that runs this soak
   */
  public Soak(String name, ActionTally tally, boolean engine, String rerun) {
    this.name = name;
    this.tally = tally;
    long total = Long.getLong("soak.actions", 1_000_000L);
    double engineShare = Double.parseDouble(System.getProperty("soak.engineShare", "0.1"));
    this.actions = Math.max(1, Math.round(total * (engine ? engineShare : 1 - engineShare)));
    this.seed = Long.getLong("soak.seed", System.currentTimeMillis());
    this.firstChain = Long.getLong("soak.firstChain", 0L);
    this.progressNanos = Long.getLong("soak.progressSeconds", 30L) * 1_000_000_000L;
    this.rerun = rerun;
    this.maxNanos = Math.round(Double.parseDouble(System.getProperty("soak.maxMinutes", "1e9")) * 60e9);
  }

  /** @return whether the last run ended at {@code soak.maxMinutes} before reaching its actions */
  public boolean stoppedByTime() {
    return stoppedByTime;
  }

  /** @return the number of actions this part of the soak runs at least */
  public long actions() {
    return actions;
  }

  /** @return the seed of chain {@code index} of a run with seed {@code seed} (SplitMix64 of both) */
  public static long chainSeed(long seed, long index) {
    long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Runs chains until the tally has counted the configured number of actions.
   *
   * @param chains chains for chain {@code index} (e.g. alternating two configurations)
   * @param checked adds the invariants checked after every action
   * @param atEnd a check of the final state of each chain
   * @return a one-line summary of the run
   * @throws AssertionError describing the first failing chain and how to run it again
   */
  public <S> String run(LongFunction<Arbitrary<ActionChain<S>>> chains, UnaryOperator<ActionChain<S>> checked, Consumer<S> atEnd) {
    System.out.printf(Locale.ROOT, "[soak %s] %,d actions, seed %d, first chain %d%n", name, actions, seed, firstChain);
    long start = System.nanoTime();
    long lastReport = start;
    for (long index = firstChain; tally.actions() < actions; index++) {
      ActionChain<S> chain = chains.apply(index).generator(1000).next(new Random(chainSeed(seed, index))).value();
      try {
        atEnd.accept(tally.run(checked.apply(chain)));
      } catch (Throwable failure) {
        List<String> steps = chain.transformations();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
            "Soak %s failed: seed [%d], chain [%d], action [%d] of the chain (after %,d actions in all): %s%n"
                + "  run this chain alone: %s -Dsoak.seed=%d -Dsoak.firstChain=%d -Dsoak.actions=1%n  actions of the chain:",
            name, seed, index, steps.size(), tally.actions(), failure, rerun, seed, index));
        for (int i = 0; i < steps.size(); i++) {
          text.append(String.format(Locale.ROOT, "%n    %d: %s", i + 1, steps.get(i)));
        }
        throw new AssertionError(text.toString(), failure);
      }
      long now = System.nanoTime();
      if (now - start >= maxNanos && tally.actions() < actions) {
        stoppedByTime = true;
        System.out.printf(Locale.ROOT, "[soak %s] stopped by soak.maxMinutes before %,d actions%n", name, actions);
        break;
      }
      if (now - lastReport >= progressNanos) {
        lastReport = now;
        System.out.println(progress(start, now));
      }
    }
    String summary = progress(start, System.nanoTime());
    System.out.println(summary);
    System.out.println("[soak " + name + "] passed: " + tally.summary());
    return summary;
  }

  private String progress(long start, long now) {
    double seconds = (now - start) / 1e9;
    return String.format(Locale.ROOT, "[soak %s] %,d actions in %,d chains, %.0f s, %,.0f actions/s (wall), seed %d",
        name, tally.actions(), tally.chains(), seconds, tally.actions() / seconds, seed);
  }
}
