package org.loyaltyrules.loyalty.examples.merchantcli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.examples.merchantcli.CliProgrammes;
import org.loyaltyrules.loyalty.examples.merchantcli.TestEngines;
import org.loyaltyrules.loyalty.examples.merchantcli.input.InputFormat;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.InvoiceReplay;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.InvoiceReplayResult;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;
import org.loyaltyrules.loyalty.rules.replay.Replay;
import org.loyaltyrules.loyalty.rules.replay.Simulation.MemberChange;

class SimulationReportTest {
  private static final String ORDERS = """
      order_id,member_id,occurred_at,sku,quantity,unit_price
      o-1,c-1,2011-03-01T10:00:00,A,4,100
      o-2,c-2,2011-03-02T10:00:00,A,1,100
      o-3,c-1,2011-03-03T10:00:00,A,20,100
      o-4,c-3,2011-03-04T10:00:00,A,3,100
      o-5,c-1,2011-03-05T10:00:00,A,2,100
      r-1,c-3,2011-03-06T10:00:00,A,-1,
      """;

  private static Simulation simulation;

  @BeforeAll
  static void replay() throws Exception {
    // The candidate: the same rules with every day a triple-points day.
    LoyaltyRulesEngine triple = LoyaltyRulesEngine.builder(CliProgrammes.of(Currency.getInstance("GBP"),
            ZoneId.of("Europe/London"), null, List.of(Campaign.multiplier("triple", "Triple points",
                BigDecimal.valueOf(3), CampaignSchedule.always()))))
        .ruleBase(TestEngines.defaults()).build();
    InvoiceReplay replay = InvoiceReplay.of(Replay.builder().lane("baseline", TestEngines.gbp()).lane("candidate", triple).build());
    InvoiceReplayResult result = replay.run("orders <test>.csv", new BufferedReader(new StringReader(ORDERS)),
        InputFormat.GENERIC);
    simulation = Simulation.of(result, "default <rules> & co", "triple", 2);
  }

  @Test
  void of_tripledPoints_tripleTheIssuedAndOutstandingPoints() {
    // c-1: 400 GBP earns 4; 2,000 earns 20 at the member rate and reaches gold; 200 at gold earns 4.
    // c-2: 100 GBP earns 1. c-3: 300 earns 3, then 1 of 3 units comes back.
    assertThat(simulation.baseline().pointsIssued()).isEqualTo(4 + 20 + 4 + 1 + 3);
    assertThat(simulation.candidate().pointsIssued()).isEqualTo(3 * (4 + 20 + 4 + 1 + 3));
    assertThat(simulation.candidate().pointsOutstanding()).isEqualTo(3 * simulation.baseline().pointsOutstanding());
    assertThat(simulation.liabilityDelta()).isEqualByComparingTo(BigDecimal.valueOf(
        2 * simulation.baseline().pointsOutstanding()));
  }

  @Test
  void of_sameTiers_migrationMatrixIsDiagonalAndSumsToTheMembers() {
    Map<String, Map<String, Long>> m = simulation.migration();
    assertThat(m.keySet()).containsExactly("member", "silver", "gold");
    assertThat(m.get("gold").get("gold")).isEqualTo(1);
    assertThat(m.get("member").get("member")).isEqualTo(2);
    assertThat(m.values().stream().flatMap(r -> r.values().stream()).mapToLong(Long::longValue).sum()).isEqualTo(3);
    assertThat(simulation.membersChangingTier()).isZero();
  }

  @Test
  void of_top2_listsTheLargestChangesFirst() {
    assertThat(simulation.affected()).extracting(MemberChange::memberId).containsExactly("c-1", "c-3");
    assertThat(simulation.affected().get(0).delta()).isEqualTo(2 * 28);
  }

  @Test
  void text_showsTotalsMigrationRulesAndMembers() {
    String text = SimulationReport.text(simulation);
    assertThat(text).contains("baseline   default <rules> & co", "candidate  triple")
        .contains("points issued", "+200.0%", "Tier migration", "campaign-multipliers: campaign on the lines it targets",
            "Members most affected", "c-1");
  }

  @Test
  void html_isSelfContainedAndEscaped() {
    String html = SimulationReport.html(simulation);
    assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n")
        .contains("default &lt;rules&gt; &amp; co", "orders &lt;test&gt;.csv")
        .doesNotContain("default <rules>", "http://", "https://", "<script", "<link", "<img", "url(", "@import");
    assertThat(html.split("<svg ", -1)).hasSize(4);
    assertThat(html.split("</svg>", -1)).hasSize(4);
  }
}
