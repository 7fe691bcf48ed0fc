package org.loyaltyrules.loyalty.examples.merchantcli;

import java.util.ArrayList;
import java.util.List;
import org.loyaltyrules.loyalty.rules.RuleBase;
import org.loyaltyrules.loyalty.rules.RuleFileException;
import org.loyaltyrules.loyalty.rules.RuleFileProblem;
import org.loyaltyrules.loyalty.rules.RuleSource;

/** Finds the problems of one rule file: compiles it on its own and collects what the compiler reports. */
final class RuleChecks {
  private RuleChecks() {}

  /**
   * @param source a rule file
   * @return its problems, errors and warnings
   */
  static List<RuleFileProblem> check(RuleSource source) {
    List<RuleFileProblem> problems = new ArrayList<>();
    try {
      RuleBase.compile(List.of(source));
    } catch (RuleFileException e) {
      problems.addAll(e.problems());
    }
    return problems;
  }
}
