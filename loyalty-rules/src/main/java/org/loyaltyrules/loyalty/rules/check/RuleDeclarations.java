package org.loyaltyrules.loyalty.rules.check;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.rules.RuleFileProblem;
import org.loyaltyrules.loyalty.rules.RuleSource;

/**
 * Where the rules of rule files are declared, read from the text with comments blanked out. The
 * compiler and the engine name a rule but not its place; a problem a merchant can act on needs the
 * file, line and column of the declaration (at the name's opening quote, as the checker reports).
 *
 * <p>Not API: used by the files and trial packages.
 */
@API(status = INTERNAL, since = "0.1")
public final class RuleDeclarations {
  private static final Pattern RULE =
      Pattern.compile("(?m)^[ \\t]*rule[ \\t]+(?:\"([^\"\\n]*)\"|([A-Za-z_$][A-Za-z0-9_$]*))");

  private RuleDeclarations() {}

  /**
   * One rule's declaration.
   *
   * <p>Not API: used by {@code rules.trial}.
   *
   * @param source the file
   * @param name the rule's name
   * @param offset where the name starts (its opening quote, if quoted)
   * @param line 1-based
   * @param column 1-based
   */
  @API(status = INTERNAL, since = "0.1")
  public record Declaration(RuleSource source, String name, int offset, int line, int column) {}

  /**
   * @param source a rule file
   * @return its rules' declarations, in the file's order
   */
  static List<Declaration> of(RuleSource source) {
    String text = withoutComments(source.content());
    List<Declaration> declarations = new ArrayList<>();
    Matcher m = RULE.matcher(text);
    while (m.find()) {
      boolean quoted = m.group(1) != null;
      int offset = quoted ? m.start(1) - 1 : m.start(2);
      int[] position = position(text, offset);
      declarations.add(new Declaration(source, quoted ? m.group(1) : m.group(2), offset, position[0], position[1]));
    }
    return declarations;
  }

  /**
   * The declaration of a rule the engine or compiler named. Names are unique across a loaded rule
   * base, but a name given by a file that did not load may be declared twice: the merchant's
   * (untrusted) declaration is preferred, then the last in load order.
   *
   * <p>Not API: used by {@code rules.trial}.
   *
   * @param sources the rule files
   * @param name the rule's name, as written or as recorded on decisions
   * @return its declaration, if some file declares it
   */
  @API(status = INTERNAL, since = "0.1")
  public static Optional<Declaration> find(List<RuleSource> sources, String name) {
    Declaration found = null;
    for (RuleSource source : sources) {
      for (Declaration declaration : of(source)) {
        // Decisions record a merchant rule as "name (file.drl)" (RuleBase.ruleNames); both forms find it.
        boolean named = declaration.name().equals(name)
            || !source.trusted() && name.equals(declaration.name() + " (" + source.name() + ")");
        if (named && (found == null || !source.trusted() || found.source().trusted())) {
          found = declaration;
        }
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * A rule name used in two files. Each is reported once, in the later file, trusted files counted
   * first: so a merchant's file that reuses a bundled rule's name is the one reported, never the
   * bundled file (a rule's name is recorded on every entry it produces, so a merchant rule under a
   * bundled name would be mistaken for the bundled rule). Names used twice in one file are the
   * checker's to report.
   *
   * <p>Not API: used by {@code rules.files}.
   *
   * @param sources the rule files, in load order
   * @return one {@code duplicate-rule} error per later declaration, in file order
   */
  @API(status = INTERNAL, since = "0.1")
  public static List<RuleFileProblem> duplicates(List<RuleSource> sources) {
    List<RuleSource> trustedFirst = new ArrayList<>();
    sources.stream().filter(RuleSource::trusted).forEach(trustedFirst::add);
    sources.stream().filter(s -> !s.trusted()).forEach(trustedFirst::add);
    Map<String, Declaration> first = new HashMap<>();
    List<RuleFileProblem> problems = new ArrayList<>();
    for (RuleSource source : trustedFirst) {
      for (Declaration declaration : of(source)) {
        Declaration earlier = first.putIfAbsent(declaration.name(), declaration);
        if (earlier != null && !earlier.source().name().equals(source.name())) {
          problems.add(duplicate(declaration, earlier));
        }
      }
    }
    return problems;
  }

  private static RuleFileProblem duplicate(Declaration at, Declaration earlier) {
    boolean bundled = earlier.source().trusted();
    return new RuleFileProblem(at.source().name(), at.line(), at.column(), at.name(), "duplicate-rule",
        "Duplicate rule: name [" + at.name() + "] is already used by " + (bundled ? "the bundled file " : "")
            + earlier.source().name() + " line " + earlier.line() + "; expected a name no other rule file uses"
            + (bundled ? " (to change a bundled rule, replace its file with one of the same name)" : ""),
        RuleFileProblem.Severity.ERROR);
  }

  /** @return {line, column}, 1-based, of an offset */
  static int[] position(String text, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new int[] {line, offset - lineStart + 1};
  }

  /**
   * Not API: used by the files and trial packages.
   *
   * @param text a rule file's text
   * @return the text with every comment's characters blanked, line breaks kept, so offsets and
   *     positions are those of the original; string literals are kept whole
   */
  @API(status = INTERNAL, since = "0.1")
  public static String withoutComments(String text) {
    StringBuilder out = new StringBuilder(text);
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '"') {
        i++;
        while (i < n && text.charAt(i) != '"' && text.charAt(i) != '\n') {
          i += text.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
      } else if (c == '/' && i + 1 < n && (text.charAt(i + 1) == '/' || text.charAt(i + 1) == '*')) {
        boolean line = text.charAt(i + 1) == '/';
        int end = line ? text.indexOf('\n', i) : text.indexOf("*/", i + 2);
        end = end < 0 ? n : line ? end : end + 2;
        for (int j = i; j < end; j++) {
          if (text.charAt(j) != '\n') {
            out.setCharAt(j, ' ');
          }
        }
        i = end;
      } else {
        i++;
      }
    }
    return out.toString();
  }
}
