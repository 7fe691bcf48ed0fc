package org.loyaltyrules.loyalty.rules.check;

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
import java.math.BigDecimal;
import org.drools.mvel.parser.ast.expr.BigDecimalLiteralExpr;
import org.drools.mvel.parser.ast.expr.BigIntegerLiteralExpr;
import org.drools.mvel.parser.ast.expr.DrlxExpression;
import org.drools.mvel.parser.ast.expr.FullyQualifiedInlineCastExpr;
import org.drools.mvel.parser.ast.expr.HalfBinaryExpr;
import org.drools.mvel.parser.ast.expr.HalfPointFreeExpr;
import org.drools.mvel.parser.ast.expr.InlineCastExpr;
import org.drools.mvel.parser.ast.expr.PointFreeExpr;
import org.drools.mvel.parser.ast.expr.TemporalLiteralExpr;

/**
 * Types one expression of a rule's code, or refuses it: the walk over the expression grammar that
 * hands names and calls to {@link DrlNames}, operators to {@link DrlOperators} and literals to
 * {@link DrlLiterals}, and refuses everything outside the grammar with the code that names it.
 */
final class DrlExpressions {
  private final DrlCodeContext ctx;
  private final DrlLiterals literals;
  private final DrlNames names;
  private final DrlOperators operators;

  DrlExpressions(DrlCodeContext ctx) {
    this.ctx = ctx;
    this.literals = new DrlLiterals(ctx);
    this.names = new DrlNames(ctx, this);
    this.operators = new DrlOperators(ctx, this);
  }

  void condition(Expression e) {
    DrlType type = type(e);
    if (!type.isError() && !type.isBoolean()) {
      ctx.refuse(e, "forbidden-comparison", "Not a condition: [" + DrlFragment.shorten(DrlFragment.safeText(e)) + "] is "
          + type.display() + "; expected a comparison or a true/false property, such as quantity > 1 or allLines");
    }
  }

  /** Types an expression used as a value: not null, not a type name, not the collector. */
  DrlType value(Expression e) {
    DrlType type = type(e);
    switch (type.kind()) {
      case NULL -> {
        ctx.refuse(e, "forbidden-literal", "Forbidden literal: [null] here; expected null only in == null or != null");
        return DrlType.ERROR;
      }
      case TYPE_NAME -> {
        ctx.refuse(e, "forbidden-type", "Forbidden value: type [" + type.raw().getSimpleName() + "] used as a value; "
            + "expected a value, such as " + type.raw().getSimpleName() + ".valueOf(...) or a constant");
        return DrlType.ERROR;
      }
      case COLLECTOR -> {
        ctx.refuse(e, "forbidden-call", "Forbidden value: [" + DrlPolicy.COLLECTOR_GLOBAL + "] used as a value; expected "
            + DrlPolicy.COLLECTOR_GLOBAL + ".<decision>(...) as a statement");
        return DrlType.ERROR;
      }
      default -> {
        return type;
      }
    }
  }

  DrlType type(Expression e) {
    if (e instanceof DrlxExpression d) {
      if (d.getBind() != null) {
        ctx.refuse(d, "forbidden-construct", "Forbidden binding: [" + d.getBind().getIdentifier()
            + "] inside an expression; expected bindings only at the start of a constraint");
        return DrlType.ERROR;
      }
      return type(d.getExpr());
    }
    if (e instanceof EnclosedExpr x) {
      return type(x.getInner());
    }
    if (e instanceof StringLiteralExpr s) {
      return literals.stringLiteral(s, s.getValue());
    }
    if (e instanceof CharLiteralExpr c) {
      if (ctx.inConsequence) {
        return ctx.refuseLiteral(c, "character [" + c.getValue() + "]", "a string in double quotes");
      }
      return literals.stringLiteral(c, c.getValue());
    }
    if (e instanceof TextBlockLiteralExpr t) {
      return ctx.refuseLiteral(t, "text block", "an ordinary string literal of at most " + DrlAllowList.MAX_STRING_LITERAL + " characters");
    }
    if (e instanceof IntegerLiteralExpr || e instanceof LongLiteralExpr) {
      return literals.integerLiteral(e, ((com.github.javaparser.ast.expr.LiteralStringValueExpr) e).getValue());
    }
    if (e instanceof DoubleLiteralExpr d) {
      return literals.decimalLiteral(d);
    }
    if (e instanceof BigDecimalLiteralExpr || e instanceof BigIntegerLiteralExpr || e instanceof TemporalLiteralExpr) {
      return ctx.refuseLiteral(e, "[" + DrlFragment.safeText(e) + "]", "plain numbers such as 500 or 1.5");
    }
    if (e instanceof BooleanLiteralExpr) {
      return DrlType.BOOLEAN;
    }
    if (e instanceof NullLiteralExpr) {
      return DrlType.NULL;
    }
    if (e instanceof NameExpr n) {
      return names.name(n);
    }
    if (e instanceof ThisExpr t) {
      if (t.getTypeName().isPresent() || ctx.inConsequence || ctx.pattern == null) {
        return ctx.refuseConstruct(t, "this", "[this] outside a pattern's constraint refers to Drools' generated code; "
            + "expected this only in a constraint, for the pattern's fact");
      }
      return ctx.pattern;
    }
    if ((e instanceof FieldAccessExpr || e instanceof MethodCallExpr) && ctx.pattern == null && !ctx.inConsequence) {
      // Drools types an accumulate's results as Object in its own constraints: only comparisons compile.
      return ctx.refuseConstruct(e, e instanceof MethodCallExpr m ? m.getNameAsString() : ((FieldAccessExpr) e).getNameAsString(),
          "an accumulate's result constraints compare its results with literals, such as $n >= 3 or $total > 1000; "
          + "expected no calls or properties there");
    }
    if (e instanceof FieldAccessExpr f) {
      return names.field(f);
    }
    if (e instanceof MethodCallExpr m) {
      return names.call(m);
    }
    if (e instanceof BinaryExpr b) {
      return operators.binary(b);
    }
    if (e instanceof UnaryExpr u) {
      return operators.unary(u);
    }
    if (e instanceof ConditionalExpr c) {
      return operators.conditional(c);
    }
    if (e instanceof PointFreeExpr p && !ctx.inConsequence) {
      if (argumentsOf(p.getArg1(), p.getArg2(), p.getArg3(), p.getArg4())) {
        return ctx.refuseConstruct(p, p.getOperator().getIdentifier(), "operator parameters are not supported");
      }
      DrlType left = type(p.getLeft());
      ctx.halfLeft = p.getLeft();
      ctx.halfLeftType = left;
      return operators.operator(p, p.getOperator().getIdentifier(), left, p.getRight());
    }
    if (e instanceof HalfPointFreeExpr h && !ctx.inConsequence) {
      if (ctx.halfLeft == null || argumentsOf(h.getArg1(), h.getArg2(), h.getArg3(), h.getArg4())) {
        return ctx.refuseConstruct(h, h.getOperator().getIdentifier(), "expected the left side written out");
      }
      return operators.operator(h, h.getOperator().getIdentifier(), ctx.halfLeftType, h.getRight());
    }
    if (e instanceof HalfBinaryExpr h && !ctx.inConsequence) {
      if (ctx.halfLeft == null) {
        return ctx.refuseConstruct(h, h.getOperator().asString(), "expected the left side written out");
      }
      return operators.comparison(h, h.getOperator().toBinaryExprOperator(), ctx.halfLeftType, type(h.getRight()), h.getRight());
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
  DrlType refused(Expression e) {
    String text = DrlFragment.shorten(DrlFragment.safeText(e));
    if (e instanceof ObjectCreationExpr o) {
      ctx.refuse(o, "new", "forbidden-new", "Forbidden creation: [" + text + "]; expected no new in rules (facts come "
          + "from the engine; numbers from literals and BigDecimal.valueOf)");
    } else if (e instanceof ArrayCreationExpr || e instanceof ArrayInitializerExpr) {
      ctx.refuse(e, "forbidden-new", "Forbidden creation: array [" + text + "]; expected no arrays in rules");
    } else if (e instanceof ClassExpr c) {
      ctx.refuse(c, "class", "forbidden-type", "Forbidden type: class literal [" + text + "]; expected no reflection in rules");
    } else if (e instanceof CastExpr || e instanceof InlineCastExpr || e instanceof FullyQualifiedInlineCastExpr
        || e instanceof InstanceOfExpr) {
      ctx.refuse(e, "forbidden-type", "Forbidden type test or cast: [" + text + "]; expected no casts or instanceof "
          + "(every value already has its type; use intValue() or longValue() to convert numbers)");
    } else if (e instanceof AssignExpr) {
      ctx.refuse(e, "forbidden-assignment", "Forbidden assignment: [" + text + "]; expected no assignments");
    } else if (e instanceof UnaryExpr u && isIncrement(u)) {
      ctx.refuse(e, "forbidden-assignment", "Forbidden assignment: [" + text + "]; expected no increments");
    } else if (e instanceof LambdaExpr || e instanceof MethodReferenceExpr) {
      ctx.refuseConstruct(e, DrlFragment.firstWord(e), "lambdas and method references run code the checker cannot follow");
    } else if (e instanceof SuperExpr) {
      ctx.refuseConstruct(e, "super", "[super] refers to Drools' generated code");
    } else if (e instanceof ArrayAccessExpr) {
      ctx.refuseConstruct(e, DrlFragment.firstWord(e), "expected no arrays in rules");
    } else if (e instanceof VariableDeclarationExpr) {
      ctx.refuseConstruct(e, DrlFragment.firstWord(e), "declarations belong in consequences, one per statement");
    } else {
      ctx.refuseConstruct(e, DrlFragment.firstWord(e), "[" + e.getClass().getSimpleName().replace("Expr", "")
          + "] is not part of the rule grammar");
    }
    return DrlType.ERROR;
  }

  static boolean isIncrement(UnaryExpr u) {
    return u.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT || u.getOperator() == UnaryExpr.Operator.PREFIX_DECREMENT
        || u.getOperator() == UnaryExpr.Operator.POSTFIX_INCREMENT || u.getOperator() == UnaryExpr.Operator.POSTFIX_DECREMENT;
  }

  static Expression unwrap(Expression e) {
    Expression current = e;
    while (current instanceof EnclosedExpr x) {
      current = x.getInner();
    }
    return current;
  }

  /** Whether an expression is a path a binding may name: a name, property, getter call or this. */
  static boolean isPath(Expression e) {
    Expression current = unwrap(e);
    return current instanceof NameExpr || current instanceof FieldAccessExpr || current instanceof MethodCallExpr
        || current instanceof ThisExpr;
  }
}
