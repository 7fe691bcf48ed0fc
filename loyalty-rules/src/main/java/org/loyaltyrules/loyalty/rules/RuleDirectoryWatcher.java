package org.loyaltyrules.loyalty.rules;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.internal.Checks;
import org.loyaltyrules.loyalty.rules.files.RuleFiles;
import org.loyaltyrules.loyalty.rules.trial.RuleTrial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an engine on the latest valid rules of a directory. Each {@link #poll()} hashes the
 * directory's rule, campaign and tier files; when the hash changed it loads them (off the
 * evaluation path: evaluations keep running on the current rules meanwhile) and, if they load and
 * pass the {@link RuleTrial}, swaps them in. Files that do not load, or rules that fail the trial,
 * leave the running rules in place and are reported to the listener with every problem; the same
 * broken content is not reported twice. The engine's {@link EngineListener}s hear of every reload
 * and every rejection too, files that do not load included.
 *
 * <p>{@link #start(Duration)} polls on one daemon thread; hosts with their own scheduler call
 * {@link #poll()} themselves. Polling compares content, not timestamps, so an editor that rewrites
 * a file without changing it causes no reload.
 *
 * <p>This class is thread-safe; polls are serialised.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RuleDirectoryWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RuleDirectoryWatcher.class);

  /** What one poll did. */
  public enum Outcome {
    /** The files are as they were at the last poll. */
    UNCHANGED,
    /** The files changed and loaded; the engine runs them now. */
    RELOADED,
    /** The files changed and did not load; the engine keeps the rules it had. */
    REJECTED,
    /** The directory could not be read; the engine keeps the rules it had. */
    UNREADABLE
  }

  /** Hears about reloads and rejections. Called on the polling thread. */
  public interface Listener {
    /**
     * New rules are running.
     *
     * @param version the engine's new version
     * @param warnings problems that did not block loading
     */
    void reloaded(String version, List<RuleFileProblem> warnings);

    /**
     * Changed files did not load; the previous rules keep running.
     *
     * @param problems every problem found
     */
    void rejected(List<RuleFileProblem> problems);

    /**
     * The directory could not be read; the previous rules keep running.
     *
     * @param error the cause
     */
    default void unreadable(IOException error) {}

    /**
     * The directory can be read again after {@link #unreadable}, and its files are as they were at
     * the last load: the rules that kept running describe them again. (Changed files are reported
     * through {@link #reloaded} or {@link #rejected} instead.)
     *
     * @param version the engine's version, unchanged since before the directory became unreadable
     */
    default void readableAgain(String version) {}
  }

  private final LoyaltyRulesEngine engine;
  private final Path dir;
  private final boolean overBundled;
  private final Programme programme;
  private final Listener listener;
  private final Supplier<RuleTrial> trial;
  private ScheduledExecutorService scheduler;
  private String lastFingerprint;
  /** Whether the last poll could not read the directory, so the next readable one is told. */
  private boolean unreadable;

  /**
   * Creates a watcher; nothing is read until the first poll.
   *
   * @param engine the engine to keep up to date
   * @param dir the rules directory
   * @param overBundled whether the directory's rule files layer over the bundled ones
   *     ({@link RuleFiles#over(RuleFiles)}) or make up the whole rule set
   * @param programme the programme the files run under (the directory's calendar and ladder
   *     replace its own)
   * @param listener told about every reload and rejection
   */
  public RuleDirectoryWatcher(LoyaltyRulesEngine engine, Path dir, boolean overBundled, Programme programme,
      Listener listener) {
    this(engine, dir, overBundled, programme, listener, RuleTrial::generated);
  }

  /**
   * A watcher whose reloads must also pass a trial on the host's recent events.
   *
   * @param engine the engine to keep up to date
   * @param dir the rules directory
   * @param overBundled whether the directory's rule files layer over the bundled ones
   * @param programme the programme the files run under
   * @param listener told about every reload and rejection
   * @param trial asked at each reload for the trial the new rules must pass, e.g.
   *     {@code () -> RuleTrial.generated().withSample(recentEvents())}; the generated trial alone is
   *     what the other constructor uses
   */
  public RuleDirectoryWatcher(LoyaltyRulesEngine engine, Path dir, boolean overBundled, Programme programme,
      Listener listener, Supplier<RuleTrial> trial) {
    this.engine = Checks.present("RuleDirectoryWatcher", "engine", engine);
    this.dir = Checks.present("RuleDirectoryWatcher", "dir", dir);
    this.overBundled = overBundled;
    this.programme = Checks.present("RuleDirectoryWatcher", "programme", programme);
    this.listener = Checks.present("RuleDirectoryWatcher", "listener", listener);
    this.trial = Checks.present("RuleDirectoryWatcher", "trial", trial);
  }

  /**
   * Looks at the directory once and reloads if its files changed since the last poll. The first
   * poll always loads.
   *
   * @return what happened
   */
  public synchronized Outcome poll() {
    String fingerprint;
    RuleFiles files;
    try {
      fingerprint = RuleFiles.fingerprint(dir);
      if (fingerprint.equals(lastFingerprint)) {
        if (unreadable) {
          unreadable = false;
          LOG.info("rules directory {} readable again, files unchanged; rule base {}", dir, engine.ruleBaseVersion());
          listener.readableAgain(engine.ruleBaseVersion());
        }
        return Outcome.UNCHANGED;
      }
      files = RuleFiles.directory(dir);
    } catch (IOException e) {
      LOG.warn("rules directory {} unreadable; keeping rule base {}", dir, engine.ruleBaseVersion(), e);
      unreadable = true;
      listener.unreadable(e);
      return Outcome.UNREADABLE;
    }
    unreadable = false;
    lastFingerprint = fingerprint;
    if (overBundled) {
      files = files.over(RuleFiles.bundled());
    }
    boolean reachedEngine = false;
    try {
      // Loading tries the files on the generated events; the reload tries the evaluator it swaps in,
      // with the engine's bounds and the host's sample (a generated trial that passed is not replayed).
      LoadedRules loaded = files.load(programme);
      reachedEngine = true;
      String version = engine.reload(loaded, Checks.present("RuleDirectoryWatcher", "trial", trial.get()));
      LOG.info("rules directory {} reloaded: version {}", dir, version);
      listener.reloaded(version, loaded.warnings());
      return Outcome.RELOADED;
    } catch (RuleFileException e) {
      LOG.warn("rules directory {} rejected; keeping rule base {}: {}", dir, engine.ruleBaseVersion(), e.getMessage());
      if (!reachedEngine) {
        // The engine tells its listeners of the rejections it makes itself; these files never reached it.
        engine.reloadRejectedBeforeReload(e.problems());
      }
      listener.rejected(e.problems());
      return Outcome.REJECTED;
    }
  }

  /**
   * Polls every {@code interval} on a daemon thread until {@link #close()}.
   *
   * @param interval the time between polls, at least 100 ms
   * @return this watcher
   */
  public synchronized RuleDirectoryWatcher start(Duration interval) {
    Checks.present("RuleDirectoryWatcher", "interval", interval);
    // compared as durations: toMillis() overflows for intervals of more than 292 million years
    Checks.check(interval.compareTo(Duration.ofMillis(100)) >= 0 && interval.compareTo(Duration.ofMillis(Long.MAX_VALUE)) <= 0,
        "RuleDirectoryWatcher", "interval", interval, "at least 100 ms and at most Long.MAX_VALUE ms");
    if (scheduler != null) {
      throw new IllegalStateException("watcher of " + dir + " already started");
    }
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "loyalty-rules-watcher");
      thread.setDaemon(true);
      return thread;
    });
    scheduler = executor;
    executor.scheduleWithFixedDelay(() -> pollQuietly(executor), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private synchronized void pollQuietly(ScheduledExecutorService owner) {
    // A scheduled poll that was waiting for the lock while close() ran must not run after it:
    // shutdownNow() only interrupts it, and it would still reload the engine or tell the listener.
    if (scheduler != owner) {
      return;
    }
    try {
      poll();
    } catch (RuntimeException e) {
      // A listener or I/O surprise must not kill the schedule: the next poll tries again.
      LOG.error("polling rules directory {} failed", dir, e);
    }
  }

  /** Stops polling; once it returns, no scheduled poll runs. The engine keeps the rules it has. */
  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }
}
