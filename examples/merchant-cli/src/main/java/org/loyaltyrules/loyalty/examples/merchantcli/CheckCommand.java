package org.loyaltyrules.loyalty.examples.merchantcli;

import java.io.PrintWriter;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.rules.CampaignFile;
import org.loyaltyrules.loyalty.rules.RuleBase;
import org.loyaltyrules.loyalty.rules.RuleFileException;
import org.loyaltyrules.loyalty.rules.RuleFileProblem;
import org.loyaltyrules.loyalty.rules.RuleSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code check}: every problem in a rules directory, with positions. */
@Command(name = "check", sortOptions = false, usageHelpAutoWidth = true,
    description = {
        "Checks every .drl file of a rules directory (and its campaigns.csv) and prints each problem as",
        "  file:line:column: [rule] code: message",
        "Each file is compiled on its own, so one broken file does not hide the others; when all compile, the set "
            + "is compiled together to find clashes between files. Exit code 1 if any error, 0 otherwise "
            + "(warnings are printed, marked '(warning)')."},
    footer = {"", "Example:", "  merchant-cli check my-rules"})
final class CheckCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RULES-DIR", description = "The directory of .drl files to check.")
  Path dir;

  @Option(names = "--currency", paramLabel = "CODE", defaultValue = "TWD",
      description = "Currency of min_spend amounts in campaigns.csv. Default: ${DEFAULT-VALUE}.")
  String currency;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<Path> files = RuleSet.drlFiles(dir);
    List<RuleFileProblem> problems = new ArrayList<>();
    List<RuleSource> sources = new ArrayList<>();
    boolean eachCompiles = true;
    for (Path file : files) {
      String name = file.getFileName().toString();
      RuleSource source;
      try {
        source = RuleSource.of(name, Files.readString(file, StandardCharsets.UTF_8));
      } catch (MalformedInputException e) {
        problems.add(error(name, "encoding", "the file is not UTF-8 text"));
        eachCompiles = false;
        continue;
      } catch (LoyaltyException e) {
        problems.add(error(name, "file-name", e.getMessage()));
        eachCompiles = false;
        continue;
      }
      sources.add(source);
      List<RuleFileProblem> found = RuleChecks.check(source);
      problems.addAll(found);
      eachCompiles &= found.stream().noneMatch(RuleFileProblem::isError);
    }
    if (eachCompiles && sources.size() > 1) {
      try {
        RuleBase.compile(sources);
      } catch (RuleFileException e) {
        for (RuleFileProblem p : e.problems()) {
          if (!problems.contains(p)) {
            problems.add(p);
          }
        }
      } catch (LoyaltyException e) {
        problems.add(error(dir.getFileName().toString(), "compile", e.getMessage()));
      }
    }
    Path calendar = dir.resolve(CampaignFile.FILE_NAME);
    if (Files.isRegularFile(calendar)) {
      try {
        List<Campaign> campaigns = CampaignFile.parse(CampaignFile.FILE_NAME,
            Files.readString(calendar, StandardCharsets.UTF_8), CliProgrammes.currency(currency));
        problems.addAll(CampaignFile.warnings(CampaignFile.FILE_NAME, campaigns));
      } catch (RuleFileException e) {
        problems.addAll(e.problems());
      }
    }
    problems.sort(Comparator.comparing(RuleFileProblem::file).thenComparingInt(RuleFileProblem::line)
        .thenComparingInt(RuleFileProblem::column));
    long errors = problems.stream().filter(RuleFileProblem::isError).count();
    for (RuleFileProblem p : problems) {
      out.println(p + (p.isError() ? "" : " (warning)"));
    }
    out.println(dir + ": " + files.size() + (files.size() == 1 ? " rule file, " : " rule files, ") + errors
        + (errors == 1 ? " error, " : " errors, ") + (problems.size() - errors)
        + (problems.size() - errors == 1 ? " warning" : " warnings"));
    out.flush();
    return errors > 0 ? CliException.PROBLEMS : 0;
  }

  private static RuleFileProblem error(String file, String code, String message) {
    return new RuleFileProblem(file, 0, 0, "", code, message, RuleFileProblem.Severity.ERROR);
  }
}
