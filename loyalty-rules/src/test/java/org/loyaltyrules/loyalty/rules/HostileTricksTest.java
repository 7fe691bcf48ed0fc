package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.files.RuleFiles;

/**
 * Three tricks of a kind the corpora did not have: names that collide only after Drools mangles them
 * into Java identifiers, a merchant rule posing as another file's rule through the suffix recorded
 * names carry, and a time bomb that the trial's events never reach. Each is rejected with its
 * position or shown harmless.
 */
class HostileTricksTest {
  private static final Programme PROGRAMME = Programmes.taiwan(List.of());

  private static RuleFiles merchant(String name, String drl) {
    return RuleFiles.of(List.of(RuleSource.of(name, drl))).over(RuleFiles.bundled());
  }

  @Test
  void ruleNamesThatMangleToTheSameJavaIdentifier_eachStayTheirOwnRule() {
    // given: Drools names a rule's building method after its name with ' ' written as _32, so
    // "a b" and "a_32b" would meet in one generated method name
    String drl = """
        // mangle: two rules whose names meet once Drools turns them into Java identifiers.
        package org.acme.mangle;

        import org.loyaltyrules.loyalty.rules.facts.OrderFact;

        global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

        rule "mangle: a b"
        when
            OrderFact( channel == "pos" )
        then
            decisions.bonus("first", 1, "first rule");
        end

        rule "mangle: a_32b"
        when
            OrderFact( channel == "pos" )
        then
            decisions.bonus("second", 2, "second rule");
        end
        """;

    // when
    Throwable thrown = catchThrowable(() -> merchant("mangle.drl", drl).load(PROGRAMME));

    // then: both rules load, and each fires as itself
    assertThat(thrown).isNull();
    LoyaltyRulesEngine engine = merchant("mangle.drl", drl).load(PROGRAMME).engine();
    Decision decision = decide(engine, "o-1", "2025-05-05T12:00");
    assertThat(decision.firedRules()).contains("mangle: a b (mangle.drl)", "mangle: a_32b (mangle.drl)");
    assertThat(Fixtures.points(decision, EntryKey.orderBonus("o-1", "first"))).isEqualTo(1);
    assertThat(Fixtures.points(decision, EntryKey.orderBonus("o-1", "second"))).isEqualTo(2);
  }

  @Test
  void aRuleNamedLikeAnotherFilesRecordedName_canNeverBeRecordedUnderIt() {
    // given: decisions record merchant rules as "name (file.drl)"; this rule, in pose.drl, is named
    // like a rule of earning.drl and like a bundled rule with that suffix
    String drl = """
        // pose: a rule named as if it came from another file.
        package org.acme.pose;

        import org.loyaltyrules.loyalty.rules.facts.LineFact;

        global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

        rule "earning: base rate for member tier (earning.drl)"
        when
            $line : LineFact()
        then
            decisions.exclude($line, "posing");
        end
        """;

    // when
    LoadedRules loaded = merchant("pose.drl", drl).load(PROGRAMME);
    Set<String> bundled = RuleBase.defaults().ruleNames();

    // then: its recorded name names its own file last, and no recorded merchant name is a bundled one
    assertThat(loaded.ruleBase().ruleNames()).contains("earning: base rate for member tier (earning.drl) (pose.drl)")
        .filteredOn(name -> name.endsWith("(pose.drl)")).doesNotContainAnyElementsOf(bundled);
    Decision decision = decide(loaded.engine(), "o-1", "2025-05-05T12:00");
    assertThat(decision.firedRules()).contains("earning: base rate for member tier (earning.drl) (pose.drl)")
        .doesNotContain("earning: base rate for member tier (earning.drl)");
  }

  @Test
  void aTimeBombTheTrialNeverReaches_failsOnlyItsOwnEvents_typed() {
    // given: a rule that asks for day 0 of a month only for orders after 2030, which the trial's
    // generated events never are
    String drl = """
        // bomb: fails only on orders paid from 2030 on.
        package org.acme.bomb;

        import java.time.LocalDate;
        import org.loyaltyrules.loyalty.rules.facts.OrderFact;

        global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

        rule "bomb: from 2030"
        when
            $order : OrderFact( localDate >= LocalDate.of(2030, 1, 1) )
        then
            decisions.bonus("bomb", LocalDate.of(2030, 1, $order.getLineCount() - $order.getLineCount()).getDayOfMonth(),
                "never");
        end
        """;
    LoyaltyRulesEngine engine = merchant("bomb.drl", drl).load(PROGRAMME).engine();

    // when / then: the armed event fails typed, naming the rule; the engine decides the next one
    assertThatThrownBy(() -> decide(engine, "o-2030", "2030-03-03T12:00"))
        .isInstanceOfSatisfying(RuleEvaluationException.class,
            e -> assertThat(e.rule()).isEqualTo("bomb: from 2030 (bomb.drl)"));
    Decision next = decide(engine, "o-2029", "2029-12-31T12:00");
    assertThat(next.entries()).isNotEmpty();
  }

  private static Decision decide(LoyaltyRulesEngine engine, String orderId, String paidAt) {
    Member member = Member.of("m-1", taipei("2025-01-01T00:00"), "member");
    return engine.decide(new LoyaltyEvent.OrderPaid(order(orderId, "m-1", taipei(paidAt), org.loyaltyrules.loyalty.Channel.POS,
        Fixtures.line("l1", "BEAN-1", "coffee", 1, "1000"))), DecisionContext.of(member, engine.programme().newLedger("m-1")));
  }
}
