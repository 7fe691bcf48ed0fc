package org.loyaltyrules.loyalty.examples.shop;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.loyaltyrules.loyalty.rules.EngineListener;
import org.springframework.stereotype.Component;

/**
 * Feeds Micrometer from the engine's {@link EngineListener} reports; Spring Boot's actuator shows
 * the meters on {@code /actuator/metrics}. Every tag has few values (event kinds, outcomes, error
 * codes, rule base versions): there is no member id, event id or order id in any tag, so the
 * meters hold no personal data and their number stays bounded.
 *
 * <ul>
 *   <li>{@value #DECISIONS} (timer): each {@code decide} call, tags {@code kind} (e.g. {@code
 *       order-paid}), {@code outcome} ({@code decided}, {@code refused} for an event the engine
 *       refused, {@code failed} for rules that failed) and {@code code} (the error code, {@code none}
 *       for a decision);
 *   <li>{@value #RULE_FIRINGS} (counter): rule firings of the decisions made, tag {@code kind};
 *   <li>{@value #ENTRIES} (counter): ledger entries the decisions made, tag {@code kind};
 *   <li>{@value #RELOADS} (counter): rule reloads, tag {@code outcome} ({@code accepted}, {@code
 *       rejected});
 *   <li>{@value #SERVING} (gauge): the number of rules serving, tag {@code version} (the engine's rule
 *       base version); one series, replaced on each accepted reload.
 * </ul>
 *
 * <p>Decisions are recorded on the deciding thread; the meters of a decision are looked up once per
 * kind and cached, so a decision costs two counter increments and a timer record.
 */
@Component
class EngineMeters implements EngineListener {
  static final String DECISIONS = "loyalty.decisions";
  static final String RULE_FIRINGS = "loyalty.rule.firings";
  static final String ENTRIES = "loyalty.ledger.entries";
  static final String RELOADS = "loyalty.rules.reloads";
  static final String SERVING = "loyalty.rules.serving";

  /** The meters of one kind's successful decisions. */
  private record Decided(Timer timer, Counter firings, Counter entries) {}

  private final MeterRegistry registry;
  private final ConcurrentHashMap<String, Decided> decided = new ConcurrentHashMap<>();
  private final Counter accepted;
  private final Counter rejected;
  private Gauge serving;

  EngineMeters(MeterRegistry registry) {
    this.registry = registry;
    this.accepted = reloads("accepted");
    this.rejected = reloads("rejected");
  }

  private Counter reloads(String outcome) {
    return Counter.builder(RELOADS).description("Rule reloads, by outcome").tag("outcome", outcome)
        .register(registry);
  }

  private Decided decided(String kind) {
    return new Decided(timer(kind, "decided", "none"),
        Counter.builder(RULE_FIRINGS).description("Rule firings of the decisions made").tag("kind", kind)
            .register(registry),
        Counter.builder(ENTRIES).description("Ledger entries of the decisions made").tag("kind", kind)
            .register(registry));
  }

  private Timer timer(String kind, String outcome, String code) {
    return Timer.builder(DECISIONS).description("Engine decide calls, by event kind and outcome").tag("kind", kind)
        .tag("outcome", outcome).tag("code", code).register(registry);
  }

  /**
   * Shows the rules serving; the engine reports reloads, the host reports the rules it started with.
   *
   * @param version the engine's rule base version
   * @param ruleCount the number of rules
   */
  synchronized void serving(String version, int ruleCount) {
    if (serving != null) {
      registry.remove(serving);
    }
    serving = Gauge.builder(SERVING, () -> ruleCount).description("Rules serving, tagged by rule base version")
        .tag("version", version).strongReference(true).register(registry);
  }

  @Override
  public void decisionMade(DecisionMade made) {
    Decided meters = decided.computeIfAbsent(made.eventKind(), this::decided);
    meters.timer().record(made.durationNanos(), TimeUnit.NANOSECONDS);
    meters.firings().increment(made.ruleFirings());
    meters.entries().increment(made.entries());
  }

  @Override
  public void evaluationFailed(EvaluationFailed failed) {
    // Rare next to decisions: looked up in the registry each time rather than cached.
    timer(failed.eventKind(), failed.refused() ? "refused" : "failed", failed.code())
        .record(failed.durationNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void reloadAccepted(ReloadAccepted reload) {
    accepted.increment();
    serving(reload.version(), reload.ruleCount());
  }

  @Override
  public void reloadRejected(ReloadRejected reload) {
    rejected.increment();
  }
}
