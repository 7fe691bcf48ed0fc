package org.loyaltyrules.loyalty.rules;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * One problem found in a rule file: where it is, in which rule, what kind (a stable code) and a
 * message a merchant can act on.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param file the file name as given to the loader, e.g. {@code earning.drl}
 * @param line the 1-based line, or 0 when unknown
 * @param column the 1-based column, or 0 when unknown
 * @param rule the rule's name, or an empty string outside any rule
 * @param code a stable identifier of the kind of problem, e.g. {@code syntax} or {@code forbidden-call}
 * @param message the explanation
 * @param severity whether the problem blocks the file
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RuleFileProblem(
    String file, int line, int column, String rule, String code, String message, Severity severity) {

  /** Whether a problem blocks loading. */
  public enum Severity {
    /** The file is rejected. */
    ERROR,
    /** The file loads; the problem is likely a mistake. */
    WARNING
  }

  /** File, then line, then column. */
  public static final java.util.Comparator<RuleFileProblem> ORDER = java.util.Comparator.comparing(RuleFileProblem::file)
      .thenComparingInt(RuleFileProblem::line).thenComparingInt(RuleFileProblem::column);

  /**
   * Validates the components.
   *
   * @param file the file name as given to the loader, e.g. {@code earning.drl}
   * @param line the 1-based line, or 0 when unknown
   * @param column the 1-based column, or 0 when unknown
   * @param rule the rule's name, or an empty string outside any rule
   * @param code a stable identifier of the kind of problem, e.g. {@code syntax} or {@code forbidden-call}
   * @param message the explanation
   * @param severity whether the problem blocks the file
   * @throws org.loyaltyrules.loyalty.LoyaltyException if a component is invalid
   */
  public RuleFileProblem {
    Checks.present("RuleFileProblem", "file", file);
    Checks.present("RuleFileProblem", "rule", rule);
    Checks.present("RuleFileProblem", "code", code);
    Checks.present("RuleFileProblem", "message", message);
    Checks.present("RuleFileProblem", "severity", severity);
    Checks.check(line >= 0, "RuleFileProblem", "line", line, "≥ 0");
    Checks.check(column >= 0, "RuleFileProblem", "column", column, "≥ 0");
  }

  /** {@return whether this problem blocks loading} */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** @return {@code file:line:column: [rule] code: message} */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + (rule.isEmpty() ? "" : "[" + rule + "] ") + code + ": " + message;
  }
}
