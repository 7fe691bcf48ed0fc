package org.loyaltyrules.loyalty.rules.check;

import com.github.javaparser.JavaToken;
import com.github.javaparser.ParseProblemException;
import com.github.javaparser.Problem;
import com.github.javaparser.Range;
import com.github.javaparser.TokenRange;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.Name;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.stmt.BlockStmt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.model.codegen.execmodel.generator.DrlxParseUtil;
import org.drools.mvel.parser.ast.expr.DrlxExpression;
import org.drools.mvel.parser.ast.expr.FullyQualifiedInlineCastExpr;
import org.drools.mvel.parser.ast.expr.HalfBinaryExpr;
import org.drools.mvel.parser.ast.expr.HalfPointFreeExpr;
import org.drools.mvel.parser.ast.expr.InlineCastExpr;
import org.drools.mvel.parser.ast.expr.ListCreationLiteralExpression;
import org.drools.mvel.parser.ast.expr.ListCreationLiteralExpressionElement;
import org.drools.mvel.parser.ast.expr.MapCreationLiteralExpression;
import org.drools.mvel.parser.ast.expr.MapCreationLiteralExpressionKeyValuePair;
import org.drools.mvel.parser.ast.expr.OOPathChunk;
import org.drools.mvel.parser.ast.expr.OOPathExpr;
import org.drools.mvel.parser.ast.expr.PointFreeExpr;
import org.drools.mvel.parser.printer.PrintUtil;

/**
 * One piece of code of a rule file — a constraint, an accumulate result constraint or a
 * consequence — parsed with the parser the executable model compiles it with, and everything
 * needed to report a problem in it at its place in the file.
 *
 * <p>{@link DrlxParseUtil#parseExpression} (DRL expressions) and {@link DrlxParseUtil#parseBlock}
 * (consequences) are the parsers Drools uses, so the trees checked are the trees Drools turns into
 * Java. The DRL expression parser stops quietly at text it does not understand
 * ({@code total > 1 ; System.exit(1)} parses as {@code total > 1}); every identifier of the text
 * must therefore appear in the tree, or the code is refused ({@link #complete}).
 */
final class DrlFragment {
  /** javaparser's "Found "\"b\"" <STRING_LITERAL>": the offending token's text, Java-escaped. */
  private static final Pattern FOUND = Pattern.compile("Found\\s+\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** Java keywords, and DRL's {@code not} and {@code in} of {@code not in}: never names in a tree. */
  private static final Set<String> JAVA_KEYWORDS = Set.of(
      "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
      "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
      "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native",
      "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
      "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
      "volatile", "while", "true", "false", "null", "var", "yield", "record", "sealed", "permits",
      "non", "not", "in");

  private final String code;
  private final int start;
  private final int fallback;
  private final DrlReport report;
  private final String rule;
  private int prefixLines;
  private int[] codeLineStarts;
  private final Map<String, Integer> anchorsUsed = new HashMap<>();

  /**
   * @param code the code as Drools passes it on
   * @param start the offset of the code's first character in the file, or -1 if not found
   * @param fallback the offset to report at when {@code start} is unknown
   * @param report where problems go
   * @param rule the rule the code belongs to
   */
  DrlFragment(String code, int start, int fallback, DrlReport report, String rule) {
    this.code = code;
    this.start = start;
    this.fallback = fallback;
    this.report = report;
    this.rule = rule;
  }

  String code() {
    return code;
  }

  String rule() {
    return rule;
  }

  /** @return the file offset of an offset in the code */
  int absolute(int codeOffset) {
    return start >= 0 ? start + Math.max(0, Math.min(codeOffset, code.length())) : fallback;
  }

  // ---- parsing ----------------------------------------------------------------------------------

  /** Parses a DRL expression as the executable model does; reports a syntax error and returns empty if it fails. */
  Optional<DrlxExpression> parseExpression() {
    prefixLines = 0;
    try {
      return Optional.of(DrlxParseUtil.parseExpression(code));
    } catch (ParseProblemException e) {
      syntax(e, "expression");
    } catch (RuntimeException | StackOverflowError e) {
      error(0, "syntax", "Expression not understood: expression [" + shorten(code)
          + "]; expected a DRL expression Drools can compile");
    }
    return Optional.empty();
  }

  /**
   * Parses a consequence as the executable model does (a Java block).
   *
   * @param reportSyntax whether a parse failure is reported
   */
  Optional<BlockStmt> parseBlock(boolean reportSyntax) {
    // parseBlock wraps the code in "{\n" ... "}": positions are one line down.
    prefixLines = 1;
    try {
      return Optional.of(DrlxParseUtil.parseBlock(code));
    } catch (ParseProblemException e) {
      if (reportSyntax) {
        syntax(e, "consequence");
      }
    } catch (RuntimeException | StackOverflowError e) {
      if (reportSyntax) {
        error(0, "syntax", "Consequence not understood: consequence [" + shorten(code) + "]; expected Java statements");
      }
    }
    return Optional.empty();
  }

  /**
   * Whether every identifier of the text occurs (as often) in the tree; reports the first that
   * does not. Keywords are not names and are not counted.
   */
  boolean complete(Node root) {
    Map<String, Integer> inTree = new HashMap<>();
    for (Node node : descendants(root)) {
      String identifier = null;
      if (node instanceof SimpleName simple) {
        identifier = simple.getIdentifier();
      } else if (node instanceof Name name) {
        identifier = name.getIdentifier();
      }
      if (identifier != null) {
        for (DrlText.Word word : DrlText.words(identifier)) {
          inTree.merge(word.text(), 1, Integer::sum);
        }
      }
    }
    Map<String, Integer> inText = new HashMap<>();
    for (DrlText.Word word : DrlText.words(code)) {
      if (JAVA_KEYWORDS.contains(word.text())) {
        continue;
      }
      int seen = inText.merge(word.text(), 1, Integer::sum);
      if (seen > inTree.getOrDefault(word.text(), 0)) {
        report.errorAt(absolute(word.offset()), rule, "forbidden-construct",
            "Code not understood: [" + word.text() + "] in [" + shorten(code)
                + "] is not part of what Drools parses; expected plain DRL expression syntax");
        return false;
      }
    }
    return true;
  }

  /** @return the deepest nesting of brackets outside literals and comments, and where it is reached */
  int[] nesting() {
    int depth = 0;
    int max = 0;
    int at = 0;
    String stripped = DrlText.blankLiteralsAndComments(code);
    for (int i = 0; i < stripped.length(); i++) {
      char c = stripped.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
        if (depth > max) {
          max = depth;
          at = i;
        }
      } else if (c == ')' || c == ']' || c == '}') {
        depth = Math.max(0, depth - 1);
      }
    }
    return new int[] {max, at};
  }

  // ---- the tree ---------------------------------------------------------------------------------

  /** Every node under {@code root}, including the children Drools' own nodes do not register. */
  static List<Node> descendants(Node root) {
    List<Node> out = new ArrayList<>();
    Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Node> stack = new ArrayList<>();
    stack.add(root);
    while (!stack.isEmpty()) {
      Node node = stack.remove(stack.size() - 1);
      if (node == null || !seen.add(node)) {
        continue;
      }
      out.add(node);
      stack.addAll(children(node));
    }
    return out;
  }

  private static List<Node> children(Node node) {
    List<Node> out = new ArrayList<>(node.getChildNodes());
    if (node instanceof DrlxExpression d) {
      addIfPresent(out, d.getBind());
      addIfPresent(out, d.getExpr());
    } else if (node instanceof PointFreeExpr p) {
      addIfPresent(out, p.getLeft());
      out.addAll(p.getRight());
      addIfPresent(out, p.getOperator());
      addArgs(out, p.getArg1(), p.getArg2(), p.getArg3(), p.getArg4());
    } else if (node instanceof HalfPointFreeExpr p) {
      out.addAll(p.getRight());
      addIfPresent(out, p.getOperator());
      addArgs(out, p.getArg1(), p.getArg2(), p.getArg3(), p.getArg4());
    } else if (node instanceof FullyQualifiedInlineCastExpr f) {
      addIfPresent(out, f.getScope());
      addIfPresent(out, f.getName());
      if (f.hasArguments()) {
        out.addAll(f.getArguments());
      }
    } else if (node instanceof OOPathExpr o) {
      out.addAll(o.getChunks());
    } else if (node instanceof OOPathChunk c) {
      addIfPresent(out, c.getField());
      addIfPresent(out, c.getInlineCast());
      out.addAll(c.getConditions());
    } else if (node instanceof ListCreationLiteralExpression l) {
      out.addAll(l.getExpressions());
    } else if (node instanceof ListCreationLiteralExpressionElement l) {
      addIfPresent(out, l.getValue());
    } else if (node instanceof MapCreationLiteralExpression m) {
      out.addAll(m.getExpressions());
    } else if (node instanceof MapCreationLiteralExpressionKeyValuePair m) {
      addIfPresent(out, m.getKey());
      addIfPresent(out, m.getValue());
    } else if (node instanceof HalfBinaryExpr h) {
      addIfPresent(out, h.getRight());
    } else if (node instanceof InlineCastExpr c) {
      addIfPresent(out, c.getExpression());
      addIfPresent(out, c.getType());
    }
    return out;
  }

  private static void addIfPresent(List<Node> out, Node node) {
    if (node != null) {
      out.add(node);
    }
  }

  private static void addArgs(List<Node> out, Expression... args) {
    for (Expression arg : args) {
      addIfPresent(out, arg);
    }
  }

  // ---- reporting --------------------------------------------------------------------------------

  void error(int codeOffset, String problemCode, String message) {
    report.errorAt(absolute(codeOffset), rule, problemCode, message);
  }

  void errorAt(Node node, String anchor, String problemCode, String message) {
    report.errorAt(at(node, anchor), rule, problemCode, message);
  }

  private void syntax(ParseProblemException e, String what) {
    List<Problem> problems = e.getProblems();
    String expected = what.equals("consequence") ? "Java statements" : "DRL";
    if (problems.isEmpty()) {
      error(0, "syntax", "Syntax error: " + what + " [" + shorten(code) + "]; expected valid " + expected);
      return;
    }
    for (Problem problem : problems) {
      Optional<Range> range = problem.getLocation().flatMap(location -> foundToken(location, problem.getMessage()));
      int offset = range.map(r -> codeOffset(r.begin.line, r.begin.column)).orElse(0);
      String message = problem.getMessage().lines().findFirst().orElse("").strip();
      report.errorAt(absolute(offset), rule, "syntax", "Syntax error in " + what + ": " + message
          + "; expected valid " + expected);
    }
  }

  /**
   * The token javaparser complains about: its problem ranges run from the last good token to the
   * offending one, and the message names the offending token's text.
   */
  private static Optional<Range> foundToken(TokenRange location, String message) {
    Matcher found = FOUND.matcher(message == null ? "" : message);
    if (found.find()) {
      JavaToken token = location.getBegin();
      for (int guard = 0; token != null && guard < 10_000; guard++) {
        if (token.getText().equals(found.group(1).replaceAll("\\\\(.)", "$1"))) {
          return token.getRange();
        }
        if (token == location.getEnd()) {
          break;
        }
        token = token.getNextToken().orElse(null);
      }
    }
    return location.getEnd().getRange().or(() -> location.getBegin().getRange());
  }

  /**
   * The file offset to report a node at: its own position when the parser recorded one (the
   * consequence parser does, the DRL expression parser does not), else the next unused occurrence
   * of {@code anchor} in the code.
   */
  int at(Node node, String anchor) {
    Optional<Range> range = node == null ? Optional.empty() : node.getRange();
    if (range.isPresent() && range.get().begin.line >= 1) {
      return absolute(codeOffset(range.get().begin.line, range.get().begin.column));
    }
    List<Integer> occurrences = new ArrayList<>();
    if (anchor != null && !anchor.isEmpty()) {
      boolean word = Character.isJavaIdentifierStart(anchor.charAt(0));
      if (word) {
        for (DrlText.Word w : DrlText.words(code)) {
          if (w.text().equals(anchor)) {
            occurrences.add(w.offset());
          }
        }
      } else {
        for (int i = code.indexOf(anchor); i >= 0; i = code.indexOf(anchor, i + 1)) {
          occurrences.add(i);
        }
      }
    }
    if (occurrences.isEmpty()) {
      return absolute(0);
    }
    int used = anchorsUsed.merge(anchor, 1, Integer::sum) - 1;
    return absolute(occurrences.get(Math.min(used, occurrences.size() - 1)));
  }

  /** Converts a 1-based line and column of the parsed text into an offset in the code. */
  private int codeOffset(int line, int column) {
    if (codeLineStarts == null) {
      List<Integer> starts = new ArrayList<>();
      starts.add(0);
      for (int i = 0; i < code.length(); i++) {
        if (code.charAt(i) == '\n') {
          starts.add(i + 1);
        }
      }
      codeLineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }
    int codeLine = line - prefixLines;
    if (codeLine < 1) {
      return 0;
    }
    if (codeLine > codeLineStarts.length) {
      return code.length();
    }
    return codeLineStarts[codeLine - 1] + Math.max(0, column - 1);
  }

  /** @return the first identifier or keyword of a node's text */
  static String firstWord(Node node) {
    List<DrlText.Word> words = DrlText.words(safeText(node));
    return words.isEmpty() ? "" : words.get(0).text();
  }

  /** Prints a node; Drools' own nodes need Drools' printer, javaparser's default one fails on them. */
  static String safeText(Node node) {
    try {
      return PrintUtil.printNode(node);
    } catch (RuntimeException | StackOverflowError e) {
      return node.getClass().getSimpleName();
    }
  }

  static String shorten(String code) {
    String flat = code.strip().replaceAll("\\s+", " ");
    return flat.length() <= 60 ? flat : flat.substring(0, 57) + "...";
  }
}
