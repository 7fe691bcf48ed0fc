package org.loyaltyrules.loyalty.rules.check;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.drools.mvel.parser.ast.expr.DrlNameExpr;

/**
 * Resolves names, properties and calls: bindings, locals, the pattern's properties, the collector
 * and allowed types; a fact's getters, value types' constants and getters, and method calls
 * checked against {@link DrlAllowList#SIGNATURES}, counting the rule's costly arithmetic.
 */
final class DrlNames {
  private final DrlCodeContext ctx;
  private final DrlExpressions expressions;

  DrlNames(DrlCodeContext ctx, DrlExpressions expressions) {
    this.ctx = ctx;
    this.expressions = expressions;
  }

  DrlType name(NameExpr n) {
    String name = n.getNameAsString();
    if (n instanceof DrlNameExpr d && d.getBackReferencesCount() > 0) {
      return ctx.refuseConstruct(n, name, "back references (../) are not supported");
    }
    if (name.startsWith("$")) {
      DrlType bound = ctx.binding(name);
      if (bound == null) {
        ctx.refuse(n, name, "forbidden-variable", "Unknown binding: [" + name + "]; expected a binding declared earlier in "
            + "this rule and still in scope (bindings inside not, exists, forall, or and accumulate stay inside)");
        return DrlType.ERROR;
      }
      return bound;
    }
    if (ctx.inConsequence) {
      DrlType local = ctx.locals.get(name);
      if (local != null) {
        return local;
      }
      if (name.equals(DrlPolicy.COLLECTOR_GLOBAL)) {
        return DrlType.collector(org.loyaltyrules.loyalty.rules.facts.Decisions.class);
      }
    } else if (ctx.pattern != null && ctx.pattern.kind() == DrlType.Kind.FACT) {
      DrlFactModel.Property property = DrlFactModel.properties(ctx.pattern.raw(), ctx.policy).get(name);
      if (property != null) {
        if (ctx.reservedNames.contains(name) || ctx.types.isTypeName(name)) {
          ctx.refuse(n, name, "forbidden-variable", "Ambiguous name: property [" + name + "] of " + ctx.pattern.display()
              + " could also read as a package or type; expected this." + name + " or the getter "
              + property.getter() + "()");
          return DrlType.ERROR;
        }
        return property.type();
      }
    }
    if (name.equals("drools") || name.equals("kcontext")) {
      ctx.refuse(n, name, "forbidden-call", "Forbidden call: [" + name + "] reaches the Drools session; expected only "
          + "calls on [" + DrlPolicy.COLLECTOR_GLOBAL + "]");
      return DrlType.ERROR;
    }
    DrlTypes.Resolution resolved = ctx.types.simple(name);
    if (resolved.resolved()) {
      return resolved.kind() == DrlTypes.Kind.COLLECTOR ? refusedCollectorType(n) : DrlType.typeName(resolved.type());
    }
    if (!ctx.inConsequence && ctx.pattern != null && ctx.pattern.kind() == DrlType.Kind.FACT && !Character.isUpperCase(name.charAt(0))) {
      ctx.refuse(n, name, "forbidden-property", "Unknown property: [" + name + "] of " + ctx.pattern.display() + "; expected one "
          + "of " + DrlFactModel.propertyList(ctx.pattern.raw(), ctx.policy) + ", a $binding or an imported value type");
    } else if (ctx.reservedNames.contains(name) && n.getParentNode().filter(FieldAccessExpr.class::isInstance).isPresent()) {
      ctx.refuse(n, name, "forbidden-type", "Forbidden type: [" + name + "...] is a fully qualified name; expected the "
          + "fact types and " + DrlTypes.valueTypeNames() + ", imported and written by their simple names");
    } else if (Character.isUpperCase(name.charAt(0))) {
      ctx.refuse(n, name, "forbidden-type", "Forbidden type: [" + name + "] " + resolved.problem() + "; expected the fact "
          + "types and " + DrlTypes.valueTypeNames() + ", imported");
    } else {
      ctx.refuse(n, name, "forbidden-variable", "Unknown name: [" + name + "]; expected a $binding, "
          + (ctx.inConsequence ? "a local variable declared above, " + DrlPolicy.COLLECTOR_GLOBAL + " " : "")
          + "or an imported type");
    }
    return DrlType.ERROR;
  }

  private DrlType refusedCollectorType(Node n) {
    ctx.refuse(n, "Decisions", "forbidden-type", "Forbidden type: [Decisions] in code; expected the collector only through "
        + "the global " + DrlPolicy.COLLECTOR_GLOBAL);
    return DrlType.ERROR;
  }

  DrlType field(FieldAccessExpr f) {
    String name = f.getNameAsString();
    if (f.getTypeArguments().isPresent()) {
      return ctx.refuseConstruct(f, name, "type arguments are not supported");
    }
    DrlType scope = expressions.type(f.getScope());
    switch (scope.kind()) {
      case ERROR, NULL -> {
        return DrlType.ERROR;
      }
      case TYPE_NAME -> {
        Set<String> constants = DrlAllowList.CONSTANTS.getOrDefault(scope.raw(), Set.of());
        if (constants.contains(name)) {
          return DrlType.value(scope.raw());
        }
        ctx.refuse(f.getName(), name, "forbidden-property", "Forbidden constant: [" + scope.raw().getSimpleName() + "." + name
            + "]; expected " + (constants.isEmpty() ? "no constants of " + scope.raw().getSimpleName()
                : "one of " + DrlCodeContext.sorted(constants)));
        return DrlType.ERROR;
      }
      case FACT -> {
        DrlFactModel.Property property = DrlFactModel.properties(scope.raw(), ctx.policy).get(name);
        if (property == null) {
          ctx.refuse(f.getName(), name, "forbidden-property", "Unknown property: [" + name + "] of " + scope.display()
              + "; expected one of " + DrlFactModel.propertyList(scope.raw(), ctx.policy));
          return DrlType.ERROR;
        }
        if (ctx.inConsequence) {
          ctx.refuse(f.getName(), name, "forbidden-property", "Forbidden property access: [" + name + "] in a consequence; "
              + "expected the getter, " + property.getter() + "()");
          return DrlType.ERROR;
        }
        return property.type();
      }
      case PRIMITIVE, VALUE -> {
        Optional<DrlAllowList.Signature> getter = valueGetter(scope.raw(), name);
        if (getter.isEmpty() || ctx.inConsequence) {
          ctx.refuse(f.getName(), name, "forbidden-property", "Unknown property: [" + name + "] of " + scope.display()
              + "; expected " + (ctx.inConsequence ? "a call of one of " : "one of the calls ")
              + DrlAllowList.signatureList(scope.raw(), false));
          return DrlType.ERROR;
        }
        return DrlType.value(getter.get().result());
      }
      default -> {
        ctx.refuse(f.getName(), name, "forbidden-property", "Unknown property: [" + name + "] of " + scope.display()
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

  DrlType call(MethodCallExpr m) {
    String name = m.getNameAsString();
    if (m.getTypeArguments().isPresent()) {
      return ctx.refuseConstruct(m, name, "type arguments are not supported");
    }
    Optional<Expression> scopeExpression = m.getScope();
    if (scopeExpression.isEmpty()) {
      if (!ctx.inConsequence && ctx.pattern != null && ctx.pattern.kind() == DrlType.Kind.FACT && m.getArguments().isEmpty()) {
        Optional<DrlFactModel.Property> getter = DrlFactModel.byGetter(ctx.pattern.raw(), name, ctx.policy);
        if (getter.isPresent()) {
          return getter.get().type();
        }
      }
      ctx.refuse(m.getName(), name, "forbidden-call", "Forbidden call: [" + name + "(...)] has no receiver: a function or "
          + "a method of Drools' generated code; expected "
          + (ctx.inConsequence ? "calls on " + DrlPolicy.COLLECTOR_GLOBAL + " and on values"
              : "a getter of the fact, such as " + firstGetter() + ", or calls on values"));
      return DrlType.ERROR;
    }
    if (ctx.isCollector(scopeExpression.get()) && ctx.inConsequence) {
      ctx.refuse(m.getName(), name, "forbidden-call", "Forbidden call: [" + DrlPolicy.COLLECTOR_GLOBAL + "." + name
          + "] inside an expression; expected calls on " + DrlPolicy.COLLECTOR_GLOBAL + " as statements only");
      return DrlType.ERROR;
    }
    Optional<String> outside = typeOutsideTheGrammar(scopeExpression.get());
    if (outside.isPresent()) {
      String type = ((NameExpr) scopeExpression.get()).getNameAsString();
      ctx.refuse(m.getName(), name, "forbidden-call", "Forbidden call: static method [" + type + "." + name + "]: " + type
          + " " + outside.get() + "; expected static calls only of " + STATIC_CALLS);
      return DrlType.ERROR;
    }
    DrlType scope = expressions.type(scopeExpression.get());
    switch (scope.kind()) {
      case ERROR -> {
        return DrlType.ERROR;
      }
      case NULL, COLLECTOR -> {
        expressions.value(scopeExpression.get());
        return DrlType.ERROR;
      }
      case FACT -> {
        Optional<DrlFactModel.Property> getter = m.getArguments().isEmpty()
            ? DrlFactModel.byGetter(scope.raw(), name, ctx.policy) : Optional.empty();
        if (getter.isEmpty()) {
          ctx.refuse(m.getName(), name, "forbidden-call", "Forbidden call: [" + name + "(...)] on " + scope.display()
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
    if (!Character.isUpperCase(name.charAt(0)) || ctx.inConsequence && ctx.locals.containsKey(name)
        || !ctx.inConsequence && ctx.pattern != null && ctx.pattern.kind() == DrlType.Kind.FACT
            && DrlFactModel.properties(ctx.pattern.raw(), ctx.policy).containsKey(name)) {
      return Optional.empty();
    }
    DrlTypes.Resolution resolved = ctx.types.simple(name);
    return resolved.resolved() ? Optional.empty() : Optional.of(resolved.problem());
  }

  private String firstGetter() {
    return DrlFactModel.properties(ctx.pattern.raw(), ctx.policy).values().stream().findFirst()
        .map(p -> p.getter() + "()").orElse("getId()");
  }

  private String getters(Class<?> fact) {
    return DrlFactModel.properties(fact, ctx.policy).values().stream().map(p -> p.getter() + "()").sorted().toList().toString();
  }

  private DrlType signatureCall(MethodCallExpr m, DrlType scope, boolean isStatic) {
    String name = m.getNameAsString();
    List<DrlType> arguments = new ArrayList<>();
    for (Expression argument : m.getArguments()) {
      DrlType type = expressions.value(argument);
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
      ctx.refuse(m.getName(), name, "forbidden-call", "Forbidden call: [" + shown + "] on " + (isStatic ? "type " : "")
          + scope.display() + "; expected " + (allowed.equals("[]") ? "no calls on " + scope.display() : "one of " + allowed));
      return DrlType.ERROR;
    }
    if (match.cost() != DrlAllowList.Cost.PLAIN) {
      ctx.multiplications++;
      if (match.cost() == DrlAllowList.Cost.DIVIDE) {
        divideArguments(m);
      }
      if (ctx.multiplications > DrlAllowList.MAX_MULTIPLICATIONS) {
        ctx.refuse(m.getName(), name, "forbidden-size", "Too much arithmetic: [" + name + "] is the rule's "
            + ctx.multiplications + "th BigDecimal multiplication or division; expected at most "
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
    Expression divisor = DrlExpressions.unwrap(m.getArgument(0));
    Expression scale = DrlExpressions.unwrap(m.getArgument(1));
    boolean constantDivisor = divisor instanceof FieldAccessExpr f && f.getScope() instanceof NameExpr
        && (f.getNameAsString().equals("ONE") || f.getNameAsString().equals("TEN"))
        || divisor instanceof MethodCallExpr valueOf && valueOf.getNameAsString().equals("valueOf")
            && valueOf.getArguments().size() == 1 && DrlLiterals.positiveLiteral(DrlExpressions.unwrap(valueOf.getArgument(0)));
    if (!constantDivisor) {
      ctx.refuse(m.getName(), "divide", "forbidden-call", "Forbidden division: [" + DrlFragment.shorten(DrlFragment.safeText(m))
          + "]; expected a positive constant divisor, BigDecimal.valueOf(<whole number above 0>), BigDecimal.ONE or "
          + "BigDecimal.TEN (a zero divisor would fail every evaluation)");
    }
    int value = scale instanceof IntegerLiteralExpr literal && DrlLiterals.INTEGER.matcher(literal.getValue()).matches()
        && literal.getValue().length() <= 2 ? Integer.parseInt(literal.getValue()) : -1;
    if (value < 0 || value > DrlAllowList.MAX_DIVIDE_SCALE) {
      ctx.refuse(m.getName(), "divide", "forbidden-call", "Forbidden division: scale [" + DrlFragment.safeText(scale)
          + "]; expected a whole-number literal from 0 to " + DrlAllowList.MAX_DIVIDE_SCALE);
    }
  }
}
