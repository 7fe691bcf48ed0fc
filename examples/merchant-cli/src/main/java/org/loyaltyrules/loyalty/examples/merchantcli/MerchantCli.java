package org.loyaltyrules.loyalty.examples.merchantcli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.loyaltyrules.loyalty.examples.merchantcli.input.InputFormatException;
import org.loyaltyrules.loyalty.examples.merchantcli.input.MembersFile;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.ReplayAbortedException;
import org.loyaltyrules.loyalty.rules.RuleFileException;
import org.loyaltyrules.loyalty.rules.RuleFileProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The merchant's command line: try rule changes on past orders before publishing them.
 *
 * <pre>
 * java -jar merchant-cli.jar demo
 * java -jar merchant-cli.jar check my-rules
 * java -jar merchant-cli.jar replay --rules default --orders orders.csv.gz --out out
 * java -jar merchant-cli.jar simulate --baseline default --candidate my-rules --orders orders.csv.gz
 * </pre>
 */
@Command(name = "merchant-cli", mixinStandardHelpOptions = true, version = "merchant-cli 0.1.0 (loyalty-rules)",
    usageHelpAutoWidth = true,
    description = "Check loyalty rule files, replay past orders through them, and compare two rule sets.",
    subcommands = {DemoCommand.class, CheckCommand.class, ReplayCommand.class, SimulateCommand.class,
        InitRulesCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "Exit codes:",
        "  0  done",
        "  1  the input was rejected: rule errors, a malformed row with",
        "     --on-error fail, a file in the wrong layout",
        "  2  the command line is wrong: unknown option, bad value, missing",
        "     file",
        "  3  unexpected failure (please report it)",
        "", "Run 'merchant-cli help COMMAND' for a command's options."})
public final class MerchantCli implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: choose one of demo, check, replay, simulate, "
        + "init-rules (try 'demo' first)");
  }

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = execute(out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs the command line without exiting (for tests and embedding).
   *
   * @param out standard output
   * @param err standard error
   * @param args the arguments
   * @return the exit code
   */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new MerchantCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(MerchantCli::handle);
    return cli.execute(args);
  }

  private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    int code;
    if (e instanceof CliException c) {
      err.println("error: " + c.getMessage());
      code = c.exitCode();
    } else if (e instanceof RuleFileException r) {
      long errors = r.problems().stream().filter(RuleFileProblem::isError).count();
      err.println("error: the rules do not compile (" + errors + (errors == 1 ? " error" : " errors") + "):");
      for (RuleFileProblem p : r.problems()) {
        err.println("  " + p + (p.isError() ? "" : " (warning)"));
      }
      err.println("Run 'merchant-cli check DIR' to see every problem of every file.");
      code = CliException.PROBLEMS;
    } else if (e instanceof ReplayAbortedException a) {
      err.println("error: " + a.getMessage());
      code = CliException.PROBLEMS;
    } else if (e instanceof InputFormatException f) {
      err.println("error: line " + f.lineNo() + ": " + f.getMessage() + " (choose the layout with --format)");
      code = CliException.PROBLEMS;
    } else if (e instanceof MembersFile.MembersFileException m) {
      err.println("error: " + m.getMessage());
      code = CliException.PROBLEMS;
    } else if (e instanceof NoSuchFileException f) {
      err.println("error: file not found: " + f.getFile());
      code = CliException.USAGE;
    } else if (e instanceof AccessDeniedException f) {
      err.println("error: permission denied: " + f.getFile());
      code = CliException.USAGE;
    } else if (e instanceof IOException io) {
      err.println("error: " + io.getClass().getSimpleName() + ": " + io.getMessage());
      code = CliException.FAILURE;
    } else {
      err.println("error: unexpected " + e.getClass().getName() + ": " + e.getMessage());
      e.printStackTrace(err);
      code = CliException.FAILURE;
    }
    err.flush();
    return code;
  }
}
