package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.files.RuleFiles;

/**
 * A merchant rule that reuses another file's rule name is reported in the merchant's file, at its
 * rule's name, never in the bundled file: whether the clash is seen by {@link RuleFiles} across
 * files (any packages) or by the Drools compiler within one package ({@link RuleBase#check}).
 */
class RuleNameClashTest {
  private static final Programme TAIWAN = Programmes.taiwan(List.of());
  private static final String BUNDLED_NAME = "earning: base rate for member tier";

  /** A merchant file declaring {@code name} in {@code pkg}; the rule's name is on line 11, column 6. */
  private static String merchantFile(String pkg, String name) {
    return """
        // bonus: a merchant's extra rate.
        // Facts read: MemberFact, LineFact. Facts emitted: none (calls decisions.baseRate).
        package %s;

        import org.loyaltyrules.loyalty.rules.facts.MemberFact;
        import org.loyaltyrules.loyalty.rules.facts.LineFact;

        global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

        // why: every line earns a little more.
        rule "%s"
        when
            MemberFact( tier == "member" )
            $line : LineFact()
        then
            decisions.baseRate($line, 5, 100);
        end
        """.formatted(pkg, name);
  }

  private static List<RuleSource> overBundled(RuleSource merchant) {
    List<RuleSource> sources = new ArrayList<>(RuleBase.defaultSources());
    sources.add(merchant);
    return sources;
  }

  @Test
  void load_merchantRuleInAnotherPackageWithABundledName_reportedInTheMerchantFile() {
    // given: Drools accepts this (another package), and the merchant rule's points would be recorded
    // under the bundled rule's name
    RuleFiles files = RuleFiles.of(List.of(RuleSource.of("bonus.drl", merchantFile("org.acme.loyalty", BUNDLED_NAME))))
        .over(RuleFiles.bundled());

    // when
    RuleFileException e = catchThrowableOfType(RuleFileException.class, () -> files.load(TAIWAN));

    // then
    assertThat(e).isNotNull();
    assertThat(e.problems()).filteredOn(RuleFileProblem::isError).singleElement()
        .hasToString("bonus.drl:11:6: [earning: base rate for member tier] duplicate-rule: Duplicate rule: name"
            + " [earning: base rate for member tier] is already used by the bundled file earning.drl line 12;"
            + " expected a name no other rule file uses (to change a bundled rule, replace its file with one of"
            + " the same name)");
  }

  @Test
  void load_merchantRuleInTheBundledPackageWithABundledName_reportedOnceInTheMerchantFile() {
    // given: same package, so the Drools compiler sees the clash too (and used to blame earning.drl)
    RuleFiles files = RuleFiles.of(List.of(RuleSource.of("bonus.drl",
        merchantFile("org.loyaltyrules.loyalty.rules.defaults", BUNDLED_NAME)))).over(RuleFiles.bundled());

    // when
    List<RuleFileProblem> problems = files.check(TAIWAN);

    // then
    assertThat(problems).filteredOn(RuleFileProblem::isError)
        .extracting(RuleFileProblem::file, RuleFileProblem::line, RuleFileProblem::column, RuleFileProblem::code)
        .containsExactly(tuple("bonus.drl", 11, 6, "duplicate-rule"));
  }

  @Test
  void check_compilerFindsTheClashInOnePackage_placedInTheMerchantFileNotTheBundledOne() {
    // given: RuleBase.check alone has no cross-file step: only Drools' "Duplicate rule name" message
    List<RuleSource> sources = overBundled(RuleSource.of("a-bonus.drl",
        merchantFile("org.loyaltyrules.loyalty.rules.defaults", BUNDLED_NAME)));

    // when
    List<RuleFileProblem> problems = RuleBase.check(sources);

    // then: a-bonus.drl sorts before earning.drl, which the compiler may blame; the merchant file is named
    assertThat(problems).filteredOn(RuleFileProblem::isError)
        .extracting(RuleFileProblem::file, RuleFileProblem::line, RuleFileProblem::column, RuleFileProblem::rule,
            RuleFileProblem::code)
        .containsExactly(tuple("a-bonus.drl", 11, 6, BUNDLED_NAME, "duplicate-rule"));
  }

  @Test
  void load_twoMerchantFilesShareAName_reportedInTheLaterFile() {
    // given
    RuleFiles files = RuleFiles.of(List.of(
        RuleSource.of("a.drl", merchantFile("org.acme.a", "bonus: extra rate")),
        RuleSource.of("b.drl", merchantFile("org.acme.b", "bonus: extra rate"))));

    // when
    List<RuleFileProblem> problems = files.check(TAIWAN);

    // then
    assertThat(problems).filteredOn(RuleFileProblem::isError).singleElement().satisfies(p -> {
      assertThat(p).extracting(RuleFileProblem::file, RuleFileProblem::line, RuleFileProblem::code)
          .containsExactly("b.drl", 11, "duplicate-rule");
      assertThat(p.message()).contains("is already used by a.drl line 11;");
    });
  }
}
