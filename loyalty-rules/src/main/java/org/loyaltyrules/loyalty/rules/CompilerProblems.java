package org.loyaltyrules.loyalty.rules;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives the Drools compiler's problems a place in the merchant's file. With the executable model
 * the compiler reports most errors against the Java it generated, with no DRL line or column; when
 * the message quotes a piece of text that occurs exactly once across the rule files, that piece's
 * file, line, column and enclosing rule are reported instead. The generated code the compiler
 * sometimes appends to a message is cut: a merchant cannot act on it.
 */
final class CompilerProblems {
  private static final Pattern RULE = Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]*)\"");
  private static final int SHORTEST_QUOTE = 3;

  private CompilerProblems() {}

  static RuleFileProblem locate(RuleFileProblem problem, List<RuleSource> sources) {
    String message = firstLine(problem.message());
    boolean inSource = sources.stream().anyMatch(s -> s.name().equals(problem.file()));
    if (inSource && problem.line() > 0) {
      return with(problem, problem.file(), problem.line(), problem.column(), problem.rule(), message);
    }
    String quoted = quoted(message);
    RuleSource found = null;
    int at = -1;
    if (quoted.length() >= SHORTEST_QUOTE) {
      for (RuleSource source : sources) {
        int first = source.content().indexOf(quoted);
        if (first < 0) {
          continue;
        }
        if (found != null || source.content().indexOf(quoted, first + 1) >= 0) {
          found = null; // quoted more than once: no honest position
          at = -1;
          break;
        }
        found = source;
        at = first;
      }
    }
    if (found == null) {
      String file = inSource ? problem.file() : sources.size() == 1 ? sources.get(0).name() : problem.file();
      String text = inSource || sources.size() != 1 ? message : message + " (in the code generated from this file)";
      return with(problem, file, problem.line(), problem.column(), problem.rule(), text);
    }
    String text = found.content();
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < at; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    String rule = problem.rule();
    if (rule.isEmpty()) {
      Matcher m = RULE.matcher(text);
      while (m.find() && m.start() < at) {
        rule = m.group(1);
      }
    }
    return with(problem, found.name(), line, at - lineStart + 1, rule, message);
  }

  private static RuleFileProblem with(RuleFileProblem p, String file, int line, int column, String rule, String message) {
    return new RuleFileProblem(file, line, column, rule, p.code(), message, p.severity());
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline).strip();
  }

  private static String quoted(String message) {
    int colon = message.lastIndexOf(": ");
    return colon < 0 ? "" : message.substring(colon + 2).strip();
  }
}
