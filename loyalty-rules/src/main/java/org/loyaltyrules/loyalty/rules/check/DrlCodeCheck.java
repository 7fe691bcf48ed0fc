package org.loyaltyrules.loyalty.rules.check;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.drools.mvel.parser.ast.expr.DrlxExpression;

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
 * and its count of costly arithmetic ({@link DrlCodeContext}). This class is the entry point and
 * owns the bindings; expressions are typed by {@link DrlExpressions} with {@link DrlNames},
 * {@link DrlOperators} and {@link DrlLiterals}, and consequence statements by
 * {@link DrlConsequences}.
 */
final class DrlCodeCheck {
  private static final Pattern BINDING_NAME = Pattern.compile("\\$[A-Za-z][A-Za-z0-9_]{0,39}");
  private static final Pattern LEADING_BINDING = Pattern.compile("\\s*([$A-Za-z_][A-Za-z0-9_$]*)\\s*:(?!=)");

  private final String rule;
  private final Set<String> declared = new HashSet<>();
  private final DrlCodeContext ctx;
  private final DrlExpressions expressions;
  private final DrlConsequences consequences;

  /**
   * @param types the file's type names
   * @param rule the rule checked
   */
  DrlCodeCheck(DrlTypes types, String rule) {
    this.rule = rule;
    this.ctx = new DrlCodeContext(types);
    this.expressions = new DrlExpressions(ctx);
    this.consequences = new DrlConsequences(ctx, expressions);
  }

  // ---- scopes -----------------------------------------------------------------------------------

  /** Opens a scope: bindings declared until {@link #exitScope} are not visible after it. */
  void enterScope() {
    ctx.scopes.push(new HashMap<>());
  }

  void exitScope() {
    if (ctx.scopes.size() > 1) {
      ctx.scopes.pop();
    }
  }

  /**
   * Declares a binding whose declaration was refused, so that its uses are not reported again.
   */
  void declareRefused(String name) {
    if (name != null && declared.add(name)) {
      ctx.scopes.peek().put(name, DrlType.ERROR);
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
    ctx.scopes.peek().put(name, type);
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
    return ctx.binding(name);
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
      if (!DrlExpressions.isPath(value)) {
        ctx.refuse(value, "forbidden-construct", "Forbidden binding: [" + DrlFragment.shorten(DrlFragment.safeText(constraint))
            + "]; expected a binding of one property, such as $q : quantity, and the condition as a constraint of its own");
        declareRefused(name);
        return;
      }
      DrlType type = expressions.value(value);
      if (type.isError()) {
        declareRefused(name);
      } else {
        declareBinding(name, type, code.at(constraint.getBind(), name), report);
      }
      return;
    }
    expressions.condition(constraint.getExpr());
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
      ctx.refuse(extra, "forbidden-size", "Too large: consequence with " + statements.size() + " statements; expected at most "
          + DrlAllowList.MAX_STATEMENTS + " (split the rule)");
      return;
    }
    for (Statement statement : statements) {
      if (small(statement)) {
        consequences.statement(statement);
      }
    }
  }

  private void begin(DrlFragment code, DrlType patternFact, boolean consequence) {
    ctx.fragment = code;
    ctx.pattern = patternFact;
    ctx.inConsequence = consequence;
    ctx.halfLeft = null;
    ctx.halfLeftType = null;
  }

  private boolean bounded() {
    int[] nesting = ctx.fragment.nesting();
    if (nesting[0] > DrlAllowList.MAX_NESTING) {
      ctx.fragment.error(nesting[1], "forbidden-size", "Too deep: brackets nested " + nesting[0]
          + " levels; expected at most " + DrlAllowList.MAX_NESTING);
      return false;
    }
    return true;
  }

  private boolean small(Node root) {
    int count = DrlFragment.descendants(root).size();
    if (count > DrlAllowList.MAX_EXPRESSION_NODES) {
      ctx.refuse(root, "forbidden-size", "Too large: [" + DrlFragment.shorten(DrlFragment.safeText(root)) + "] has " + count
          + " parts; expected at most " + DrlAllowList.MAX_EXPRESSION_NODES + " (split it over several constraints or rules)");
      return false;
    }
    return true;
  }
}
