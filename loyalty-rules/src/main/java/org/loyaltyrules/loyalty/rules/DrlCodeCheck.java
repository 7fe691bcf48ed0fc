package org.loyaltyrules.loyalty.rules;

import com.github.javaparser.ParseProblemException;
import com.github.javaparser.Problem;
import com.github.javaparser.Range;
import com.github.javaparser.TokenRange;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.Name;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.VarType;
import com.github.javaparser.ast.type.VoidType;
import com.github.javaparser.ast.type.WildcardType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import org.drools.mvel.parser.ast.expr.NullSafeFieldAccessExpr;
import org.drools.mvel.parser.ast.expr.NullSafeMethodCallExpr;
import org.drools.mvel.parser.ast.expr.OOPathChunk;
import org.drools.mvel.parser.ast.expr.OOPathExpr;
import org.drools.mvel.parser.ast.expr.PointFreeExpr;
import org.drools.mvel.parser.printer.PrintUtil;

/**
 * Checks one piece of code of a rule — a constraint, a {@code from} source, an accumulate
 * argument, a branch condition, an attribute expression or a consequence — against the method,
 * type and statement allow-lists of the restricted policy.
 *
 * <p>Code is parsed with the parsers the executable model compiles with ({@link
 * DrlxParseUtil#parseExpression} for DRL expressions, {@link DrlxParseUtil#parseBlock} for
 * consequences), so the trees checked here are the trees Drools turns into Java. The DRL expression
 * parser stops quietly at text it does not understand ({@code total > 1 ; System.exit(1)} parses as
 * {@code total > 1}); every identifier of the text must therefore appear in the tree, or the code is
 * refused. Any node kind this class does not know is refused as well: it fails closed.
 */
final class DrlCodeCheck {

  /** Where the code sits; it decides what a call without a receiver means. */
  enum Context {
    /** A pattern constraint: a call without a receiver is a method of the fact. */
    CONSTRAINT,
    /** A {@code from} source, accumulate argument or grouping key. */
    SOURCE,
    /** The condition of {@code if (...) do[...]}. */
    CONDITION,
    /** A {@code salience}, {@code enabled}, {@code timer} or {@code duration} expression. */
    ATTRIBUTE,
    /** A rule consequence. */
    CONSEQUENCE
  }

  /**
   * The text of a piece of code and where it sits in the file.
   *
   * @param code the code as Drools passes it on
   * @param start the offset of the code's first character in the file, or -1 if not found
   * @param fallback the offset to report at when {@code start} is unknown
   */
  record Fragment(String code, int start, int fallback) {
    int absolute(int codeOffset) {
      return start >= 0 ? start + Math.max(0, Math.min(codeOffset, code.length())) : fallback;
    }
  }

  /** Words that are Java or DRL keywords: never expected as a name in a tree. */
  private static final Set<String> KEYWORDS = Set.of(
      "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
      "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
      "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native",
      "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
      "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
      "volatile", "while", "true", "false", "null", "var", "yield", "record", "sealed", "permits",
      "non", "not", "in");

  private final DrlTypes types;
  private final DrlReport report;
  private final String rule;
  private final Set<String> variables;

  // per fragment
  private Fragment fragment;
  private Context context;
  private int prefixLines;
  private int[] codeLineStarts;
  private final Map<String, Integer> anchorsUsed = new HashMap<>();
  private final Set<String> locals = new HashSet<>();

  /**
   * @param types the file's type resolution
   * @param report where problems go
   * @param rule the rule (or query) the code belongs to
   * @param variables the names bound in the rule: bindings, query parameters, globals
   */
  DrlCodeCheck(DrlTypes types, DrlReport report, String rule, Set<String> variables) {
    this.types = types;
    this.report = report;
    this.rule = rule;
    this.variables = new HashSet<>(variables);
  }

  // ---- entry points -----------------------------------------------------------------------------

  /** Parses a DRL expression as the executable model does and checks it. */
  void checkExpression(Fragment code, Context where) {
    begin(code, where, 0);
    DrlxExpression parsed;
    try {
      parsed = DrlxParseUtil.parseExpression(code.code());
    } catch (ParseProblemException e) {
      syntax(e, "expression");
      return;
    } catch (RuntimeException | StackOverflowError e) {
      error(0, "syntax", "Expression not understood: expression [" + shorten(code.code())
          + "]; expected a DRL expression Drools can compile");
      return;
    }
    if (complete(parsed)) {
      expression(parsed);
    }
  }

  /**
   * Parses a consequence as the executable model does (a Java block) and checks it.
   *
   * @param enforce whether to apply the restricted policy; syntax is reported either way
   * @param reportSyntax whether a parse failure is reported (not for MVEL consequences)
   */
  void checkConsequence(Fragment code, boolean enforce, boolean reportSyntax) {
    begin(code, Context.CONSEQUENCE, 1);
    BlockStmt block;
    try {
      block = DrlxParseUtil.parseBlock(code.code());
    } catch (ParseProblemException e) {
      if (reportSyntax) {
        syntax(e, "consequence");
      }
      return;
    } catch (RuntimeException | StackOverflowError e) {
      if (reportSyntax) {
        error(0, "syntax", "Consequence not understood: consequence [" + shorten(code.code())
            + "]; expected Java statements");
      }
      return;
    }
    if (!enforce) {
      return;
    }
    if (!complete(block)) {
      return;
    }
    for (VariableDeclarator declarator : block.findAll(VariableDeclarator.class)) {
      locals.add(declarator.getNameAsString());
    }
    for (VariableDeclarator declarator : block.findAll(VariableDeclarator.class)) {
      String name = declarator.getNameAsString();
      if (name.equals(DrlPolicy.COLLECTOR_GLOBAL) || DrlAllowList.SESSION_NAMES.contains(name)) {
        error(at(declarator.getName(), name), "forbidden-construct", "Forbidden construct: local variable ["
            + name + "] hides a name the policy relies on; expected another name");
      }
    }
    variables.addAll(locals);
    statement(block);
  }

  private void begin(Fragment code, Context where, int wrappedLines) {
    this.fragment = code;
    this.context = where;
    this.prefixLines = wrappedLines;
    this.codeLineStarts = null;
    this.anchorsUsed.clear();
    this.locals.clear();
  }

  // ---- completeness -----------------------------------------------------------------------------

  /**
   * Whether every identifier of the text occurs (as often) in the tree; reports the first that
   * does not.
   */
  private boolean complete(Node root) {
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
    for (DrlText.Word word : DrlText.words(fragment.code())) {
      if (KEYWORDS.contains(word.text())) {
        continue;
      }
      int seen = inText.merge(word.text(), 1, Integer::sum);
      if (seen > inTree.getOrDefault(word.text(), 0)) {
        report.errorAt(fragment.absolute(word.offset()), rule, "forbidden-construct",
            "Code not understood: [" + word.text() + "] in [" + shorten(fragment.code())
                + "] is not part of what Drools parses; expected plain DRL expression syntax");
        return false;
      }
    }
    return true;
  }

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

  // ---- statements -------------------------------------------------------------------------------

  private void statement(Statement statement) {
    if (statement instanceof BlockStmt block) {
      block.getStatements().forEach(this::statement);
    } else if (statement instanceof ExpressionStmt es) {
      expressionStatement(es.getExpression());
    } else if (statement instanceof IfStmt is) {
      expression(is.getCondition());
      statement(is.getThenStmt());
      is.getElseStmt().ifPresent(this::statement);
    } else if (statement instanceof EmptyStmt) {
      // nothing to check
    } else if (statement instanceof ReturnStmt rs) {
      rs.getExpression().ifPresent(e -> error(at(rs, "return"), "forbidden-statement",
          "Forbidden statement: [return " + shorten(safeText(e)) + "] in a consequence; expected a bare return"));
    } else if (statement instanceof WhileStmt || statement instanceof DoStmt
        || statement instanceof ForStmt || statement instanceof ForEachStmt) {
      String keyword = statement instanceof WhileStmt ? "while" : statement instanceof DoStmt ? "do" : "for";
      error(at(statement, keyword), "forbidden-loop",
          "Forbidden loop: [" + keyword + "] in a consequence; expected straight-line code (a rule "
              + "fires once per match, and a loop could run forever)");
      nested(statement);
    } else {
      String kind = statement.getClass().getSimpleName().replace("Stmt", "").toLowerCase(java.util.Locale.ROOT);
      error(at(statement, firstWord(statement)), "forbidden-statement",
          "Forbidden statement: [" + kind + "] in a consequence; expected calls on ["
              + DrlPolicy.COLLECTOR_GLOBAL + "], local variables, assignments to them and if/else");
      nested(statement);
    }
  }

  /** Checks what is inside a refused statement, so hostile calls there are reported too. */
  private void nested(Node node) {
    for (Node child : node.getChildNodes()) {
      if (child instanceof Statement s) {
        statement(s);
      } else if (child instanceof Expression e) {
        expression(e);
      }
    }
  }

  private void expressionStatement(Expression expression) {
    if (expression instanceof MethodCallExpr call) {
      expression(call);
      if (!isCollectorCall(call)) {
        error(at(call.getName(), call.getNameAsString()), "forbidden-call",
            "Forbidden call: statement [" + shorten(safeText(call)) + "] in a consequence; expected "
                + "only calls on [" + DrlPolicy.COLLECTOR_GLOBAL + "]");
      }
    } else if (expression instanceof VariableDeclarationExpr || expression instanceof AssignExpr
        || expression instanceof UnaryExpr) {
      expression(expression);
    } else {
      expression(expression);
      error(at(expression, firstWord(expression)), "forbidden-statement",
          "Forbidden statement: [" + shorten(safeText(expression)) + "] in a consequence; expected a call on ["
              + DrlPolicy.COLLECTOR_GLOBAL + "], a local variable or an assignment to one");
    }
  }

  private static boolean isCollectorCall(MethodCallExpr call) {
    return call.getScope().filter(s -> s instanceof NameExpr n
        && n.getNameAsString().equals(DrlPolicy.COLLECTOR_GLOBAL)).isPresent();
  }

  // ---- expressions ------------------------------------------------------------------------------

  private void expression(Expression e) {
    if (e == null || e instanceof LiteralExpr) {
      return;
    }
    if (e instanceof DrlxExpression d) {
      expression(d.getExpr());
    } else if (e instanceof NameExpr n) {
      name(n);
    } else if (e instanceof ThisExpr t) {
      if (t.getTypeName().isPresent() || context == Context.CONSEQUENCE) {
        construct(t, "this", "[this] here refers to Drools' generated code");
      }
    } else if (e instanceof EnclosedExpr x) {
      expression(x.getInner());
    } else if (e instanceof BinaryExpr b) {
      expression(b.getLeft());
      expression(b.getRight());
    } else if (e instanceof UnaryExpr u) {
      if (u.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT || u.getOperator() == UnaryExpr.Operator.PREFIX_DECREMENT
          || u.getOperator() == UnaryExpr.Operator.POSTFIX_INCREMENT || u.getOperator() == UnaryExpr.Operator.POSTFIX_DECREMENT) {
        assignTarget(u.getExpression());
      }
      expression(u.getExpression());
    } else if (e instanceof ConditionalExpr c) {
      expression(c.getCondition());
      expression(c.getThenExpr());
      expression(c.getElseExpr());
    } else if (e instanceof CastExpr c) {
      type(c.getType());
      expression(c.getExpression());
    } else if (e instanceof InstanceOfExpr i) {
      type(i.getType());
      expression(i.getExpression());
      i.getPattern().ifPresent(p -> {
        if (p instanceof TypePatternExpr tp) {
          variables.add(tp.getNameAsString());
        } else {
          construct(p, "instanceof", "record patterns are not supported");
        }
      });
    } else if (e instanceof ArrayAccessExpr a) {
      expression(a.getName());
      expression(a.getIndex());
    } else if (e instanceof FieldAccessExpr f) {
      fieldAccess(f, f.getScope());
    } else if (e instanceof NullSafeFieldAccessExpr f) {
      fieldAccess(f, f.getScope());
    } else if (e instanceof MethodCallExpr m) {
      call(m, m.getName(), m.getScope().orElse(null), m.getArguments());
    } else if (e instanceof NullSafeMethodCallExpr m) {
      call(m, m.getName(), m.getScope().orElse(null), m.getArguments());
    } else if (e instanceof ObjectCreationExpr o) {
      creation(o);
    } else if (e instanceof ArrayCreationExpr || e instanceof ArrayInitializerExpr) {
      error(at(e, e instanceof ArrayCreationExpr ? "new" : firstWord(e)), "forbidden-new",
          "Forbidden creation: array [" + shorten(safeText(e)) + "]; expected no arrays in rules");
      nested(e);
    } else if (e instanceof AssignExpr a) {
      assignTarget(a.getTarget());
      if (!(a.getTarget() instanceof NameExpr)) {
        expression(a.getTarget());
      }
      expression(a.getValue());
    } else if (e instanceof VariableDeclarationExpr v) {
      if (context != Context.CONSEQUENCE) {
        construct(v, firstWord(v), "declarations belong in consequences");
      }
      for (VariableDeclarator d : v.getVariables()) {
        type(d.getType());
        d.getInitializer().ifPresent(this::expression);
      }
    } else if (e instanceof ClassExpr c) {
      error(at(c, "class"), "forbidden-type",
          "Forbidden type: class literal [" + shorten(safeText(c)) + "]; expected no reflection in rules");
    } else if (e instanceof PointFreeExpr p) {
      operator(p.getOperator());
      expression(p.getLeft());
      p.getRight().forEach(this::expression);
      args(p.getArg1(), p.getArg2(), p.getArg3(), p.getArg4());
    } else if (e instanceof HalfPointFreeExpr p) {
      operator(p.getOperator());
      p.getRight().forEach(this::expression);
      args(p.getArg1(), p.getArg2(), p.getArg3(), p.getArg4());
    } else if (e instanceof HalfBinaryExpr h) {
      expression(h.getRight());
    } else if (e instanceof InlineCastExpr c) {
      type(c.getType());
      expression(c.getExpression());
    } else if (e instanceof FullyQualifiedInlineCastExpr f) {
      typeName(f, f.getName().asString());
      expression(f.getScope());
      if (f.hasArguments()) {
        f.getArguments().forEach(this::expression);
      }
    } else if (e instanceof OOPathExpr o) {
      for (OOPathChunk chunk : o.getChunks()) {
        if (chunk.getInlineCast() != null) {
          typeName(chunk, chunk.getInlineCast().getIdentifier());
        }
        chunk.getConditions().forEach(this::expression);
      }
    } else if (e instanceof ListCreationLiteralExpression l) {
      l.getExpressions().forEach(this::expression);
    } else if (e instanceof ListCreationLiteralExpressionElement l) {
      expression(l.getValue());
    } else if (e instanceof MapCreationLiteralExpression m) {
      m.getExpressions().forEach(this::expression);
    } else if (e instanceof MapCreationLiteralExpressionKeyValuePair m) {
      expression(m.getKey());
      expression(m.getValue());
    } else if (e instanceof LambdaExpr || e instanceof MethodReferenceExpr) {
      construct(e, firstWord(e), "lambdas and method references run code the checker cannot follow");
    } else if (e instanceof SwitchExpr) {
      construct(e, "switch", "switch expressions are not supported");
    } else if (e instanceof SuperExpr) {
      construct(e, "super", "[super] refers to Drools' generated code");
    } else {
      construct(e, firstWord(e), "[" + e.getClass().getSimpleName() + "] is not supported");
    }
  }

  private void args(Expression... args) {
    for (Expression arg : args) {
      if (arg != null) {
        expression(arg);
      }
    }
  }

  private void name(NameExpr n) {
    String name = n.getNameAsString();
    if (DrlAllowList.SESSION_NAMES.contains(name)) {
      error(at(n, name), "forbidden-call", "Forbidden call: [" + name + "] reaches the Drools session; "
          + "expected only calls on [" + DrlPolicy.COLLECTOR_GLOBAL + "]");
    }
  }

  private void operator(SimpleName operator) {
    String text = operator.getIdentifier();
    int bracket = text.indexOf('[');
    String base = bracket < 0 ? text : text.substring(0, bracket);
    boolean ok = DrlAllowList.OPERATORS.contains(base);
    if (ok && base.equals("str")) {
      String operation = bracket < 0 ? "" : text.substring(bracket + 1, text.length() - 1).strip();
      ok = DrlAllowList.STR_OPERATIONS.contains(operation);
    }
    if (!ok) {
      error(at(operator, base), "forbidden-construct", "Unknown operator: [" + text
          + "]; expected one of Drools' built-in operators " + sorted(DrlAllowList.OPERATORS));
    }
  }

  private void fieldAccess(Expression node, Expression scope) {
    List<String> chain = nameChain(node);
    if (chain == null) {
      expression(scope);
      return;
    }
    String root = chain.get(0);
    if (DrlAllowList.SESSION_NAMES.contains(root)) {
      error(at(node, root), "forbidden-call", "Forbidden call: [" + root + "] reaches the Drools session; "
          + "expected only calls on [" + DrlPolicy.COLLECTOR_GLOBAL + "]");
      return;
    }
    TypeChain type = typeChain(chain);
    if (type != null) {
      typeReference(node, type.type(), "static member [" + String.join(".", chain) + "]");
    }
  }

  private void call(Expression node, SimpleName nameNode, Expression scope, NodeList<Expression> arguments) {
    String method = nameNode.getIdentifier();
    int position = at(nameNode, method);
    if (scope == null) {
      if (context == Context.CONSTRAINT) {
        instanceCall(position, method, arguments.size(), "the fact");
      } else if (context == Context.CONSEQUENCE) {
        String what = DrlAllowList.WORKING_MEMORY_CALLS.contains(method)
            ? "[" + method + "] changes the working memory"
            : "[" + method + "(...)] has no receiver: a function or a method of Drools' generated code";
        error(position, "forbidden-call", "Forbidden call: " + what + "; expected only calls on ["
            + DrlPolicy.COLLECTOR_GLOBAL + "]");
      } else {
        error(position, "forbidden-call", "Forbidden call: [" + method
            + "(...)] has no receiver: a function or a method of Drools' generated code; expected calls on facts or values");
      }
      arguments.forEach(this::expression);
      return;
    }
    List<String> chain = nameChain(scope);
    if (chain != null) {
      String root = chain.get(0);
      if (chain.size() == 1 && root.equals(DrlPolicy.COLLECTOR_GLOBAL)) {
        if (context != Context.CONSEQUENCE) {
          error(position, "forbidden-call", "Forbidden call: [" + root + "." + method
              + "] outside a consequence; expected the collector to be called from consequences only");
        } else if (!DrlAllowList.COLLECTOR_METHODS.contains(method)) {
          error(position, "forbidden-call", "Forbidden call: [" + root + "." + method
              + "]; expected one of the decision methods " + sorted(DrlAllowList.COLLECTOR_METHODS));
        }
        arguments.forEach(this::expression);
        return;
      }
      if (DrlAllowList.SESSION_NAMES.contains(root)) {
        error(position, "forbidden-call", "Forbidden call: [" + String.join(".", chain) + "." + method
            + "] reaches the Drools session; expected only calls on [" + DrlPolicy.COLLECTOR_GLOBAL + "]");
        arguments.forEach(this::expression);
        return;
      }
      TypeChain type = typeChain(chain);
      if (type != null && type.rest() == 0) {
        staticCall(position, type.type(), method);
      } else if (type != null) {
        typeReference(scope, type.type(), "static member [" + String.join(".", chain) + "]");
        instanceCall(position, method, arguments.size(), String.join(".", chain));
      } else {
        instanceCall(position, method, arguments.size(), String.join(".", chain));
      }
    } else {
      expression(scope);
      instanceCall(position, method, arguments.size(), "a value");
    }
    arguments.forEach(this::expression);
  }

  private void staticCall(int position, String typeName, String method) {
    DrlTypes.Resolved resolved = types.resolve(typeName);
    String shown = DrlAllowList.simpleNameOf(resolved.name()) + "." + method;
    switch (resolved.kind()) {
      case FACT -> {
        // The fact model is the library's own side-effect-free code.
      }
      case JDK_VALUE -> {
        Set<String> allowed = DrlAllowList.STATIC_METHODS.getOrDefault(resolved.name(), Set.of());
        if (!allowed.contains(method)) {
          error(position, "forbidden-call", "Forbidden call: static method [" + shown + "]; expected "
              + (allowed.isEmpty() ? "no static calls on " + resolved.name() : "one of " + sorted(allowed)));
        }
      }
      case FORBIDDEN -> error(position, "forbidden-call", "Forbidden call: static method [" + shown
          + "] of " + resolved.name() + "; expected fact-model, java.time or java.math methods");
      case UNKNOWN -> error(position, "forbidden-call", "Forbidden call: static method [" + typeName + "."
          + method + "] of a class not imported; expected fact-model, java.time or java.math methods");
    }
  }

  private void instanceCall(int position, String method, int argumentCount, String receiver) {
    if (argumentCount == 0) {
      if (DrlAllowList.NO_ARG_DENIED.contains(method)) {
        error(position, "forbidden-call", "Forbidden call: method [" + method + "()] on " + receiver
            + "; expected getters, record accessors or read-only value methods");
      }
    } else if (!DrlAllowList.INSTANCE_METHODS.contains(method)) {
      error(position, "forbidden-call", "Forbidden call: method [" + method + "(...)] on " + receiver
          + "; expected getters, record accessors or read-only value methods such as compareTo, "
          + "multiply, setScale, contains, startsWith, isBefore or plusDays");
    }
  }

  private void creation(ObjectCreationExpr o) {
    int position = at(o, "new");
    if (o.getScope().isPresent() || o.getAnonymousClassBody().isPresent()) {
      error(position, "forbidden-new", "Forbidden creation: [" + shorten(safeText(o))
          + "]; expected no inner or anonymous classes");
    } else {
      DrlTypes.Resolved resolved = types.resolve(o.getType().getNameWithScope());
      boolean allowed = resolved.kind() == DrlTypes.Kind.FACT
          || resolved.kind() == DrlTypes.Kind.JDK_VALUE && DrlAllowList.NEW_ALLOWED.contains(resolved.name());
      if (!allowed) {
        error(position, "forbidden-new", "Forbidden creation: [new " + o.getType().getNameWithScope()
            + "]; expected only BigDecimal, BigInteger, MathContext or fact-model values");
      }
    }
    o.getType().getTypeArguments().ifPresent(list -> list.forEach(this::type));
    o.getArguments().forEach(this::expression);
  }

  private void assignTarget(Expression target) {
    boolean local = context == Context.CONSEQUENCE && target instanceof NameExpr n
        && locals.contains(n.getNameAsString());
    if (!local) {
      error(at(target, firstWord(target)), "forbidden-assignment", "Forbidden assignment: ["
          + shorten(safeText(target)) + "]; expected assignments to local variables of the consequence only");
    }
  }

  // ---- types ------------------------------------------------------------------------------------

  private void type(Type type) {
    if (type instanceof PrimitiveType || type instanceof VarType || type instanceof VoidType) {
      return;
    }
    if (type instanceof ArrayType a) {
      type(a.getComponentType());
    } else if (type instanceof ClassOrInterfaceType c) {
      typeName(c, c.getNameWithScope());
      c.getTypeArguments().ifPresent(list -> list.forEach(this::type));
    } else if (type instanceof WildcardType w) {
      w.getExtendedType().ifPresent(this::type);
      w.getSuperType().ifPresent(this::type);
    } else {
      construct(type, firstWord(type), "type [" + shorten(safeText(type)) + "] is not supported");
    }
  }

  private void typeName(Node node, String written) {
    typeReference(node, written, "type [" + written + "]");
  }

  private void typeReference(Node node, String written, String what) {
    DrlTypes.Resolved resolved = types.resolve(written);
    if (!resolved.allowed()) {
      String first = written.split("\\.")[0];
      error(at(node, first), "forbidden-type", "Forbidden type: " + what
          + (resolved.kind() == DrlTypes.Kind.UNKNOWN ? " is not imported" : " names " + resolved.name())
          + "; expected fact-model, java.time, java.math or java.util collection types");
    }
  }

  /** A name chain that starts with a class: the class as written, and how many names follow it. */
  private record TypeChain(String type, int rest) {}

  private TypeChain typeChain(List<String> chain) {
    String root = chain.get(0);
    if (variables.contains(root) || root.equals(DrlPolicy.COLLECTOR_GLOBAL)) {
      return null;
    }
    for (int k = 0; k < chain.size(); k++) {
      String part = chain.get(k);
      if (!part.isEmpty() && Character.isUpperCase(part.charAt(0))) {
        return new TypeChain(String.join(".", chain.subList(0, k + 1)), chain.size() - k - 1);
      }
      // Class names are capitalised by convention only: javac resolves com.acme.payload.run() to a
      // class named "payload" if one exists, so ask whether the prefix names a class (without
      // initialising it) before taking it for a property path.
      String prefix = String.join(".", chain.subList(0, k + 1));
      if (DrlAllowList.classExists(prefix)) {
        return new TypeChain(prefix, chain.size() - k - 1);
      }
    }
    return null;
  }

  /** @return the names of a chain like {@code a.b.C}, or null if it holds anything but names */
  private static List<String> nameChain(Expression e) {
    List<String> names = new ArrayList<>();
    Expression current = e;
    while (true) {
      if (current instanceof NameExpr n) {
        names.add(0, n.getNameAsString());
        return names;
      } else if (current instanceof FieldAccessExpr f) {
        names.add(0, f.getNameAsString());
        current = f.getScope();
      } else if (current instanceof NullSafeFieldAccessExpr f) {
        names.add(0, f.getNameAsString());
        current = f.getScope();
      } else {
        return null;
      }
    }
  }

  // ---- reporting --------------------------------------------------------------------------------

  private void construct(Node node, String anchor, String why) {
    error(at(node, anchor), "forbidden-construct", "Forbidden construct: [" + shorten(safeText(node))
        + "]; " + why);
  }

  private void error(int offset, String code, String message) {
    report.errorAt(offset, rule, code, message);
  }

  private void syntax(ParseProblemException e, String what) {
    List<Problem> problems = e.getProblems();
    if (problems.isEmpty()) {
      error(fragment.absolute(0), "syntax", "Syntax error: " + what + " [" + shorten(fragment.code())
          + "]; expected valid " + (what.equals("consequence") ? "Java statements" : "DRL"));
      return;
    }
    for (Problem problem : problems) {
      Optional<Range> range = problem.getLocation().flatMap(location -> foundToken(location, problem.getMessage()));
      int offset = range.map(r -> codeOffset(r.begin.line, r.begin.column)).orElse(0);
      String message = problem.getMessage().lines().findFirst().orElse("").strip();
      report.errorAt(fragment.absolute(offset), rule, "syntax", "Syntax error in " + what + ": " + message
          + "; expected valid " + (what.equals("consequence") ? "Java statements" : "DRL"));
    }
  }

  /** javaparser's "Found "\"b\"" <STRING_LITERAL>": the offending token's text, Java-escaped. */
  private static final java.util.regex.Pattern FOUND =
      java.util.regex.Pattern.compile("Found\\s+\"((?:[^\"\\\\]|\\\\.)*)\"");

  /**
   * The token javaparser complains about: its problem ranges run from the last good token to the
   * offending one, and the message names the offending token's text.
   */
  private static Optional<Range> foundToken(TokenRange location, String message) {
    java.util.regex.Matcher found = FOUND.matcher(message == null ? "" : message);
    if (found.find()) {
      com.github.javaparser.JavaToken token = location.getBegin();
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
   * The offset in the file to report a node at: its own position when the parser recorded one, else
   * the next unused occurrence of {@code anchor} in the code.
   */
  private int at(Node node, String anchor) {
    Optional<Range> range = node.getRange();
    if (range.isPresent() && range.get().begin.line >= 1) {
      return fragment.absolute(codeOffset(range.get().begin.line, range.get().begin.column));
    }
    List<Integer> occurrences = new ArrayList<>();
    for (DrlText.Word word : DrlText.words(fragment.code())) {
      if (word.text().equals(anchor)) {
        occurrences.add(word.offset());
      }
    }
    if (occurrences.isEmpty()) {
      return fragment.absolute(0);
    }
    int used = anchorsUsed.merge(anchor, 1, Integer::sum) - 1;
    return fragment.absolute(occurrences.get(Math.min(used, occurrences.size() - 1)));
  }

  /** Converts a 1-based line and column of the parsed text into an offset in the fragment. */
  private int codeOffset(int line, int column) {
    if (codeLineStarts == null) {
      List<Integer> starts = new ArrayList<>();
      starts.add(0);
      String code = fragment.code();
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
      return fragment.code().length();
    }
    return codeLineStarts[codeLine - 1] + Math.max(0, column - 1);
  }

  private static String firstWord(Node node) {
    List<DrlText.Word> words = DrlText.words(safeText(node));
    return words.isEmpty() ? "" : words.get(0).text();
  }

  /** Prints a node; Drools' own nodes need Drools' printer, javaparser's default one fails on them. */
  private static String safeText(Node node) {
    try {
      return PrintUtil.printNode(node);
    } catch (RuntimeException e) {
      return node.getClass().getSimpleName();
    }
  }

  static String shorten(String code) {
    String flat = code.strip().replaceAll("\\s+", " ");
    return flat.length() <= 60 ? flat : flat.substring(0, 57) + "...";
  }

  private static String sorted(Set<String> names) {
    return names.stream().sorted().toList().toString();
  }
}
