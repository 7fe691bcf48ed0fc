package org.loyaltyrules.loyalty.rules.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.rules.RuleFileProblem;
import org.loyaltyrules.loyalty.rules.RuleFileProblem.Severity;

/**
 * Event kinds are an enum ({@code EventKind}), not strings: a rule compares with its constants, a
 * misspelt constant or a leftover string kind is refused at its line and column before anything is
 * compiled, and nothing but the constants can be reached through the enum.
 */
class FactEnumsTest {
  private static final String TEMPLATE = """
      // review: a rule on tier reviews.
      package acme.review;

      %s

      global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

      rule "review: note"
      when
          EventFact( kind == %s )
      then
          decisions.notice("reviewed");
      end
      """;
  private static final String IMPORTS = """
      import org.loyaltyrules.loyalty.rules.facts.EventFact;
      import org.loyaltyrules.loyalty.rules.facts.EventKind;""";

  private static List<RuleFileProblem> check(String imports, String kind) {
    return DrlChecker.check("review.drl", TEMPLATE.formatted(imports, kind), DrlPolicy.restricted());
  }

  @Test
  void check_eventKindConstant_isAccepted() {
    // when
    List<RuleFileProblem> problems = check(IMPORTS, "EventKind.TIER_REVIEW");

    // then
    assertThat(problems).isEmpty();
  }

  @Test
  void check_eventKindThroughWildcardImport_isAccepted() {
    // when
    List<RuleFileProblem> problems = check("import org.loyaltyrules.loyalty.rules.facts.*;\n",
        "EventKind.ORDER_RETURNED");

    // then
    assertThat(problems).isEmpty();
  }

  @Test
  void check_misspeltEventKind_isRefusedAtItsLineAndColumn() {
    // when
    List<RuleFileProblem> problems = check(IMPORTS, "EventKind.TIER_REVEIW");

    // then: line 11 is the pattern; column 34 is the misspelt constant
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.severity()).isEqualTo(Severity.ERROR);
      assertThat(p.code()).isEqualTo("forbidden-property");
      assertThat(p.file()).isEqualTo("review.drl");
      assertThat(p.line()).isEqualTo(11);
      assertThat(p.column()).isEqualTo(34);
      assertThat(p.rule()).isEqualTo("review: note");
      assertThat(p.message()).isEqualTo("Forbidden constant: [EventKind.TIER_REVEIW]; expected one of "
          + "[CUSTOM_EVENT, DAY_STARTED, MEMBER_ENROLLED, ORDER_PAID, ORDER_RETURNED, TIER_REVIEW]");
    });
  }

  @Test
  void check_eventKindAsString_isRefusedInsteadOfNeverMatching() {
    // when: the kind as it was written before it became an enum
    List<RuleFileProblem> problems = check(IMPORTS, "\"TIER_REVIEW\"");

    // then
    assertThat(problems).isNotEmpty().allMatch(p -> p.severity() == Severity.ERROR)
        .allSatisfy(p -> assertThat(p.line()).isEqualTo(11));
  }

  @Test
  void check_eventKindWithoutImport_isRefused() {
    // when
    List<RuleFileProblem> problems = check("import org.loyaltyrules.loyalty.rules.facts.EventFact;\n// no EventKind",
        "EventKind.TIER_REVIEW");

    // then
    assertThat(problems).extracting(RuleFileProblem::line, RuleFileProblem::column)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(11, 24));
  }

  @Test
  void check_methodsOfTheEnum_areRefused() {
    // when: an enum's inherited methods lead out of the fact model (getDeclaringClass → Class)
    List<RuleFileProblem> declaringClass = check(IMPORTS, "EventKind.TIER_REVIEW.getDeclaringClass()");
    List<RuleFileProblem> name = check(IMPORTS, "EventKind.valueOf(\"TIER_REVIEW\")");
    List<RuleFileProblem> property = check(IMPORTS, "EventKind.TIER_REVIEW.declaringClass");
    List<RuleFileProblem> ordinal = check(IMPORTS, "EventKind.TIER_REVIEW, kind.ordinal() > 0");

    // then
    assertThat(declaringClass).isNotEmpty().allMatch(p -> p.severity() == Severity.ERROR);
    assertThat(name).isNotEmpty().allMatch(p -> p.severity() == Severity.ERROR);
    assertThat(property).isNotEmpty().allMatch(p -> p.severity() == Severity.ERROR);
    assertThat(ordinal).isNotEmpty().allMatch(p -> p.severity() == Severity.ERROR);
  }
}
