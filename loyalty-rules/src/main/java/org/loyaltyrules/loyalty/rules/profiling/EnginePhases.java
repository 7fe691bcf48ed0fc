package org.loyaltyrules.loyalty.rules.profiling;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.internal.Checks;
import org.loyaltyrules.loyalty.rules.RuleBase;
import org.loyaltyrules.loyalty.rules.facts.Decisions;
import org.loyaltyrules.loyalty.rules.internal.CampaignIndex;

/**
 * The engine's own phases of a paid-order decision, one at a time, so that a benchmark can time
 * them without copying the engine's logic: the facts the engine inserts, the campaign lookup behind
 * them, and the rules fired on a session from the rule base's pool or on a new session. The
 * accounting is the rest of a decision. Uses the engine's default bounds.
 *
 * <p>Status {@code INTERNAL}: public so that code outside the library (the benchmarks) needs no
 * internal package; it may change in any release. Its methods take facts and orders as the engine
 * would and do not validate them as {@link org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine#decide}
 * does.
 *
 * <p>This class is thread-safe.
 */
@API(status = INTERNAL, since = "0.2")
public final class EnginePhases {
  private final Programme programme;
  private final CampaignIndex index;
  private final org.loyaltyrules.loyalty.rules.internal.EnginePhases phases;

  /**
   * Creates the phases of the engine that runs these rules under this programme.
   *
   * @param ruleBase the rules
   * @param programme the programme
   * @throws org.loyaltyrules.loyalty.LoyaltyException if an argument is missing
   */
  public EnginePhases(RuleBase ruleBase, Programme programme) {
    Checks.present("engine phases", "ruleBase", ruleBase);
    this.programme = Checks.present("engine phases", "programme", programme);
    this.index = new CampaignIndex(programme.campaigns());
    this.phases = new org.loyaltyrules.loyalty.rules.internal.EnginePhases(ruleBase, programme);
  }

  /**
   * Builds the facts the engine inserts for a paid order.
   *
   * @param order a paid order
   * @param context its member's state
   * @return the facts
   */
  public List<Object> orderFacts(Order order, DecisionContext context) {
    return phases.orderFacts(order, context);
  }

  /**
   * Finds the campaigns that run for an order's lines, as the engine's campaign index does when it
   * builds the facts: on the order's local date in the programme's zone, for its channel, over the
   * SKUs and categories of its lines.
   *
   * @param order the order
   * @param tier the member's tier code
   * @param birthdayMonth whether the order falls in the member's birthday month
   * @return the campaigns, sorted by id, each once
   */
  public List<Campaign> activeCampaigns(Order order, String tier, boolean birthdayMonth) {
    LocalDate date = order.paidAt().atZone(programme.zone()).toLocalDate();
    Set<String> skus = new HashSet<>();
    Set<String> categories = new HashSet<>();
    for (OrderLine line : order.lines()) {
      skus.add(line.sku());
      categories.add(line.category());
    }
    return index.activeForOrder(date, order.channel(), tier, birthdayMonth, skus, categories);
  }

  /**
   * Fires the rules on facts, as the engine does: on a session from the rule base's pool.
   *
   * @param orderFacts facts from {@link #orderFacts}
   * @return what the rules decided
   */
  public Decisions.Recorder fire(List<Object> orderFacts) {
    return phases.fire(orderFacts);
  }

  /**
   * Fires the rules on facts on a new session made and disposed for this call (the engine before
   * session reuse).
   *
   * @param orderFacts facts from {@link #orderFacts}
   * @return what the rules decided
   */
  public Decisions.Recorder fireOnNewSession(List<Object> orderFacts) {
    return phases.fireOnNewSession(orderFacts);
  }
}
