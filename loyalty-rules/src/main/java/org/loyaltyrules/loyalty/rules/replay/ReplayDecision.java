package org.loyaltyrules.loyalty.rules.replay;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.LoyaltyEvent;

/**
 * One decision a replay made, as recorded with {@link Replay.Builder#recordDecisions(boolean)} or
 * handed to a {@link Replay.DecisionListener}.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param sequence the event's 0-based position in the replayed stream
 * @param lane the lane that decided
 * @param event the event
 * @param decision what the lane's engine decided (already appended to the ledgers)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ReplayDecision(long sequence, String lane, LoyaltyEvent event, Decision decision) {
  /**
   * Validates the components.
   *
   * @param sequence the event's 0-based position in the replayed stream
   * @param lane the lane that decided
   * @param event the event
   * @param decision what the lane's engine decided (already appended to the ledgers)
   */
  public ReplayDecision {
    Objects.requireNonNull(lane, "lane");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(decision, "decision");
  }
}
