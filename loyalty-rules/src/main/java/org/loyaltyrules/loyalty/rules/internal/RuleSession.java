package org.loyaltyrules.loyalty.rules.internal;

import java.util.List;
import java.util.function.BinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.loyaltyrules.loyalty.rules.RuleBase;
import org.loyaltyrules.loyalty.rules.RuleEvaluationException;
import org.loyaltyrules.loyalty.rules.facts.Decisions;

/**
 * The Drools side of a decision: inserts the facts into a session, fires the rules within the
 * firing bound and returns what they decided, or a {@link RuleEvaluationException} naming the rule
 * when anything goes wrong. Nothing else in the engine touches a {@link KieSession}.
 * Immutable and thread-safe; each {@link #fire} borrows a session of its own from the rule base's
 * {@link SessionPool}: reset between decisions, dropped after any failure.
 */
final class RuleSession {
  private static final Pattern RULE_IN_MESSAGE = Pattern.compile("Rule \"([^\"]*)\"");

  /**
   * Attributes each consequence's outputs to its rule, and knows whether a consequence is running
   * (so an error thrown from one names its rule). One per session: it holds the engine's side of
   * the collector, which the rules' global does not expose.
   */
  private static final class Attribution extends DefaultAgendaEventListener {
    private final Decisions.Recorder recorder;
    private final BinaryOperator<String> ruleNames;

    Attribution(Decisions.Recorder recorder, BinaryOperator<String> ruleNames) {
      this.recorder = recorder;
      this.ruleNames = ruleNames;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
      org.kie.api.definition.rule.Rule rule = event.getMatch().getRule();
      recorder.enterRule(ruleNames.apply(rule.getPackageName(), rule.getName()));
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
      recorder.leaveRule();
    }
  }

  private final SessionPool sessions;
  /** (package, rule name) → the name decisions record; a {@code null} package looks the name up alone. */
  private final BinaryOperator<String> ruleNames;
  private final EvaluationBound firingBound;
  private final EvaluationBound outputBound;
  private final boolean hasOutputGlobal;

  RuleSession(KieBase kieBase, SessionPool sessions, EvaluationBound firingBound, EvaluationBound outputBound,
      BinaryOperator<String> ruleNames) {
    this.sessions = sessions;
    this.ruleNames = ruleNames;
    this.firingBound = firingBound;
    this.outputBound = outputBound;
    boolean global = false;
    for (KiePackage pkg : kieBase.getKiePackages()) {
      global |= pkg.getGlobalVariables().stream().anyMatch(g -> g.getName().equals(RuleBase.OUTPUT_GLOBAL));
    }
    this.hasOutputGlobal = global;
  }

  /**
   * Lets the rules decide on the facts, in a session of their own. Whatever the rules do, the result
   * is either everything they decided or a {@link RuleEvaluationException} naming the rule when it
   * is known: a refused collector call, a runaway, or any {@link Throwable} from a condition or a
   * consequence, errors such as {@link StackOverflowError} included.
   */
  Decisions.Recorder fire(List<Object> facts) {
    Decisions.Recorder out = Decisions.record(facts, outputBound);
    if (!hasOutputGlobal) {
      return out;
    }
    int maxFirings = firingBound.limit(facts.size());
    int fired;
    KieSession session = sessions.borrow();
    boolean clean = false;
    try {
      session.setGlobal(RuleBase.OUTPUT_GLOBAL, out.decisions());
      session.addEventListener(new Attribution(out, ruleNames));
      for (Object fact : facts) {
        session.insert(fact);
      }
      fired = session.fireAllRules(maxFirings + 1);
      // Only a session whose decision ended normally is reused: a runaway leaves activations on its agenda.
      clean = fired <= maxFirings && out.failure().isEmpty();
    } catch (ConsequenceException e) {
      if (out.failure().isPresent()) {
        throw out.failure().get();
      }
      String rule = e.getRule() == null ? out.currentRule() : ruleNames.apply(e.getRule().getPackageName(), e.getRule().getName());
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new RuleEvaluationException(RuleEvaluationException.RULE_ERROR, rule, "Rule failed: rule [" + rule
          + "] threw " + describe(cause), cause);
    } catch (Throwable e) {
      if (out.failure().isPresent()) {
        throw out.failure().get();
      }
      // An error thrown by a consequence (StackOverflowError, OutOfMemoryError) escapes Drools
      // unwrapped while the attribution listener still knows which rule is running. A condition that
      // throws (a method call on a fact, say) surfaces from insert or fireAllRules as a Drools
      // exception that names the rule only in its message.
      Throwable cause = rootCause(e);
      if (out.inConsequence()) {
        throw new RuleEvaluationException(RuleEvaluationException.RULE_ERROR, out.currentRule(), "Rule failed: rule ["
            + out.currentRule() + "] threw " + describe(cause), e);
      }
      Matcher m = RULE_IN_MESSAGE.matcher(String.valueOf(e.getMessage()));
      String rule = m.find() ? ruleNames.apply(null, m.group(1)) : "";
      throw new RuleEvaluationException(RuleEvaluationException.RULE_ERROR, rule, "Rule failed: a condition of "
          + (rule.isEmpty() ? "a rule" : "rule [" + rule + "]") + " threw " + describe(cause), e);
    } finally {
      if (clean) {
        sessions.giveBack(session);
      } else {
        sessions.discard(session);
      }
    }
    // A refused call fails the evaluation even when the rule caught the exception and went on.
    if (out.failure().isPresent()) {
      throw out.failure().get();
    }
    if (fired > maxFirings) {
      // Blame the rule that fired most, not the last to fire: that may be a bundled rule that fired once.
      Decisions.RuleCount top = Decisions.mostFrequent(out.firedRules());
      throw new RuleEvaluationException(RuleEvaluationException.RULE_RUNAWAY, top.rule(), "Runaway rules: firings ["
          + fired + "]; expected " + firingBound.expectation(facts.size()) + " " + top.blame(out.currentRule()), null);
    }
    return out;
  }

  /**
   * What the rules decided could not be turned into a decision (a failure of the rules' doing, or
   * of the engine, never of the caller's event): typed, whatever was thrown.
   */
  static RuleEvaluationException accountingFailed(String eventId, Throwable e) {
    return new RuleEvaluationException(RuleEvaluationException.EVALUATION_ERROR, "", "Evaluation failed: what the rules"
        + " decided for event [" + eventId + "] could not be accounted for: " + describe(e), e);
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    // Bounded: a cause chain may loop.
    for (int depth = 0; depth < 20 && cause.getCause() != null && cause.getCause() != cause; depth++) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** The class and (cut) message of a failure: a rule may throw one with megabytes of message. */
  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getName() + (message == null ? "" : ": " + RuleEvaluationException.shown(message));
  }
}
