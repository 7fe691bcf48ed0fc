package org.loyaltyrules.loyalty.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;

class QuickstartExampleTest {

  @Test
  void run_teaOnDoublePointsDay_earnsBaseAndCampaignButNothingOnTheGiftCard() {
    // given
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    // when
    Decision decision = QuickstartExample.run(new PrintStream(buffer, true, StandardCharsets.UTF_8));

    // then: TWD 1,350 of tea at 1 point per TWD 100 is 13 points, doubled on 11/11 (Taipei time);
    // the gift card is outside the earning base.
    assertThat(decision.entries()).extracting(LedgerEntry::key, e -> e.points().value())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(EntryKey.orderBase("o-1").text(), 13L),
            org.assertj.core.groups.Tuple.tuple(EntryKey.orderCampaign("o-1", "double-1111").text(), 13L));
    assertThat(decision.pointsFor("m-1").value()).isEqualTo(26);
    assertThat(decision.firedRules()).containsExactlyInAnyOrder(
        "earning: base rate for member tier",
        "campaign-multipliers: campaign on the lines it targets");
    assertThat(decision.tierChange()).isEmpty();

    String printed = buffer.toString(StandardCharsets.UTF_8);
    assertThat(printed.lines()).hasSize(3);
    assertThat(printed).contains("order:o-1:base  13 points  (TWD 1350.00 earning base")
        .contains("order:o-1:campaign:double-1111  13 points  (\"Double points on 11/11\" ×2")
        .contains("total: 26 points; fired: [");
  }

  @Test
  void main_printsTheDecision() {
    // given
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      // when
      QuickstartExample.main(new String[0]);
    } finally {
      System.setOut(original);
    }

    // then
    assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("total: 26 points");
  }
}
