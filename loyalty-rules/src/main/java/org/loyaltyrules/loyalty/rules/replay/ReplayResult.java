package org.loyaltyrules.loyalty.rules.replay;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

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
   */
  public ReplayResult {
    lanes = List.copyOf(lanes);
    problems = List.copyOf(problems);
    decisions = List.copyOf(decisions);
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
