package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Decides what a business event means for a member's points and tier. A pure function of the
 * event, the member's state and the rule base: it reads no clock, does no I/O, stores nothing and
 * never changes its inputs. The host appends the decision's entries to its stored ledgers.
 *
 * <p>Implementations are thread-safe and meant to be built once and shared.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface LoyaltyEngine {

  /**
   * Decides on one event.
   *
   * @param event the event
   * @param context the member (and referral chain) the event is about
   * @return the decision, whole
   * @throws LoyaltyException if the input is invalid or the event cannot be honoured (for example a
   *     redemption of more points than are available); nothing is decided then
   */
  Decision decide(LoyaltyEvent event, DecisionContext context);

  /** {@return the content hash of the rule base currently deciding} */
  String ruleBaseVersion();
}
