package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.line;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.points;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EngineRule;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.TierChange;

/**
 * Worked examples for {@code tier-upgrade.drl}: silver from NT$10,000 and gold from NT$30,000 of
 * qualifying spend over the last 12 months. The order that crosses a threshold earns at the old
 * rate; the decision carries the tier change, effective at once; the next order earns at the new rate.
 */
class TierUpgradeRulesTest {
  private static final String MEMBER_RATE = "earning: base rate for member tier";
  private static final String UPGRADE = "tier-upgrade: spend reaches the tier's threshold";

  private static Shop shop(Programme programme) {
    Shop shop = new Shop(programme);
    shop.join(Member.of("m-1", taipei("2024-01-01T00:00"), "member"));
    return shop;
  }

  private static LoyaltyEvent.OrderPaid paid(Order order) {
    return new LoyaltyEvent.OrderPaid(order);
  }

  @Test
  void upgrade_orderCrossingSilver_earnsAtTheOldRateAndCarriesTheChange() {
    // given: NT$9,000 spent in January
    Shop shop = shop(taiwan());
    Decision january = shop.apply(paid(order("o-1", "m-1", taipei("2025-01-10T12:00"), "9000")));

    // when: NT$2,000 in March takes the 12-month spend to NT$11,000
    Decision march = shop.apply(paid(order("o-2", "m-1", taipei("2025-03-05T12:00"), "2000")));

    // then
    assertThat(january.firedRules()).containsExactly(MEMBER_RATE);
    assertThat(january.tierChange()).isEmpty();
    assertThat(march.firedRules()).containsExactlyInAnyOrder(MEMBER_RATE, UPGRADE);
    assertThat(points(march, EntryKey.orderBase("o-2"))).isEqualTo(20); // member rate, not silver's 30
    TierChange change = march.tierChange().orElseThrow();
    assertThat(change.memberId()).isEqualTo("m-1");
    assertThat(change.from()).isEqualTo("member");
    assertThat(change.to()).isEqualTo("silver");
    assertThat(change.effectiveAt()).isEqualTo(taipei("2025-03-05T12:00"));
    assertThat(change.rule()).isEqualTo(UPGRADE);
    assertThat(change.reason()).isEqualTo("qualifying spend TWD 11000.00 over P12M reaches silver's TWD 10000.00;"
        + " this order earned at the member rate, the next earns at the silver rate");
  }

  @Test
  void upgrade_nextOrder_earnsAtTheNewRate() {
    // given
    Shop shop = shop(taiwan());
    shop.apply(paid(order("o-1", "m-1", taipei("2025-01-10T12:00"), "11000")));

    // when
    Decision next = shop.apply(paid(order("o-2", "m-1", taipei("2025-03-05T12:00"), "1000")));

    // then
    assertThat(shop.member("m-1").tierCode()).isEqualTo("silver");
    assertThat(next.firedRules()).containsExactly("earning: base rate for silver tier");
    assertThat(points(next, EntryKey.orderBase("o-2"))).isEqualTo(15);
  }

  @Test
  void upgrade_exactlyTheThreshold_qualifies() {
    // when
    Decision decision = shop(taiwan()).apply(paid(order("o-1", "m-1", taipei("2025-01-10T12:00"), "10000")));

    // then
    assertThat(decision.tierChange()).map(TierChange::to).contains("silver");
  }

  @Test
  void upgrade_oneOrderPastGold_goesStraightToGold() {
    // when
    Decision decision = shop(taiwan()).apply(paid(order("o-1", "m-1", taipei("2025-01-10T12:00"), "30000")));

    // then: silver and gold both qualify; the member moves to the highest
    assertThat(decision.firedRules()).containsExactlyInAnyOrder(MEMBER_RATE, UPGRADE, UPGRADE);
    assertThat(decision.tierChange()).map(TierChange::to).contains("gold");
    assertThat(points(decision, EntryKey.orderBase("o-1"))).isEqualTo(300);
  }

  @Test
  void upgrade_spendOlderThanTheWindow_doesNotCount() {
    // given: NT$9,000 thirteen months before
    Shop shop = shop(taiwan());
    shop.apply(paid(order("o-1", "m-1", taipei("2024-02-01T12:00"), "9000")));

    // when
    Decision decision = shop.apply(paid(order("o-2", "m-1", taipei("2025-03-05T12:00"), "2000")));

    // then
    assertThat(decision.firedRules()).containsExactly(MEMBER_RATE);
    assertThat(decision.tierChange()).isEmpty();
  }

  @Test
  void upgrade_giftCardsAreNotQualifyingSpend() {
    // given
    Shop shop = shop(taiwan());
    shop.apply(paid(order("o-1", "m-1", taipei("2025-01-10T12:00"), "9000")));

    // when: NT$500 of apparel and a NT$2,000 gift card
    Decision decision = shop.apply(paid(order("o-2", "m-1", taipei("2025-03-05T12:00"), Channel.ONLINE_STORE,
        line("l1", "SKU-1", "apparel", 1, "500"), line("l2", "GC-1", "gift-card", 1, "2000"))));

    // then: NT$9,500 is short of silver
    assertThat(decision.tierChange()).isEmpty();
  }

  @Test
  void upgrade_refundedSpendDoesNotCount() {
    // given: NT$9,000 in two lines, one of them (NT$4,500) returned
    Shop shop = shop(taiwan());
    Order first = order("o-1", "m-1", taipei("2025-01-10T12:00"), Channel.ONLINE_STORE,
        line("l1", "SKU-1", "apparel", 1, "4500"), line("l2", "SKU-2", "apparel", 1, "4500"));
    shop.apply(paid(first));
    shop.apply(LoyaltyEvent.OrderReturned.of("r-1", first, List.of(new LoyaltyEvent.ReturnedLine("l1", 1)),
        taipei("2025-01-20T12:00")));

    // when
    Decision decision = shop.apply(paid(order("o-2", "m-1", taipei("2025-03-05T12:00"), "2000")));

    // then: NT$6,500
    assertThat(decision.tierChange()).isEmpty();
  }

  @Test
  void upgrade_topTier_neverFires() {
    // given
    Shop shop = new Shop(taiwan());
    shop.join(Member.of("m-1", taipei("2024-01-01T00:00"), "gold"));

    // when
    Decision decision = shop.apply(paid(order("o-1", "m-1", taipei("2025-01-10T12:00"), "50000")));

    // then
    assertThat(decision.firedRules()).containsExactly("earning: base rate for gold tier");
    assertThat(decision.tierChange()).isEmpty();
  }

  @Test
  void refund_ofTheCrossingOrder_keepsTheTierUntilReviewByDefault() {
    // given
    Shop shop = shop(taiwan());
    Order order = order("o-1", "m-1", taipei("2025-01-10T12:00"), "12000");
    shop.apply(paid(order));

    // when
    Decision refund = shop.apply(LoyaltyEvent.OrderReturned.whole("r-1", order, taipei("2025-01-20T12:00")));

    // then
    assertThat(refund.tierChange()).isEmpty();
    assertThat(shop.member("m-1").tierCode()).isEqualTo("silver");
  }

  @Test
  void refund_ofTheCrossingOrder_recomputesTheTierWhenTheProgrammeSaysSo() {
    // given
    Programme programme = taiwan().toBuilder().tierRefundPolicy(Programme.TierRefundPolicy.RECOMPUTE_ON_REFUND).build();
    Shop shop = shop(programme);
    shop.apply(paid(order("o-0", "m-1", taipei("2025-01-05T12:00"), "3000")));
    Order order = order("o-1", "m-1", taipei("2025-01-10T12:00"), "8000");
    shop.apply(paid(order));

    // when
    Decision refund = shop.apply(LoyaltyEvent.OrderReturned.whole("r-1", order, taipei("2025-01-20T12:00")));

    // then: NT$3,000 left supports the member tier only
    TierChange change = refund.tierChange().orElseThrow();
    assertThat(change.from()).isEqualTo("silver");
    assertThat(change.to()).isEqualTo("member");
    assertThat(change.rule()).isEqualTo(EngineRule.TIER_REFUND);
    assertThat(change.effectiveAt()).isEqualTo(taipei("2025-01-20T12:00"));
    assertThat(shop.member("m-1").tierCode()).isEqualTo("member");
  }
}
