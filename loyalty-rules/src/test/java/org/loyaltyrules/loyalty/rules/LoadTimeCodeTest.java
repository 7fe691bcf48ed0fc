package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.check.GeneratedCode;
import org.loyaltyrules.loyalty.rules.files.RuleFiles;

/**
 * A rule file whose generated code would end the JVM while the rules load is rejected on every
 * path that loads rules, and the process (this test JVM: were the code run, the test run would
 * die with exit status 66) and the running engine keep going.
 */
class LoadTimeCodeTest {
  private static final Programme PROGRAMME = Programmes.taiwan(List.of());

  /** Drools unescapes the entry-point name and pastes it into generated Java as it is. */
  static final String EXIT_WHILE_LOADING = """
      // exit: an instance initialiser smuggled into generated Java through an entry-point name.
      package org.loyaltyrules.loyalty.rules.merchant;

      import org.loyaltyrules.loyalty.rules.facts.LineFact;

      global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

      rule "exit: while the rules load"
      when
          $line : LineFact() from entry-point "x\\" + new Object() { { System.exit(66); } } + \\""
      then
          decisions.notice("never");
      end
      """;

  @Test
  void load_untrustedFileThatWouldExit_isRejectedAtItsRule() {
    // given
    RuleFiles files = RuleFiles.of(List.of(RuleSource.of("exit.drl", EXIT_WHILE_LOADING))).over(RuleFiles.bundled());

    // when / then
    assertThatThrownBy(() -> files.load(PROGRAMME))
        .isInstanceOfSatisfying(RuleFileException.class, e -> assertThat(e.problems())
            .filteredOn(RuleFileProblem::isError)
            .isNotEmpty()
            .allSatisfy(p -> {
              assertThat(p.file()).isEqualTo("exit.drl");
              assertThat(p.rule()).isEqualTo("exit: while the rules load");
              // the grammar refuses the entry point on line 10; the compiled-code check, the rule on line 8
              assertThat(p.line()).isBetween(8, 10);
            }));
  }

  @Test
  void compile_trustedFileThatWouldExit_isStoppedByTheCompiledCodeCheck() {
    // given: trusted text skips the grammar, so this is the compiled-code check alone
    RuleSource trusted = new RuleSource("exit.drl", EXIT_WHILE_LOADING, true);

    // when / then
    assertThatThrownBy(() -> RuleBase.compile(List.of(trusted)))
        .isInstanceOfSatisfying(RuleFileException.class, e -> assertThat(e.problems())
            .extracting(RuleFileProblem::code).contains(GeneratedCode.CODE));
  }

  @Test
  void reload_withAFileThatWouldExit_neverSwapsAndTheEngineKeepsServing() {
    // given
    LoyaltyRulesEngine engine = Fixtures.engine(PROGRAMME);
    String before = engine.ruleBaseVersion();
    Member member = Member.of("m-1", taipei("2025-01-01T00:00"), "member");

    // when: a host's reload path is compile, then swap; the compile refuses
    assertThatThrownBy(() -> engine.reload(RuleBase.compile(List.of(new RuleSource("exit.drl", EXIT_WHILE_LOADING, true)))))
        .isInstanceOf(RuleFileException.class);
    assertThatThrownBy(() -> engine.reload(RuleFiles.of(List.of(RuleSource.of("exit.drl", EXIT_WHILE_LOADING)))
        .over(RuleFiles.bundled()).load(PROGRAMME)))
        .isInstanceOf(RuleFileException.class);
    Decision decision = engine.decide(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-03-03T12:00"), "1000")),
        DecisionContext.of(member, engine.programme().newLedger("m-1")));

    // then
    assertThat(engine.ruleBaseVersion()).isEqualTo(before);
    assertThat(decision.entries()).isNotEmpty();
  }

  /** Drools 10.2 also copies each rule name, unescaped, into a comment of the generated Java. */
  static final String EXIT_THROUGH_A_RULE_NAME = """
      // exit: a static initialiser smuggled into generated Java through a comment a rule name ends.
      package org.loyaltyrules.loyalty.rules.merchant;

      import org.loyaltyrules.loyalty.rules.facts.LineFact;

      global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

      rule "exit: */ static { java.lang.System.exit(67); } /* named"
      when
          $line : LineFact()
      then
          decisions.notice("never");
      end
      """;

  @Test
  void ruleNameThatClosesAGeneratedComment_isRefusedByTheGrammarAndByTheCompiledCodeCheck() {
    // when: untrusted, the grammar refuses the name; trusted, only the compiled-code check stands
    assertThatThrownBy(() -> RuleFiles.of(List.of(RuleSource.of("exit.drl", EXIT_THROUGH_A_RULE_NAME)))
        .over(RuleFiles.bundled()).load(PROGRAMME))
        .isInstanceOfSatisfying(RuleFileException.class, e -> assertThat(e.problems())
            .extracting(RuleFileProblem::code).contains("forbidden-name"));
    List<RuleFileProblem> problems = RuleBase.check(List.of(new RuleSource("exit.drl", EXIT_THROUGH_A_RULE_NAME, true)));

    // then: this JVM is still here to assert it
    assertThat(problems).filteredOn(p -> p.code().equals(GeneratedCode.CODE)).isNotEmpty()
        .allSatisfy(p -> assertThat(p.file()).isEqualTo("exit.drl"))
        .anySatisfy(p -> assertThat(p.message()).contains("java.lang.System.exit(int)"));
  }

  @Test
  void check_fileThatWouldExit_reportsWithoutRunningIt() {
    // when
    List<RuleFileProblem> problems = RuleBase.check(List.of(new RuleSource("exit.drl", EXIT_WHILE_LOADING, true)));

    // then
    assertThat(problems).extracting(RuleFileProblem::code).contains(GeneratedCode.CODE);
  }
}
