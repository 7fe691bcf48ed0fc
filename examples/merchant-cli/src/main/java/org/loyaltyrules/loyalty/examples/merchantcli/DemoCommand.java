package org.loyaltyrules.loyalty.examples.merchantcli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.examples.merchantcli.demo.DemoData;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.InvoiceReplay;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.InvoiceReplayResult;
import org.loyaltyrules.loyalty.examples.merchantcli.report.Fmt;
import org.loyaltyrules.loyalty.examples.merchantcli.report.ReplayOutput;
import org.loyaltyrules.loyalty.examples.merchantcli.report.Statements;
import org.loyaltyrules.loyalty.examples.merchantcli.report.SummaryText;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;
import org.loyaltyrules.loyalty.rules.Programmes;
import org.loyaltyrules.loyalty.rules.files.RuleFiles;
import org.loyaltyrules.loyalty.rules.replay.Lane;
import org.loyaltyrules.loyalty.rules.replay.MemberAccount;
import org.loyaltyrules.loyalty.rules.replay.Replay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo}: a generated year of orders through the default rules. */
@Command(name = "demo", sortOptions = false, usageHelpAutoWidth = true,
    header = "Replay a generated year of orders through the default rules (start here).",
    description = {
        "Generates a deterministic year of orders for a sample shop (300 members, repeat customers, returns, "
            + "referrals, gift cards, a double-points day on 11/11), replays it through the bundled default rules "
            + "and prints a summary and three member statements with the reason for every entry. "
            + "No input needed; the same seed always gives the same output."})
final class DemoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "" + DemoData.SEED,
      description = "Seed of the generated sample. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--statements", paramLabel = "N", defaultValue = "3",
      description = "Member statements to print. Default: ${DEFAULT-VALUE}.")
  int statements;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Also write statements, ledger and summary files here (as replay --out does).")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    DemoData.Sample sample = DemoData.generate(seed);
    Programme programme = Programmes.taiwan(sample.campaigns());
    LoyaltyRulesEngine engine = RuleFiles.bundled().load(programme).engine();
    InvoiceReplay replay = InvoiceReplay.of(Replay.builder().lane("default", engine).members(sample.members()).build());
    InvoiceReplayResult result = replay.run("a generated sample (seed " + seed + ", " + sample.invoices().size()
        + " invoices)", sample.invoices());
    String summary = SummaryText.of(result, "the default rules with the campaigns "
        + sample.campaigns().stream().map(c -> "\"" + c.name() + "\"").toList(), 10);
    stdout.print(summary);
    Lane lane = result.lane();
    List<MemberAccount> chosen = pick(lane, statements);
    stdout.println();
    stdout.println("Member statements (" + chosen.size() + " of " + Fmt.n(lane.members())
        + "; every entry with its reason and rule)");
    for (MemberAccount account : chosen) {
      stdout.println();
      stdout.print(Statements.of(account, programme.zone(), 12));
    }
    if (out != null) {
      List<Path> files = ReplayOutput.write(out, result, summary);
      stdout.println();
      stdout.println("Wrote " + files.size() + " files to " + out);
    }
    stdout.println();
    stdout.println("Next: replay your own orders with 'replay --orders FILE', or try a rule change with "
        + "'init-rules DIR' and 'simulate --candidate DIR --orders FILE'.");
    stdout.flush();
    return 0;
  }

  /**
   * Picks members whose statements show the most: a referrer paid a referral bonus, a member with a
   * clawed-back return, and a member who moved up a tier; short histories first.
   */
  static List<MemberAccount> pick(Lane lane, int count) {
    List<MemberAccount> all = ReplayOutput.sortedAccounts(lane);
    all.sort(Comparator.comparingInt((MemberAccount a) -> a.ledger().size())
        .thenComparing(a -> a.member().id(), ReplayOutput.MEMBER_ORDER));
    List<MemberAccount> chosen = new ArrayList<>();
    add(chosen, all, a -> a.ledger().entries().stream().anyMatch(e -> EntryKey.parse(e.key()) instanceof EntryKey.ReferralBonus));
    add(chosen, all, a -> a.clawedBack() > 0 && a.orders() >= 3);
    add(chosen, all, a -> a.tierChanges() > 0 && a.orders() >= 3
        && a.ledger().entries().stream().anyMatch(e -> EntryKey.parse(e.key()) instanceof EntryKey.OrderCampaign));
    add(chosen, all, a -> a.tierChanges() > 0);
    add(chosen, all, a -> a.orders() > 0);
    return chosen.subList(0, Math.min(count, chosen.size()));
  }

  private static void add(List<MemberAccount> chosen, List<MemberAccount> all,
      java.util.function.Predicate<MemberAccount> test) {
    for (MemberAccount a : all) {
      if (!chosen.contains(a) && test.test(a)) {
        chosen.add(a);
        return;
      }
    }
  }

  static boolean isClawback(LedgerEntry e) {
    return e instanceof LedgerEntry.ClawedBack;
  }
}
