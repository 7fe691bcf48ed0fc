package org.loyaltyrules.loyalty.rules.check;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * Walks the descriptors Drools' DRL parser produced for one file: finds duplicate rule names,
 * reports the parser's per-rule errors, applies the restricted grammar ({@link DrlGrammar}) when
 * asked, checks consequences' Java syntax for trusted files, and adds the style warnings.
 */
final class DrlDescrCheck {
  private static final Pattern RULE_NAME_STYLE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*: \\S.*");

  private final PackageDescr pkg;
  private final DrlText text;
  private final DrlPolicy policy;
  private final DrlReport report;
  private final String fileName;
  private final DrlPositions at;

  DrlDescrCheck(PackageDescr pkg, DrlText text, DrlPolicy policy, DrlReport report, String fileName) {
    this.pkg = pkg;
    this.text = text;
    this.policy = policy;
    this.report = report;
    this.fileName = fileName;
    this.at = new DrlPositions(text);
  }

  void run() {
    Map<String, Integer> firstLine = new HashMap<>();
    for (RuleDescr rule : pkg.getRules()) {
      String name = rule.getName() == null ? "" : rule.getName();
      int start = at.start(rule);
      Integer earlier = firstLine.putIfAbsent(name, text.lineOf(start));
      if (earlier != null) {
        report.errorAt(at.nameOffset(rule), name, "duplicate-rule", "Duplicate rule: name [" + name
            + "] was already used on line " + earlier + "; expected unique rule names");
      }
      if (rule.getErrors() != null) {
        for (String error : rule.getErrors()) {
          report.errorAt(start, name, "syntax", "Syntax error: " + error + "; expected valid DRL");
        }
      }
      if (!policy.isRestricted()) {
        trustedConsequences(rule, name);
      }
    }
    if (policy.isRestricted()) {
      new DrlGrammar(pkg, text, policy, report).run();
    }
    style();
  }

  // ---- trusted files: consequences' syntax only ---------------------------------------------------

  private void trustedConsequences(RuleDescr rule, String name) {
    String dialect = rule.getDialect() == null ? "java" : rule.getDialect();
    if (!"java".equals(dialect)) {
      return;
    }
    trustedConsequence(rule, name, "", rule.getConsequence());
    for (Map.Entry<String, Object> named : rule.getNamedConsequences().entrySet()) {
      trustedConsequence(rule, name, named.getKey(), named.getValue());
    }
  }

  private void trustedConsequence(RuleDescr rule, String name, String consequenceName, Object body) {
    if (!(body instanceof String code) || code.isBlank()) {
      return;
    }
    // Drools rewrites these before parsing (modify blocks, text blocks): their syntax is its own.
    if (indexOutOfQuotes(code, "modify") >= 0 || code.contains("\"\"\"")) {
      return;
    }
    int ruleStart = at.start(rule);
    int from = rule.getLhs() != null && rule.getLhs().getEndCharacter() > ruleStart
        ? rule.getLhs().getEndCharacter() : ruleStart;
    int fallback;
    if (consequenceName.isEmpty()) {
      int then = DrlText.findWord(text.text(), "then", Math.max(0, from), at.end(rule));
      fallback = then >= 0 ? then : text.offsetOf(rule.getConsequenceLine(), 1);
    } else {
      Matcher header = Pattern.compile("then\\s*\\[\\s*" + Pattern.quote(consequenceName) + "\\s*\\]")
          .matcher(text.text());
      fallback = header.find(Math.max(0, from)) ? header.end() : Math.max(0, ruleStart);
    }
    int offset = at.locate(code, fallback, at.end(rule));
    new DrlFragment(code, offset, fallback, report, name).parseBlock(true);
  }

  /** Mirrors Drools' own test for the {@code modify} rewrite: the word anywhere outside quotes. */
  static int indexOutOfQuotes(String code, String word) {
    boolean inQuotes = false;
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '"' && (i == 0 || code.charAt(i - 1) != '\\')) {
        inQuotes = !inQuotes;
      } else if (!inQuotes && code.startsWith(word, i)) {
        return i;
      }
    }
    return -1;
  }

  // ---- style ------------------------------------------------------------------------------------

  private void style() {
    header();
    for (RuleDescr rule : pkg.getRules()) {
      if (rule instanceof QueryDescr || rule.getName() == null) {
        continue;
      }
      if (!RULE_NAME_STYLE.matcher(rule.getName()).matches()) {
        report.warningAt(at.nameOffset(rule), rule.getName(), "style-rule-name", "Rule name not in house style: "
            + "name [" + DrlFragment.shorten(rule.getName()) + "]; expected \"<concern>: <what it does>\", e.g. "
            + "\"earning: base rate for gold tier\"");
      }
    }
    packageLocation();
  }

  private void header() {
    String first = text.text().lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
    if (!first.startsWith("//") && !first.startsWith("/*")) {
      int offset = text.text().indexOf(first);
      report.warningAt(Math.max(0, offset), "", "style-header", "Missing header comment: first line ["
          + DrlFragment.shorten(first) + "]; expected // <concern>: <one sentence of what this file decides>");
    }
  }

  private void packageLocation() {
    String name = pkg.getName() == null ? "" : pkg.getName();
    String normalised = fileName.replace('\\', '/');
    int slash = normalised.lastIndexOf('/');
    if (name.isEmpty()) {
      report.warningAt(0, "", "style-package-location", "Missing package: package [] in " + fileName
          + "; expected a package declaration matching the file's folder");
      return;
    }
    if (slash < 0) {
      return;
    }
    String folder = normalised.substring(0, slash);
    String expected = name.replace('.', '/');
    if (!folder.equals(expected) && !folder.endsWith("/" + expected)) {
      report.warningAt(at.packageNameOffset(pkg), "", "style-package-location", "Package does not match the folder: "
          + "package [" + name + "] in folder [" + folder + "]; expected the folder to end with " + expected);
    }
  }
}
