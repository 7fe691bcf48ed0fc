package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.loyaltyrules.loyalty.rules.Fixtures.TWD;
import static org.loyaltyrules.loyalty.rules.Fixtures.twd;

import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loyaltyrules.loyalty.Tier;
import org.loyaltyrules.loyalty.TierLadder;
import org.loyaltyrules.loyalty.rules.files.TierFile;

/**
 * {@code tiers.csv}: a ladder a merchant edits in a spreadsheet. Every rejection names the file,
 * the line and the column of the offending field, with the code {@code tier-data}.
 */
class TierFileTest {
  private static final String FILE = "tiers.csv";
  private static final String HEADER = "code,threshold,window_months\n";

  private static List<RuleFileProblem> problems(String text) {
    RuleFileException e = catchThrowableOfType(RuleFileException.class, () -> TierFile.parse(FILE, text, TWD));
    assertThat(e).as("expected %s to be rejected", text).isNotNull();
    assertThat(e.problems()).allSatisfy(p -> {
      assertThat(p.file()).isEqualTo(FILE);
      assertThat(p.code()).isEqualTo("tier-data");
      assertThat(p.isError()).isTrue();
    });
    return e.problems();
  }

  @Test
  void parse_validLadder_tiersInFileOrderWithRanksThresholdsAndWindows() {
    // given: comments, blank lines, spaces around fields and CRLF line ends, as spreadsheets write them
    String text = "# our ladder\r\n" + "code, threshold, window_months\r\n" + "\r\n" + "member,0,12\r\n"
        + " silver , 10000 , 12\r\n" + "# gold counts two years of spend\r\n" + "gold,30000.50,24\r\n";

    // when
    TierLadder ladder = TierFile.parse(FILE, text, TWD);

    // then
    assertThat(ladder.tiers()).containsExactly(
        Tier.of("member", 0, twd("0"), Period.ofMonths(12)),
        Tier.of("silver", 1, twd("10000"), Period.ofMonths(12)),
        Tier.of("gold", 2, twd("30000.50"), Period.ofMonths(24)));
  }

  @Test
  void parse_firstThresholdNotZero_rejectedAtThatThreshold() {
    // given
    String text = HEADER + "member,500,12\nsilver,10000,12\n";

    // when
    List<RuleFileProblem> problems = problems(text);

    // then
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(2);
      assertThat(p.column()).isEqualTo(8);
      assertThat(p.rule()).isEqualTo("member");
      assertThat(p.message()).contains("[500]").contains("expected 0");
    });
  }

  @Test
  void parse_thresholdsNotIncreasing_rejectedWithLineAndColumnOfThatThreshold() {
    // given: gold's threshold equals silver's, platinum's is below gold's
    String text = HEADER + "member,0,12\nsilver,10000,12\ngold,10000,12\nplatinum,9000,12\n";

    // when
    List<RuleFileProblem> problems = problems(text);

    // then
    assertThat(problems).extracting(RuleFileProblem::line, RuleFileProblem::column, RuleFileProblem::rule)
        .containsExactly(tuple(4, 6, "gold"),
            tuple(5, 10, "platinum"));
    assertThat(problems.get(0).toString()).isEqualTo("tiers.csv:4:6: [gold] tier-data: threshold [10000] of tier"
        + " [gold] does not climb; expected more than silver's 10000.00");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ten thousand", "", "1e", "10,000"})
  void parse_thresholdNotANumber_rejectedAtTheThreshold(String threshold) {
    // given: "10,000" splits into one field too many, which is reported as a row error at column 1
    String text = HEADER + "member,0,12\nsilver," + threshold + ",12\n";

    // when
    List<RuleFileProblem> problems = problems(text);

    // then
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(3);
      assertThat(p.column()).isEqualTo(threshold.contains(",") ? 1 : 8);
    });
  }

  @Test
  void parse_thresholdWithMoreDecimalsThanTheCurrency_rejectedOnItsLine() {
    // given: TWD has two decimals
    String text = HEADER + "member,0,12\nsilver,9999.999,12\n";

    // when
    List<RuleFileProblem> problems = problems(text);

    // then
    assertThat(problems).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(3));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "121", "-1", "twelve", "12.5", ""})
  void parse_badWindow_rejectedAtTheWindow(String window) {
    // given
    String text = HEADER + "member,0," + window + "\n";

    // when
    List<RuleFileProblem> problems = problems(text);

    // then
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(2);
      assertThat(p.column()).isEqualTo(10);
      assertThat(p.message()).contains("window_months [" + window + "]").contains("1 to 120");
    });
  }

  @Test
  void parse_duplicateCode_rejectedOnTheLaterRow() {
    // given
    String text = HEADER + "member,0,12\nsilver,10000,12\nsilver,30000,12\n";

    // when
    List<RuleFileProblem> problems = problems(text);

    // then
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(4);
      assertThat(p.rule()).isEqualTo("silver");
      assertThat(p.message()).contains("[silver]").contains("earlier row");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"code,threshold\n", "code,window_months,threshold\n", "tier,threshold,window_months\n",
      "member,0,12\n"})
  void parse_wrongHeader_rejectedOnTheHeaderLine(String header) {
    // given
    String text = "# ladder\n" + header + "member,0,12\n";

    // when
    List<RuleFileProblem> problems = problems(text);

    // then
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(2);
      assertThat(p.column()).isEqualTo(1);
      assertThat(p.message()).contains("expected exactly code,threshold,window_months");
    });
  }

  @Test
  void parse_headerInAnyCase_accepted() {
    // when
    TierLadder ladder = TierFile.parse(FILE, "Code,THRESHOLD,Window_Months\nmember,0,12\n", TWD);

    // then
    assertThat(ladder.codes()).containsExactly("member");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\n\n", "# only a comment\n"})
  void parse_empty_rejectedForTheMissingHeader(String text) {
    // when
    List<RuleFileProblem> problems = problems(text);

    // then
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(1);
      assertThat(p.message()).startsWith("no header line");
    });
  }

  @Test
  void parse_headerWithoutRows_rejectedForTheMissingTiers() {
    // when
    List<RuleFileProblem> problems = problems(HEADER);

    // then
    assertThat(problems).singleElement().satisfies(p -> assertThat(p.message()).startsWith("no tiers"));
  }

  @Test
  void parse_wrongNumberOfFields_rejectedForThatRow() {
    // given
    String text = HEADER + "member,0\nsilver,10000,12,extra\n";

    // when
    List<RuleFileProblem> problems = problems(text);

    // then
    assertThat(problems).extracting(RuleFileProblem::line).containsExactly(2, 3);
    assertThat(problems).allSatisfy(p -> assertThat(p.message()).contains("expected 3"));
  }

  @Test
  void parse_badFirstRow_laterRowsAreNotBlamedForIt() {
    // given: the entry tier's threshold is mistyped; silver's row is fine
    String text = HEADER + "member,O,12\nsilver,10000,12\n";

    // when
    List<RuleFileProblem> problems = problems(text);

    // then: one problem, on member's threshold, not "silver must be 0" as if silver were the first tier
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(2);
      assertThat(p.column()).isEqualTo(8);
    });
  }

  @Test
  void parse_everyProblemOfTheFile_reportedTogether() {
    // given
    String text = HEADER + "member,0,12\nsilver,x,12\ngold,30000,0\nplatinum,50000,12\nplatinum,60000,12\n";

    // when
    List<RuleFileProblem> problems = problems(text);

    // then
    assertThat(problems).extracting(RuleFileProblem::line).containsExactly(3, 4, 6);
  }

  // ---- hostile files: tricks a spreadsheet export or a copy-paste can carry

  @Test
  void parse_tierCodeWithAZeroWidthSpace_rejectedAtItsLineSoTwoTiersCannotLookAlike() {
    // given: "gold" and "gold" + U+200B would print the same in every statement
    String text = HEADER + "member,0,12\ngold,10000,12\ngold\u200B,30000,12\n";

    // then
    assertThat(problems(text)).extracting(RuleFileProblem::line, RuleFileProblem::code)
        .containsExactly(tuple(4, "tier-data"));
  }

  @Test
  void parse_oldMacLineEndings_rejectedAtLineOneNotReadAsOneTier() {
    // given: bare CR line ends (classic Mac Excel), so the whole file is one line
    String text = "code,threshold,window_months\rmember,0,12\rgold,30000,12\r";

    // then: the header check sees the run-on line and names line 1
    assertThat(problems(text)).extracting(RuleFileProblem::line, RuleFileProblem::column)
        .containsExactly(tuple(1, 1));
  }

  @Test
  void parse_fullWidthDigitsInAThreshold_readAsTheSameNumberSoHarmless() {
    // given: an IME left full-width digits (３００００); Java reads Unicode decimal digits by value
    String text = HEADER + "member,0,12\ngold,\uFF13\uFF10\uFF10\uFF10\uFF10,12\n";

    // when
    TierLadder ladder = TierFile.parse(FILE, text, TWD);

    // then: exactly the threshold the merchant sees, not another number
    assertThat(ladder.tiers().get(1).threshold()).isEqualTo(twd("30000"));
  }
}
