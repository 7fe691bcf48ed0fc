package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignBudgets;
import org.loyaltyrules.loyalty.CampaignLimits;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.NegativeBalancePolicy;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;

/**
 * Runs the Java block of recipe 7.17 of docs/writing-rules.md (custom events, limits and budgets):
 * the host passes its budget counter and adds the decision's budget use; every figure the prose
 * gives for it is asserted here. The recipe's csv and drl blocks run in {@link WritingRulesGuideTest}.
 */
class GuideRecipesCustomEventsTest {

  @Test
  void customEvents_budgetWith10PointsLeft_paysThe10AndReportsTheUse() {
    // given: the recipe's review campaign, a member, 2,990 of its 3,000 points used
    Campaign.EventBonus review = Campaign.eventBonus("five-star-review", "Five-star review", "review", Points.of(30),
        CampaignSchedule.always()).withLimits(CampaignLimits.none().perWeek(3).totalBudget(Points.of(3_000))
            .memberBudget(Points.of(300)));
    LoyaltyRulesEngine engine = Fixtures.engine(Fixtures.taiwan(review));
    MemberState member = MemberState.of(Member.of("m-1", taipei("2026-01-01T00:00"), "member"),
        PointLedger.empty("m-1", NegativeBalancePolicy.CAP_AT_ZERO));
    Instant at = taipei("2026-03-02T20:00");

    // when
    // snippet-start custom-events/Budgets.java
    // the host's counter row for the campaign: points it paid all members so far
    CampaignBudgets budgets = CampaignBudgets.of(Map.of("five-star-review", Points.of(2_990)));
    Decision decision = engine.decide(
        new LoyaltyEvent.CustomEvent("review-8812", "m-1", "review", Map.of("stars", "5"), at),
        DecisionContext.of(member).withBudgets(budgets));
    decision.pointsFor("m-1");  // 10: what was left of the 3,000-point budget
    decision.budgetUse();       // {five-star-review=10}: add it to the counter in the same transaction
    decision.notices();         // [budget: campaign five-star-review has 10 of its total budget of 3000 points left; pays 10 of 30]
    // snippet-end

    // then
    assertThat(decision.pointsFor("m-1")).isEqualTo(Points.of(10));
    assertThat(decision.budgetUse()).containsExactly(Map.entry("five-star-review", Points.of(10)));
    assertThat(decision.notices()).containsExactly(
        "budget: campaign five-star-review has 10 of its total budget of 3000 points left; pays 10 of 30");

    // and: once the host added the 10, nothing is left; a context without the counter pays nothing
    Decision spent = engine.decide(new LoyaltyEvent.CustomEvent("review-8813", "m-1", "review", Map.of("stars", "5"), at),
        DecisionContext.of(member).withBudgets(CampaignBudgets.of(Map.of("five-star-review", Points.of(3_000)))));
    assertThat(spent.entries()).isEmpty();
    Decision unknown = engine.decide(new LoyaltyEvent.CustomEvent("review-8814", "m-1", "review", Map.of("stars", "5"),
        at), new DecisionContext(member, List.of()));
    assertThat(unknown.entries()).isEmpty();
    assertThat(unknown.notices()).singleElement().asString().startsWith("budget: ");
  }
}
