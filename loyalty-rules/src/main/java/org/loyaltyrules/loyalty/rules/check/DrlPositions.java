package org.loyaltyrules.loyalty.rules.check;

import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * Where the descriptors of Drools' DRL parser sit in the file's text. The parser records a start
 * offset for most descriptors, a line and column for some, and nothing for a few; these helpers
 * fall back to the enclosing descriptor, and look words up in the text between known offsets.
 */
final class DrlPositions {
  private final DrlText text;

  DrlPositions(DrlText text) {
    this.text = text;
  }

  /** @return the offset of a descriptor, falling back to {@code parent}'s when it has none */
  int start(BaseDescr descr, BaseDescr parent) {
    int own = start(descr);
    return own >= 0 ? own : start(parent);
  }

  int start(BaseDescr descr) {
    if (descr == null) {
      return -1;
    }
    if (descr.getStartCharacter() >= 0) {
      return descr.getStartCharacter();
    }
    if (descr.getLine() >= 1) {
      return text.offsetOf(descr.getLine(), Math.max(0, descr.getColumn()) + 1);
    }
    return -1;
  }

  int end(BaseDescr descr, BaseDescr parent) {
    return descr.getEndCharacter() > Math.max(0, descr.getStartCharacter()) ? descr.getEndCharacter() + 1 : end(parent);
  }

  int end(BaseDescr descr) {
    return descr.getEndCharacter() >= 0 ? Math.min(text.length(), descr.getEndCharacter() + 1) : text.length();
  }

  boolean inside(BaseDescr attribute, RuleDescr rule) {
    int at = attribute.getStartCharacter();
    return at < 0 || at >= start(rule) && at <= end(rule);
  }

  /** Where an attribute's keyword is: Drools records the position of its value. */
  int attributeOffset(AttributeDescr attribute) {
    int value = start(attribute);
    int keyword = text.text().lastIndexOf(attribute.getName(), Math.max(0, value));
    return keyword >= 0 && value - keyword < 200 ? keyword : Math.max(0, value);
  }

  int nameOffset(RuleDescr rule) {
    int start = Math.max(0, start(rule));
    int at = text.text().indexOf(rule.getName() == null ? "" : rule.getName(), start);
    int quoted = at > 0 && text.text().charAt(at - 1) == '"' ? at - 1 : at;
    return quoted >= 0 && quoted < end(rule) ? quoted : start;
  }

  int packageNameOffset(PackageDescr pkg) {
    int start = Math.max(0, start(pkg));
    int at = pkg.getName() == null ? -1 : text.text().indexOf(pkg.getName(), start);
    return at >= 0 ? at : start;
  }

  int targetOffset(ImportDescr imported) {
    int start = Math.max(0, start(imported));
    return locate(imported.getTarget(), start, end(imported), start);
  }

  /** @return the offset of a constraint's text in the file, or -1 */
  int constraintOffset(ExprConstraintDescr constraint, PatternDescr pattern, RuleDescr rule) {
    int start = constraint.getStartCharacter();
    String expression = constraint.getExpression();
    if (start >= 0 && text.text().startsWith(expression, start)) {
      return start;
    }
    int patternStart = start(pattern, rule);
    return locate(expression, patternStart, end(pattern, rule));
  }

  /** @return the offset of {@code needle} at or after {@code from} and starting before {@code to}, or -1 */
  int locate(String needle, int from, int to) {
    if (needle == null || needle.isEmpty() || from < 0) {
      return -1;
    }
    int limit = Math.min(text.length(), Math.max(to, from + 1) + needle.length());
    if (from >= limit) {
      return -1;
    }
    int at = text.text().substring(from, limit).indexOf(needle);
    return at >= 0 && from + at < Math.max(to, from + 1) ? from + at : -1;
  }

  int locate(String needle, int from, int to, int fallback) {
    int at = locate(needle, from, to);
    return at >= 0 ? at : fallback;
  }

  /** @return the offset of a whole word outside comments and literals, or {@code fallback} */
  int word(String word, int from, int to, int fallback) {
    int at = DrlText.findWord(text.text(), word, Math.max(0, from), Math.max(from, to));
    return at >= 0 ? at : fallback;
  }
}
