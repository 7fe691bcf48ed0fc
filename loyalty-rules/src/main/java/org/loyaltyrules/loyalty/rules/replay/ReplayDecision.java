package org.loyaltyrules.loyalty.rules.replay;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.internal.Checks;

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
   * @throws InvalidValueException if {@code sequence} is negative or a component is null
   */
  public ReplayDecision {
    Checks.check(sequence >= 0, "ReplayDecision", "sequence", sequence, "≥ 0");
    Checks.present("ReplayDecision", "lane", lane);
    Checks.present("ReplayDecision", "event", event);
    Checks.present("ReplayDecision", "decision", decision);
  }
}
