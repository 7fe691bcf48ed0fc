package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignLimits;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.rules.files.CampaignFile;

/** The {@code EVENT_BONUS} rows of {@code campaigns.csv}: event type, per-member limits and budgets. */
class EventBonusCampaignFileTest {
  private static final String FILE = "campaigns.csv";

  @Test
  void parse_eventBonusRows_giveTheTypeLimitsAndBudgets() {
    // given
    String csv = """
        id,name,kind,event_type,bonus,per_member_per_day,per_week,per_month,lifetime,budget_total,budget_per_member
        check-in,Daily check-in,EVENT_BONUS,check-in,5,1,,20,,100000,
        line-follow,Follow our LINE,EVENT_BONUS,line-follow,50,,,,1,,
        review,Product review,EVENT_BONUS,review,20,,3,,,,200
        """;

    // when
    List<Campaign> parsed = CampaignFile.parse(FILE, csv, Fixtures.TWD);

    // then
    assertThat(parsed).containsExactly(
        Campaign.eventBonus("check-in", "Daily check-in", "check-in", Points.of(5), CampaignSchedule.always())
            .withLimits(CampaignLimits.none().perDay(1).perMonth(20).totalBudget(Points.of(100_000))),
        Campaign.eventBonus("line-follow", "Follow our LINE", "line-follow", Points.of(50), CampaignSchedule.always())
            .withLimits(CampaignLimits.none().lifetime(1)),
        Campaign.eventBonus("review", "Product review", "review", Points.of(20), CampaignSchedule.always())
            .withLimits(CampaignLimits.none().perWeek(3).memberBudget(Points.of(200))));
    assertThat(((Campaign.EventBonus) parsed.get(1)).limits().perDay()).isEqualTo(Optional.empty());
  }

  @Test
  void parse_badEventTypeZeroLimitAndLimitOnAnOrderCampaign_areReportedWhereTheyAre() {
    // given
    String csv = "id,name,kind,event_type,bonus,min_spend,per_member_per_day\n"
        + "a,A,EVENT_BONUS,Check In,5,,\n"
        + "b,B,EVENT_BONUS,check-in,5,,0\n"
        + "c,C,THRESHOLD_BONUS,,5,1499,1\n";

    // when
    RuleFileException e = catchThrowableOfType(RuleFileException.class, () -> CampaignFile.parse(FILE, csv, Fixtures.TWD));

    // then
    assertThat(e.problems()).extracting(RuleFileProblem::line, RuleFileProblem::column, RuleFileProblem::message)
        .containsExactly(
            tuple(2, 17, "event_type [Check In]; expected the custom event type the bonus pays for, such as check-in: "
                + "1 to 40 of a-z, 0-9, '-', '_', starting with a letter"),
            tuple(3, 29, "per_member_per_day [0]; expected a whole number of awards from 1 to 1000000, or empty for no"
                + " limit"),
            tuple(4, 29, "per_member_per_day [1]; expected empty for a THRESHOLD_BONUS campaign"));
  }
}
