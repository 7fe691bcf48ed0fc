package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.loyalty.rules.Fixtures.line;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.Programme;

/**
 * Worked cases of session reuse: a rule that stashes a fact (and the collector) in working memory
 * does not see it in the next decision on the same, reused session; a failed decision's session
 * is never lent again.
 */
class SessionReuseTest {
  private static final Programme PROGRAMME = Fixtures.taiwan();
  private static final Member MEMBER = Member.of("m-1", taipei("2025-01-01T00:00"), "member");

  private static RuleBase hostile;

  @BeforeAll
  static void compile() {
    // Its own copy, so its pool's counts are this test's alone.
    hostile = Fixtures.defaultsWithUncheckedCode("reuse-hostile-own.drl",
        SessionReuseProperties.HOSTILE.replace("package org.loyaltyrules.loyalty.rules.reuse;",
            "package org.loyaltyrules.loyalty.rules.reuseown;"));
  }

  private static LoyaltyEvent.OrderPaid paid(String id, String sku) {
    return new LoyaltyEvent.OrderPaid(Order.of(id, "m-1", taipei("2025-03-05T12:00"), Channel.ONLINE_STORE,
        List.of(line("l1", sku, "apparel", 1, "1000"))));
  }

  private static Decision decide(LoyaltyRulesEngine engine, LoyaltyEvent event) {
    return engine.decide(event, DecisionContext.of(MEMBER, PROGRAMME.newLedger("m-1")));
  }

  @Test
  void stashInWorkingMemory_nextDecisionOnTheReusedSession_doesNotSeeIt() {
    // given: a decision that stashed its order and collector, its session back in the pool
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(PROGRAMME).ruleBase(hostile).build();
    decide(engine, paid("o-1", "SKU-1"));
    long reused = hostile.sessionPool().reusedCount();

    // when: the next decision, on the same thread
    Decision next = decide(engine, paid("o-2", "SKU-1"));

    // then: it ran on a reused session and saw nothing of o-1
    assertThat(hostile.sessionPool().reusedCount()).isGreaterThan(reused);
    assertThat(next.notices()).noneMatch(n -> n.contains("leak:"));
    assertThat(next.firedRules()).doesNotContain("reuse: a stash of another decision is seen",
        "reuse: a collector of another decision is seen");
  }

  @Test
  void failedDecision_itsSession_isNotLentAgain() {
    // given: an empty pool, then a decision whose rule throws
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(PROGRAMME).ruleBase(hostile).build();
    decide(engine, paid("o-0", "SKU-1"));
    int idle = hostile.sessionPool().idle();

    // when
    assertThatThrownBy(() -> decide(engine, paid("o-1", "FAIL"))).isInstanceOf(RuleEvaluationException.class);

    // then: the session it borrowed was dropped, not returned
    assertThat(hostile.sessionPool().idle()).isEqualTo(idle - 1);
  }

  @Test
  void freshSessionsForTests_neverUsesThePool() {
    // given
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(PROGRAMME).ruleBase(hostile).freshSessionsForTests().build();
    long reused = hostile.sessionPool().reusedCount();
    int idle = hostile.sessionPool().idle();

    // when
    decide(engine, paid("o-1", "SKU-1"));
    decide(engine, paid("o-2", "SKU-1"));

    // then: the rule base's pool neither lent nor took back a session
    assertThat(hostile.sessionPool().reusedCount()).isEqualTo(reused);
    assertThat(hostile.sessionPool().idle()).isEqualTo(idle);
  }
}
