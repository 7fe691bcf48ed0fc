package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.keysOf;
import static org.loyaltyrules.loyalty.rules.Fixtures.line;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.points;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;
import static org.loyaltyrules.loyalty.rules.Fixtures.utc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.rules.files.CampaignFile;
import org.loyaltyrules.loyalty.rules.files.RuleFiles;
import org.loyaltyrules.loyalty.rules.files.TierFile;

/**
 * Keeps {@code docs/writing-rules.md} and its Traditional Chinese translation true. Every code
 * block the guide marks with {@code <!-- snippet: <recipe>/<file> -->} is read from the Markdown
 * itself, loaded as a merchant's file (untrusted, restricted policy) over the bundled files with
 * {@link RuleFiles}, and made to decide the orders the guide describes, with the numbers the guide
 * gives. A recipe that does not compile, draws a warning or gives other numbers fails here, and so
 * does a DRL or CSV block the guide adds without a marker, or a translation whose code differs.
 */
class WritingRulesGuideTest {
  private static final Path ENGLISH = Path.of("..", "docs", "writing-rules.md");
  private static final Path CHINESE = Path.of("..", "docs", "writing-rules.zh-TW.md");
  private static final Pattern MARKER = Pattern.compile("<!-- snippet: ([a-z0-9-]+/[A-Za-z0-9._-]+) -->");

  /** The snippets this class exercises; the guide must mark exactly these. */
  private static final Set<String> TESTED = Set.of(
      "anatomy/vip-coffee.drl",
      "double-points-day/campaigns.csv",
      "category-campaign/campaigns.csv",
      "threshold-bonus/campaigns.csv",
      "threshold-bonus/spend-steps.drl",
      "birthday-month/campaigns.csv",
      "referral-levels/campaigns.csv",
      "tier-thresholds/tiers.csv",
      "excluding-skus/excluded-skus.drl",
      "pos-only-bonus/store-visit.drl",
      "daily-cap/daily-cap.drl",
      "first-order-bonus/campaigns.csv",
      "birthday-points/campaigns.csv",
      "threshold-gift/campaigns.csv",
      "threshold-gift/free-shipping.drl",
      "store-credit/big-basket.drl",
      "check-example/weekend.drl",
      "check-example/problems",
      // issue 14, item 8 (SEGMENTS)
      "segments/campaigns.csv",
      "segments/win-back.drl",
      "custom-events/campaigns.csv",
      "custom-events/event-bonuses.drl");

  /** One fenced block: its language, text and the snippet key of the marker above it, if any. */
  record Block(String language, String text, Optional<String> snippet, int line) {}

  private static final Map<Path, List<Block>> PARSED = new ConcurrentHashMap<>();
  private static final Map<List<String>, LoadedRules> LOADED = new ConcurrentHashMap<>();

  // ------------------------------------------------------------------ the documents

  @Test
  void guide_translation_hasTheSameCodeBlocks() {
    // given
    List<Block> english = blocks(ENGLISH);

    // when
    List<Block> chinese = blocks(CHINESE);

    // then
    assertThat(chinese).as("code blocks in %s", CHINESE).hasSameSizeAs(english);
    for (int i = 0; i < english.size(); i++) {
      Block en = english.get(i);
      Block zh = chinese.get(i);
      assertThat(List.of(zh.language(), zh.snippet(), zh.text()))
          .as("code block %d: %s line %d against %s line %d", i + 1, CHINESE, zh.line(), ENGLISH, en.line())
          .isEqualTo(List.of(en.language(), en.snippet(), en.text()));
    }
  }

  @Test
  void guide_everyDrlAndCsvBlock_isAMarkedSnippetThisClassTests() {
    // given
    List<Block> blocks = blocks(ENGLISH);

    // when
    List<Block> unmarked = blocks.stream()
        .filter(b -> (b.language().equals("drl") || b.language().equals("csv")) && b.snippet().isEmpty())
        .toList();
    List<String> keys = blocks.stream().flatMap(b -> b.snippet().stream()).filter(k -> !k.endsWith(".java")).toList();

    // then
    assertThat(unmarked).as("DRL and CSV blocks without a snippet marker").isEmpty();
    assertThat(keys).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(TESTED);
  }

  /**
   * A Java block of the guide (what a host configures: programme settings, quotes) is marked
   * {@code <!-- snippet: recipe/Name.java -->} and must equal, after removing the common indentation,
   * the lines between {@code // snippet-start recipe/Name.java} and {@code // snippet-end} in a test
   * source of this module, where a test runs it and checks the numbers the guide gives.
   */
  @Test
  void guide_everyJavaSnippet_isTheRegionATestRuns() {
    // given
    Map<String, String> regions = JavaSnippetRegions.under(Path.of("src", "test", "java"));
    List<Block> javaSnippets = blocks(ENGLISH).stream()
        .filter(b -> b.snippet().filter(k -> k.endsWith(".java")).isPresent())
        .toList();

    // when
    Map<String, String> guide = new LinkedHashMap<>();
    for (Block block : javaSnippets) {
      assertThat(block.language()).as("language of %s at line %d", block.snippet().get(), block.line()).isEqualTo("java");
      assertThat(guide.put(block.snippet().get(), block.text())).as("snippet %s marked twice", block.snippet().get()).isNull();
    }

    // then
    assertThat(guide.keySet()).as("Java snippets of the guide against the regions in test sources")
        .containsExactlyInAnyOrderElementsOf(regions.keySet());
    guide.forEach((key, text) -> assertThat(text).as("guide snippet %s", key).isEqualTo(regions.get(key)));
  }

  // ------------------------------------------------------------------ section 5

  @Test
  void anatomy_vipCoffee_triplesTheRateForVipMembersOnly() {
    // given
    Shop shop = shop("anatomy/vip-coffee.drl");
    shop.join(Member.of("vip", taipei("2025-01-01T00:00"), "member").withTags(Set.of("vip")));
    shop.join(Member.of("plain", taipei("2025-01-01T00:00"), "member"));

    // when
    Decision vip = shop.decide(paid("o-1", "vip", taipei("2025-05-05T12:00"), line("l1", "BEAN-1", "coffee", 1, "1000")));
    Decision plain = shop.decide(paid("o-2", "plain", taipei("2025-05-05T12:00"), line("l1", "BEAN-1", "coffee", 1, "1000")));

    // then
    assertThat(vip.firedRules()).contains("vip-coffee: triple rate on coffee for VIP members (vip-coffee.drl)");
    assertThat(points(vip, EntryKey.orderBase("o-1"))).isEqualTo(30);
    assertThat(points(plain, EntryKey.orderBase("o-2"))).isEqualTo(10);
  }

  // ------------------------------------------------------------------ recipes

  @Test
  void doublePointsDay_1111InTaipei_doublesThePoints() {
    // given
    Shop shop = shop("double-points-day/campaigns.csv");
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));

    // when
    Decision on1111 = shop.decide(paid("o-1", taipei("2025-11-11T10:00"), "1000"));
    Decision on1112 = shop.decide(paid("o-2", taipei("2025-11-12T10:00"), "1000"));
    Decision taipeiMidnightOn1111 = shop.decide(paid("o-3", utc("2025-11-10T16:00:00Z"), "1000"));
    Decision taipeiMidnightOn1112 = shop.decide(paid("o-4", utc("2025-11-11T16:00:00Z"), "1000"));

    // then
    assertThat(points(on1111, EntryKey.orderBase("o-1"))).isEqualTo(10);
    assertThat(points(on1111, EntryKey.orderCampaign("o-1", "double-1111"))).isEqualTo(10);
    assertThat(on1111.pointsFor("m-1").value()).isEqualTo(20);
    assertThat(keysOf(on1112)).containsExactly(EntryKey.orderBase("o-2").text());
    assertThat(on1112.pointsFor("m-1").value()).isEqualTo(10);
    assertThat(taipeiMidnightOn1111.pointsFor("m-1").value()).isEqualTo(20);
    assertThat(taipeiMidnightOn1112.pointsFor("m-1").value()).isEqualTo(10);
  }

  @Test
  void segments_flashSaleVipAndWinBack_giveTheGuidesPoints() {
    // given
    Shop shop = shop("segments/campaigns.csv", "segments/win-back.drl");
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    shop.join(new Member("vip-1", taipei("2025-01-01T00:00"), "member", Optional.empty(), Optional.empty(),
        Set.of("vip")));
    shop.join(new Member("vip-2", taipei("2025-01-01T00:00"), "member", Optional.empty(), Optional.empty(),
        Set.of("vip")));
    shop.join(Member.of("m-2", taipei("2025-01-01T00:00"), "member"));
    Order flash = order("f-1", "m-1", taipei("2025-03-01T20:00"), "1000").atStore("taipei-101").paidWith("line-pay");

    // when
    Decision atEight = shop.decide(new LoyaltyEvent.OrderPaid(flash));
    Decision atTen = shop.decide(new LoyaltyEvent.OrderPaid(
        order("f-2", "m-1", taipei("2025-03-01T22:00"), "1000").atStore("taipei-101").paidWith("line-pay")));
    Decision inCash = shop.decide(new LoyaltyEvent.OrderPaid(
        order("f-3", "m-1", taipei("2025-03-01T20:00"), "1000").atStore("taipei-101").paidWith("cash")));
    shop.apply(paidBy("v-1", "vip-1", taipei("2025-02-10T12:00"), "20000"));
    Decision highValueVip = shop.decide(paidBy("v-2", "vip-1", taipei("2025-03-10T12:00"), "1000"));
    Decision otherVip = shop.decide(paidBy("v-3", "vip-2", taipei("2025-03-10T12:00"), "1000"));
    shop.apply(paidBy("d-1", "m-2", taipei("2025-01-05T12:00"), "800"));
    Decision dormant = shop.decide(paidBy("d-2", "m-2", taipei("2025-08-01T12:00"), "800"));

    // then
    assertThat(atEight.pointsFor("m-1").value()).isEqualTo(30);
    assertThat(atTen.pointsFor("m-1").value()).isEqualTo(10);
    assertThat(inCash.pointsFor("m-1").value()).isEqualTo(10);
    assertThat(keysOf(highValueVip)).contains(EntryKey.orderCampaign("v-2", "vip-high").text());
    assertThat(keysOf(otherVip)).doesNotContain(EntryKey.orderCampaign("v-3", "vip-high").text());
    assertThat(dormant.pointsFor("m-2").value()).isEqualTo(8 + 200);
  }

  @Test
  void categoryCampaign_teaOnATuesday_triplesOnlyTheTea() {
    // given
    Shop shop = shop("category-campaign/campaigns.csv");
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    LocalDate tuesday = LocalDate.of(2026, 3, 3);
    OrderLine tea = line("l1", "TEA-1", "tea", 1, "600");
    OrderLine shirt = line("l2", "SHIRT-1", "apparel", 1, "400");

    // when
    Decision onTuesday = shop.decide(paid("o-1", "m-1", taipei("2026-03-03T12:00"), tea, shirt));
    Decision onWednesday = shop.decide(paid("o-2", "m-1", taipei("2026-03-04T12:00"), tea, shirt));

    // then 10 base, and 6 × (3 − 1) = 12 extra on the tea
    assertThat(tuesday.getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY);
    assertThat(points(onTuesday, EntryKey.orderBase("o-1"))).isEqualTo(10);
    assertThat(points(onTuesday, EntryKey.orderCampaign("o-1", "tea-tuesday"))).isEqualTo(12);
    assertThat(onTuesday.pointsFor("m-1").value()).isEqualTo(22);
    assertThat(onWednesday.pointsFor("m-1").value()).isEqualTo(10);
  }

  @Test
  void thresholdBonus_fromNt1499_pays300_andBelowItANearMissNotice() {
    // given
    Shop shop = shop("threshold-bonus/campaigns.csv");
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    Instant at = taipei("2025-06-01T12:00");

    // when
    Decision reaches = shop.decide(paid("o-1", at, "1499"));
    Decision below = shop.decide(paid("o-2", at, "1498"));
    Decision discounted = shop.decide(new LoyaltyEvent.OrderPaid(order("o-3", "m-1", at, Channel.ONLINE_STORE, "200",
        "0", line("l1", "SKU-1", "apparel", 1, "1600"))));

    // then
    assertThat(points(reaches, EntryKey.orderBonus("o-1", "spend-1499"))).isEqualTo(300);
    assertThat(reaches.pointsFor("m-1").value()).isEqualTo(314);
    assertThat(below.pointsFor("m-1").value()).isEqualTo(14);
    assertThat(below.notices()).containsExactly("near miss: order TWD 1498.00 is below the TWD 1499.00 threshold of"
        + " \"300 bonus points from NT$1499\" (TWD 1.00 short)",
        "tier-progress: spend TWD 8502.00 more by 2026-05-31 to reach silver");
    assertThat(keysOf(discounted)).containsExactly(EntryKey.orderBase("o-3").text());
  }

  @Test
  void thresholdBonus_spendSteps_payOnlyTheHighestStep() {
    // given
    Shop shop = shop("threshold-bonus/spend-steps.drl");
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    Instant at = taipei("2025-06-01T12:00");

    // when
    Decision below = shop.decide(paid("o-1", at, "2999"));
    Decision firstStep = shop.decide(paid("o-2", at, "4999"));
    Decision secondStep = shop.decide(paid("o-3", at, "5000"));

    // then
    assertThat(below.pointsFor("m-1").value()).isEqualTo(29);
    assertThat(firstStep.pointsFor("m-1").value()).isEqualTo(49 + 100);
    assertThat(secondStep.firedRules()).containsOnlyOnce("spend-steps: 300 points from NT$5,000 (spend-steps.drl)")
        .doesNotContain("spend-steps: 100 points from NT$3,000");
    assertThat(points(secondStep, EntryKey.orderBonus("o-3", "spend-step"))).isEqualTo(300);
    assertThat(secondStep.pointsFor("m-1").value()).isEqualTo(50 + 300);
  }

  @Test
  void thresholdBonus_stepsAndTheRowTogether_payBoth() {
    // given
    Shop shop = shop("threshold-bonus/campaigns.csv", "threshold-bonus/spend-steps.drl");
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));

    // when
    Decision decision = shop.decide(paid("o-1", taipei("2025-06-01T12:00"), "5000"));

    // then
    assertThat(decision.pointsFor("m-1").value()).isEqualTo(50 + 300 + 300);
  }

  @Test
  void birthdayMonth_lastEveningOfTheMonthInTaipei_doubles_firstMinutesOfTheNextDoNot() {
    // given a member born on 15 March, and one whose birthday is unknown
    Shop shop = shop("birthday-month/campaigns.csv");
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member").withBirthday(MonthDay.of(3, 15)));
    shop.join(Member.of("m-2", taipei("2025-01-01T00:00"), "member"));

    // when
    Decision march = shop.decide(paid("o-1", taipei("2025-03-31T23:30"), "1000"));
    Decision april = shop.decide(paid("o-2", taipei("2025-04-01T00:10"), "1000"));
    Decision unknown = shop.decide(new LoyaltyEvent.OrderPaid(order("o-3", "m-2", taipei("2025-03-31T23:30"), "1000")));

    // then
    assertThat(points(march, EntryKey.orderCampaign("o-1", "birthday-double"))).isEqualTo(10);
    assertThat(march.pointsFor("m-1").value()).isEqualTo(20);
    assertThat(april.pointsFor("m-1").value()).isEqualTo(10);
    assertThat(unknown.pointsFor("m-2").value()).isEqualTo(10);
  }

  @Test
  void referralLevels_firstOrderFromNt500_paysThreeLevelsOnce() {
    // given A referred B, B referred C, C referred D
    Shop shop = shop("referral-levels/campaigns.csv");
    Instant joined = taipei("2025-01-01T00:00");
    shop.join(Member.of("m-a", joined, "member"));
    shop.join(Member.of("m-b", joined, "member").withReferrer("m-a"));
    shop.join(Member.of("m-c", joined, "member").withReferrer("m-b"));
    shop.join(Member.of("m-d", joined, "member").withReferrer("m-c"));

    // when
    Decision small = shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-d", taipei("2025-06-01T12:00"), "499")));
    Decision first = shop.apply(new LoyaltyEvent.OrderPaid(order("o-2", "m-d", taipei("2025-06-02T12:00"), "600")));
    Decision next = shop.apply(new LoyaltyEvent.OrderPaid(order("o-3", "m-d", taipei("2025-06-03T12:00"), "600")));

    // then
    assertThat(keysOf(small)).containsExactly(EntryKey.orderBase("o-1").text());
    assertThat(first.pointsFor("m-c").value()).isEqualTo(300);
    assertThat(first.pointsFor("m-b").value()).isEqualTo(100);
    assertThat(first.pointsFor("m-a").value()).isEqualTo(50);
    assertThat(first.pointsFor("m-d").value()).isEqualTo(6);
    // the bundled rule, once per level, each paying its row's amount
    assertThat(first.firedRules()).filteredOn(r -> r.startsWith("referral-bonus: upline at the campaign's level"))
        .hasSize(3);
    assertThat(keysOf(next)).containsExactly(EntryKey.orderBase("o-3").text());
    assertThat(List.of(shop.balance("m-a"), shop.balance("m-b"), shop.balance("m-c"), shop.balance("m-d")))
        .containsExactly(50L, 100L, 300L, 4L + 6 + 6);
  }

  @Test
  void tierThresholds_nt8000_reachesSilver_andTheNextOrderEarnsTheSilverRate() {
    // given
    Shop shop = shop("tier-thresholds/tiers.csv");
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    Shop bundled = new Shop(taiwan());
    bundled.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));

    // when
    Decision upgrade = shop.apply(paid("o-1", taipei("2025-06-01T12:00"), "8000"));
    Decision next = shop.apply(paid("o-2", taipei("2025-06-02T12:00"), "1000"));
    Decision withBundledLadder = bundled.decide(paid("o-1", taipei("2025-06-01T12:00"), "8000"));

    // then
    assertThat(points(upgrade, EntryKey.orderBase("o-1"))).isEqualTo(80);
    assertThat(upgrade.tierChange()).hasValueSatisfying(change -> {
      assertThat(change.from()).isEqualTo("member");
      assertThat(change.to()).isEqualTo("silver");
    });
    assertThat(shop.member("m-1").tierCode()).isEqualTo("silver");
    assertThat(points(next, EntryKey.orderBase("o-2"))).isEqualTo(15);
    assertThat(withBundledLadder.tierChange()).isEmpty();
  }

  @Test
  void excludingSkus_samplesAndBags_earnNothing() {
    // given
    Shop shop = shop("excluding-skus/excluded-skus.drl");
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    Shop bundled = new Shop(taiwan());
    bundled.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    OrderLine[] lines = {line("l1", "SHIRT-1", "apparel", 1, "1000"), line("l2", "BAG-L", "packaging", 1, "100"),
        line("l3", "SAMPLE-7", "beauty", 1, "50")};

    // when
    Decision decision = shop.decide(paid("o-1", "m-1", taipei("2025-06-01T12:00"), lines));
    Decision withoutTheFile = bundled.decide(paid("o-1", "m-1", taipei("2025-06-01T12:00"), lines));

    // then
    assertThat(decision.pointsFor("m-1").value()).isEqualTo(10);
    assertThat(Fixtures.earned(decision, EntryKey.orderBase("o-1")).spend()).isEqualTo(Fixtures.twd("1150"));
    assertThat(withoutTheFile.pointsFor("m-1").value()).isEqualTo(11);
  }

  @Test
  void posOnlyBonus_fromNt300AtTheTill_pays20() {
    // given
    Shop shop = shop("pos-only-bonus/store-visit.drl");
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    Instant at = taipei("2025-06-01T12:00");

    // when
    Decision inStore = shop.decide(paid("o-1", "m-1", at, Channel.POS, line("l1", "SKU-1", "apparel", 1, "500")));
    Decision online = shop.decide(paid("o-2", "m-1", at, Channel.ONLINE_STORE, line("l1", "SKU-1", "apparel", 1, "500")));
    Decision small = shop.decide(paid("o-3", "m-1", at, Channel.POS, line("l1", "SKU-1", "apparel", 1, "299")));

    // then
    assertThat(points(inStore, EntryKey.orderBonus("o-1", "store-visit"))).isEqualTo(20);
    assertThat(inStore.pointsFor("m-1").value()).isEqualTo(25);
    assertThat(online.pointsFor("m-1").value()).isEqualTo(5);
    assertThat(small.pointsFor("m-1").value()).isEqualTo(2);
  }

  @Test
  void dailyCap_500ADayInTaipei_secondOrderGetsTheRest_midnightStartsAgain() {
    // given a gold member: 2 points per NT$100
    Shop shop = shop("daily-cap/daily-cap.drl");
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "gold"));

    // when
    Decision morning = shop.apply(paid("o-1", taipei("2025-11-11T10:00"), "15000"));
    Decision lastSecond = shop.apply(paid("o-2", taipei("2025-11-11T23:59:59"), "15000"));
    Decision nextDay = shop.apply(paid("o-3", utc("2025-11-11T16:00:00Z"), "15000"));

    // then
    assertThat(morning.pointsFor("m-1").value()).isEqualTo(300);
    assertThat(lastSecond.pointsFor("m-1").value()).isEqualTo(200);
    assertThat(nextDay.pointsFor("m-1").value()).isEqualTo(300);
  }

  @Test
  void firstOrderBonus_firstOrderOnly_andGiftCardsDoNotUseItUp() {
    // given
    Shop shop = shop("first-order-bonus/campaigns.csv");
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    shop.join(Member.of("m-2", taipei("2025-01-01T00:00"), "member"));

    // when
    Decision first = shop.apply(paid("o-1", taipei("2025-06-01T12:00"), "800"));
    Decision second = shop.apply(paid("o-2", taipei("2025-06-02T12:00"), "800"));
    Decision giftCards = shop.apply(paid("o-3", "m-2", taipei("2025-06-01T12:00"), line("l1", "GC-1", "gift-card", 1, "1000")));
    Decision afterGiftCards = shop.apply(new LoyaltyEvent.OrderPaid(order("o-4", "m-2", taipei("2025-06-02T12:00"), "800")));

    // then
    assertThat(points(first, EntryKey.orderBonus("o-1", "first-order"))).isEqualTo(100);
    assertThat(first.pointsFor("m-1").value()).isEqualTo(108);
    assertThat(second.pointsFor("m-1").value()).isEqualTo(8);
    assertThat(giftCards.pointsFor("m-2").value()).isZero();
    assertThat(afterGiftCards.pointsFor("m-2").value()).isEqualTo(108);
  }

  @Test
  void firstOrderBonus_withMinSpend_aSmallerFirstOrderMissesIt() {
    // given the guide's variation: the first-order row with a NT$500 minimum
    String calendar = snippet("first-order-bonus/campaigns.csv").replace("id,name,kind,bonus", "id,name,kind,bonus,min_spend")
        .replace("FIRST_ORDER_BONUS,100", "FIRST_ORDER_BONUS,100,500");
    LoadedRules loaded = RuleFiles.bundled().withCampaigns(CampaignFile.FILE_NAME, calendar).load(taiwan());
    Shop shop = new Shop(loaded.engine());
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));

    // when
    Decision small = shop.apply(paid("o-1", taipei("2025-06-01T12:00"), "300"));
    Decision large = shop.apply(paid("o-2", taipei("2025-06-02T12:00"), "800"));

    // then the bonus is missed, not postponed
    assertThat(calendar).contains(",500");
    assertThat(keysOf(small)).containsExactly(EntryKey.orderBase("o-1").text());
    assertThat(keysOf(large)).containsExactly(EntryKey.orderBase("o-2").text());
  }

  // ------------------------------------------------------------------ 7.15 and 7.16 (issue 14, calendar)

  private static LoyaltyEvent.DayStarted dayStarted(String memberId, String date) {
    return new LoyaltyEvent.DayStarted("day:" + date + ":" + memberId, memberId, LocalDate.parse(date),
        taipei(date + "T00:05"));
  }

  @Test
  void birthdayPoints_onceInTheBirthdayMonth_anniversaryFromTheSecondYear() {
    // given: born 15 March, enrolled 5 March 2025
    Shop shop = shop("birthday-points/campaigns.csv");
    shop.join(Member.of("m-1", taipei("2025-03-05T12:00"), "member").withBirthday(MonthDay.of(3, 15)));

    // when
    Decision enrolmentMonth = shop.apply(dayStarted("m-1", "2025-03-06"));
    Decision march = shop.apply(dayStarted("m-1", "2026-03-20"));
    long restOfMarch = 0;
    for (int d = 1; d <= 31; d++) {
      restOfMarch += shop.apply(dayStarted("m-1", String.format(java.util.Locale.ROOT, "2026-03-%02d", d)))
          .entries().size();
    }
    Decision april = shop.apply(dayStarted("m-1", "2026-04-01"));
    Decision nextYear = shop.apply(dayStarted("m-1", "2027-03-01"));

    // then
    assertThat(enrolmentMonth.pointsFor("m-1").value()).isEqualTo(200);
    assertThat(enrolmentMonth.rewards()).extracting(r -> r.reward()).containsExactly("COUPON-BDAY-100");
    assertThat(march.pointsFor("m-1").value()).isEqualTo(300);
    assertThat(march.rewards()).extracting(r -> r.reward()).containsExactly("COUPON-BDAY-100");
    assertThat(restOfMarch).isZero();
    assertThat(april.entries()).isEmpty();
    assertThat(nextYear.pointsFor("m-1").value()).isEqualTo(300);
    assertThat(nextYear.rewards()).hasSize(1);
    assertThat(Fixtures.earned(march, EntryKey.birthdayBonus("m-1", 2026, "birthday-200")).expiresAt())
        .contains(taipei("2027-04-01T00:00"));
  }

  @Test
  void thresholdGift_grantedAtNt1499_revokedWhenAReturnLeavesLess_freeShippingForGold() {
    // given
    Shop shop = shop("threshold-gift/campaigns.csv", "threshold-gift/free-shipping.drl");
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    shop.join(Member.of("m-2", taipei("2025-01-01T00:00"), "gold"));
    Order order = order("o-1", "m-1", taipei("2026-05-10T14:00"), Channel.ONLINE_STORE,
        line("a", "SKU-A", "kitchen", 1, "1000"), line("b", "SKU-B", "kitchen", 1, "800"));

    // when
    Decision paid = shop.apply(new LoyaltyEvent.OrderPaid(order));
    Decision refund = shop.apply(LoyaltyEvent.OrderReturned.of("r-1", order,
        List.of(new LoyaltyEvent.ReturnedLine("b", 1)), taipei("2026-05-12T10:00")));
    Decision small = shop.apply(paid("o-2", taipei("2026-05-13T10:00"), "1200"));
    Decision gold = shop.apply(paid("o-3", "m-2", taipei("2026-05-13T10:00"), line("l1", "SKU-1", "tea", 1, "300")));

    // then
    assertThat(paid.rewards()).extracting(r -> r.reward(), r -> r.quantity())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("THERMOS", 1));
    assertThat(refund.revokedRewards()).extracting(r -> r.reward()).containsExactly("THERMOS");
    assertThat(small.rewards()).isEmpty();
    assertThat(small.notices()).contains("near miss: order TWD 1200.00 is below the TWD 1499.00 threshold of "
        + "\"Spend NT$1,499, get a thermos\" (TWD 299.00 short)");
    assertThat(gold.rewards()).extracting(r -> r.reward()).containsExactly("FREE-SHIPPING");
  }

  @Test
  void thresholdGift_revokeOnFullRefund_keepsTheGiftAfterAPartialReturn() {
    // given the guide's alternative policy
    LoadedRules loaded = RuleFiles.bundled().withCampaigns(CampaignFile.FILE_NAME, snippet("threshold-gift/campaigns.csv"))
        .load(taiwan().toBuilder().rewardRefundPolicy(org.loyaltyrules.loyalty.Programme.RewardRefundPolicy
            .REVOKE_ON_FULL_REFUND).build());
    Shop shop = new Shop(loaded.engine());
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    Order order = order("o-1", "m-1", taipei("2026-05-10T14:00"), Channel.ONLINE_STORE,
        line("a", "SKU-A", "kitchen", 1, "1000"), line("b", "SKU-B", "kitchen", 1, "800"));
    shop.apply(new LoyaltyEvent.OrderPaid(order));

    // when
    Decision partial = shop.apply(LoyaltyEvent.OrderReturned.of("r-1", order,
        List.of(new LoyaltyEvent.ReturnedLine("b", 1)), taipei("2026-05-12T10:00")));
    Decision rest = shop.apply(LoyaltyEvent.OrderReturned.of("r-2", order,
        List.of(new LoyaltyEvent.ReturnedLine("a", 1)), taipei("2026-05-13T10:00")));

    // then
    assertThat(partial.revokedRewards()).isEmpty();
    assertThat(rest.revokedRewards()).hasSize(1);
  }

  // ------------------------------------------------------------------ section 8

  @Test
  void customEvents_checkInsLineFollowAndFiveStarReviews_withinTheirLimits() {
    // given: the recipe's calendar and its event-bonuses.drl, which replaces the bundled one
    Shop shop = shop("custom-events/campaigns.csv", "custom-events/event-bonuses.drl");
    shop.join(Member.of("m-1", taipei("2026-01-01T00:00"), "member"));
    Instant monday = taipei("2026-03-02T09:00");

    // when: a check-in every day Monday to Sunday, and a second one on Monday evening
    List<Long> week = new ArrayList<>();
    for (int day = 0; day < 7; day++) {
      week.add(shop.apply(custom("ci-" + day, "check-in", monday.plus(Duration.ofDays(day)), Map.of()))
          .pointsFor("m-1").value());
    }
    Decision evening = shop.apply(custom("ci-evening", "check-in", taipei("2026-03-02T21:00"), Map.of()));
    Decision nextMonday = shop.apply(custom("ci-next", "check-in", taipei("2026-03-09T09:00"), Map.of()));

    // then
    assertThat(week).containsExactly(5L, 5L, 5L, 5L, 5L, 0L, 0L);
    assertThat(evening.entries()).isEmpty();
    assertThat(evening.notices()).singleElement().asString().startsWith("event-limit: ");
    assertThat(nextMonday.pointsFor("m-1").value()).isEqualTo(5);

    // and: LINE pays 50 once; a four-star review nothing, five-star reviews 30 three times a week
    assertThat(shop.apply(custom("lf-1", "line-follow", monday, Map.of())).pointsFor("m-1").value()).isEqualTo(50);
    assertThat(shop.apply(custom("lf-2", "line-follow", monday.plus(Duration.ofDays(365)), Map.of())).entries())
        .isEmpty();
    assertThat(shop.apply(custom("rv-4", "review", monday, Map.of("stars", "4"))).entries()).isEmpty();
    List<Long> reviews = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      reviews.add(shop.apply(custom("rv-" + i, "review", monday.plus(Duration.ofHours(i)), Map.of("stars", "5")))
          .pointsFor("m-1").value());
    }
    assertThat(reviews).containsExactly(30L, 30L, 30L, 0L);
    // 300 points per member in all: ten five-star reviews, over four weeks at 3 a week
    long paid = 90;
    for (int i = 0; i < 12; i++) {
      paid += shop.apply(custom("rv-later-" + i, "review", monday.plus(Duration.ofDays(7 + 2L * i)),
          Map.of("stars", "5"))).pointsFor("m-1").value();
    }
    assertThat(paid).isEqualTo(300);
  }

  private static LoyaltyEvent.CustomEvent custom(String id, String type, Instant at, Map<String, String> attributes) {
    return new LoyaltyEvent.CustomEvent(id, "m-1", type, attributes, at);
  }

  @Test
  void checkExample_isReportedWithTheProblemsTheGuideShows() {
    // given
    RuleFiles files = RuleFiles.of(List.of(RuleSource.of("weekend.drl", snippet("check-example/weekend.drl"))))
        .over(RuleFiles.bundled());

    // when
    List<RuleFileProblem> problems = files.check(taiwan());

    // then
    assertThat(problems.stream().map(RuleFileProblem::toString).collect(Collectors.joining("\n")))
        .isEqualTo(snippet("check-example/problems").strip());
  }

  @Test
  void checkExample_withoutSalienceAndSystemOut_loadsCleanly() {
    // given the fix the guide describes
    String fixed = snippet("check-example/weekend.drl").lines()
        .filter(l -> !l.contains("salience") && !l.contains("System.out"))
        .collect(Collectors.joining("\n", "", "\n"));
    RuleFiles files = RuleFiles.of(List.of(RuleSource.of("weekend.drl", fixed))).over(RuleFiles.bundled());

    // when
    List<RuleFileProblem> problems = files.check(taiwan());

    // then
    assertThat(fixed.lines().count()).isEqualTo(snippet("check-example/weekend.drl").lines().count() - 2);
    assertThat(problems).isEmpty();
  }

  // ------------------------------------------------------------------ helpers

  private static LoyaltyEvent.OrderPaid paidBy(String id, String memberId, Instant at, String amount) {
    return new LoyaltyEvent.OrderPaid(order(id, memberId, at, amount));
  }

  private static LoyaltyEvent.OrderPaid paid(String id, Instant at, String amount) {
    return new LoyaltyEvent.OrderPaid(order(id, "m-1", at, amount));
  }

  private static LoyaltyEvent.OrderPaid paid(String id, String memberId, Instant at, OrderLine... lines) {
    return paid(id, memberId, at, Channel.ONLINE_STORE, lines);
  }

  private static LoyaltyEvent.OrderPaid paid(String id, String memberId, Instant at, Channel channel, OrderLine... lines) {
    Order order = order(id, memberId, at, channel, lines);
    return new LoyaltyEvent.OrderPaid(order);
  }

  /**
   * A shop running the snippets as a merchant's files over the bundled ones, on the default
   * Taiwanese programme with the snippets' calendar or ladder.
   */
  private static Shop shop(String... snippets) {
    return new Shop(load(snippets).engine());
  }

  private static LoadedRules load(String... snippets) {
    return LOADED.computeIfAbsent(List.of(snippets), keys -> {
      List<RuleSource> sources = new ArrayList<>();
      Map<String, String> data = new LinkedHashMap<>();
      for (String key : keys) {
        String file = key.substring(key.indexOf('/') + 1);
        if (file.endsWith(".drl")) {
          sources.add(RuleSource.of(file, snippet(key)));
        } else if (file.equals(CampaignFile.FILE_NAME) || file.equals(TierFile.FILE_NAME)) {
          data.put(file, snippet(key));
        } else {
          throw new AssertionError("snippet " + key + " is not a rule, campaign or tier file");
        }
      }
      RuleFiles files = RuleFiles.of(sources);
      if (data.containsKey(CampaignFile.FILE_NAME)) {
        files = files.withCampaigns(CampaignFile.FILE_NAME, data.get(CampaignFile.FILE_NAME));
      }
      if (data.containsKey(TierFile.FILE_NAME)) {
        files = files.withTiers(TierFile.FILE_NAME, data.get(TierFile.FILE_NAME));
      }
      LoadedRules loaded = files.over(RuleFiles.bundled()).load(taiwan());
      assertThat(loaded.warnings()).as("warnings for %s", keys).isEmpty();
      return loaded;
    });
  }

  private static String snippet(String key) {
    return blocks(ENGLISH).stream()
        .filter(b -> b.snippet().equals(Optional.of(key)))
        .map(Block::text)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no snippet " + key + " in " + ENGLISH));
  }

  /**
   * The fenced blocks of a Markdown file, in order. A marker line must be followed directly by a
   * fence, so a marker can never silently attach to the wrong block.
   */
  private static List<Block> blocks(Path file) {
    return PARSED.computeIfAbsent(file, f -> {
      List<String> lines;
      try {
        lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      List<Block> blocks = new ArrayList<>();
      Optional<String> pending = Optional.empty();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        Matcher marker = MARKER.matcher(line.strip());
        if (marker.matches()) {
          pending = Optional.of(marker.group(1));
          if (i + 1 >= lines.size() || !lines.get(i + 1).startsWith("```")) {
            throw new AssertionError(f + ":" + (i + 1) + ": snippet marker not followed by a code fence");
          }
          continue;
        }
        if (line.startsWith("```")) {
          String language = line.substring(3).strip();
          StringBuilder text = new StringBuilder();
          int start = i + 1;
          for (i++; i < lines.size() && !lines.get(i).equals("```"); i++) {
            text.append(lines.get(i)).append('\n');
          }
          if (i >= lines.size()) {
            throw new AssertionError(f + ":" + start + ": code fence never closed");
          }
          blocks.add(new Block(language, text.toString(), pending, start));
          pending = Optional.empty();
        }
      }
      return List.copyOf(blocks);
    });
  }
}
