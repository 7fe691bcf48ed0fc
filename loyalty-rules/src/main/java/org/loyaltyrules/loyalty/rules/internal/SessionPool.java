package org.loyaltyrules.loyalty.rules.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.drools.kiesession.session.StatefulKnowledgeSessionImpl;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.runtime.KieSession;

/**
 * Lends Drools sessions of one {@link KieBase} for one decision each, so that a decision does not
 * pay for building a session (node memories, agenda, entry points) every time.
 *
 * <p>Nothing may carry from one decision to the next: a session comes back only after a decision
 * that ended normally ({@link #giveBack}), is then reset the way Drools' own session pool resets
 * ({@code StatefulKnowledgeSessionImpl.reset()}: node memories, agenda, globals, every listener,
 * fact handles, entry points, timers) and is kept only if it is then verifiably empty (no fact, no
 * global, no listener). A decision that failed in any way — a rule error, a runaway bound, a refused
 * collector call — {@link #discard}s its session. The pool belongs to one rule base (it is made
 * from, and only ever lends sessions of, its {@link KieBase}), so a reload to another rule base can
 * never be served an old session. {@code SessionReuseProperties} proves decisions equal fresh-session
 * decisions across threads, reloads, failures and rules that try to stash state.
 *
 * <p>Reuse is off for rule bases of more than {@value #MAX_RULES_FOR_REUSE} rules: a reset walks
 * every node memory, which measured slower than a new session beyond a few hundred rules.
 *
 * <p>Thread-safe: a session is lent to one thread at a time.
 */
public final class SessionPool {
  /** Above this many rules a reset costs more than a new session (Drools spike, §2 and §5). */
  static final int MAX_RULES_FOR_REUSE = 500;
  /** Idle sessions kept; more are disposed (a burst of threads leaves no lasting heap). */
  static final int MAX_IDLE = 16;

  private final KieBase kieBase;
  private final boolean reuse;
  private final ConcurrentLinkedQueue<KieSession> idle = new ConcurrentLinkedQueue<>();
  private final AtomicInteger idleCount = new AtomicInteger();
  private final LongAdder reused = new LongAdder();

  private SessionPool(KieBase kieBase, boolean reuse) {
    this.kieBase = kieBase;
    this.reuse = reuse;
  }

  /**
   * @param kieBase the rule base whose sessions the pool lends
   * @return a pool that reuses sessions when the rule base has at most {@value #MAX_RULES_FOR_REUSE} rules
   */
  public static SessionPool of(KieBase kieBase) {
    int rules = 0;
    for (KiePackage pkg : kieBase.getKiePackages()) {
      rules += pkg.getRules().size();
    }
    return new SessionPool(kieBase, rules <= MAX_RULES_FOR_REUSE);
  }

  /**
   * @param kieBase the rule base whose sessions the pool lends
   * @return a pool that never reuses: a new session per decision (the reference reuse is tested against)
   */
  public static SessionPool fresh(KieBase kieBase) {
    return new SessionPool(kieBase, false);
  }

  /** @return a session of this pool's rule base with no fact, global or listener in it */
  public KieSession borrow() {
    KieSession session = idle.poll();
    if (session != null) {
      idleCount.decrementAndGet();
      reused.increment();
      return session;
    }
    return kieBase.newKieSession();
  }

  /**
   * Takes back a session after a decision that ended normally: reset, checked empty, kept for the
   * next decision (or disposed when reuse is off, the pool is full or the check fails).
   *
   * @param session a session from {@link #borrow()}
   */
  public void giveBack(KieSession session) {
    if (!reuse || session.getKieBase() != kieBase || !(session instanceof StatefulKnowledgeSessionImpl impl)) {
      session.dispose();
      return;
    }
    try {
      impl.reset();
    } catch (RuntimeException e) {
      // A session that cannot be reset is not trusted again; the decision it served stands.
      session.dispose();
      return;
    }
    if (!isEmpty(impl)) {
      session.dispose();
      return;
    }
    if (idleCount.incrementAndGet() > MAX_IDLE) {
      idleCount.decrementAndGet();
      session.dispose();
      return;
    }
    idle.offer(session);
  }

  /**
   * Ends a session after a failed decision: it is never lent again.
   *
   * @param session a session from {@link #borrow()}
   */
  public void discard(KieSession session) {
    session.dispose();
  }

  private static boolean isEmpty(StatefulKnowledgeSessionImpl session) {
    return session.getTotalFactCount() == 0 && session.getAgendaEventListeners().isEmpty()
        && session.getRuleRuntimeEventListeners().isEmpty() && session.getGlobals().getGlobalKeys().isEmpty();
  }

  /** @return whether sessions are reused (the rule base is small enough) */
  public boolean reuses() {
    return reuse;
  }

  /** @return the sessions now idle in the pool */
  public int idle() {
    return idleCount.get();
  }

  /** @return how many times a session was lent again rather than made new */
  public long reusedCount() {
    return reused.sum();
  }
}
