package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Programme;

/**
 * What {@link RuleBase#compile} does with files before and after Drools sees them: the checker
 * rejects untrusted files first, the compiler's own findings are placed in the merchant's file
 * (never in the Java Drools generated), a compiler crash is a rejection rather than an exception,
 * and compiling works under a default locale whose case mapping Drools' code generator trips on.
 */
class RuleBaseLoadingTest {
  private static final Programme TAIWAN = Programmes.taiwan(List.of());

  /** A merchant file with one rule; {@code %s} is its condition, {@code %s} its consequence. */
  private static String merchantFile(String condition, String consequence) {
    return """
        // vip: extra points for the merchant's best customers.
        // Facts read: MemberFact, LineFact. Facts emitted: none (calls decisions.baseRate).
        package org.acme.loyalty;

        import org.loyaltyrules.loyalty.rules.facts.MemberFact;
        import org.loyaltyrules.loyalty.rules.facts.LineFact;

        global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

        // why: gold members earn a bonus rate.
        rule "vip: gold bonus rate"
        when
            %s
            $line : LineFact()
        then
            %s
        end
        """.formatted(condition, consequence);
  }

  private static List<RuleSource> overDefaults(RuleSource... merchant) {
    List<RuleSource> sources = new ArrayList<>(RuleBase.defaultSources());
    sources.addAll(List.of(merchant));
    return sources;
  }

  @Test
  void compile_untrustedFileWithForbiddenCall_rejectedByTheCheckerBeforeDroolsRuns() {
    // given: besides the forbidden call, the file has two mistakes (an unknown property, and a number
    // compared with text) that the typed grammar finds before Drools would
    String text = merchantFile("MemberFact( tierz == \"gold\", tierRank == \"gold\" )", "System.exit(0);");

    // when
    RuleFileException e = catchThrowableOfType(RuleFileException.class,
        () -> RuleBase.compile(List.of(RuleSource.of("vip.drl", text))));

    // then
    assertThat(e).isNotNull();
    assertThat(e.problems()).filteredOn(RuleFileProblem::isError)
        .extracting(RuleFileProblem::file, RuleFileProblem::line, RuleFileProblem::column, RuleFileProblem::rule,
            RuleFileProblem::code)
        .containsExactly(
            tuple("vip.drl", 13, 17, "vip: gold bonus rate", "forbidden-property"),
            tuple("vip.drl", 13, 43, "vip: gold bonus rate", "forbidden-comparison"),
            tuple("vip.drl", 16, 12, "vip: gold bonus rate", "forbidden-call"));
    assertThat(e.problems()).extracting(RuleFileProblem::code).doesNotContain("compile");
  }

  @Test
  void compile_consequenceOnlyTheJavaCompilerRejects_placedInTheMerchantFileWithoutGeneratedCode() {
    // given: a call with one argument too many passes the checker (the collector may be called) and
    // fails in the Java Drools generates from the consequence; the bundled files share the build
    String text = merchantFile("MemberFact( tier == \"gold\" )", "decisions.baseRate($line, 2, 100, 7);");

    // when
    List<RuleFileProblem> problems = RuleBase.check(overDefaults(RuleSource.of("vip.drl", text)));

    // then
    assertThat(problems).filteredOn(RuleFileProblem::isError).singleElement().satisfies(p -> {
      assertThat(p).hasToString("vip.drl:16:15: [vip: gold bonus rate] compile: The method baseRate(LineFact, int, int)"
          + " in the type Decisions is not applicable for the arguments (LineFact, int, int, int)");
      assertThat(p.message()).doesNotContain("\n", ".java", "Java source", "LambdaConsequence");
    });
  }

  @Test
  void compile_consequenceErrorWrappedOverLines_placedAtTheStatementWhateverItsLayout() {
    // given: a single file, the statement spread over lines with odd spacing; trusted, since the
    // restricted grammar would refuse the unknown binding before the compiler sees it
    String text = merchantFile("MemberFact( tier == \"gold\" )", "decisions.baseRate( $lin,\n        2,   100 );");

    // when
    List<RuleFileProblem> problems = RuleBase.check(List.of(new RuleSource("vip.drl", text, true)));

    // then: the unknown variable is reported where it is written, not at the generated Java's position
    assertThat(problems).filteredOn(RuleFileProblem::isError).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo("vip.drl");
      assertThat(p.line()).isEqualTo(16);
      assertThat(p.column()).isEqualTo(25);
      assertThat(p.rule()).isEqualTo("vip: gold bonus rate");
      assertThat(p.message()).isEqualTo("$lin cannot be resolved to a variable");
    });
  }

  @Test
  void compile_unknownProperty_placedAtTheConditionWithItsRule() {
    // given: trusted, since the restricted grammar would refuse the unknown property before the compiler
    String text = merchantFile("MemberFact( tierz == \"gold\" )", "decisions.baseRate($line, 2, 100);");

    // when
    List<RuleFileProblem> problems = RuleBase.check(overDefaults(new RuleSource("vip.drl", text, true)));

    // then
    assertThat(problems).filteredOn(RuleFileProblem::isError).singleElement().satisfies(p -> assertThat(p)
        .hasToString("vip.drl:13:17: [vip: gold bonus rate] compile: Unable to parse left part of expression:"
            + " tierz == \"gold\""));
  }

  @Test
  void compile_sameRuleNameInTwoFiles_reportedAtTheDeclarationInTheLaterFile() {
    // given: two files declare one rule, on different lines; "a-earning.drl" ends with the other's
    // name; only the compiler sees across files
    String first = merchantFile("MemberFact( tier == \"gold\" )", "decisions.baseRate($line, 2, 100);");
    String second = first.replace("// why: gold members", "// a copy, one line lower\n// why: gold members");
    Map<String, String> texts = Map.of("earning.drl", first, "a-earning.drl", second);

    // when
    List<RuleFileProblem> problems = RuleBase.check(List.of(RuleSource.of("earning.drl", first),
        RuleSource.of("a-earning.drl", second)));

    // then: whichever file the compiler blames, the later file is named, at its declaration of the rule
    assertThat(problems).filteredOn(RuleFileProblem::isError).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo("duplicate-rule");
      assertThat(p.message()).isEqualTo("Duplicate rule: name [vip: gold bonus rate] is already used by"
          + " earning.drl line 11; expected a name no other rule file uses");
      assertThat(p.rule()).isEqualTo("vip: gold bonus rate");
      assertThat(p.file()).isEqualTo("a-earning.drl");
      assertThat(texts.get(p.file()).lines().toList().get(p.line() - 1)).isEqualTo("rule \"vip: gold bonus rate\"");
    });
  }

  @Test
  void compile_numberPropertyComparedWithText_rejectedWithAProblemInsteadOfACompilerCrash() {
    // given: Drools' code generator throws NumberFormatException on this instead of reporting it;
    // two files, so the problem has to be placed in the one that causes it
    String crashing = merchantFile("MemberFact( tierRank == \"gold\" )", "decisions.baseRate($line, 2, 100);");
    String fine = merchantFile("MemberFact( tier == \"gold\" )", "decisions.baseRate($line, 2, 100);")
        .replace("vip: gold bonus rate", "vip: other gold rate");
    List<RuleSource> merchant = List.of(RuleSource.of("a-fine.drl", fine), RuleSource.of("b-rank.drl", crashing));
    List<RuleSource> trusted = List.of(new RuleSource("a-fine.drl", fine, true), new RuleSource("b-rank.drl", crashing, true));

    // when / then: the restricted grammar refuses the comparison before Drools runs
    assertThatThrownBy(() -> RuleBase.compile(merchant)).isInstanceOfSatisfying(RuleFileException.class,
        e -> assertThat(e.problems()).filteredOn(RuleFileProblem::isError).singleElement().satisfies(p -> {
          assertThat(p.file()).isEqualTo("b-rank.drl");
          assertThat(p.line()).isEqualTo(13);
          assertThat(p.column()).isEqualTo(26);
          assertThat(p.rule()).isEqualTo("vip: gold bonus rate");
          assertThat(p.code()).isEqualTo("forbidden-comparison");
        }));
    // and in files the checker trusts, the compiler's crash is still a rejection, not an exception
    assertThatThrownBy(() -> RuleBase.compile(trusted)).isInstanceOfSatisfying(RuleFileException.class,
        e -> assertThat(e.problems()).filteredOn(RuleFileProblem::isError).singleElement().satisfies(p -> {
          assertThat(p.code()).isEqualTo("compile");
          assertThat(p.message()).contains("\"gold\"").doesNotContain("\n");
        }));
  }

  @Test
  void check_cleanFilesWithStyleWarnings_returnsTheWarningsWithoutThrowing() {
    // given: no header comment and a rule name without a concern prefix: style, not errors
    String text = merchantFile("MemberFact( tier == \"gold\" )", "decisions.baseRate($line, 2, 100);")
        .replace("\"vip: gold bonus rate\"", "\"gold bonus rate\"")
        .lines().filter(l -> !l.startsWith("// vip:") && !l.startsWith("// Facts read"))
        .reduce("", (a, b) -> a + b + "\n");
    List<RuleSource> sources = List.of(RuleSource.of("vip.drl", text));

    // when
    List<RuleFileProblem> checked = RuleBase.check(sources);

    // then
    assertThat(checked).isNotEmpty().noneMatch(RuleFileProblem::isError);
    assertThat(checked).extracting(RuleFileProblem::code).contains("style-header", "style-rule-name");
    assertThat(checked).allSatisfy(p -> assertThat(p.file()).isEqualTo("vip.drl"));
  }

  @Test
  void compile_cleanFilesWithStyleWarnings_loadAndKeepTheWarnings() {
    // given
    String text = merchantFile("MemberFact( tier == \"gold\" )", "decisions.baseRate($line, 2, 100);")
        .replace("\"vip: gold bonus rate\"", "\"gold bonus rate\"");

    // when
    RuleBase ruleBase = RuleBase.compile(List.of(RuleSource.of("vip.drl", text)));

    // then
    // recorded with its file: not a bundled file
    assertThat(ruleBase.ruleNames()).containsExactly("gold bonus rate (vip.drl)");
    assertThat(ruleBase.warnings()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo("style-rule-name");
      assertThat(p.line()).isEqualTo(11);
      assertThat(p.isError()).isFalse();
    });
  }

  @Test
  void compile_underTurkishDefaultLocale_compilesDecidesAndLeavesTheLocaleAsItWas() {
    // given: Turkish lower-cases "I" to a dotless "ı", which breaks Drools' generated type names;
    // the display and format categories are set apart so that restoring them can be seen
    Locale previous = Locale.getDefault();
    Locale previousDisplay = Locale.getDefault(Locale.Category.DISPLAY);
    Locale previousFormat = Locale.getDefault(Locale.Category.FORMAT);
    Locale turkish = Locale.forLanguageTag("tr-TR");
    Locale german = Locale.forLanguageTag("de-DE");
    try {
      Locale.setDefault(turkish);
      Locale.setDefault(Locale.Category.FORMAT, german);

      // when
      RuleBase ruleBase = RuleBase.defaults();
      Locale afterCompile = Locale.getDefault();
      Locale displayAfterCompile = Locale.getDefault(Locale.Category.DISPLAY);
      Locale formatAfterCompile = Locale.getDefault(Locale.Category.FORMAT);
      Shop shop = new Shop(LoyaltyRulesEngine.builder(TAIWAN).ruleBase(ruleBase).build());
      shop.join(Member.of("m-1", taipei("2024-01-01T00:00"), "member"));
      Decision decision = shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-03-05T12:00"), "1250")));

      // then
      assertThat(ruleBase.version()).isEqualTo(Fixtures.defaults().version());
      assertThat(decision.firedRules()).containsExactly("earning: base rate for member tier");
      assertThat(decision.pointsFor("m-1").value()).isEqualTo(12);
      assertThat(afterCompile).isEqualTo(turkish);
      assertThat(displayAfterCompile).isEqualTo(turkish);
      assertThat(formatAfterCompile).isEqualTo(german);
    } finally {
      Locale.setDefault(previous);
      Locale.setDefault(Locale.Category.DISPLAY, previousDisplay);
      Locale.setDefault(Locale.Category.FORMAT, previousFormat);
    }
  }
}
