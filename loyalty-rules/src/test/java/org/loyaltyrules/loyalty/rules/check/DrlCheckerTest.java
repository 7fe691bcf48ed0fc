package org.loyaltyrules.loyalty.rules.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.rules.RuleFileException;
import org.loyaltyrules.loyalty.rules.RuleFileProblem;
import org.loyaltyrules.loyalty.rules.RuleFileProblem.Severity;
import org.loyaltyrules.loyalty.rules.RuleSource;
import org.loyaltyrules.loyalty.rules.facts.Decisions;

/**
 * The rule-file checker on the hostile and broken corpus ({@code invalid/<technique>/}, expectations
 * in {@code invalid-corpus.csv}), on merchant-style rules that must pass ({@code valid/}) and on the
 * bundled defaults. Nothing here compiles or runs a rule: the corpus calls {@code System.exit}, and
 * this JVM finishing the tests is part of the proof.
 */
class DrlCheckerTest {
  static final String BASE = "org/loyaltyrules/loyalty/rules/";

  // ---- the hostile and broken corpus -------------------------------------------------------------

  /** One row of invalid-corpus.csv. */
  record Expectation(String file, String code, int line, int column, String rule) {
    @Override
    public String toString() {
      return file + " -> " + file + ":" + line + ":" + column + " [" + rule + "] " + code;
    }
  }

  static List<Expectation> expectations() {
    List<Expectation> rows = new ArrayList<>();
    for (String line : lines(BASE + "invalid-corpus.csv")) {
      if (line.isBlank() || line.startsWith("#") || line.startsWith("file,")) {
        continue;
      }
      String[] cells = line.split(",", -1);
      rows.add(new Expectation(cells[0], cells[1], Integer.parseInt(cells[2]), Integer.parseInt(cells[3]), cells[4]));
    }
    return rows;
  }

  static Stream<Expectation> corpus() {
    return expectations().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void check_hostileOrBrokenFile_isRejectedAtTheExpectedPosition(Expectation expected) {
    // given
    String drl = read(BASE + "invalid/" + expected.file());

    // when
    List<RuleFileProblem> problems = DrlChecker.check(expected.file(), drl, DrlPolicy.restricted());

    // then
    assertThat(problems).anyMatch(RuleFileProblem::isError);
    assertThat(problems)
        .as("problems of %s", expected.file())
        .anySatisfy(problem -> {
          assertThat(problem.file()).isEqualTo(expected.file());
          assertThat(problem.code()).isEqualTo(expected.code());
          assertThat(problem.line()).isEqualTo(expected.line());
          assertThat(problem.column()).isEqualTo(expected.column());
          assertThat(problem.rule()).isEqualTo(expected.rule());
          assertThat(problem.severity()).isEqualTo(Severity.ERROR);
        });
  }

  /** The techniques the hostile corpus is filed by, one folder each, and the broken files' folder. */
  static final Set<String> TECHNIQUES = Set.of("load-time-codegen", "name-scoping", "property-paths", "string-escape",
      "forged-facts", "numeric-extremes", "cpu", "memory-join", "drools-constructs", "parser-confusion", "file-level",
      "jdk-access", "syntax");

  static Set<String> corpusFiles() throws IOException {
    Path root = resourceDirectory(BASE + "invalid");
    try (Stream<Path> listing = Files.walk(root)) {
      return listing.filter(p -> p.toString().endsWith(".drl"))
          .map(p -> root.relativize(p).toString().replace('\\', '/')).collect(Collectors.toSet());
    }
  }

  @Test
  void corpus_everyFileHasAnExpectation_andIsFiledByTechnique() throws IOException {
    // given
    Set<String> files = corpusFiles();

    // when
    Set<String> expected = expectations().stream().map(Expectation::file).collect(Collectors.toSet());

    // then
    assertThat(files).hasSizeGreaterThanOrEqualTo(200).isEqualTo(expected);
    assertThat(files).allSatisfy(f -> assertThat(f.split("/")).hasSize(2).satisfies(parts ->
        assertThat(TECHNIQUES).contains(parts[0])));
    assertThat(files.stream().map(f -> f.split("/")[0]).collect(Collectors.toSet())).isEqualTo(TECHNIQUES);
  }

  @Test
  void corpus_trustedPolicy_stillReportsEverySyntaxError() {
    for (Expectation expected : expectations()) {
      if (!expected.code().equals("syntax")) {
        continue;
      }
      // given
      String drl = read(BASE + "invalid/" + expected.file());

      // when
      List<RuleFileProblem> problems = DrlChecker.check(expected.file(), drl, DrlPolicy.trusted());

      // then
      assertThat(problems).as(expected.file()).anySatisfy(p -> {
        assertThat(p.code()).isEqualTo("syntax");
        assertThat(p.line()).isEqualTo(expected.line());
        assertThat(p.column()).isEqualTo(expected.column());
      });
    }
  }

  // ---- rules that must pass ----------------------------------------------------------------------

  static Stream<String> validFiles() throws IOException {
    try (Stream<Path> listing = Files.list(resourceDirectory(BASE + "valid"))) {
      return listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".drl")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFiles")
  void check_merchantStyleRules_reportNothing(String file) {
    // given
    String path = BASE + "valid/" + file;

    // when
    List<RuleFileProblem> problems = DrlChecker.check(path, read(path), DrlPolicy.restricted());

    // then
    assertThat(problems).isEmpty();
  }

  static Stream<String> bundledFiles() throws IOException {
    try (Stream<Path> listing = Files.list(resourceDirectory(BASE + "defaults"))) {
      return listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".drl")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bundledFiles")
  void check_bundledDefaults_reportNothingUnderEitherPolicy(String file) {
    // given
    String path = BASE + "defaults/" + file;
    String drl = read(path);

    // when
    List<RuleFileProblem> trusted = DrlChecker.check(path, drl, DrlPolicy.trusted());
    List<RuleFileProblem> restricted = DrlChecker.check(path, drl, DrlPolicy.restricted());

    // then
    assertThat(trusted).isEmpty();
    assertThat(restricted).isEmpty();
  }

  // ---- syntax positions --------------------------------------------------------------------------

  @Test
  void syntax_fileEndsInsideARule_isReportedAtTheEndOfTheFile() {
    // given
    String drl = "// eof: a rule cut short.\npackage acme.eof;\n\nrule \"eof: cut\"\nwhen\n    String( length > 1 )";

    // when
    List<RuleFileProblem> problems = DrlChecker.check("eof.drl", drl, DrlPolicy.trusted());

    // then
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo("syntax");
      assertThat(p.line()).isEqualTo(6);
      assertThat(p.column()).isEqualTo("    String( length > 1 )".length() + 1);
      assertThat(p.rule()).isEqualTo("eof: cut");
      assertThat(p.message()).contains("end of file");
    });
  }

  @Test
  void syntax_severalErrors_areAllReportedWithColumns() {
    // given
    String drl = """
        // two: two broken rules.
        package acme.two;

        rule "two: first"
        when
            String( length > )
        then
        end

        rule "two: second"
        when
            String( isEmpty() == )
        then
        end
        """;

    // when
    List<RuleFileProblem> problems = DrlChecker.check("two.drl", drl, DrlPolicy.trusted());

    // then
    assertThat(problems).extracting(RuleFileProblem::line, RuleFileProblem::column, RuleFileProblem::rule)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(6, 22, "two: first"),
            org.assertj.core.groups.Tuple.tuple(12, 26, "two: second"));
  }

  @Test
  void syntax_consequenceThatIsNotJava_isReportedAtTheOffendingToken() {
    // given
    String drl = """
        // java: a consequence with a typo.
        package acme.java;

        global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

        rule "java: typo"
        when
            String()
        then
            decisions.notice("a" "b");
        end
        """;

    // when
    List<RuleFileProblem> problems = DrlChecker.check("java.drl", drl, DrlPolicy.trusted());

    // then
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo("syntax");
      assertThat(p.line()).isEqualTo(10);
      assertThat(p.column()).isEqualTo(26);
      assertThat(p.rule()).isEqualTo("java: typo");
    });
  }

  // ---- policies ---------------------------------------------------------------------------------

  @Test
  void trustedPolicy_salienceAndInsert_areNotReported() {
    // given
    String drl = """
        // inference: derives a fact for other rules.
        package acme.inference;

        import org.loyaltyrules.loyalty.rules.facts.LineFact;

        rule "inference: large quantities"
            salience 10
        when
            $l : LineFact( quantity > 10 )
        then
            insertLogical(Integer.valueOf($l.getQuantity()));
        end
        """;

    // when
    List<RuleFileProblem> trusted = DrlChecker.check("inference.drl", drl, DrlPolicy.trusted());
    List<RuleFileProblem> restricted = DrlChecker.check("inference.drl", drl, DrlPolicy.restricted());

    // then
    assertThat(trusted).isEmpty();
    assertThat(restricted).extracting(RuleFileProblem::code)
        .containsExactly("forbidden-attribute", "forbidden-call");
  }

  @Test
  void style_ruleNameHeaderAndPackageLocation_areWarnings() {
    // given
    String drl = """
        package acme.style;

        rule "Base Rate"
        when
            org.loyaltyrules.loyalty.rules.facts.OrderFact()
        then
        end
        """;

    // when
    List<RuleFileProblem> problems = DrlChecker.check("rules/other/style.drl", drl, DrlPolicy.restricted());

    // then
    assertThat(problems).allMatch(p -> p.severity() == Severity.WARNING)
        .extracting(RuleFileProblem::code, RuleFileProblem::line, RuleFileProblem::column)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("style-header", 1, 1),
            org.assertj.core.groups.Tuple.tuple("style-package-location", 1, 9),
            org.assertj.core.groups.Tuple.tuple("style-rule-name", 3, 6));
  }

  /** A campaign-kind condition in the given form, in a file otherwise valid. */
  private static final String KIND_TEMPLATE = """
      // kinds: double points.
      package acme.kinds;

      import org.loyaltyrules.loyalty.rules.facts.CampaignFact;
      import org.loyaltyrules.loyalty.rules.facts.CampaignKind;
      import org.loyaltyrules.loyalty.rules.facts.LineFact;

      global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

      rule "kinds: multiplier on every line"
      when
          $campaign : CampaignFact( kind == %s )
          $line : LineFact()
      then
          decisions.multiply($line, $campaign);
      end
      """;

  @Test
  void restrictedPolicy_misspeltCampaignKind_isRefusedAtItsLineAndColumn() {
    // when: MULTIPLER for MULTIPLIER, which as a string would silently match no campaign
    List<RuleFileProblem> typo = DrlChecker.check("kinds.drl", KIND_TEMPLATE.formatted("CampaignKind.MULTIPLER"),
        DrlPolicy.restricted());
    List<RuleFileProblem> right = DrlChecker.check("kinds.drl", KIND_TEMPLATE.formatted("CampaignKind.MULTIPLIER"),
        DrlPolicy.restricted());

    // then
    assertThat(right).noneMatch(RuleFileProblem::isError);
    assertThat(typo).filteredOn(RuleFileProblem::isError).singleElement().satisfies(problem -> {
      assertThat(problem.line()).isEqualTo(12);
      assertThat(problem.column()).isEqualTo(52); // at MULTIPLER
      assertThat(problem.rule()).isEqualTo("kinds: multiplier on every line");
      assertThat(problem.message()).contains("MULTIPLER");
    });
  }

  @Test
  void restrictedPolicy_campaignKindComparedWithAString_isRefused() {
    // when: the way rules named kinds before they were an enum
    List<RuleFileProblem> problems = DrlChecker.check("kinds.drl", KIND_TEMPLATE.formatted("\"MULTIPLIER\""),
        DrlPolicy.restricted());

    // then
    assertThat(problems).filteredOn(RuleFileProblem::isError).singleElement().satisfies(problem -> {
      assertThat(problem.line()).isEqualTo(12);
      assertThat(problem.rule()).isEqualTo("kinds: multiplier on every line");
    });
  }

  @Test
  void restrictedPolicy_collectorInternals_areRefusedButDecisionMethodsAllowed() {
    // given
    String template = """
        // collector: calls on decisions.
        package acme.collector;

        import org.loyaltyrules.loyalty.rules.facts.LineFact;

        global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

        rule "collector: call"
        when
            $line : LineFact()
        then
            %s
        end
        """;

    // when
    List<RuleFileProblem> allowed = DrlChecker.check("collector.drl",
        template.formatted("decisions.exclude($line, \"no\");"), DrlPolicy.restricted());
    List<RuleFileProblem> internal = DrlChecker.check("collector.drl",
        template.formatted("decisions.outputs().size();"), DrlPolicy.restricted());

    // then
    assertThat(allowed).isEmpty();
    assertThat(internal).extracting(RuleFileProblem::code).containsOnly("forbidden-call");
  }

  @Test
  void restrictedPolicy_qualifiedName_isRefusedWhateverItsCase() {
    // given: a class named in lower case reads like a property path; javac would still call it
    String drl = """
        // lowercase: a static call that reads like a property path.
        package acme.lowercase;

        global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

        rule "lowercase: call"
        when
            org.loyaltyrules.loyalty.rules.facts.OrderFact()
        then
            decisions.notice(org.loyaltyrules.loyalty.rules.lowercase.payload.run());
        end
        """;

    // when
    List<RuleFileProblem> problems = DrlChecker.check("lowercase.drl", drl, DrlPolicy.restricted());

    // then
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo("forbidden-type");
      assertThat(p.line()).isEqualTo(10);
      assertThat(p.column()).isEqualTo(22);
      assertThat(p.message()).contains("fully qualified");
    });
  }

  @Test
  void restrictedPolicy_localShadowingTheCollector_isRefused() {
    // given
    String drl = """
        // shadow: a local named like the collector.
        package acme.shadow;

        global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

        rule "shadow: local"
        when
            org.loyaltyrules.loyalty.rules.facts.OrderFact()
        then
            String decisions = "x";
            decisions.notice("y");
        end
        """;

    // when
    List<RuleFileProblem> problems = DrlChecker.check("shadow.drl", drl, DrlPolicy.restricted());

    // then
    assertThat(problems).extracting(RuleFileProblem::code, RuleFileProblem::line, RuleFileProblem::column)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("forbidden-variable", 10, 12));
  }

  @Test
  void restrictedPolicy_escapedBackslashBeforeU_isAStringNotAUnicodeEscape() {
    // given
    String drl = """
        // paths: a notice naming a Windows folder, and Chinese text.
        package acme.paths;

        import org.loyaltyrules.loyalty.rules.facts.OrderFact;

        global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

        rule "paths: folder"
        when
            $order : OrderFact()
        then
            decisions.notice("C:\\\\users\\\\積分 " + $order.getId());
        end
        """;

    // when
    List<RuleFileProblem> problems = DrlChecker.check("paths.drl", drl, DrlPolicy.restricted());

    // then
    assertThat(drl).contains("C:\\\\users");
    assertThat(problems).isEmpty();
  }

  @Test
  void restrictedPolicy_aThousandRuleFile_passesAndAFileBeyondTheBounds_isRefused() {
    // given
    String rule = """

        // why: one of many generated rules.
        rule "many: rule %d"
        when
            $order : OrderFact( lineCount > %d, channel in ("pos", "app") )
            $line : LineFact( quantity >= 1, sku str[startsWith] "S-%d" )
        then
            decisions.baseRate($line, 2, 100);
            decisions.notice("rule %d for " + $order.getId());
        end
        """;
    String head = """
        // many: a generated file of many rules.
        package acme.many;

        import org.loyaltyrules.loyalty.rules.facts.LineFact;
        import org.loyaltyrules.loyalty.rules.facts.OrderFact;

        global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;
        """;
    StringBuilder thousand = new StringBuilder(head);
    for (int i = 0; i < 1_000; i++) {
      thousand.append(rule.formatted(i, i, i, i));
    }
    StringBuilder tooMany = new StringBuilder(head);
    for (int i = 0; i <= DrlAllowList.MAX_RULES; i++) {
      tooMany.append("rule \"many: r").append(i).append("\" when then end\n");
    }
    String tooLong = head + "// " + "x".repeat(DrlAllowList.MAX_FILE_CHARS) + "\n";

    // when
    List<RuleFileProblem> accepted = DrlChecker.check("many.drl", thousand.toString(), DrlPolicy.restricted());
    List<RuleFileProblem> rules = DrlChecker.check("many.drl", tooMany.toString(), DrlPolicy.restricted());
    List<RuleFileProblem> length = DrlChecker.check("many.drl", tooLong, DrlPolicy.restricted());

    // then
    assertThat(accepted).isEmpty();
    assertThat(rules).filteredOn(RuleFileProblem::isError).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo("forbidden-size");
      assertThat(p.rule()).isEqualTo("many: r" + DrlAllowList.MAX_RULES);
    });
    assertThat(length).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo("forbidden-size");
      assertThat(p.line()).isEqualTo(1);
      assertThat(p.column()).isEqualTo(1);
    });
  }

  @Test
  void policy_collectorType_isTheDecisionsClass() {
    assertThat(DrlPolicy.COLLECTOR_TYPE).isEqualTo(Decisions.class.getName());
    assertThat(DrlAllowList.COLLECTOR_METHODS).contains("bonus", "baseRate", "notice", "capDailyPoints", "capOrderPoints")
        .doesNotContain("enterRule", "outputs", "firedRules", "currentRule");
  }

  @Test
  void policy_withFactPackage_allowsItsClassesGettersOnlyAndRefusesPlatformPackages() {
    // given: a host fact with getters of value types, one of a type rules may not use, and a method
    String template = """
        // custom: a host fact package.
        package acme.custom;

        import com.shop.facts.Basket;

        global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

        rule "custom: basket"
        when
            $basket : Basket( items > 3, total >= 100, coupons contains "WELCOME" )
        then
            %s
        end
        """;
    String getters = template.formatted("decisions.notice(\"items \" + $basket.getItems());");
    DrlPolicy withHostFacts = DrlPolicy.restricted().withFactPackage("com.shop.facts");

    // when
    List<RuleFileProblem> plain = DrlChecker.check("custom.drl", getters, DrlPolicy.restricted());
    List<RuleFileProblem> extended = DrlChecker.check("custom.drl", getters, withHostFacts);
    List<RuleFileProblem> thread = DrlChecker.check("custom.drl",
        template.formatted("decisions.notice(\"\" + $basket.getOwnerThread());"), withHostFacts);
    List<RuleFileProblem> method = DrlChecker.check("custom.drl",
        template.formatted("decisions.notice(\"\" + $basket.emptied());"), withHostFacts);

    // then
    assertThat(plain).extracting(RuleFileProblem::code).contains("forbidden-import");
    assertThat(extended).isEmpty();
    assertThat(thread).extracting(RuleFileProblem::code).containsExactly("forbidden-call");
    assertThat(method).extracting(RuleFileProblem::code).containsExactly("forbidden-call");
    assertThatThrownBy(() -> DrlPolicy.restricted().withFactPackage("java.io"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("Invalid DRL policy: factPackage [java.io]; expected a package outside the JDK, Drools and KIE");
    assertThatThrownBy(() -> DrlPolicy.restricted().withFactPackage("org.loyaltyrules.loyalty.rules.internal"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("outside the library's code packages");
  }

  @Test
  void check_ruleSource_usesTheRestrictedPolicyForMerchantFiles() {
    // given
    String drl = read(BASE + "invalid/jdk-access/system-exit.drl");

    // when
    List<RuleFileProblem> merchant = DrlChecker.check(RuleSource.of("system-exit.drl", drl));
    List<RuleFileProblem> bundled = DrlChecker.check(new RuleSource("system-exit.drl", drl, true));

    // then
    assertThat(merchant).extracting(RuleFileProblem::code).contains("forbidden-call");
    assertThat(bundled).noneMatch(RuleFileProblem::isError);
  }

  // ---- the exception ----------------------------------------------------------------------------

  @Test
  void requireValid_fileWithErrors_throwsListingEveryProblem() {
    // given
    String drl = """
        package acme.exit;

        rule "exit: now"
        when
        then
            System.exit(1);
        end
        """;

    // when / then
    assertThatThrownBy(() -> DrlChecker.requireValid("exit.drl", drl, DrlPolicy.restricted()))
        .isInstanceOfSatisfying(RuleFileException.class, e -> {
          assertThat(e.code()).isEqualTo("rule-file");
          assertThat(e.problems()).extracting(RuleFileProblem::code)
              .containsExactly("style-header", "forbidden-call");
        })
        .hasMessage("""
            Invalid rule files: 1 error
              exit.drl:1:1: style-header: Missing header comment: first line [package acme.exit;]; expected // <concern>: <one sentence of what this file decides>
              exit.drl:6:12: [exit: now] forbidden-call: Forbidden call: static method [System.exit]: System is java.lang.System, not an allowed type; expected static calls only of [BigDecimal.valueOf, LocalDate.of, Math.abs, Math.max, Math.min]""");
  }

  @Test
  void requireValid_onlyWarnings_returnsThem() {
    // given
    String drl = "package acme.warn;\n";

    // when
    List<RuleFileProblem> warnings = DrlChecker.requireValid("warn.drl", drl, DrlPolicy.restricted());

    // then
    assertThat(warnings).extracting(RuleFileProblem::code).containsExactly("style-header");
  }

  // ---- helpers ----------------------------------------------------------------------------------

  static String read(String resource) {
    try (var in = DrlCheckerTest.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> lines(String resource) {
    return read(resource).lines().toList();
  }

  static Path resourceDirectory(String resource) {
    try {
      return Path.of(DrlCheckerTest.class.getClassLoader().getResource(resource).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
