// Longer than 400 lines because reload, the removed-tier safeguard and the watcher callbacks share one monitor and the state it guards (last outcome, refused content); split, each part would need that lock.
package org.loyaltyrules.loyalty.examples.shop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.loyaltyrules.loyalty.TierChange;
import org.loyaltyrules.loyalty.TierLadder;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.LoadedRules;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;
import org.loyaltyrules.loyalty.rules.Programmes;
import org.loyaltyrules.loyalty.rules.RuleDirectoryWatcher;
import org.loyaltyrules.loyalty.rules.RuleFileException;
import org.loyaltyrules.loyalty.rules.RuleFileProblem;
import org.loyaltyrules.loyalty.rules.files.RuleFiles;
import org.loyaltyrules.loyalty.rules.RuleSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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
 *
 * <p><b>Tiers members hold.</b> New rules whose tier ladder ({@code tiers.csv}) no longer has a tier
 * some member holds are put back at once (code {@code tier-removed}), unless the directory's
 * {@value #TIER_MOVES} says where those members go ({@code from,to} rows, e.g. {@code gold,silver}):
 * then the members are moved, with a stored tier change each, in the same step. The refusal is not
 * retried until the rule files or {@value #TIER_MOVES} change. Between the swap and the put-back
 * (milliseconds) a request of such a member fails with a typed error and stores nothing.
 *
 * <p><b>An unreadable directory</b> is reported (code {@code rules-dir}) while it lasts; the first
 * poll that reads it again, unchanged, reports the files' last load again.
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

  /** The file of a rules directory that says where members of removed tiers go. */
  static final String TIER_MOVES = "tier-moves.csv";

  private final RulesProperties properties;
  private final Clock clock;
  private final LoyaltyRulesEngine engine;
  private final Programme programme;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  /** Null when no directory is configured: the bundled rules never change. */
  private RuleDirectoryWatcher watcher;
  private final Heard heard = new Heard();
  private volatile Outcome last;
  /** The outcome of the last load of the files (not of an unreadable directory). */
  private Outcome lastLoad;
  /** The directory's content when a reload was refused for removed tiers; null otherwise. */
  private String refusedContent;

  /**
   * Loads the configured rules.
   *
   * @param properties where the rules come from
   * @param clock the time reported in outcomes
   * @param jdbc the database, to find the tiers members hold
   * @param transactions the transactions moving members of a removed tier
   * @param meters the engine's meters, fed by the engine's listener
   * @throws RuleFileException listing every problem, if the rules do not load
   * @throws IOException if the rules directory cannot be read
   */
  @Autowired
  ShopRules(RulesProperties properties, Clock clock, JdbcTemplate jdbc, PlatformTransactionManager transactions,
      EngineMeters meters) throws IOException {
    this(properties, clock, jdbc, new TransactionTemplate(transactions), meters);
  }

  /**
   * Rules without a database, for tests: no member holds a tier, so no reload is refused for one.
   *
   * @param properties where the rules come from
   * @param clock the time reported in outcomes
   * @throws IOException if the rules directory cannot be read
   */
  ShopRules(RulesProperties properties, Clock clock) throws IOException {
    this(properties, clock, null, (TransactionTemplate) null, null);
  }

  private ShopRules(RulesProperties properties, Clock clock, JdbcTemplate jdbc, TransactionTemplate tx,
      EngineMeters meters) throws IOException {
    this.properties = properties;
    this.clock = clock;
    this.jdbc = jdbc;
    this.tx = tx;
    // The directory's campaigns.csv and tiers.csv, if any, replace this programme's calendar and ladder.
    this.programme = Programmes.taiwan(List.of());
    LoadedRules loaded = files().load(programme);
    LoyaltyRulesEngine.Builder builder = LoyaltyRulesEngine.builder(loaded.programme()).ruleBase(loaded.ruleBase());
    if (meters != null) {
      builder.listener(meters);
    }
    this.engine = builder.build();
    if (meters != null) {
      // Reloads reach the meters through the listener; the rules the engine starts with, from here.
      meters.serving(engine.ruleBaseVersion(), engine.ruleBase().ruleNames().size());
    }
    this.watcher = properties.dir() == null ? null : newWatcher();
    this.last = new Outcome(true, "startup", clock.instant(), engine.ruleBaseVersion(), "", fileNames(),
        campaigns(), null, null, List.of(), loaded.warnings());
    this.lastLoad = last;
    LOG.info("rules {} loaded from {} ({} files, {} campaigns)", engine.ruleBaseVersion(),
        properties.dir() == null ? "the bundled defaults" : properties.dir().toAbsolutePath(), fileNames().size(),
        campaigns());
    logWarnings(loaded.warnings());
  }

  private RuleDirectoryWatcher newWatcher() {
    return new RuleDirectoryWatcher(engine, properties.dir(), properties.includeDefaults(), programme, heard);
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
    if (refusedContent != null) {
      String content = content();
      if (refusedContent.equals(content)) {
        return last; // the same files and moves that were refused: nothing new to try
      }
      // A fresh watcher loads on its first poll, though the rule files alone may be as refused.
      refusedContent = null;
      watcher = newWatcher();
    }
    LoadedRules serving = new LoadedRules(engine.ruleBase(), engine.programme(), List.of());
    // The watcher calls the listener on this thread, inside poll(); polls are serialised here.
    heard.clear();
    RuleDirectoryWatcher.Outcome outcome = watcher.poll();
    switch (outcome) {
      case RELOADED -> {
        String moved;
        try {
          moved = moveMembersOfRemovedTiers(previous);
        } catch (TierMovesRefused e) {
          engine.reload(serving.ruleBase(), serving.programme()); // back to the rules that served
          refusedContent = content();
          last = failed(trigger, previous, e.code, e.getMessage(), List.of());
          lastLoad = last;
          return last;
        }
        last = new Outcome(true, trigger, clock.instant(), engine.ruleBaseVersion(), previous, fileNames(),
            campaigns(), null, moved, List.of(), heard.warnings);
        lastLoad = last;
        LOG.info("rules reloaded ({}): {} -> {} ({} files, {} campaigns){}", trigger, previous,
            engine.ruleBaseVersion(), fileNames().size(), campaigns(), moved == null ? "" : "; " + moved);
        logWarnings(heard.warnings);
      }
      case REJECTED -> {
        last = failed(trigger, previous, "rule-file", new RuleFileException(heard.problems).getMessage(),
            heard.problems);
        lastLoad = last;
      }
      case UNREADABLE -> last = failed(trigger, previous, "rules-dir",
          "cannot read rules directory " + properties.dir().toAbsolutePath() + ": " + heard.error, List.of());
      case UNCHANGED -> last = lastLoad; // readable again, or never unreadable: the last load describes the files
    }
    return last;
  }

  /** Refuses new rules whose ladder drops a tier members hold, with nowhere to move them. */
  private static final class TierMovesRefused extends Exception {
    private static final long serialVersionUID = 1L;
    final String code;

    TierMovesRefused(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  /**
   * After a swap: moves the members of tiers the new ladder lacks as {@value #TIER_MOVES} says, in
   * one transaction, or refuses.
   *
   * @return what was moved, or null if no member held a removed tier
   */
  private String moveMembersOfRemovedTiers(String previousVersion) throws TierMovesRefused {
    if (jdbc == null) {
      return null;
    }
    TierLadder ladder = engine.programme().tiers();
    Set<String> codes = Set.copyOf(ladder.codes());
    List<String> removed = jdbc.queryForList("SELECT DISTINCT tier FROM members ORDER BY tier", String.class)
        .stream().filter(t -> !codes.contains(t)).toList();
    if (removed.isEmpty()) {
      return null;
    }
    Map<String, String> moves = tierMoves();
    List<String> nowhere = new ArrayList<>();
    for (String tier : removed) {
      String to = moves.get(tier);
      if (to == null || !codes.contains(to)) {
        nowhere.add(tier);
      }
    }
    if (!nowhere.isEmpty()) {
      throw new TierMovesRefused("tier-removed", "Invalid tier ladder: tiers.csv " + nowhere
          + "; expected every tier members hold, or a row for it in " + TIER_MOVES + " (from,to) naming a tier of "
          + codes);
    }
    String version = engine.ruleBaseVersion();
    Instant now = clock.instant();
    StringBuilder report = new StringBuilder();
    tx.executeWithoutResult(status -> {
      for (String from : removed) {
        String to = moves.get(from);
        List<String> members = jdbc.queryForList("SELECT id FROM members WHERE tier = ? ORDER BY id FOR UPDATE",
            String.class, from);
        for (String member : members) {
          jdbc.update("UPDATE members SET tier = ? WHERE id = ?", to, member);
          Long seq = jdbc.queryForObject("SELECT MAX(seq) FROM tier_changes WHERE member_id = ?", Long.class, member);
          TierChange change = new TierChange(member, from, to, now, TIER_MOVES,
              "tier " + from + " removed by rules " + version + " (was " + previousVersion + "); " + TIER_MOVES
                  + " moves its members to " + to);
          jdbc.update("INSERT INTO tier_changes (member_id, seq, event_id, from_tier, to_tier, effective_at, rule_name, "
                  + "reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", member, seq == null ? 1 : seq + 1,
              "tier-move-" + version, from, to, now.atOffset(java.time.ZoneOffset.UTC), change.rule(), change.reason());
        }
        report.append(report.length() == 0 ? "" : ", ").append(members.size()).append(" member(s) moved from ")
            .append(from).append(" to ").append(to);
      }
    });
    return report.toString();
  }

  /** The directory's {@value #TIER_MOVES}: {@code from,to} rows under that header; none if absent. */
  private Map<String, String> tierMoves() throws TierMovesRefused {
    Path file = properties.dir().resolve(TIER_MOVES);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (IOException e) {
      throw new TierMovesRefused("tier-moves", "Unreadable " + TIER_MOVES + ": " + e.getMessage());
    }
    Map<String, String> moves = new LinkedHashMap<>();
    String[] lines = text.replace("\uFEFF", "").split("\r?\n", -1);
    boolean header = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] cells = line.split(",", -1);
      if (!header) {
        if (cells.length != 2 || !cells[0].strip().equals("from") || !cells[1].strip().equals("to")) {
          throw new TierMovesRefused("tier-moves", "Invalid " + TIER_MOVES + ": line " + (i + 1) + " ["
              + ApiErrors.shorten(line) + "]; expected the header from,to");
        }
        header = true;
        continue;
      }
      if (cells.length != 2 || cells[0].isBlank() || cells[1].isBlank()
          || moves.putIfAbsent(cells[0].strip(), cells[1].strip()) != null) {
        throw new TierMovesRefused("tier-moves", "Invalid " + TIER_MOVES + ": line " + (i + 1) + " ["
            + ApiErrors.shorten(line) + "]; expected from,to with each removed tier once");
      }
    }
    return moves;
  }

  /** The rule files' fingerprint and the tier moves, to tell whether a refused directory changed. */
  private String content() {
    try {
      Path moves = properties.dir().resolve(TIER_MOVES);
      return RuleFiles.fingerprint(properties.dir()) + "\n"
          + (Files.exists(moves) ? Files.readString(moves, StandardCharsets.UTF_8) : "");
    } catch (IOException e) {
      return "unreadable: " + e.getMessage();
    }
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
