package org.loyaltyrules.loyalty.rules.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.Programmes;

/** What the kit's generators promise: values that fit the programme and the catalogue they were made for. */
class LoyaltyGeneratorsProperties {
  private static final Programme PROGRAMME = Programmes.taiwan(List.of());
  private static final Catalogue CATALOGUE = Catalogue.of(List.of("MT-1", "FT-1", "GC-1"),
          List.of("milk-tea", "fruit-tea", "gift-card"), List.of(Channel.POS, Channel.of("foodpanda")))
      .withTags(Set.of("student"))
      .withMaxUnitPrice(400);

  @Provide
  Arbitrary<Order> orders() {
    return LoyaltyGenerators.orders(CATALOGUE, PROGRAMME.currency(), LoyaltyGenerators.MAX_LINES);
  }

  @Property(tries = 100)
  void ordersHaveOneToTwentyLinesFromTheCatalogueInTheProgrammeCurrency(@ForAll("orders") Order order) {
    // then
    assertThat(order.currency()).isEqualTo(PROGRAMME.currency());
    assertThat(order.channel()).isIn(CATALOGUE.channels());
    assertThat(order.lines()).hasSizeBetween(1, LoyaltyGenerators.MAX_LINES);
    assertThat(order.lines()).extracting(OrderLine::lineId).doesNotHaveDuplicates();
    for (OrderLine line : order.lines()) {
      assertThat(line.sku()).isIn(CATALOGUE.skus());
      assertThat(line.category()).isIn(CATALOGUE.categories());
      assertThat(line.unitPrice().amount()).isBetween(BigDecimal.ZERO, BigDecimal.valueOf(CATALOGUE.maxUnitPrice()));
    }
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    return LoyaltyGenerators.scenarios(PROGRAMME, CATALOGUE);
  }

  @Property(tries = 100)
  void scenarioMembersSitOnTheLadderReferEarlierMembersAndEnrolFirst(@ForAll("scenarios") Scenario scenario) {
    // then
    List<Member> members = scenario.members();
    assertThat(members).hasSizeBetween(1, LoyaltyGenerators.MAX_MEMBERS);
    for (int i = 0; i < members.size(); i++) {
      Member member = members.get(i);
      assertThat(member.id()).isEqualTo("m" + (i + 1));
      assertThat(member.tierCode()).isIn(PROGRAMME.tiers().codes());
      assertThat(member.tags()).isSubsetOf(CATALOGUE.tags());
      List<String> earlier = members.subList(0, i).stream().map(Member::id).toList();
      member.referrerId().ifPresent(referrer -> assertThat(referrer).isIn(earlier));
      assertThat(scenario.steps().get(i)).isEqualTo(new Scenario.Enrol(i, i == 0 ? 0 : 60));
    }
    assertThat(scenario.steps()).hasSizeLessThanOrEqualTo(members.size() + LoyaltyGenerators.DEFAULT_MAX_STEPS);
  }

  @Provide
  Arbitrary<List<Campaign>> calendars() {
    return LoyaltyGenerators.campaigns(PROGRAMME, CATALOGUE, LoyaltyGenerators.DEFAULT_START);
  }

  @Property(tries = 100)
  void campaignsTargetTheCatalogueAndLadderAndFitOnTheProgramme(@ForAll("calendars") List<Campaign> calendar) {
    // when
    Programme programme = PROGRAMME.toBuilder().clearCampaigns().campaigns(calendar).build();

    // then
    assertThat(programme.campaigns()).extracting(Campaign::id).doesNotHaveDuplicates().hasSize(calendar.size());
    for (Campaign campaign : calendar) {
      if (campaign instanceof Campaign.Multiplier m) {
        assertThat(m.skus()).isSubsetOf(CATALOGUE.skus());
        assertThat(m.categories()).isSubsetOf(CATALOGUE.categories());
      }
      assertThat(campaign.channels()).isSubsetOf(CATALOGUE.channels());
      assertThat(campaign.tiers()).isSubsetOf(PROGRAMME.tiers().codes());
    }
  }
}
