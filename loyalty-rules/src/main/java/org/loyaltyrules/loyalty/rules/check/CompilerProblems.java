package org.loyaltyrules.loyalty.rules.check;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.kie.api.builder.Message;
import org.loyaltyrules.loyalty.rules.RuleFileProblem;
import org.loyaltyrules.loyalty.rules.RuleSource;

/**
 * Gives the Drools compiler's problems a place in the merchant's file. With the executable model
 * the compiler reports many errors against the Java it generated from a rule: its path, and a line
 * and column in that Java, mean nothing to a merchant. Such a problem is placed instead where the
 * offending statement is written in the rule file (the generated Java quotes a consequence's
 * statements), or where a piece of text the message quotes occurs exactly once, with the enclosing
 * rule; failing that, in the one file the generated package can have come from. The generated
 * source the compiler appends to its messages is never passed on: a merchant cannot act on it.
 *
 * <p>Not API: used by {@link org.loyaltyrules.loyalty.rules.RuleBase}.
 */
@API(status = INTERNAL, since = "0.1")
public final class CompilerProblems {
  private static final Pattern RULE = Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]*)\"");
  private static final Pattern GENERATED_SOURCE = Pattern.compile("^Java source of (\\S+) in error:");
  private static final Pattern DUPLICATE_RULE = Pattern.compile("Duplicate rule name: (.*)");
  private static final Pattern QUOTED_INPUT = Pattern.compile("For input string: (\"[^\"\\n]*\")");
  private static final String RESOURCES = "src/main/resources/";
  private static final String JAVA = "src/main/java/";
  private static final int SHORTEST_QUOTE = 3;

  private CompilerProblems() {}

  /**
   * Not API: used by {@link org.loyaltyrules.loyalty.rules.RuleBase}.
   *
   * @param messages the compiler's messages
   * @param sources the rule files compiled
   * @param paths where each file was written in the build, {@code src/main/resources/<package>/<name>}
   * @return one problem per message a merchant can act on, INFO messages and the compiler's copies
   *     of generated source left out
   */
  @API(status = INTERNAL, since = "0.1")
  public static List<RuleFileProblem> of(List<Message> messages, List<RuleSource> sources, List<String> paths) {
    Map<String, String> generated = new HashMap<>();
    Map<String, Integer> reported = new HashMap<>();
    for (Message message : messages) {
      String path = message.getPath() == null ? "" : message.getPath();
      Matcher m = GENERATED_SOURCE.matcher(message.getText());
      if (m.find()) {
        int newline = message.getText().indexOf('\n');
        generated.put(path, newline < 0 ? "" : message.getText().substring(newline + 1));
      } else if (message.getLevel() != Message.Level.INFO) {
        reported.merge(path, 1, Integer::sum);
      }
    }
    List<RuleFileProblem> problems = new ArrayList<>();
    for (Message message : messages) {
      if (message.getLevel() == Message.Level.INFO) {
        continue;
      }
      String path = message.getPath() == null ? "" : message.getPath();
      boolean copyOfSource = GENERATED_SOURCE.matcher(message.getText()).find();
      if (copyOfSource && reported.containsKey(path)) {
        continue; // the errors in that source are reported on their own
      }
      String text = copyOfSource ? "the code Drools generated from this file does not compile" : firstLine(message.getText());
      RuleFileProblem.Severity severity = message.getLevel() == Message.Level.ERROR
          ? RuleFileProblem.Severity.ERROR : RuleFileProblem.Severity.WARNING;
      Matcher duplicate = DUPLICATE_RULE.matcher(text);
      if (duplicate.matches()) {
        // Drools blames one of the two files, possibly the bundled one: report it in the merchant's.
        String name = duplicate.group(1);
        RuleFileProblem placed = RuleDeclarations.duplicates(sources).stream()
            .filter(p -> p.rule().equals(name)).findFirst().orElse(null);
        if (placed != null) {
          if (!problems.contains(placed)) {
            problems.add(placed);
          }
          continue;
        }
      }
      problems.add(locate(path, message.getLine(), message.getColumn(), text, severity, generated.get(path), sources, paths));
    }
    return problems;
  }

  /**
   * A compiler crash (Drools' code generator throws on some DRL it should report) as a problem.
   *
   * <p>Not API: used by {@link org.loyaltyrules.loyalty.rules.RuleBase}.
   *
   * @param error what the compiler threw
   * @param culprit the file that makes it throw when compiled alone, or {@code null} if unknown
   * @param sources every file of the build
   * @return the problem, placed at the quoted input when the culprit has it exactly once
   */
  @API(status = INTERNAL, since = "0.1")
  public static RuleFileProblem crash(RuntimeException error, RuleSource culprit, List<RuleSource> sources) {
    String detail = error.getMessage() == null ? "" : firstLine(error.getMessage());
    String expected = error instanceof NumberFormatException
        ? "a number compared with a number and text with text" : "DRL the compiler accepts";
    String message = "Compiler failed: " + error.getClass().getSimpleName() + " [" + detail + "]; expected " + expected;
    if (culprit == null) {
      String names = sources.stream().filter(s -> !s.trusted()).map(RuleSource::name).toList().toString();
      return new RuleFileProblem("", 0, 0, "", "compile", message + " (in one of " + names + ")",
          RuleFileProblem.Severity.ERROR);
    }
    Matcher quoted = QUOTED_INPUT.matcher(detail);
    if (quoted.find()) {
      RuleFileProblem placed = at(culprit, uniqueOffset(culprit.content(), quoted.group(1)), "compile", message,
          RuleFileProblem.Severity.ERROR);
      if (placed != null) {
        return placed;
      }
    }
    return new RuleFileProblem(culprit.name(), 0, 0, "", "compile", message, RuleFileProblem.Severity.ERROR);
  }

  private static RuleFileProblem locate(String path, int line, int column, String text, RuleFileProblem.Severity severity,
      String generatedSource, List<RuleSource> sources, List<String> paths) {
    int file = drlFile(path, paths);
    if (file >= 0) {
      RuleSource source = sources.get(file);
      if (line > 0) {
        return new RuleFileProblem(source.name(), line, Math.max(0, column), ruleAt(source.content(),
            lineStart(source.content(), line)), "compile", text, severity);
      }
      RuleFileProblem quoted = byQuote(text, List.of(source), severity);
      return quoted != null ? quoted : new RuleFileProblem(source.name(), 0, 0, "", "compile", text, severity);
    }
    List<RuleSource> candidates = path.endsWith(".java") ? packageOf(path, sources, paths) : List.of();
    List<RuleSource> searched = candidates.isEmpty() ? sources : candidates;
    if (generatedSource != null && line > 0) {
      RuleFileProblem statement = byStatement(generatedSource, line, column, text, severity, searched);
      if (statement != null) {
        return statement;
      }
    }
    RuleFileProblem quoted = byQuote(text, searched, severity);
    if (quoted != null) {
      return quoted;
    }
    // Bundled files compile on their own, so an error in a package shared with them is the merchant's.
    List<RuleSource> untrusted = searched.stream().filter(s -> !s.trusted()).toList();
    if (untrusted.size() == 1) {
      return new RuleFileProblem(untrusted.get(0).name(), 0, 0, "", "compile", text, severity);
    }
    if (searched.size() == 1) {
      return new RuleFileProblem(searched.get(0).name(), 0, 0, "", "compile", text, severity);
    }
    String names = (untrusted.isEmpty() ? searched : untrusted).stream().map(RuleSource::name).toList().toString();
    return new RuleFileProblem("", 0, 0, "", "compile", text + " (in the code generated from one of " + names + ")",
        severity);
  }

  /** @return the index of the rule file the compiler named, or -1 for generated code or no path */
  private static int drlFile(String path, List<String> paths) {
    if (path.isEmpty()) {
      return -1;
    }
    for (int i = 0; i < paths.size(); i++) {
      String written = paths.get(i);
      if (written.equals(path) || written.equals(RESOURCES + path)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The rule files a generated class can come from: Drools writes a package's classes under its
   * directory ({@code src/main/java/org/acme/RulesABC.java}), lambdas one directory deeper
   * ({@code src/main/java/org/acme/P63/LambdaConsequence63….java}).
   */
  private static List<RuleSource> packageOf(String path, List<RuleSource> sources, List<String> paths) {
    String generated = path.startsWith(JAVA) ? path.substring(JAVA.length()) : path;
    String directory = generated.substring(0, generated.lastIndexOf('/') + 1);
    List<RuleSource> exact = new ArrayList<>();
    List<RuleSource> parent = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      String written = paths.get(i).substring(RESOURCES.length());
      String packageDirectory = written.substring(0, written.lastIndexOf('/') + 1);
      if (directory.equals(packageDirectory)) {
        exact.add(sources.get(i));
      } else if (directory.startsWith(packageDirectory)
          && directory.indexOf('/', packageDirectory.length()) == directory.length() - 1) {
        parent.add(sources.get(i));
      }
    }
    return exact.isEmpty() ? parent : exact;
  }

  /**
   * Finds the generated line the compiler complains about among the rule files: the executable
   * model copies a consequence's statements into the generated Java, re-indented and re-spaced, so
   * the line is matched with any whitespace between its characters.
   */
  private static RuleFileProblem byStatement(String generatedSource, int line, int column, String text,
      RuleFileProblem.Severity severity, List<RuleSource> sources) {
    String[] lines = generatedSource.split("\n", -1);
    if (line > lines.length) {
      return null;
    }
    String raw = lines[line - 1];
    String statement = raw.strip();
    if (statement.length() < SHORTEST_QUOTE) {
      return null;
    }
    Pattern spaced = spacedPattern(statement);
    RuleSource found = null;
    Matcher match = null;
    for (RuleSource source : sources) {
      Matcher m = spaced.matcher(source.content());
      if (!m.find()) {
        continue;
      }
      if (found != null || m.find(m.start() + 1)) {
        return null; // written more than once: no honest position
      }
      m = spaced.matcher(source.content());
      m.find();
      found = source;
      match = m;
    }
    if (found == null) {
      return null;
    }
    int offset = match.start();
    int token = tokenIndex(generatedSource, lines, line, column, raw);
    if (token > 0) {
      // Skip as many non-blank characters in the rule file as precede the token in the generated line.
      int skip = (int) statement.substring(0, token).chars().filter(c -> !Character.isWhitespace(c)).count();
      while (offset < match.end() && skip > 0) {
        if (!Character.isWhitespace(found.content().charAt(offset))) {
          skip--;
        }
        offset++;
      }
      while (offset < match.end() && Character.isWhitespace(found.content().charAt(offset))) {
        offset++;
      }
    }
    return at(found, offset, "compile", text, severity);
  }

  /**
   * @return where in the stripped generated line the compiler's column points, or 0 if it cannot
   *     be told; Java compilers report either a 1-based column or an offset into the whole source
   */
  private static int tokenIndex(String source, String[] lines, int line, int column, String raw) {
    int lineStart = 0;
    for (int i = 0; i < line - 1; i++) {
      lineStart += lines[i].length() + 1;
    }
    int indent = raw.length() - raw.stripLeading().length();
    int inLine;
    if (column >= lineStart && column < lineStart + raw.length() && column < source.length()) {
      inLine = column - lineStart;
    } else if (column >= 1 && column <= raw.length()) {
      inLine = column - 1;
    } else {
      return 0;
    }
    int index = inLine - indent;
    return index > 0 && index < raw.strip().length() ? index : 0;
  }

  private static Pattern spacedPattern(String statement) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < statement.length(); i++) {
      char c = statement.charAt(i);
      if (Character.isWhitespace(c)) {
        continue;
      }
      if (regex.length() > 0) {
        regex.append("\\s*");
      }
      regex.append(Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString());
  }

  /** Places a problem at a piece of text the message quotes, if it occurs exactly once. */
  private static RuleFileProblem byQuote(String message, List<RuleSource> sources, RuleFileProblem.Severity severity) {
    String quoted = quoted(message);
    if (quoted.length() < SHORTEST_QUOTE) {
      return null;
    }
    RuleSource found = null;
    int at = -1;
    for (RuleSource source : sources) {
      int first = source.content().indexOf(quoted);
      if (first < 0) {
        continue;
      }
      if (found != null || source.content().indexOf(quoted, first + 1) >= 0) {
        return null; // quoted more than once: no honest position
      }
      found = source;
      at = first;
    }
    return found == null ? null : at(found, at, "compile", message, severity);
  }

  private static RuleFileProblem at(RuleSource source, int offset, String code, String message,
      RuleFileProblem.Severity severity) {
    if (offset < 0) {
      return null;
    }
    String text = source.content();
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new RuleFileProblem(source.name(), line, offset - lineStart + 1, ruleAt(text, offset), code, message, severity);
  }

  private static int uniqueOffset(String text, String piece) {
    int first = text.indexOf(piece);
    return first >= 0 && text.indexOf(piece, first + 1) < 0 ? first : -1;
  }

  /** @return the name of the last rule declared before an offset, or {@code ""} */
  private static String ruleAt(String text, int offset) {
    String rule = "";
    Matcher m = RULE.matcher(text);
    while (m.find() && m.start() <= offset) {
      rule = m.group(1);
    }
    return rule;
  }

  private static int lineStart(String text, int line) {
    int offset = 0;
    for (int l = 1; l < line && offset >= 0; l++) {
      offset = text.indexOf('\n', offset) + 1;
      if (offset == 0) {
        return text.length();
      }
    }
    return offset;
  }

  private static String firstLine(String message) {
    String stripped = message.strip();
    int newline = stripped.indexOf('\n');
    return newline < 0 ? stripped : stripped.substring(0, newline).strip();
  }

  /** @return the text a message quotes: after its last {@code ": "}, or between "Expression" and a final colon */
  private static String quoted(String message) {
    if (message.endsWith(":")) {
      int expression = message.lastIndexOf("Expression ");
      return expression < 0 ? "" : message.substring(expression + "Expression ".length(), message.length() - 1).strip();
    }
    int colon = message.lastIndexOf(": ");
    return colon < 0 ? "" : message.substring(colon + 2).strip();
  }
}
