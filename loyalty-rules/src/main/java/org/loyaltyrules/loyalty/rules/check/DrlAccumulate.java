package org.loyaltyrules.loyalty.rules.check;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.GroupByDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * The one accumulate form a rule may use, {@code accumulate( Fact(...) ; $n : count(), $s : sum($b)
 * ; $n > 1 )}: one input pattern, bound functions of {@link DrlAllowList#ACCUMULATE_FUNCTIONS} over
 * whole-number or BigDecimal bindings, no inline code or groupby. The input's bindings stay inside;
 * the results are bound after it. One instance per rule, made by {@link DrlGrammar}.
 */
final class DrlAccumulate {
  private static final Pattern BINDING_PARAMETER = Pattern.compile("\\$[A-Za-z][A-Za-z0-9_]{0,39}");

  private final DrlGrammar grammar;
  private final DrlText text;
  private final DrlReport report;
  private final DrlPositions at;
  private final DrlCodeCheck code;
  private final String rule;

  DrlAccumulate(DrlGrammar grammar, DrlText text, DrlReport report, DrlPositions at, DrlCodeCheck code, String rule) {
    this.grammar = grammar;
    this.text = text;
    this.report = report;
    this.at = at;
    this.code = code;
    this.rule = rule;
  }

  /** The allowed form starts with the word accumulate; {@code Number() from accumulate(...)} does not. */
  boolean isAccumulateForm(PatternDescr pattern, int start) {
    return "Object".equals(pattern.getObjectType()) && pattern.getIdentifier() == null && start >= 0
        && text.text().startsWith("accumulate", start);
  }

  void accumulate(PatternDescr pattern, AccumulateDescr accumulate, RuleDescr r) {
    int start = at.start(pattern, r);
    int end = at.end(pattern, r);
    boolean inline = accumulate.getInitCode() != null || accumulate.getActionCode() != null
        || accumulate.getReverseCode() != null || accumulate.getResultCode() != null;
    if (accumulate instanceof GroupByDescr || inline || !accumulate.isExternalFunction()) {
      report.errorAt(start, rule, "forbidden-accumulate", "Forbidden accumulate: " + (accumulate instanceof GroupByDescr
          ? "groupby" : "inline code [init/action/reverse/result]") + "; expected accumulate( Fact(...) ; $n : count(), "
          + "$s : sum($b) ; $n > 1 ) with the functions " + DrlGrammar.sorted(DrlAllowList.ACCUMULATE_FUNCTIONS));
      return;
    }
    PatternDescr input = singlePattern(accumulate.getInput());
    if (input == null || input.getSource() instanceof AccumulateDescr) {
      String what = accumulate.getInput() == null ? "none" : input != null ? "another accumulate"
          : accumulate.getInput().getClass().getSimpleName().replace("Descr", "");
      report.errorAt(start, rule, "forbidden-accumulate", "Forbidden accumulate: input [" + what + "]; expected one fact "
          + "pattern, such as accumulate( LineFact( $q : quantity ) ; $units : sum($q) )");
      return;
    }
    // The input's bindings are seen by the functions only; the results are bound after the input.
    code.enterScope();
    grammar.pattern(input, r);
    List<Result> results = new ArrayList<>();
    int cursor = Math.max(start, at.end(input, pattern));
    for (AccumulateDescr.AccumulateFunctionCallDescr function : accumulate.getFunctions()) {
      int functionAt = at.word(function.getFunction(), cursor, end, cursor);
      cursor = functionAt;
      String name = function.getFunction();
      if (function.getBind() == null || function.isUnification()) {
        report.errorAt(functionAt, rule, "forbidden-accumulate", "Forbidden accumulate: function [" + name
            + "] without a binding; expected $n : " + name + "(...)");
        continue;
      }
      if (!DrlAllowList.ACCUMULATE_FUNCTIONS.contains(name)) {
        report.errorAt(functionAt, rule, "forbidden-accumulate", "Forbidden accumulate: function [" + name
            + "]; expected one of " + DrlGrammar.sorted(DrlAllowList.ACCUMULATE_FUNCTIONS));
        continue;
      }
      DrlType type = functionResult(function, functionAt);
      if (type != null) {
        results.add(new Result(function.getBind(), type, at.locate(function.getBind(), start, end, functionAt)));
      }
    }
    code.exitScope();
    for (Result result : results) {
      code.declareBinding(result.name(), result.type(), result.offset(), report);
    }
    grammar.constraints(pattern, r, null);
  }

  /** An accumulate function's binding. */
  private record Result(String name, DrlType type, int offset) {}

  private DrlType functionResult(AccumulateDescr.AccumulateFunctionCallDescr function, int functionAt) {
    String name = function.getFunction();
    String[] params = function.getParams() == null ? new String[0] : function.getParams();
    if (name.equals("count")) {
      if (params.length != 0) {
        report.errorAt(functionAt, rule, "forbidden-accumulate", "Forbidden accumulate: count with arguments; expected "
            + "$n : count()");
        return null;
      }
      return DrlType.value(Long.class);
    }
    String param = params.length == 1 ? params[0].strip() : "";
    DrlType bound = params.length == 1 && BINDING_PARAMETER.matcher(param).matches() ? code.bindingType(param) : null;
    if (bound == null || !(bound.isIntegral() || bound.raw() == BigDecimal.class)) {
      report.errorAt(functionAt, rule, "forbidden-accumulate", "Forbidden accumulate: " + name + "("
          + DrlFragment.shorten(String.join(", ", params)) + "); expected " + name + "($b) of one binding of the input "
          + "pattern to a whole number or BigDecimal property, such as " + name + "($q) with $q : quantity");
      return null;
    }
    if (bound.raw() == BigDecimal.class) {
      return DrlType.BIG_DECIMAL;
    }
    return DrlType.value(bound.unboxed() == long.class ? Long.class : Integer.class);
  }

  private static PatternDescr singlePattern(BaseDescr input) {
    if (input instanceof PatternDescr p) {
      return p;
    }
    if (input instanceof AndDescr and && and.getDescrs().size() == 1 && and.getDescrs().get(0) instanceof PatternDescr p) {
      return p;
    }
    return null;
  }
}
