package org.loyaltyrules.loyalty.examples.merchantcli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.RuleBase;
import org.loyaltyrules.loyalty.rules.RuleFileProblem;
import org.loyaltyrules.loyalty.rules.files.RuleFiles;
import org.loyaltyrules.loyalty.rules.RuleSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code check}: every problem in a rules directory, with positions. */
@Command(name = "check", sortOptions = false, usageHelpAutoWidth = true,
    header = "Check rule files: every problem as file:line:column.",
    description = {
        "Checks every .drl file of a rules directory (and its campaigns.csv and tiers.csv) and prints each problem as",
        "  file:line:column: [rule] code: message",
        "Each file is first checked without compiling it (syntax, and the restricted DRL subset merchant files must "
            + "keep to); when every file passes, the set is compiled together; when some file does not, each of "
            + "the others is compiled on its own, so one broken file does not hide the others' errors. Exit code 1 "
            + "if any error, 0 otherwise (warnings are printed, marked '(warning)')."},
    footer = {"", "Example:", "  merchant-cli check my-rules"})
final class CheckCommand implements Callable<Integer> {
  /** The code of the problems only the compiler finds; every other error code is the checker's. */
  private static final String COMPILE = "compile";

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RULES-DIR", description = "The directory of .drl files to check.")
  Path dir;

  @Option(names = "--currency", paramLabel = "CODE", defaultValue = "TWD",
      description = "Currency of the amounts in campaigns.csv and tiers.csv. Default: ${DEFAULT-VALUE}.")
  String currency;

  @Override
  public Integer call() throws Exception {
    CliRules.requireDirectory(dir);
    RuleFiles files;
    try {
      // A file that is not UTF-8, or cannot be read, is one of the problems the library lists.
      files = CliRules.directory(dir);
    } catch (LoyaltyException e) {
      // A file name the library refuses (spaces, upper-case .DRL): nothing can be read past it.
      return print(List.of(error(dir.getFileName().toString(), "file-name", e.getMessage())), 1);
    }
    List<RuleFileProblem> problems = new ArrayList<>(files.check(programme()));
    Set<String> blocked = problems.stream().filter(p -> p.isError() && !p.code().equals(COMPILE))
        .map(RuleFileProblem::file).collect(Collectors.toSet());
    if (files.sources().stream().anyMatch(s -> blocked.contains(s.name()))) {
      // The library hands rule files to the compiler only when every one passes the checker; compile
      // each file that passed on its own, so its compile errors are listed too.
      for (RuleSource source : files.sources()) {
        if (!blocked.contains(source.name())) {
          for (RuleFileProblem p : RuleBase.check(List.of(source))) {
            if (!problems.contains(p)) {
              problems.add(p);
            }
          }
        }
      }
    }
    problems.sort(RuleFileProblem.ORDER);
    return print(problems, files.sources().size());
  }

  /**
   * The programme files are checked against. Only its currency (amounts in campaigns.csv and
   * tiers.csv) and tier codes (rules naming a tier) matter to a check, so the thresholds of a
   * currency the CLI has none for are placeholders.
   */
  private Programme programme() {
    Currency cur = CliProgrammes.currency(currency);
    List<BigDecimal> thresholds = CliProgrammes.THRESHOLDS.getOrDefault(cur.getCurrencyCode(),
        List.of(BigDecimal.ONE, BigDecimal.TEN));
    return CliProgrammes.of(cur, ZoneOffset.UTC, thresholds, List.of());
  }

  private int print(List<RuleFileProblem> problems, int ruleFiles) {
    PrintWriter out = spec.commandLine().getOut();
    long errors = problems.stream().filter(RuleFileProblem::isError).count();
    for (RuleFileProblem p : problems) {
      out.println(p + (p.isError() ? "" : " (warning)"));
    }
    long warnings = problems.size() - errors;
    out.println(dir + ": " + ruleFiles + (ruleFiles == 1 ? " rule file, " : " rule files, ") + errors
        + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings"));
    out.flush();
    return errors > 0 ? CliException.PROBLEMS : 0;
  }

  private static RuleFileProblem error(String file, String code, String message) {
    return new RuleFileProblem(file, 0, 0, "", code, message, RuleFileProblem.Severity.ERROR);
  }
}
