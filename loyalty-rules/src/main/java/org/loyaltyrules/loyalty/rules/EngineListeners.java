package org.loyaltyrules.loyalty.rules;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's registered {@link EngineListener}s, called so that none of them can change or fail
 * what it is told about: what a listener throws is caught, logged at WARN the first time for that
 * listener and at DEBUG after that (a listener failing on every call must not flood the log).
 * Immutable apart from those once-flags; thread-safe.
 */
final class EngineListeners {
  private static final Logger LOG = LoggerFactory.getLogger(EngineListeners.class);

  private final EngineListener[] listeners;
  private final AtomicBoolean[] warned;

  EngineListeners(List<EngineListener> listeners) {
    this.listeners = listeners.toArray(new EngineListener[0]);
    this.warned = new AtomicBoolean[this.listeners.length];
    for (int i = 0; i < warned.length; i++) {
      warned[i] = new AtomicBoolean();
    }
  }

  /** @return whether no listener is registered: the engine then skips the clock and every report */
  boolean none() {
    return listeners.length == 0;
  }

  /**
   * Decides and reports the decision or the failure, timed by {@link System#nanoTime()}.
   *
   * @param decide the engine's decision, throwing only {@link LoyaltyException}s
   */
  Decision observe(LoyaltyEvent event, DecisionContext context, BiFunction<LoyaltyEvent, DecisionContext, Decision> decide) {
    long start = System.nanoTime();
    Decision decision;
    try {
      decision = decide.apply(event, context);
    } catch (LoyaltyException e) {
      evaluationFailed(event, e, System.nanoTime() - start);
      throw e;
    }
    decisionMade(event, decision, System.nanoTime() - start);
    return decision;
  }

  void decisionMade(LoyaltyEvent event, Decision decision, long nanos) {
    EngineListener.DecisionMade made;
    try {
      made = new EngineListener.DecisionMade(event.kind(), Math.max(0, nanos), decision.firedRules().size(),
          decision.entries().size(), decision.tierChange().isPresent(), decision.ruleBaseVersion());
    } catch (RuntimeException e) {
      unreportable(e);
      return;
    }
    for (int i = 0; i < listeners.length; i++) {
      try {
        listeners[i].decisionMade(made);
      } catch (OutOfMemoryError e) {
        throw e; // the JVM's distress, not the listener's fault: hiding it would only defer the crash
      } catch (Throwable e) {
        threw(i, "decisionMade", e);
      }
    }
  }

  void evaluationFailed(LoyaltyEvent event, LoyaltyException error, long nanos) {
    EngineListener.EvaluationFailed failed;
    try {
      failed = new EngineListener.EvaluationFailed(event.kind(), Math.max(0, nanos), error.getClass(),
          error.code(), !(error instanceof RuleEvaluationException));
    } catch (RuntimeException e) {
      // A subclass with a null code, say: the caller still gets its own exception, unreplaced.
      unreportable(e);
      return;
    }
    for (int i = 0; i < listeners.length; i++) {
      try {
        listeners[i].evaluationFailed(failed);
      } catch (OutOfMemoryError e) {
        throw e; // the JVM's distress, not the listener's fault: hiding it would only defer the crash
      } catch (Throwable e) {
        threw(i, "evaluationFailed", e);
      }
    }
  }

  void reloadAccepted(String version, String previousVersion, int ruleCount) {
    if (none()) {
      return;
    }
    EngineListener.ReloadAccepted accepted = new EngineListener.ReloadAccepted(version, previousVersion, ruleCount);
    for (int i = 0; i < listeners.length; i++) {
      try {
        listeners[i].reloadAccepted(accepted);
      } catch (OutOfMemoryError e) {
        throw e; // the JVM's distress, not the listener's fault: hiding it would only defer the crash
      } catch (Throwable e) {
        threw(i, "reloadAccepted", e);
      }
    }
  }

  void reloadRejected(String keptVersion, List<RuleFileProblem> problems) {
    if (none()) {
      return;
    }
    EngineListener.ReloadRejected rejected = new EngineListener.ReloadRejected(keptVersion, problems);
    for (int i = 0; i < listeners.length; i++) {
      try {
        listeners[i].reloadRejected(rejected);
      } catch (OutOfMemoryError e) {
        throw e; // the JVM's distress, not the listener's fault: hiding it would only defer the crash
      } catch (Throwable e) {
        threw(i, "reloadRejected", e);
      }
    }
  }

  /** A report that could not be made must not fail what it reports on either. */
  private static void unreportable(RuntimeException e) {
    LOG.warn("engine listeners not told: the report could not be made", e);
  }

  private void threw(int index, String call, Throwable e) {
    if (warned[index].compareAndSet(false, true)) {
      LOG.warn("engine listener {} threw from {}; the engine carried on, and later failures of this listener are"
          + " logged at DEBUG only", listeners[index].getClass().getName(), call, e);
    } else if (LOG.isDebugEnabled()) {
      LOG.debug("engine listener {} threw from {} again", listeners[index].getClass().getName(), call, e);
    }
  }

}
