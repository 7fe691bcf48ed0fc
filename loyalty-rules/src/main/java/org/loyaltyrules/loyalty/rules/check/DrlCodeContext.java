package org.loyaltyrules.loyalty.rules.check;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The state one rule's code check shares between its parts, and where they report: the rule's
 * scopes of bindings, its local variables and its count of costly arithmetic, the piece of code
 * being checked, and the refusals that become problems at the refused node's position.
 *
 * <p>One instance per rule, owned by {@link DrlCodeCheck}; the fields are package-private so that
 * the parts ({@link DrlExpressions}, {@link DrlNames}, {@link DrlOperators}, {@link DrlLiterals},
 * {@link DrlConsequences}) read and update one rule's state, never another's.
 */
final class DrlCodeContext {
  final DrlTypes types;
  final DrlPolicy policy;
  final Set<String> reservedNames;
  final Deque<Map<String, DrlType>> scopes = new ArrayDeque<>();
  final Map<String, DrlType> locals = new HashMap<>();
  int multiplications;

  // per piece of code
  DrlFragment fragment;
  DrlType pattern;
  boolean inConsequence;
  Expression halfLeft;
  DrlType halfLeftType;
  Node lastRefused;

  /** @param types the file's type names */
  DrlCodeContext(DrlTypes types) {
    this.types = types;
    this.policy = types.policy();
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

  /** @return the type of a binding visible here, or null */
  DrlType binding(String name) {
    for (Map<String, DrlType> scope : scopes) {
      DrlType type = scope.get(name);
      if (type != null) {
        return type;
      }
    }
    return null;
  }

  boolean isCollector(Expression scope) {
    return scope instanceof NameExpr n && n.getNameAsString().equals(DrlPolicy.COLLECTOR_GLOBAL)
        && !locals.containsKey(DrlPolicy.COLLECTOR_GLOBAL);
  }

  DrlType refuseLiteral(Expression e, String what, String expected) {
    refuse(e, "forbidden-literal", "Forbidden literal: " + what + "; expected " + expected);
    return DrlType.ERROR;
  }

  DrlType refuseConstruct(Node node, String anchor, String why) {
    refuse(node, anchor, "forbidden-construct", "Forbidden construct: [" + DrlFragment.shorten(DrlFragment.safeText(node))
        + "]; " + why);
    return DrlType.ERROR;
  }

  void refuse(Node node, String code, String message) {
    refuse(node, anchorOf(node), code, message);
  }

  void refuse(Node node, String anchor, String code, String message) {
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

  static String sorted(Set<String> names) {
    return names.stream().sorted().toList().toString();
  }
}
