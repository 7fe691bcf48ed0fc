package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;

/** Properties of {@code welcome-bonus.drl}. */
class WelcomeBonusRulesProperties {
  private static final LocalDate FIRST = LocalDate.of(2025, 1, 1);

  @Provide
  Arbitrary<CampaignSchedule> schedules() {
    Arbitrary<LocalDate> dates = Arbitraries.integers().between(0, 89).map(FIRST::plusDays);
    return Arbitraries.oneOf(
        Combinators.combine(dates, Arbitraries.integers().between(0, 40))
            .as((from, days) -> CampaignSchedule.always().between(from, from.plusDays(days))),
        dates.map(CampaignSchedule::on),
        Arbitraries.of(DayOfWeek.values()).map(CampaignSchedule::every));
  }

  @Provide
  Arbitrary<List<Campaign>> calendars() {
    Arbitrary<Campaign> welcome = Combinators.combine(schedules(), Arbitraries.longs().between(1, 500),
            Arbitraries.of(Set.<String>of(), Set.of("member"), Set.of("gold")))
        .as((schedule, points, tiers) -> Campaign.welcomeBonus("x", "Welcome", Points.of(points),
            schedule).forTiers(tiers));
    return welcome.list().ofMaxSize(5).map(list -> {
      List<Campaign> renamed = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        Campaign c = list.get(i);
        renamed.add(c.renamed("welcome-" + i, "Welcome " + i));
      }
      // an order campaign on every day, which enrolment must ignore
      renamed.add(Fixtures.bonus("first-order", CampaignKind.FIRST_ORDER_BONUS, 100, CampaignSchedule.always(), null));
      return renamed;
    });
  }

  @Provide
  Arbitrary<Instant> enrolments() {
    return RulesArbitraries.around(taipei("2025-02-15T00:00"), Duration.ofDays(50));
  }

  @Property(tries = 300)
  void welcomeBonusIsTheSumOfTheWelcomeCampaignsActiveOnTheTaipeiDateCreditedOnce(
      @ForAll("calendars") List<Campaign> calendar, @ForAll("enrolments") Instant at,
      @ForAll("tiers") String tier) {
    // given
    Shop shop = new Shop(Fixtures.taiwan(calendar.toArray(Campaign[]::new)));
    shop.join(Member.of("m-1", at, tier));
    LocalDate day = at.atZone(Fixtures.TAIPEI).toLocalDate();
    long expected = 0;
    List<String> keys = new ArrayList<>();
    for (Campaign c : calendar) {
      if (c instanceof Campaign.WelcomeBonus w && c.schedule().isActiveOn(day)
          && (c.tiers().isEmpty() || c.tiers().contains(tier))) {
        expected += w.points().value();
        keys.add(EntryKey.enrolmentBonus("m-1", c.id()).text());
      }
    }
    LoyaltyEvent.MemberEnrolled event = new LoyaltyEvent.MemberEnrolled("enrol-1", "m-1", at);

    // when
    Decision first = shop.apply(event);
    Decision again = shop.decide(event);

    // then
    assertThat(first.pointsFor("m-1").value()).isEqualTo(expected);
    assertThat(first.entries()).extracting(LedgerEntry::key).containsExactlyInAnyOrderElementsOf(keys);
    assertThat(first.firedRules()).hasSize(keys.size());
    assertThat(again.entries()).isEmpty();
    assertThat(shop.ledger("m-1").appendAll(first.entries())).allMatch(r -> r == PointLedger.AppendResult.DUPLICATE);
    assertThat(shop.balance("m-1")).isEqualTo(expected);
  }

  @Provide
  Arbitrary<String> tiers() {
    return Arbitraries.of(RulesArbitraries.TIERS);
  }
}
