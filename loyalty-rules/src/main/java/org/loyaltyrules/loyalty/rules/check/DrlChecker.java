package org.loyaltyrules.loyalty.rules.check;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.ParserError;
import org.loyaltyrules.loyalty.internal.Checks;
import org.loyaltyrules.loyalty.rules.RuleFileException;
import org.loyaltyrules.loyalty.rules.RuleFileProblem;
import org.loyaltyrules.loyalty.rules.RuleSource;
import org.loyaltyrules.loyalty.rules.internal.CaseSafeLocale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a rule file before anything is compiled: every syntax error with its line and column,
 * and, under the {@linkplain DrlPolicy#restricted() restricted policy}, everything outside the
 * restricted DRL grammar. Nothing in the file is compiled, loaded or run, and no class it names is
 * initialised; checking hostile text is safe.
 *
 * <p>The file is parsed with Drools' own DRL parser, at the language level the rule builder uses
 * by default, so the checked structure is the one Drools compiles. Unlike the rule builder, which
 * reports column 0 and, with the executable model, only the first parse error, the checker reports
 * every error the parser finds with its real column, points at where an unterminated string or
 * comment starts, and maps Drools' "end of file" position ({@code 0:-1}) to the last line and
 * column of the file.
 *
 * <p>Problem codes (each problem also names the file, 1-based line and column, and the rule, or
 * {@code ""} outside a rule):
 *
 * <table>
 *   <caption>Codes</caption>
 *   <tr><th>Code</th><th>Severity</th><th>Meaning</th></tr>
 *   <tr><td>{@code syntax}</td><td>error</td><td>not valid DRL, or a consequence that is not valid Java</td></tr>
 *   <tr><td>{@code duplicate-rule}</td><td>error</td><td>two rules share a name</td></tr>
 *   <tr><td>{@code forbidden-package}</td><td>error</td><td>a JDK, Drools, KIE, library or fact package, or not lower-case ASCII</td></tr>
 *   <tr><td>{@code forbidden-import}</td><td>error</td><td>an import of anything but a fact type or an allowed value type; {@code import function|static|accumulate}</td></tr>
 *   <tr><td>{@code forbidden-global}</td><td>error</td><td>a global other than the output collector</td></tr>
 *   <tr><td>{@code forbidden-function}</td><td>error</td><td>a {@code function}</td></tr>
 *   <tr><td>{@code forbidden-declare}</td><td>error</td><td>a {@code declare} of a type, enum, window or entry point</td></tr>
 *   <tr><td>{@code forbidden-dialect}</td><td>error</td><td>a dialect other than {@code "java"}</td></tr>
 *   <tr><td>{@code forbidden-attribute}</td><td>error</td><td>any rule or package attribute but {@code dialect "java"}: {@code salience}, {@code agenda-group}, {@code timer}, …</td></tr>
 *   <tr><td>{@code forbidden-annotation}</td><td>error</td><td>an annotation with a value that is not a literal, one Drools gives a meaning to, any pattern annotation</td></tr>
 *   <tr><td>{@code forbidden-eval}</td><td>error</td><td>{@code eval(...)}</td></tr>
 *   <tr><td>{@code forbidden-from}</td><td>error</td><td>{@code from} of any kind: expressions, entry points, {@code collect}, windows</td></tr>
 *   <tr><td>{@code forbidden-accumulate}</td><td>error</td><td>an accumulate not of the form {@code accumulate( Fact(...) ; $n : count() | sum($b) | min($b) | max($b) ; ... )}</td></tr>
 *   <tr><td>{@code forbidden-window}</td><td>error</td><td>a sliding window ({@code over window:...})</td></tr>
 *   <tr><td>{@code forbidden-join}</td><td>error</td><td>more than 2 patterns over facts with many instances in a rule, or more than 1 over {@code LineFact}</td></tr>
 *   <tr><td>{@code forbidden-property}</td><td>error</td><td>a property the fact or value type does not publish ({@code class}, {@code declaringClass}, an unknown name); a constant not on the list</td></tr>
 *   <tr><td>{@code forbidden-call}</td><td>error</td><td>a method without an allowed signature for its receiver's type; a statement that is not a call on the collector; the Drools session</td></tr>
 *   <tr><td>{@code forbidden-comparison}</td><td>error</td><td>operands or arguments of types that do not go together ({@code tierRank == "gold"}); division by anything but a positive literal</td></tr>
 *   <tr><td>{@code forbidden-variable}</td><td>error</td><td>a binding without {@code $}, bound twice or used out of scope; a local named like a package, keyword or the collector, declared twice or used before its declaration; a name that reads two ways</td></tr>
 *   <tr><td>{@code forbidden-new}</td><td>error</td><td>{@code new} of anything, arrays</td></tr>
 *   <tr><td>{@code forbidden-type}</td><td>error</td><td>a type that is not a fact type or an allowed value type, not imported, or fully qualified in code; casts, {@code instanceof}, class literals</td></tr>
 *   <tr><td>{@code forbidden-literal}</td><td>error</td><td>a string over 200 characters, a number with an exponent, more than 18 digits, leading zeros, {@code _}, hex or a suffix; text blocks; {@code null} outside {@code == null}/{@code != null}; a number in text with an exponent</td></tr>
 *   <tr><td>{@code forbidden-assignment}</td><td>error</td><td>any assignment or increment</td></tr>
 *   <tr><td>{@code forbidden-loop}</td><td>error</td><td>{@code while}, {@code do}, {@code for} in a consequence</td></tr>
 *   <tr><td>{@code forbidden-statement}</td><td>error</td><td>{@code if}, {@code try}, {@code throw}, {@code switch}, {@code return}, blocks, local classes, … in a consequence</td></tr>
 *   <tr><td>{@code forbidden-size}</td><td>error</td><td>beyond a bound: file length, rules per file, patterns per rule, constraints per pattern, statements, parts or nesting of an expression, BigDecimal multiplications per rule, text built from a text local</td></tr>
 *   <tr><td>{@code forbidden-construct}</td><td>error</td><td>queries, {@code extends}, conditional and named consequences, unification ({@code :=}), lambdas, method references, {@code this} outside constraints, {@code super}, operators outside the grammar ({@code matches}, …), {@code unit}, code the parser did not fully understand</td></tr>
 *   <tr><td>{@code forbidden-unicode-escape}</td><td>error</td><td>a Java unicode escape anywhere in the file</td></tr>
 *   <tr><td>{@code forbidden-character}</td><td>error</td><td>a control character (but tab and line breaks) or an invisible formatting character (bidirectional, zero-width) anywhere in the file</td></tr>
 *   <tr><td>{@code forbidden-name}</td><td>error</td><td>a rule name that is empty, over 160 characters, or has backslashes, quotes or control characters</td></tr>
 *   <tr><td>{@code style-rule-name}</td><td>warning</td><td>a rule name not of the form {@code "<concern>: <what>"}</td></tr>
 *   <tr><td>{@code style-header}</td><td>warning</td><td>no header comment at the top of the file</td></tr>
 *   <tr><td>{@code style-package-location}</td><td>warning</td><td>no package, or one that does not match the file's folder</td></tr>
 * </table>
 *
 * <p>The codes starting {@code forbidden-} come from the restricted policy only: it accepts a
 * positive, typed grammar (described on {@link DrlPolicy}) and refuses everything else. What the
 * policy guarantees, and what it does not, is described there too.
 *
 * <p>This class is stateless and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DrlChecker {
  private static final Logger LOG = LoggerFactory.getLogger(DrlChecker.class);

  private static final Pattern DROOLS_POSITION = Pattern.compile("^\\s*(\\[ERR \\d+\\]\\s*)?Line (-?\\d+):(-?\\d+)\\s*");
  private static final Pattern ANY_POSITION = Pattern.compile("Line (-?\\d+):(-?\\d+)");
  private static final Pattern IN_RULE = Pattern.compile("\\bin rule \"([^\"]*)\"|\\bin rule ([^\\s\"]+)");

  private DrlChecker() {}

  /**
   * Checks one rule file.
   *
   * @param fileName the name reported in every problem, e.g. {@code earning.drl}; when it contains a
   *     folder ({@code org/acme/loyalty/earning.drl}) the package is also checked against it
   * @param drlText the content of the file
   * @param policy what the file may contain
   * @return every problem found, errors and warnings, in line and column order; empty if none
   */
  public static List<RuleFileProblem> check(String fileName, String drlText, DrlPolicy policy) {
    Checks.present("DrlChecker", "fileName", fileName);
    Checks.present("DrlChecker", "drlText", drlText);
    Checks.present("DrlChecker", "policy", policy);
    // Drools' parser utilities cache case-mapped names: see CaseSafeLocale.
    return CaseSafeLocale.call(() -> checkNow(fileName, drlText, policy));
  }

  private static List<RuleFileProblem> checkNow(String fileName, String drlText, DrlPolicy policy) {
    long started = System.nanoTime();
    DrlText text = new DrlText(drlText);
    DrlReport report = new DrlReport(fileName, text);

    if (policy.isRestricted() && !fileLevel(drlText, report)) {
      return finish(fileName, policy, started, report);
    }
    PackageDescr pkg = parse(text, report);
    if (pkg != null) {
      try {
        new DrlDescrCheck(pkg, text, policy, report, fileName).run();
      } catch (RuntimeException | StackOverflowError e) {
        // Fail closed: a file the checker cannot walk is not a file it can vouch for.
        LOG.debug("checker failed on {}", fileName, e);
        report.errorAt(0, "", "syntax", "File not understood: " + fileName + " [" + e.getClass().getSimpleName()
            + "]; expected DRL the checker can analyse");
      }
    }
    return finish(fileName, policy, started, report);
  }

  private static List<RuleFileProblem> finish(String fileName, DrlPolicy policy, long started, DrlReport report) {
    List<RuleFileProblem> problems = report.sorted();
    LOG.debug("checked {} ({}) in {} µs: {} problems", fileName, policy.isRestricted() ? "restricted" : "trusted",
        (System.nanoTime() - started) / 1_000, problems.size());
    return problems;
  }

  /**
   * What the restricted policy checks on the raw text, before any parser sees it.
   *
   * @return whether the file is small enough to be parsed at all
   */
  private static boolean fileLevel(String drlText, DrlReport report) {
    if (drlText.length() > DrlAllowList.MAX_FILE_CHARS) {
      report.errorAt(0, "", "forbidden-size", "Too large: file of " + drlText.length() + " characters; expected at most "
          + DrlAllowList.MAX_FILE_CHARS + " (split it into several files)");
      return false;
    }
    int escape = DrlText.findUnicodeEscape(drlText);
    if (escape >= 0) {
      report.errorAt(escape, "", "forbidden-unicode-escape", "Forbidden unicode escape: ["
          + drlText.substring(escape, Math.min(drlText.length(), escape + 6)) + "]; expected plain text "
          + "(the Java compiler decodes unicode escapes before anything else, even inside strings and comments; "
          + "write a backslash in a string as \\\\)");
    }
    int invisible = DrlText.findInvisibleCharacter(drlText);
    if (invisible >= 0) {
      report.errorAt(invisible, "", "forbidden-character", "Forbidden character: [U+"
          + String.format(java.util.Locale.ROOT, "%04X", (int) drlText.charAt(invisible)) + " "
          + Character.getName(drlText.charAt(invisible)) + "]; expected visible text, tabs and line breaks only "
          + "(control, zero-width and bidirectional characters make code read differently from what is compiled)");
    }
    return true;
  }

  /**
   * Checks one rule source with the policy its origin calls for: {@linkplain DrlPolicy#trusted()
   * trusted} for files that ship with the library, {@linkplain DrlPolicy#restricted() restricted}
   * for every other file.
   *
   * @param source the rule file
   * @return every problem found, in line and column order
   */
  public static List<RuleFileProblem> check(RuleSource source) {
    Checks.present("DrlChecker", "source", source);
    return check(source.name(), source.content(), source.trusted() ? DrlPolicy.trusted() : DrlPolicy.restricted());
  }

  /**
   * Checks one rule file and fails if it has any error.
   *
   * @param fileName the name reported in every problem
   * @param drlText the content of the file
   * @param policy what the file may contain
   * @return the warnings, in line and column order
   * @throws RuleFileException listing every problem, warnings included, if there is an error
   */
  public static List<RuleFileProblem> requireValid(String fileName, String drlText, DrlPolicy policy) {
    List<RuleFileProblem> problems = check(fileName, drlText, policy);
    if (problems.stream().anyMatch(RuleFileProblem::isError)) {
      throw new RuleFileException(problems);
    }
    return problems;
  }

  // ---- syntax -----------------------------------------------------------------------------------

  private static PackageDescr parse(DrlText text, DrlReport report) {
    // The default language level is the one KnowledgeBuilder uses unless configured otherwise.
    DrlParser parser = new DrlParser();
    PackageDescr pkg = null;
    boolean crashed = false;
    try {
      pkg = parser.parse(null, text.text());
    } catch (Exception | StackOverflowError e) {
      // DroolsParserException and the parser's own bugs: the errors it recorded are reported below.
      crashed = true;
      LOG.debug("DRL parser failed", e);
    }
    List<DroolsError> errors = parser.getErrors();
    for (DroolsError error : errors) {
      syntaxError(error, text, report);
    }
    if (!errors.isEmpty() || crashed) {
      if (errors.isEmpty()) {
        report.add(text.endOfFileLine(), text.endOfFileColumn(), "", "syntax",
            "Syntax error: the DRL parser gave up at end of file; expected valid DRL", RuleFileProblem.Severity.ERROR);
      }
      DrlText.Unterminated open = DrlText.findUnterminated(text.text());
      if (open != null) {
        report.errorAt(open.offset(), "", "syntax", "Syntax error: unterminated " + open.what()
            + " starts here and runs to the end of the file; expected it to be closed");
      }
      return null;
    }
    return pkg;
  }

  private static void syntaxError(DroolsError error, DrlText text, DrlReport report) {
    String raw = error.getMessage() == null ? "" : error.getMessage();
    int line = -1;
    int column = -1;
    if (error instanceof ParserError parserError) {
      line = parserError.getRow();
      column = parserError.getCol();
    } else if (error.getLines() != null && error.getLines().length > 0) {
      line = error.getLines()[0];
    }
    if (line <= 0) {
      Matcher m = ANY_POSITION.matcher(raw);
      if (m.find()) {
        line = Integer.parseInt(m.group(1));
        column = Integer.parseInt(m.group(2));
      }
    }
    String message = clean(raw);
    Matcher inRule = IN_RULE.matcher(message);
    String rule = inRule.find() ? (inRule.group(1) != null ? inRule.group(1) : inRule.group(2)) : "";
    boolean endOfFile = line <= 0 || line > text.lineCount();
    if (endOfFile) {
      // Drools reports "0:-1" (or similar) when the input ended: say so at the real end of the file.
      report.add(text.endOfFileLine(), text.endOfFileColumn(), rule, "syntax",
          "Syntax error: " + message + (message.contains("end of file") ? "" : " at end of file") + "; expected valid DRL", RuleFileProblem.Severity.ERROR);
    } else {
      // Drools' parser columns are 0-based; ours are 1-based.
      report.add(line, Math.max(0, column) + 1, rule, "syntax", "Syntax error: " + message + "; expected valid DRL",
          RuleFileProblem.Severity.ERROR);
    }
  }

  /** Drops the position prefix (reported separately), stack traces and exception class names. */
  private static String clean(String raw) {
    String first = raw.lines().findFirst().orElse("").strip();
    if (first.startsWith("Unexpected exception raised while parsing")) {
      return "the DRL parser could not continue";
    }
    first = DROOLS_POSITION.matcher(first).replaceFirst("");
    int exception = first.indexOf(". Exception:");
    if (exception >= 0) {
      first = first.substring(0, exception);
    }
    first = first.replace("unexpected exception at input", "cannot continue at input")
        .replace("mismatched input '<eof>'", "unexpected end of file")
        .replace("mismatched input ''", "unexpected end of file")
        .replace("at input '<eof>'", "at the end of file");
    if (first.endsWith(".")) {
      first = first.substring(0, first.length() - 1);
    }
    return first.isEmpty() ? "not valid DRL" : first;
  }
}
