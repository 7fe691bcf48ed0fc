package org.loyaltyrules.loyalty.examples.benchmarks;

import java.util.List;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;
import org.loyaltyrules.loyalty.rules.Programmes;
import org.loyaltyrules.loyalty.rules.RuleBase;

/**
 * One benchmark scenario: the default Taiwanese programme with a campaign calendar of a given
 * size, the engine on the default rule base, the hand-written programme, and seeded orders of
 * members with a purchase history (decided by the same engine).
 *
 * @param programme the programme
 * @param engine the engine on the default rules
 * @param handWritten the same programme by hand
 * @param cases the orders to decide, with their members' states
 */
public record Scenario(Programme programme, LoyaltyRulesEngine engine, HandWrittenProgramme handWritten,
    Workload.Case[] cases) {

  /** The seed of the orders and members. */
  public static final long SEED = 42;
  /** The seed of generated campaigns. */
  public static final long CAMPAIGN_SEED = 7;
  /** Members in a scenario. */
  public static final int MEMBERS = 512;
  /** Orders in a scenario; benchmarks cycle through them. */
  public static final int ORDERS = 4_096;

  /**
   * @param campaigns the calendar size (10 is the default scenario)
   * @return the scenario
   */
  public static Scenario of(int campaigns) {
    return of(campaigns, RuleBase.defaults());
  }

  /**
   * @param campaigns the calendar size
   * @param ruleBase the compiled default rules
   * @return the scenario
   */
  public static Scenario of(int campaigns, RuleBase ruleBase) {
    Workload workload = new Workload(SEED);
    List<Campaign> calendar = workload.campaigns(campaigns, CAMPAIGN_SEED);
    Programme programme = Programmes.taiwan(calendar);
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(programme).ruleBase(ruleBase).build();
    List<MemberState> members = workload.members(MEMBERS, programme, engine);
    Workload.Case[] cases = workload.cases(ORDERS, members).toArray(new Workload.Case[0]);
    return new Scenario(programme, engine, new HandWrittenProgramme(programme), cases);
  }
}
