package org.loyaltyrules.loyalty.examples.merchantcli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.InvoiceReplay;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.InvoiceReplayResult;
import org.loyaltyrules.loyalty.examples.merchantcli.report.Simulation;
import org.loyaltyrules.loyalty.examples.merchantcli.report.SimulationReport;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;
import org.loyaltyrules.loyalty.rules.replay.Replay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code simulate}: the same orders through two rule sets, and the difference. */
@Command(name = "simulate", sortOptions = false, usageHelpAutoWidth = true,
    header = "Compare two rule sets over the same orders (console and HTML report).",
    description = {
        "Replays the same orders through a baseline and a candidate rule set and reports the difference: points "
            + "issued, outstanding liability (points x redemption value), tier migration, members most affected and "
            + "points by rule, as a console table and a self-contained HTML report with charts."},
    footer = {"", "Example:",
        "  merchant-cli init-rules my-rules   # then edit my-rules/earning.drl",
        "  merchant-cli simulate --baseline default --candidate my-rules --orders orders.csv.gz --out report"})
final class SimulateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--baseline", paramLabel = "DIR|default", defaultValue = "default",
      description = "The rules in force: a directory of .drl files or 'default'. Default: ${DEFAULT-VALUE}.")
  String baseline;

  @Option(names = "--candidate", paramLabel = "DIR", required = true,
      description = "The rules to try: a directory of .drl files (and optional campaigns.csv and tiers.csv).")
  String candidate;

  @Mixin
  ReplayOptions input;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
      description = "Where to write simulation.html. Default: the current directory.")
  Path out;

  @Option(names = "--top", paramLabel = "N", defaultValue = "10",
      description = "Members listed as most affected. Default: ${DEFAULT-VALUE}.")
  int top;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    Path orders = input.ordersFile();
    LoyaltyRulesEngine baseEngine = input.engine(baseline);
    LoyaltyRulesEngine candEngine = input.engine(candidate);
    InvoiceReplay replay = InvoiceReplay.of(Replay.builder().lane("baseline", baseEngine).lane("candidate", candEngine)
        .members(input.members(baseEngine.programme())).onError(input.onError())
        .reviews(input.reviews(baseEngine.programme())).build())
        .withProgress(input.progress(stderr));
    InvoiceReplayResult result = replay.run(orders, input.format());
    Simulation simulation = Simulation.of(result, CliRules.name(baseline), CliRules.name(candidate), Math.max(0, top));
    stdout.print(SimulationReport.text(simulation));
    if (!result.problems().isEmpty()) {
      stdout.println();
      stdout.println("Input problems (the same for both sides): " + result.problemCounts()
          + "; run 'replay --out DIR' to list them");
    }
    Files.createDirectories(out);
    Path html = out.resolve("simulation.html");
    Files.writeString(html, SimulationReport.html(simulation), StandardCharsets.UTF_8);
    stdout.println();
    stdout.println("HTML report: " + html);
    stdout.flush();
    return 0;
  }
}
