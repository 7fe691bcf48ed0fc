package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.files.RuleFiles;
import org.loyaltyrules.loyalty.rules.testkit.MerchantHost;
import org.loyaltyrules.loyalty.testkit.LedgerInvariants;
import org.opentest4j.AssertionFailedError;

/**
 * The end-to-end hostile corpus: every rule file under {@code hostile/<technique>/} is loaded as a
 * merchant file over the bundled rules, exactly as a shop backend loads it
 * ({@code RuleFiles.of(List.of(RuleSource.of(name, text))).over(RuleFiles.bundled()).load(programme)};
 * a file that is not valid UTF-8 goes through {@link RuleFiles#directory}, the only way such bytes
 * reach the library). {@code hostile-corpus.csv} says, per file, what must happen:
 *
 * <ul>
 *   <li>{@code rejected,<code>,<file>,<line>,<column>}: the load throws {@link RuleFileException},
 *       and its <em>first error</em> (errors in {@link RuleFileProblem#ORDER}, ties broken by code)
 *       has exactly this code, file, line and column;
 *   <li>{@code threw,<class>}: the load throws this {@link LoyaltyException} (only typed exceptions
 *       can be expected; anything else is a failure whatever the row says);
 *   <li>{@code accepted}: the load succeeds; an engine is then built on the bundled rules and
 *       {@linkplain LoyaltyRulesEngine#reload(LoadedRules) reloaded} with the loaded ones, and a fixed
 *       battery of events ({@link #battery()}: enrolments, orders of 1, 3, 12 and 40 lines on every
 *       channel, a double-points day, partial and whole returns, a redemption and its cancellation, an
 *       early release, an expiry run and tier reviews, for three members on three tiers linked by
 *       referrals) is decided and appended by a {@link MerchantHost}. Every decide must return a
 *       {@link Decision} or throw a typed {@link LoyaltyException} (a {@link RuleEvaluationException}
 *       when a rule misbehaves), never any other {@link Throwable}; no entry and no member's net in
 *       one decision may exceed {@value #MAX_POINTS} points in absolute value, and the member's net
 *       reported by {@link Decision#pointsFor} must be the exact sum of the entries; a tier change must
 *       name a tier of the ladder; no decide may take more than {@value #MAX_DECIDE_MILLIS} ms; notices
 *       stay within {@value #MAX_NOTICES} and {@value #MAX_NOTICE_CHARS} characters, entry keys within
 *       {@value #MAX_KEY_CHARS} characters and free of control characters, explanations within {@value
 *       #MAX_REASON_CHARS} characters; every touched ledger keeps {@link LedgerInvariants}.
 * </ul>
 *
 * <p>For every file, rejected or accepted, a <b>side-effect watch</b> surrounds the load and the
 * evaluation, comparing snapshots taken before and after: the live threads (a thread that was not
 * there before and is still alive, other than the harness's own timed runner and the JDK's common
 * fork-join pool), the system properties, the environment, the default locale and time zone,
 * {@code System.in/out/err}, the context class loader, the default uncaught-exception handler, the
 * security providers, child processes, {@link HostileCanary}'s static field and counter, the
 * working directory's entries (names, sizes, modification times), the canary file {@value
 * HostileCanary#CANARY_FILE} (content hash) and its folder, the open file descriptors of this process
 * (Linux {@code /proc/self/fd}: new sockets, pipes, inotify or epoll handles, files other than jars),
 * connections to the loopback {@link ServerSocket} canary on port {@value HostileCanary#PORT}, the
 * interrupt flag of the evaluating thread, and new entries in {@code java.io.tmpdir}. The temporary
 * directory is shared with every other process of the machine, so a new entry there is attributed to
 * the rule file only when its name shares a word of three or more letters with the file's text (a
 * rule can only name a file with text it contains); other new entries are printed as noise.
 *
 * <p>What the watch cannot see: a {@code SecurityManager} is unavailable on JDK 24+ and is not used.
 * Process exit is detected without a watch: a rule that ends the JVM ends this test run with it
 * (Surefire reports the forked VM as crashed), which fails the build. Shutdown hooks, JNI and JIT state
 * and connections to other hosts are not observed (a connection that is still open shows as a new
 * socket descriptor).
 *
 * <p><b>Bounded work.</b> Each file's load and battery run under {@link
 * org.junit.jupiter.api.Assertions#assertTimeoutPreemptively} with a budget of 60 s (system property
 * {@code hostile.timeout.seconds}), so a hang is a failure, not a stuck build. Memory is bounded the
 * same way by a watchdog ({@link Watch}): a file that keeps most of the heap alive after a full
 * collection is stopped before an {@link OutOfMemoryError} hits another thread (the test runner's)
 * and ends the whole run. Code that does not react to interruption keeps running after a timeout; on
 * JDKs that still support it (up to 19) the runaway thread is stopped with {@code Thread.stop}, on
 * newer JDKs it is left running and the report says so (and a file that exhausts the heap may then
 * end the run). Every {@link Throwable} of the load or the battery, {@link OutOfMemoryError}
 * included, is caught inside the timed block and reported as a failure of that file, so one file's
 * error does not abort the run.
 *
 * <p><b>Reviewing outcomes.</b> The expectations are committed data; nothing here derives them from
 * what happens. Other changes (a stricter grammar, typed runtime checks, a trial run before a load
 * is accepted) change the right expectations: run with {@code -Dhostile.print=true} to print the
 * actual outcome of every file in the csv's own format, with the findings as comments (also written
 * to {@code target/hostile-corpus-actual.csv}), review them and update the csv. {@code
 * -Dhostile.only=<regex>} runs only the files whose path matches.
 */
class HostileCorpusTest {
  static final String CORPUS = "org/loyaltyrules/loyalty/rules/hostile";
  static final String CSV = "org/loyaltyrules/loyalty/rules/hostile-corpus.csv";

  /** The techniques, one folder each. */
  static final List<String> TECHNIQUES = List.of("load-time-codegen", "name-scoping", "property-paths",
      "string-escape", "forged-facts", "numeric-extremes", "cpu", "memory-join", "drools-constructs",
      "parser-confusion", "file-level");

  /** The corpus must not shrink below this many files. */
  static final int MIN_FILES = 110;

  /** No entry, and no member's net in one decision, may exceed this in absolute value. */
  static final long MAX_POINTS = 10_000_000L;

  /** The most notices one decision may carry (the engine's default output bound). */
  static final int MAX_NOTICES = 10_000;

  /** The most characters all notices of one decision may hold together. */
  static final long MAX_NOTICE_CHARS = 1_000_000L;

  /** The longest one decide may take (the bundled rules take milliseconds for the largest order). */
  static final long MAX_DECIDE_MILLIS = 5_000;

  /** The longest ledger entry key; keys must also be free of control characters. */
  static final int MAX_KEY_CHARS = 200;

  /** The longest explanation (provenance reason) of one ledger entry. */
  static final int MAX_REASON_CHARS = 10_000;

  static final Duration BUDGET = Duration.ofSeconds(Long.getLong("hostile.timeout.seconds", 60));
  static final boolean PRINT = Boolean.getBoolean("hostile.print");
  static final Pattern ONLY = Pattern.compile(System.getProperty("hostile.only", ".*"));

  static final Instant ENROLLED = taipei("2024-12-01T09:00");
  static final Programme PROGRAMME = Programmes.taiwan(List.of(
      Campaign.multiplier("double-11", "Double points on 11.11", new BigDecimal("2"),
          CampaignSchedule.on(LocalDate.of(2025, 11, 11))),
      Campaign.multiplier("coffee-x3", "Triple points on coffee", new BigDecimal("3"), CampaignSchedule.always())
          .targeting(Set.of(), Set.of("coffee")),
      Campaign.welcomeBonus("welcome-100", "Welcome bonus", Points.of(100), CampaignSchedule.always()),
      Campaign.firstOrderBonus("first-order-50", "First order bonus", Points.of(50), CampaignSchedule.always()),
      Campaign.thresholdBonus("basket-1499", "Big basket bonus", Points.of(200), Money.of("1499", "TWD"),
          CampaignSchedule.always())));

  /** Actual outcomes of the files run, by path, as csv rows and comment lines. */
  private static final Map<String, String> ACTUAL = new ConcurrentSkipListMap<>();
  private static final List<String> NOISE = Collections.synchronizedList(new ArrayList<>());

  private static Watch watch;

  // ---- the corpus ---------------------------------------------------------------------------------

  /** One row of hostile-corpus.csv. */
  record Expectation(String path, String outcome, String code, String file, int line, int column) {
    static Expectation parse(String row) {
      String[] cells = row.split(",", -1);
      if (cells.length != 6) {
        throw new IllegalArgumentException("hostile-corpus.csv row [" + row
            + "]; expected path,outcome,code,file,line,column");
      }
      boolean rejected = cells[1].equals("rejected");
      if (!rejected && !cells[1].equals("accepted") && !cells[1].equals("threw")) {
        throw new IllegalArgumentException("hostile-corpus.csv row [" + row + "]; expected accepted, rejected or threw");
      }
      return new Expectation(cells[0], cells[1], cells[2], cells[3], rejected ? Integer.parseInt(cells[4]) : 0,
          rejected ? Integer.parseInt(cells[5]) : 0);
    }

    String row() {
      return switch (outcome) {
        case "accepted" -> path + ",accepted,,,,";
        case "threw" -> path + ",threw," + code + ",,,";
        default -> path + ",rejected," + code + "," + file + "," + line + "," + column;
      };
    }
  }

  static List<Expectation> expectations() {
    List<Expectation> rows = new ArrayList<>();
    for (String line : read(resource(CSV)).lines().toList()) {
      if (line.isBlank() || line.startsWith("#") || line.startsWith("path,")) {
        continue;
      }
      rows.add(Expectation.parse(line.strip()));
    }
    return rows;
  }

  /** @return the corpus files by path relative to {@code hostile/}, e.g. {@code cpu/regex-backtracking.drl} */
  static Map<String, Path> corpusFiles() {
    Path root = resource(CORPUS);
    try (Stream<Path> walk = Files.walk(root)) {
      Map<String, Path> files = new TreeMap<>();
      // Test classes of the package org.loyaltyrules.loyalty.rules.hostile compile into the same folder.
      walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".class")).forEach(p -> files.put(root.relativize(p).toString().replace('\\', '/'), p));
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void corpus_everyFileHasOneExpectation_aTechniqueFolder_andAHeaderComment() throws IOException {
    Map<String, Path> files = corpusFiles();
    List<Expectation> rows = expectations();
    List<String> rowPaths = rows.stream().map(Expectation::path).toList();

    assertThat(files).as("corpus files").hasSizeGreaterThanOrEqualTo(MIN_FILES);
    assertThat(rowPaths).as("rows of hostile-corpus.csv").doesNotHaveDuplicates();
    assertThat(rowPaths).as("every row names a corpus file").containsExactlyInAnyOrderElementsOf(files.keySet());
    Map<String, Long> names = files.keySet().stream()
        .collect(Collectors.groupingBy(HostileCorpusTest::fileName, Collectors.counting()));
    assertThat(names).as("file names are unique across techniques (the csv's file column names them)")
        .allSatisfy((name, count) -> assertThat(count).as(name).isEqualTo(1L));
    for (Map.Entry<String, Path> file : files.entrySet()) {
      String path = file.getKey();
      assertThat(path).as("a .drl file in a technique folder").matches("[a-z0-9-]+/[A-Za-z0-9][A-Za-z0-9._-]*\\.drl");
      assertThat(TECHNIQUES).as("technique of " + path).contains(path.substring(0, path.indexOf('/')));
      byte[] bytes = Files.readAllBytes(file.getValue());
      boolean utf16 = bytes.length > 1 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE;
      String start = utf16 ? new String(bytes, 2, Math.min(bytes.length - 2, 800), StandardCharsets.UTF_16LE)
          : new String(bytes, 0, Math.min(bytes.length, 400), StandardCharsets.ISO_8859_1);
      if (start.startsWith("\u00EF\u00BB\u00BF")) {
        start = start.substring(3);
      }
      assertThat(start).as("%s starts with a // header comment saying what it tries", path).startsWith("// ");
    }
    for (Expectation row : rows) {
      if (row.outcome().equals("threw")) {
        // Only a typed exception can be an expected outcome: a host must be able to catch and report it.
        assertThat(LoyaltyException.class.isAssignableFrom(classNamed(row.code())))
            .as("%s: threw %s must name a LoyaltyException", row.path(), row.code()).isTrue();
      }
      if (row.outcome().equals("rejected")) {
        assertThat(row.code()).as(row.path()).isNotBlank();
        assertThat(row.file()).as(row.path()).endsWith(".drl");
        assertThat(row.line()).as(row.path()).isNotNegative();
        assertThat(row.column()).as(row.path()).isNotNegative();
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> corpus() {
    Map<String, Path> files = corpusFiles();
    return expectations().stream()
        .filter(row -> ONLY.matcher(row.path()).find())
        .map(row -> DynamicTest.dynamicTest(row.path(), () -> run(row, files.get(row.path()))));
  }

  // ---- one file -----------------------------------------------------------------------------------

  /** What happened to one file. */
  static final class Run {
    final String path;
    volatile String stage = "waiting to start";
    volatile Thread worker;
    volatile String outcome = "unfinished";
    volatile RuleFileProblem firstError;
    volatile Throwable loadFailure;
    final List<String> findings = Collections.synchronizedList(new ArrayList<>());
    final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Integer> typed = Collections.synchronizedMap(new TreeMap<>());
    final AtomicInteger decided = new AtomicInteger();
    volatile boolean stopped;

    Run(String path) {
      this.path = path;
    }

    String row() {
      return switch (outcome) {
        case "accepted" -> path + ",accepted,,,,";
        case "rejected" -> firstError == null ? path + ",rejected,,,0,0"
            : path + ",rejected," + firstError.code() + "," + firstError.file() + "," + firstError.line() + ","
                + firstError.column();
        case "threw" -> path + ",threw," + loadFailure.getClass().getName() + ",,,";
        default -> path + "," + outcome + ",,,,";
      };
    }
  }

  private void run(Expectation expected, Path file) throws IOException {
    assertThat(file).as("corpus file for row %s", expected.path()).isNotNull();
    byte[] bytes = Files.readAllBytes(file);
    String name = fileName(expected.path());
    Run run = new Run(expected.path());
    String text = new String(bytes, StandardCharsets.UTF_8);
    Snapshot before = watch.take();
    long began = System.nanoTime();
    watch.current = run;
    try {
      assertTimeoutPreemptively(BUDGET, () -> {
        run.worker = Thread.currentThread();
        try {
          loadAndRun(run, name, bytes);
        } catch (Throwable t) {
          // OutOfMemoryError and friends included: JUnit would abort the whole run on some of them.
          if (run.stopped) {
            run.notes.add("stopped by the harness while " + run.stage);
          } else {
            run.findings.add("untyped " + describe(t) + " while " + run.stage);
            run.notes.add("thrown " + where(t));
          }
        }
        // Thread.stop interrupts the thread it stops, so the flag says nothing then.
        if (Thread.interrupted() && !run.stopped) {
          run.findings.add("side effect: the evaluating thread was left interrupted");
        }
      }, () -> "hostile file " + expected.path() + " still running after " + BUDGET.toSeconds() + " s while " + run.stage);
    } catch (AssertionFailedError timeout) {
      run.findings.add("hang: no result within " + BUDGET.toSeconds() + " s while " + run.stage);
      if (!"accepted".equals(run.outcome) && !"rejected".equals(run.outcome)) {
        run.outcome = "timeout";
      }
      stop(run);
    } finally {
      watch.current = null;
    }
    Snapshot after = watch.take();
    run.notes.add("took " + (System.nanoTime() - began) / 1_000_000 + " ms");
    run.findings.addAll(watch.compare(before, after, text, run.worker, run));
    record(run);

    StringBuilder failure = new StringBuilder();
    if (!expected.row().equals(run.row())) {
      failure.append("expected [").append(expected.row()).append("] but was [").append(run.row()).append("]");
      if (run.firstError != null) {
        failure.append("\n  first error: ").append(run.firstError);
      }
      if (run.loadFailure != null && !(run.loadFailure instanceof RuleFileException)) {
        failure.append("\n  load threw: ").append(describe(run.loadFailure));
      }
    }
    synchronized (run.findings) {
      for (String finding : run.findings) {
        failure.append(failure.length() == 0 ? "" : "\n").append(finding);
      }
    }
    if (failure.length() > 0) {
      throw new AssertionError(expected.path() + ": " + failure);
    }
  }

  private static void loadAndRun(Run run, String name, byte[] bytes) throws Throwable {
    run.stage = "loading";
    LoadedRules loaded;
    try {
      loaded = ruleFiles(name, bytes).load(PROGRAMME);
    } catch (RuleFileException e) {
      run.loadFailure = e;
      run.outcome = "rejected";
      run.firstError = e.problems().stream().filter(RuleFileProblem::isError)
          .min(RuleFileProblem.ORDER.thenComparing(RuleFileProblem::code)).orElse(null);
      return;
    } catch (Throwable e) {
      if (run.stopped) {
        throw e;
      }
      run.loadFailure = e;
      run.outcome = "threw";
      if (!(e instanceof LoyaltyException)) {
        run.findings.add("untyped " + describe(e) + " from the load: a host gets no file, line or problem code");
        run.notes.add("thrown " + where(e));
      }
      return;
    }
    run.outcome = "accepted";
    run.stage = "reloading an engine with the loaded rules";
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(PROGRAMME).ruleBase(Fixtures.defaults()).build();
    engine.reload(loaded);
    MerchantHost host = new MerchantHost(engine);
    for (Member member : MEMBERS) {
      host.join(member);
    }
    for (Step step : battery()) {
      run.stage = "deciding " + step.label();
      LoyaltyEvent event = step.event(host);
      if (event == null) {
        continue;
      }
      Decision decision;
      long started = System.nanoTime();
      try {
        decision = host.decide(event);
      } catch (LoyaltyException typed) {
        slow(run, step, started);
        run.typed.merge(typed.getClass().getSimpleName() + "/" + typed.code(), 1, Integer::sum);
        continue;
      } catch (Throwable raw) {
        if (run.stopped) {
          throw raw;
        }
        run.findings.add("untyped " + describe(raw) + " from decide(" + step.label() + ")");
        run.notes.add("thrown " + where(raw));
        continue;
      }
      slow(run, step, started);
      run.decided.incrementAndGet();
      checkDecision(decision, step.label(), run);
      run.stage = "appending " + step.label();
      try {
        host.append(decision, event);
      } catch (LoyaltyException refused) {
        run.findings.add("the ledger refused the decision of " + step.label() + ": " + describe(refused));
      } catch (AssertionError broken) {
        run.findings.add("ledger invariant broken after " + step.label() + ": " + firstLine(broken.getMessage()));
      }
    }
    run.stage = "checking the ledgers";
    for (String id : host.memberIds()) {
      // Each decision may move a member by MAX_POINTS at most, so no balance can end beyond this.
      PointLedger ledger = host.ledger(id);
      if (Math.abs(ledger.balance().value()) > MAX_POINTS * battery().size()) {
        run.findings.add("points beyond caps: member " + id + " ends with a balance of " + ledger.balance());
      }
    }
  }

  /** Work is bounded per evaluation too: one event must not take seconds. */
  private static void slow(Run run, Step step, long started) {
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (millis > MAX_DECIDE_MILLIS) {
      run.findings.add("slow: decide(" + step.label() + ") took " + millis + " ms; expected at most " + MAX_DECIDE_MILLIS
          + " ms per event");
    }
  }

  private static RuleFiles ruleFiles(String name, byte[] bytes) throws IOException {
    try {
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      return RuleFiles.of(List.of(RuleSource.of(name, text))).over(RuleFiles.bundled());
    } catch (CharacterCodingException notUtf8) {
      // Bytes that are not UTF-8 reach the library only from a directory.
      Path dir = Files.createTempDirectory(watch.scratch, "dir");
      Files.write(dir.resolve(name), bytes);
      return RuleFiles.directory(dir).over(RuleFiles.bundled());
    }
  }

  private static void checkDecision(Decision decision, String label, Run run) {
    Map<String, BigInteger> sums = new LinkedHashMap<>();
    for (LedgerEntry entry : decision.entries()) {
      long points = entry.points().value();
      if (points > MAX_POINTS || points < -MAX_POINTS) {
        run.findings.add("points beyond caps: " + label + " has entry [" + shorten(entry.key()) + "] of " + points + " points");
      }
      if (entry.key().length() > MAX_KEY_CHARS || entry.key().chars().anyMatch(Character::isISOControl)) {
        run.findings.add("key beyond caps: " + label + " has an entry keyed [" + shorten(entry.key()).replaceAll("\\p{Cntrl}", "?")
            + "] of " + entry.key().length() + " characters (a host stores keys as database keys)");
      }
      if (entry.provenance().reason().length() > MAX_REASON_CHARS) {
        run.findings.add("text beyond caps: " + label + " has entry [" + shorten(entry.key()) + "] explained in "
            + entry.provenance().reason().length() + " characters");
      }
      sums.merge(entry.memberId(), BigInteger.valueOf(points), BigInteger::add);
    }
    for (Map.Entry<String, BigInteger> sum : sums.entrySet()) {
      long reported = decision.pointsFor(sum.getKey()).value();
      if (!BigInteger.valueOf(reported).equals(sum.getValue())) {
        run.findings.add("points beyond caps: " + label + " credits member " + sum.getKey() + " entries adding up to "
            + sum.getValue() + " but pointsFor reports " + reported);
      }
      if (sum.getValue().abs().compareTo(BigInteger.valueOf(MAX_POINTS)) > 0) {
        run.findings.add("points beyond caps: " + label + " nets member " + sum.getKey() + " " + sum.getValue() + " points");
      }
    }
    decision.tierChange().ifPresent(change -> {
      if (!PROGRAMME.tiers().codes().contains(change.to())) {
        run.findings.add(label + " changes the tier to [" + change.to() + "], not a tier of the ladder");
      }
    });
    long chars = decision.notices().stream().mapToLong(String::length).sum();
    if (decision.notices().size() > MAX_NOTICES || chars > MAX_NOTICE_CHARS) {
      run.findings.add("notices beyond caps: " + label + " carries " + decision.notices().size() + " notices of " + chars
          + " characters");
    }
  }

  /** Stops a runaway thread where the JDK still can; reports it otherwise. */
  static synchronized void stop(Run run) {
    Thread worker = run.worker;
    if (worker == null || !worker.isAlive() || run.stopped) {
      return;
    }
    run.stopped = true;
    try {
      Thread.class.getMethod("stop").invoke(worker);
      worker.join(10_000);
      run.notes.add("the runaway thread was stopped with Thread.stop");
    } catch (ReflectiveOperationException | UnsupportedOperationException e) {
      run.notes.add("the runaway thread " + worker.getName() + " could not be stopped and keeps running: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (worker.isAlive()) {
      run.findings.add("hang: the runaway thread " + worker.getName() + " is still running after the timeout");
    }
  }

  private static void record(Run run) {
    StringBuilder text = new StringBuilder(run.row());
    if (run.outcome.equals("accepted")) {
      text.append("\n#   decided ").append(run.decided.get()).append(" of ").append(battery().size()).append(" events");
      if (!run.typed.isEmpty()) {
        text.append("; typed ").append(run.typed);
      }
    }
    if (run.firstError != null) {
      text.append("\n#   ").append(firstLine(run.firstError.toString()));
    }
    synchronized (run.findings) {
      for (String finding : run.findings) {
        text.append("\n#   FINDING ").append(firstLine(finding));
      }
    }
    for (String note : run.notes) {
      text.append("\n#   note ").append(firstLine(note));
    }
    ACTUAL.put(run.path, text.toString());
    if (PRINT) {
      System.out.println("[hostile] " + text.toString().replace("\n", "\n[hostile] "));
    }
  }

  // ---- the battery --------------------------------------------------------------------------------

  static final List<Member> MEMBERS = List.of(
      Member.of("ann", ENROLLED, "member").withBirthday(MonthDay.of(3, 5)).withTags(Set.of("vip")),
      Member.of("bob", ENROLLED, "silver").withReferrer("ann"),
      Member.of("cho", ENROLLED, "gold").withReferrer("bob"));

  /** One event of the battery; built when it is its turn, from what the ledgers hold by then. */
  record Step(String label, java.util.function.Function<MerchantHost, LoyaltyEvent> build) {
    LoyaltyEvent event(MerchantHost host) {
      return build.apply(host);
    }
  }

  private static final Order ANN_ONLINE = order("o-ann-1", "ann", "2025-03-05T12:00", Channel.ONLINE_STORE, "0", "60",
      lines(1));
  private static final Order ANN_POS_DOUBLE = order("o-ann-2", "ann", "2025-11-11T10:30", Channel.POS, "0", "0",
      List.of(line("l1", "COF-1", "coffee", 2, "450", "0"), line("l2", "GC-1000", "gift-card", 1, "1000", "0"),
          line("l3", "APP-9", "apparel", 1, "799", "99")));
  private static final Order BOB_APP = order("o-bob-1", "bob", "2025-04-10T20:00", Channel.APP, "100", "0", lines(12));
  private static final Order CHO_SOCIAL = order("o-cho-1", "cho", "2025-05-20T08:15", Channel.SOCIAL, "0", "120",
      lines(40));
  private static final Order CHO_ONLINE = order("o-cho-2", "cho", "2025-05-21T23:59", Channel.ONLINE_STORE, "50", "0",
      lines(3));

  static List<Step> battery() {
    return List.of(
        new Step("enrolment of ann", h -> new LoyaltyEvent.MemberEnrolled("enrol-ann", "ann", taipei("2025-01-02T10:00"))),
        new Step("enrolment of bob", h -> new LoyaltyEvent.MemberEnrolled("enrol-bob", "bob", taipei("2025-01-03T10:00"))),
        new Step("enrolment of cho", h -> new LoyaltyEvent.MemberEnrolled("enrol-cho", "cho", taipei("2025-01-04T10:00"))),
        new Step("1-line online order", h -> new LoyaltyEvent.OrderPaid(ANN_ONLINE)),
        new Step("12-line app order", h -> new LoyaltyEvent.OrderPaid(BOB_APP)),
        new Step("early release of the app order", h -> new LoyaltyEvent.PendingReleased("release-bob-1", "bob", "o-bob-1",
            taipei("2025-04-11T09:00"))),
        new Step("partial return of the app order", h -> LoyaltyEvent.OrderReturned.of("return-bob-1", BOB_APP,
            List.of(new LoyaltyEvent.ReturnedLine("l2", 1), new LoyaltyEvent.ReturnedLine("l4", 1)),
            taipei("2025-05-01T15:00"))),
        new Step("40-line social order", h -> new LoyaltyEvent.OrderPaid(CHO_SOCIAL)),
        new Step("3-line online order", h -> new LoyaltyEvent.OrderPaid(CHO_ONLINE)),
        new Step("whole return of the online order", h -> LoyaltyEvent.OrderReturned.whole("return-cho-2", CHO_ONLINE,
            taipei("2025-06-01T11:00"))),
        new Step("redemption", h -> {
          long available = h.ledger("ann").available(taipei("2025-06-10T12:00")).value();
          return new LoyaltyEvent.PointsRedeemed("redeem-ann-1", "ann", Points.of(Math.max(1, Math.min(available, 10))),
              taipei("2025-06-10T12:00"));
        }),
        new Step("redemption cancelled", h -> h.ledger("ann").contains(EntryKey.redemption("redeem-ann-1"))
            ? new LoyaltyEvent.RedemptionCancelled("cancel-ann-1", "ann", "redeem-ann-1", taipei("2025-06-11T12:00"))
            : null),
        new Step("3-line POS order on the double-points day", h -> new LoyaltyEvent.OrderPaid(ANN_POS_DOUBLE)),
        new Step("tier review of ann", h -> new LoyaltyEvent.TierReview("review-ann", "ann", taipei("2026-01-01T00:00"))),
        new Step("tier review of bob", h -> new LoyaltyEvent.TierReview("review-bob", "bob", taipei("2026-01-01T00:00"))),
        new Step("tier review of cho", h -> new LoyaltyEvent.TierReview("review-cho", "cho", taipei("2026-01-01T00:00"))),
        new Step("expiry run", h -> new LoyaltyEvent.ExpiryRun("expire-ann", "ann", taipei("2027-01-01T00:00"))));
  }

  private static List<OrderLine> lines(int count) {
    String[] categories = {"apparel", "coffee", "beans", "shoes", "gift-card"};
    List<OrderLine> lines = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      lines.add(line("l" + i, "SKU-" + i, categories[(i - 1) % categories.length], 1 + i % 3,
          String.valueOf(100 + 37 * i), i % 4 == 0 ? "10" : "0"));
    }
    return lines;
  }

  private static OrderLine line(String id, String sku, String category, int quantity, String unitPrice, String discount) {
    return new OrderLine(id, sku, category, quantity, Money.of(unitPrice, "TWD"), Money.of(discount, "TWD"));
  }

  private static Order order(String id, String member, String at, Channel channel, String discount, String shipping,
      List<OrderLine> lines) {
    return new Order(id, member, taipei(at), channel, PROGRAMME.currency(), lines, Money.of(discount, "TWD"),
        Money.of(shipping, "TWD"));
  }

  static Instant taipei(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(Fixtures.TAIPEI).toInstant();
  }

  // ---- the harness itself -------------------------------------------------------------------------

  @BeforeAll
  static void startWatching() throws IOException {
    watch = new Watch();
    // Warm up: the first load and evaluation initialise Drools, javac and the JDK (threads,
    // properties, open jars), which must not count against the first file of the corpus.
    LoadedRules loaded = RuleFiles.bundled().load(PROGRAMME);
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(PROGRAMME).ruleBase(loaded.ruleBase()).build();
    MerchantHost host = new MerchantHost(engine);
    MEMBERS.forEach(host::join);
    for (Step step : battery()) {
      LoyaltyEvent event = step.event(host);
      if (event != null) {
        host.apply(event);
      }
    }
  }

  @AfterAll
  static void stopWatching() throws IOException {
    if (watch != null) {
      watch.close();
    }
    if (PRINT && !ACTUAL.isEmpty()) {
      StringBuilder csv = new StringBuilder("# actual outcomes of the hostile corpus (-Dhostile.print=true)\n"
          + "path,outcome,code,file,line,column\n");
      ACTUAL.values().forEach(row -> csv.append(row).append('\n'));
      for (String noise : NOISE) {
        csv.append("# noise (not attributed to a file): ").append(noise).append('\n');
      }
      Path out = Path.of("target", "hostile-corpus-actual.csv");
      Files.createDirectories(out.getParent());
      Files.writeString(out, csv);
      System.out.println("[hostile] actual outcomes written to " + out.toAbsolutePath());
    }
  }

  @Test
  void harness_onAMerchantFileThatIsFine_decidesEveryEventAndSeesNoSideEffect() {
    // given: a well-behaved merchant file, so that the battery and the watch are known to be quiet
    String fine = """
        // fine: a harmless merchant rule, to show the harness reports nothing for it.
        package com.shop.loyalty;

        import org.loyaltyrules.loyalty.rules.facts.LineFact;

        global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

        rule "fine: coffee lines earn a little more"
        when
            $line : LineFact( category == "coffee" )
        then
            decisions.baseRate($line, 2, 100);
        end
        """;
    Run run = new Run("fine.drl");
    Snapshot before = watch.take();

    // when
    assertTimeoutPreemptively(BUDGET, () -> loadAndRun(run, "fine.drl", fine.getBytes(StandardCharsets.UTF_8)));
    List<String> effects = watch.compare(before, watch.take(), fine, null, run);

    // then
    assertThat(run.outcome).isEqualTo("accepted");
    assertThat(run.typed).as("typed exceptions on a harmless file").isEmpty();
    assertThat(run.decided.get()).isEqualTo(battery().size());
    assertThat(run.findings).isEmpty();
    assertThat(effects).isEmpty();
  }

  @Test
  void watch_seesEveryKindOfSideEffectItLooksFor() throws Exception {
    // given: the effects a rule must never have, made directly by this test
    Snapshot before = watch.take();
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Thread started = new Thread(() -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "selftest-thread");
    Path tmpFile = watch.tmpDir.resolve("selftest-" + System.nanoTime());
    Path workFile = watch.workDir.resolve("selftest-" + System.nanoTime() + ".txt");
    String canary = Files.readString(watch.canaryFile);
    String canaryValue = HostileCanary.value;
    Locale locale = Locale.getDefault();
    Process child = null;
    try (java.nio.channels.SocketChannel channel = java.nio.channels.SocketChannel.open();
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), watch.listener.getLocalPort())) {
      started.start();
      System.setProperty("selftest.property", "set");
      Files.writeString(watch.canaryFile, "overwritten");
      Files.writeString(tmpFile, "selftest");
      Files.writeString(workFile, "selftest");
      HostileCanary.value = "selftest";
      HostileCanary.touch();
      Locale.setDefault(Locale.CHINA.equals(locale) ? Locale.FRANCE : Locale.CHINA);
      try {
        child = new ProcessBuilder("sleep", "30").start();
      } catch (IOException noSleepCommand) {
        child = null;
      }
      for (int i = 0; i < 100 && watch.connections.get() == before.connections(); i++) {
        Thread.sleep(20);
      }
      assertThat(channel.isOpen() && socket.isConnected()).isTrue();

      // when
      List<String> effects = watch.compare(before, watch.take(), "a selftest text", null, new Run("selftest"));

      // then
      assertThat(String.join("\n", effects))
          .contains("thread was started and is still alive: [selftest-thread]")
          .contains("system property added: [selftest.property]")
          .contains("canary folder entry changed: [canary.txt]")
          .contains("new entry in java.io.tmpdir [" + tmpFile.getFileName() + "]")
          .contains("working directory entry added: [" + workFile.getFileName() + "]")
          .contains("HostileCanary.value changed")
          .contains("HostileCanary.touches changed")
          .contains("connections to the loopback canary changed")
          .contains("default locale changed");
      if (Files.isDirectory(watch.fdDir)) {
        assertThat(effects).anySatisfy(e -> assertThat(e).contains("open file descriptor").contains("socket"));
      }
      if (child != null) {
        assertThat(effects).anySatisfy(e -> assertThat(e).contains("child processes started"));
      }
    } finally {
      release.countDown();
      started.join(5_000);
      System.clearProperty("selftest.property");
      Files.writeString(watch.canaryFile, canary);
      Files.deleteIfExists(tmpFile);
      Files.deleteIfExists(workFile);
      HostileCanary.value = canaryValue;
      HostileCanary.touches--;
      Locale.setDefault(locale);
      if (child != null) {
        child.destroyForcibly().waitFor();
      }
    }
  }

  // ---- the side-effect watch ----------------------------------------------------------------------

  /** Everything the watch compares, at one moment. */
  record Snapshot(Set<Thread> threads, Map<String, String> properties, Map<String, String> environment,
      Map<String, String> workDir, Map<String, String> canaryDir, Set<String> tmpDir, Map<String, Integer> descriptors,
      String staticValue, int touches, int connections, Locale locale, TimeZone zone, PrintStream out,
      PrintStream err, InputStream in, ClassLoader contextLoader, Thread.UncaughtExceptionHandler handler,
      int providers, Set<Long> children) {}

  /** Takes and compares snapshots; owns the canary file, folder and loopback listener, and bounds memory. */
  static final class Watch implements AutoCloseable {
    static final double HEAP_ALARM = 0.8;
    static final double HEAP_LIVE = 0.6;

    final Path workDir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    final Path canaryFile = workDir.resolve(HostileCanary.CANARY_FILE);
    final Path tmpDir = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    final Path fdDir = Path.of("/proc/self/fd");
    final Path scratch;
    final ServerSocket listener;
    final AtomicInteger connections = new AtomicInteger();
    final Thread acceptor;
    final Thread memoryWatchdog;
    /** The file being loaded or run, for the memory watchdog. */
    volatile Run current;

    Watch() throws IOException {
      Files.createDirectories(canaryFile.getParent());
      Files.writeString(canaryFile, "canary: hostile rule files must never change or delete this file\n");
      scratch = Files.createDirectories(workDir.resolve("target/hostile-scratch"));
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      try {
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), HostileCanary.PORT));
      } catch (IOException inUse) {
        socket.close();
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        System.out.println("[hostile] port " + HostileCanary.PORT + " is taken; the socket canary listens on "
            + socket.getLocalPort() + ", which the corpus does not name");
      }
      listener = socket;
      acceptor = new Thread(() -> {
        while (!listener.isClosed()) {
          try {
            Socket accepted = listener.accept();
            connections.incrementAndGet();
            accepted.close();
          } catch (IOException closed) {
            return;
          }
        }
      }, "hostile-canary-acceptor");
      acceptor.setDaemon(true);
      acceptor.start();
      memoryWatchdog = new Thread(this::watchMemory, "hostile-memory-watchdog");
      memoryWatchdog.setDaemon(true);
      memoryWatchdog.start();
    }

    /**
     * Bounds memory as the timeout bounds time: when the heap is above {@value #HEAP_ALARM} of its
     * maximum and still above {@value #HEAP_LIVE} after a full collection, the file being run holds
     * that memory (the harness holds little); its thread is stopped before an OutOfMemoryError can
     * hit another thread of this JVM (the test runner's own, say) and end the whole run.
     */
    private void watchMemory() {
      java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
      while (!listener.isClosed()) {
        Run run = current;
        java.lang.management.MemoryUsage heap = memory.getHeapMemoryUsage();
        if (run != null && run.worker != null && heap.getMax() > 0 && heap.getUsed() > heap.getMax() * HEAP_ALARM) {
          System.gc();
          heap = memory.getHeapMemoryUsage();
          if (heap.getUsed() > heap.getMax() * HEAP_LIVE && run == current) {
            run.findings.add("memory: " + heap.getUsed() / (1 << 20) + " MB of the " + heap.getMax() / (1 << 20)
                + " MB heap still in use after a full collection while " + run.stage);
            stop(run);
          }
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    Snapshot take() {
      // TimeZone.getDefault() sets user.timezone the first time it runs: read it before the properties.
      TimeZone zone = TimeZone.getDefault();
      Locale locale = Locale.getDefault();
      Map<String, String> properties = new TreeMap<>();
      java.util.Properties system = System.getProperties();
      for (String key : system.stringPropertyNames()) {
        properties.put(key, system.getProperty(key));
      }
      return new Snapshot(liveThreads(), properties, new TreeMap<>(System.getenv()), listing(workDir, false),
          listing(canaryFile.getParent(), true), names(tmpDir), descriptors(), HostileCanary.value,
          HostileCanary.touches, connections.get(), locale, zone, System.out, System.err,
          System.in, Thread.currentThread().getContextClassLoader(), Thread.getDefaultUncaughtExceptionHandler(),
          java.security.Security.getProviders().length,
          ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet()));
    }

    List<String> compare(Snapshot before, Snapshot after, String hostileText, Thread runner, Run run) {
      List<String> effects = new ArrayList<>();
      Set<Thread> started = Collections.newSetFromMap(new IdentityHashMap<>());
      started.addAll(after.threads());
      started.removeAll(before.threads());
      for (Thread thread : started) {
        if (thread != runner && thread.isAlive() && !isCommonPool(thread)) {
          effects.add("side effect: a thread was started and is still alive: [" + thread.getName() + "]"
              + (thread.isDaemon() ? " (daemon)" : ""));
        }
      }
      diff("system property", before.properties(), after.properties(), effects);
      diff("environment variable", before.environment(), after.environment(), effects);
      diff("working directory entry", before.workDir(), after.workDir(), effects);
      diff("canary folder entry", before.canaryDir(), after.canaryDir(), effects);
      diff("open file descriptor", relevantDescriptors(before.descriptors()), relevantDescriptors(after.descriptors()),
          effects);
      Set<String> words = words(hostileText);
      for (String entry : after.tmpDir()) {
        if (!before.tmpDir().contains(entry)) {
          if (words(entry).stream().anyMatch(words::contains)) {
            effects.add("side effect: new entry in java.io.tmpdir [" + entry + "] named with words of the rule file");
          } else {
            NOISE.add(run.path + ": new entry in java.io.tmpdir [" + entry + "]");
          }
        }
      }
      same("HostileCanary.value", before.staticValue(), after.staticValue(), effects);
      same("HostileCanary.touches", before.touches(), after.touches(), effects);
      same("connections to the loopback canary", before.connections(), after.connections(), effects);
      same("default locale", before.locale(), after.locale(), effects);
      same("default time zone", before.zone(), after.zone(), effects);
      sameInstance("System.out", before.out(), after.out(), effects);
      sameInstance("System.err", before.err(), after.err(), effects);
      sameInstance("System.in", before.in(), after.in(), effects);
      sameInstance("the context class loader", before.contextLoader(), after.contextLoader(), effects);
      sameInstance("the default uncaught-exception handler", before.handler(), after.handler(), effects);
      same("the number of security providers", before.providers(), after.providers(), effects);
      Set<Long> children = new TreeSet<>(after.children());
      children.removeAll(before.children());
      if (!children.isEmpty()) {
        effects.add("side effect: child processes started: " + children);
      }
      return effects;
    }

    private static boolean isCommonPool(Thread thread) {
      return thread instanceof ForkJoinWorkerThread worker && worker.getPool() == ForkJoinPool.commonPool();
    }

    private static Set<Thread> liveThreads() {
      Set<Thread> threads = Collections.newSetFromMap(new IdentityHashMap<>());
      threads.addAll(Thread.getAllStackTraces().keySet());
      return threads;
    }

    /** @return entry name to "dir" or size and modification time (and a hash for the canary folder) */
    private static Map<String, String> listing(Path dir, boolean hash) {
      Map<String, String> entries = new TreeMap<>();
      try (Stream<Path> list = Files.list(dir)) {
        for (Path entry : list.toList()) {
          String name = entry.getFileName().toString();
          try {
            if (Files.isDirectory(entry)) {
              entries.put(name, "dir");
            } else {
              entries.put(name, Files.size(entry) + " bytes, modified " + Files.getLastModifiedTime(entry)
                  + (hash ? ", sha-256 " + sha256(Files.readAllBytes(entry)) : ""));
            }
          } catch (IOException gone) {
            entries.put(name, "unreadable: " + gone);
          }
        }
      } catch (IOException e) {
        entries.put("(listing failed)", e.toString());
      }
      return entries;
    }

    private static Set<String> names(Path dir) {
      try (Stream<Path> list = Files.list(dir)) {
        return list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
      } catch (IOException e) {
        return Set.of();
      }
    }

    /** @return the targets of this process's open descriptors, counted */
    private Map<String, Integer> descriptors() {
      Map<String, Integer> targets = new TreeMap<>();
      if (!Files.isDirectory(fdDir)) {
        return targets;
      }
      try (Stream<Path> list = Files.list(fdDir)) {
        for (Path fd : list.toList()) {
          try {
            targets.merge(Files.readSymbolicLink(fd).toString(), 1, Integer::sum);
          } catch (IOException | UnsupportedOperationException closedMeanwhile) {
            // the descriptor of the listing itself, or one closed while listing
          }
        }
      } catch (IOException e) {
        targets.put("(listing failed)", 1);
      }
      return targets;
    }

    /**
     * Descriptors that reveal an effect: sockets, pipes, inotify and epoll handles, files. Jars,
     * JDK modules and libraries are opened lazily by class loading, and Surefire keeps its own files
     * open under target/surefire*: those do not count. Socket and pipe inodes are counted by kind,
     * since a new inode replacing an old one is not an effect.
     */
    private Map<String, String> relevantDescriptors(Map<String, Integer> targets) {
      Map<String, Integer> kept = new TreeMap<>();
      targets.forEach((target, count) -> {
        boolean classLoading = target.endsWith(".jar") || target.endsWith("/modules") || target.endsWith(".jsa")
            || target.endsWith(".so") || target.contains(".so.");
        // The JVM itself reads its container limits from /sys/fs/cgroup and /proc now and then
        // (memory pool sizes, CPU quota): its own, not a rule's.
        boolean jvmOrRunner = target.startsWith("/dev/") || target.contains("/hsperfdata_")
            || target.startsWith("/sys/") || target.startsWith("/proc/")
            || target.startsWith(workDir.resolve("target/surefire").toString());
        if (classLoading || jvmOrRunner) {
          return;
        }
        String kind = target.startsWith("socket:") ? "socket" : target.startsWith("pipe:") ? "pipe" : target;
        kept.merge(kind, count, Integer::sum);
      });
      Map<String, String> shown = new TreeMap<>();
      kept.forEach((k, v) -> shown.put(k, v + " open"));
      return shown;
    }

    private static <T> void diff(String what, Map<String, T> before, Map<String, T> after, List<String> effects) {
      for (Map.Entry<String, T> entry : after.entrySet()) {
        T was = before.get(entry.getKey());
        if (was == null) {
          effects.add("side effect: " + what + " added: [" + entry.getKey() + "] = [" + shorten(entry.getValue()) + "]");
        } else if (!was.equals(entry.getValue())) {
          effects.add("side effect: " + what + " changed: [" + entry.getKey() + "] from [" + shorten(was) + "] to ["
              + shorten(entry.getValue()) + "]");
        }
      }
      for (String key : before.keySet()) {
        if (!after.containsKey(key)) {
          effects.add("side effect: " + what + " removed: [" + key + "]");
        }
      }
    }

    private static void same(String what, Object before, Object after, List<String> effects) {
      if (!java.util.Objects.equals(before, after)) {
        effects.add("side effect: " + what + " changed from [" + before + "] to [" + after + "]");
      }
    }

    private static void sameInstance(String what, Object before, Object after, List<String> effects) {
      if (before != after) {
        effects.add("side effect: " + what + " was replaced");
      }
    }

    @Override
    public void close() throws IOException {
      listener.close();
    }
  }

  // ---- small helpers ------------------------------------------------------------------------------

  static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static Set<String> words(String text) {
    Set<String> words = new java.util.HashSet<>();
    for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
      if (word.length() >= 3) {
        words.add(word);
      }
    }
    return words;
  }

  private static String describe(Throwable t) {
    return t.getClass().getName() + (t.getMessage() == null ? "" : ": " + shorten(firstLine(t.getMessage())));
  }

  /** @return the first frames of a throwable's stack and the first frames outside the JDK, to say where it came from */
  private static String where(Throwable t) {
    StackTraceElement[] frames = t.getStackTrace();
    List<String> shown = new ArrayList<>();
    int outside = 0;
    for (int i = 0; i < frames.length && outside < 4; i++) {
      String frame = frames[i].getClassName() + "." + frames[i].getMethodName() + ":" + frames[i].getLineNumber();
      boolean jdk = frames[i].getClassName().startsWith("java.") || frames[i].getClassName().startsWith("jdk.");
      if (i < 2 || !jdk && !shown.contains(frame)) {
        shown.add(frame);
        outside += jdk ? 0 : 1;
      }
    }
    return t.getClass().getSimpleName() + " at " + String.join(" < ", shown);
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline) + " …";
  }

  private static String shorten(Object value) {
    String text = String.valueOf(value);
    return text.length() <= 200 ? text : text.substring(0, 197) + "...";
  }

  private static Class<?> classNamed(String name) {
    try {
      return Class.forName(name, false, HostileCorpusTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      return Void.class;
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path resource(String name) {
    try {
      return Path.of(java.util.Objects.requireNonNull(HostileCorpusTest.class.getClassLoader().getResource(name),
          name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
