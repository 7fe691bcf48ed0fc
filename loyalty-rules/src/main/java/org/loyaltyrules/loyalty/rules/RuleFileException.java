package org.loyaltyrules.loyalty.rules;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * Rule files were rejected. {@link #problems()} lists every problem found, errors and warnings, with
 * file, line, column and rule; nothing of the rejected files was loaded.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RuleFileException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  private final transient List<RuleFileProblem> problems;

  /**
   * Creates the exception for rule files with at least one error.
   *
   * @param problems the problems, at least one of them an error
   */
  public RuleFileException(List<RuleFileProblem> problems) {
    super("rule-file", message(Checks.elements("RuleFileException", "problems", problems)));
    this.problems = List.copyOf(problems);
  }

  private static String message(List<RuleFileProblem> problems) {
    long errors = problems.stream().filter(RuleFileProblem::isError).count();
    StringBuilder text = new StringBuilder("Invalid rule files: ").append(errors).append(errors == 1 ? " error" : " errors");
    for (RuleFileProblem problem : problems) {
      text.append("\n").append("  ").append(problem);
    }
    return text.toString();
  }

  /** {@return every problem found, in file and line order} */
  public List<RuleFileProblem> problems() {
    return problems;
  }
}
