package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.rules.facts.CampaignFact;
import org.loyaltyrules.loyalty.rules.files.RuleFiles;
import org.loyaltyrules.loyalty.rules.facts.Decisions;
import org.loyaltyrules.loyalty.rules.internal.EvaluationBound;

/**
 * A merchant's own rules granting rewards by name ({@code decisions.reward(code, quantity, reason)}) on
 * orders and on days, through the restricted-DRL checks; and the collector's bounds on rewards.
 */
class RewardRulesTest {
  private static final String MERCHANT = """
      // acme-rewards: free shipping for gold members and a monthly VIP coupon.
      // Facts read: MemberFact, OrderFact, EventFact, DayFact. Facts emitted: none (calls decisions.reward).
      package acme.rules;

      import org.loyaltyrules.loyalty.rules.facts.*;

      global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

      // why: gold members' orders ship free.
      rule "acme: free shipping for gold"
      when
          MemberFact( tier == "gold" )
          OrderFact()
      then
          decisions.reward("FREE-SHIPPING", 1, "gold ships free");
      end

      // why: a monthly coupon on the first day of each month for members tagged vip.
      rule "acme: monthly vip coupon"
      when
          EventFact( kind == EventKind.DAY_STARTED )
          MemberFact( tags contains "vip" )
          DayFact( dayOfMonth == 1 )
      then
          decisions.reward("VIP-COUPON", 2, "monthly VIP coupon");
      end
      """;

  private static Shop shop() {
    // An untrusted merchant file over the bundled ones: it passes the restricted-DRL checks.
    LoadedRules loaded = RuleFiles.of(List.of(RuleSource.of("acme.drl", MERCHANT))).over(RuleFiles.bundled())
        .load(taiwan());
    assertThat(loaded.warnings()).isEmpty();
    Shop shop = new Shop(loaded.engine());
    shop.join(new Member("m-1", taipei("2025-01-01T10:00"), "gold", java.util.Optional.empty(), java.util.Optional.empty(),
        Set.of("vip")));
    return shop;
  }

  @Test
  void merchantRule_rewardOnAnOrder_isGrantedOncePerOrder() {
    // given
    Shop shop = shop();
    LoyaltyEvent.OrderPaid paid = new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2026-05-10T10:00"), "500"));

    // when
    Decision decision = shop.apply(paid);

    // then
    assertThat(decision.rewards()).singleElement().satisfies(r -> {
      assertThat(r.key()).isEqualTo(EntryKey.orderReward("o-1", "FREE-SHIPPING").text());
      assertThat(r.provenance().rule()).isEqualTo("acme: free shipping for gold (acme.drl)");
      assertThat(r.minSpend()).isEmpty();
    });
    assertThat(shop.decide(paid).entries()).isEmpty();
  }

  @Test
  void merchantRule_rewardOnADay_isGrantedOncePerMonth() {
    // given
    Shop shop = shop();

    // when: 1 May twice, then 1 June
    Decision may = shop.apply(new LoyaltyEvent.DayStarted("d1", "m-1", LocalDate.of(2026, 5, 1), taipei("2026-05-01T00:05")));
    Decision mayAgain = shop.apply(new LoyaltyEvent.DayStarted("d2", "m-1", LocalDate.of(2026, 5, 1),
        taipei("2026-05-01T08:00")));
    Decision june = shop.apply(new LoyaltyEvent.DayStarted("d3", "m-1", LocalDate.of(2026, 6, 1),
        taipei("2026-06-01T00:05")));

    // then
    assertThat(may.rewards()).extracting(r -> r.key())
        .containsExactly(EntryKey.monthReward("m-1", java.time.YearMonth.of(2026, 5), "VIP-COUPON").text());
    assertThat(may.rewards().get(0).quantity()).isEqualTo(2);
    assertThat(mayAgain.entries()).isEmpty();
    assertThat(june.rewards()).hasSize(1);
    assertThat(shop.ledger("m-1").outstandingRewards()).hasSize(2);
  }

  @ParameterizedTest(name = "reward({0}, {1}) is refused")
  @CsvSource(delimiter = '|', value = {
      "a:b | 1", "-lead | 1", "has space | 1", "ok | 0", "ok | 101",
      "x1234567890123456789012345678901234567890123456789012345678901234 | 1"})
  void collector_rewardOutsideItsBounds_isRefused(String code, int quantity) {
    // given
    Decisions.Recorder recorder = Decisions.record(List.of(), new EvaluationBound(100, 0));
    recorder.enterRule("acme: a rule");

    // when / then
    assertThatThrownBy(() -> recorder.decisions().reward(code, quantity, "r"))
        .isInstanceOf(RuleEvaluationException.class)
        .satisfies(e -> assertThat(((RuleEvaluationException) e).code()).isEqualTo(RuleEvaluationException.RULE_ARGUMENT));
    assertThat(recorder.outputs()).isEmpty();
  }

  @Test
  void collector_rewardAtItsBounds_isRecorded() {
    // given
    Decisions.Recorder recorder = Decisions.record(List.of(), new EvaluationBound(100, 0));
    recorder.enterRule("acme: a rule");

    // when
    recorder.decisions().reward("X".repeat(64), Decisions.MAX_REWARD_QUANTITY, "r".repeat(Decisions.MAX_REASON_LENGTH));
    recorder.decisions().reward("a", 1, "");

    // then
    assertThat(recorder.outputs()).hasSize(2);
  }

  @Test
  void collector_giftCampaignAsBonus_isRefused() {
    // given
    CampaignFact gift = new CampaignFact(OrderGiftsRulesTest.THERMOS);
    Decisions.Recorder recorder = Decisions.record(List.of(gift), new EvaluationBound(100, 0));
    recorder.enterRule("acme: a rule");

    // when / then
    assertThatThrownBy(() -> recorder.decisions().bonus(gift)).isInstanceOf(RuleEvaluationException.class)
        .hasMessageContaining("gifts to reward");
  }
}
