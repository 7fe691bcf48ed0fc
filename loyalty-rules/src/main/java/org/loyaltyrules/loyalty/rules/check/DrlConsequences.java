package org.loyaltyrules.loyalty.rules.check;

import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
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
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The statements of a consequence: calls on the collector with checked arguments and local variable
 * declarations of allowed types, nothing else (no assignments, loops or other statements).
 */
final class DrlConsequences {
  private static final Pattern LOCAL_NAME = Pattern.compile("[a-z][A-Za-z0-9_]{0,39}");

  private final DrlCodeContext ctx;
  private final DrlExpressions expressions;
  private final DrlLiterals literals;

  DrlConsequences(DrlCodeContext ctx, DrlExpressions expressions) {
    this.ctx = ctx;
    this.expressions = expressions;
    this.literals = new DrlLiterals(ctx);
  }

  void statement(Statement statement) {
    if (statement instanceof EmptyStmt) {
      return;
    }
    if (statement instanceof ExpressionStmt es) {
      Expression e = es.getExpression();
      if (e instanceof MethodCallExpr call && ctx.isCollector(call.getScope().orElse(null))) {
        collectorCall(call);
      } else if (e instanceof VariableDeclarationExpr declaration) {
        local(declaration);
      } else if (e instanceof AssignExpr || e instanceof UnaryExpr u && DrlExpressions.isIncrement(u)) {
        ctx.refuse(e, "forbidden-assignment", "Forbidden assignment: [" + DrlFragment.shorten(DrlFragment.safeText(e))
            + "]; expected no assignments (declare a new local instead: final int total = ...;)");
      } else if (e instanceof MethodCallExpr call) {
        // Type the call first, so that the first thing outside the grammar is reported where it is;
        // then refuse the statement itself, unless that first refusal was this very call.
        ctx.lastRefused = null;
        if (!expressions.type(call).isError() || ctx.lastRefused != call.getName()) {
          ctx.refuse(call.getName(), "forbidden-call", "Forbidden call: statement [" + DrlFragment.shorten(DrlFragment.safeText(e))
              + "] in a consequence; expected only calls on [" + DrlPolicy.COLLECTOR_GLOBAL + "] as statements");
        }
      } else {
        ctx.refuse(e, "forbidden-statement", "Forbidden statement: [" + DrlFragment.shorten(DrlFragment.safeText(e))
            + "] in a consequence; expected calls on [" + DrlPolicy.COLLECTOR_GLOBAL + "] and local variable declarations");
      }
    } else if (statement instanceof WhileStmt || statement instanceof DoStmt || statement instanceof ForStmt
        || statement instanceof ForEachStmt) {
      String keyword = statement instanceof WhileStmt ? "while" : statement instanceof DoStmt ? "do" : "for";
      ctx.refuse(statement, "forbidden-loop", "Forbidden loop: [" + keyword + "] in a consequence; expected straight-line "
          + "code (a rule fires once per match, and a loop could run forever)");
    } else {
      String kind = statement.getClass().getSimpleName().replace("Stmt", "").toLowerCase(Locale.ROOT);
      ctx.refuse(statement, "forbidden-statement", "Forbidden statement: [" + kind + "] in a consequence; expected calls on ["
          + DrlPolicy.COLLECTOR_GLOBAL + "] and local variable declarations (write conditions in when, one rule "
          + "per case)");
    }
  }

  private void collectorCall(MethodCallExpr call) {
    String method = call.getNameAsString();
    if (call.getTypeArguments().isPresent()) {
      ctx.refuse(call.getName(), "forbidden-call", "Forbidden call: [" + method + "] with type arguments; expected "
          + DrlPolicy.COLLECTOR_GLOBAL + "." + method + "(...)");
      return;
    }
    if (!DrlAllowList.COLLECTOR_METHODS.contains(method)) {
      ctx.refuse(call.getName(), "forbidden-call", "Forbidden call: [" + DrlPolicy.COLLECTOR_GLOBAL + "." + method
          + "]; expected one of the decision methods " + DrlCodeContext.sorted(DrlAllowList.COLLECTOR_METHODS));
      return;
    }
    for (Expression argument : call.getArguments()) {
      DrlType type = expressions.value(argument);
      if (type.isString() && argument instanceof StringLiteralExpr literal) {
        literals.numberInText(literal);
      }
    }
  }

  private void local(VariableDeclarationExpr declaration) {
    if (declaration.getVariables().size() != 1) {
      ctx.refuse(declaration, "forbidden-statement", "Forbidden statement: [" + DrlFragment.shorten(DrlFragment.safeText(declaration))
          + "] declares several variables; expected one local variable per statement");
      return;
    }
    if (!declaration.getAnnotations().isEmpty()
        || declaration.getModifiers().stream().anyMatch(m -> m.getKeyword() != Modifier.Keyword.FINAL)) {
      ctx.refuse(declaration, "forbidden-statement", "Forbidden statement: [" + DrlFragment.shorten(DrlFragment.safeText(declaration))
          + "]; expected a plain local variable, optionally final");
      return;
    }
    VariableDeclarator variable = declaration.getVariables().get(0);
    String name = variable.getNameAsString();
    Optional<String> nameProblem = localNameProblem(name);
    if (nameProblem.isPresent()) {
      ctx.refuse(variable.getName(), "forbidden-variable", "Forbidden local variable: [" + name + "] " + nameProblem.get());
      return;
    }
    if (variable.getInitializer().isEmpty()) {
      ctx.refuse(variable.getName(), "forbidden-statement", "Forbidden statement: local variable [" + name
          + "] without a value; expected a local variable with its value, such as final int points = 10;");
      return;
    }
    DrlType value = expressions.value(variable.getInitializer().get());
    if (value.isError()) {
      ctx.locals.put(name, DrlType.ERROR);
      return;
    }
    DrlType declared = localType(variable.getType(), value);
    if (declared == null) {
      ctx.locals.put(name, DrlType.ERROR);
      return;
    }
    if (!value.assignableTo(declared.raw())) {
      ctx.refuse(variable.getName(), "forbidden-comparison", "Forbidden value: local variable [" + name + "] of type "
          + declared.display() + " given a " + value.display() + "; expected a value of its type");
    }
    ctx.locals.put(name, declared);
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
        ctx.refuse(type, "forbidden-type", "Forbidden type: [" + p.asString() + "] for a local variable; expected "
            + localTypeNames());
        return null;
      }
      return DrlType.value(raw);
    }
    if (type instanceof ClassOrInterfaceType c && c.getScope().isEmpty() && c.getTypeArguments().isEmpty()
        && c.getAnnotations().isEmpty()) {
      DrlTypes.Resolution resolved = ctx.types.simple(c.getNameAsString());
      if (resolved.resolved() && resolved.kind() == DrlTypes.Kind.FACT) {
        return DrlType.fact(resolved.type());
      }
      if (resolved.resolved() && DrlAllowList.LOCAL_TYPES.contains(resolved.type())) {
        return DrlType.value(resolved.type());
      }
      ctx.refuse(type, "forbidden-type", "Forbidden type: [" + c.getNameAsString() + "] for a local variable "
          + (resolved.resolved() ? "" : resolved.problem() + " ") + "; expected " + localTypeNames());
      return null;
    }
    ctx.refuse(type, "forbidden-type", "Forbidden type: [" + DrlFragment.safeText(type) + "] for a local variable; expected "
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
    if (DrlAllowList.KEYWORDS.contains(name) || ctx.reservedNames.contains(name)) {
      return Optional.of("could also read as a package, the collector or the Drools session; expected another name");
    }
    if (ctx.locals.containsKey(name)) {
      return Optional.of("is already declared in this consequence; expected each local once");
    }
    return Optional.empty();
  }
}
