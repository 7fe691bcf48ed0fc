package org.loyaltyrules.loyalty.rules.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.rules.GrammarRules;
import org.loyaltyrules.loyalty.rules.RuleBase;
import org.loyaltyrules.loyalty.rules.RuleFileException;
import org.loyaltyrules.loyalty.rules.RuleFileProblem;
import org.loyaltyrules.loyalty.rules.RuleSource;

/**
 * The compiled-code check: what known-good rule files compile to is exactly what the allow-list
 * permits (nothing missing, nothing unused), and code smuggled into the generated Java past the
 * grammar (here: through a trusted file, which skips the grammar) is refused before any of it runs.
 *
 * <p>Run with {@code -Dallowlist.print=true} to print every external reference of the known-good
 * corpus, for reviewing changes to {@code generated-code-allowlist.txt}.
 */
class GeneratedCodeVerifierTest {
  private static final Path RESOURCES = Path.of("src", "test", "resources");
  private static final Path GUIDE = Path.of("..", "docs", "writing-rules.md");
  private static final Pattern SNIPPET = Pattern.compile(
      "<!-- snippet: [a-z0-9-]+/([A-Za-z0-9._-]+\\.drl) -->\\s*```drl\\n(.*?)```", Pattern.DOTALL);

  /** Rule files that must compile to allowed code: bundled, the merchant example, the guide's snippets, coverage. */
  static List<List<RuleSource>> knownGoodCorpus() {
    List<List<RuleSource>> corpus = new ArrayList<>();
    corpus.add(RuleBase.defaultSources());
    for (Path dir : List.of(RESOURCES.resolve("merchant-example"),
        RESOURCES.resolve("org/loyaltyrules/loyalty/rules/verifier"))) {
      for (Path file : drlFiles(dir)) {
        corpus.add(List.of(RuleSource.of(file.getFileName().toString(), read(file))));
      }
    }
    for (Path file : drlFiles(RESOURCES.resolve("org/loyaltyrules/loyalty/rules/valid"))) {
      corpus.add(List.of(RuleSource.of(file.getFileName().toString(), read(file))));
    }
    corpus.add(List.of(RuleSource.of("signatures.drl", signatureCoverage())));
    for (long seed = 1; seed <= 12; seed++) {
      corpus.add(List.of(RuleSource.of("grammar-" + seed + ".drl", GrammarRules.file(new java.util.Random(seed)))));
    }
    Matcher m = SNIPPET.matcher(read(GUIDE));
    while (m.find()) {
      RuleSource snippet = RuleSource.of(m.group(1), m.group(2));
      // The guide also shows files with mistakes, to explain the checker's reports; only what a
      // merchant could load belongs here.
      if (DrlChecker.check(snippet).stream().noneMatch(RuleFileProblem::isError)) {
        corpus.add(List.of(snippet));
      }
    }
    return corpus;
  }

  /**
   * One call of every value method the grammar allows ({@code DrlAllowList.SIGNATURES}), as
   * consequence locals, so the compiled-code allow-list covers all the grammar lets through.
   */
  static String signatureCoverage() {
    Map<Class<?>, String> receivers = Map.of(java.math.BigDecimal.class, "$base", String.class, "$channel",
        java.time.LocalDate.class, "$date", java.time.DayOfWeek.class, "$day", java.time.Month.class, "$date.getMonth()",
        java.time.temporal.ChronoUnit.class, "ChronoUnit.DAYS", java.util.Collection.class, "$tags",
        Long.class, "$n", Integer.class, "$most");
    Map<Class<?>, String> arguments = Map.of(java.math.BigDecimal.class, "BigDecimal.ONE", int.class, "2", long.class, "2L",
        java.math.RoundingMode.class, "RoundingMode.DOWN", String.class, "\"x\"", Object.class, "\"x\"",
        CharSequence.class, "\"x\"", java.time.chrono.ChronoLocalDate.class, "$date", java.time.temporal.Temporal.class, "$date",
        java.time.Month.class, "Month.MAY");
    StringBuilder drl = new StringBuilder("""
        // signatures: one call of every value method of the restricted grammar.
        package org.loyaltyrules.loyalty.rules.verifier;

        import org.loyaltyrules.loyalty.rules.facts.*;
        import java.math.BigDecimal;
        import java.math.RoundingMode;
        import java.time.LocalDate;
        import java.time.DayOfWeek;
        import java.time.Month;
        import java.time.temporal.ChronoUnit;

        global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;
        """);
    int local = 0;
    int rule = 0;
    List<DrlAllowList.Signature> all = DrlAllowList.SIGNATURES;
    for (int from = 0; from < all.size(); from += 6) {
      drl.append("""

          rule "signatures: part %d"
          when
              MemberFact( $tags : tags )
              $order : OrderFact( $base : earningBase, $channel : channel, $date : localDate, $day : dayOfWeek )
              accumulate( LineFact( $q : quantity ) ; $n : count(), $most : max( $q ) )
          then
          """.formatted(++rule));
      for (DrlAllowList.Signature signature : all.subList(from, Math.min(all.size(), from + 6))) {
        String target = signature.isStatic() ? signature.owner().getSimpleName() : receivers.get(signature.owner());
        String args = signature.parameters().stream().map(arguments::get).collect(java.util.stream.Collectors.joining(", "));
        drl.append("    final ").append(signature.result().getSimpleName()).append(" v").append(local++).append(" = ")
            .append(target).append('.').append(signature.name()).append('(').append(args).append(");\n");
      }
      drl.append("    decisions.notice(\"part ").append(rule).append("\");\nend\n");
    }
    return drl.toString();
  }

  static Map<String, byte[]> compiled(List<RuleSource> sources) {
    Map<String, byte[]> classes = RuleBase.generatedClasses(sources);
    assertThat(classes).as("classes generated for %s", sources.stream().map(RuleSource::name).toList()).isNotEmpty();
    return classes;
  }

  @Test
  void knownGoodRuleFiles_compileOnlyToAllowedCode() {
    // given
    List<List<RuleSource>> corpus = knownGoodCorpus();
    Set<String> all = new TreeSet<>();

    // when
    List<String> refused = new ArrayList<>();
    for (List<RuleSource> files : corpus) {
      for (RuleSource file : files) {
        DrlChecker.check(file).stream().filter(RuleFileProblem::isError).forEach(p -> refused.add("checker: " + p));
      }
      Map<String, byte[]> classes = compiled(files);
      all.addAll(GeneratedCodeVerifier.externalReferences(classes));
      GeneratedCodeVerifier.standard().verify(classes).forEach(f -> refused.add(files.get(0).name() + ": " + f));
    }
    if (Boolean.getBoolean("allowlist.print")) {
      all.forEach(System.out::println);
    }

    // then
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(10);
    assertThat(refused).isEmpty();
  }

  @Test
  void everyAllowListEntry_isNeededByAKnownGoodRuleFile() {
    // given
    Set<String> used = new TreeSet<>();
    for (List<RuleSource> files : knownGoodCorpus()) {
      used.addAll(GeneratedCodeVerifier.externalReferences(compiled(files)));
    }

    // when
    List<String> unused = allowListLines().stream()
        .filter(line -> used.stream().noneMatch(u -> GeneratedCodeVerifier.family(line).matcher(u).matches()))
        .toList();

    // then: an entry nothing needs widens what rule code may reach for no reason
    assertThat(unused).isEmpty();
  }

  @Test
  void codeSmuggledThroughAnEntryPointString_isRefusedBeforeItRuns() {
    // given: Drools pastes the unescaped entry-point name into generated Java; a trusted file skips
    // the grammar, so only the compiled-code check stands between this and System.exit
    RuleSource smuggler = new RuleSource("smuggler.drl", """
        package org.loyaltyrules.loyalty.rules.defaults;
        import org.loyaltyrules.loyalty.rules.facts.LineFact;
        global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;
        rule "smuggler: exit while loading"
        when
          $l : LineFact() from entry-point "x\\" + new Object() { { System.exit(66); } } + \\""
        then
          decisions.notice("never");
        end
        """, true);

    // when / then: rejected at the rule, and this JVM is still here to assert it
    assertThatThrownBy(() -> RuleBase.compile(List.of(smuggler)))
        .isInstanceOfSatisfying(RuleFileException.class, e -> assertThat(e.problems())
            .anySatisfy(p -> {
              assertThat(p.code()).isEqualTo(GeneratedCode.CODE);
              assertThat(p.file()).isEqualTo("smuggler.drl");
              assertThat(p.line()).isEqualTo(4);
              assertThat(p.column()).isEqualTo(6);
              assertThat(p.rule()).isEqualTo("smuggler: exit while loading");
              assertThat(p.message()).contains("java.lang.System.exit");
            }));
  }

  @Test
  void anEntryPointItself_isNotAllowedCode() {
    // given: an entry point is no shape of the grammar, so the compiled check refuses it too
    RuleSource entryPoint = new RuleSource("entry.drl", """
        package org.loyaltyrules.loyalty.rules.defaults;
        import org.loyaltyrules.loyalty.rules.facts.LineFact;
        global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;
        rule "entry: line from elsewhere"
        when
          $l : LineFact() from entry-point "elsewhere"
        then
          decisions.notice("x");
        end
        """, true);

    // when
    List<RuleFileProblem> problems = RuleBase.check(List.of(entryPoint));

    // then
    assertThat(problems).extracting(RuleFileProblem::code).contains(GeneratedCode.CODE);
    assertThat(problems).extracting(RuleFileProblem::message).anyMatch(m -> m.contains("entryPoint"));
  }

  @Test
  void aConsequenceReachingTheJdk_isRefusedAtItsRuleInItsFile() {
    // given: two trusted files in one package; the second one's consequence writes a system property
    RuleSource good = RuleBase.defaultSources().get(0);
    RuleSource bad = new RuleSource("zz-bad.drl", """
        package org.loyaltyrules.loyalty.rules.defaults;
        import org.loyaltyrules.loyalty.rules.facts.MemberFact;
        global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

        rule "bad: harmless looking"
        when
          MemberFact()
        then
          decisions.notice("ok");
        end

        rule "bad: writes a property"
        when
          MemberFact()
        then
          System.setProperty("owned", "yes");
        end
        """, true);

    // when
    List<RuleFileProblem> problems = RuleBase.check(List.of(good, bad));

    // then
    assertThat(problems).filteredOn(p -> p.code().equals(GeneratedCode.CODE)).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo("zz-bad.drl");
      assertThat(p.rule()).isEqualTo("bad: writes a property");
      assertThat(p.line()).isEqualTo(12);
      assertThat(p.column()).isEqualTo(6);
      assertThat(p.message()).contains("the method java.lang.System.setProperty(");
    });
    assertThat(System.getProperty("owned")).isNull();
  }

  // ------------------------------------------------------------------ helpers

  static List<String> allowListLines() {
    try (InputStream in = GeneratedCodeVerifier.class.getResourceAsStream(GeneratedCodeVerifier.ALLOW_LIST)) {
      assertThat(in).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> drlFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".drl")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
