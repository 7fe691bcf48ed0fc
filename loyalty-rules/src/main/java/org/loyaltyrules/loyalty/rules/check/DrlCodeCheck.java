package org.loyaltyrules.loyalty.rules.check;

import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.VarType;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.drools.mvel.parser.ast.expr.BigDecimalLiteralExpr;
import org.drools.mvel.parser.ast.expr.BigIntegerLiteralExpr;
import org.drools.mvel.parser.ast.expr.DrlNameExpr;
import org.drools.mvel.parser.ast.expr.DrlxExpression;
import org.drools.mvel.parser.ast.expr.FullyQualifiedInlineCastExpr;
import org.drools.mvel.parser.ast.expr.HalfBinaryExpr;
import org.drools.mvel.parser.ast.expr.HalfPointFreeExpr;
import org.drools.mvel.parser.ast.expr.InlineCastExpr;
import org.drools.mvel.parser.ast.expr.PointFreeExpr;
import org.drools.mvel.parser.ast.expr.TemporalLiteralExpr;

// Longer than 400 lines because it is one recursive type checker of the expression grammar: its cases
// (names, calls, operators, literals) call each other and share one rule's scopes, bounds and report.
/**
 * The typed part of the restricted grammar: every constraint and consequence of one rule, checked
 * against the fact model's properties ({@link DrlFactModel}) and the value types' method
 * signatures ({@link DrlAllowList#SIGNATURES}), with Java's scoping.
 *
 * <p>Every expression gets a {@link DrlType} or is refused. A name resolves, in order, to a
 * binding ({@code $}-names only, once declared and while in scope), a local variable declared by an
 * earlier statement, a property of the pattern's fact (constraints only), the collector
 * ({@code decisions}, consequences only) or an allowed type; a name that resolves nowhere is
 * refused, and so is a property whose name could also read as a type or a package. A method is
 * allowed only if the receiver's type has a signature of that name whose parameters accept the
 * arguments' types; a fact offers nothing but its getters.
 *
 * <p>One instance checks one rule: it holds the rule's bindings and scopes, its local variables
 * and its count of costly arithmetic.
 */
final class DrlCodeCheck {
  private static final Pattern BINDING_NAME = Pattern.compile("\\$[A-Za-z][A-Za-z0-9_]{0,39}");
  private static final Pattern LOCAL_NAME = Pattern.compile("[a-z][A-Za-z0-9_]{0,39}");
  private static final Pattern INTEGER = Pattern.compile("(0|[1-9][0-9]*)[lL]?");
  private static final Pattern DECIMAL = Pattern.compile("[0-9]+\\.[0-9]+");
  private static final Pattern EXPONENT_NUMBER = Pattern.compile("\\s*[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)[eE].*");
  private static final Pattern PLAIN_NUMBER = Pattern.compile("\\s*[+-]?([0-9]+)(\\.([0-9]+))?\\s*");
  private static final Pattern LEADING_BINDING = Pattern.compile("\\s*([$A-Za-z_][A-Za-z0-9_$]*)\\s*:(?!=)");
  private static final int MAX_IN_VALUES = 500;

  private final DrlTypes types;
  private final DrlPolicy policy;
  private final String rule;
  private final Set<String> reservedNames;
  private final Deque<Map<String, DrlType>> scopes = new ArrayDeque<>();
  private final Set<String> declared = new HashSet<>();
  private final Map<String, DrlType> locals = new HashMap<>();
  private int multiplications;

  // per piece of code
  private DrlFragment fragment;
  private DrlType pattern;
  private boolean inConsequence;
  private Expression halfLeft;
  private DrlType halfLeftType;
  private Node lastRefused;

  /**
   * @param types the file's type names
   * @param rule the rule checked
   */
  DrlCodeCheck(DrlTypes types, String rule) {
    this.types = types;
    this.policy = types.policy();
    this.rule = rule;
    Set<String> reserved = new HashSet<>(DrlAllowList.RESERVED_NAMES);
    for (String pkg : policy.factPackages()) {
      reserved.add(pkg.split("\\.")[0]);
    }
    if (!types.filePackage().isEmpty()) {
      reserved.add(types.filePackage().split("\\.")[0]);
    }
    this.reservedNames = Set.copyOf(reserved);
    scopes.push(new HashMap<>());
  }

  // ---- scopes -----------------------------------------------------------------------------------

  /** Opens a scope: bindings declared until {@link #exitScope} are not visible after it. */
  void enterScope() {
    scopes.push(new HashMap<>());
  }

  void exitScope() {
    if (scopes.size() > 1) {
      scopes.pop();
    }
  }

  /**
   * Declares a binding whose declaration was refused, so that its uses are not reported again.
   */
  void declareRefused(String name) {
    if (name != null && declared.add(name)) {
      scopes.peek().put(name, DrlType.ERROR);
    }
  }

  /**
   * Declares a binding of the current scope, if its name is allowed and new in the rule.
   *
   * @param at the file offset of the name, for problems
   */
  void declareBinding(String name, DrlType type, int at, DrlReport report) {
    Optional<String> problem = bindingNameProblem(name);
    if (problem.isPresent()) {
      report.errorAt(at, rule, "forbidden-variable", "Forbidden binding: [" + name + "] " + problem.get());
      return;
    }
    scopes.peek().put(name, type);
  }

  private Optional<String> bindingNameProblem(String name) {
    if (!BINDING_NAME.matcher(name).matches()) {
      return Optional.of("is not a binding name; expected $ followed by an ASCII letter, then letters, digits or _ "
          + "(at most 40), such as $line (a name without $ could also read as a property, a type or a package)");
    }
    if (!declared.add(name)) {
      return Optional.of("is already bound in this rule; expected each binding once");
    }
    return Optional.empty();
  }

  /** @return the type of a binding visible here, or null */
  DrlType bindingType(String name) {
    return binding(name);
  }

  private DrlType binding(String name) {
    for (Map<String, DrlType> scope : scopes) {
      DrlType type = scope.get(name);
      if (type != null) {
        return type;
      }
    }
    return null;
  }

  // ---- entry points -----------------------------------------------------------------------------

  /**
   * Checks one constraint.
   *
   * @param code the constraint
   * @param patternFact the type of the pattern's fact, whose properties unqualified names read; null
   *     for an accumulate's result constraint
   * @param report where a binding problem goes
   */
  void constraint(DrlFragment code, DrlType patternFact, DrlReport report) {
    begin(code, patternFact, false);
    java.util.regex.Matcher leading = LEADING_BINDING.matcher(code.code());
    String written = leading.lookingAt() ? leading.group(1) : null;
    Optional<DrlxExpression> parsed = bounded() ? code.parseExpression() : Optional.empty();
    if (parsed.isEmpty() || !code.complete(parsed.get()) || !small(parsed.get())) {
      declareRefused(written);
      return;
    }
    DrlxExpression constraint = parsed.get();
    if (constraint.getBind() != null) {
      String name = constraint.getBind().getIdentifier();
      Expression value = constraint.getExpr();
      if (!isPath(value)) {
        refuse(value, "forbidden-construct", "Forbidden binding: [" + DrlFragment.shorten(DrlFragment.safeText(constraint))
            + "]; expected a binding of one property, such as $q : quantity, and the condition as a constraint of its own");
        declareRefused(name);
        return;
      }
      DrlType type = value(value);
      if (type.isError()) {
        declareRefused(name);
      } else {
        declareBinding(name, type, code.at(constraint.getBind(), name), report);
      }
      return;
    }
    condition(constraint.getExpr());
  }

  /**
   * Checks a consequence: calls on the collector and local variables of value types, nothing else.
   */
  void consequence(DrlFragment code) {
    begin(code, null, true);
    if (!bounded()) {
      return;
    }
    Optional<BlockStmt> parsed = code.parseBlock(true);
    if (parsed.isEmpty() || !code.complete(parsed.get())) {
      return;
    }
    List<Statement> statements = parsed.get().getStatements();
    if (statements.size() > DrlAllowList.MAX_STATEMENTS) {
      Statement extra = statements.get(DrlAllowList.MAX_STATEMENTS);
      refuse(extra, "forbidden-size", "Too large: consequence with " + statements.size() + " statements; expected at most "
          + DrlAllowList.MAX_STATEMENTS + " (split the rule)");
      return;
    }
    for (Statement statement : statements) {
      if (small(statement)) {
        statement(statement);
      }
    }
  }

  private void begin(DrlFragment code, DrlType patternFact, boolean consequence) {
    this.fragment = code;
    this.pattern = patternFact;
    this.inConsequence = consequence;
    this.halfLeft = null;
    this.halfLeftType = null;
  }

  private boolean bounded() {
    int[] nesting = fragment.nesting();
    if (nesting[0] > DrlAllowList.MAX_NESTING) {
      fragment.error(nesting[1], "forbidden-size", "Too deep: brackets nested " + nesting[0]
          + " levels; expected at most " + DrlAllowList.MAX_NESTING);
      return false;
    }
    return true;
  }

  private boolean small(Node root) {
    int count = DrlFragment.descendants(root).size();
    if (count > DrlAllowList.MAX_EXPRESSION_NODES) {
      refuse(root, "forbidden-size", "Too large: [" + DrlFragment.shorten(DrlFragment.safeText(root)) + "] has " + count
          + " parts; expected at most " + DrlAllowList.MAX_EXPRESSION_NODES + " (split it over several constraints or rules)");
      return false;
    }
    return true;
  }

  // ---- statements -------------------------------------------------------------------------------

  private void statement(Statement statement) {
    if (statement instanceof EmptyStmt) {
      return;
    }
    if (statement instanceof ExpressionStmt es) {
      Expression e = es.getExpression();
      if (e instanceof MethodCallExpr call && isCollector(call.getScope().orElse(null))) {
        collectorCall(call);
      } else if (e instanceof VariableDeclarationExpr declaration) {
        local(declaration);
      } else if (e instanceof AssignExpr || e instanceof UnaryExpr u && isIncrement(u)) {
        refuse(e, "forbidden-assignment", "Forbidden assignment: [" + DrlFragment.shorten(DrlFragment.safeText(e))
            + "]; expected no assignments (declare a new local instead: final int total = ...;)");
      } else if (e instanceof MethodCallExpr call) {
        // Type the call first, so that the first thing outside the grammar is reported where it is;
        // then refuse the statement itself, unless that first refusal was this very call.
        lastRefused = null;
        if (!type(call).isError() || lastRefused != call.getName()) {
          refuse(call.getName(), "forbidden-call", "Forbidden call: statement [" + DrlFragment.shorten(DrlFragment.safeText(e))
              + "] in a consequence; expected only calls on [" + DrlPolicy.COLLECTOR_GLOBAL + "] as statements");
        }
      } else {
        refuse(e, "forbidden-statement", "Forbidden statement: [" + DrlFragment.shorten(DrlFragment.safeText(e))
            + "] in a consequence; expected calls on [" + DrlPolicy.COLLECTOR_GLOBAL + "] and local variable declarations");
      }
    } else if (statement instanceof WhileStmt || statement instanceof DoStmt || statement instanceof ForStmt
        || statement instanceof ForEachStmt) {
      String keyword = statement instanceof WhileStmt ? "while" : statement instanceof DoStmt ? "do" : "for";
      refuse(statement, "forbidden-loop", "Forbidden loop: [" + keyword + "] in a consequence; expected straight-line "
          + "code (a rule fires once per match, and a loop could run forever)");
    } else {
      String kind = statement.getClass().getSimpleName().replace("Stmt", "").toLowerCase(Locale.ROOT);
      refuse(statement, "forbidden-statement", "Forbidden statement: [" + kind + "] in a consequence; expected calls on ["
          + DrlPolicy.COLLECTOR_GLOBAL + "] and local variable declarations (write conditions in when, one rule "
          + "per case)");
    }
  }

  private static boolean isIncrement(UnaryExpr u) {
    return u.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT || u.getOperator() == UnaryExpr.Operator.PREFIX_DECREMENT
        || u.getOperator() == UnaryExpr.Operator.POSTFIX_INCREMENT || u.getOperator() == UnaryExpr.Operator.POSTFIX_DECREMENT;
  }

  private boolean isCollector(Expression scope) {
    return scope instanceof NameExpr n && n.getNameAsString().equals(DrlPolicy.COLLECTOR_GLOBAL)
        && !locals.containsKey(DrlPolicy.COLLECTOR_GLOBAL);
  }

  private void collectorCall(MethodCallExpr call) {
    String method = call.getNameAsString();
    if (call.getTypeArguments().isPresent()) {
      refuse(call.getName(), "forbidden-call", "Forbidden call: [" + method + "] with type arguments; expected "
          + DrlPolicy.COLLECTOR_GLOBAL + "." + method + "(...)");
      return;
    }
    if (!DrlAllowList.COLLECTOR_METHODS.contains(method)) {
      refuse(call.getName(), "forbidden-call", "Forbidden call: [" + DrlPolicy.COLLECTOR_GLOBAL + "." + method
          + "]; expected one of the decision methods " + sorted(DrlAllowList.COLLECTOR_METHODS));
      return;
    }
    for (Expression argument : call.getArguments()) {
      DrlType type = value(argument);
      if (type.isString() && argument instanceof StringLiteralExpr literal) {
        numberInText(literal);
      }
    }
  }

  /** A number written as text, such as a base rate of {@code "1.5"}, must be a plain decimal. */
  private void numberInText(StringLiteralExpr literal) {
    String value = literal.getValue();
    boolean exponent = EXPONENT_NUMBER.matcher(value).matches();
    java.util.regex.Matcher plain = PLAIN_NUMBER.matcher(value);
    boolean tooLong = plain.matches() && plain.group(1).length()
        + (plain.group(3) == null ? 0 : plain.group(3).length()) > DrlAllowList.MAX_DIGITS;
    if (exponent || tooLong) {
      refuse(literal, "forbidden-literal", "Forbidden literal: number [" + DrlFragment.shorten(value)
          + "] in text; expected a plain decimal of at most " + DrlAllowList.MAX_DIGITS + " digits without an exponent, "
          + "such as \"1.5\"");
    }
  }

  private void local(VariableDeclarationExpr declaration) {
    if (declaration.getVariables().size() != 1) {
      refuse(declaration, "forbidden-statement", "Forbidden statement: [" + DrlFragment.shorten(DrlFragment.safeText(declaration))
          + "] declares several variables; expected one local variable per statement");
      return;
    }
    if (!declaration.getAnnotations().isEmpty()
        || declaration.getModifiers().stream().anyMatch(m -> m.getKeyword() != Modifier.Keyword.FINAL)) {
      refuse(declaration, "forbidden-statement", "Forbidden statement: [" + DrlFragment.shorten(DrlFragment.safeText(declaration))
          + "]; expected a plain local variable, optionally final");
      return;
    }
    VariableDeclarator variable = declaration.getVariables().get(0);
    String name = variable.getNameAsString();
    Optional<String> nameProblem = localNameProblem(name);
    if (nameProblem.isPresent()) {
      refuse(variable.getName(), "forbidden-variable", "Forbidden local variable: [" + name + "] " + nameProblem.get());
      return;
    }
    if (variable.getInitializer().isEmpty()) {
      refuse(variable.getName(), "forbidden-statement", "Forbidden statement: local variable [" + name
          + "] without a value; expected a local variable with its value, such as final int points = 10;");
      return;
    }
    DrlType value = value(variable.getInitializer().get());
    if (value.isError()) {
      locals.put(name, DrlType.ERROR);
      return;
    }
    DrlType declared = localType(variable.getType(), value);
    if (declared == null) {
      locals.put(name, DrlType.ERROR);
      return;
    }
    if (!value.assignableTo(declared.raw())) {
      refuse(variable.getName(), "forbidden-comparison", "Forbidden value: local variable [" + name + "] of type "
          + declared.display() + " given a " + value.display() + "; expected a value of its type");
    }
    locals.put(name, declared);
  }

  private DrlType localType(Type type, DrlType value) {
    if (type instanceof VarType) {
      return value;
    }
    if (type instanceof PrimitiveType p) {
      Class<?> raw = switch (p.getType()) {
        case INT -> int.class;
        case LONG -> long.class;
        case BOOLEAN -> boolean.class;
        default -> null;
      };
      if (raw == null) {
        refuse(type, "forbidden-type", "Forbidden type: [" + p.asString() + "] for a local variable; expected "
            + localTypeNames());
        return null;
      }
      return DrlType.value(raw);
    }
    if (type instanceof ClassOrInterfaceType c && c.getScope().isEmpty() && c.getTypeArguments().isEmpty()
        && c.getAnnotations().isEmpty()) {
      DrlTypes.Resolution resolved = types.simple(c.getNameAsString());
      if (resolved.resolved() && resolved.kind() == DrlTypes.Kind.FACT) {
        return DrlType.fact(resolved.type());
      }
      if (resolved.resolved() && DrlAllowList.LOCAL_TYPES.contains(resolved.type())) {
        return DrlType.value(resolved.type());
      }
      refuse(type, "forbidden-type", "Forbidden type: [" + c.getNameAsString() + "] for a local variable "
          + (resolved.resolved() ? "" : resolved.problem() + " ") + "; expected " + localTypeNames());
      return null;
    }
    refuse(type, "forbidden-type", "Forbidden type: [" + DrlFragment.safeText(type) + "] for a local variable; expected "
        + localTypeNames());
    return null;
  }

  private static String localTypeNames() {
    return "int, long, boolean, Integer, Long, String, BigDecimal, LocalDate, DayOfWeek, Month, a fact type or var";
  }

  private Optional<String> localNameProblem(String name) {
    if (!LOCAL_NAME.matcher(name).matches()) {
      return Optional.of("is not a local name; expected a lower-case ASCII letter, then letters, digits or _ "
          + "(at most 40), such as points");
    }
    if (DrlAllowList.KEYWORDS.contains(name) || reservedNames.contains(name)) {
      return Optional.of("could also read as a package, the collector or the Drools session; expected another name");
    }
    if (locals.containsKey(name)) {
      return Optional.of("is already declared in this consequence; expected each local once");
    }
    return Optional.empty();
  }

  // ---- expressions ------------------------------------------------------------------------------

  private void condition(Expression e) {
    DrlType type = type(e);
    if (!type.isError() && !type.isBoolean()) {
      refuse(e, "forbidden-comparison", "Not a condition: [" + DrlFragment.shorten(DrlFragment.safeText(e)) + "] is "
          + type.display() + "; expected a comparison or a true/false property, such as quantity > 1 or allLines");
    }
  }

  /** Types an expression used as a value: not null, not a type name, not the collector. */
  private DrlType value(Expression e) {
    DrlType type = type(e);
    switch (type.kind()) {
      case NULL -> {
        refuse(e, "forbidden-literal", "Forbidden literal: [null] here; expected null only in == null or != null");
        return DrlType.ERROR;
      }
      case TYPE_NAME -> {
        refuse(e, "forbidden-type", "Forbidden value: type [" + type.raw().getSimpleName() + "] used as a value; "
            + "expected a value, such as " + type.raw().getSimpleName() + ".valueOf(...) or a constant");
        return DrlType.ERROR;
      }
      case COLLECTOR -> {
        refuse(e, "forbidden-call", "Forbidden value: [" + DrlPolicy.COLLECTOR_GLOBAL + "] used as a value; expected "
            + DrlPolicy.COLLECTOR_GLOBAL + ".<decision>(...) as a statement");
        return DrlType.ERROR;
      }
      default -> {
        return type;
      }
    }
  }

  private DrlType type(Expression e) {
    if (e instanceof DrlxExpression d) {
      if (d.getBind() != null) {
        refuse(d, "forbidden-construct", "Forbidden binding: [" + d.getBind().getIdentifier()
            + "] inside an expression; expected bindings only at the start of a constraint");
        return DrlType.ERROR;
      }
      return type(d.getExpr());
    }
    if (e instanceof EnclosedExpr x) {
      return type(x.getInner());
    }
    if (e instanceof StringLiteralExpr s) {
      return stringLiteral(s, s.getValue());
    }
    if (e instanceof CharLiteralExpr c) {
      if (inConsequence) {
        return refuseLiteral(c, "character [" + c.getValue() + "]", "a string in double quotes");
      }
      return stringLiteral(c, c.getValue());
    }
    if (e instanceof TextBlockLiteralExpr t) {
      return refuseLiteral(t, "text block", "an ordinary string literal of at most " + DrlAllowList.MAX_STRING_LITERAL + " characters");
    }
    if (e instanceof IntegerLiteralExpr || e instanceof LongLiteralExpr) {
      return integerLiteral(e, ((com.github.javaparser.ast.expr.LiteralStringValueExpr) e).getValue());
    }
    if (e instanceof DoubleLiteralExpr d) {
      return decimalLiteral(d);
    }
    if (e instanceof BigDecimalLiteralExpr || e instanceof BigIntegerLiteralExpr || e instanceof TemporalLiteralExpr) {
      return refuseLiteral(e, "[" + DrlFragment.safeText(e) + "]", "plain numbers such as 500 or 1.5");
    }
    if (e instanceof BooleanLiteralExpr) {
      return DrlType.BOOLEAN;
    }
    if (e instanceof NullLiteralExpr) {
      return DrlType.NULL;
    }
    if (e instanceof NameExpr n) {
      return name(n);
    }
    if (e instanceof ThisExpr t) {
      if (t.getTypeName().isPresent() || inConsequence || pattern == null) {
        return refuseConstruct(t, "this", "[this] outside a pattern's constraint refers to Drools' generated code; "
            + "expected this only in a constraint, for the pattern's fact");
      }
      return pattern;
    }
    if ((e instanceof FieldAccessExpr || e instanceof MethodCallExpr) && pattern == null && !inConsequence) {
      // Drools types an accumulate's results as Object in its own constraints: only comparisons compile.
      return refuseConstruct(e, e instanceof MethodCallExpr m ? m.getNameAsString() : ((FieldAccessExpr) e).getNameAsString(),
          "an accumulate's result constraints compare its results with literals, such as $n >= 3 or $total > 1000; "
          + "expected no calls or properties there");
    }
    if (e instanceof FieldAccessExpr f) {
      return field(f);
    }
    if (e instanceof MethodCallExpr m) {
      return call(m);
    }
    if (e instanceof BinaryExpr b) {
      return binary(b);
    }
    if (e instanceof UnaryExpr u) {
      return unary(u);
    }
    if (e instanceof ConditionalExpr c) {
      return conditional(c);
    }
    if (e instanceof PointFreeExpr p && !inConsequence) {
      if (argumentsOf(p.getArg1(), p.getArg2(), p.getArg3(), p.getArg4())) {
        return refuseConstruct(p, p.getOperator().getIdentifier(), "operator parameters are not supported");
      }
      DrlType left = type(p.getLeft());
      halfLeft = p.getLeft();
      halfLeftType = left;
      return operator(p, p.getOperator().getIdentifier(), left, p.getRight());
    }
    if (e instanceof HalfPointFreeExpr h && !inConsequence) {
      if (halfLeft == null || argumentsOf(h.getArg1(), h.getArg2(), h.getArg3(), h.getArg4())) {
        return refuseConstruct(h, h.getOperator().getIdentifier(), "expected the left side written out");
      }
      return operator(h, h.getOperator().getIdentifier(), halfLeftType, h.getRight());
    }
    if (e instanceof HalfBinaryExpr h && !inConsequence) {
      if (halfLeft == null) {
        return refuseConstruct(h, h.getOperator().asString(), "expected the left side written out");
      }
      return comparison(h, h.getOperator().toBinaryExprOperator(), halfLeftType, type(h.getRight()), h.getRight());
    }
    return refused(e);
  }

  private static boolean argumentsOf(Expression... args) {
    for (Expression arg : args) {
      if (arg != null) {
        return true;
      }
    }
    return false;
  }

  /** Refuses everything outside the grammar with the code that names it. */
  private DrlType refused(Expression e) {
    String text = DrlFragment.shorten(DrlFragment.safeText(e));
    if (e instanceof ObjectCreationExpr o) {
      refuse(o, "new", "forbidden-new", "Forbidden creation: [" + text + "]; expected no new in rules (facts come "
          + "from the engine; numbers from literals and BigDecimal.valueOf)");
    } else if (e instanceof ArrayCreationExpr || e instanceof ArrayInitializerExpr) {
      refuse(e, "forbidden-new", "Forbidden creation: array [" + text + "]; expected no arrays in rules");
    } else if (e instanceof ClassExpr c) {
      refuse(c, "class", "forbidden-type", "Forbidden type: class literal [" + text + "]; expected no reflection in rules");
    } else if (e instanceof CastExpr || e instanceof InlineCastExpr || e instanceof FullyQualifiedInlineCastExpr
        || e instanceof InstanceOfExpr) {
      refuse(e, "forbidden-type", "Forbidden type test or cast: [" + text + "]; expected no casts or instanceof "
          + "(every value already has its type; use intValue() or longValue() to convert numbers)");
    } else if (e instanceof AssignExpr) {
      refuse(e, "forbidden-assignment", "Forbidden assignment: [" + text + "]; expected no assignments");
    } else if (e instanceof UnaryExpr u && isIncrement(u)) {
      refuse(e, "forbidden-assignment", "Forbidden assignment: [" + text + "]; expected no increments");
    } else if (e instanceof LambdaExpr || e instanceof MethodReferenceExpr) {
      refuseConstruct(e, DrlFragment.firstWord(e), "lambdas and method references run code the checker cannot follow");
    } else if (e instanceof SuperExpr) {
      refuseConstruct(e, "super", "[super] refers to Drools' generated code");
    } else if (e instanceof ArrayAccessExpr) {
      refuseConstruct(e, DrlFragment.firstWord(e), "expected no arrays in rules");
    } else if (e instanceof VariableDeclarationExpr) {
      refuseConstruct(e, DrlFragment.firstWord(e), "declarations belong in consequences, one per statement");
    } else {
      refuseConstruct(e, DrlFragment.firstWord(e), "[" + e.getClass().getSimpleName().replace("Expr", "")
          + "] is not part of the rule grammar");
    }
    return DrlType.ERROR;
  }

  // ---- literals ---------------------------------------------------------------------------------

  private DrlType stringLiteral(Expression e, String value) {
    if (value.length() > DrlAllowList.MAX_STRING_LITERAL) {
      return refuseLiteral(e, "string of " + value.length() + " characters", "at most "
          + DrlAllowList.MAX_STRING_LITERAL + " characters");
    }
    return DrlType.STRING;
  }

  private DrlType integerLiteral(Expression e, String text) {
    String digits = text.replaceAll("[lL]$", "");
    if (!INTEGER.matcher(text).matches()) {
      return refuseLiteral(e, "number [" + text + "]", "plain decimal digits without leading zeros, _, 0x or 0b, "
          + "such as 500");
    }
    if (digits.length() > DrlAllowList.MAX_DIGITS) {
      return refuseLiteral(e, "number [" + DrlFragment.shorten(text) + "] of " + digits.length() + " digits",
          "at most " + DrlAllowList.MAX_DIGITS + " digits");
    }
    boolean isLong = text.endsWith("l") || text.endsWith("L");
    if (!isLong && Long.parseLong(digits) > Integer.MAX_VALUE) {
      return refuseLiteral(e, "number [" + text + "]", "a whole number up to " + Integer.MAX_VALUE
          + ", or a long written with L, such as " + text + "L");
    }
    return isLong ? DrlType.LONG : DrlType.INT;
  }

  private DrlType decimalLiteral(DoubleLiteralExpr d) {
    String text = d.getValue();
    if (!DECIMAL.matcher(text).matches()) {
      return refuseLiteral(d, "number [" + DrlFragment.shorten(text) + "]", "plain decimals such as 1.5, without an "
          + "exponent or suffix");
    }
    if (text.length() - 1 > DrlAllowList.MAX_DIGITS) {
      return refuseLiteral(d, "number [" + DrlFragment.shorten(text) + "]", "at most " + DrlAllowList.MAX_DIGITS + " digits");
    }
    if (inConsequence) {
      return refuseLiteral(d, "decimal [" + text + "] in a consequence", "whole numbers, a decimal in text (\"1.5\") "
          + "or BigDecimal.valueOf(...)");
    }
    return DrlType.DOUBLE;
  }

  private DrlType refuseLiteral(Expression e, String what, String expected) {
    refuse(e, "forbidden-literal", "Forbidden literal: " + what + "; expected " + expected);
    return DrlType.ERROR;
  }

  // ---- names and paths --------------------------------------------------------------------------

  private DrlType name(NameExpr n) {
    String name = n.getNameAsString();
    if (n instanceof DrlNameExpr d && d.getBackReferencesCount() > 0) {
      return refuseConstruct(n, name, "back references (../) are not supported");
    }
    if (name.startsWith("$")) {
      DrlType bound = binding(name);
      if (bound == null) {
        refuse(n, name, "forbidden-variable", "Unknown binding: [" + name + "]; expected a binding declared earlier in "
            + "this rule and still in scope (bindings inside not, exists, forall, or and accumulate stay inside)");
        return DrlType.ERROR;
      }
      return bound;
    }
    if (inConsequence) {
      DrlType local = locals.get(name);
      if (local != null) {
        return local;
      }
      if (name.equals(DrlPolicy.COLLECTOR_GLOBAL)) {
        return DrlType.collector(org.loyaltyrules.loyalty.rules.facts.Decisions.class);
      }
    } else if (pattern != null && pattern.kind() == DrlType.Kind.FACT) {
      DrlFactModel.Property property = DrlFactModel.properties(pattern.raw(), policy).get(name);
      if (property != null) {
        if (reservedNames.contains(name) || types.isTypeName(name)) {
          refuse(n, name, "forbidden-variable", "Ambiguous name: property [" + name + "] of " + pattern.display()
              + " could also read as a package or type; expected this." + name + " or the getter "
              + property.getter() + "()");
          return DrlType.ERROR;
        }
        return property.type();
      }
    }
    if (name.equals("drools") || name.equals("kcontext")) {
      refuse(n, name, "forbidden-call", "Forbidden call: [" + name + "] reaches the Drools session; expected only "
          + "calls on [" + DrlPolicy.COLLECTOR_GLOBAL + "]");
      return DrlType.ERROR;
    }
    DrlTypes.Resolution resolved = types.simple(name);
    if (resolved.resolved()) {
      return resolved.kind() == DrlTypes.Kind.COLLECTOR ? refusedCollectorType(n) : DrlType.typeName(resolved.type());
    }
    if (!inConsequence && pattern != null && pattern.kind() == DrlType.Kind.FACT && !Character.isUpperCase(name.charAt(0))) {
      refuse(n, name, "forbidden-property", "Unknown property: [" + name + "] of " + pattern.display() + "; expected one "
          + "of " + DrlFactModel.propertyList(pattern.raw(), policy) + ", a $binding or an imported value type");
    } else if (reservedNames.contains(name) && n.getParentNode().filter(FieldAccessExpr.class::isInstance).isPresent()) {
      refuse(n, name, "forbidden-type", "Forbidden type: [" + name + "...] is a fully qualified name; expected the "
          + "fact types and " + DrlTypes.valueTypeNames() + ", imported and written by their simple names");
    } else if (Character.isUpperCase(name.charAt(0))) {
      refuse(n, name, "forbidden-type", "Forbidden type: [" + name + "] " + resolved.problem() + "; expected the fact "
          + "types and " + DrlTypes.valueTypeNames() + ", imported");
    } else {
      refuse(n, name, "forbidden-variable", "Unknown name: [" + name + "]; expected a $binding, "
          + (inConsequence ? "a local variable declared above, " + DrlPolicy.COLLECTOR_GLOBAL + " " : "")
          + "or an imported type");
    }
    return DrlType.ERROR;
  }

  private DrlType refusedCollectorType(Node n) {
    refuse(n, "Decisions", "forbidden-type", "Forbidden type: [Decisions] in code; expected the collector only through "
        + "the global " + DrlPolicy.COLLECTOR_GLOBAL);
    return DrlType.ERROR;
  }

  private DrlType field(FieldAccessExpr f) {
    String name = f.getNameAsString();
    if (f.getTypeArguments().isPresent()) {
      return refuseConstruct(f, name, "type arguments are not supported");
    }
    DrlType scope = type(f.getScope());
    switch (scope.kind()) {
      case ERROR, NULL -> {
        return DrlType.ERROR;
      }
      case TYPE_NAME -> {
        Set<String> constants = DrlAllowList.CONSTANTS.getOrDefault(scope.raw(), Set.of());
        if (constants.contains(name)) {
          return DrlType.value(scope.raw());
        }
        refuse(f.getName(), name, "forbidden-property", "Forbidden constant: [" + scope.raw().getSimpleName() + "." + name
            + "]; expected " + (constants.isEmpty() ? "no constants of " + scope.raw().getSimpleName()
                : "one of " + sorted(constants)));
        return DrlType.ERROR;
      }
      case FACT -> {
        DrlFactModel.Property property = DrlFactModel.properties(scope.raw(), policy).get(name);
        if (property == null) {
          refuse(f.getName(), name, "forbidden-property", "Unknown property: [" + name + "] of " + scope.display()
              + "; expected one of " + DrlFactModel.propertyList(scope.raw(), policy));
          return DrlType.ERROR;
        }
        if (inConsequence) {
          refuse(f.getName(), name, "forbidden-property", "Forbidden property access: [" + name + "] in a consequence; "
              + "expected the getter, " + property.getter() + "()");
          return DrlType.ERROR;
        }
        return property.type();
      }
      case PRIMITIVE, VALUE -> {
        Optional<DrlAllowList.Signature> getter = valueGetter(scope.raw(), name);
        if (getter.isEmpty() || inConsequence) {
          refuse(f.getName(), name, "forbidden-property", "Unknown property: [" + name + "] of " + scope.display()
              + "; expected " + (inConsequence ? "a call of one of " : "one of the calls ")
              + DrlAllowList.signatureList(scope.raw(), false));
          return DrlType.ERROR;
        }
        return DrlType.value(getter.get().result());
      }
      default -> {
        refuse(f.getName(), name, "forbidden-property", "Unknown property: [" + name + "] of " + scope.display()
            + "; expected " + (scope.kind() == DrlType.Kind.COLLECTION ? "size(), isEmpty() or contains(...)"
                : "a call of a decision method"));
        return DrlType.ERROR;
      }
    }
  }

  private static Optional<DrlAllowList.Signature> valueGetter(Class<?> type, String property) {
    return DrlAllowList.SIGNATURES.stream()
        .filter(s -> !s.isStatic() && s.owner().isAssignableFrom(type) && s.isGetter())
        .filter(s -> DrlFactModel.propertyName(s.name(), s.result()).orElse("").equals(property))
        .findFirst();
  }

  private DrlType call(MethodCallExpr m) {
    String name = m.getNameAsString();
    if (m.getTypeArguments().isPresent()) {
      return refuseConstruct(m, name, "type arguments are not supported");
    }
    Optional<Expression> scopeExpression = m.getScope();
    if (scopeExpression.isEmpty()) {
      if (!inConsequence && pattern != null && pattern.kind() == DrlType.Kind.FACT && m.getArguments().isEmpty()) {
        Optional<DrlFactModel.Property> getter = DrlFactModel.byGetter(pattern.raw(), name, policy);
        if (getter.isPresent()) {
          return getter.get().type();
        }
      }
      refuse(m.getName(), name, "forbidden-call", "Forbidden call: [" + name + "(...)] has no receiver: a function or "
          + "a method of Drools' generated code; expected "
          + (inConsequence ? "calls on " + DrlPolicy.COLLECTOR_GLOBAL + " and on values"
              : "a getter of the fact, such as " + firstGetter() + ", or calls on values"));
      return DrlType.ERROR;
    }
    if (isCollector(scopeExpression.get()) && inConsequence) {
      refuse(m.getName(), name, "forbidden-call", "Forbidden call: [" + DrlPolicy.COLLECTOR_GLOBAL + "." + name
          + "] inside an expression; expected calls on " + DrlPolicy.COLLECTOR_GLOBAL + " as statements only");
      return DrlType.ERROR;
    }
    Optional<String> outside = typeOutsideTheGrammar(scopeExpression.get());
    if (outside.isPresent()) {
      String type = ((NameExpr) scopeExpression.get()).getNameAsString();
      refuse(m.getName(), name, "forbidden-call", "Forbidden call: static method [" + type + "." + name + "]: " + type
          + " " + outside.get() + "; expected static calls only of " + STATIC_CALLS);
      return DrlType.ERROR;
    }
    DrlType scope = type(scopeExpression.get());
    switch (scope.kind()) {
      case ERROR -> {
        return DrlType.ERROR;
      }
      case NULL, COLLECTOR -> {
        value(scopeExpression.get());
        return DrlType.ERROR;
      }
      case FACT -> {
        Optional<DrlFactModel.Property> getter = m.getArguments().isEmpty()
            ? DrlFactModel.byGetter(scope.raw(), name, policy) : Optional.empty();
        if (getter.isEmpty()) {
          refuse(m.getName(), name, "forbidden-call", "Forbidden call: [" + name + "(...)] on " + scope.display()
              + "; expected one of its getters " + getters(scope.raw()));
          return DrlType.ERROR;
        }
        return getter.get().type();
      }
      default -> {
        boolean isStatic = scope.kind() == DrlType.Kind.TYPE_NAME;
        return signatureCall(m, scope, isStatic);
      }
    }
  }

  private static final String STATIC_CALLS = DrlAllowList.SIGNATURES.stream().filter(DrlAllowList.Signature::isStatic)
      .map(sig -> sig.owner().getSimpleName() + "." + sig.name()).distinct().sorted().toList().toString();

  /**
   * @return why a receiver that reads as a type name ({@code System} in {@code System.exit(1)}) is
   *     not an allowed type, or empty if it is one or is not a type name at all
   */
  private Optional<String> typeOutsideTheGrammar(Expression scope) {
    if (!(scope instanceof NameExpr n) || n instanceof DrlNameExpr d && d.getBackReferencesCount() > 0) {
      return Optional.empty();
    }
    String name = n.getNameAsString();
    if (!Character.isUpperCase(name.charAt(0)) || inConsequence && locals.containsKey(name)
        || !inConsequence && pattern != null && pattern.kind() == DrlType.Kind.FACT
            && DrlFactModel.properties(pattern.raw(), policy).containsKey(name)) {
      return Optional.empty();
    }
    DrlTypes.Resolution resolved = types.simple(name);
    return resolved.resolved() ? Optional.empty() : Optional.of(resolved.problem());
  }

  private String firstGetter() {
    return DrlFactModel.properties(pattern.raw(), policy).values().stream().findFirst()
        .map(p -> p.getter() + "()").orElse("getId()");
  }

  private String getters(Class<?> fact) {
    return DrlFactModel.properties(fact, policy).values().stream().map(p -> p.getter() + "()").sorted().toList().toString();
  }

  private DrlType signatureCall(MethodCallExpr m, DrlType scope, boolean isStatic) {
    String name = m.getNameAsString();
    List<DrlType> arguments = new ArrayList<>();
    for (Expression argument : m.getArguments()) {
      DrlType type = value(argument);
      if (type.isError()) {
        return DrlType.ERROR;
      }
      arguments.add(type);
    }
    Class<?> receiver = scope.raw();
    DrlAllowList.Signature match = null;
    for (DrlAllowList.Signature candidate : DrlAllowList.signatures(receiver, name, isStatic)) {
      if (candidate.parameters().size() == arguments.size() && accepts(candidate, arguments)) {
        match = candidate;
        break;
      }
    }
    if (match == null) {
      String shown = (isStatic ? scope.raw().getSimpleName() + "." : "") + name
          + arguments.stream().map(DrlType::display).toList().toString().replace('[', '(').replace(']', ')');
      String allowed = DrlAllowList.signatureList(receiver, isStatic);
      refuse(m.getName(), name, "forbidden-call", "Forbidden call: [" + shown + "] on " + (isStatic ? "type " : "")
          + scope.display() + "; expected " + (allowed.equals("[]") ? "no calls on " + scope.display() : "one of " + allowed));
      return DrlType.ERROR;
    }
    if (match.cost() != DrlAllowList.Cost.PLAIN) {
      multiplications++;
      if (match.cost() == DrlAllowList.Cost.DIVIDE) {
        divideArguments(m);
      }
      if (multiplications > DrlAllowList.MAX_MULTIPLICATIONS) {
        refuse(m.getName(), name, "forbidden-size", "Too much arithmetic: [" + name + "] is the rule's "
            + multiplications + "th BigDecimal multiplication or division; expected at most "
            + DrlAllowList.MAX_MULTIPLICATIONS + " per rule");
      }
    }
    Class<?> result = match.result();
    return DrlType.value(result);
  }

  private static boolean accepts(DrlAllowList.Signature signature, List<DrlType> arguments) {
    for (int i = 0; i < arguments.size(); i++) {
      if (!arguments.get(i).assignableTo(signature.parameters().get(i))) {
        return false;
      }
    }
    return true;
  }

  /** divide(divisor, scale, rounding): a positive constant divisor and a small literal scale. */
  private void divideArguments(MethodCallExpr m) {
    Expression divisor = unwrap(m.getArgument(0));
    Expression scale = unwrap(m.getArgument(1));
    boolean constantDivisor = divisor instanceof FieldAccessExpr f && f.getScope() instanceof NameExpr
        && (f.getNameAsString().equals("ONE") || f.getNameAsString().equals("TEN"))
        || divisor instanceof MethodCallExpr valueOf && valueOf.getNameAsString().equals("valueOf")
            && valueOf.getArguments().size() == 1 && positiveLiteral(unwrap(valueOf.getArgument(0)));
    if (!constantDivisor) {
      refuse(m.getName(), "divide", "forbidden-call", "Forbidden division: [" + DrlFragment.shorten(DrlFragment.safeText(m))
          + "]; expected a positive constant divisor, BigDecimal.valueOf(<whole number above 0>), BigDecimal.ONE or "
          + "BigDecimal.TEN (a zero divisor would fail every evaluation)");
    }
    int value = scale instanceof IntegerLiteralExpr literal && INTEGER.matcher(literal.getValue()).matches()
        && literal.getValue().length() <= 2 ? Integer.parseInt(literal.getValue()) : -1;
    if (value < 0 || value > DrlAllowList.MAX_DIVIDE_SCALE) {
      refuse(m.getName(), "divide", "forbidden-call", "Forbidden division: scale [" + DrlFragment.safeText(scale)
          + "]; expected a whole-number literal from 0 to " + DrlAllowList.MAX_DIVIDE_SCALE);
    }
  }

  private static boolean positiveLiteral(Expression e) {
    return (e instanceof IntegerLiteralExpr || e instanceof LongLiteralExpr)
        && ((com.github.javaparser.ast.expr.LiteralStringValueExpr) e).getValue().matches("[1-9][0-9]{0,17}[lL]?");
  }

  private static Expression unwrap(Expression e) {
    Expression current = e;
    while (current instanceof EnclosedExpr x) {
      current = x.getInner();
    }
    return current;
  }

  /** Whether an expression is a path a binding may name: a name, property, getter call or this. */
  private static boolean isPath(Expression e) {
    Expression current = unwrap(e);
    return current instanceof NameExpr || current instanceof FieldAccessExpr || current instanceof MethodCallExpr
        || current instanceof ThisExpr;
  }

  // ---- operators --------------------------------------------------------------------------------

  private DrlType binary(BinaryExpr b) {
    BinaryExpr.Operator op = b.getOperator();
    switch (op) {
      case AND, OR -> {
        condition(b.getLeft());
        condition(b.getRight());
        return DrlType.BOOLEAN;
      }
      case EQUALS, NOT_EQUALS, LESS, LESS_EQUALS, GREATER, GREATER_EQUALS -> {
        DrlType left = type(b.getLeft());
        halfLeft = b.getLeft();
        halfLeftType = left;
        return comparison(b, op, left, type(b.getRight()), b.getRight());
      }
      case PLUS, MINUS, MULTIPLY, DIVIDE, REMAINDER -> {
        return arithmetic(b);
      }
      default -> {
        return refuseConstruct(b, op.asString(), "operator [" + op.asString() + "] is not part of the rule grammar; "
            + "expected ==, !=, <, <=, >, >=, &&, ||, !, +, -, *, / and %");
      }
    }
  }

  private DrlType comparison(Expression node, BinaryExpr.Operator op, DrlType left, DrlType right, Expression rightNode) {
    if (left.isError() || right.isError()) {
      return DrlType.ERROR;
    }
    for (DrlType side : List.of(left, right)) {
      if (side.kind() == DrlType.Kind.TYPE_NAME || side.kind() == DrlType.Kind.COLLECTOR) {
        refuse(node, op.asString(), "forbidden-comparison", "Forbidden comparison: ["
            + DrlFragment.shorten(DrlFragment.safeText(node)) + "] uses "
            + (side.kind() == DrlType.Kind.TYPE_NAME ? "the type " + side.raw().getSimpleName() : "the collector")
            + " as a value; expected values on both sides");
        return DrlType.ERROR;
      }
    }
    boolean equality = op == BinaryExpr.Operator.EQUALS || op == BinaryExpr.Operator.NOT_EQUALS;
    boolean ok;
    if (left.kind() == DrlType.Kind.NULL || right.kind() == DrlType.Kind.NULL) {
      DrlType other = left.kind() == DrlType.Kind.NULL ? right : left;
      ok = equality && other.kind() != DrlType.Kind.NULL && other.kind() != DrlType.Kind.PRIMITIVE;
    } else if (left.isNumeric() && right.isNumeric()) {
      ok = true;
    } else if (equality) {
      ok = left.isBoolean() && right.isBoolean() || left.raw() == right.raw() && left.kind() == right.kind();
    } else {
      ok = left.raw() == right.raw() && Comparable.class.isAssignableFrom(left.raw()) && left.kind() == DrlType.Kind.VALUE;
    }
    if (!ok) {
      refuse(node, op.asString(), "forbidden-comparison", "Forbidden comparison: [" + DrlFragment.shorten(DrlFragment.safeText(node))
          + "] compares " + left.display() + " with " + right.display() + "; expected "
          + (equality ? "two numbers, two texts, two dates, two true/false values, two facts or a value and null"
              : "two numbers, two texts or two dates"));
      return DrlType.ERROR;
    }
    return DrlType.BOOLEAN;
  }

  private DrlType operator(Expression node, String operator, DrlType left, List<Expression> rights) {
    int bracket = operator.indexOf('[');
    String base = bracket < 0 ? operator : operator.substring(0, bracket);
    String argument = bracket < 0 ? "" : operator.substring(bracket + 1, Math.max(bracket + 1, operator.length() - 1)).strip();
    if (!DrlAllowList.OPERATORS.contains(base) || base.equals("str") != !argument.isEmpty()
        || base.equals("str") && !DrlAllowList.STR_OPERATIONS.contains(argument)) {
      String why = base.equals("matches") ? "operator [matches] runs a regular expression, which can take unbounded time"
          : "operator [" + operator + "] is not part of the rule grammar";
      return refuseConstruct(node, base, why + "; expected ==, !=, <, <=, >, >=, memberOf, contains, in, "
          + "str[startsWith], str[endsWith], str[length] (each optionally with not)");
    }
    if (left.isError()) {
      return DrlType.ERROR;
    }
    if (base.equals("in")) {
      if (rights.isEmpty() || rights.size() > MAX_IN_VALUES) {
        return refuseConstruct(node, base, "expected 1 to " + MAX_IN_VALUES + " values in ( ... )");
      }
      DrlType result = DrlType.BOOLEAN;
      for (Expression right : rights) {
        if (comparison(node, BinaryExpr.Operator.EQUALS, left, value(right), right).isError()) {
          result = DrlType.ERROR;
        }
      }
      return result;
    }
    if (rights.size() != 1) {
      return refuseConstruct(node, base, "expected one value after " + base);
    }
    DrlType right = value(rights.get(0));
    if (right.isError()) {
      return DrlType.ERROR;
    }
    boolean ok = switch (base) {
      case "memberOf" -> right.kind() == DrlType.Kind.COLLECTION && right.element() != null
          && compatible(left, right.element());
      case "contains" -> left.kind() == DrlType.Kind.COLLECTION && left.element() != null && compatible(left.element(), right)
          || left.isString() && right.isString();
      default -> left.isString() && (argument.equals("length") ? right.isIntegral() : right.isString());
    };
    if (!ok) {
      refuse(node, base, "forbidden-comparison", "Forbidden comparison: [" + DrlFragment.shorten(DrlFragment.safeText(node))
          + "] applies " + operator + " to " + left.display() + " and " + right.display() + "; expected "
          + switch (base) {
            case "memberOf" -> "a value memberOf a collection of such values";
            case "contains" -> "a collection contains a value, or a text contains a text";
            default -> "a text " + operator + (argument.equals("length") ? " a whole number" : " a text");
          });
      return DrlType.ERROR;
    }
    return DrlType.BOOLEAN;
  }

  private static boolean compatible(DrlType a, DrlType b) {
    return a.isNumeric() && b.isNumeric() || a.unboxed() == b.unboxed();
  }

  private DrlType arithmetic(BinaryExpr b) {
    BinaryExpr.Operator op = b.getOperator();
    DrlType left = value(b.getLeft());
    DrlType right = value(b.getRight());
    if (left.isError() || right.isError()) {
      return DrlType.ERROR;
    }
    if (op == BinaryExpr.Operator.PLUS && (left.isString() || right.isString())) {
      return concatenation(b);
    }
    boolean numbers = left.isIntegral() && right.isIntegral()
        || !inConsequence && (left.isIntegral() || left.unboxed() == double.class)
            && (right.isIntegral() || right.unboxed() == double.class);
    if (!numbers) {
      String hint = left.raw() == BigDecimal.class || right.raw() == BigDecimal.class
          ? "; BigDecimal arithmetic is written add, subtract, multiply, divide" : "";
      refuse(b, op.asString(), "forbidden-comparison", "Forbidden arithmetic: [" + DrlFragment.shorten(DrlFragment.safeText(b))
          + "] on " + left.display() + " and " + right.display() + "; expected whole numbers" + hint);
      return DrlType.ERROR;
    }
    if ((op == BinaryExpr.Operator.DIVIDE || op == BinaryExpr.Operator.REMAINDER) && !positiveLiteral(unwrap(b.getRight()))) {
      refuse(b, op.asString(), "forbidden-comparison", "Forbidden arithmetic: [" + DrlFragment.shorten(DrlFragment.safeText(b))
          + "] divides by a value; expected a whole-number literal above 0 after " + op.asString()
          + " (a zero divisor would fail every evaluation)");
      return DrlType.ERROR;
    }
    if (left.unboxed() == double.class || right.unboxed() == double.class) {
      return DrlType.DOUBLE;
    }
    return left.unboxed() == long.class || right.unboxed() == long.class ? DrlType.LONG : DrlType.INT;
  }

  /**
   * Text built with {@code +}: from literals, properties, numbers and dates, never from a local
   * text variable, so that text cannot be doubled statement after statement.
   */
  private DrlType concatenation(BinaryExpr b) {
    List<Expression> leaves = new ArrayList<>();
    flatten(b, leaves);
    for (Expression leaf : leaves) {
      DrlType type = type(leaf);
      if (type.isError()) {
        return DrlType.ERROR;
      }
      boolean printable = type.kind() == DrlType.Kind.PRIMITIVE || type.isString() || type.isNumeric()
          && type.raw() != BigDecimal.class || type.kind() == DrlType.Kind.VALUE && type.raw() != BigDecimal.class;
      if (!printable) {
        refuse(leaf, "forbidden-call", "Forbidden text: [" + DrlFragment.shorten(DrlFragment.safeText(leaf)) + "] of type "
            + type.display() + " in text; expected texts, whole numbers, true/false values, dates and their properties"
            + (type.raw() == BigDecimal.class ? " (write intValue() of an amount)" : ""));
        return DrlType.ERROR;
      }
      if (inConsequence && leaf instanceof NameExpr n && locals.containsKey(n.getNameAsString()) && type.isString()) {
        refuse(leaf, "forbidden-size", "Forbidden text: local [" + n.getNameAsString() + "] in text; expected text "
            + "built in one expression from literals, bindings and properties (text built from text could double in size "
            + "with every statement)");
        return DrlType.ERROR;
      }
    }
    return DrlType.STRING;
  }

  private static void flatten(Expression e, List<Expression> leaves) {
    Expression current = unwrap(e);
    if (current instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS) {
      flatten(b.getLeft(), leaves);
      flatten(b.getRight(), leaves);
    } else if (current instanceof ConditionalExpr c) {
      flatten(c.getThenExpr(), leaves);
      flatten(c.getElseExpr(), leaves);
    } else {
      leaves.add(current);
    }
  }

  private DrlType unary(UnaryExpr u) {
    switch (u.getOperator()) {
      case LOGICAL_COMPLEMENT -> {
        condition(u.getExpression());
        return DrlType.BOOLEAN;
      }
      case MINUS, PLUS -> {
        DrlType operand = value(u.getExpression());
        if (operand.isError()) {
          return DrlType.ERROR;
        }
        if (operand.isIntegral() || operand.unboxed() == double.class) {
          return DrlType.value(operand.unboxed());
        }
        refuse(u, u.getOperator().asString(), "forbidden-comparison", "Forbidden arithmetic: ["
            + DrlFragment.shorten(DrlFragment.safeText(u)) + "] on " + operand.display() + "; expected a number"
            + (operand.raw() == BigDecimal.class ? " (write negate() for an amount)" : ""));
        return DrlType.ERROR;
      }
      default -> {
        return refused(u);
      }
    }
  }

  private DrlType conditional(ConditionalExpr c) {
    condition(c.getCondition());
    DrlType then = value(c.getThenExpr());
    DrlType otherwise = value(c.getElseExpr());
    if (then.isError() || otherwise.isError()) {
      return DrlType.ERROR;
    }
    if (then.isIntegral() && otherwise.isIntegral()) {
      return then.unboxed() == long.class || otherwise.unboxed() == long.class ? DrlType.LONG : DrlType.INT;
    }
    if (then.raw() == otherwise.raw() && then.kind() == otherwise.kind()) {
      return then;
    }
    refuse(c, "?", "forbidden-comparison", "Forbidden choice: [" + DrlFragment.shorten(DrlFragment.safeText(c))
        + "] chooses between " + then.display() + " and " + otherwise.display() + "; expected two values of one type");
    return DrlType.ERROR;
  }

  // ---- reporting --------------------------------------------------------------------------------

  private DrlType refuseConstruct(Node node, String anchor, String why) {
    refuse(node, anchor, "forbidden-construct", "Forbidden construct: [" + DrlFragment.shorten(DrlFragment.safeText(node))
        + "]; " + why);
    return DrlType.ERROR;
  }

  private void refuse(Node node, String code, String message) {
    refuse(node, anchorOf(node), code, message);
  }

  private void refuse(Node node, String anchor, String code, String message) {
    lastRefused = node;
    fragment.errorAt(node, anchor, code, message);
  }

  /** The word a node is found by when the parser gave it no position. */
  private static String anchorOf(Node node) {
    if (node instanceof MethodCallExpr m) {
      return m.getNameAsString();
    }
    if (node instanceof FieldAccessExpr f) {
      return f.getNameAsString();
    }
    if (node instanceof StringLiteralExpr || node instanceof TextBlockLiteralExpr) {
      return "\"";
    }
    if (node instanceof IntegerLiteralExpr || node instanceof LongLiteralExpr || node instanceof DoubleLiteralExpr) {
      return ((com.github.javaparser.ast.expr.LiteralStringValueExpr) node).getValue();
    }
    return DrlFragment.firstWord(node);
  }

  private static String sorted(Set<String> names) {
    return names.stream().sorted().toList().toString();
  }
}
