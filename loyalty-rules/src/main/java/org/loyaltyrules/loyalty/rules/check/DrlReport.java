package org.loyaltyrules.loyalty.rules.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.loyaltyrules.loyalty.rules.RuleFileProblem;
import org.loyaltyrules.loyalty.rules.RuleFileProblem.Severity;

/**
 * Collects the problems of one file. Positions are clamped into the file, so every problem points
 * at a real line and column; the same code at the same place in the same rule is kept once, the
 * first (most specific) message winning.
 */
final class DrlReport {
  private final String file;
  private final DrlText text;
  private final List<RuleFileProblem> problems = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();

  DrlReport(String file, DrlText text) {
    this.file = file;
    this.text = text;
  }

  DrlText text() {
    return text;
  }

  void errorAt(int offset, String rule, String code, String message) {
    at(offset, rule, code, message, Severity.ERROR);
  }

  void warningAt(int offset, String rule, String code, String message) {
    at(offset, rule, code, message, Severity.WARNING);
  }

  private void at(int offset, String rule, String code, String message, Severity severity) {
    int clamped = Math.max(0, Math.min(offset, text.length()));
    add(text.lineOf(clamped), text.columnOf(clamped), rule, code, message, severity);
  }

  void add(int line, int column, String rule, String code, String message, Severity severity) {
    int l = line;
    int c = column;
    if (!text.contains(l, c)) {
      int offset = text.offsetOf(l, c);
      l = text.lineOf(offset);
      c = text.columnOf(offset);
    }
    if (seen.add(code + '\u0000' + l + '\u0000' + c + '\u0000' + rule)) {
      problems.add(new RuleFileProblem(file, l, c, rule, code, message, severity));
    }
  }

  boolean hasErrors() {
    return problems.stream().anyMatch(RuleFileProblem::isError);
  }

  List<RuleFileProblem> sorted() {
    List<RuleFileProblem> copy = new ArrayList<>(problems);
    copy.sort(Comparator.comparingInt(RuleFileProblem::line).thenComparingInt(RuleFileProblem::column));
    return List.copyOf(copy);
  }
}
