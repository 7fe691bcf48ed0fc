package org.loyaltyrules.loyalty.examples.merchantcli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.loyaltyrules.loyalty.rules.RuleFileProblem;
import org.loyaltyrules.loyalty.rules.files.RuleFiles;

/**
 * The rule files a command line names: {@code default} for the bundled rules, or a directory read
 * by the library's {@link RuleFiles#directory(Path)} ({@code *.drl}, and optional
 * {@code campaigns.csv} and {@code tiers.csv}). A directory is the whole rule set, not a layer over
 * the bundled files, so what a merchant checks is exactly what replays; {@code init-rules} writes
 * the bundled files into a directory to start from. This class only turns command-line words into
 * files and missing ones into exit codes; reading, checking and compiling are the library's.
 */
final class CliRules {
  /** The command-line word for the bundled rules. */
  static final String DEFAULT = "default";

  private CliRules() {}

  /**
   * @param spec {@code default} or a directory
   * @return how reports name the rule set
   */
  static String name(String spec) {
    return spec.equalsIgnoreCase(DEFAULT) ? DEFAULT + " rules" : spec;
  }

  /**
   * @param spec {@code default} or a directory
   * @return the bundled files or the directory's
   * @throws CliException (exit 2) if the directory is missing, (exit 1) if it has no rule files
   * @throws IOException if a file cannot be read
   */
  static RuleFiles files(String spec) throws IOException {
    return spec.equalsIgnoreCase(DEFAULT) ? RuleFiles.bundled() : directory(Path.of(spec));
  }

  /**
   * @param dir a rules directory
   * @return its files
   * @throws CliException (exit 2) if the directory is missing, (exit 1) if it has no rule files (a
   *     rule file that cannot be read counts: the check reports why)
   * @throws IOException if the directory cannot be listed
   */
  static RuleFiles directory(Path dir) throws IOException {
    requireDirectory(dir);
    RuleFiles files = RuleFiles.directory(dir);
    if (files.sources().isEmpty() && files.fileProblems().stream().noneMatch(RuleFileProblem::isError)) {
      throw new CliException(CliException.PROBLEMS, "no .drl files in " + dir
          + "; run 'merchant-cli init-rules " + dir + "' to start from the bundled rules");
    }
    return files;
  }

  /**
   * @param dir a path given as a rules directory
   * @throws CliException (exit 2) if it is not a directory
   */
  static void requireDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new CliException(CliException.USAGE, "rules directory not found: " + dir
          + (Files.exists(dir) ? " (it is a file; expected a directory of .drl files)" : "")
          + "; use 'default' for the bundled rules");
    }
  }
}
