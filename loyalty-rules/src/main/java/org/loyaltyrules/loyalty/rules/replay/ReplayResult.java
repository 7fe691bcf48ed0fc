package org.loyaltyrules.loyalty.rules.replay;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * What a replay decided: one {@link Lane} per rule set (every member's final ledger and tier, and
 * the totals), the events it could not decide, and every decision when recorded. The same events,
 * members and engines give an equal result whatever the thread count.
 *
 * <p>This class is immutable once returned (its lanes are no longer written) and safe to read from
 * any thread.
 *
 * @param lanes one per rule set, in the order they were added
 * @param problems every problem, in stream order (then lane order)
 * @param decisions every decision in stream order (then lane order) when {@link
 *     Replay.Builder#recordDecisions(boolean)} was set, else empty
 * @param events how many events were submitted
 * @param elapsedNanos wall time from the start of the run to its end (deciding and merging)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ReplayResult(List<Lane> lanes, List<ReplayProblem> problems, List<ReplayDecision> decisions,
    long events, long elapsedNanos) {

  /**
   * Copies the lists.
   *
   * @param lanes one per rule set, in the order they were added
   * @param problems every problem, in stream order (then lane order)
   * @param decisions every decision in stream order (then lane order) when {@link
   *     Replay.Builder#recordDecisions(boolean)} was set, else empty
   * @param events how many events were submitted
   * @param elapsedNanos wall time from the start of the run to its end (deciding and merging)
   * @throws InvalidValueException if a list or one of its elements is null, there is no lane, or
   *     {@code events} or {@code elapsedNanos} is negative
   */
  public ReplayResult {
    lanes = Checks.elements("ReplayResult", "lanes", lanes);
    // Every replay has a lane (Replay.Builder#build refuses none), and lane() reads the first.
    Checks.check(!lanes.isEmpty(), "ReplayResult", "lanes", "[]", "at least one lane");
    problems = Checks.elements("ReplayResult", "problems", problems);
    decisions = Checks.elements("ReplayResult", "decisions", decisions);
    Checks.check(events >= 0, "ReplayResult", "events", events, "≥ 0");
    Checks.check(elapsedNanos >= 0, "ReplayResult", "elapsedNanos", elapsedNanos, "≥ 0");
  }

  /** {@return the first lane (the only one for a plain replay)} */
  public Lane lane() {
    return lanes.get(0);
  }

  /** {@return problems counted by code, in code order} */
  public Map<String, Long> problemCounts() {
    Map<String, Long> counts = new TreeMap<>();
    for (ReplayProblem p : problems) {
      counts.merge(p.code(), 1L, Long::sum);
    }
    return counts;
  }
}
