package org.loyaltyrules.loyalty.examples.merchantcli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.loyaltyrules.loyalty.rules.files.CampaignFile;
import org.loyaltyrules.loyalty.rules.RuleBase;
import org.loyaltyrules.loyalty.rules.RuleSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code init-rules}: writes the bundled rules into a directory to edit. */
@Command(name = "init-rules", sortOptions = false, usageHelpAutoWidth = true,
    header = "Write the bundled rules into a directory to edit.",
    description = {"Writes the bundled default rule files and an empty campaigns.csv into a directory, as a starting "
        + "point to edit, check and simulate."},
    footer = {"", "Example:", "  merchant-cli init-rules my-rules && merchant-cli check my-rules"})
final class InitRulesCommand implements Callable<Integer> {
  static final String CAMPAIGNS_TEMPLATE = """
      # Campaign calendar: one campaign per row; see the merchant guide for every column.
      # Example rows (remove the leading '# ' to use them):
      # double-1111,Double points on 11/11,MULTIPLIER,2,,,,,,,,11-11,,,,,,
      # spend-1499,300 bonus points from NT$1499,THRESHOLD_BONUS,,300,1499,,,,,,,,,,,,
      # Without REFERRAL_BONUS rows the default referral campaigns apply (300 and 100 points from 500):
      # referral-level-1,Referral bonus: direct referrer,REFERRAL_BONUS,,300,500,1,,,,,,,,,,,
      id,name,kind,multiplier,bonus,min_spend,level,dates,from,to,days_of_week,month_days,skus,categories,channels,tiers,birthday_month,exclusive_group
      """;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The directory to create or fill.")
  Path dir;

  @Option(names = "--force", description = "Overwrite files that already exist.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new CliException(CliException.USAGE, dir + " exists and is not a directory");
    }
    List<RuleSource> sources = RuleBase.defaultSources();
    List<Path> targets = new ArrayList<>();
    for (RuleSource source : sources) {
      targets.add(dir.resolve(source.name()));
    }
    targets.add(dir.resolve(CampaignFile.FILE_NAME));
    if (!force) {
      for (Path target : targets) {
        if (Files.exists(target)) {
          throw new CliException(CliException.USAGE, target + " already exists; use --force to overwrite");
        }
      }
    }
    Files.createDirectories(dir);
    for (int i = 0; i < sources.size(); i++) {
      Files.writeString(targets.get(i), sources.get(i).content(), StandardCharsets.UTF_8);
    }
    Files.writeString(targets.get(targets.size() - 1), CAMPAIGNS_TEMPLATE, StandardCharsets.UTF_8);
    out.println("Wrote " + targets.size() + " files to " + dir + ". Edit them, then:");
    out.println("  merchant-cli check " + dir);
    out.println("  merchant-cli simulate --candidate " + dir + " --orders ORDERS");
    out.flush();
    return 0;
  }
}
