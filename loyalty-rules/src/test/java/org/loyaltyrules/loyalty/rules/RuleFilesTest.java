package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.loyaltyrules.loyalty.rules.Fixtures.keysOf;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.points;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.files.CampaignFile;
import org.loyaltyrules.loyalty.rules.files.RuleFiles;
import org.loyaltyrules.loyalty.rules.files.TierFile;

/**
 * Loading a programme's files: the bundled defaults, a merchant's directory (rules, campaign
 * calendar, tier ladder), layering over the defaults, and rejection of hostile or broken files
 * with every problem of every file in one list.
 */
class RuleFilesTest {
  private static final Programme TAIWAN = Programmes.taiwan(List.of());

  /** A merchant's own earning file for the bronze/vip ladder of {@link #TIERS_CSV}. */
  static final String VIP_EARNING = """
      // earning: points per NT$100 on the merchant's own ladder.
      // Facts read: MemberFact, LineFact. Facts emitted: none (calls decisions.baseRate).
      package org.acme.loyalty;

      import org.loyaltyrules.loyalty.rules.facts.MemberFact;
      import org.loyaltyrules.loyalty.rules.facts.LineFact;

      global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

      // why: bronze members earn 1 point per NT$100.
      rule "earning: bronze rate"
      when
          MemberFact( tier == "bronze" )
          $line : LineFact()
      then
          decisions.baseRate($line, 1, 100);
      end

      // why: VIPs earn 3 points per NT$100.
      rule "earning: vip rate"
      when
          MemberFact( tier == "vip" )
          $line : LineFact()
      then
          decisions.baseRate($line, 3, 100);
      end
      """;

  private static final String MULTIPLIERS = """
      // multipliers: whole-order multiplier campaigns from the calendar.
      // Facts read: CampaignFact, LineFact. Facts emitted: none (calls decisions.multiply).
      package org.acme.loyalty;

      import org.loyaltyrules.loyalty.rules.facts.CampaignFact;
      import org.loyaltyrules.loyalty.rules.facts.CampaignKind;
      import org.loyaltyrules.loyalty.rules.facts.LineFact;

      global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

      // why: a multiplier with no SKU or category list covers every line.
      rule "multipliers: campaign on every line"
      when
          $campaign : CampaignFact( kind == CampaignKind.MULTIPLIER, allLines == true )
          $line : LineFact()
      then
          decisions.multiply($line, $campaign);
      end
      """;

  static final String TIERS_CSV = """
      code,threshold,window_months
      bronze,0,12
      vip,5000,12
      """;

  private static final String CAMPAIGNS_CSV = """
      id,name,kind,multiplier,dates
      golden-week,Golden week double points,MULTIPLIER,2,2025-05-05
      """;

  /** Entry-tier members earn 5 points per NT$100 instead of the bundled 1. */
  private static final String GENEROUS_EARNING = """
      // earning: a generous flat rate for the entry tier.
      // Facts read: MemberFact, LineFact. Facts emitted: none (calls decisions.baseRate).
      package org.acme.loyalty;

      import org.loyaltyrules.loyalty.rules.facts.MemberFact;
      import org.loyaltyrules.loyalty.rules.facts.LineFact;

      global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

      // why: launch offer, five times the usual rate.
      rule "earning: launch rate for members"
      when
          MemberFact( tier == "member" )
          $line : LineFact()
      then
          decisions.baseRate($line, 5, 100);
      end
      """;

  private static final String FIRST_ORDER_BONUS = """
      // first-order: a flat bonus on a member's first order.
      // Facts read: OrderFact. Facts emitted: none (calls decisions.bonus).
      package org.acme.loyalty;

      import org.loyaltyrules.loyalty.rules.facts.OrderFact;

      global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

      // why: welcome new customers with 7 points.
      rule "first-order: seven points"
      when
          OrderFact( firstOrder == true )
      then
          decisions.bonus("first-order-7", 7, "first order");
      end
      """;

  /** Imports a file class and calls System.exit: both outside the restricted subset. */
  static final String HOSTILE = """
      // earning: a file that tries to leave the sandbox.
      // Facts read: LineFact. Facts emitted: none.
      package org.acme.loyalty;

      import java.io.File;
      import org.loyaltyrules.loyalty.rules.facts.LineFact;

      global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

      // why: none; this is an attack
      rule "earning: shut down the host"
      when
          $line : LineFact()
      then
          System.exit(1);
      end
      """;

  private static void write(Path dir, String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private static Decision decide(LoyaltyRulesEngine engine, String tier, String paidAt) {
    Shop shop = new Shop(engine);
    shop.join(Member.of("m-1", taipei("2024-01-01T00:00"), tier));
    return shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei(paidAt), "1000")));
  }

  @Test
  void bundled_load_isTheDefaultRuleBaseOnTheGivenProgramme() {
    // when
    LoadedRules loaded = RuleFiles.bundled().load(TAIWAN);

    // then
    assertThat(RuleFiles.bundled().sources()).extracting(RuleSource::name).containsExactlyElementsOf(RuleBase.DEFAULT_FILES);
    assertThat(RuleFiles.bundled().sources()).allMatch(RuleSource::trusted);
    assertThat(loaded.ruleBase().version()).isEqualTo(Fixtures.defaults().version());
    assertThat(loaded.ruleBase().ruleNames()).isEqualTo(Fixtures.defaults().ruleNames());
    assertThat(loaded.warnings()).isEqualTo(Fixtures.defaults().warnings());
    assertThat(loaded.programme().tiers()).isEqualTo(TAIWAN.tiers());
    assertThat(loaded.programme().campaigns()).isEqualTo(TAIWAN.campaigns());
  }

  @Test
  void directory_rulesCalendarAndLadder_programmeCarriesTheFilesCalendarAndLadder(@TempDir Path dir) throws IOException {
    // given: a programme with a calendar of its own, which the directory's calendar replaces
    write(dir, "earning.drl", VIP_EARNING);
    write(dir, "multipliers.drl", MULTIPLIERS);
    write(dir, CampaignFile.FILE_NAME, CAMPAIGNS_CSV);
    write(dir, TierFile.FILE_NAME, TIERS_CSV);
    write(dir, "README.md", "not a rule file");
    Programme programme = Programmes.taiwan(List.of(Campaign.multiplier("old-promo", "Old promo", BigDecimal.TEN,
        CampaignSchedule.on(LocalDate.of(2025, 5, 5)))));

    // when
    RuleFiles files = RuleFiles.directory(dir);
    LoadedRules loaded = files.load(programme);

    // then
    assertThat(files.sources()).extracting(RuleSource::name).containsExactly("earning.drl", "multipliers.drl");
    assertThat(files.sources()).noneMatch(RuleSource::trusted);
    assertThat(loaded.programme().tiers().codes()).containsExactly("bronze", "vip");
    assertThat(loaded.programme().tiers().byCode("vip").threshold()).isEqualTo(Fixtures.twd("5000"));
    // the file's calendar; the programme's referral campaigns stay, as the file has none
    assertThat(loaded.programme().campaigns()).extracting(Campaign::id)
        .containsExactly("golden-week", "referral-level-1", "referral-level-2");
    assertThat(loaded.programme().zone()).isEqualTo(programme.zone());
    assertThat(loaded.warnings()).noneMatch(RuleFileProblem::isError);

    // when: a VIP spends NT$1,000 on the campaign day (5 May, Taipei) and on the next day
    LoyaltyRulesEngine engine = loaded.engine();
    Decision onCampaignDay = decide(engine, "vip", "2025-05-05T12:00");
    Decision nextDay = decide(engine, "vip", "2025-05-06T12:00");

    // then: 3 per NT$100 = 30 base; doubling adds another 30 on 5 May only (the old promo's ×10 is gone)
    assertThat(onCampaignDay.firedRules()).containsExactlyInAnyOrder("earning: vip rate (earning.drl)",
        "multipliers: campaign on every line (multipliers.drl)");
    assertThat(points(onCampaignDay, EntryKey.orderBase("o-1"))).isEqualTo(30);
    assertThat(points(onCampaignDay, EntryKey.orderCampaign("o-1", "golden-week"))).isEqualTo(30);
    assertThat(onCampaignDay.pointsFor("m-1").value()).isEqualTo(60);
    assertThat(keysOf(nextDay)).containsExactly(EntryKey.orderBase("o-1").text());
    assertThat(nextDay.pointsFor("m-1").value()).isEqualTo(30);
    assertThat(nextDay.ruleBaseVersion()).isEqualTo(engine.ruleBaseVersion());
  }

  @Test
  void over_bundled_sameNameReplacesTheDefaultAndNewNamesAreAdded() {
    // given
    RuleFiles merchant = RuleFiles.of(List.of(RuleSource.of("earning.drl", GENEROUS_EARNING),
        RuleSource.of("first-order.drl", FIRST_ORDER_BONUS)));

    // when
    RuleFiles layered = merchant.over(RuleFiles.bundled());

    // then: the defaults' order, earning.drl now the merchant's, the new file last
    List<String> expectedNames = new ArrayList<>(RuleBase.DEFAULT_FILES);
    expectedNames.add("first-order.drl");
    assertThat(layered.sources()).extracting(RuleSource::name).containsExactlyElementsOf(expectedNames);
    assertThat(layered.sources().get(0)).isEqualTo(RuleSource.of("earning.drl", GENEROUS_EARNING));
    assertThat(layered.sources()).filteredOn(RuleSource::trusted).hasSize(RuleBase.DEFAULT_FILES.size() - 1);

    // when: a member spends NT$1,000 on a plain Wednesday
    LoadedRules loaded = layered.load(TAIWAN);
    Decision decision = decide(loaded.engine(), "member", "2025-03-05T12:00");

    // then: 5 per NT$100 instead of the bundled 1, and the new file's bonus
    assertThat(decision.firedRules()).contains("earning: launch rate for members (earning.drl)", "first-order: seven points (first-order.drl)")
        .doesNotContain("earning: base rate for member tier");
    assertThat(points(decision, EntryKey.orderBase("o-1"))).isEqualTo(50);
    assertThat(decision.entries()).anySatisfy(e -> assertThat(e.key()).contains("first-order-7"));
    assertThat(loaded.ruleBase().version()).isNotEqualTo(Fixtures.defaults().version());
  }

  @Test
  void over_dataFiles_topReplacesBaseAndBaseShowsThroughWhereTopHasNone() {
    // given
    RuleFiles base = RuleFiles.of(List.of(RuleSource.of("a.drl", "x"))).withCampaigns("base-campaigns.csv", "")
        .withTiers("base-tiers.csv", "");
    RuleFiles top = RuleFiles.of(List.of()).withTiers("top-tiers.csv", "");

    // when
    RuleFiles layered = top.over(base);

    // then
    assertThat(layered).hasToString("RuleFiles[a.drl] + base-campaigns.csv + top-tiers.csv");
  }

  @Test
  void directory_hostileFile_rejectedWithFileLineColumnAndRuleByLoadAndCheck(@TempDir Path dir) throws IOException {
    // given
    write(dir, "earning.drl", HOSTILE);
    RuleFiles files = RuleFiles.directory(dir);

    // when
    RuleFileException e = catchThrowableOfType(RuleFileException.class, () -> files.load(TAIWAN));
    List<RuleFileProblem> checked = files.check(TAIWAN);

    // then
    assertThat(e).isNotNull();
    assertThat(e.problems()).extracting(RuleFileProblem::file, RuleFileProblem::line, RuleFileProblem::column,
        RuleFileProblem::rule, RuleFileProblem::code).containsExactly(
            tuple("earning.drl", 5, 8, "", "forbidden-import"),
            tuple("earning.drl", 15, 12, "earning: shut down the host", "forbidden-call"));
    assertThat(e.getMessage()).startsWith("Invalid rule files: 2 errors\n  earning.drl:5:8: forbidden-import: ");
    assertThat(checked).isEqualTo(e.problems());
  }

  @Test
  void check_problemsInRulesCalendarAndLadder_allListedTogetherInFileOrder(@TempDir Path dir) throws IOException {
    // given: a DRL syntax error, a campaign of an unknown kind and a ladder that does not climb
    write(dir, "earning.drl", VIP_EARNING.replace("rule \"earning: vip rate\"\nwhen", "rule \"earning: vip rate\"\nwen"));
    write(dir, CampaignFile.FILE_NAME, CAMPAIGNS_CSV.replace("MULTIPLIER", "MULTIPLYER"));
    write(dir, TierFile.FILE_NAME, TIERS_CSV.replace("vip,5000", "vip,0"));

    // when
    List<RuleFileProblem> problems = RuleFiles.directory(dir).check(TAIWAN);

    // then: one list, sorted by file; the broken ladder does not make "bronze" and "vip" look unknown
    assertThat(problems).extracting(RuleFileProblem::file, RuleFileProblem::line, RuleFileProblem::code)
        .containsExactly(
            tuple("campaigns.csv", 2, "campaign-data"),
            tuple("earning.drl", 21, "syntax"),
            tuple("tiers.csv", 3, "tier-data"));
    assertThat(problems).allMatch(RuleFileProblem::isError);
  }

  @Test
  void load_rulesCompileButTheLadderIsBroken_throwsWithTheLadderProblemOnly() {
    // given: the rules compile, so the ladder's problem alone must reject the set
    RuleFiles files = RuleFiles.of(List.of(RuleSource.of("earning.drl", GENEROUS_EARNING)))
        .withTiers("tiers.csv", "code,threshold,window_months\nmember,1,12\n");

    // when / then
    assertThatThrownBy(() -> files.load(TAIWAN)).isInstanceOfSatisfying(RuleFileException.class,
        e -> assertThat(e.problems()).filteredOn(RuleFileProblem::isError).singleElement()
            .satisfies(p -> assertThat(p).hasToString("tiers.csv:2:8: [member] tier-data: threshold [1] of the first"
                + " tier; expected 0 (every member starts on the first tier)")));
  }

  @Test
  void directory_missing_throwsNotDirectoryExceptionNamingThePath(@TempDir Path parent) throws IOException {
    // given
    Path missing = parent.resolve("no-such-rules");
    Path file = parent.resolve("earning.drl");
    write(parent, "earning.drl", VIP_EARNING);

    // when / then
    assertThatThrownBy(() -> RuleFiles.directory(missing)).isInstanceOf(NotDirectoryException.class)
        .hasMessageContaining(missing.toAbsolutePath().toString()).hasMessageContaining("does not exist");
    assertThatThrownBy(() -> RuleFiles.directory(file)).isInstanceOf(NotDirectoryException.class)
        .hasMessageContaining(file.toAbsolutePath().toString()).hasMessageContaining("is a file");
    assertThatThrownBy(() -> RuleFiles.fingerprint(missing)).isInstanceOf(NotDirectoryException.class)
        .hasMessageContaining(missing.toAbsolutePath().toString());
  }

  @Test
  void load_ruleOnATierNotOnTheLadder_warnsWithPositionAndRule() {
    // given: line 23 compares the tier with "platinum"; the Taiwanese ladder is member, silver, gold
    String platinum = VIP_EARNING.replace("\"vip\"", "\"platinum\"")
        .replace("// why: bronze members", "// (a commented-out tier == \"diamond\" condition is not a rule)\n"
            + "// why: bronze members");
    RuleFiles files = RuleFiles.of(List.of(RuleSource.of("earning.drl", platinum)))
        .withTiers("tiers.csv", TIERS_CSV);

    // when
    LoadedRules loaded = files.load(TAIWAN);

    // then: the warning points at the literal's opening quote, inside the rule that can never fire
    assertThat(loaded.warnings()).filteredOn(p -> p.code().equals("unknown-tier")).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo("earning.drl");
      assertThat(p.line()).isEqualTo(23);
      assertThat(p.column()).isEqualTo(25);
      assertThat(p.rule()).isEqualTo("earning: vip rate");
      assertThat(p.isError()).isFalse();
      assertThat(p.message()).isEqualTo("tier [platinum] is not on the programme's ladder [bronze, vip];"
          + " a condition on it never holds");
    });
  }

  @Test
  void fingerprint_changesWithContentNamesAndFilesButNotWithRewritesOrOtherFiles(@TempDir Path dir) throws IOException {
    // given
    write(dir, "earning.drl", VIP_EARNING);
    write(dir, TierFile.FILE_NAME, TIERS_CSV);
    String original = RuleFiles.fingerprint(dir);

    // when / then: rewriting the same bytes, or touching a file that is not a rule file, changes nothing
    write(dir, "earning.drl", VIP_EARNING);
    write(dir, "notes.txt", "hello");
    Files.createDirectory(dir.resolve("archive.drl"));
    assertThat(RuleFiles.fingerprint(dir)).isEqualTo(original).hasSize(16).matches("[0-9a-f]{16}");

    // when / then: an edit of a rule file or of the ladder does
    write(dir, "earning.drl", VIP_EARNING.replace("3, 100", "4, 100"));
    String edited = RuleFiles.fingerprint(dir);
    assertThat(edited).isNotEqualTo(original);
    write(dir, "earning.drl", VIP_EARNING);
    assertThat(RuleFiles.fingerprint(dir)).isEqualTo(original);
    write(dir, TierFile.FILE_NAME, TIERS_CSV.replace("5000", "6000"));
    assertThat(RuleFiles.fingerprint(dir)).isNotEqualTo(original);
    write(dir, TierFile.FILE_NAME, TIERS_CSV);

    // when / then: so does a renamed, added or removed file
    Files.move(dir.resolve("earning.drl"), dir.resolve("earning-v2.drl"));
    assertThat(RuleFiles.fingerprint(dir)).isNotEqualTo(original);
    Files.move(dir.resolve("earning-v2.drl"), dir.resolve("earning.drl"));
    write(dir, CampaignFile.FILE_NAME, CAMPAIGNS_CSV);
    assertThat(RuleFiles.fingerprint(dir)).isNotEqualTo(original);
    Files.delete(dir.resolve(CampaignFile.FILE_NAME));
    assertThat(RuleFiles.fingerprint(dir)).isEqualTo(original);
  }

  @Test
  void directory_filesSavedWithAByteOrderMark_readAsPlainText(@TempDir Path dir) throws IOException {
    // given: Windows editors and spreadsheet exports start UTF-8 files with U+FEFF
    write(dir, "earning.drl", "\uFEFF" + HOSTILE);
    write(dir, TierFile.FILE_NAME, "\uFEFF" + TIERS_CSV.replace("vip,5000", "vip,0"));
    write(dir, CampaignFile.FILE_NAME, "\uFEFF" + CAMPAIGNS_CSV);

    // when
    RuleFiles files = RuleFiles.directory(dir);
    List<RuleFileProblem> problems = files.check(TAIWAN);

    // then: the files are read as written; the problems are the real ones, not a mark-induced syntax error
    assertThat(files.sources().get(0).content()).isEqualTo(HOSTILE);
    assertThat(problems).extracting(RuleFileProblem::file, RuleFileProblem::line, RuleFileProblem::code)
        .containsExactly(
            tuple("earning.drl", 5, "forbidden-import"),
            tuple("earning.drl", 15, "forbidden-call"),
            tuple("tiers.csv", 3, "tier-data"));
  }

  @Test
  void directory_ruleFileWithAnUnusableName_reportedAsAProblemNotThrown(@TempDir Path dir) throws IOException {
    // given: a space and an upper-case extension, both easy to produce in a file manager
    write(dir, "my rules.drl", VIP_EARNING);
    write(dir, "BONUS.DRL", FIRST_ORDER_BONUS);
    write(dir, "earning.drl", HOSTILE);

    // when
    RuleFiles files = RuleFiles.directory(dir);
    List<RuleFileProblem> problems = files.check(TAIWAN);

    // then
    assertThat(problems).filteredOn(p -> p.code().equals("file-name"))
        .extracting(RuleFileProblem::file, RuleFileProblem::line, RuleFileProblem::isError)
        .containsExactly(tuple("BONUS.DRL", 0, true), tuple("my rules.drl", 0, true));
    assertThat(problems).extracting(RuleFileProblem::code).doesNotContain("no-rules")
        .contains("forbidden-import", "forbidden-call");
    assertThatThrownBy(() -> files.load(TAIWAN)).isInstanceOf(RuleFileException.class);
  }

  @Test
  void load_noRuleFiles_rejected() {
    // when
    List<RuleFileProblem> problems = RuleFiles.of(List.of()).withTiers("tiers.csv", TIERS_CSV).check(TAIWAN);

    // then
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo("no-rules");
      assertThat(p.isError()).isTrue();
    });
  }

  @Test
  void withCampaigns_brokenCalendar_reportedUnderTheGivenFileName() {
    // given
    RuleFiles files = RuleFiles.of(List.of(RuleSource.of("earning.drl", HOSTILE)))
        .withCampaigns("calendar.csv", "id,name,kind\nx,X,BONUS_OF_SOME_SORT\n");

    // when
    List<RuleFileProblem> problems = files.check(TAIWAN);

    // then
    assertThat(problems).extracting(RuleFileProblem::file).contains("calendar.csv");
    assertThat(problems).filteredOn(p -> p.file().equals("calendar.csv")).singleElement()
        .satisfies(p -> assertThat(p.line()).isEqualTo(2));
  }
}
