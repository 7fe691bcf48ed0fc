package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.bonus;
import static org.loyaltyrules.loyalty.rules.Fixtures.earned;
import static org.loyaltyrules.loyalty.rules.Fixtures.keysOf;
import static org.loyaltyrules.loyalty.rules.Fixtures.multiplier;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;
import static org.loyaltyrules.loyalty.rules.Fixtures.utc;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;

/**
 * Worked examples for {@code welcome-bonus.drl}: members enrolling while a welcome campaign runs (by
 * the Taipei calendar) get its points once.
 */
class WelcomeBonusRulesTest {
  private static final String WELCOME = "welcome-bonus: campaign active on the enrolment date";
  private static final Campaign WELCOME_2025 = bonus("welcome-2025", CampaignKind.WELCOME_BONUS, 200,
      CampaignSchedule.always().between(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)), null);

  private static Shop shop(Programme programme) {
    Shop shop = new Shop(programme);
    shop.join(Member.of("m-1", taipei("2025-03-05T12:00"), "member"));
    return shop;
  }

  private static LoyaltyEvent.MemberEnrolled enrolled(Instant at) {
    return new LoyaltyEvent.MemberEnrolled("enrol-m-1", "m-1", at);
  }

  @Test
  void enrol_duringWelcomeCampaign_creditsItsBonus() {
    // given
    Shop shop = shop(taiwan(WELCOME_2025));

    // when
    Decision decision = shop.apply(enrolled(taipei("2025-03-05T12:00")));

    // then
    assertThat(decision.firedRules()).containsExactly(WELCOME);
    assertThat(keysOf(decision)).containsExactly(EntryKey.enrolmentBonus("m-1", "welcome-2025").text());
    LedgerEntry.Earned bonus = earned(decision, EntryKey.enrolmentBonus("m-1", "welcome-2025"));
    assertThat(bonus.points()).isEqualTo(Points.of(200));
    assertThat(bonus.provenance().rule()).isEqualTo(WELCOME);
    assertThat(bonus.provenance().sourceEventId()).isEqualTo("enrol-m-1");
    assertThat(bonus.provenance().reason()).isEqualTo("\"Campaign welcome-2025\": 200 welcome points");
    assertThat(bonus.pendingUntil()).isEmpty();
    assertThat(bonus.expiresAt()).contains(taipei("2026-04-01T00:00"));
    assertThat(shop.balance("m-1")).isEqualTo(200);
  }

  @ParameterizedTest(name = "enrolled {0} → bonus: {1}")
  @CsvSource({
      "2024-12-31T15:59:59Z, false", // 31 Dec 2024 in Taipei
      "2024-12-31T16:00:00Z, true",  // 1 Jan 2025 in Taipei, still 2024 in UTC
      "2025-12-31T15:59:59Z, true",
      "2025-12-31T16:00:00Z, false"}) // 1 Jan 2026 in Taipei, still 2025 in UTC
  void enrol_campaignBoundaries_followTheTaipeiCalendar(String at, boolean credited) {
    // given
    Shop shop = shop(taiwan(WELCOME_2025));

    // when
    Decision decision = shop.apply(enrolled(utc(at)));

    // then
    assertThat(decision.pointsFor("m-1").value()).isEqualTo(credited ? 200 : 0);
    assertThat(decision.firedRules()).isEqualTo(credited ? java.util.List.of(WELCOME) : java.util.List.of());
  }

  @Test
  void enrol_twoWelcomeCampaigns_creditsBoth() {
    // given
    Campaign app = bonus("app-launch", CampaignKind.WELCOME_BONUS, 50, CampaignSchedule.on(LocalDate.of(2025, 3, 5)), null);
    Shop shop = shop(taiwan(WELCOME_2025, app));

    // when
    Decision decision = shop.apply(enrolled(taipei("2025-03-05T12:00")));

    // then
    assertThat(decision.firedRules()).containsExactly(WELCOME, WELCOME);
    assertThat(keysOf(decision)).containsExactlyInAnyOrder(EntryKey.enrolmentBonus("m-1", "welcome-2025").text(), EntryKey.enrolmentBonus("m-1", "app-launch").text());
    assertThat(decision.pointsFor("m-1").value()).isEqualTo(250);
  }

  @Test
  void enrol_deliveredTwice_creditsOnce() {
    // given
    Shop shop = shop(taiwan(WELCOME_2025));
    Decision first = shop.apply(enrolled(taipei("2025-03-05T12:00")));

    // when
    Decision again = shop.decide(enrolled(taipei("2025-03-05T12:00")));

    // then: the rule fires again, but the entry already exists, so nothing is credited
    assertThat(again.entries()).isEmpty();
    assertThat(shop.ledger("m-1").appendAll(first.entries())).containsOnly(PointLedger.AppendResult.DUPLICATE);
    assertThat(shop.balance("m-1")).isEqualTo(200);
  }

  @Test
  void enrol_orderCampaignsActive_payNothingAtEnrolment() {
    // given: a double-points day and a first-order bonus run on the enrolment date
    Campaign doubleDay = multiplier("double", "2", CampaignSchedule.always());
    Campaign first = bonus("first-order", CampaignKind.FIRST_ORDER_BONUS, 100, CampaignSchedule.always(), null);
    Shop shop = shop(taiwan(doubleDay, first));

    // when
    Decision decision = shop.apply(enrolled(taipei("2025-03-05T12:00")));

    // then
    assertThat(decision.firedRules()).isEmpty();
    assertThat(decision.entries()).isEmpty();
  }
}
