package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.rules.files.CampaignFile;

/** {@code campaigns.csv}: one row type per campaign type, and where a row's mistake is reported. */
class CampaignFileTest {
  private static final String FILE = "campaigns.csv";

  /** One campaign of every type, each with the columns it can use. */
  static final List<Campaign> ONE_OF_EACH = List.of(
      Campaign.multiplier("shoes-x3", "Shoes, ×3", new BigDecimal("3"),
              CampaignSchedule.always().between(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)))
          .targeting(Set.of("SH-1", "SH-2"), Set.of("shoes")).onChannels(Set.of(Channel.POS, Channel.of("line-shop")))
          .forTiers(Set.of("gold")).inExclusiveGroup("feet").withMinSpend(Fixtures.twd("800")),
      Campaign.welcomeBonus("welcome-100", "Welcome \"new\" members", Points.of(100),
          CampaignSchedule.on(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1))),
      Campaign.firstOrderBonus("first-200", "First order", Points.of(200), CampaignSchedule.every(DayOfWeek.TUESDAY))
          .withMinSpend(Fixtures.twd("300")),
      Campaign.thresholdBonus("spend-1499", "Spend NT$1,499, get 200", Points.of(200), Fixtures.twd("1499"),
          CampaignSchedule.yearlyOn(MonthDay.of(11, 11))).forBirthdayMonth(),
      Campaign.referralBonus("referral-2", "Referral, second level", 2, Points.of(150), Fixtures.twd("500"),
          CampaignSchedule.always()));

  @Test
  void parse_renderedRowOfEachType_givesTheSameCampaigns() {
    // given
    String csv = CampaignCsv.render(ONE_OF_EACH);

    // when
    List<Campaign> parsed = CampaignFile.parse(FILE, csv, Fixtures.TWD);

    // then
    assertThat(parsed).containsExactlyElementsOf(ONE_OF_EACH);
    assertThat(parsed).extracting(c -> c.getClass().getSimpleName())
        .containsExactly("Multiplier", "WelcomeBonus", "FirstOrderBonus", "ThresholdBonus", "ReferralBonus");
  }

  @Test
  void parse_referralRows_workedExampleOfTheGuide() {
    // given: the rows docs/writing-rules.md shows for today's referral amounts
    String csv = """
        id,name,kind,bonus,min_spend,level
        referral-level-1,"Referral bonus, direct referrer",REFERRAL_BONUS,300,500,1
        referral-level-2,"Referral bonus, second level",REFERRAL_BONUS,100,500,2
        """;

    // when
    List<Campaign> parsed = CampaignFile.parse(FILE, csv, Fixtures.TWD);

    // then: the same campaigns the bundled programme ships
    assertThat(parsed).containsExactlyElementsOf(Programmes.defaultReferrals(Fixtures.TWD));
  }

  @Test
  void parse_unknownKind_isReportedAtItsLineAndColumn() {
    // given: MULTIPLYER, in the third column of line 3
    String csv = "id,name,kind,multiplier\n# a comment\ntea-x2,Tea,MULTIPLYER,2\n";

    // when
    RuleFileException e = catchThrowableOfType(RuleFileException.class, () -> CampaignFile.parse(FILE, csv, Fixtures.TWD));

    // then
    assertThat(e.problems()).extracting(RuleFileProblem::file, RuleFileProblem::line, RuleFileProblem::column,
            RuleFileProblem::rule, RuleFileProblem::code)
        .containsExactly(tuple(FILE, 3, 12, "tea-x2", "campaign-data"));
    assertThat(e.problems().get(0).message()).isEqualTo("kind [MULTIPLYER]; expected one of [MULTIPLIER, "
        + "WELCOME_BONUS, FIRST_ORDER_BONUS, THRESHOLD_BONUS, REFERRAL_BONUS, BIRTHDAY_BONUS, ANNIVERSARY_BONUS, "
        + "THRESHOLD_GIFT, BIRTHDAY_GIFT, EVENT_BONUS]");
  }

  @Test
  void parse_valueInAnotherTypesColumn_isReportedAtThatColumn() {
    // given: a welcome bonus with a multiplier, a referral without a level
    String csv = "id,name,kind,multiplier,bonus,level,min_spend\nw,Welcome,WELCOME_BONUS,2,100,,\n"
        + "r,Referral,REFERRAL_BONUS,,300,,500\n";

    // when
    RuleFileException e = catchThrowableOfType(RuleFileException.class, () -> CampaignFile.parse(FILE, csv, Fixtures.TWD));

    // then
    assertThat(e.problems()).extracting(RuleFileProblem::line, RuleFileProblem::column, RuleFileProblem::message)
        .containsExactly(
            tuple(2, 25, "multiplier [2]; expected empty for a WELCOME_BONUS campaign"),
            tuple(3, 32, "level []; expected 1 for the direct referrer, 2 for the next one up, … (up to 10)"));
  }
}
