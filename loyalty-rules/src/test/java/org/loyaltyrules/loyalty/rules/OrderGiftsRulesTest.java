package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.keysOf;
import static org.loyaltyrules.loyalty.rules.Fixtures.line;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;
import static org.loyaltyrules.loyalty.rules.Fixtures.twd;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.CampaignTarget;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Programme;

/**
 * Worked examples for {@code order-gifts.drl} and the reward refund policies: 滿 1,499 送保溫杯 (a thermos
 * for an order of NT$1,499 or more), with an order of two lines, NT$1,000 and NT$800.
 */
class OrderGiftsRulesTest {
  static final String GIFT = "order-gifts: order reaches the gift threshold";
  static final String SHORT = "order-gifts: order falls short of the gift threshold";
  static final Campaign THERMOS = new Campaign.ThresholdGift("thermos-1499", "滿 1,499 送保溫杯", "THERMOS", 1,
      twd("1499"), CampaignTarget.on(CampaignSchedule.always()));
  static final Instant PAID = taipei("2026-05-10T14:00");
  static final Order ORDER = order("o-1", "m-1", PAID, Channel.ONLINE_STORE,
      line("a", "SKU-A", "kitchen", 1, "1000"), line("b", "SKU-B", "kitchen", 1, "800"));

  static Shop shop(Programme programme) {
    Shop shop = new Shop(programme);
    shop.join(Member.of("m-1", taipei("2025-01-01T10:00"), "member"));
    return shop;
  }

  static LoyaltyEvent.OrderReturned returned(String id, String lineId) {
    return LoyaltyEvent.OrderReturned.of(id, ORDER, List.of(new LoyaltyEvent.ReturnedLine(lineId, 1)),
        PAID.plusSeconds(86_400));
  }

  @Test
  void orderPaid_reachesThreshold_grantsTheGiftOnce() {
    // given
    Shop shop = shop(taiwan(THERMOS));

    // when
    Decision decision = shop.apply(new LoyaltyEvent.OrderPaid(ORDER));
    Decision again = shop.decide(new LoyaltyEvent.OrderPaid(ORDER));

    // then
    assertThat(decision.firedRules()).contains(GIFT);
    assertThat(decision.rewards()).singleElement().satisfies(r -> {
      assertThat(r.key()).isEqualTo(EntryKey.orderReward("o-1", "thermos-1499").text());
      assertThat(r.reward()).isEqualTo("THERMOS");
      assertThat(r.quantity()).isEqualTo(1);
      assertThat(r.sourceOrderId()).contains("o-1");
      assertThat(r.minSpend()).contains(twd("1499"));
      assertThat(r.points().value()).isZero();
    });
    assertThat(again.entries()).isEmpty();
    assertThat(shop.ledger("m-1").outstandingRewards()).hasSize(1);
  }

  @Test
  void orderPaid_belowThreshold_grantsNothingAndSaysHowMuchIsMissing() {
    // given
    Shop shop = shop(taiwan(THERMOS));
    Order small = order("o-2", "m-1", PAID, "1200");

    // when
    Decision decision = shop.apply(new LoyaltyEvent.OrderPaid(small));

    // then
    assertThat(decision.firedRules()).contains(SHORT).doesNotContain(GIFT);
    assertThat(decision.rewards()).isEmpty();
    assertThat(decision.notices()).contains(
        "near miss: order TWD 1200.00 is below the TWD 1499.00 threshold of \"滿 1,499 送保溫杯\" (TWD 299.00 short)");
  }

  @Test
  void partialReturn_belowThreshold_taiwanDefault_revokesTheGift() {
    // given: Programmes.taiwan revokes a gift when a return leaves the order below its threshold
    Shop shop = shop(taiwan(THERMOS));
    shop.apply(new LoyaltyEvent.OrderPaid(ORDER));

    // when: the NT$800 line comes back, leaving NT$1,000
    Decision refund = shop.apply(returned("r-1", "b"));

    // then
    assertThat(refund.revokedRewards()).singleElement().satisfies(r -> {
      assertThat(r.key()).isEqualTo(EntryKey.rewardRevocation(EntryKey.orderReward("o-1", "thermos-1499")).text());
      assertThat(r.grantKey()).isEqualTo(EntryKey.orderReward("o-1", "thermos-1499").text());
      assertThat(r.provenance().reason()).isEqualTo("order o-1 has TWD 1000.00 left after return r-1, below the "
          + "TWD 1499.00 the reward required; 1 × THERMOS revoked");
    });
    assertThat(shop.ledger("m-1").outstandingRewards()).isEmpty();
  }

  @Test
  void secondReturn_afterRevocation_revokesNothingMore() {
    // given
    Shop shop = shop(taiwan(THERMOS));
    shop.apply(new LoyaltyEvent.OrderPaid(ORDER));
    shop.apply(returned("r-1", "b"));

    // when
    Decision rest = shop.apply(returned("r-2", "a"));

    // then
    assertThat(rest.revokedRewards()).isEmpty();
    assertThat(shop.ledger("m-1").entries()).filteredOn(LedgerEntry.RewardRevoked.class::isInstance).hasSize(1);
  }

  @Test
  void partialReturn_revokeOnFullRefund_keepsTheGiftUntilEverythingIsBack() {
    // given
    Shop shop = shop(taiwan(THERMOS).toBuilder().rewardRefundPolicy(Programme.RewardRefundPolicy.REVOKE_ON_FULL_REFUND)
        .build());
    shop.apply(new LoyaltyEvent.OrderPaid(ORDER));

    // when
    Decision partial = shop.apply(returned("r-1", "b"));
    Decision rest = shop.apply(returned("r-2", "a"));

    // then
    assertThat(partial.revokedRewards()).isEmpty();
    assertThat(keysOf(rest)).contains(EntryKey.rewardRevocation(EntryKey.orderReward("o-1", "thermos-1499")).text());
  }

  @Test
  void wholeReturn_keepPolicy_keepsTheGift() {
    // given
    Shop shop = shop(taiwan(THERMOS).toBuilder().rewardRefundPolicy(Programme.RewardRefundPolicy.KEEP).build());
    shop.apply(new LoyaltyEvent.OrderPaid(ORDER));

    // when
    Decision refund = shop.apply(LoyaltyEvent.OrderReturned.whole("r-1", ORDER, PAID.plusSeconds(3600)));

    // then
    assertThat(refund.revokedRewards()).isEmpty();
    assertThat(shop.ledger("m-1").outstandingRewards()).hasSize(1);
  }

  @Test
  void refundRedelivered_revokesOnce() {
    // given
    Shop shop = shop(taiwan(THERMOS));
    shop.apply(new LoyaltyEvent.OrderPaid(ORDER));
    Decision first = shop.apply(returned("r-1", "b"));

    // when
    Decision again = shop.decide(returned("r-1", "b"));

    // then
    assertThat(again.entries()).isEmpty();
    assertThat(shop.ledger("m-1").appendAll(first.entries())).containsOnly(PointLedger.AppendResult.DUPLICATE);
  }
}
