package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.bonus;
import static org.loyaltyrules.loyalty.rules.Fixtures.earned;
import static org.loyaltyrules.loyalty.rules.Fixtures.keysOf;
import static org.loyaltyrules.loyalty.rules.Fixtures.line;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.points;
import static org.loyaltyrules.loyalty.rules.Fixtures.sharePoints;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;

/**
 * Worked examples for {@code order-bonuses.drl}: a 100-point first-order bonus and a 200-point bonus
 * for a single order whose earning base reaches NT$1,499, with a near-miss notice below it.
 */
class OrderBonusesRulesTest {
  private static final String MEMBER_RATE = "earning: base rate for member tier";
  private static final String FIRST_ORDER = "order-bonuses: first order";
  private static final String THRESHOLD = "order-bonuses: order reaches the spend threshold";
  private static final String NEAR_MISS = "order-bonuses: order falls short of the spend threshold";
  private static final Campaign FIRST = bonus("first-order", CampaignKind.FIRST_ORDER_BONUS, 100,
      CampaignSchedule.always(), null);
  private static final Campaign SPEND_1499 = Campaign.thresholdBonus("spend-1499", "Spend NT$1,499, get 200",
      org.loyaltyrules.loyalty.Points.of(200), Fixtures.twd("1499"), CampaignSchedule.always());
  private static final Instant DAY = taipei("2025-03-05T12:00");

  private static Shop shop(Programme programme) {
    Shop shop = new Shop(Fixtures.withoutTierProgress(programme));
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    return shop;
  }

  private static LoyaltyEvent.OrderPaid paid(Order order) {
    return new LoyaltyEvent.OrderPaid(order);
  }

  @Test
  void firstOrder_paysTheBonusOnce() {
    // given
    Shop shop = shop(taiwan(FIRST));

    // when
    Decision first = shop.apply(paid(order("o-1", "m-1", DAY, "1000")));
    Decision second = shop.apply(paid(order("o-2", "m-1", DAY.plusSeconds(60), "1000")));

    // then
    assertThat(first.firedRules()).containsExactlyInAnyOrder(MEMBER_RATE, FIRST_ORDER);
    assertThat(keysOf(first)).containsExactly(EntryKey.orderBase("o-1").text(), EntryKey.orderBonus("o-1", "first-order").text());
    assertThat(points(first, EntryKey.orderBonus("o-1", "first-order"))).isEqualTo(100);
    assertThat(earned(first, EntryKey.orderBonus("o-1", "first-order")).provenance().reason())
        .isEqualTo("\"Campaign first-order\": 100 bonus points");
    assertThat(earned(first, EntryKey.orderBonus("o-1", "first-order")).provenance().rule()).isEqualTo(FIRST_ORDER);
    assertThat(second.firedRules()).containsExactly(MEMBER_RATE);
    assertThat(keysOf(second)).containsExactly(EntryKey.orderBase("o-2").text());
    assertThat(shop.balance("m-1")).isEqualTo(10 + 100 + 10);
  }

  @Test
  void threshold_exactlyNt1499_paysTheBonus() {
    // given
    Shop shop = shop(taiwan(SPEND_1499));

    // when
    Decision decision = shop.apply(paid(order("o-1", "m-1", DAY, "1499")));

    // then
    assertThat(decision.firedRules()).containsExactlyInAnyOrder(MEMBER_RATE, THRESHOLD);
    assertThat(points(decision, EntryKey.orderBase("o-1"))).isEqualTo(14);
    assertThat(points(decision, EntryKey.orderBonus("o-1", "spend-1499"))).isEqualTo(200);
    assertThat(earned(decision, EntryKey.orderBonus("o-1", "spend-1499")).provenance().reason())
        .isEqualTo("\"Spend NT$1,499, get 200\": 200 bonus points");
    assertThat(decision.notices()).isEmpty();
  }

  @Test
  void threshold_nt1350_noBonusAndANearMissNotice() {
    // given
    Shop shop = shop(taiwan(SPEND_1499));

    // when
    Decision decision = shop.apply(paid(order("o-1", "m-1", DAY, "1350")));

    // then: the near miss is a rule's notice, so a merchant can change or drop it
    assertThat(decision.firedRules()).containsExactlyInAnyOrder(MEMBER_RATE, NEAR_MISS);
    assertThat(keysOf(decision)).containsExactly(EntryKey.orderBase("o-1").text());
    assertThat(decision.notices()).containsExactly("near miss: order TWD 1350.00 is below the TWD 1499.00 threshold"
        + " of \"Spend NT$1,499, get 200\" (TWD 149.00 short)");
  }

  @Test
  void threshold_measuresTheEarningBaseNotTheTotal() {
    // given: NT$1,600 of goods, NT$200 off the order, NT$100 shipping: the total is NT$1,500 but the
    // earning base only NT$1,400
    Shop shop = shop(taiwan(SPEND_1499));
    Order order = order("o-1", "m-1", DAY, Channel.ONLINE_STORE, "200", "100", line("l1", "SKU-1", "apparel", 1, "1600"));

    // when
    Decision decision = shop.apply(paid(order));

    // then
    assertThat(order.total()).isEqualTo(Fixtures.twd("1500"));
    assertThat(keysOf(decision)).containsExactly(EntryKey.orderBase("o-1").text());
    assertThat(decision.notices()).singleElement().asString().contains("order TWD 1400.00 is below the TWD 1499.00 threshold");
  }

  @Test
  void threshold_giftCardsDoNotCount() {
    // given: NT$1,000 of apparel and a NT$1,000 gift card
    Shop shop = shop(taiwan(SPEND_1499));
    Order order = order("o-1", "m-1", DAY, Channel.ONLINE_STORE, line("l1", "SKU-1", "apparel", 1, "1000"),
        line("l2", "GC-1", "gift-card", 1, "1000"));

    // when
    Decision decision = shop.apply(paid(order));

    // then: NT$1,000 of the NT$2,000 counts, short of the threshold
    assertThat(decision.firedRules()).containsExactlyInAnyOrder(MEMBER_RATE, NEAR_MISS);
    assertThat(decision.pointsFor("m-1").value()).isEqualTo(10);
  }

  @Test
  void bonus_isSpreadOverTheLinesByNet_soReturnsCanClaimItBack() {
    // given: NT$1,000 and NT$500
    Shop shop = shop(taiwan(SPEND_1499));
    Order order = order("o-1", "m-1", DAY, Channel.ONLINE_STORE, line("l1", "SKU-1", "apparel", 1, "1000"),
        line("l2", "SKU-2", "apparel", 1, "500"));

    // when
    Decision decision = shop.apply(paid(order));

    // then: 200 × 1000/1500 = 133.3 and 200 × 500/1500 = 66.7 → 133 and 67
    assertThat(sharePoints(earned(decision, EntryKey.orderBonus("o-1", "spend-1499")))).containsExactly("l1=133", "l2=67");
    assertThat(sharePoints(earned(decision, EntryKey.orderBase("o-1")))).containsExactly("l1=10", "l2=5");
  }

  @Test
  void firstOrderOfNt1499_paysBothBonuses() {
    // given
    Shop shop = shop(taiwan(FIRST, SPEND_1499));

    // when
    Decision decision = shop.apply(paid(order("o-1", "m-1", DAY, "1499")));

    // then
    assertThat(decision.firedRules()).containsExactlyInAnyOrder(MEMBER_RATE, FIRST_ORDER, THRESHOLD);
    assertThat(decision.pointsFor("m-1").value()).isEqualTo(14 + 100 + 200);
  }

  @Test
  void firstOrder_aGiftCardOnlyOrderDoesNotUseItUp() {
    // given: the member's first purchase is only a gift card, which has no qualifying spend
    Shop shop = shop(taiwan(FIRST));
    Decision giftCard = shop.apply(paid(order("o-1", "m-1", DAY, Channel.ONLINE_STORE,
        line("l1", "GC-1", "gift-card", 1, "500"))));

    // when
    Decision realFirst = shop.apply(paid(order("o-2", "m-1", DAY.plusSeconds(60), "1000")));

    // then
    assertThat(giftCard.pointsFor("m-1").value()).isZero();
    assertThat(giftCard.firedRules()).doesNotContain(FIRST_ORDER);
    assertThat(realFirst.firedRules()).contains(FIRST_ORDER);
    assertThat(points(realFirst, EntryKey.orderBonus("o-2", "first-order"))).isEqualTo(100);
  }

  @Test
  void firstOrderWithMinimum_onlyTheVeryFirstOrderCounts() {
    // given: first-order bonus from NT$500
    Campaign firstFrom500 = bonus("first-500", CampaignKind.FIRST_ORDER_BONUS, 100, CampaignSchedule.always(), "500");
    Shop shop = shop(taiwan(firstFrom500));

    // when
    Decision small = shop.apply(paid(order("o-1", "m-1", DAY, "400")));
    Decision next = shop.apply(paid(order("o-2", "m-1", DAY.plusSeconds(60), "600")));

    // then
    assertThat(small.firedRules()).containsExactly(MEMBER_RATE);
    assertThat(next.firedRules()).containsExactly(MEMBER_RATE);
    assertThat(shop.balance("m-1")).isEqualTo(4 + 6);
  }
}
