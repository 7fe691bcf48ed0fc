// Longer than 400 lines because the engine's public surface (decide, quote, reload variants, builder bounds) is documented in full here, where callers read it.
package org.loyaltyrules.loyalty.rules;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.concurrent.atomic.AtomicReference;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LoyaltyEngine;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.RedemptionQuote;
import org.loyaltyrules.loyalty.RedemptionQuotes;
import org.loyaltyrules.loyalty.internal.Checks;
import org.loyaltyrules.loyalty.rules.internal.CampaignIndex;
import org.loyaltyrules.loyalty.rules.internal.EvaluationBound;
import org.loyaltyrules.loyalty.rules.internal.Evaluator;
import org.loyaltyrules.loyalty.rules.internal.SessionPool;
import org.loyaltyrules.loyalty.rules.trial.RuleTrial;

/**
 * The Drools-backed {@link LoyaltyEngine}. Build it once from a {@link RuleBase} and a
 * {@link Programme} and share it: it is thread-safe, compiles nothing per call, and keeps no state
 * between calls but the current (rule base, programme) snapshot.
 *
 * <p><b>Hot reload.</b> {@link #reload(RuleBase, Programme)} swaps the snapshot atomically. Compile
 * the new rule base first ({@link RuleBase#compile}); if that fails the engine keeps serving the old
 * one. Before the swap the new rules must pass a {@link RuleTrial}; if they throw or break a ledger
 * invariant on any trial event, reload throws {@link RuleFileException} and the engine keeps
 * serving the old ones. An evaluation already running finishes on the snapshot it started with, and
 * every decision records the {@link Decision#ruleBaseVersion()} that made it.
 *
 * <p><b>Bounds.</b> One evaluation may fire at most {@code maxRuleFirings + ruleFiringsPerFact ×
 * facts} rules and emit at most {@code maxOutputs + outputsPerFact × facts} outputs, where {@code
 * facts} is the number of facts the engine inserts for the event (one per order line, campaign in
 * play, tier and upline, plus the event, member and order); the defaults are 10,000 + 10 per fact
 * for both (see {@link Builder}). Past either bound the evaluation fails with {@link
 * RuleEvaluationException} ({@code rule-runaway}) and decides nothing; its {@link
 * RuleEvaluationException#rule()} is the rule that fired (or emitted) the most, which caused the
 * runaway, not whichever rule happened to come last.
 *
 * <p><b>Sanity checks.</b> Before the rules run, {@link #decide} refuses an event dated before what
 * it refers to ({@link org.loyaltyrules.loyalty.EventTimeException}: an order paid before the member
 * enrolled, a return before its order, a redemption, expiry run or tier review before enrolment, a
 * cancellation before its redemption, a pending release before its order), an instant outside
 * 1900-01-01T00:00Z to before 10000-01-01T00:00Z, and an order or decision beyond the programme's
 * sanity limits ({@link org.loyaltyrules.loyalty.LimitExceededException}: see {@link
 * Programme#maxQuantityPerLine()} and its siblings). Each names field, value and rule; nothing is
 * decided.
 *
 * <p><b>Failures.</b> {@link #decide} either returns a whole decision or throws a {@link
 * org.loyaltyrules.loyalty.LoyaltyException}. The caller's own mistakes keep their types ({@code
 * InvalidValueException}, {@code InsufficientPointsException}, {@code UnknownEntryException},
 * {@code CurrencyMismatchException} …); anything the rules or the accounting of what they decided
 * throw, {@link Error}s such as {@link StackOverflowError} and {@link OutOfMemoryError} included,
 * becomes a {@link RuleEvaluationException} naming the rule when it is known. Either way nothing was
 * decided and the engine goes on serving the next event.
 *
 * <p><b>Listeners.</b> {@link EngineListener}s hear of every decision, failure, refusal and reload;
 * nothing they do changes a decision.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LoyaltyRulesEngine implements LoyaltyEngine {

  /** What one evaluation runs on; replaced whole on reload. */
  private record Snapshot(Evaluator evaluator, RuleBase ruleBase, Programme programme, String version) {}

  private final AtomicReference<Snapshot> current;
  private final EvaluationBound firingBound;
  private final EvaluationBound outputBound;
  /** Tests only: a new session per decision, the reference that session reuse is checked against. */
  private final boolean freshSessions;
  private final EngineListeners listeners;
  /** {@link #decideUnobserved}, made once: no allocation per decision. */
  private final BiFunction<LoyaltyEvent, DecisionContext, Decision> unobserved = this::decideUnobserved;

  private LoyaltyRulesEngine(Builder builder) {
    this.listeners = new EngineListeners(builder.listeners);
    this.firingBound = new EvaluationBound(builder.maxRuleFirings, builder.ruleFiringsPerFact);
    this.outputBound = new EvaluationBound(builder.maxOutputs, builder.outputsPerFact);
    this.freshSessions = builder.freshSessions;
    this.current = new AtomicReference<>(snapshot(builder.ruleBase, builder.programme));
  }

  /**
   * Starts a builder.
   *
   * @param programme the programme settings and campaign calendar
   * @return a builder; without {@link Builder#ruleBase(RuleBase)} it uses {@link RuleBase#defaults()}
   */
  public static Builder builder(Programme programme) {
    return new Builder(programme);
  }

  private Snapshot snapshot(RuleBase ruleBase, Programme programme) {
    // The programme's canonical fingerprint covers every setting, so a new one changes the version too;
    // eight hex digits keep the recorded version short, as before.
    String version = ruleBase.version() + "." + programme.fingerprint().substring(0, 8);
    SessionPool sessions = freshSessions ? SessionPool.fresh(ruleBase.kieBase()) : ruleBase.sessionPool();
    Evaluator evaluator = new Evaluator(ruleBase.kieBase(), sessions, programme, new CampaignIndex(programme.campaigns()),
        version, firingBound, outputBound, ruleBase::recordedName);
    return new Snapshot(evaluator, ruleBase, programme, version);
  }

  /**
   * Decides on one event with the rules serving now (spelled out, not inherited: JDK 25's
   * javadoc, given loyalty-core as a jar, warns that this method overrides nothing).
   *
   * @param event the event
   * @param context the member (and referral chain) the event is about
   * @return the decision, whole
   * @throws RuleEvaluationException when the rules, or the accounting of what they decided, fail in
   *     any way (see the class description); the engine keeps serving
   * @throws LoyaltyException when the event or context is refused (invalid, unknown entry,
   *     insufficient points …)
   */
  @Override
  public Decision decide(LoyaltyEvent event, DecisionContext context) {
    Checks.present("decision", "event", event);
    Checks.present("decision", "context", context);
    return listeners.none() ? decideUnobserved(event, context) : listeners.observe(event, context, unobserved);
  }

  /** What {@link #decide} does, without telling listeners; everything it throws is typed. */
  private Decision decideUnobserved(LoyaltyEvent event, DecisionContext context) {
    String memberId = context.member().member().id();
    if (!event.memberId().equals(memberId)) {
      throw new InvalidValueException("decision", "event.memberId", event.memberId(), "the context's member " + memberId);
    }
    try {
      return current.get().evaluator().decide(event, context);
    } catch (LoyaltyException e) {
      // Typed on purpose: a refused event or context, or a rule failure already named.
      throw e;
    } catch (Throwable e) {
      // Rule code runs in this thread, so anything may come out of it, errors included; the rules'
      // session is gone by now, and the next event gets a fresh one.
      throw new RuleEvaluationException(RuleEvaluationException.EVALUATION_ERROR, "", "Evaluation failed: event ["
          + event.eventId() + "] threw " + e.getClass().getName()
          + (e.getMessage() == null ? "" : ": " + RuleEvaluationException.shown(e.getMessage()))
          + "; expected a decision or a typed failure", e);
    }
  }

  /**
   * Quotes the most points that can pay an order at checkout, and their value, under the
   * programme serving now: the same calculation the redemption decision applies ({@link
   * RedemptionQuotes#quote(Programme, MemberState, Order)}), so a {@link
   * LoyaltyEvent.PointsRedeemed#atCheckout} of the quoted points is accepted and one point more is
   * refused by a binding limit. Reads no rule: a redemption is the programme's business.
   *
   * @param order the order at checkout, before the points are taken off; its payment instant is the
   *     redemption's
   * @param state the member (whose tier picks the rate) and their ledger
   * @return the quote, with the binding limits and their reasons
   * @throws LoyaltyException if an argument is missing, the order is another member's or in another
   *     currency
   */
  public RedemptionQuote quote(Order order, MemberState state) {
    return RedemptionQuotes.quote(current.get().programme(), state, order);
  }

  @Override
  public String ruleBaseVersion() {
    return current.get().version();
  }

  /** {@return the rule base currently deciding} */
  public RuleBase ruleBase() {
    return current.get().ruleBase();
  }

  /** {@return the programme currently deciding} */
  public Programme programme() {
    return current.get().programme();
  }

  /**
   * Swaps in a new rule base and programme atomically, once they pass the {@linkplain
   * RuleTrial#generated() generated trial} with this engine's bounds. Evaluations already running
   * finish on the old ones.
   *
   * @param ruleBase the compiled rule base
   * @param programme the programme
   * @return the new version
   * @throws RuleFileException if the rules fail the trial; the engine keeps the rules it had
   */
  public String reload(RuleBase ruleBase, Programme programme) {
    return reload(ruleBase, programme, RuleTrial.generated());
  }

  /**
   * Swaps in a new rule base and programme atomically, once they pass a trial: the very evaluator
   * to be swapped in decides the trial's events (on ledgers of the trial's own). Evaluations
   * already running finish on the old ones.
   *
   * @param ruleBase the compiled rule base
   * @param programme the programme
   * @param trial the trial, e.g. {@code RuleTrial.generated().withSample(recentEvents)}
   * @return the new version
   * @throws RuleFileException if the rules fail the trial, each failure at the rule's declaration
   *     and naming the event; the engine keeps the rules it had
   */
  public String reload(RuleBase ruleBase, Programme programme, RuleTrial trial) {
    Checks.present("LoyaltyRulesEngine", "ruleBase", ruleBase);
    Checks.present("LoyaltyRulesEngine", "programme", programme);
    Checks.present("LoyaltyRulesEngine", "trial", trial);
    String previous = current.get().version();
    Snapshot next = snapshot(ruleBase, programme);
    try {
      trial.require(ruleBase, programme, next.evaluator()::decide, firingBound + "/" + outputBound);
    } catch (RuleFileException e) {
      listeners.reloadRejected(previous, e.problems());
      throw e;
    }
    current.set(next);
    listeners.reloadAccepted(next.version(), previous, ruleBase.ruleNames().size());
    return next.version();
  }

  /**
   * Swaps in a new rule base, keeping the programme.
   *
   * @param ruleBase the compiled rule base
   * @return the new version
   */
  public String reload(RuleBase ruleBase) {
    return reload(ruleBase, programme());
  }

  /**
   * Swaps in rules that loaded, with their programme.
   *
   * @param loaded the loaded rule files
   * @return the new version
   */
  public String reload(LoadedRules loaded) {
    Checks.present("LoyaltyRulesEngine", "loaded", loaded);
    return reload(loaded.ruleBase(), loaded.programme());
  }

  /**
   * Swaps in rules that loaded, with their programme, once they pass a trial.
   *
   * @param loaded the loaded rule files
   * @param trial the trial
   * @return the new version
   * @throws RuleFileException if the rules fail the trial; the engine keeps the rules it had
   */
  public String reload(LoadedRules loaded, RuleTrial trial) {
    Checks.present("LoyaltyRulesEngine", "loaded", loaded);
    return reload(loaded.ruleBase(), loaded.programme(), trial);
  }

  /**
   * The local date of an instant in the current programme's zone.
   *
   * @param instant an instant
   * @return its local date
   */
  public LocalDate localDate(Instant instant) {
    Checks.present("LoyaltyRulesEngine", "instant", instant);
    try {
      return instant.atZone(programme().zone()).toLocalDate();
    } catch (DateTimeException e) {
      throw new InvalidValueException("LoyaltyRulesEngine", "instant", instant.toString(),
          "an instant whose date in " + programme().zone() + " is between years -999999999 and 999999999");
    }
  }

  /** Tells the listeners of rules refused before they reached the engine, as the watcher finds them. */
  void reloadRejectedBeforeReload(List<RuleFileProblem> problems) {
    listeners.reloadRejected(ruleBaseVersion(), problems);
  }

  @Override
  public String toString() {
    return "LoyaltyRulesEngine[" + ruleBaseVersion() + "]";
  }

  /**
   * Builds a {@link LoyaltyRulesEngine}.
   *
   * <p><b>Bounds per evaluation.</b> The rules of one evaluation may fire at most
   *
   * <pre>{@code maxRuleFirings + ruleFiringsPerFact × facts}</pre>
   *
   * times and emit at most
   *
   * <pre>{@code maxOutputs + outputsPerFact × facts}</pre>
   *
   * outputs (rates, multipliers, bonuses, caps, notices …), where {@code facts} is the number of
   * facts the engine inserts for the event: one per order line in the earning base, per campaign in
   * play, per tier and per upline, plus the event, the member and the order. The defaults, 10,000 +
   * 10 per fact for both, let a 10,000-line order decide on a double-points day (about two firings
   * and outputs per line) with room to spare, while a rule whose work grows with pairs of lines
   * still trips them. Counting, never time: the same event fails the same way every time.
   */
  public static final class Builder {
    private final Programme programme;
    private RuleBase ruleBase;
    private int maxRuleFirings = 10_000;
    private int ruleFiringsPerFact = 10;
    private int maxOutputs = 10_000;
    private int outputsPerFact = 10;
    private boolean freshSessions;
    private final List<EngineListener> listeners = new ArrayList<>();

    private Builder(Programme programme) {
      this.programme = Checks.present("engine", "programme", programme);
    }

    /**
     * {@return this builder}
     *
     * @param ruleBase the compiled rules
     */
    public Builder ruleBase(RuleBase ruleBase) {
      if (this.ruleBase != null) {
        throw new InvalidValueException("engine builder", "ruleBase", ruleBase, "to be set once (it was already set to " + this.ruleBase + ")");
      }
      this.ruleBase = Checks.present("engine", "ruleBase", ruleBase);
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param max the most rule firings one evaluation may take before the per-fact allowance, ≥ 1
     *     (default 10,000)
     */
    public Builder maxRuleFirings(int max) {
      Checks.check(max >= 1, "engine", "maxRuleFirings", max, "≥ 1");
      this.maxRuleFirings = max;
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param perFact the rule firings one evaluation may take in addition per fact inserted, ≥ 0
     *     (default 10)
     */
    public Builder ruleFiringsPerFact(int perFact) {
      Checks.check(perFact >= 0, "engine", "ruleFiringsPerFact", perFact, "≥ 0");
      this.ruleFiringsPerFact = perFact;
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param max the most outputs (awards, bonuses…) one evaluation may emit before the per-fact
     *     allowance, ≥ 1 (default 10,000)
     */
    public Builder maxOutputs(int max) {
      Checks.check(max >= 1, "engine", "maxOutputs", max, "≥ 1");
      this.maxOutputs = max;
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param perFact the outputs one evaluation may emit in addition per fact inserted, ≥ 0 (default
     *     10)
     */
    public Builder outputsPerFact(int perFact) {
      Checks.check(perFact >= 0, "engine", "outputsPerFact", perFact, "≥ 0");
      this.outputsPerFact = perFact;
      return this;
    }

    /**
     * Adds a listener; call once per listener. Listeners are told in the order added.
     *
     * @param listener hears of every decision, failure and reload (see {@link EngineListener})
     * @return this builder
     * @throws org.loyaltyrules.loyalty.InvalidValueException if the listener is null or was already
     *     added (it would hear everything twice)
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public Builder listener(EngineListener listener) {
      Checks.present("engine builder", "listener", listener);
      Checks.check(listeners.stream().noneMatch(added -> added == listener), "engine builder", "listener", listener,
          "each listener added once");
      listeners.add(listener);
      return this;
    }

    /** Tests only: a new Drools session for every decision, never a reused one (the reference). */
    Builder freshSessionsForTests() {
      this.freshSessions = true;
      return this;
    }

    /** {@return the engine} */
    public LoyaltyRulesEngine build() {
      if (ruleBase == null) {
        ruleBase = RuleBase.defaults();
      }
      return new LoyaltyRulesEngine(this);
    }
  }
}
