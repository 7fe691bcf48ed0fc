package org.loyaltyrules.loyalty.examples.merchantcli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay --review} and {@code simulate --review} (issue 14, item 10): tier reviews and expiry
 * runs on a schedule, reported in the summaries.
 */
class ReplayScheduleCliTest {
  @TempDir
  Path tmp;

  /** m-1 spends NT$12,000 (silver, 120 points); 14 months later m-2 buys. Read in Asia/Taipei. */
  private static final String ORDERS = """
      order_id,member_id,occurred_at,sku,quantity,unit_price
      o-1,m-1,2025-01-15T10:00:00,TEA,8,1500
      o-2,m-2,2026-03-10T10:00:00,MUG,1,500
      """;

  private Path orders() throws Exception {
    Path file = tmp.resolve("orders.csv");
    Files.writeString(file, ORDERS, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void replay_defaultSchedule_isMonthlyAndEndsInTheTiersAndBalancesOfARunningShop() throws Exception {
    // given
    Path out = tmp.resolve("out");

    // when
    Cli cli = Cli.run("replay", "--orders", orders().toString(), "--out", out.toString(), "--no-progress");

    // then: on 2026-02-01 the 120 points expire and the review takes m-1 back to member
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    assertThat(cli.out()).contains(
        "schedule   monthly tier reviews and expiry runs: 14 reviews (1 downgrades), 14 expiry runs, 120 points expired",
        "expired 120 · outstanding 5", "Tiers        member 2 · silver 0 · gold 0   (1 upgrades, 1 downgrades)");
    JsonNode schedule = new ObjectMapper().readTree(Files.readString(out.resolve("summary.json"))).path("schedule");
    assertThat(schedule.path("reviews").asText()).isEqualTo("monthly");
    assertThat(schedule.path("tier_reviews").asLong()).isEqualTo(14);
    assertThat(schedule.path("tier_downgrades").asLong()).isEqualTo(1);
    assertThat(schedule.path("expiry_runs").asLong()).isEqualTo(14);
    assertThat(schedule.path("points_expired").asLong()).isEqualTo(120);
  }

  @Test
  void replay_reviewNone_decidesTheOrdersOnly() throws Exception {
    // when
    Cli cli = Cli.run("replay", "--orders", orders().toString(), "--review", "none", "--no-progress");

    // then
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    assertThat(cli.out()).contains("schedule   none (no tier review or expiry run; --review monthly runs them)",
        "outstanding 125", "Tiers        member 1 · silver 1 · gold 0   (1 upgrades)");
  }

  @Test
  void replay_reviewYearly_runsOnFirstJanuaryOnly() throws Exception {
    // when
    Cli cli = Cli.run("replay", "--orders", orders().toString(), "--review", "YEARLY", "--no-progress");

    // then: on 2026-01-01 the window still holds the order and the points have a month to go
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    assertThat(cli.out()).contains(
        "schedule   yearly tier reviews and expiry runs: 1 reviews (0 downgrades), 1 expiry runs, 0 points expired",
        "member 1 · silver 1 · gold 0");
  }

  @Test
  void replay_unknownSchedule_exits2() throws Exception {
    // when
    Cli cli = Cli.run("replay", "--orders", orders().toString(), "--review", "weekly", "--no-progress");

    // then
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).contains("--review [weekly]; expected monthly, yearly or none");
  }

  @Test
  void simulate_schedule_isNamedAndBothSidesCountExpiredPoints() throws Exception {
    // given: the candidate is the bundled rules written out, so both sides agree
    Path rules = tmp.resolve("rules");
    assertThat(Cli.run("init-rules", rules.toString()).exitCode()).isZero();

    // when
    Cli cli = Cli.run("simulate", "--candidate", rules.toString(), "--orders", orders().toString(), "--out",
        tmp.resolve("sim").toString(), "--no-progress");

    // then
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    assertThat(cli.out()).contains("schedule   monthly tier reviews and expiry runs on both sides")
        .containsPattern("points expired\\s+120\\s+120");
    assertThat(Files.readString(tmp.resolve("sim").resolve("simulation.html")))
        .contains("Schedule: monthly tier reviews and expiry runs on both sides");
  }
}
