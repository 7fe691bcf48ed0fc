package org.loyaltyrules.loyalty.rules;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * Hears what a {@link LoyaltyRulesEngine} does, for metrics and monitoring: each decision made, each
 * evaluation that failed or was refused, each reload accepted or rejected. Register listeners with
 * {@link LoyaltyRulesEngine.Builder#listener(EngineListener)}; every method does nothing unless
 * overridden, so a listener implements only what it needs. The library itself depends on no metrics
 * library: a host bridges these calls to Micrometer, OpenTelemetry or its logs.
 *
 * <p><b>What is reported.</b> Every {@link LoyaltyRulesEngine#decide} call with a non-null event and
 * context is reported exactly once: {@link #decisionMade} if it returned a decision, {@link
 * #evaluationFailed} if it threw. A refused event (invalid, a duplicate with other content,
 * insufficient points …) is reported as failed with {@link EvaluationFailed#refused()} true, so a
 * surge of refusals shows beside the rules' own failures; a call with a {@code null} argument is
 * reported to no one (there is no event). Every {@link LoyaltyRulesEngine#reload} is reported once,
 * {@link #reloadAccepted} or {@link #reloadRejected}, and so is every change a {@link
 * RuleDirectoryWatcher} on the engine finds, including files that do not even load.
 *
 * <p><b>No personal data.</b> The reports carry no member id, event id or message text (a message
 * may quote a member id): only the event's kind, counts, codes and durations, all of low cardinality
 * and safe as metric tags. Never tag a metric by member id.
 *
 * <p><b>Cost and safety.</b> Listeners are called synchronously on the thread that decided or
 * reloaded, after the work is done, so their time is not in the reported duration; they may be
 * called from many threads at once. Whatever a listener does cannot change or fail a decision or a
 * reload: what it throws is caught and logged (the first time per listener at WARN, later ones at
 * DEBUG), except an {@link OutOfMemoryError}, which is the JVM's distress and passes on. A slow listener still slows the caller: hand slow work to a queue. With no listener
 * registered the engine neither reads the clock nor allocates anything for listeners.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface EngineListener {

  /**
   * A decision was made.
   *
   * @param made what was decided, without personal data
   */
  default void decisionMade(DecisionMade made) {}

  /**
   * A decision failed or its event was refused; nothing was decided.
   *
   * @param failed what failed, without personal data
   */
  default void evaluationFailed(EvaluationFailed failed) {}

  /**
   * New rules (or a new programme) are serving.
   *
   * @param accepted the new version
   */
  default void reloadAccepted(ReloadAccepted accepted) {}

  /**
   * New rules were refused; the previous ones keep serving.
   *
   * @param rejected every problem found
   */
  default void reloadRejected(ReloadRejected rejected) {}

  /**
   * One decision made.
   *
   * <p>This class is immutable and thread-safe.
   *
   * @param eventKind the event's kind: {@code member-enrolled}, {@code order-paid}, {@code
   *     order-returned}, {@code points-redeemed}, {@code redemption-cancelled}, {@code
   *     pending-released}, {@code expiry-run}, {@code tier-review}, {@code store-credit-spent} or
   *     {@code store-credit-spend-cancelled} (as {@link org.loyaltyrules.loyalty.LoyaltyEvent#kind()})
   * @param durationNanos how long {@code decide} took, from {@link System#nanoTime()} (monotonic), ≥ 0
   * @param ruleFirings how many times rules fired for it (0 for events no rule decides), ≥ 0
   * @param entries how many ledger entries it made, ≥ 0
   * @param tierChanged whether it changes the member's tier
   * @param ruleBaseVersion the version that decided, as recorded on the decision
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record DecisionMade(String eventKind, long durationNanos, int ruleFirings, int entries, boolean tierChanged,
      String ruleBaseVersion) {
    /**
     * Validates every component.
     *
     * @param eventKind the event's kind
     * @param durationNanos how long {@code decide} took, ≥ 0
     * @param ruleFirings how many times rules fired, ≥ 0
     * @param entries how many ledger entries it made, ≥ 0
     * @param tierChanged whether it changes the member's tier
     * @param ruleBaseVersion the version that decided
     * @throws LoyaltyException if a component is invalid
     */
    public DecisionMade {
      Checks.nonBlank("DecisionMade", "eventKind", eventKind);
      Checks.check(durationNanos >= 0, "DecisionMade", "durationNanos", durationNanos, "≥ 0");
      Checks.check(ruleFirings >= 0, "DecisionMade", "ruleFirings", ruleFirings, "≥ 0");
      Checks.check(entries >= 0, "DecisionMade", "entries", entries, "≥ 0");
      Checks.nonBlank("DecisionMade", "ruleBaseVersion", ruleBaseVersion);
    }

    /** {@return {@link #durationNanos()} as a duration} */
    public Duration duration() {
      return Duration.ofNanos(durationNanos);
    }
  }

  /**
   * One decision that failed or was refused.
   *
   * <p>This class is immutable and thread-safe.
   *
   * @param eventKind the event's kind, as in {@link DecisionMade#eventKind()}
   * @param durationNanos how long {@code decide} took until it threw, from {@link System#nanoTime()}, ≥ 0
   * @param errorType the class of what {@code decide} threw
   * @param code the thrown exception's {@link LoyaltyException#code()}, e.g. {@code rule-runaway}
   * @param refused true when the event or its context was refused (the caller's input: invalid,
   *     unknown entry, insufficient points, duplicate with other content …); false when the rules or
   *     the accounting of what they decided failed ({@link RuleEvaluationException})
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record EvaluationFailed(String eventKind, long durationNanos, Class<? extends LoyaltyException> errorType,
      String code, boolean refused) {
    /**
     * Validates every component.
     *
     * @param eventKind the event's kind
     * @param durationNanos how long {@code decide} took until it threw, ≥ 0
     * @param errorType the class of what {@code decide} threw
     * @param code the thrown exception's code
     * @param refused whether the event or its context was refused, rather than the rules failing
     * @throws LoyaltyException if a component is invalid
     */
    public EvaluationFailed {
      Checks.nonBlank("EvaluationFailed", "eventKind", eventKind);
      Checks.check(durationNanos >= 0, "EvaluationFailed", "durationNanos", durationNanos, "≥ 0");
      Checks.present("EvaluationFailed", "errorType", errorType);
      Checks.present("EvaluationFailed", "code", code);
    }

    /** {@return {@link #durationNanos()} as a duration} */
    public Duration duration() {
      return Duration.ofNanos(durationNanos);
    }
  }

  /**
   * A reload that was accepted.
   *
   * <p>This class is immutable and thread-safe.
   *
   * @param version the engine's new version
   * @param previousVersion the version that served before
   * @param ruleCount the number of rules now serving, ≥ 0
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record ReloadAccepted(String version, String previousVersion, int ruleCount) {
    /**
     * Validates every component.
     *
     * @param version the engine's new version
     * @param previousVersion the version that served before
     * @param ruleCount the number of rules now serving, ≥ 0
     * @throws LoyaltyException if a component is invalid
     */
    public ReloadAccepted {
      Checks.nonBlank("ReloadAccepted", "version", version);
      Checks.nonBlank("ReloadAccepted", "previousVersion", previousVersion);
      Checks.check(ruleCount >= 0, "ReloadAccepted", "ruleCount", ruleCount, "≥ 0");
    }
  }

  /**
   * A reload that was rejected.
   *
   * <p>This class is immutable and thread-safe.
   *
   * @param keptVersion the version that keeps serving
   * @param problems every problem found (file, line, column, rule); may quote the merchant's files,
   *     never a member's data
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record ReloadRejected(String keptVersion, List<RuleFileProblem> problems) {
    /**
     * Validates every component and copies the problems.
     *
     * @param keptVersion the version that keeps serving
     * @param problems every problem found
     * @throws LoyaltyException if a component is invalid
     */
    public ReloadRejected {
      Checks.nonBlank("ReloadRejected", "keptVersion", keptVersion);
      problems = Checks.elements("ReloadRejected", "problems", problems);
    }
  }
}
