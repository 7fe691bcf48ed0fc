package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.earned;
import static org.loyaltyrules.loyalty.rules.Fixtures.keysOf;
import static org.loyaltyrules.loyalty.rules.Fixtures.line;
import static org.loyaltyrules.loyalty.rules.Fixtures.multiplier;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.points;
import static org.loyaltyrules.loyalty.rules.Fixtures.sharePoints;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;
import static org.loyaltyrules.loyalty.rules.Fixtures.twd;
import static org.loyaltyrules.loyalty.rules.Fixtures.utc;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.StackingPolicy;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;

/**
 * Worked examples for {@code campaign-multipliers.drl}: campaigns are data (dates, weekdays,
 * yearly days, SKUs, categories, channels, tiers, birthday month) matched by three generic rules,
 * stacked by the programme's declared policy. A member (1 point per NT$100) buying NT$1,000 earns
 * 10 base points in every example unless stated.
 */
class CampaignMultipliersRulesTest {
  private static final String MEMBER_RATE = "earning: base rate for member tier";
  /** One rule covers whole-order, SKU and category campaigns. */
  private static final String TARGETED = "campaign-multipliers: campaign on the lines it targets";
  private static final String EVERY_LINE = TARGETED;
  private static final String LISTED_SKUS = TARGETED;
  private static final String LISTED_CATEGORIES = TARGETED;
  private static final Campaign DOUBLE_1111 = Campaign.multiplier("double-1111", "Double points 11/11",
      new java.math.BigDecimal("2"), CampaignSchedule.yearlyOn(MonthDay.of(11, 11)));

  private static Decision decide(Programme programme, Member member, Order order) {
    Shop shop = new Shop(programme);
    shop.join(member);
    return shop.apply(new LoyaltyEvent.OrderPaid(order));
  }

  private static Member member() {
    return Member.of("m-1", taipei("2024-01-01T00:00"), "member");
  }

  private static Decision decide(Programme programme, Order order) {
    return decide(programme, member(), order);
  }

  @ParameterizedTest(name = "paid {0} → doubled: {1}")
  @CsvSource({
      "2025-11-10T15:59:59Z, false", // 10 Nov 23:59:59 in Taipei
      "2025-11-10T16:00:00Z, true",  // 11 Nov 00:00 in Taipei, still 10 Nov in UTC
      "2025-11-11T15:59:59Z, true",  // 11 Nov 23:59:59 in Taipei
      "2025-11-11T16:00:00Z, false", // 12 Nov in Taipei, still 11 Nov in UTC
      "2024-11-11T04:00:00Z, true"}) // every year
  void doublePointsDay_1111_followsTheTaipeiCalendarNotUtc(String paidAt, boolean doubled) {
    // given
    Order order = order("o-1", "m-1", utc(paidAt), "1000");

    // when
    Decision decision = decide(taiwan(DOUBLE_1111), order);

    // then
    if (doubled) {
      assertThat(decision.firedRules()).containsExactlyInAnyOrder(MEMBER_RATE, EVERY_LINE);
      assertThat(keysOf(decision)).containsExactly(EntryKey.orderBase("o-1").text(), EntryKey.orderCampaign("o-1", "double-1111").text());
      assertThat(points(decision, EntryKey.orderCampaign("o-1", "double-1111"))).isEqualTo(10);
      assertThat(earned(decision, EntryKey.orderCampaign("o-1", "double-1111")).provenance().reason()).isEqualTo(
          "\"Double points 11/11\" ×2 on 1 line: extra 10 → 10 points (additive stacking, rounded down per order)");
      assertThat(earned(decision, EntryKey.orderCampaign("o-1", "double-1111")).provenance().rule()).isEqualTo(EVERY_LINE);
      assertThat(decision.pointsFor("m-1").value()).isEqualTo(20);
    } else {
      assertThat(decision.firedRules()).containsExactly(MEMBER_RATE);
      assertThat(keysOf(decision)).containsExactly(EntryKey.orderBase("o-1").text());
      assertThat(decision.pointsFor("m-1").value()).isEqualTo(10);
    }
  }

  @ParameterizedTest(name = "paid {0} (Taipei) → doubled: {1}")
  @CsvSource({
      "2025-11-03T23:59, false", // Monday
      "2025-11-04T00:00, true",  // Tuesday (still Monday 16:00 in UTC)
      "2025-11-04T23:59, true",
      "2025-11-05T00:00, false",
      "2026-06-16T12:00, true"})
  void everyTuesday_doublesOnTaipeiTuesdays(String paidAt, boolean doubled) {
    // given
    Campaign tuesdays = Campaign.multiplier("tuesdays", "Double Tuesdays", new java.math.BigDecimal("2"),
        CampaignSchedule.every(DayOfWeek.TUESDAY));

    // when
    Decision decision = decide(taiwan(tuesdays), order("o-1", "m-1", taipei(paidAt), "1000"));

    // then
    assertThat(decision.pointsFor("m-1").value()).isEqualTo(doubled ? 20 : 10);
    assertThat(decision.firedRules().contains(EVERY_LINE)).isEqualTo(doubled);
  }

  @Test
  void skuCampaign_triplesOnlyTheListedSku() {
    // given: tea ×3; NT$500 of tea and NT$500 of apparel
    Campaign tea = multiplier("tea-x3", "3", CampaignSchedule.always()).targeting(Set.of("TEA-01"), Set.of());
    Order order = order("o-1", "m-1", taipei("2025-03-05T12:00"), Channel.ONLINE_STORE,
        line("l1", "TEA-01", "tea", 1, "500"), line("l2", "SKU-2", "apparel", 1, "500"));

    // when
    Decision decision = decide(taiwan(tea), order);

    // then: base 5 + 5; the tea line earns 2 × its 5 more
    assertThat(decision.firedRules()).containsExactlyInAnyOrder(MEMBER_RATE, MEMBER_RATE, LISTED_SKUS);
    assertThat(sharePoints(earned(decision, EntryKey.orderBase("o-1")))).containsExactly("l1=5", "l2=5");
    assertThat(sharePoints(earned(decision, EntryKey.orderCampaign("o-1", "tea-x3")))).containsExactly("l1=10");
    assertThat(earned(decision, EntryKey.orderCampaign("o-1", "tea-x3")).provenance().rule()).isEqualTo(LISTED_SKUS);
    assertThat(decision.pointsFor("m-1").value()).isEqualTo(20);
  }

  @Test
  void categoryCampaign_doublesOnlyTheListedCategory() {
    // given: shoes ×2; NT$800 of shoes and NT$200 of apparel
    Campaign shoes = multiplier("shoes-x2", "2", CampaignSchedule.always()).targeting(Set.of(), Set.of("shoes"));
    Order order = order("o-1", "m-1", taipei("2025-03-05T12:00"), Channel.ONLINE_STORE,
        line("l1", "SH-1", "shoes", 1, "800"), line("l2", "SKU-2", "apparel", 1, "200"));

    // when
    Decision decision = decide(taiwan(shoes), order);

    // then
    assertThat(decision.firedRules()).containsExactlyInAnyOrder(MEMBER_RATE, MEMBER_RATE, LISTED_CATEGORIES);
    assertThat(sharePoints(earned(decision, EntryKey.orderCampaign("o-1", "shoes-x2")))).containsExactly("l1=8");
    assertThat(decision.pointsFor("m-1").value()).isEqualTo(18);
  }

  @Test
  void campaign_matchedBySkuAndCategory_countsOnce() {
    // given: a campaign listing both the SKU and the category of the same line
    Campaign both = multiplier("both-x2", "2", CampaignSchedule.always()).targeting(Set.of("SH-1"), Set.of("shoes"));
    Order order = order("o-1", "m-1", taipei("2025-03-05T12:00"), Channel.ONLINE_STORE,
        line("l1", "SH-1", "shoes", 1, "1000"));

    // when
    Decision decision = decide(taiwan(both), order);

    // then: both rules fire, the line is doubled once
    // the one rule fires once for the line, which both the SKU and the category name
    assertThat(decision.firedRules()).containsExactlyInAnyOrder(MEMBER_RATE, TARGETED);
    assertThat(points(decision, EntryKey.orderCampaign("o-1", "both-x2"))).isEqualTo(10);
  }

  @ParameterizedTest(name = "{0} order → doubled: {1}")
  @CsvSource({"pos, true", "online-store, false", "app, false"})
  void posOnlyCampaign_appliesOnlyAtThePointOfSale(String channel, boolean doubled) {
    // given
    Campaign pos = multiplier("pos-x2", "2", CampaignSchedule.always()).onChannels(Set.of(Channel.POS));
    Order order = order("o-1", "m-1", taipei("2025-03-05T12:00"), Channel.of(channel),
        line("l1", "SKU-1", "apparel", 1, "1000"));

    // when
    Decision decision = decide(taiwan(pos), order);

    // then
    assertThat(decision.pointsFor("m-1").value()).isEqualTo(doubled ? 20 : 10);
    assertThat(keysOf(decision).contains(EntryKey.orderCampaign("o-1", "pos-x2").text())).isEqualTo(doubled);
  }

  @ParameterizedTest(name = "paid {0} → doubled: {1}")
  @CsvSource({
      "2025-10-31T15:59:59Z, false", // 31 Oct in Taipei
      "2025-10-31T16:00:00Z, true",  // 1 Nov in Taipei, still October in UTC
      "2025-11-30T15:59:59Z, true",
      "2025-11-30T16:00:00Z, false"})
  void birthdayMonth_doublesInTheMembersBirthdayMonthInTaipei(String paidAt, boolean doubled) {
    // given: born on 20 November
    Campaign birthday = multiplier("birthday-x2", "2", CampaignSchedule.always()).forBirthdayMonth();
    Member member = member().withBirthday(MonthDay.of(11, 20));

    // when
    Decision decision = decide(taiwan(birthday), member, order("o-1", "m-1", utc(paidAt), "1000"));

    // then
    assertThat(decision.pointsFor("m-1").value()).isEqualTo(doubled ? 20 : 10);
  }

  @Test
  void birthdayMonth_memberWithoutBirthday_getsNothingExtra() {
    // given
    Campaign birthday = multiplier("birthday-x2", "2", CampaignSchedule.always()).forBirthdayMonth();

    // when
    Decision decision = decide(taiwan(birthday), order("o-1", "m-1", taipei("2025-11-05T12:00"), "1000"));

    // then
    assertThat(decision.firedRules()).containsExactly(MEMBER_RATE);
    assertThat(decision.pointsFor("m-1").value()).isEqualTo(10);
  }

  @Test
  void tierLimitedCampaign_onlyForThatTier() {
    // given: gold-only ×2; a gold member earns 2 per NT$100
    Campaign goldOnly = multiplier("gold-x2", "2", CampaignSchedule.always()).forTiers(Set.of("gold"));
    Order order = order("o-1", "m-1", taipei("2025-03-05T12:00"), "1000");

    // when
    Decision forMember = decide(taiwan(goldOnly), order);
    Decision forGold = decide(taiwan(goldOnly), member().withTier("gold"), order);

    // then
    assertThat(forMember.pointsFor("m-1").value()).isEqualTo(10);
    assertThat(forGold.pointsFor("m-1").value()).isEqualTo(40);
  }

  @Test
  void limitedTimeCampaign_onlyInsideItsDateRange() {
    // given: ×2 through December 2025
    Campaign december = multiplier("dec-x2", "2",
        CampaignSchedule.always().between(LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 31)));

    // when
    Decision before = decide(taiwan(december), order("o-1", "m-1", taipei("2025-11-30T23:59"), "1000"));
    Decision first = decide(taiwan(december), order("o-1", "m-1", taipei("2025-12-01T00:00"), "1000"));
    Decision last = decide(taiwan(december), order("o-1", "m-1", taipei("2025-12-31T23:59"), "1000"));
    Decision after = decide(taiwan(december), order("o-1", "m-1", taipei("2026-01-01T00:00"), "1000"));

    // then
    assertThat(before.pointsFor("m-1").value()).isEqualTo(10);
    assertThat(first.pointsFor("m-1").value()).isEqualTo(20);
    assertThat(last.pointsFor("m-1").value()).isEqualTo(20);
    assertThat(after.pointsFor("m-1").value()).isEqualTo(10);
  }

  @Test
  void multiplierWithMinimumSpend_appliesOnlyFromThatSpend() {
    // given: ×2 on orders of NT$2,000 or more
    Campaign big = Campaign.multiplier("big-x2", "Double on big baskets", new java.math.BigDecimal("2"),
        CampaignSchedule.always()).withMinSpend(twd("2000"));

    // when
    Decision small = decide(taiwan(big), order("o-1", "m-1", taipei("2025-03-05T12:00"), "1999"));
    Decision large = decide(taiwan(big), order("o-1", "m-1", taipei("2025-03-05T12:00"), "2000"));

    // then
    assertThat(keysOf(small)).containsExactly(EntryKey.orderBase("o-1").text());
    assertThat(small.pointsFor("m-1").value()).isEqualTo(19);
    assertThat(large.pointsFor("m-1").value()).isEqualTo(40);
  }

  @Test
  void giftCardLine_getsNoCampaignShare() {
    // given
    Order order = order("o-1", "m-1", utc("2025-11-11T04:00:00Z"), Channel.ONLINE_STORE,
        line("l1", "SKU-1", "apparel", 1, "1000"), line("l2", "GC-1", "gift-card", 1, "1000"));

    // when
    Decision decision = decide(taiwan(DOUBLE_1111), order);

    // then
    assertThat(sharePoints(earned(decision, EntryKey.orderCampaign("o-1", "double-1111")))).containsExactly("l1=10");
    assertThat(decision.firedRules()).containsExactlyInAnyOrder(MEMBER_RATE, EVERY_LINE);
  }

  // ------------------------------------------------------------------ stacking

  private static final Campaign.Multiplier A_DOUBLE = multiplier("a-double", "2", CampaignSchedule.always());
  private static final Campaign.Multiplier B_TRIPLE = multiplier("b-triple", "3", CampaignSchedule.always());
  private static final Campaign.Multiplier C_HALF = multiplier("c-half", "1.5", CampaignSchedule.always());

  private static Programme stacking(StackingPolicy policy, Campaign... campaigns) {
    return taiwan(campaigns).toBuilder().stacking(policy).build();
  }

  @Test
  void stacking_additive_addsTheExtras() {
    // when: ×2 and ×3 on 10 base points
    Decision decision = decide(stacking(StackingPolicy.ADDITIVE, A_DOUBLE, B_TRIPLE),
        order("o-1", "m-1", taipei("2025-03-05T12:00"), "1000"));

    // then: 10 × (1 + 1 + 2) = 40
    assertThat(decision.firedRules()).containsExactlyInAnyOrder(MEMBER_RATE, EVERY_LINE, EVERY_LINE);
    assertThat(points(decision, EntryKey.orderCampaign("o-1", "a-double"))).isEqualTo(10);
    assertThat(points(decision, EntryKey.orderCampaign("o-1", "b-triple"))).isEqualTo(20);
    assertThat(decision.pointsFor("m-1").value()).isEqualTo(40);
  }

  @Test
  void stacking_multiplicative_multipliesTheFactors() {
    // when
    Decision decision = decide(stacking(StackingPolicy.MULTIPLICATIVE, A_DOUBLE, B_TRIPLE),
        order("o-1", "m-1", taipei("2025-03-05T12:00"), "1000"));

    // then: 10 × 2 × 3 = 60; in campaign-id order, ×2 adds 10, then ×3 adds 2 × 20 = 40
    assertThat(points(decision, EntryKey.orderCampaign("o-1", "a-double"))).isEqualTo(10);
    assertThat(points(decision, EntryKey.orderCampaign("o-1", "b-triple"))).isEqualTo(40);
    assertThat(decision.pointsFor("m-1").value()).isEqualTo(60);
    assertThat(earned(decision, EntryKey.orderCampaign("o-1", "b-triple")).provenance().reason())
        .contains("(multiplicative stacking, rounded down per order)");
  }

  @Test
  void stacking_bestOf_keepsOnlyTheLargestMultiplier() {
    // when
    Decision decision = decide(stacking(StackingPolicy.BEST_OF, A_DOUBLE, B_TRIPLE),
        order("o-1", "m-1", taipei("2025-03-05T12:00"), "1000"));

    // then: both rules fire, only ×3 pays: 10 × 3 = 30
    assertThat(decision.firedRules()).containsExactlyInAnyOrder(MEMBER_RATE, EVERY_LINE, EVERY_LINE);
    assertThat(keysOf(decision)).containsExactly(EntryKey.orderBase("o-1").text(), EntryKey.orderCampaign("o-1", "b-triple").text());
    assertThat(decision.pointsFor("m-1").value()).isEqualTo(30);
  }

  @Test
  void stacking_exclusiveGroup_keepsTheBestOfTheGroupAndStacksTheRest() {
    // given: ×2 and ×3 share a group; ×1.5 stands alone
    Programme programme = stacking(StackingPolicy.ADDITIVE, A_DOUBLE.inExclusiveGroup("mega-sale"),
        B_TRIPLE.inExclusiveGroup("mega-sale"), C_HALF);

    // when
    Decision decision = decide(programme, order("o-1", "m-1", taipei("2025-03-05T12:00"), "1000"));

    // then: 10 × (1 + 2 + 0.5) = 35
    assertThat(keysOf(decision)).containsExactly(EntryKey.orderBase("o-1").text(), EntryKey.orderCampaign("o-1", "b-triple").text(),
        EntryKey.orderCampaign("o-1", "c-half").text());
    assertThat(points(decision, EntryKey.orderCampaign("o-1", "b-triple"))).isEqualTo(20);
    assertThat(points(decision, EntryKey.orderCampaign("o-1", "c-half"))).isEqualTo(5);
    assertThat(decision.pointsFor("m-1").value()).isEqualTo(35);
  }

  @Test
  void stacking_exclusiveGroupTie_smallerCampaignIdWins() {
    // given: two ×2 campaigns in one group
    Campaign z = multiplier("z-double", "2", CampaignSchedule.always()).inExclusiveGroup("g");
    Programme programme = stacking(StackingPolicy.ADDITIVE, z, A_DOUBLE.inExclusiveGroup("g"));

    // when
    Decision decision = decide(programme, order("o-1", "m-1", taipei("2025-03-05T12:00"), "1000"));

    // then
    assertThat(keysOf(decision)).containsExactly(EntryKey.orderBase("o-1").text(), EntryKey.orderCampaign("o-1", "a-double").text());
    assertThat(decision.pointsFor("m-1").value()).isEqualTo(20);
  }

  @Test
  void stacking_campaignsOnDifferentLines_doNotStack() {
    // given: shoes ×2 and tea ×3 under best-of: each line keeps its own best
    Campaign shoes = multiplier("shoes-x2", "2", CampaignSchedule.always()).targeting(Set.of(), Set.of("shoes"));
    Campaign tea = multiplier("tea-x3", "3", CampaignSchedule.always()).targeting(Set.of(), Set.of("tea"));
    Order order = order("o-1", "m-1", taipei("2025-03-05T12:00"), Channel.ONLINE_STORE,
        line("l1", "SH-1", "shoes", 1, "500"), line("l2", "TEA-1", "tea", 1, "500"));

    // when
    Decision decision = decide(stacking(StackingPolicy.BEST_OF, shoes, tea), order);

    // then: 5 + 5 base, +5 on shoes, +10 on tea
    assertThat(sharePoints(earned(decision, EntryKey.orderCampaign("o-1", "shoes-x2")))).containsExactly("l1=5");
    assertThat(sharePoints(earned(decision, EntryKey.orderCampaign("o-1", "tea-x3")))).containsExactly("l2=10");
    assertThat(decision.pointsFor("m-1").value()).isEqualTo(25);
  }

  @Test
  void doublePointsDay_onAnOrderPaidAtMidnight_isExplainedPerLine() {
    // given: two lines on 11/11 at 00:00 Taipei
    Instant midnight = utc("2025-11-10T16:00:00Z");
    Order order = order("o-1", "m-1", midnight, Channel.ONLINE_STORE,
        line("l1", "SKU-1", "apparel", 1, "650"), line("l2", "SKU-2", "apparel", 1, "350"));

    // when
    Decision decision = decide(taiwan(DOUBLE_1111), order);

    // then: the campaign entry mirrors the base shares line by line
    assertThat(sharePoints(earned(decision, EntryKey.orderCampaign("o-1", "double-1111"))))
        .isEqualTo(sharePoints(earned(decision, EntryKey.orderBase("o-1"))))
        .containsExactly("l1=7", "l2=3");
    assertThat(earned(decision, EntryKey.orderCampaign("o-1", "double-1111")).provenance().reason()).contains("on 2 lines");
  }
}
