package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.RuleDirectoryWatcher.Outcome;
import org.loyaltyrules.loyalty.rules.files.TierFile;

/**
 * The watcher's poll outcomes, driven by hand on a temporary directory: nothing here sleeps or
 * waits for the polling thread.
 */
class RuleDirectoryWatcherTest {
  private static final Programme TAIWAN = Programmes.taiwan(List.of());

  /** Records what the watcher told its listener, in order. */
  private static final class Recorder implements RuleDirectoryWatcher.Listener {
    final List<String> events = new ArrayList<>();
    final List<List<RuleFileProblem>> rejections = new ArrayList<>();
    final List<IOException> unreadable = new ArrayList<>();

    @Override
    public void reloaded(String version, List<RuleFileProblem> warnings) {
      events.add("reloaded " + version);
    }

    @Override
    public void rejected(List<RuleFileProblem> problems) {
      events.add("rejected");
      rejections.add(problems);
    }

    @Override
    public void unreadable(IOException error) {
      events.add("unreadable");
      unreadable.add(error);
    }

    @Override
    public void readableAgain(String version) {
      events.add("readable again " + version);
    }
  }

  private static void write(Path dir, String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private static long pointsForNt1000(LoyaltyRulesEngine engine, String tier) {
    Shop shop = new Shop(engine);
    shop.join(Member.of("m-1", taipei("2024-01-01T00:00"), tier));
    Decision decision = shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-03-05T12:00"), "1000")));
    assertThat(decision.ruleBaseVersion()).isEqualTo(engine.ruleBaseVersion());
    return decision.pointsFor("m-1").value();
  }

  @Test
  void poll_throughEditsBreakageFixAndDeletion_reloadsOnlyValidChangedFiles(@TempDir Path parent) throws IOException {
    // given: the merchant's own rules and ladder, not layered over the bundled files
    Path dir = Files.createDirectory(parent.resolve("rules"));
    write(dir, "earning.drl", RuleFilesTest.VIP_EARNING);
    write(dir, TierFile.FILE_NAME, RuleFilesTest.TIERS_CSV);
    LoyaltyRulesEngine engine = Fixtures.engine(TAIWAN);
    String bundledVersion = engine.ruleBaseVersion();
    Recorder listener = new Recorder();
    RuleDirectoryWatcher watcher = new RuleDirectoryWatcher(engine, dir, false, TAIWAN, listener);

    // when / then: the first poll loads the directory
    assertThat(watcher.poll()).isEqualTo(Outcome.RELOADED);
    String loadedVersion = engine.ruleBaseVersion();
    assertThat(loadedVersion).isNotEqualTo(bundledVersion);
    assertThat(engine.programme().tiers().codes()).containsExactly("bronze", "vip");
    assertThat(pointsForNt1000(engine, "vip")).isEqualTo(30);
    assertThat(listener.events).containsExactly("reloaded " + loadedVersion);

    // when / then: nothing changed, nothing is loaded (a rewrite with the same bytes is no change)
    write(dir, "earning.drl", RuleFilesTest.VIP_EARNING);
    assertThat(watcher.poll()).isEqualTo(Outcome.UNCHANGED);
    assertThat(engine.ruleBaseVersion()).isEqualTo(loadedVersion);

    // when / then: a hostile edit is rejected, told to the listener, and the loaded rules keep deciding
    write(dir, "earning.drl", RuleFilesTest.HOSTILE);
    assertThat(watcher.poll()).isEqualTo(Outcome.REJECTED);
    assertThat(engine.ruleBaseVersion()).isEqualTo(loadedVersion);
    assertThat(pointsForNt1000(engine, "vip")).isEqualTo(30);
    assertThat(listener.rejections).singleElement().satisfies(problems -> assertThat(problems)
        .extracting(RuleFileProblem::file, RuleFileProblem::line, RuleFileProblem::code)
        .containsExactly(tuple("earning.drl", 5, "forbidden-import"),
            tuple("earning.drl", 15, "forbidden-call")));

    // when / then: the same broken content is not reported again
    assertThat(watcher.poll()).isEqualTo(Outcome.UNCHANGED);
    assertThat(listener.rejections).hasSize(1);

    // when / then: the fix loads
    write(dir, "earning.drl", RuleFilesTest.VIP_EARNING.replace("3, 100", "4, 100"));
    assertThat(watcher.poll()).isEqualTo(Outcome.RELOADED);
    String fixedVersion = engine.ruleBaseVersion();
    assertThat(fixedVersion).isNotIn(bundledVersion, loadedVersion);
    assertThat(pointsForNt1000(engine, "vip")).isEqualTo(40);

    // when / then: the directory disappears; the engine keeps deciding with what it has
    Files.delete(dir.resolve("earning.drl"));
    Files.delete(dir.resolve(TierFile.FILE_NAME));
    Files.delete(dir);
    assertThat(watcher.poll()).isEqualTo(Outcome.UNREADABLE);
    assertThat(engine.ruleBaseVersion()).isEqualTo(fixedVersion);
    assertThat(pointsForNt1000(engine, "vip")).isEqualTo(40);
    assertThat(listener.unreadable).singleElement().satisfies(e -> assertThat(e).hasMessageContaining(dir.toString()));
    assertThat(listener.events).containsExactly("reloaded " + loadedVersion, "rejected", "reloaded " + fixedVersion,
        "unreadable");
  }

  @Test
  void poll_directoryBackWithTheSameFiles_toldReadableAgainOnceWithoutReloading(@TempDir Path parent)
      throws IOException {
    // given: a loaded directory that then disappears
    Path dir = Files.createDirectory(parent.resolve("rules"));
    write(dir, "earning.drl", RuleFilesTest.VIP_EARNING);
    write(dir, TierFile.FILE_NAME, RuleFilesTest.TIERS_CSV);
    LoyaltyRulesEngine engine = Fixtures.engine(TAIWAN);
    Recorder listener = new Recorder();
    RuleDirectoryWatcher watcher = new RuleDirectoryWatcher(engine, dir, false, TAIWAN, listener);
    assertThat(watcher.poll()).isEqualTo(Outcome.RELOADED);
    String version = engine.ruleBaseVersion();
    Files.delete(dir.resolve("earning.drl"));
    Files.delete(dir.resolve(TierFile.FILE_NAME));
    Files.delete(dir);
    assertThat(watcher.poll()).isEqualTo(Outcome.UNREADABLE);

    // when: the same files come back (a remount, a restored backup)
    Files.createDirectory(dir);
    write(dir, "earning.drl", RuleFilesTest.VIP_EARNING);
    write(dir, TierFile.FILE_NAME, RuleFilesTest.TIERS_CSV);

    // then: nothing reloads, the listener hears once that the running rules describe the files again
    assertThat(watcher.poll()).isEqualTo(Outcome.UNCHANGED);
    assertThat(watcher.poll()).isEqualTo(Outcome.UNCHANGED);
    assertThat(engine.ruleBaseVersion()).isEqualTo(version);
    assertThat(listener.events).containsExactly("reloaded " + version, "unreadable", "readable again " + version);
  }

  @Test
  void poll_fileTheCompilerCrashesOn_rejectedAndToldToTheListener(@TempDir Path dir) throws IOException {
    // given: Drools' code generator throws NumberFormatException for a number compared with text
    write(dir, "earning.drl", RuleFilesTest.VIP_EARNING.replace("tier == \"vip\"", "tierRank == \"vip\""));
    write(dir, TierFile.FILE_NAME, RuleFilesTest.TIERS_CSV);
    LoyaltyRulesEngine engine = Fixtures.engine(TAIWAN);
    String before = engine.ruleBaseVersion();
    Recorder listener = new Recorder();
    RuleDirectoryWatcher watcher = new RuleDirectoryWatcher(engine, dir, false, TAIWAN, listener);

    // when
    Outcome outcome = watcher.poll();

    // then
    assertThat(outcome).isEqualTo(Outcome.REJECTED);
    assertThat(engine.ruleBaseVersion()).isEqualTo(before);
    assertThat(listener.rejections).singleElement().satisfies(problems -> assertThat(problems)
        .filteredOn(RuleFileProblem::isError).singleElement()
        .satisfies(p -> assertThat(p.file()).isEqualTo("earning.drl")));
  }

  @Test
  void poll_ruleFileNotUtf8_rejectedNamingTheFileNotUnreadable(@TempDir Path dir) throws IOException {
    // given: a rule file saved as Big5 next to a good one
    Files.write(dir.resolve("bonus.drl"), "// 積分\n".getBytes(java.nio.charset.Charset.forName("Big5")));
    write(dir, "earning.drl", RuleFilesTest.VIP_EARNING);
    write(dir, TierFile.FILE_NAME, RuleFilesTest.TIERS_CSV);
    LoyaltyRulesEngine engine = Fixtures.engine(TAIWAN);
    String before = engine.ruleBaseVersion();
    Recorder listener = new Recorder();
    RuleDirectoryWatcher watcher = new RuleDirectoryWatcher(engine, dir, false, TAIWAN, listener);

    // when
    Outcome outcome = watcher.poll();

    // then
    assertThat(outcome).isEqualTo(Outcome.REJECTED);
    assertThat(engine.ruleBaseVersion()).isEqualTo(before);
    assertThat(listener.rejections).singleElement().satisfies(problems -> assertThat(problems)
        .extracting(RuleFileProblem::file, RuleFileProblem::line, RuleFileProblem::column, RuleFileProblem::code)
        .containsExactly(tuple("bonus.drl", 1, 4, "encoding")));
  }

  @Test
  void poll_ruleFileWithAnUnusableName_rejectedAndToldToTheListener(@TempDir Path dir) throws IOException {
    // given
    write(dir, "my earning.drl", RuleFilesTest.VIP_EARNING);
    LoyaltyRulesEngine engine = Fixtures.engine(TAIWAN);
    Recorder listener = new Recorder();
    RuleDirectoryWatcher watcher = new RuleDirectoryWatcher(engine, dir, true, TAIWAN, listener);

    // when
    Outcome outcome = watcher.poll();

    // then
    assertThat(outcome).isEqualTo(Outcome.REJECTED);
    assertThat(listener.rejections).singleElement().satisfies(problems -> assertThat(problems)
        .anySatisfy(p -> assertThat(p.file()).isEqualTo("my earning.drl")));
  }

  @Test
  void startAndClose_lifecycle_startTwiceThrowsAndCloseIsIdempotent(@TempDir Path parent) {
    // given: a directory that does not exist, so the background poll has nothing to compile, and an
    // hour between polls, so no poll after the first can matter
    RuleDirectoryWatcher watcher = new RuleDirectoryWatcher(Fixtures.engine(TAIWAN), parent.resolve("missing"), true,
        TAIWAN, new Recorder());

    // when / then
    assertThatCode(watcher::close).as("close before start").doesNotThrowAnyException();
    assertThat(watcher.start(Duration.ofHours(1))).isSameAs(watcher);
    assertThatThrownBy(() -> watcher.start(Duration.ofHours(1))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already started");
    assertThatCode(watcher::close).doesNotThrowAnyException();
    assertThatCode(watcher::close).as("second close").doesNotThrowAnyException();
  }

  @Test
  @Timeout(60)
  void close_pollAlreadyWaitingToRun_doesNotPollAfterClose(@TempDir Path parent) throws InterruptedException {
    // given: the test holds the watcher's lock, so the background poll that start() schedules at
    // once has to wait for it; the directory is missing, so any poll would tell the listener
    Recorder listener = new Recorder();
    RuleDirectoryWatcher watcher = new RuleDirectoryWatcher(Fixtures.engine(TAIWAN), parent.resolve("missing"), true,
        TAIWAN, listener);
    Thread poller;
    synchronized (watcher) {
      watcher.start(Duration.ofHours(1));
      poller = blockedOn(watcher);

      // when: closed while that poll waits
      watcher.close();
    }
    poller.join();

    // then: the poll that started before close() but ran after it did nothing
    assertThat(listener.events).isEmpty();
  }

  /** Waits for the thread that is blocked on the watcher's lock (the test holds it) and returns it. */
  private static Thread blockedOn(RuleDirectoryWatcher watcher) {
    while (true) {
      for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
        if (thread.getKey().getState() == Thread.State.BLOCKED && Arrays.stream(thread.getValue())
            .anyMatch(frame -> frame.getClassName().equals(RuleDirectoryWatcher.class.getName()))) {
          return thread.getKey();
        }
      }
      Thread.onSpinWait();
    }
  }

  @Test
  void start_intervalBelow100Milliseconds_rejected(@TempDir Path dir) {
    // given
    RuleDirectoryWatcher watcher = new RuleDirectoryWatcher(Fixtures.engine(TAIWAN), dir, true, TAIWAN,
        new Recorder());

    // when / then
    assertThatThrownBy(() -> watcher.start(Duration.ofMillis(99))).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("at least 100 ms");
    watcher.close();
  }
}
