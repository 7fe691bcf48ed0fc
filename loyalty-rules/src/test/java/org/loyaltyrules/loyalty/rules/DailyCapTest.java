package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.bonus;
import static org.loyaltyrules.loyalty.rules.Fixtures.earned;
import static org.loyaltyrules.loyalty.rules.Fixtures.keysOf;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.points;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;
import static org.loyaltyrules.loyalty.rules.Fixtures.utc;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;
import org.loyaltyrules.loyalty.rules.check.DrlChecker;
import org.loyaltyrules.loyalty.rules.files.RuleFiles;

/**
 * Worked examples for {@code decisions.capDailyPoints}: a merchant file (untrusted, so held to the
 * restricted subset) capping what one member earns from the orders paid on one Taipei date at 500
 * points, over the bundled rules. A gold member (the top tier, so no upgrade changes the rate
 * between orders) earns 2 points per NT$100, so a NT$15,000 order earns 300 points before the cap.
 */
class DailyCapTest {
  /** Recorded with the merchant file it comes from. */
  private static final String DAILY_CAP = "daily-cap: at most 500 points a day (merchant-0.drl)";
  private static final String GOLD_RATE = "earning: base rate for gold tier";
  private static final String DRL = """
      // daily-cap: no member earns more than 500 points from the orders of one day.
      // Facts read: OrderFact. Facts emitted: none (calls decisions.capDailyPoints).
      package shop.rules;

      import org.loyaltyrules.loyalty.rules.facts.OrderFact;

      global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

      // why: limits what one member can earn in a day, e.g. from many small orders on a promotion day.
      rule "daily-cap: at most 500 points a day"
      when
          OrderFact()
      then
          decisions.capDailyPoints(500, "at most 500 points a day");
      end
      """;
  private static final String BOTH_CAPS = """
      // order-cap: no single order earns more than 250 points.
      // Facts read: OrderFact. Facts emitted: none (calls decisions.capOrderPoints).
      package shop.rules;

      import org.loyaltyrules.loyalty.rules.facts.OrderFact;

      global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

      // why: one order may not take more than half of the day's allowance.
      rule "order-cap: at most 250 points an order"
      when
          OrderFact()
      then
          decisions.capOrderPoints(250, "at most 250 points an order");
      end
      """;
  private static final Campaign FIRST = bonus("first-order", CampaignKind.FIRST_ORDER_BONUS, 100,
      CampaignSchedule.always(), null);

  /** Loading compiles the bundled rules again: once per file set per test JVM. */
  private static final Map<List<String>, RuleBase> LOADED = new ConcurrentHashMap<>();

  private static Shop shop(Programme programme, String... files) {
    RuleBase rules = LOADED.computeIfAbsent(List.of(files), k -> {
      List<RuleSource> sources = new java.util.ArrayList<>();
      for (int i = 0; i < files.length; i++) {
        sources.add(RuleSource.of("merchant-" + i + ".drl", files[i]));
      }
      LoadedRules loaded = RuleFiles.of(sources).over(RuleFiles.bundled()).load(programme);
      assertThat(loaded.warnings()).isEmpty();
      return loaded.ruleBase();
    });
    Shop shop = new Shop(LoyaltyRulesEngine.builder(programme).ruleBase(rules).build());
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "gold"));
    return shop;
  }

  private static LoyaltyEvent.OrderPaid paid(String id, Instant at, String amount) {
    return new LoyaltyEvent.OrderPaid(order(id, "m-1", at, amount));
  }

  @Test
  void capDailyPoints_isAnAllowedDecisionMethod() {
    // given a merchant file calling the collector's daily cap
    // when
    List<RuleFileProblem> problems = DrlChecker.check(RuleSource.of("daily-cap.drl", DRL));

    // then
    assertThat(problems).isEmpty();
  }

  @Test
  void dailyCap_secondOrderOfTheDay_earnsWhatIsLeft() {
    // given 300 points earned at 10:00 on 11/11
    Shop shop = shop(taiwan(), DRL);
    Decision first = shop.apply(paid("o-1", taipei("2025-11-11T10:00"), "15000"));

    // when another NT$15,000 (300 points) is paid a second before Taipei midnight
    Decision second = shop.apply(paid("o-2", taipei("2025-11-11T23:59:59"), "15000"));

    // then 500 − 300 = 200 are left for it
    assertThat(first.firedRules()).containsExactlyInAnyOrder(GOLD_RATE, DAILY_CAP);
    assertThat(points(first, EntryKey.orderBase("o-1"))).isEqualTo(300);
    assertThat(points(second, EntryKey.orderBase("o-2"))).isEqualTo(200);
    assertThat(earned(second, EntryKey.orderBase("o-2")).provenance().reason()).isEqualTo(
        "TWD 15000.00 earning base × 2 point(s) per TWD 100 (gold tier) = 300 → 200 points (rounded down per order)"
            + "; cut by 100 to respect \"at most 500 points a day\" (" + DAILY_CAP
            + ": at most 500 points per day; 300 already earned on 2025-11-11)");
    assertThat(shop.balance("m-1")).isEqualTo(500);
  }

  @Test
  void dailyCap_taipeiMidnight_startsANewDay() {
    // given 500 points used up on 11/11 (Taipei)
    Shop shop = shop(taiwan(), DRL);
    shop.apply(paid("o-1", taipei("2025-11-11T10:00"), "15000"));
    shop.apply(paid("o-2", taipei("2025-11-11T12:00"), "15000"));

    // when orders are paid at 15:59:59 and 16:00 UTC, the last second of 11/11 and the first of 11/12 in Taipei
    Decision lastSecond = shop.apply(paid("o-3", utc("2025-11-11T15:59:59Z"), "15000"));
    Decision midnight = shop.apply(paid("o-4", utc("2025-11-11T16:00:00Z"), "15000"));

    // then the first still counts against 11/11 (0 left), the second starts 11/12 with the whole 500
    assertThat(points(lastSecond, EntryKey.orderBase("o-3"))).isZero();
    assertThat(earned(lastSecond, EntryKey.orderBase("o-3")).spend()).isEqualTo(Fixtures.twd("15000"));
    assertThat(points(midnight, EntryKey.orderBase("o-4"))).isEqualTo(300);
    assertThat(shop.balance("m-1")).isEqualTo(300 + 200 + 0 + 300);
  }

  @Test
  void dailyCap_cutsBonusesBeforeBasePoints() {
    // given a 100-point first-order bonus
    Shop shop = shop(taiwan(FIRST), DRL);

    // when the first order is NT$22,500: 450 base + 100 bonus = 550
    Decision decision = shop.apply(paid("o-1", taipei("2025-11-11T10:00"), "22500"));

    // then the 50 over the cap come off the bonus
    assertThat(keysOf(decision)).containsExactly(EntryKey.orderBase("o-1").text(), EntryKey.orderBonus("o-1", "first-order").text());
    assertThat(points(decision, EntryKey.orderBase("o-1"))).isEqualTo(450);
    assertThat(points(decision, EntryKey.orderBonus("o-1", "first-order"))).isEqualTo(50);
  }

  @Test
  void dailyCap_countsEveryOrderOfTheDate_whateverTheOrderEventsArriveIn() {
    // given the 20:00 order's event arrives first and earns 300
    Shop shop = shop(taiwan(), DRL);
    shop.apply(paid("o-late", taipei("2025-11-11T20:00"), "15000"));

    // when the 09:00 order of the same day arrives next, and one of the day before
    Decision early = shop.apply(paid("o-early", taipei("2025-11-11T09:00"), "15000"));
    Decision dayBefore = shop.apply(paid("o-before", taipei("2025-11-10T23:00"), "15000"));

    // then the day's two orders share 500; 11/10 is untouched
    assertThat(points(early, EntryKey.orderBase("o-early"))).isEqualTo(200);
    assertThat(points(dayBefore, EntryKey.orderBase("o-before"))).isEqualTo(300);
  }

  @Test
  void dailyCap_pointsClawedBackByAReturn_doNotMakeRoomAgain() {
    // given 300 points earned and then returned on the same day
    Shop shop = shop(taiwan(), DRL);
    Order bought = order("o-1", "m-1", taipei("2025-11-11T10:00"), "15000");
    shop.apply(new LoyaltyEvent.OrderPaid(bought));
    shop.apply(LoyaltyEvent.OrderReturned.whole("r-1", bought, taipei("2025-11-11T11:00")));

    // when
    Decision again = shop.apply(paid("o-2", taipei("2025-11-11T12:00"), "15000"));

    // then the day counts what was credited, 300, so 200 are left
    assertThat(shop.balance("m-1")).isEqualTo(200);
    assertThat(points(again, EntryKey.orderBase("o-2"))).isEqualTo(200);
  }

  @Test
  void dailyCap_withAnOrderCap_theLowerApplies() {
    // given a 250-point order cap beside the 500-point daily cap, and 300 points earned earlier
    Shop shop = shop(taiwan(), DRL, BOTH_CAPS);
    Decision first = shop.apply(paid("o-1", taipei("2025-11-11T10:00"), "15000"));

    // when
    Decision second = shop.apply(paid("o-2", taipei("2025-11-11T11:00"), "15000"));
    Decision third = shop.apply(paid("o-3", taipei("2025-11-11T12:00"), "15000"));

    // then o-1 stops at the order cap (250), o-2 at the order cap too (250 ≤ 500 − 250), o-3 at the day's 0
    assertThat(points(first, EntryKey.orderBase("o-1"))).isEqualTo(250);
    assertThat(earned(first, EntryKey.orderBase("o-1")).provenance().reason())
        .endsWith("(order-cap: at most 250 points an order (merchant-1.drl): at most 250 points per order)");
    assertThat(points(second, EntryKey.orderBase("o-2"))).isEqualTo(250);
    assertThat(points(third, EntryKey.orderBase("o-3"))).isZero();
    assertThat(earned(third, EntryKey.orderBase("o-3")).provenance().reason())
        .endsWith("(" + DAILY_CAP + ": at most 500 points per day; 500 already earned on 2025-11-11)");
  }
}
