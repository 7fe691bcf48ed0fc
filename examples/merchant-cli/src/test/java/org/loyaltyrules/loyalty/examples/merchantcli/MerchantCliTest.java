package org.loyaltyrules.loyalty.examples.merchantcli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.rules.RuleBase;

class MerchantCliTest {
  @TempDir
  Path tmp;

  private static final String ORDERS = """
      order_id,member_id,occurred_at,sku,quantity,unit_price
      o-1,m-1,2025-03-01T10:00:00,TEA,2,1500
      o-2,m-2,2025-03-02T10:00:00,TEA,1,800
      o-3,m-1,2025-03-05T10:00:00,MUG,"x",300
      o-4,,2025-03-05T11:00:00,MUG,1,300
      o-5,m-1,2025-04-01T10:00:00,TEA,20,1500
      o-6,m-1,2025-04-10T10:00:00,TEA,1,1500
      """;

  private Path orders() throws Exception {
    Path file = tmp.resolve("orders.csv");
    Files.writeString(file, ORDERS, StandardCharsets.UTF_8);
    return file;
  }

  private static Path brokenRules() {
    return Path.of("src/test/resources/rules/broken");
  }

  @Test
  void noCommand_printsUsageAndExits2() {
    Cli cli = Cli.run();
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).contains("Missing command").contains("Usage: merchant-cli");
  }

  @Test
  void help_listsCommandsAndExitCodes() {
    Cli cli = Cli.run("--help");
    assertThat(cli.exitCode()).isZero();
    assertThat(cli.out()).contains("demo", "check", "replay", "simulate", "init-rules", "Exit codes:");
    Cli replayHelp = Cli.run("help", "replay");
    assertThat(replayHelp.exitCode()).isZero();
    assertThat(replayHelp.out()).contains("--orders=FILE", "--on-error=skip|fail", "--format=LAYOUT");
  }

  @Test
  void unknownOptionOrCommand_exits2WithTheReason() {
    Cli option = Cli.run("replay", "--orders", "x.csv", "--bogus");
    assertThat(option.exitCode()).isEqualTo(2);
    assertThat(option.err()).contains("Unknown option: '--bogus'");
    Cli command = Cli.run("replya");
    assertThat(command.exitCode()).isEqualTo(2);
    assertThat(command.err()).contains("Unmatched argument").contains("replay");
  }

  @Test
  void replay_missingOrdersOption_exits2() {
    Cli cli = Cli.run("replay");
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).contains("Missing required option: '--orders=FILE'");
  }

  @Test
  void replay_ordersFileNotFound_exits2NamingIt() {
    Cli cli = Cli.run("replay", "--orders", tmp.resolve("nope.csv").toString());
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).contains("error: --orders: file not found: ").contains("nope.csv");
  }

  @Test
  void replay_badOptionValues_exit2() throws Exception {
    String file = orders().toString();
    assertThat(Cli.run("replay", "--orders", file, "--on-error", "maybe").err())
        .contains("--on-error [maybe]; expected skip or fail");
    assertThat(Cli.run("replay", "--orders", file, "--format", "xml").exitCode()).isEqualTo(2);
    assertThat(Cli.run("replay", "--orders", file, "--currency", "XYZ1").err()).contains("expected an ISO 4217 code");
    assertThat(Cli.run("replay", "--orders", file, "--zone", "Mars/Base").exitCode()).isEqualTo(2);
    assertThat(Cli.run("replay", "--orders", file, "--currency", "EUR").err())
        .contains("no tier thresholds known for EUR; give them with --tier-thresholds");
    assertThat(Cli.run("replay", "--orders", file, "--rules", tmp.resolve("none").toString()).err())
        .contains("rules directory not found");
  }

  @Test
  void replay_genericCsvWithOut_printsSummaryAndWritesStatementsAndLedger() throws Exception {
    // given
    Path out = tmp.resolve("out");

    // when
    Cli cli = Cli.run("replay", "--orders", orders().toString(), "--out", out.toString(), "--no-progress");

    // then
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    assertThat(cli.out()).contains("invoices   4 paid", "1 guest (not earned)", "malformed-row 1",
        "line 4: malformed-row: quantity [x]; expected a whole number", "Members      2 with a ledger");
    assertThat(Files.readAllLines(out.resolve("statements.csv"))).hasSize(3)
        .first().asString().startsWith("member_id,tier,enrolled_at,referrer_id,orders,returns,points_earned");
    List<String> ledger = Files.readAllLines(out.resolve("ledger.jsonl"));
    ObjectMapper json = new ObjectMapper();
    assertThat(ledger).isNotEmpty().allSatisfy(line -> assertThat(json.readTree(line).isObject()).isTrue());
    assertThat(Files.readString(out.resolve("ledger.csv"))).contains(EntryKey.orderBase("o-1").text());
    assertThat(Files.readAllLines(out.resolve("problems.csv"))).hasSize(2);
    assertThat(json.readTree(Files.readString(out.resolve("summary.json"))).path("input").path("malformed_rows").asInt())
        .isEqualTo(1);
    assertThat(Files.readString(out.resolve("summary.txt"))).isEqualTo(cli.out().substring(0,
        cli.out().indexOf("\nWrote ") + 1).stripTrailing() + "\n");
  }

  @Test
  void replay_onErrorFail_exits1AtTheMalformedRow() throws Exception {
    Cli cli = Cli.run("replay", "--orders", orders().toString(), "--on-error", "fail", "--no-progress");
    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.err()).contains("error: stopped at line 4: malformed-row: quantity [x]");
  }

  @Test
  void replay_fileInAnotherLayout_exits1() throws Exception {
    Cli cli = Cli.run("replay", "--orders", orders().toString(), "--format", "online-retail", "--no-progress");
    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.err()).contains("error: line 1: header [order_id,member_id,");
  }

  @Test
  void check_brokenRules_listsEveryProblemWithPositionAndExits1() {
    // when
    Cli cli = Cli.run("check", brokenRules().toString());

    // then
    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.out().lines()).contains(
        "bonus.drl:11:14: [bonus: big baskets] forbidden-type: Forbidden type: pattern type [OrderFacts] is not"
            + " imported; expected a fact type of [org.loyaltyrules.loyalty.rules.facts], imported",
        "colour.drl:11:23: [colour: red items earn nothing] forbidden-property: Unknown property: [colour] of LineFact;"
            + " expected one of [category, earningBase, lineId, orderId, quantity, sku], a $binding or an imported value"
            + " type");
    assertThat(cli.out()).contains("earning.drl:13:5: [earning: base rate for member tier] syntax: ")
        .contains("3 rule files, 3 errors, 0 warnings");
  }

  @Test
  void check_fileWhoseGeneratedCodeWouldExit_isRejectedAndTheJvmKeepsRunning() throws Exception {
    // given: Drools pastes an entry-point name into generated Java unescaped; had the smuggled
    // initialiser run, this in-process CLI run would have ended the test JVM with status 66
    Path dir = Files.createDirectories(tmp.resolve("exit"));
    Files.writeString(dir.resolve("exit.drl"), """
        // exit: an instance initialiser smuggled into generated Java through an entry-point name.
        package org.loyaltyrules.loyalty.rules.merchant;

        import org.loyaltyrules.loyalty.rules.facts.LineFact;

        global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

        rule "exit: while the rules load"
        when
            $line : LineFact() from entry-point "x\\" + new Object() { { System.exit(66); } } + \\""
        then
            decisions.notice("never");
        end
        """);

    // when
    Cli cli = Cli.run("check", dir.toString());

    // then
    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.out()).contains("exit.drl:", "[exit: while the rules load]");
  }

  @Test
  void check_fileNotUtf8_namesItAndExits1() throws Exception {
    // given: a rule file saved in Big5, as a Taiwanese editor might
    Path dir = Files.createDirectories(tmp.resolve("big5"));
    Files.write(dir.resolve("earning.drl"), "// 積分\nrule \"x\" when then end\n".getBytes("Big5"));

    // when
    Cli cli = Cli.run("check", dir.toString());

    // then
    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.out()).contains("earning.drl:1:4: encoding: Not UTF-8 text: byte [0x", "1 error");
  }

  @Test
  void check_missingDirectory_exits2() {
    Cli cli = Cli.run("check", tmp.resolve("missing").toString());
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).contains("rules directory not found");
  }

  @Test
  void check_directoryWithoutRules_exits1() throws Exception {
    Files.createDirectories(tmp.resolve("empty"));
    Cli cli = Cli.run("check", tmp.resolve("empty").toString());
    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.err()).contains("no .drl files in");
  }

  @Test
  void initRules_thenCheck_isClean_andInitTwiceNeedsForce() {
    // given
    Path dir = tmp.resolve("my-rules");

    // when
    Cli init = Cli.run("init-rules", dir.toString());
    Cli check = Cli.run("check", dir.toString());
    Cli again = Cli.run("init-rules", dir.toString());

    // then
    assertThat(init.exitCode()).isZero();
    assertThat(dir.resolve("earning.drl")).exists();
    assertThat(dir.resolve("campaigns.csv")).exists();
    assertThat(check.exitCode()).as(check.out()).isZero();
    assertThat(check.out()).contains(RuleBase.DEFAULT_FILES.size() + " rule files, 0 errors");
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("already exists; use --force");
  }

  @Test
  void simulate_richerGoldRate_reportsTheDifferenceAndWritesASelfContainedHtmlReport() throws Exception {
    // given: the defaults with gold members earning 3 points per 100 instead of 2
    Path candidate = tmp.resolve("richer-gold");
    assertThat(Cli.run("init-rules", candidate.toString()).exitCode()).isZero();
    Path earning = candidate.resolve("earning.drl");
    String drl = Files.readString(earning);
    assertThat(drl).contains("decisions.baseRate($line, 2, 100);");
    Files.writeString(earning, drl.replace("decisions.baseRate($line, 2, 100);", "decisions.baseRate($line, 3, 100);"));
    Path out = tmp.resolve("report");

    // when
    Cli cli = Cli.run("simulate", "--candidate", candidate.toString(), "--orders", orders().toString(),
        "--out", out.toString(), "--no-progress");

    // then: m-1 reaches gold with o-5 (TWD 33,000 in total) and o-6 earns at the gold rate: 30 or 45 points
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    assertThat(cli.out()).contains("points issued", "liability (TWD)", "Tier migration", "Points by rule",
        "earning: base rate for gold tier", "Members most affected");
    assertThat(cli.out().lines().filter(l -> l.contains("earning: base rate for gold tier")))
        .singleElement().asString().contains("30", "45", "+15");
    String html = Files.readString(out.resolve("simulation.html"));
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "</svg>", "Tier migration", "m-1")
        .doesNotContain("http://", "https://", "<script", "src=", "@import", "url(");
  }

  @Test
  void demo_printsSummaryAndThreeStatementsWithReasons() {
    // when
    Cli cli = Cli.run("demo");

    // then
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    assertThat(cli.out()).contains("Replay of a generated sample (seed 20251111", "Members      300 with a ledger",
        "Tiers        member ", "Member statements (3 of 300");
    assertThat(cli.out().lines().filter(l -> l.startsWith("Member m-"))).hasSize(3);
    assertThat(cli.out()).contains("[referral-bonus: upline at the campaign's level]", "clawed-back", "tier         member → ");
    // The generated sample is valid input: nothing in it is refused
    assertThat(cli.out()).contains("Problems     none").doesNotContain("rejected", "engine-error");
    assertThat(cli.err()).isEmpty();
  }

  @Test
  void version_printsTheVersion() {
    assertThat(Cli.run("--version").out()).startsWith("merchant-cli 0.1.0");
  }
}
