package org.loyaltyrules.loyalty.rules;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AccumulateImportDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalBranchDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EntryPointDeclarationDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.GroupByDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NamedConsequenceDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.PatternSourceDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.ast.descr.EnumDeclarationDescr;
import org.drools.drl.ast.descr.WindowDeclarationDescr;
import org.drools.drl.ast.descr.WindowReferenceDescr;
import org.loyaltyrules.loyalty.rules.DrlCodeCheck.Context;
import org.loyaltyrules.loyalty.rules.DrlCodeCheck.Fragment;

/**
 * Walks the descriptors Drools' DRL parser produced for one file: applies the restricted policy
 * (when asked), checks consequences' syntax, finds duplicate rule names and adds the style
 * warnings.
 */
final class DrlDescrCheck {
  private static final Pattern RULE_NAME_STYLE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*: \\S.*");
  private static final Pattern BINDING = Pattern.compile("^\\s*([\\p{L}_$][\\p{L}\\p{N}_$]*)\\s*:");
  private static final Pattern LITERAL = Pattern.compile(
      "\"(?:[^\"\\\\]|\\\\.)*\"|-?[0-9]+(\\.[0-9]+)?|true|false");
  private static final Pattern WATCH = Pattern.compile(
      "\\s*(!?\\*|!?[\\p{L}_$][\\p{L}\\p{N}_$]*)(\\s*,\\s*(!?\\*|!?[\\p{L}_$][\\p{L}\\p{N}_$]*))*\\s*");
  private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*");
  private static final Pattern EXPRESSION_ATTRIBUTES = Pattern.compile("salience|enabled");

  private final PackageDescr pkg;
  private final DrlText text;
  private final DrlPolicy policy;
  private final DrlReport report;
  private final String fileName;
  private final DrlTypes types;
  private final Set<String> queryNames = new HashSet<>();

  DrlDescrCheck(PackageDescr pkg, DrlText text, DrlPolicy policy, DrlReport report, String fileName) {
    this.pkg = pkg;
    this.text = text;
    this.policy = policy;
    this.report = report;
    this.fileName = fileName;
    this.types = new DrlTypes(policy);
  }

  void run() {
    for (ImportDescr imported : pkg.getImports()) {
      types.addImport(imported.getTarget());
    }
    for (RuleDescr rule : pkg.getRules()) {
      if (rule instanceof QueryDescr) {
        queryNames.add(rule.getName());
      }
    }
    if (policy.isRestricted()) {
      packageLevel();
    }
    Map<String, Integer> firstLine = new HashMap<>();
    for (RuleDescr rule : pkg.getRules()) {
      String name = rule.getName() == null ? "" : rule.getName();
      int start = start(rule);
      Integer earlier = firstLine.putIfAbsent(name, text.lineOf(start));
      if (earlier != null) {
        report.errorAt(nameOffset(rule), name, "duplicate-rule", "Duplicate rule: name [" + name
            + "] was already used on line " + earlier + "; expected unique rule names");
      }
      if (rule.getErrors() != null) {
        for (String error : rule.getErrors()) {
          report.errorAt(start, name, "syntax", "Syntax error: " + error + "; expected valid DRL");
        }
      }
      rule(rule, name);
    }
    style();
  }

  // ---- package level ----------------------------------------------------------------------------

  private void packageLevel() {
    String name = pkg.getName() == null ? "" : pkg.getName();
    if (!name.isEmpty() && forbiddenPackage(name)) {
      report.errorAt(packageNameOffset(), "", "forbidden-package", "Forbidden package: package [" + name
          + "]; expected a package of your own, not a JDK, Drools, KIE or library code package");
    }
    if (pkg.getUnit() != null) {
      report.errorAt(start(pkg.getUnit()), "", "forbidden-construct", "Forbidden construct: unit ["
          + pkg.getUnit().getTarget() + "]; expected plain rules over the library's fact model");
    }
    for (ImportDescr imported : pkg.getImports()) {
      if (!types.importAllowed(imported.getTarget())) {
        report.errorAt(targetOffset(imported), "", "forbidden-import", "Forbidden import: import ["
            + imported.getTarget() + "]; expected a class of " + sorted(policy.factPackages())
            + ", java.math, java.time, java.time.temporal, a java.util collection type or a java.lang value type");
      }
    }
    for (FunctionImportDescr imported : pkg.getFunctionImports()) {
      report.errorAt(targetOffset(imported), "", "forbidden-import", "Forbidden import: import function ["
          + imported.getTarget() + "]; expected no function or static imports");
    }
    for (AccumulateImportDescr imported : pkg.getAccumulateImports()) {
      report.errorAt(targetOffset(imported), "", "forbidden-import", "Forbidden import: import accumulate ["
          + imported.getTarget() + "]; expected Drools' built-in accumulate functions only");
    }
    for (GlobalDescr global : pkg.getGlobals()) {
      boolean collector = DrlPolicy.COLLECTOR_GLOBAL.equals(global.getIdentifier())
          && DrlPolicy.COLLECTOR_TYPE.equals(types.resolve(global.getType()).name());
      if (!collector) {
        report.errorAt(start(global), "", "forbidden-global", "Forbidden global: global [" + global.getType()
            + " " + global.getIdentifier() + "]; expected only [global " + DrlPolicy.COLLECTOR_TYPE + " "
            + DrlPolicy.COLLECTOR_GLOBAL + "]");
      }
    }
    for (FunctionDescr function : pkg.getFunctions()) {
      report.errorAt(start(function), "", "forbidden-function", "Forbidden function: function ["
          + function.getName() + "]; expected no functions (a function body is arbitrary Java)");
    }
    for (TypeDeclarationDescr declared : pkg.getTypeDeclarations()) {
      declaration(declared, "type", declared.getTypeName());
    }
    for (EnumDeclarationDescr declared : pkg.getEnumDeclarations()) {
      declaration(declared, "enum", declared.getTypeName());
    }
    for (WindowDeclarationDescr declared : pkg.getWindowDeclarations()) {
      declaration(declared, "window", declared.getName());
    }
    for (EntryPointDeclarationDescr declared : pkg.getEntryPointDeclarations()) {
      declaration(declared, "entry point", declared.getEntryPointId());
    }
    for (AttributeDescr attribute : pkg.getAttributes()) {
      attribute(attribute, "");
    }
  }

  private boolean forbiddenPackage(String name) {
    for (String prefix : DrlAllowList.PLATFORM_PACKAGE_PREFIXES) {
      if (name.equals(prefix) || name.startsWith(prefix + ".")) {
        return true;
      }
    }
    return DrlAllowList.LIBRARY_CODE_PACKAGES.contains(name) || policy.factPackages().contains(name);
  }

  private void declaration(BaseDescr declared, String kind, String name) {
    report.errorAt(start(declared), "", "forbidden-declare", "Forbidden declaration: declare " + kind + " ["
        + name + "]; expected the library's fact model only (declared types and their initialisers run code)");
  }

  private void attribute(AttributeDescr attribute, String rule) {
    String name = attribute.getName();
    int offset = attributeOffset(attribute);
    if (name.equals("dialect")) {
      if (!"java".equals(attribute.getValue())) {
        report.errorAt(offset, rule, "forbidden-dialect", "Forbidden dialect: dialect [" + attribute.getValue()
            + "]; expected the default java dialect");
      }
      return;
    }
    report.errorAt(offset, rule, "forbidden-attribute", "Forbidden attribute: " + name + " ["
        + DrlCodeCheck.shorten(attribute.getValue()) + "]; expected no " + name
        + " (ordering, grouping and timing come from the engine, not from rule files)");
    if (EXPRESSION_ATTRIBUTES.matcher(name).matches() && attribute.getType() == AttributeDescr.Type.EXPRESSION) {
      String value = attribute.getValue();
      int valueStart = locate(value, start(attribute), text.length());
      new DrlCodeCheck(types, report, rule, Set.of()).checkExpression(
          new Fragment(value, valueStart, offset), Context.ATTRIBUTE);
    }
  }

  // ---- rules ------------------------------------------------------------------------------------

  private void rule(RuleDescr rule, String name) {
    String dialect = rule.getDialect() == null ? "java" : rule.getDialect();
    boolean restricted = policy.isRestricted();
    Set<String> variables = new LinkedHashSet<>();
    for (GlobalDescr global : pkg.getGlobals()) {
      variables.add(global.getIdentifier());
    }
    if (rule instanceof QueryDescr query && query.getParameters() != null) {
      variables.addAll(List.of(query.getParameters()));
    }
    collectBindings(rule.getLhs(), variables);

    if (restricted) {
      if (name.chars().anyMatch(c -> c == '\\' || c == '"' || Character.isISOControl(c))) {
        report.errorAt(nameOffset(rule), name, "forbidden-name", "Forbidden rule name: name ["
            + DrlCodeCheck.shorten(name) + "]; expected no backslashes, quotes or control characters");
      }
      for (AttributeDescr attribute : rule.getAttributes().values()) {
        if (inside(attribute, rule)) {
          attribute(attribute, name);
        }
      }
      for (AnnotationDescr annotation : rule.getAnnotations()) {
        ruleAnnotation(rule, name, annotation);
      }
      if (rule instanceof QueryDescr query && query.getParameterTypes() != null) {
        for (String type : query.getParameterTypes()) {
          if (!isPrimitive(type) && !types.resolve(type).allowed()) {
            report.errorAt(locate(type, start(rule), end(rule), start(rule)), name, "forbidden-type",
                "Forbidden type: query parameter type [" + type + "]; expected fact-model, java.time, "
                    + "java.math or java.util collection types");
          }
        }
      }
      DrlCodeCheck code = new DrlCodeCheck(types, report, name, variables);
      if (rule.getLhs() != null) {
        lhs(rule.getLhs(), rule, name, code);
      }
    }
    consequence(rule, name, "", rule.getConsequence(), dialect, variables);
    for (Map.Entry<String, Object> named : rule.getNamedConsequences().entrySet()) {
      consequence(rule, name, named.getKey(), named.getValue(), dialect, variables);
    }
  }

  private void ruleAnnotation(RuleDescr rule, String name, AnnotationDescr annotation) {
    int offset = locate("@" + annotation.getName(), start(rule), end(rule), nameOffset(rule));
    if (annotation.getName().contains(".") || DrlAllowList.RESERVED_ANNOTATIONS.contains(annotation.getName())) {
      report.errorAt(offset, name, "forbidden-annotation", "Forbidden annotation: @" + annotation.getName()
          + "; expected plain metadata annotations such as @id(\"earning-1\")");
      return;
    }
    for (Map.Entry<String, Object> value : annotation.getValueMap().entrySet()) {
      String written = String.valueOf(value.getValue()).strip();
      if (!LITERAL.matcher(written).matches()) {
        report.errorAt(offset, name, "forbidden-annotation", "Forbidden annotation: @" + annotation.getName()
            + " [" + DrlCodeCheck.shorten(written) + "]; expected literal values such as @id(\"earning-1\") "
            + "(Drools evaluates other values as code while building)");
        return;
      }
    }
  }

  private void lhs(BaseDescr descr, RuleDescr rule, String name, DrlCodeCheck code) {
    if (descr instanceof PatternDescr pattern) {
      pattern(pattern, rule, name, code);
    } else if (descr instanceof EvalDescr eval) {
      String content = String.valueOf(eval.getContent());
      report.errorAt(start(eval, rule), name, "forbidden-eval", "Forbidden eval: eval ["
          + DrlCodeCheck.shorten(content) + "]; expected a pattern constraint instead");
      code.checkExpression(fragment(content, eval, rule), Context.CONDITION);
    } else if (descr instanceof ConditionalBranchDescr branch) {
      conditionalBranch(branch, rule, name, code);
    } else if (descr instanceof NamedConsequenceDescr) {
      // do[name] / break[name]: the named consequence itself is checked with the rule's consequences
    } else if (descr instanceof ForallDescr forall) {
      forall.getDescrs().forEach(d -> lhs(d, rule, name, code));
    } else if (descr instanceof ConditionalElementDescr element) {
      for (Object child : element.getDescrs()) {
        lhs((BaseDescr) child, rule, name, code);
      }
    } else if (descr != null) {
      report.errorAt(start(descr, rule), name, "forbidden-construct", "Forbidden construct: ["
          + descr.getClass().getSimpleName() + "]; expected patterns, not, exists, forall, or, accumulate and from");
    }
  }

  private void conditionalBranch(ConditionalBranchDescr branch, RuleDescr rule, String name, DrlCodeCheck code) {
    EvalDescr condition = branch.getCondition();
    if (condition != null) {
      String content = String.valueOf(condition.getContent());
      int from = branch.getStartCharacter() >= 0 ? branch.getStartCharacter() : start(rule);
      int at = locate(content, from, end(rule));
      code.checkExpression(new Fragment(content, at, from), Context.CONDITION);
    }
    if (branch.getElseBranch() != null) {
      conditionalBranch(branch.getElseBranch(), rule, name, code);
    }
  }

  private void pattern(PatternDescr pattern, RuleDescr rule, String name, DrlCodeCheck code) {
    int patternStart = start(pattern, rule);
    String type = pattern.getObjectType();
    if (type != null && !pattern.isQuery() && !queryNames.contains(type) && !types.resolve(type).allowed()) {
      report.errorAt(locate(type, patternStart, end(pattern, rule), patternStart), name, "forbidden-type",
          "Forbidden type: pattern type [" + type + "]" + (types.resolve(type).kind() == DrlTypes.Kind.UNKNOWN
              ? " is not imported" : " names " + types.resolve(type).name())
              + "; expected fact-model, java.time, java.math or java.util collection types");
    }
    if (pattern.getBehaviors() != null && !pattern.getBehaviors().isEmpty()) {
      report.errorAt(locate("over", patternStart, end(pattern, rule), patternStart), name, "forbidden-window",
          "Forbidden window: [over window:...]; expected no sliding windows (they depend on the session clock)");
    }
    for (AnnotationDescr annotation : pattern.getAnnotations()) {
      int at = locate("@" + annotation.getName(), patternStart, end(pattern, rule), patternStart);
      String value = annotation.getValueMap().size() == 1 && annotation.getSingleValue() != null
          ? String.valueOf(annotation.getSingleValue()) : String.valueOf(annotation.getValueMap());
      if (!annotation.getName().equals("watch") || !WATCH.matcher(value).matches()) {
        report.errorAt(at, name, "forbidden-annotation", "Forbidden annotation: @" + annotation.getName()
            + " [" + DrlCodeCheck.shorten(value) + "] on a pattern; expected only @watch(property, !property, *)");
      }
    }
    for (BaseDescr constraint : pattern.getDescrs()) {
      if (constraint instanceof ExprConstraintDescr expr) {
        Fragment whole = expressionFragment(expr.getExpression(), expr, pattern, rule);
        int unification = whole.code().indexOf(":=");
        if (unification > 0) {
          // The executable model rewrites "$x := prop" into "prop == $x" before parsing, just as
          // naively (the first ":=" anywhere); check the two sides the way it will see them.
          String left = whole.code().substring(0, unification);
          if (!IDENTIFIER.matcher(left.strip()).matches()) {
            code.checkExpression(new Fragment(left, whole.start(), whole.fallback()), Context.CONSTRAINT);
          }
          code.checkExpression(new Fragment(whole.code().substring(unification + 2),
              whole.start() < 0 ? -1 : whole.start() + unification + 2, whole.fallback()), Context.CONSTRAINT);
        } else {
          code.checkExpression(whole, Context.CONSTRAINT);
        }
      } else {
        report.errorAt(start(constraint, rule), name, "forbidden-construct", "Forbidden construct: ["
            + constraint.getClass().getSimpleName() + "] in a pattern; expected constraint expressions");
      }
    }
    PatternSourceDescr source = pattern.getSource();
    if (source != null) {
      source(source, pattern, rule, name, code);
    }
  }

  private void source(PatternSourceDescr source, PatternDescr pattern, RuleDescr rule, String name,
      DrlCodeCheck code) {
    int patternStart = start(pattern, rule);
    if (source instanceof FromDescr from) {
      String expression = from.getExpression() != null ? from.getExpression() : String.valueOf(from.getDataSource());
      int fromWord = locate("from", patternStart, end(pattern, rule), patternStart);
      int at = locate(expression, fromWord, end(pattern, rule));
      code.checkExpression(new Fragment(expression, at, fromWord), Context.SOURCE);
    } else if (source instanceof AccumulateDescr accumulate) {
      accumulate(accumulate, pattern, rule, name, code);
    } else if (source instanceof CollectDescr collect) {
      lhs(collect.getInputPattern(), rule, name, code);
    } else if (source instanceof EntryPointDescr) {
      // from entry-point "name": only chooses where facts come from
    } else if (source instanceof WindowReferenceDescr window) {
      report.errorAt(start(window, pattern), name, "forbidden-window", "Forbidden window: window ["
          + window.getName() + "]; expected no sliding windows (they depend on the session clock)");
    } else {
      report.errorAt(start(source, pattern), name, "forbidden-construct", "Forbidden construct: ["
          + source.getClass().getSimpleName() + "] as a pattern source; expected from, accumulate or collect");
    }
  }

  private void accumulate(AccumulateDescr accumulate, PatternDescr pattern, RuleDescr rule, String name,
      DrlCodeCheck code) {
    int at = start(accumulate, pattern);
    int end = end(accumulate, pattern);
    boolean inline = accumulate.getInitCode() != null || accumulate.getActionCode() != null
        || accumulate.getReverseCode() != null || accumulate.getResultCode() != null;
    if (inline || !accumulate.isExternalFunction() && accumulate.getFunctions().isEmpty()) {
      int initWord = locate("init", at, end, at);
      report.errorAt(initWord, name, "forbidden-accumulate", "Forbidden accumulate: inline code "
          + "[init/action/reverse/result]; expected a built-in function such as sum, count, min, max or collectList");
    }
    if (accumulate.getInput() != null) {
      lhs(accumulate.getInput(), rule, name, code);
    }
    int cursor = at;
    for (AccumulateDescr.AccumulateFunctionCallDescr function : accumulate.getFunctions()) {
      int functionAt = DrlText.findWord(text.text(), function.getFunction(), cursor, Math.max(end, cursor));
      if (functionAt < 0) {
        functionAt = cursor;
      }
      cursor = functionAt;
      if (!DrlAllowList.ACCUMULATE_FUNCTIONS.contains(function.getFunction())) {
        report.errorAt(functionAt, name, "forbidden-accumulate", "Forbidden accumulate: function ["
            + function.getFunction() + "]; expected one of Drools' built-in functions "
            + sorted(DrlAllowList.ACCUMULATE_FUNCTIONS));
      }
      for (String param : function.getParams()) {
        int paramAt = locate(param, cursor, end);
        code.checkExpression(new Fragment(param, paramAt, functionAt), Context.SOURCE);
        if (paramAt >= 0) {
          cursor = paramAt;
        }
      }
    }
    if (accumulate instanceof GroupByDescr groupBy) {
      for (String expression : new String[] {groupBy.getGroupingKey(), groupBy.getGroupingFunction()}) {
        if (expression != null && !expression.isBlank()) {
          code.checkExpression(new Fragment(expression, locate(expression, at, end), at), Context.SOURCE);
        }
      }
    }
  }

  // ---- consequences -----------------------------------------------------------------------------

  private void consequence(RuleDescr rule, String name, String consequenceName, Object body, String dialect,
      Set<String> variables) {
    if (!(body instanceof String code) || code.isBlank()) {
      return;
    }
    int ruleStart = start(rule);
    int from = rule.getLhs() != null && rule.getLhs().getEndCharacter() > ruleStart
        ? rule.getLhs().getEndCharacter() : ruleStart;
    int fallback;
    if (consequenceName.isEmpty()) {
      int then = DrlText.findWord(text.text(), "then", from, end(rule));
      fallback = then >= 0 ? then : text.offsetOf(rule.getConsequenceLine(), 1);
    } else {
      Matcher header = Pattern.compile("then\\s*\\[\\s*" + Pattern.quote(consequenceName) + "\\s*\\]")
          .matcher(text.text());
      fallback = header.find(from) ? header.end() : ruleStart;
    }
    int at = locate(code, fallback, end(rule));
    Fragment fragment = new Fragment(code, at, fallback);
    boolean java = "java".equals(dialect);
    boolean preprocessed = indexOutOfQuotes(code, "modify") >= 0 || code.contains("\"\"\"");
    if (policy.isRestricted()) {
      int modify = indexOutOfQuotes(code, "modify");
      if (modify >= 0) {
        report.errorAt(fragment.absolute(modify), name, "forbidden-call", "Forbidden call: [modify] in a "
            + "consequence; expected only calls on [" + DrlPolicy.COLLECTOR_GLOBAL + "] (facts are read-only; "
            + "any use of the word modify makes Drools rewrite the consequence)");
        return;
      }
      int textBlock = code.indexOf("\"\"\"");
      if (textBlock >= 0) {
        report.errorAt(fragment.absolute(textBlock), name, "forbidden-construct", "Forbidden construct: "
            + "text block in a consequence; expected ordinary string literals");
        return;
      }
      new DrlCodeCheck(types, report, name, variables).checkConsequence(fragment, true, java);
    } else if (java && !preprocessed) {
      new DrlCodeCheck(types, report, name, variables).checkConsequence(fragment, false, true);
    }
  }

  /** Mirrors Drools' own test for the {@code modify} rewrite: the word anywhere outside quotes. */
  private static int indexOutOfQuotes(String code, String word) {
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
        report.warningAt(nameOffset(rule), rule.getName(), "style-rule-name", "Rule name not in house style: "
            + "name [" + rule.getName() + "]; expected \"<concern>: <what it does>\", e.g. \"earning: base rate for gold tier\"");
      }
    }
    packageLocation();
  }

  private void header() {
    String first = text.text().lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
    if (!first.startsWith("//") && !first.startsWith("/*")) {
      int at = text.text().indexOf(first);
      report.warningAt(Math.max(0, at), "", "style-header", "Missing header comment: first line ["
          + DrlCodeCheck.shorten(first) + "]; expected // <concern>: <one sentence of what this file decides>");
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
      report.warningAt(packageNameOffset(), "", "style-package-location", "Package does not match the folder: "
          + "package [" + name + "] in folder [" + folder + "]; expected the folder to end with " + expected);
    }
  }

  // ---- bindings ---------------------------------------------------------------------------------

  private static void collectBindings(BaseDescr descr, Set<String> into) {
    if (descr instanceof PatternDescr pattern) {
      if (pattern.getIdentifier() != null) {
        into.add(pattern.getIdentifier());
      }
      for (BaseDescr constraint : pattern.getDescrs()) {
        if (constraint instanceof ExprConstraintDescr expr) {
          Matcher m = BINDING.matcher(expr.getExpression());
          if (m.find()) {
            into.add(m.group(1));
          }
        }
      }
      if (pattern.getSource() instanceof AccumulateDescr accumulate) {
        for (AccumulateDescr.AccumulateFunctionCallDescr function : accumulate.getFunctions()) {
          if (function.getBind() != null) {
            into.add(function.getBind());
          }
        }
        collectBindings(accumulate.getInput(), into);
      } else if (pattern.getSource() instanceof CollectDescr collect) {
        collectBindings(collect.getInputPattern(), into);
      }
    } else if (descr instanceof ForallDescr forall) {
      forall.getDescrs().forEach(d -> collectBindings(d, into));
    } else if (descr instanceof ConditionalElementDescr element) {
      for (Object child : element.getDescrs()) {
        if (child instanceof BaseDescr d) {
          collectBindings(d, into);
        }
      }
    }
  }

  // ---- positions --------------------------------------------------------------------------------

  private Fragment expressionFragment(String expression, BaseDescr descr, PatternDescr pattern, RuleDescr rule) {
    int start = descr.getStartCharacter();
    if (start >= 0 && text.text().startsWith(expression, start)) {
      return new Fragment(expression, start, start);
    }
    int patternStart = start(pattern, rule);
    return new Fragment(expression, locate(expression, patternStart, end(pattern, rule)), patternStart);
  }

  private Fragment fragment(String code, BaseDescr descr, RuleDescr rule) {
    int from = start(descr, rule);
    return new Fragment(code, locate(code, from, end(rule)), from);
  }

  /** @return the offset of a descriptor, falling back to {@code parent}'s when it has none */
  private int start(BaseDescr descr, BaseDescr parent) {
    int own = start(descr);
    return own >= 0 ? own : start(parent);
  }

  private int start(BaseDescr descr) {
    if (descr.getStartCharacter() >= 0) {
      return descr.getStartCharacter();
    }
    if (descr.getLine() >= 1) {
      return text.offsetOf(descr.getLine(), Math.max(0, descr.getColumn()) + 1);
    }
    return -1;
  }

  private int end(BaseDescr descr, BaseDescr parent) {
    return descr.getEndCharacter() > Math.max(0, descr.getStartCharacter()) ? descr.getEndCharacter() + 1 : end(parent);
  }

  private int end(BaseDescr descr) {
    return descr.getEndCharacter() >= 0 ? Math.min(text.length(), descr.getEndCharacter() + 1) : text.length();
  }

  private boolean inside(BaseDescr attribute, RuleDescr rule) {
    int at = attribute.getStartCharacter();
    return at < 0 || at >= start(rule) && at <= end(rule);
  }

  /** Where an attribute's keyword is: Drools records the position of its value. */
  private int attributeOffset(AttributeDescr attribute) {
    int value = start(attribute);
    int keyword = text.text().lastIndexOf(attribute.getName(), Math.max(0, value));
    return keyword >= 0 && value - keyword < 200 ? keyword : Math.max(0, value);
  }

  private int nameOffset(RuleDescr rule) {
    int start = Math.max(0, start(rule));
    int at = text.text().indexOf(rule.getName() == null ? "" : rule.getName(), start);
    int quoted = at > 0 && text.text().charAt(at - 1) == '"' ? at - 1 : at;
    return quoted >= 0 && quoted < end(rule) ? quoted : start;
  }

  private int packageNameOffset() {
    int start = Math.max(0, start(pkg));
    int at = text.text().indexOf(pkg.getName(), start);
    return at >= 0 ? at : start;
  }

  private int targetOffset(ImportDescr imported) {
    int start = Math.max(0, start(imported));
    return locate(imported.getTarget(), start, end(imported), start);
  }

  private int locate(String needle, int from, int to) {
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

  private int locate(String needle, int from, int to, int fallback) {
    int at = locate(needle, from, to);
    return at >= 0 ? at : fallback;
  }

  private static boolean isPrimitive(String type) {
    return Set.of("int", "long", "short", "byte", "double", "float", "boolean", "char").contains(type.strip());
  }

  private static String sorted(Set<String> names) {
    return names.stream().sorted().toList().toString();
  }
}
