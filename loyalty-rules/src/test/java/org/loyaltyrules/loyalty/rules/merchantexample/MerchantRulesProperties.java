package org.loyaltyrules.loyalty.rules.merchantexample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Period;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.Programmes;
import org.loyaltyrules.loyalty.rules.testkit.Catalogue;
import org.loyaltyrules.loyalty.rules.testkit.LoyaltyGenerators;
import org.loyaltyrules.loyalty.rules.testkit.ProgrammeHarness;
import org.loyaltyrules.loyalty.rules.testkit.Scenario;

/**
 * What a merchant writes with the test kit: properties over their own rule directory, here the
 * bubble-tea shop Pearl &amp; Leaf in {@code src/test/resources/merchant-example} (its own earning
 * rates on its own tier ladder, a counter-visit bonus, and a campaign calendar), layered over the
 * bundled rules. It uses only the kit's public API, as a merchant's project would.
 */
class MerchantRulesProperties {
  /** The programme as the shop configures it in code; the directory's tiers.csv and campaigns.csv complete it. */
  private static final Programme PROGRAMME = Programmes.taiwan(List.of()).toBuilder()
      .pendingPeriod(Period.ofDays(3))
      .pointsExpireAfter(Period.ofMonths(6), true)
      .redemption(Money.of("1", "TWD"), Points.of(20))
      .downgrade(Programme.DowngradePolicy.ONE_LEVEL, Period.ofMonths(1))
      .build();

  private static final ProgrammeHarness HARNESS =
      ProgrammeHarness.ofDirectory(Path.of("src/test/resources/merchant-example"), PROGRAMME, true);

  private static final Catalogue MENU = Catalogue.of(
          List.of("MT-CLASSIC", "MT-TARO", "FT-MANGO", "FT-PASSION", "TOP-PEARL", "TOP-PUDDING", "CUP-STEEL", "GC-300"),
          List.of("milk-tea", "fruit-tea", "topping", "merch", "gift-card"),
          List.of(Channel.POS, Channel.APP, Channel.of("foodpanda")))
      .withTags(Set.of("student", "staff"))
      .withMaxUnitPrice(400);

  /** Recorded with its file, as every merchant rule is. */
  private static final String COUNTER_BONUS_RULE = "pos-bonus: counter order (pos-bonus.drl)";

  @Provide
  Arbitrary<Scenario> scenarios() {
    return LoyaltyGenerators.scenarios(HARNESS.programme(), MENU);
  }

  @Property(tries = 40)
  void everyInvariantHoldsAfterEveryEvent(@ForAll("scenarios") Scenario scenario) {
    // when / then: the harness asserts every programme invariant after every event
    HARNESS.replay(scenario);
  }

  @Property(tries = 15)
  void everyInvariantHoldsUnderAnyCampaignCalendar(@ForAll("calendars") List<Campaign> calendar,
      @ForAll("scenarios") Scenario scenario) {
    // when / then: the same compiled rules under a random calendar instead of campaigns.csv
    HARNESS.withProgramme(HARNESS.programme().toBuilder().clearCampaigns().campaigns(calendar).build()).replay(scenario);
  }

  @Provide
  Arbitrary<List<Campaign>> calendars() {
    return LoyaltyGenerators.campaigns(HARNESS.programme(), MENU, LoyaltyGenerators.DEFAULT_START);
  }

  @Property(tries = 30)
  void counterOrdersEarnTheVisitBonusExactlyOnce(@ForAll("scenarios") Scenario scenario) {
    // when
    ProgrammeHarness.Replay replay = HARNESS.replay(scenario);

    // then: whatever came back or was redelivered later, each counter order with something that earns has one bonus
    for (Order order : replay.paidOrders()) {
      List<LedgerEntry.Earned> bonuses = replay.host().ledger(order.memberId()).earnedFrom(order.id()).stream()
          .filter(entry -> entry.provenance().rule().equals(COUNTER_BONUS_RULE))
          .toList();
      boolean earns = order.lines().stream().anyMatch(HARNESS.programme()::isInEarningBase);
      assertThat(bonuses).as("counter-visit bonuses of %s", LoyaltyGenerators.describe(order))
          .hasSize(order.channel().equals(Channel.POS) && earns ? 1 : 0)
          .allSatisfy(bonus -> assertThat(bonus.points()).isEqualTo(Points.of(5)));
    }
  }

  @Example
  void ruleDirectory_loaded_hasTheShopsLadderAndCalendarAndNoWarnings() {
    // given: the directory, loaded once for the class over the bundled rules
    // then
    assertThat(HARNESS.warnings()).isEmpty();
    assertThat(HARNESS.programme().tiers().codes()).containsExactly("sprout", "leaf", "blossom");
    assertThat(HARNESS.programme().campaigns()).extracting(Campaign::id)
        .containsExactlyInAnyOrder("fruit-tea-tuesday", "welcome-cup", "party-order", "birthday-double",
            "referral-level-1", "referral-level-2"); // the calendar has no referral rows: the defaults stay
  }
}
