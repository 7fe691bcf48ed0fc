package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The source layout the architecture relies on, read from the source files of loyalty-core and
 * loyalty-rules: a main source file longer than {@value #MAX_LINES} lines says why at its top, and
 * the fact classes rules see reach into the engine's internals only where they do today.
 */
class ArchitectureTest {
  static final int MAX_LINES = 400;
  static final String REASON = "Longer than 400 lines because";

  /** Main source roots, relative to the loyalty-rules module directory (Surefire's working directory). */
  static final List<Path> MAIN_ROOTS = List.of(Path.of("src/main/java"), Path.of("../loyalty-core/src/main/java"));

  /**
   * Files exempt while being split; empty since issue 13's PointLedger and Programme state their
   * reason (both keep public API that must stay in one file).
   */
  static final Set<String> PENDING = Set.of();

  /**
   * What each class of {@code rules.facts} imports from {@code rules.internal} today: the collector
   * bounds one evaluation with {@code EvaluationBound}. Anything more would let rules see the engine.
   */
  static final Map<String, Set<String>> FACTS_INTERNAL_IMPORTS = Map.of("Decisions.java", Set.of("EvaluationBound"));

  private static final Pattern TYPE_DECLARATION = Pattern.compile(
      "^(public |final |abstract |sealed |non-sealed |strictfp )*(class|interface|record|enum|@interface) .*");
  private static final Pattern INTERNAL_REFERENCE = Pattern.compile("org\\.loyaltyrules\\.loyalty\\.rules\\.internal\\.(\\w+)");

  @Test
  void mainSources_overFourHundredLines_stateTheReasonAtTheirTop() throws IOException {
    // given
    Map<String, List<String>> sources = mainSources();

    // when
    List<String> unexplained = new ArrayList<>();
    List<String> stalePending = new ArrayList<>();
    for (Map.Entry<String, List<String>> source : sources.entrySet()) {
      boolean flagged = isLongWithoutReason(source.getValue());
      if (flagged && !PENDING.contains(source.getKey())) {
        unexplained.add(source.getKey() + " (" + source.getValue().size() + " lines)");
      }
      if (!flagged && PENDING.contains(source.getKey())) {
        stalePending.add(source.getKey());
      }
    }
    Set<String> missingPending = new TreeSet<>(PENDING);
    missingPending.removeAll(sources.keySet());

    // then
    assertThat(sources.keySet()).as("main sources found").hasSizeGreaterThan(50)
        .contains("org/loyaltyrules/loyalty/Money.java", "org/loyaltyrules/loyalty/rules/RuleBase.java");
    assertThat(unexplained).as("main sources over %d lines without a line \"%s ...\" before the type declaration",
        MAX_LINES, REASON).isEmpty();
    assertThat(stalePending).as("PENDING files that are now short or explained: remove them from PENDING").isEmpty();
    assertThat(missingPending).as("PENDING files that no longer exist: remove them from PENDING").isEmpty();
  }

  @Test
  void isLongWithoutReason_longFileWithoutReason_isFlagged() {
    // given
    List<String> header = List.of("package x;", "", "/** A long class. */", "final class X {");
    List<String> body = Collections.nCopies(MAX_LINES, "  int x;");
    List<String> longFile = new ArrayList<>(header);
    longFile.addAll(body);
    List<String> explained = new ArrayList<>(longFile);
    explained.add(1, "// " + REASON + " it is one table.");
    List<String> reasonInBody = new ArrayList<>(longFile);
    reasonInBody.add(10, "  // " + REASON + " it is one table.");

    // when / then
    assertThat(isLongWithoutReason(longFile)).isTrue();
    assertThat(isLongWithoutReason(explained)).isFalse();
    assertThat(isLongWithoutReason(reasonInBody)).as("a reason below the type declaration is not at the top").isTrue();
    assertThat(isLongWithoutReason(longFile.subList(0, MAX_LINES))).isFalse();
  }

  @Test
  void factsPackage_importsFromInternal_onlyWhatItNeedsToday() throws IOException {
    // given
    Path facts = MAIN_ROOTS.get(0).resolve("org/loyaltyrules/loyalty/rules/facts");

    // when
    Map<String, Set<String>> found = new TreeMap<>();
    try (Stream<Path> files = Files.list(facts)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        Matcher m = INTERNAL_REFERENCE.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (m.find()) {
          found.computeIfAbsent(file.getFileName().toString(), k -> new TreeSet<>()).add(m.group(1));
        }
      }
    }

    // then
    assertThat(found).as("rules.facts classes referring to rules.internal").isEqualTo(FACTS_INTERNAL_IMPORTS);
  }

  /** Over the limit, with no line giving the reason before the first top-level type declaration. */
  static boolean isLongWithoutReason(List<String> lines) {
    if (lines.size() <= MAX_LINES) {
      return false;
    }
    for (String line : lines) {
      if (line.contains(REASON)) {
        return false;
      }
      if (TYPE_DECLARATION.matcher(line).matches()) {
        return true;
      }
    }
    return true;
  }

  /** Every main source file by its path under its source root, with its lines. */
  static Map<String, List<String>> mainSources() throws IOException {
    Map<String, List<String>> sources = new TreeMap<>();
    for (Path root : MAIN_ROOTS) {
      assertThat(root).as("source root, from " + Path.of("").toAbsolutePath()).isDirectory();
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
          String key = root.relativize(file).toString().replace('\\', '/');
          sources.put(key, Files.readAllLines(file, StandardCharsets.UTF_8));
        }
      }
    }
    return sources;
  }
}
