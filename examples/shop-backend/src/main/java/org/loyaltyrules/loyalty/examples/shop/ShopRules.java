package org.loyaltyrules.loyalty.examples.shop;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.LoadedRules;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;
import org.loyaltyrules.loyalty.rules.Programmes;
import org.loyaltyrules.loyalty.rules.RuleDirectoryWatcher;
import org.loyaltyrules.loyalty.rules.RuleFileException;
import org.loyaltyrules.loyalty.rules.RuleFileProblem;
import org.loyaltyrules.loyalty.rules.RuleFiles;
import org.loyaltyrules.loyalty.rules.RuleSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The shop's rules: the engine every request decides with, kept on the rules directory by the
 * library's {@link RuleDirectoryWatcher}. At startup the files are loaded on the starting thread and
 * a broken rule set stops the application, as there is nothing older to serve. After that, the
 * directory poll (on Spring's scheduler, every {@code rules.poll-interval}) and
 * {@code POST /admin/rules/reload} both ask the watcher to look: files that changed and load are
 * swapped in, and requests in flight finish on the rules they started with; files that changed and
 * do not load leave the running rules in place, and the outcome lists every problem with file, line
 * and column. Unchanged files are not compiled again, so a broken file is tried once, not on every
 * poll.
 */
@Component
class ShopRules implements SchedulingConfigurer {
  private static final Logger LOG = LoggerFactory.getLogger(ShopRules.class);

  /**
   * The outcome of the last load, as {@code GET /admin/rules} shows it.
   *
   * @param reloaded whether the files tried are now serving
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
  /** Null when no directory is configured: the bundled rules never change. */
  private final RuleDirectoryWatcher watcher;
  private final Heard heard = new Heard();
  private volatile Outcome last;

  /**
   * Loads the configured rules.
   *
   * @param properties where the rules come from
   * @param clock the time reported in outcomes
   * @throws RuleFileException listing every problem, if the rules do not load
   * @throws IOException if the rules directory cannot be read
   */
  ShopRules(RulesProperties properties, Clock clock) throws IOException {
    this.properties = properties;
    this.clock = clock;
    // The directory's campaigns.csv and tiers.csv, if any, replace this programme's calendar and ladder.
    Programme programme = Programmes.taiwan(List.of());
    LoadedRules loaded = files().load(programme);
    this.engine = loaded.engine();
    this.watcher = properties.dir() == null ? null
        : new RuleDirectoryWatcher(engine, properties.dir(), properties.includeDefaults(), programme, heard);
    this.last = new Outcome(true, "startup", clock.instant(), engine.ruleBaseVersion(), "", fileNames(),
        campaigns(), null, null, List.of(), loaded.warnings());
    LOG.info("rules {} loaded from {} ({} files, {} campaigns)", engine.ruleBaseVersion(),
        properties.dir() == null ? "the bundled defaults" : properties.dir().toAbsolutePath(), fileNames().size(),
        campaigns());
    logWarnings(loaded.warnings());
  }

  /** The files the properties name, layered as the watcher layers them. */
  private RuleFiles files() throws IOException {
    if (properties.dir() == null) {
      return RuleFiles.bundled();
    }
    RuleFiles dir = RuleFiles.directory(properties.dir());
    return properties.includeDefaults() ? dir.over(RuleFiles.bundled()) : dir;
  }

  /** @return the engine every request decides with */
  LoyaltyRulesEngine engine() {
    return engine;
  }

  /** @return the outcome of the last load */
  Outcome last() {
    return last;
  }

  /** Looks at the rules directory; what the scheduler runs. */
  void poll() {
    reload("poll");
  }

  /**
   * Asks the watcher to look at the directory now: changed files are loaded and, if they load,
   * swapped in.
   *
   * @param trigger who asked, for the log and the outcome
   * @return the outcome; if nothing changed since the last look, the last outcome, which still
   *     describes the files (a rejected file stays rejected until it is saved again)
   */
  synchronized Outcome reload(String trigger) {
    if (watcher == null) {
      return last;
    }
    String previous = engine.ruleBaseVersion();
    // The watcher calls the listener on this thread, inside poll(); polls are serialised here.
    heard.clear();
    RuleDirectoryWatcher.Outcome outcome = watcher.poll();
    switch (outcome) {
      case RELOADED -> {
        last = new Outcome(true, trigger, clock.instant(), engine.ruleBaseVersion(), previous, fileNames(),
            campaigns(), null, null, List.of(), heard.warnings);
        LOG.info("rules reloaded ({}): {} -> {} ({} files, {} campaigns)", trigger, previous,
            engine.ruleBaseVersion(), fileNames().size(), campaigns());
        logWarnings(heard.warnings);
      }
      case REJECTED -> last = failed(trigger, previous, "rule-file",
          new RuleFileException(heard.problems).getMessage(), heard.problems);
      case UNREADABLE -> last = failed(trigger, previous, "rules-dir",
          "cannot read rules directory " + properties.dir().toAbsolutePath() + ": " + heard.error, List.of());
      case UNCHANGED -> {
        // nothing to do: the last outcome still describes the files
      }
    }
    return last;
  }

  private Outcome failed(String trigger, String previous, String code, String message,
      List<RuleFileProblem> problems) {
    LOG.warn("rules reload ({}) rejected; still serving {}: {}", trigger, previous, message);
    return new Outcome(false, trigger, clock.instant(), previous, previous, fileNames(), campaigns(), code, message,
        List.copyOf(problems), List.of());
  }

  /**
   * Polls the directory on Spring's scheduler every {@code rules.poll-interval}, starting one
   * interval after startup; not at all without a directory or with a zero interval.
   */
  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    Duration interval = properties.pollInterval();
    if (watcher != null && interval != null && !interval.isNegative() && !interval.isZero()) {
      registrar.addFixedDelayTask(new FixedDelayTask(this::poll, interval, interval));
    }
  }

  private List<String> fileNames() {
    return engine.ruleBase().sources().stream().map(RuleSource::name).toList();
  }

  private int campaigns() {
    return engine.programme().campaigns().size();
  }

  private static void logWarnings(List<RuleFileProblem> warnings) {
    for (RuleFileProblem warning : warnings) {
      LOG.warn("rules warning: {}", warning);
    }
  }

  /** What the watcher reported during one poll. */
  private static final class Heard implements RuleDirectoryWatcher.Listener {
    List<RuleFileProblem> warnings = List.of();
    List<RuleFileProblem> problems = List.of();
    IOException error;

    void clear() {
      warnings = List.of();
      problems = List.of();
      error = null;
    }

    @Override
    public void reloaded(String version, List<RuleFileProblem> warnings) {
      this.warnings = List.copyOf(warnings);
    }

    @Override
    public void rejected(List<RuleFileProblem> problems) {
      this.problems = List.copyOf(problems);
    }

    @Override
    public void unreadable(IOException error) {
      this.error = error;
    }
  }
}
