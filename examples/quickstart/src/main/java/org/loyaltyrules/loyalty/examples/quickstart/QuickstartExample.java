package org.loyaltyrules.loyalty.examples.quickstart;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.MonthDay;
import java.util.List;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;
import org.loyaltyrules.loyalty.rules.Programmes;

/**
 * The smallest program that uses the library: build the engine with the bundled default rules and a
 * double-points campaign, pay one order for a member, and print what was decided and why.
 *
 * <p>The body of {@link #run(PrintStream)} is the README's quick start, line for line;
 * {@code QuickstartExampleTest} runs it, so the README cannot rot.
 */
public final class QuickstartExample {
  private QuickstartExample() {}

  /**
   * Runs the example and prints the decision to standard output.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  /**
   * Builds the engine, pays one order and prints the decision.
   *
   * @param out where to print
   * @return the decision, for the test
   */
  public static Decision run(PrintStream out) {
    // README quick start: begin
    Campaign doublePoints = Campaign.multiplier("double-1111", "Double points on 11/11",
        BigDecimal.valueOf(2), CampaignSchedule.yearlyOn(MonthDay.of(11, 11)));
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(Programmes.taiwan(List.of(doublePoints))).build();

    Member member = Member.of("m-1", Instant.parse("2025-01-01T00:00:00Z"), "member");
    Order order = Order.of("o-1", member.id(), Instant.parse("2025-11-11T02:30:00Z"), Channel.ONLINE_STORE, List.of(
        OrderLine.of("l1", "TEA-01", "tea", 3, Money.of("450", "TWD")),
        OrderLine.of("l2", "GC-500", "gift-card", 1, Money.of("500", "TWD"))));
    Decision decision = engine.decide(new LoyaltyEvent.OrderPaid(order),
        DecisionContext.of(member, engine.programme().newLedger(member.id())));

    for (LedgerEntry entry : decision.entries()) {
      out.println(entry.key() + "  " + entry.points() + " points  (" + entry.provenance().reason() + ")");
    }
    out.println("total: " + decision.pointsFor(member.id()) + " points; fired: " + decision.firedRules());
    // README quick start: end
    return decision;
  }
}
