package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.rules.files.CampaignFile;

/**
 * Hostile audience columns of {@code campaigns.csv} (tags, time_of_day): a value that cannot mean
 * what it looks like is refused at its own line and column, never loaded as a campaign that silently
 * matches no one.
 */
class CampaignAudienceColumnsTest {
  private static final String FILE = "campaigns.csv";
  private static final String HEADER = "id,name,kind,multiplier,tags,stores,time_of_day\n";

  /** Tags that look like {@code vip} but are not: zero-width, BOM, bidi override, line separator, NUL. */
  @ParameterizedTest
  @ValueSource(strings = {"vip\u200B", "\uFEFFvip", "\u202Epiv", "vip\u2028gold", "vip\u0000", "v\u00ADip"})
  void parse_tagWithInvisibleCharacter_isRefusedAtTheTagsColumn(String tag) {
    // given
    String row = "x2,Double for VIPs,MULTIPLIER,2," + tag + ",taipei-101,\n";

    // when
    RuleFileException e = catchThrowableOfType(RuleFileException.class,
        () -> CampaignFile.parse(FILE, HEADER + row, Fixtures.TWD));

    // then: the tags column is named, not the stores column beside it
    assertThat(e).isNotNull();
    assertThat(e.problems()).extracting(RuleFileProblem::line, RuleFileProblem::column, RuleFileProblem::rule)
        .containsExactly(tuple(2, row.indexOf(tag) + 1, "x2"));
    assertThat(e.problems().get(0).message()).startsWith("tags [").contains("expected member tags without control,"
        + " format (zero-width, bidi) or line-separator characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"vip\u200B", "\u202Egold", "a\nb"})
  void forTags_invisibleCharacter_isATypedRefusal(String tag) {
    // given
    Campaign campaign = Campaign.multiplier("x2", "Double", new BigDecimal("2"), CampaignSchedule.always());

    // then
    assertThatThrownBy(() -> campaign.target().forTags(Set.of(tag)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("tags")
        .hasMessageContaining("without control, format (zero-width, bidi) or line-separator characters");
  }

  /** Hours past 23, equal ends, seconds, missing or extra parts, other digits and separators. */
  @ParameterizedTest
  @ValueSource(strings = {"25:00-26:00", "20:00-20:00", "24:00-01:00", "20:00", "20:00-22:00-23:00", "2000-2200",
      "20:00:00-22:00", "２０:００-２２:００", "20:00–22:00", "-", "20:60-21:00"})
  void parse_malformedTimeOfDay_isRefusedAtItsColumn(String window) {
    // given
    String row = "x2,Flash sale,MULTIPLIER,2,,," + window + "\n";

    // when
    RuleFileException e = catchThrowableOfType(RuleFileException.class,
        () -> CampaignFile.parse(FILE, HEADER + row, Fixtures.TWD));

    // then
    assertThat(e).isNotNull();
    assertThat(e.problems()).extracting(RuleFileProblem::line, RuleFileProblem::column)
        .containsExactly(tuple(2, row.indexOf(window, row.indexOf(",,,") + 3) + 1));
    assertThat(e.problems().get(0).message()).startsWith("time_of_day [" + window + "]; expected");
  }
}
