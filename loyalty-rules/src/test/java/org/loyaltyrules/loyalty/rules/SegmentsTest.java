package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.keysOf;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.points;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.files.CampaignFile;

/**
 * Worked examples for segments as facts, targeted campaigns and tier-progress notices on the
 * Taiwanese defaults (issue 14, items 8 and 9).
 */
class SegmentsTest {
  private static final String WIN_BACK = """
      package org.loyaltyrules.loyalty.rules.merchant;

      import org.loyaltyrules.loyalty.rules.facts.SegmentFact;
      import org.loyaltyrules.loyalty.rules.facts.OrderFact;

      global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

      rule "win-back: dormant member orders again"
      when
          SegmentFact( segment == "DORMANT" || segment == "CHURNED" )
          OrderFact( earningBase >= 500 )
      then
          decisions.bonus("win-back", 200, "welcome back: 200 points");
      end
      """;

  private static final String FLASH_SALE_CSV = """
      id,name,kind,multiplier,stores,payment_methods,time_of_day,segments,tags
      flash-2000,Flash sale 20:00-22:00 LINE Pay at Taipei 101,MULTIPLIER,3,taipei-101,line-pay,20:00-22:00,,
      vip-high,Double points for high-value VIPs,MULTIPLIER,2,,,,HIGH_VALUE,vip
      """;

  private static Shop shop(Programme programme, RuleBase rules, Member member) {
    Shop shop = new Shop(LoyaltyRulesEngine.builder(programme).ruleBase(rules).build());
    shop.join(member);
    return shop;
  }

  private static Programme withoutProgressNotices(Programme programme) {
    return programme.toBuilder().tierProgressNotices(false).build();
  }

  @Test
  void winBack_dormantMemberOrdersAgain_getsTheMerchantRulesBonus() {
    // given: a merchant file reading SegmentFact, through the restricted-DRL checks
    RuleBase rules = RuleBase.compile(withMerchantFile("win-back.drl", WIN_BACK));
    Shop shop = shop(Fixtures.taiwan(), rules, Member.of("m-1", taipei("2025-01-01T10:00"), "member"));

    // when: 2025-01-05 then, 208 days later (dormant: more than 180), again
    Decision first = shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-01-05T12:00"), "800")));
    Decision again = shop.apply(new LoyaltyEvent.OrderPaid(order("o-2", "m-1", taipei("2025-08-01T12:00"), "800")));

    // then
    assertThat(first.firedRules()).doesNotContain("win-back: dormant member orders again (win-back.drl)");
    assertThat(again.firedRules()).contains("win-back: dormant member orders again (win-back.drl)");
    assertThat(points(again, EntryKey.orderBonus("o-2", "win-back"))).isEqualTo(200);
  }

  @Test
  void flashSale_linePayAtTaipei101_triplesOnlyInsideTheWindow() {
    // given
    List<Campaign> campaigns = CampaignFile.parse("campaigns.csv", FLASH_SALE_CSV, Fixtures.TWD);
    Programme programme = withoutProgressNotices(Programmes.taiwan(campaigns));
    Shop shop = shop(programme, Fixtures.defaults(), Member.of("m-1", taipei("2025-01-01T10:00"), "member"));

    // when
    Decision inside = shop.apply(paid(order("o-1", "m-1", taipei("2025-03-01T20:00"), "1000"), "taipei-101", "line-pay"));
    Decision atTen = shop.apply(paid(order("o-2", "m-1", taipei("2025-03-01T22:00"), "1000"), "taipei-101", "line-pay"));
    Decision cash = shop.apply(paid(order("o-3", "m-1", taipei("2025-03-01T21:00"), "1000"), "taipei-101", "cash"));
    Decision noStore = shop.apply(new LoyaltyEvent.OrderPaid(
        order("o-4", "m-1", taipei("2025-03-01T21:00"), "1000").paidWith("line-pay")));

    // then
    assertThat(keysOf(inside)).contains(EntryKey.orderCampaign("o-1", "flash-2000").text());
    assertThat(points(inside, EntryKey.orderBase("o-1")) + points(inside, EntryKey.orderCampaign("o-1", "flash-2000")))
        .isEqualTo(30);
    assertThat(keysOf(atTen)).containsExactly(EntryKey.orderBase("o-2").text());
    assertThat(keysOf(cash)).containsExactly(EntryKey.orderBase("o-3").text());
    assertThat(keysOf(noStore)).containsExactly(EntryKey.orderBase("o-4").text());
  }

  @Test
  void segmentAndTagCampaign_appliesToAHighValueVipOnly() {
    // given: a VIP who spent NT$20,000 in February, and a VIP who did not
    List<Campaign> campaigns = CampaignFile.parse("campaigns.csv", FLASH_SALE_CSV, Fixtures.TWD);
    Programme programme = withoutProgressNotices(Programmes.taiwan(campaigns));
    Member vip = new Member("m-1", taipei("2025-01-01T10:00"), "member", Optional.empty(), Optional.empty(), Set.of("vip"));
    Shop shop = shop(programme, Fixtures.defaults(), vip);
    shop.join(new Member("m-2", taipei("2025-01-01T10:00"), "member", Optional.empty(), Optional.empty(), Set.of("vip")));
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-02-01T12:00"), "20000")));

    // when
    Decision high = shop.apply(new LoyaltyEvent.OrderPaid(order("o-2", "m-1", taipei("2025-03-01T12:00"), "1000")));
    Decision fresh = shop.apply(new LoyaltyEvent.OrderPaid(order("o-3", "m-2", taipei("2025-03-01T12:00"), "1000")));

    // then
    assertThat(keysOf(high)).contains(EntryKey.orderCampaign("o-2", "vip-high").text());
    assertThat(keysOf(fresh)).doesNotContain(EntryKey.orderCampaign("o-3", "vip-high").text());
  }

  @Test
  void tierProgress_taiwanDefaults_noticeAtEveryOrderAndReview() {
    // given
    Shop shop = shop(Fixtures.taiwan(), Fixtures.defaults(), Member.of("m-1", taipei("2025-01-01T10:00"), "member"));

    // when
    Decision order = shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-03-05T12:00"), "4000")));
    Decision review = shop.apply(new LoyaltyEvent.TierReview("rev-1", "m-1", taipei("2025-04-01T00:00")));

    // then
    assertThat(order.notices()).containsExactly("tier-progress: spend TWD 6000.00 more by 2026-03-04 to reach silver");
    assertThat(review.notices()).containsExactly("tier-progress: spend TWD 6000.00 more by 2026-03-04 to reach silver");
  }

  @Test
  void tierProgress_orderThatUpgrades_tellsWhatKeepsTheNewTier() {
    // given
    Shop shop = shop(Fixtures.taiwan(), Fixtures.defaults(), Member.of("m-1", taipei("2025-01-01T10:00"), "member"));

    // when
    Decision decision = shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-03-05T12:00"), "12000")));

    // then
    assertThat(decision.tierChange()).isPresent();
    assertThat(decision.notices()).containsExactly(
        "tier-progress: spend TWD 10000.00 more by 2026-03-04 to keep silver",
        "tier-progress: spend TWD 18000.00 more by 2026-03-04 to reach gold");
  }

  private static LoyaltyEvent.OrderPaid paid(Order order, String store, String paymentMethod) {
    return new LoyaltyEvent.OrderPaid(order.atStore(store).paidWith(paymentMethod));
  }

  private static List<RuleSource> withMerchantFile(String name, String content) {
    List<RuleSource> sources = new ArrayList<>(RuleBase.defaultSources());
    sources.add(new RuleSource(name, content, false));
    return sources;
  }

}
