package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.line;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.TierChange;
import org.loyaltyrules.loyalty.rules.check.DrlChecker;
import org.loyaltyrules.loyalty.rules.check.DrlPolicy;
import org.loyaltyrules.loyalty.rules.files.RuleFiles;

/**
 * Tier qualification is decided once, by the rules ({@code decisions.qualifies}), and every tier
 * move follows from it: the upgrade after an order, the downgrade at a review and the recompute
 * after a refund. So a merchant who edits the qualification rule changes all three; before, refunds
 * recomputed the tier in Java and ignored the edit.
 */
class TierQualificationTest {
  /** A merchant's tier-upgrade.drl: gold from 80% of its NT$30,000 threshold, other tiers as bundled. */
  static final String GOLD_AT_80_PERCENT = """
      // tier-upgrade: a gold promotion: gold from 80% of its threshold (NT$24,000), every other tier at its threshold.
      // Facts read: TierFact. Facts emitted: none (calls decisions.qualifies).
      package com.shop.tiers;

      import org.loyaltyrules.loyalty.rules.facts.TierFact;

      global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

      // why: the gold promotion: 80% of gold's NT$30,000
      rule "tier-upgrade: gold at 80% of its threshold"
      when
          $tier : TierFact( code == "gold", spendInWindow >= 24000 )
      then
          decisions.qualifies($tier);
      end

      // why: the other tiers as the bundled rule has them
      rule "tier-upgrade: other tiers at their threshold"
      when
          $tier : TierFact( code != "gold", spendInWindow >= threshold )
      then
          decisions.qualifies($tier);
      end
      """;
  /** Merchant rules are named with their file, so a trace tells them from the bundled ones. */
  static final String GOLD_RULE = "tier-upgrade: gold at 80% of its threshold (tier-upgrade.drl)";

  private static final Programme RECOMPUTE_ON_REFUND =
      taiwan().toBuilder().tierRefundPolicy(Programme.TierRefundPolicy.RECOMPUTE_ON_REFUND).build();

  /** The merchant's file replaces the bundled tier-upgrade.drl by name, under the merchant (restricted) policy. */
  private static final class Merchant {
    static final RuleBase RULES = RuleFiles.of(List.of(RuleSource.of("tier-upgrade.drl", GOLD_AT_80_PERCENT)))
        .over(RuleFiles.bundled()).load(RECOMPUTE_ON_REFUND).ruleBase();
  }

  private static Shop shop(RuleBase rules, Programme programme) {
    Shop shop = new Shop(LoyaltyRulesEngine.builder(programme).ruleBase(rules).build());
    shop.join(Member.of("m-1", taipei("2024-01-01T00:00"), "member"));
    return shop;
  }

  /** NT$30,000 in two lines, so that returning one leaves NT$25,500: 85% of gold's threshold. */
  private static Order goldOrder() {
    return order("o-1", "m-1", taipei("2025-01-10T12:00"), Channel.ONLINE_STORE,
        line("l1", "SKU-1", "apparel", 1, "25500"), line("l2", "SKU-2", "apparel", 1, "4500"));
  }

  private static LoyaltyEvent.OrderReturned returnOfTheSmallLine(Order order) {
    return LoyaltyEvent.OrderReturned.of("r-1", order, List.of(new LoyaltyEvent.ReturnedLine("l2", 1)),
        taipei("2025-01-20T12:00"));
  }

  @Test
  void upgrade_merchantRuleQualifiesGoldAt80Percent_anOrderReaching80PercentUpgradesToGold() {
    // given
    Order order = order("o-1", "m-1", taipei("2025-01-10T12:00"), "24000");

    // when
    Decision merchant = shop(Merchant.RULES, taiwan()).apply(new LoyaltyEvent.OrderPaid(order));
    Decision bundled = shop(Fixtures.defaults(), taiwan()).apply(new LoyaltyEvent.OrderPaid(order));

    // then
    assertThat(merchant.tierChange()).map(TierChange::to).contains("gold");
    assertThat(merchant.tierChange()).map(TierChange::rule).contains(GOLD_RULE);
    assertThat(bundled.tierChange()).map(TierChange::to).contains("silver");
  }

  @Test
  void refund_merchantRuleQualifiesGoldAt80Percent_aRefundLeaving85PercentKeepsGold() {
    // given: gold under either rule file
    Shop merchant = shop(Merchant.RULES, RECOMPUTE_ON_REFUND);
    Shop bundled = shop(Fixtures.defaults(), RECOMPUTE_ON_REFUND);
    Order order = goldOrder();
    merchant.apply(new LoyaltyEvent.OrderPaid(order));
    bundled.apply(new LoyaltyEvent.OrderPaid(order));

    // when: NT$25,500 is left
    Decision keptByMerchantRule = merchant.apply(returnOfTheSmallLine(order));
    Decision movedByBundledRule = bundled.apply(returnOfTheSmallLine(order));

    // then: the same rule that decided the upgrade decides the refund
    assertThat(merchant.member("m-1").tierCode()).isEqualTo("gold");
    assertThat(keptByMerchantRule.tierChange()).isEmpty();
    assertThat(keptByMerchantRule.firedRules()).contains(GOLD_RULE);
    assertThat(bundled.member("m-1").tierCode()).isEqualTo("silver");
    TierChange change = movedByBundledRule.tierChange().orElseThrow();
    assertThat(change.from()).isEqualTo("gold");
    assertThat(change.to()).isEqualTo("silver");
    assertThat(change.reason()).isEqualTo("after refund r-1 the qualifying spend supports silver only");
  }

  @Test
  void review_merchantRuleQualifiesGoldAt80Percent_keepsGoldAt85Percent() {
    // given: a gold member with NT$25,500 of spend
    Shop merchant = shop(Merchant.RULES, taiwan());
    Shop bundled = shop(Fixtures.defaults(), taiwan());
    for (Shop shop : List.of(merchant, bundled)) {
      shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-06-01T12:00"), "25500")));
      shop.setTier("m-1", "gold");
    }
    LoyaltyEvent.TierReview review = new LoyaltyEvent.TierReview("review", "m-1", taipei("2025-12-31T12:00"));

    // when
    Decision keptByMerchantRule = merchant.apply(review);
    Decision movedByBundledRule = bundled.apply(review);

    // then
    assertThat(keptByMerchantRule.tierChange()).isEmpty();
    assertThat(movedByBundledRule.tierChange()).map(TierChange::to).contains("silver");
  }

  @Test
  void refund_keepTierPolicy_firesNoRule() {
    // given: the default programme keeps tiers until the review
    Shop shop = shop(Fixtures.defaults(), taiwan());
    Order order = goldOrder();
    shop.apply(new LoyaltyEvent.OrderPaid(order));

    // when
    Decision refund = shop.apply(returnOfTheSmallLine(order));

    // then
    assertThat(refund.firedRules()).isEmpty();
    assertThat(refund.tierChange()).isEmpty();
    assertThat(shop.member("m-1").tierCode()).isEqualTo("gold");
  }

  @Test
  void refund_recompute_seesTheSpendLeftAndOnlyTheTiersUpToTheMembers() {
    // given
    Shop shop = shop(Fixtures.defaults(), RECOMPUTE_ON_REFUND);
    Order order = goldOrder();
    shop.apply(new LoyaltyEvent.OrderPaid(order));

    // when
    Decision refund = shop.apply(returnOfTheSmallLine(order));

    // then: silver qualifies on NT$25,500; gold does not, so the member moves to silver
    assertThat(refund.firedRules()).containsExactly("tier-upgrade: spend reaches the tier's threshold");
    assertThat(refund.tierChange()).map(TierChange::to).contains("silver");
  }

  @Test
  void review_merchantReviewRuleLeavesStaffOut_staffKeepTheirTier() {
    // given: a review rule that leaves members tagged "staff" out of review
    String reviewWithoutStaff = """
        // tier-review: reviews every member above the entry tier except staff.
        // Facts read: EventFact, MemberFact, TierFact. Facts emitted: none (calls decisions.review).
        package com.shop.tiers;

        import org.loyaltyrules.loyalty.rules.facts.*;

        global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

        // why: staff keep their tier while employed
        rule "tier-review: review all but staff"
        when
            EventFact( kind == EventKind.TIER_REVIEW )
            $member : MemberFact( tierRank > 0, tags not contains "staff" )
            $tier : TierFact( code == $member.tier )
        then
            decisions.review($tier);
        end
        """;
    RuleBase rules = RuleFiles.of(List.of(RuleSource.of("tier-review.drl", reviewWithoutStaff)))
        .over(RuleFiles.bundled()).load(taiwan()).ruleBase();
    Shop shop = new Shop(LoyaltyRulesEngine.builder(taiwan()).ruleBase(rules).build());
    shop.join(Member.of("staff-1", taipei("2024-01-01T00:00"), "gold").withTags(java.util.Set.of("staff")));
    shop.join(Member.of("m-1", taipei("2024-01-01T00:00"), "gold"));

    // when: neither has any spend
    Decision staff = shop.apply(new LoyaltyEvent.TierReview("review-staff", "staff-1", taipei("2025-12-31T12:00")));
    Decision member = shop.apply(new LoyaltyEvent.TierReview("review-m", "m-1", taipei("2025-12-31T12:00")));

    // then
    assertThat(staff.tierChange()).isEmpty();
    assertThat(member.tierChange()).map(TierChange::to).contains("silver");
  }

  @Test
  void check_ruleReachingTheTierBehindATierFact_isRefused() {
    // given: TierFact.tier() is the engine's typed reference, not a property rules may read
    String drl = GOLD_AT_80_PERCENT.replace("decisions.qualifies($tier);", "decisions.notice($tier.tier().code());");

    // when
    List<RuleFileProblem> problems = DrlChecker.check("tier-upgrade.drl", drl, DrlPolicy.restricted());

    // then: in both rules, at the call
    assertThat(problems).extracting(RuleFileProblem::line, RuleFileProblem::column, RuleFileProblem::code)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(14, 28, "forbidden-call"),
            org.assertj.core.groups.Tuple.tuple(22, 28, "forbidden-call"));
    assertThat(problems.get(0).message()).isEqualTo("Forbidden call: [tier(...)] on TierFact; expected one of its "
        + "getters [getCode(), getRank(), getSpendInWindow(), getThreshold()]");
  }
}
