package org.loyaltyrules.loyalty.rules.internal;

import java.util.List;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.RuleBase;
import org.loyaltyrules.loyalty.rules.facts.Decisions;

/**
 * The engine's own phases of a paid-order decision, one at a time, so that a benchmark can time
 * them without copying the engine's logic (a copy in the benchmarks had drifted from it): the facts
 * {@link FactBuilder} inserts, and the {@link RuleSession} firing them on a session from the rule
 * base's {@link SessionPool} or on a new session. The accounting is the rest of a decision.
 * Uses the engine's default bounds. Thread-safe.
 */
public final class EnginePhases {
  private static final EvaluationBound DEFAULT_BOUND = new EvaluationBound(10_000, 10);

  private final FactBuilder facts;
  private final RuleSession pooled;
  private final RuleSession fresh;

  /**
   * @param ruleBase the rules
   * @param programme the programme
   */
  public EnginePhases(RuleBase ruleBase, Programme programme) {
    this.facts = new FactBuilder(programme, new CampaignIndex(programme.campaigns()));
    this.pooled = new RuleSession(ruleBase.kieBase(), ruleBase.sessionPool(), DEFAULT_BOUND, DEFAULT_BOUND,
        ruleBase::recordedName);
    this.fresh = new RuleSession(ruleBase.kieBase(), SessionPool.fresh(ruleBase.kieBase()), DEFAULT_BOUND,
        DEFAULT_BOUND, ruleBase::recordedName);
  }

  /**
   * @param order a paid order
   * @param context its member's state
   * @return the facts the engine inserts for it
   */
  public List<Object> orderFacts(Order order, DecisionContext context) {
    return facts.orderPaid(order, context).facts();
  }

  /**
   * @param orderFacts facts from {@link #orderFacts}
   * @return what the rules decided, on a session from the rule base's pool (the engine's path)
   */
  public Decisions.Recorder fire(List<Object> orderFacts) {
    return pooled.fire(orderFacts);
  }

  /**
   * @param orderFacts facts from {@link #orderFacts}
   * @return what the rules decided, on a new session made and disposed for this call
   */
  public Decisions.Recorder fireOnNewSession(List<Object> orderFacts) {
    return fresh.fire(orderFacts);
  }
}
