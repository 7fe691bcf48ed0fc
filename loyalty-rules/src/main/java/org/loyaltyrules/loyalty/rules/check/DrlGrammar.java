package org.loyaltyrules.loyalty.rules.check;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalBranchDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.GroupByDescr;
import org.drools.drl.ast.descr.NamedConsequenceDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.loyaltyrules.loyalty.rules.facts.LineFact;

/**
 * The restricted grammar at the level of the file's structure, over the descriptors of Drools'
 * DRL parser: what may stand at package level, what a rule may be made of, which patterns and
 * accumulates are allowed and how many (an accumulate's form is checked by {@link DrlAccumulate}),
 * and where each piece of code goes to be typed by {@link DrlCodeCheck}. Whatever is not one of
 * these shapes is refused with the code naming it.
 *
 * <pre>
 * file        = package? import* global? rule*           (at most MAX_RULES rules)
 * import      = import FactType | import fact.package.* | import java.math.BigDecimal | …
 * global      = global org.loyaltyrules.loyalty.rules.facts.Decisions decisions
 * rule        = rule "name" annotation* (dialect "java")? when condition* then statement* end
 * annotation  = @name(literal) | @name(key = literal, …)
 * condition   = pattern | not condition | exists condition | forall(pattern+) | (condition or condition)
 *             | accumulate(pattern ; $x : count() | sum($b) | min($b) | max($b), … [; constraint, …])
 * pattern     = ($x :)? FactType( constraint, … )        (no from, no entry point, no window)
 * </pre>
 */
final class DrlGrammar {
  private static final Pattern ANNOTATION_NAME = Pattern.compile("[a-z][A-Za-z0-9_]{0,39}");
  private static final Pattern ANNOTATION_LITERAL = Pattern.compile(
      "\"[^\"\\\\\\p{Cntrl}]{0,200}\"|-?(0|[1-9][0-9]{0,17})|true|false");

  private final PackageDescr pkg;
  private final DrlText text;
  private final DrlPolicy policy;
  private final DrlReport report;
  private final DrlPositions at;
  private final DrlTypes types;
  private final DrlPackageLevel packageLevel;

  // per rule
  private DrlCodeCheck code;
  private DrlAccumulate accumulates;
  private String rule;
  private int patterns;
  private int multiInstance;
  private int linePatterns;

  DrlGrammar(PackageDescr pkg, DrlText text, DrlPolicy policy, DrlReport report) {
    this.pkg = pkg;
    this.text = text;
    this.policy = policy;
    this.report = report;
    this.at = new DrlPositions(text);
    this.types = new DrlTypes(policy, pkg.getName() == null ? "" : pkg.getName());
    this.packageLevel = new DrlPackageLevel(pkg, policy, report, at, types);
  }

  void run() {
    packageLevel.check();
    int count = 0;
    for (RuleDescr r : pkg.getRules()) {
      count++;
      String name = r.getName() == null ? "" : r.getName();
      if (count == DrlAllowList.MAX_RULES + 1) {
        report.errorAt(at.nameOffset(r), name, "forbidden-size", "Too large: more than " + DrlAllowList.MAX_RULES
            + " rules in one file; expected at most " + DrlAllowList.MAX_RULES + " (split the file)");
      }
      rule(r, name);
    }
  }

  // ---- rules ------------------------------------------------------------------------------------

  private void rule(RuleDescr r, String name) {
    this.rule = name;
    this.patterns = 0;
    this.multiInstance = 0;
    this.linePatterns = 0;
    this.code = new DrlCodeCheck(types, name);
    this.accumulates = new DrlAccumulate(this, text, report, at, code, name);
    ruleName(r, name);
    if (r instanceof QueryDescr) {
      report.errorAt(at.start(r), name, "forbidden-construct", "Forbidden construct: query [" + name
          + "]; expected rules only (queries are for host code, not rule files)");
      return;
    }
    if (r.getParentName() != null) {
      report.errorAt(at.word("extends", at.start(r), at.end(r), at.nameOffset(r)), name, "forbidden-construct",
          "Forbidden construct: rule [" + name + "] extends [" + r.getParentName() + "]; expected each rule to state "
              + "its own conditions");
    }
    for (AttributeDescr attribute : r.getAttributes().values()) {
      if (at.inside(attribute, r)) {
        packageLevel.attribute(attribute, name);
      }
    }
    for (AnnotationDescr annotation : r.getAnnotations()) {
      annotation(r, annotation);
    }
    if (r.getLhs() != null) {
      lhs(r.getLhs(), r);
    }
    consequence(r);
  }

  private void ruleName(RuleDescr r, String name) {
    String problem = null;
    if (name.isBlank()) {
      problem = "is empty";
    } else if (name.length() > DrlAllowList.MAX_RULE_NAME) {
      problem = "has " + name.length() + " characters, more than " + DrlAllowList.MAX_RULE_NAME;
    } else if (name.chars().anyMatch(c -> c == '\\' || c == '"' || Character.isISOControl(c)
        || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.LINE_SEPARATOR
        || Character.getType(c) == Character.PARAGRAPH_SEPARATOR)) {
      problem = "has backslashes, quotes or control characters";
    } else if (name.contains("*/") || name.contains("/*")) {
      // Drools writes the name into a Javadoc comment above the rule's generated method: "*/" ends it,
      // and what follows is compiled as class members (a static initializer runs at load).
      problem = "has a comment marker (/* or */), which ends the comment Drools writes the name into";
    }
    if (problem != null) {
      report.errorAt(at.nameOffset(r), name, "forbidden-name", "Forbidden rule name: name [" + DrlFragment.shorten(name)
          + "] " + problem + "; expected a plain name of at most " + DrlAllowList.MAX_RULE_NAME
          + " characters without backslashes, quotes, control characters or comment markers");
    }
  }

  private void annotation(RuleDescr r, AnnotationDescr annotation) {
    int offset = at.locate("@" + annotation.getName(), at.start(r), at.end(r), at.nameOffset(r));
    if (!ANNOTATION_NAME.matcher(annotation.getName()).matches()
        || DrlAllowList.RESERVED_ANNOTATIONS.contains(annotation.getName())) {
      report.errorAt(offset, rule, "forbidden-annotation", "Forbidden annotation: @" + DrlFragment.shorten(annotation.getName())
          + "; expected metadata annotations with a lower-case name, such as @id(\"earning-1\"), not one Drools gives a "
          + "meaning to");
      return;
    }
    for (Map.Entry<String, Object> value : annotation.getValueMap().entrySet()) {
      Object raw = value.getValue();
      String written = (raw instanceof Object[] array ? java.util.Arrays.deepToString(array) : String.valueOf(raw)).strip();
      if (!ANNOTATION_NAME.matcher(value.getKey()).matches() || !ANNOTATION_LITERAL.matcher(written).matches()) {
        report.errorAt(offset, rule, "forbidden-annotation", "Forbidden annotation: @" + annotation.getName() + " ["
            + DrlFragment.shorten(written) + "]; expected literal values such as @id(\"earning-1\"): a text of at most "
            + "200 characters without quotes or backslashes, a whole number or true/false (Drools evaluates other values "
            + "as code while building)");
        return;
      }
    }
  }

  // ---- conditions -------------------------------------------------------------------------------

  private void lhs(BaseDescr descr, RuleDescr r) {
    if (descr instanceof PatternDescr pattern) {
      pattern(pattern, r);
    } else if (descr instanceof AndDescr and) {
      for (BaseDescr child : and.getDescrs()) {
        lhs(child, r);
      }
    } else if (descr instanceof OrDescr || descr instanceof NotDescr || descr instanceof ExistsDescr) {
      // Bindings made inside stay inside: each branch of an or, and what not/exists test.
      for (Object child : ((org.drools.drl.ast.descr.ConditionalElementDescr) descr).getDescrs()) {
        code.enterScope();
        lhs((BaseDescr) child, r);
        code.exitScope();
      }
    } else if (descr instanceof ForallDescr forall) {
      code.enterScope();
      for (BaseDescr child : forall.getDescrs()) {
        lhs(child, r);
      }
      code.exitScope();
    } else if (descr instanceof EvalDescr eval) {
      report.errorAt(at.start(eval, r), rule, "forbidden-eval", "Forbidden eval: eval ["
          + DrlFragment.shorten(String.valueOf(eval.getContent())) + "]; expected the condition as a pattern constraint");
    } else if (descr instanceof ConditionalBranchDescr || descr instanceof NamedConsequenceDescr) {
      int offset = at.word(descr instanceof ConditionalBranchDescr ? "if" : "do", at.start(descr, r), at.end(r), at.start(r));
      report.errorAt(offset, rule, "forbidden-construct", "Forbidden construct: conditional consequence (if ... do[...], "
          + "break[...]); expected one then block per rule (write one rule per case)");
    } else if (descr != null) {
      report.errorAt(at.start(descr, r), rule, "forbidden-construct", "Forbidden construct: ["
          + descr.getClass().getSimpleName().replace("Descr", "") + "]; expected patterns over facts, not, exists, "
          + "forall, or and accumulate");
    }
  }

  void pattern(PatternDescr pattern, RuleDescr r) {
    if (!checkedPattern(pattern, r)) {
      code.declareRefused(pattern.getIdentifier());
    }
  }

  /** @return whether the pattern was of an allowed shape (its binding then declared) */
  private boolean checkedPattern(PatternDescr pattern, RuleDescr r) {
    int start = at.start(pattern, r);
    int end = at.end(pattern, r);
    patterns++;
    if (patterns == DrlAllowList.MAX_PATTERNS + 1) {
      report.errorAt(start, rule, "forbidden-size", "Too large: more than " + DrlAllowList.MAX_PATTERNS
          + " patterns in one rule; expected at most " + DrlAllowList.MAX_PATTERNS);
    }
    for (AnnotationDescr annotation : pattern.getAnnotations()) {
      report.errorAt(at.locate("@" + annotation.getName(), start, end, start), rule, "forbidden-annotation",
          "Forbidden annotation: @" + DrlFragment.shorten(annotation.getName()) + " on a pattern; expected no pattern "
              + "annotations (facts are read-only)");
    }
    if (pattern.getBehaviors() != null && !pattern.getBehaviors().isEmpty()) {
      report.errorAt(at.word("over", start, end, start), rule, "forbidden-window",
          "Forbidden window: [over window:...]; expected no sliding windows (they depend on the session clock)");
      return false;
    }
    if (pattern.isQuery()) {
      report.errorAt(start, rule, "forbidden-construct", "Forbidden construct: query call [" + pattern.getObjectType()
          + "]; expected patterns over facts");
      return false;
    }
    if (pattern.getSource() instanceof GroupByDescr) {
      report.errorAt(start, rule, "forbidden-accumulate", "Forbidden accumulate: [groupby]; expected accumulate( Fact(...) "
          + "; $n : count(), $s : sum($b) ; $n > 1 ) (write one rule per group)");
      return false;
    }
    if (pattern.getSource() instanceof AccumulateDescr accumulate && accumulates.isAccumulateForm(pattern, start)) {
      accumulates.accumulate(pattern, accumulate, r);
      return true;
    }
    if (pattern.getSource() instanceof AccumulateDescr) {
      report.errorAt(at.word("from", start, end, start), rule, "forbidden-accumulate", "Forbidden accumulate: [from "
          + "accumulate(...)]; expected accumulate( Fact(...) ; $n : count(), $s : sum($b) ; $n > 1 )");
      return false;
    }
    if (pattern.getSource() != null) {
      report.errorAt(at.word("from", start, end, start), rule, "forbidden-from", "Forbidden source: [from "
          + DrlFragment.shorten(sourceText(pattern, start, end)) + "]; expected patterns over the facts the engine "
          + "inserted, with no from (no entry points, collections, collect or windows)");
      return false;
    }
    String typeName = pattern.getObjectType() == null ? "" : pattern.getObjectType();
    int typeOffset = at.locate(typeName, start, end, start);
    if (typeName.isBlank()) {
      report.errorAt(start, rule, "forbidden-type", "Forbidden type: a pattern without a fact type (an OOPath such as "
          + "/skus); expected a fact type of " + types.sortedFactPackages() + ", imported");
      return false;
    }
    DrlTypes.Resolution resolved = types.resolveTypeName(typeName);
    if (!resolved.resolved() || resolved.kind() != DrlTypes.Kind.FACT) {
      report.errorAt(typeOffset, rule, "forbidden-type", "Forbidden type: pattern type [" + DrlFragment.shorten(typeName)
          + "] " + (resolved.resolved() ? "is not a fact type" : resolved.problem()) + "; expected a fact type of "
          + types.sortedFactPackages() + ", imported");
      return false;
    }
    Class<?> fact = resolved.type();
    if (DrlFactModel.isMultiInstance(fact)) {
      multiInstance++;
      if (fact == LineFact.class) {
        linePatterns++;
      }
      if (multiInstance > DrlAllowList.MAX_MULTI_INSTANCE_PATTERNS || linePatterns > DrlAllowList.MAX_LINE_PATTERNS) {
        report.errorAt(typeOffset, rule, "forbidden-join", "Forbidden join: pattern [" + typeName + "] is the rule's "
            + (linePatterns > DrlAllowList.MAX_LINE_PATTERNS ? "second over LineFact" : ordinal(multiInstance)
                + " over facts with many instances") + "; expected at most " + DrlAllowList.MAX_MULTI_INSTANCE_PATTERNS
            + " patterns over LineFact, CampaignFact, TierFact, UplineFact and host facts per rule, one of them over "
            + "LineFact (not/exists included; use accumulate to count lines)");
      }
    }
    if (pattern.isUnification()) {
      report.errorAt(start, rule, "forbidden-construct", "Forbidden construct: [:=] unification; expected $x : Fact(...)");
    }
    constraints(pattern, r, DrlType.fact(fact));
    if (pattern.getIdentifier() != null) {
      code.declareBinding(pattern.getIdentifier(), DrlType.fact(fact), at.locate(pattern.getIdentifier(), start, end, start),
          report);
    }
    return true;
  }

  private static String ordinal(int n) {
    return switch (n) {
      case 1 -> "first";
      case 2 -> "second";
      case 3 -> "third";
      default -> n + "th";
    };
  }

  private String sourceText(PatternDescr pattern, int start, int end) {
    int from = at.word("from", start, end, -1);
    return from < 0 ? pattern.getSource().getClass().getSimpleName() : text.text().substring(from + 4, Math.max(from + 4, end)).strip();
  }

  void constraints(PatternDescr pattern, RuleDescr r, DrlType fact) {
    List<? extends BaseDescr> constraints = pattern.getDescrs();
    int start = at.start(pattern, r);
    int index = 0;
    for (BaseDescr constraint : constraints) {
      index++;
      if (index == DrlAllowList.MAX_CONSTRAINTS + 1) {
        report.errorAt(at.start(constraint, pattern), rule, "forbidden-size", "Too large: more than "
            + DrlAllowList.MAX_CONSTRAINTS + " constraints in one pattern; expected at most " + DrlAllowList.MAX_CONSTRAINTS);
        return;
      }
      if (!(constraint instanceof ExprConstraintDescr expr)) {
        report.errorAt(at.start(constraint, pattern), rule, "forbidden-construct", "Forbidden construct: ["
            + constraint.getClass().getSimpleName().replace("Descr", "") + "] in a pattern; expected constraints");
        continue;
      }
      int offset = at.constraintOffset(expr, pattern, r);
      DrlFragment fragment = new DrlFragment(expr.getExpression(), offset, offset >= 0 ? offset : start, report, rule);
      if (expr.getType() == ExprConstraintDescr.Type.POSITIONAL) {
        fragment.error(0, "forbidden-construct", "Forbidden construct: positional constraint [" + DrlFragment.shorten(
            expr.getExpression()) + "]; expected named constraints such as sku == \"A-1\"");
        continue;
      }
      int unification = DrlText.blankLiteralsAndComments(expr.getExpression()).indexOf(":=");
      if (unification >= 0) {
        code.declareRefused(expr.getExpression().substring(0, unification).strip());
        fragment.error(unification, "forbidden-construct", "Forbidden construct: [:=] unification in ["
            + DrlFragment.shorten(expr.getExpression()) + "]; expected a binding, $x : property, and comparisons with it");
        continue;
      }
      code.constraint(fragment, fact, report);
    }
  }

  // ---- consequences -----------------------------------------------------------------------------

  private void consequence(RuleDescr r) {
    for (String named : r.getNamedConsequences().keySet()) {
      Matcher header = Pattern.compile("then\\s*\\[\\s*" + Pattern.quote(named) + "\\s*\\]").matcher(text.text());
      int offset = header.find(Math.max(0, at.start(r))) ? header.start() : at.start(r);
      report.errorAt(offset, rule, "forbidden-construct", "Forbidden construct: named consequence [then[" + named
          + "]]; expected one then block per rule (write one rule per case)");
    }
    if (!(r.getConsequence() instanceof String body) || body.isBlank()) {
      return;
    }
    int ruleStart = at.start(r);
    int from = r.getLhs() != null && r.getLhs().getEndCharacter() > ruleStart ? r.getLhs().getEndCharacter() : ruleStart;
    int then = DrlText.findWord(text.text(), "then", Math.max(0, from), at.end(r));
    int fallback = then >= 0 ? then : text.offsetOf(r.getConsequenceLine(), 1);
    int offset = at.locate(body, fallback, at.end(r));
    DrlFragment fragment = new DrlFragment(body, offset, fallback, report, rule);
    int modify = DrlDescrCheck.indexOutOfQuotes(body, "modify");
    if (modify >= 0) {
      fragment.error(modify, "forbidden-call", "Forbidden call: [modify] in a consequence; expected only calls on ["
          + DrlPolicy.COLLECTOR_GLOBAL + "] (facts are read-only; any use of the word modify makes Drools rewrite the "
          + "consequence)");
      return;
    }
    int textBlock = body.indexOf("\"\"\"");
    if (textBlock >= 0) {
      fragment.error(textBlock, "forbidden-literal", "Forbidden literal: text block in a consequence; expected ordinary "
          + "string literals");
      return;
    }
    code.consequence(fragment);
  }

  static String sorted(Set<String> names) {
    return names.stream().sorted().toList().toString();
  }
}
