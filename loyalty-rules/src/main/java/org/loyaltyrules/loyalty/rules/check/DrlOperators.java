package org.loyaltyrules.loyalty.rules.check;

import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Types the operators of a rule's code: logic, comparisons, Drools' named operators ({@code in},
 * {@code memberOf}, {@code contains}, {@code str[...]}), whole-number arithmetic with literal
 * divisors, text built with {@code +}, unary operators and {@code ?:}.
 */
final class DrlOperators {
  private static final int MAX_IN_VALUES = 500;

  private final DrlCodeContext ctx;
  private final DrlExpressions expressions;

  DrlOperators(DrlCodeContext ctx, DrlExpressions expressions) {
    this.ctx = ctx;
    this.expressions = expressions;
  }

  DrlType binary(BinaryExpr b) {
    BinaryExpr.Operator op = b.getOperator();
    switch (op) {
      case AND, OR -> {
        expressions.condition(b.getLeft());
        expressions.condition(b.getRight());
        return DrlType.BOOLEAN;
      }
      case EQUALS, NOT_EQUALS, LESS, LESS_EQUALS, GREATER, GREATER_EQUALS -> {
        DrlType left = expressions.type(b.getLeft());
        ctx.halfLeft = b.getLeft();
        ctx.halfLeftType = left;
        return comparison(b, op, left, expressions.type(b.getRight()), b.getRight());
      }
      case PLUS, MINUS, MULTIPLY, DIVIDE, REMAINDER -> {
        return arithmetic(b);
      }
      default -> {
        return ctx.refuseConstruct(b, op.asString(), "operator [" + op.asString() + "] is not part of the rule grammar; "
            + "expected ==, !=, <, <=, >, >=, &&, ||, !, +, -, *, / and %");
      }
    }
  }

  DrlType comparison(Expression node, BinaryExpr.Operator op, DrlType left, DrlType right, Expression rightNode) {
    if (left.isError() || right.isError()) {
      return DrlType.ERROR;
    }
    for (DrlType side : List.of(left, right)) {
      if (side.kind() == DrlType.Kind.TYPE_NAME || side.kind() == DrlType.Kind.COLLECTOR) {
        ctx.refuse(node, op.asString(), "forbidden-comparison", "Forbidden comparison: ["
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
      ctx.refuse(node, op.asString(), "forbidden-comparison", "Forbidden comparison: [" + DrlFragment.shorten(DrlFragment.safeText(node))
          + "] compares " + left.display() + " with " + right.display() + "; expected "
          + (equality ? "two numbers, two texts, two dates, two true/false values, two facts or a value and null"
              : "two numbers, two texts or two dates"));
      return DrlType.ERROR;
    }
    return DrlType.BOOLEAN;
  }

  DrlType operator(Expression node, String operator, DrlType left, List<Expression> rights) {
    int bracket = operator.indexOf('[');
    String base = bracket < 0 ? operator : operator.substring(0, bracket);
    String argument = bracket < 0 ? "" : operator.substring(bracket + 1, Math.max(bracket + 1, operator.length() - 1)).strip();
    if (!DrlAllowList.OPERATORS.contains(base) || base.equals("str") != !argument.isEmpty()
        || base.equals("str") && !DrlAllowList.STR_OPERATIONS.contains(argument)) {
      String why = base.equals("matches") ? "operator [matches] runs a regular expression, which can take unbounded time"
          : "operator [" + operator + "] is not part of the rule grammar";
      return ctx.refuseConstruct(node, base, why + "; expected ==, !=, <, <=, >, >=, memberOf, contains, in, "
          + "str[startsWith], str[endsWith], str[length] (each optionally with not)");
    }
    if (left.isError()) {
      return DrlType.ERROR;
    }
    if (base.equals("in")) {
      if (rights.isEmpty() || rights.size() > MAX_IN_VALUES) {
        return ctx.refuseConstruct(node, base, "expected 1 to " + MAX_IN_VALUES + " values in ( ... )");
      }
      DrlType result = DrlType.BOOLEAN;
      for (Expression right : rights) {
        if (comparison(node, BinaryExpr.Operator.EQUALS, left, expressions.value(right), right).isError()) {
          result = DrlType.ERROR;
        }
      }
      return result;
    }
    if (rights.size() != 1) {
      return ctx.refuseConstruct(node, base, "expected one value after " + base);
    }
    DrlType right = expressions.value(rights.get(0));
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
      ctx.refuse(node, base, "forbidden-comparison", "Forbidden comparison: [" + DrlFragment.shorten(DrlFragment.safeText(node))
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
    DrlType left = expressions.value(b.getLeft());
    DrlType right = expressions.value(b.getRight());
    if (left.isError() || right.isError()) {
      return DrlType.ERROR;
    }
    if (op == BinaryExpr.Operator.PLUS && (left.isString() || right.isString())) {
      return concatenation(b);
    }
    boolean numbers = left.isIntegral() && right.isIntegral()
        || !ctx.inConsequence && (left.isIntegral() || left.unboxed() == double.class)
            && (right.isIntegral() || right.unboxed() == double.class);
    if (!numbers) {
      String hint = left.raw() == BigDecimal.class || right.raw() == BigDecimal.class
          ? "; BigDecimal arithmetic is written add, subtract, multiply, divide" : "";
      ctx.refuse(b, op.asString(), "forbidden-comparison", "Forbidden arithmetic: [" + DrlFragment.shorten(DrlFragment.safeText(b))
          + "] on " + left.display() + " and " + right.display() + "; expected whole numbers" + hint);
      return DrlType.ERROR;
    }
    if ((op == BinaryExpr.Operator.DIVIDE || op == BinaryExpr.Operator.REMAINDER) && !DrlLiterals.positiveLiteral(DrlExpressions.unwrap(b.getRight()))) {
      ctx.refuse(b, op.asString(), "forbidden-comparison", "Forbidden arithmetic: [" + DrlFragment.shorten(DrlFragment.safeText(b))
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
      DrlType type = expressions.type(leaf);
      if (type.isError()) {
        return DrlType.ERROR;
      }
      boolean printable = type.kind() == DrlType.Kind.PRIMITIVE || type.isString() || type.isNumeric()
          && type.raw() != BigDecimal.class || type.kind() == DrlType.Kind.VALUE && type.raw() != BigDecimal.class;
      if (!printable) {
        ctx.refuse(leaf, "forbidden-call", "Forbidden text: [" + DrlFragment.shorten(DrlFragment.safeText(leaf)) + "] of type "
            + type.display() + " in text; expected texts, whole numbers, true/false values, dates and their properties"
            + (type.raw() == BigDecimal.class ? " (write intValue() of an amount)" : ""));
        return DrlType.ERROR;
      }
      if (ctx.inConsequence && leaf instanceof NameExpr n && ctx.locals.containsKey(n.getNameAsString()) && type.isString()) {
        ctx.refuse(leaf, "forbidden-size", "Forbidden text: local [" + n.getNameAsString() + "] in text; expected text "
            + "built in one expression from literals, bindings and properties (text built from text could double in size "
            + "with every statement)");
        return DrlType.ERROR;
      }
    }
    return DrlType.STRING;
  }

  private static void flatten(Expression e, List<Expression> leaves) {
    Expression current = DrlExpressions.unwrap(e);
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

  DrlType unary(UnaryExpr u) {
    switch (u.getOperator()) {
      case LOGICAL_COMPLEMENT -> {
        expressions.condition(u.getExpression());
        return DrlType.BOOLEAN;
      }
      case MINUS, PLUS -> {
        DrlType operand = expressions.value(u.getExpression());
        if (operand.isError()) {
          return DrlType.ERROR;
        }
        if (operand.isIntegral() || operand.unboxed() == double.class) {
          return DrlType.value(operand.unboxed());
        }
        ctx.refuse(u, u.getOperator().asString(), "forbidden-comparison", "Forbidden arithmetic: ["
            + DrlFragment.shorten(DrlFragment.safeText(u)) + "] on " + operand.display() + "; expected a number"
            + (operand.raw() == BigDecimal.class ? " (write negate() for an amount)" : ""));
        return DrlType.ERROR;
      }
      default -> {
        return expressions.refused(u);
      }
    }
  }

  DrlType conditional(ConditionalExpr c) {
    expressions.condition(c.getCondition());
    DrlType then = expressions.value(c.getThenExpr());
    DrlType otherwise = expressions.value(c.getElseExpr());
    if (then.isError() || otherwise.isError()) {
      return DrlType.ERROR;
    }
    if (then.isIntegral() && otherwise.isIntegral()) {
      return then.unboxed() == long.class || otherwise.unboxed() == long.class ? DrlType.LONG : DrlType.INT;
    }
    if (then.raw() == otherwise.raw() && then.kind() == otherwise.kind()) {
      return then;
    }
    ctx.refuse(c, "?", "forbidden-comparison", "Forbidden choice: [" + DrlFragment.shorten(DrlFragment.safeText(c))
        + "] chooses between " + then.display() + " and " + otherwise.display() + "; expected two values of one type");
    return DrlType.ERROR;
  }
}
