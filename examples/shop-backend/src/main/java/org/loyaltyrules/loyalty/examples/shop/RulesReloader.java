package org.loyaltyrules.loyalty.examples.shop;

import jakarta.annotation.PreDestroy;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;
import org.loyaltyrules.loyalty.rules.RuleFileException;
import org.loyaltyrules.loyalty.rules.RuleFileProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Owns the engine and swaps its rules without a restart. A reload compiles the directory's files
 * into a new rule base first, on the caller's thread (the admin request or the poller, never an order
 * request), and only then swaps it in with {@link LoyaltyRulesEngine#reload}; if compiling fails, the
 * engine keeps serving the rules it had and the failure is reported with every problem's file, line
 * and column. Requests in flight finish on the rules they started with.
 */
@Component
class RulesReloader {
  private static final Logger LOG = LoggerFactory.getLogger(RulesReloader.class);

  /**
   * The outcome of one reload attempt.
   *
   * @param reloaded whether new rules are now serving
   * @param trigger what asked for it ({@code startup}, {@code admin}, {@code poll})
   * @param at when it finished
   * @param version the version serving after the attempt
   * @param previousVersion the version serving before it
   * @param files the rule files of the serving rule set
   * @param campaigns the number of campaigns of the serving programme
   * @param code the failure's code, if it failed
   * @param message the failure's message, if it failed
   * @param problems every problem found, if it failed
   * @param warnings problems that did not block loading
   */
  record Outcome(
      boolean reloaded,
      String trigger,
      Instant at,
      String version,
      String previousVersion,
      List<String> files,
      int campaigns,
      String code,
      String message,
      List<RuleFileProblem> problems,
      List<RuleFileProblem> warnings) {}

  private final RulesProperties properties;
  private final Clock clock;
  private final LoyaltyRulesEngine engine;
  private final ScheduledExecutorService poller;

  private volatile Outcome last;
  private volatile RuleDirectory.Loaded serving;
  /** The fingerprint of the files last tried, good or bad, so a broken file is compiled once, not every poll. */
  private volatile String lastTried;

  RulesReloader(RulesProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
    // A broken rule set at startup stops the application: there is nothing older to keep serving.
    RuleDirectory.Loaded loaded = RuleDirectory.load(properties.dir(), properties.includeDefaults());
    this.engine = LoyaltyRulesEngine.builder(loaded.programme()).ruleBase(loaded.ruleBase()).build();
    this.serving = loaded;
    this.lastTried = loaded.fingerprint();
    this.last = new Outcome(true, "startup", clock.instant(), engine.ruleBaseVersion(), "", loaded.files(),
        loaded.campaigns(), null, null, List.of(), loaded.warnings());
    LOG.info("rules {} loaded from {} ({} files, {} campaigns)", engine.ruleBaseVersion(), source(), loaded.files().size(),
        loaded.campaigns());
    logWarnings(loaded.warnings());
    if (properties.dir() != null && properties.pollInterval() != null && !properties.pollInterval().isZero()) {
      long millis = properties.pollInterval().toMillis();
      poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "rules-poll");
        thread.setDaemon(true);
        return thread;
      });
      poller.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
    } else {
      poller = null;
    }
  }

  /** @return the engine every request decides with */
  LoyaltyRulesEngine engine() {
    return engine;
  }

  /** @return the outcome of the last reload attempt */
  Outcome last() {
    return last;
  }

  /**
   * Compiles the rules directory and, if it compiles, swaps it in.
   *
   * @param trigger who asked, for the log and the outcome
   * @return the outcome; on failure the old rules keep serving
   */
  synchronized Outcome reload(String trigger) {
    String previous = engine.ruleBaseVersion();
    RuleDirectory.Loaded old = serving;
    Outcome outcome;
    try {
      lastTried = RuleDirectory.fingerprint(properties.dir());
      RuleDirectory.Loaded loaded = RuleDirectory.load(properties.dir(), properties.includeDefaults());
      String version = engine.reload(loaded.ruleBase(), loaded.programme());
      serving = loaded;
      outcome = new Outcome(true, trigger, clock.instant(), version, previous, loaded.files(), loaded.campaigns(),
          null, null, List.of(), loaded.warnings());
      LOG.info("rules reloaded ({}): {} -> {} ({} files, {} campaigns)", trigger, previous, version,
          loaded.files().size(), loaded.campaigns());
      logWarnings(loaded.warnings());
    } catch (RuleFileException e) {
      outcome = failed(trigger, previous, old, e.code(), e.getMessage(), e.problems());
    } catch (LoyaltyException e) {
      outcome = failed(trigger, previous, old, e.code(), e.getMessage(), List.of());
    } catch (UncheckedIOException e) {
      outcome = failed(trigger, previous, old, "rules-dir", e.getMessage() + ": " + e.getCause().getMessage(), List.of());
    }
    last = outcome;
    return outcome;
  }

  private Outcome failed(String trigger, String previous, RuleDirectory.Loaded old, String code, String message,
      List<RuleFileProblem> problems) {
    LOG.warn("rules reload ({}) rejected; still serving {}: {}", trigger, previous, message);
    return new Outcome(false, trigger, clock.instant(), previous, previous, old.files(), old.campaigns(), code, message,
        List.copyOf(problems), List.of());
  }

  private void poll() {
    try {
      if (!Objects.equals(RuleDirectory.fingerprint(properties.dir()), lastTried)) {
        reload("poll");
      }
    } catch (RuntimeException e) {
      // The poller must outlive a vanished directory or an unreadable file; the next poll tries again.
      LOG.warn("rules poll failed; still serving {}: {}", engine.ruleBaseVersion(), e.toString());
    }
  }

  private String source() {
    return properties.dir() == null ? "the bundled defaults" : properties.dir().toAbsolutePath().toString();
  }

  private static void logWarnings(List<RuleFileProblem> warnings) {
    for (RuleFileProblem warning : warnings) {
      LOG.warn("rules warning: {}", warning);
    }
  }

  @PreDestroy
  void stop() {
    if (poller != null) {
      poller.shutdownNow();
    }
  }
}
