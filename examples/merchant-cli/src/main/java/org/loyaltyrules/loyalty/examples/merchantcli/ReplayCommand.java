package org.loyaltyrules.loyalty.examples.merchantcli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.InvoiceReplay;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.InvoiceReplayResult;
import org.loyaltyrules.loyalty.examples.merchantcli.report.ReplayOutput;
import org.loyaltyrules.loyalty.examples.merchantcli.report.SummaryText;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;
import org.loyaltyrules.loyalty.rules.replay.Replay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code replay}: orders through one rule set, with a summary and per-member statements. */
@Command(name = "replay", sortOptions = false, usageHelpAutoWidth = true,
    header = "Replay orders through a rule set: summary, statements, ledger.",
    description = {
        "Replays orders through a rule set and reports what it would have credited.",
        "Each member invoice becomes one paid order; cancellations ('C' invoices) and negative quantities become "
            + "returns of the member's earliest unreturned purchases of the same product. Guest sales are counted, "
            + "never earned on. Online Retail non-product codes (POST, DOT, M, C2, D, S, BANK CHARGES, AMAZONFEE, "
            + "CRUK, PADS, B, gift_*, DCGS*) never earn."},
    footer = {"", "Example:",
        "  merchant-cli replay --rules default --orders ../shared/data/online-retail.csv.gz --out target/replay",
        "  merchant-cli replay --review none --orders orders.csv   # orders and returns only, no reviews or expiry"})
final class ReplayCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--rules", paramLabel = "DIR|default", defaultValue = "default",
      description = "A directory of .drl files (and optional campaigns.csv and tiers.csv), or 'default' for the bundled rules. "
          + "Default: ${DEFAULT-VALUE}.")
  String rules;

  @Mixin
  ReplayOptions input;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Write summary.txt/.json, statements.csv/.jsonl, ledger.csv/.jsonl and problems.csv here.")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    Path orders = input.ordersFile();
    LoyaltyRulesEngine engine = input.engine(rules);
    InvoiceReplay replay = InvoiceReplay.of(Replay.builder().lane(CliRules.name(rules), engine)
        .members(input.members(engine.programme())).onError(input.onError())
        .reviews(input.reviews(engine.programme())).build())
        .withProgress(input.progress(stderr));
    InvoiceReplayResult result = replay.run(orders, input.format());
    String summary = SummaryText.of(result, CliRules.name(rules) + " (format " + input.format().id() + ")",
        input.maxProblems);
    stdout.print(summary);
    if (out != null) {
      List<Path> files = ReplayOutput.write(out, result, summary);
      stdout.println();
      stdout.println("Wrote " + files.size() + " files to " + out + ": statements.csv, ledger.csv (and .jsonl), "
          + "summary.txt/.json, problems.csv");
    }
    stdout.flush();
    return 0;
  }
}
