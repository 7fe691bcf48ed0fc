package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import org.apiguardian.api.API;

/**
 * Plans a clawback on one member's ledger, as {@link PointLedger#planClawback} does: how much of a
 * reversal is deducted and how much is forgiven depends on that ledger's lots (what is left of the
 * award, what expired, what other lots can cover) and its {@link NegativeBalancePolicy}, which no
 * single row tells. An {@link Upline} carries one so that the engine can roll back a referral bonus
 * without the upline's whole ledger in the decision context; {@code ledger::planClawback} is one.
 */
@API(status = EXPERIMENTAL, since = "0.2")
@FunctionalInterface
public interface ClawbackPlanner {
  /**
   * {@return the split between collected and uncollected}
   *
   * @param earnedKey the key of the earned entry a clawback reverses
   * @param points the points to reverse, ≥ 0
   * @param at when the clawback happens
   * @throws LoyaltyException if the entry is unknown or fewer points are left to reverse
   */
  ClawbackPlan plan(String earnedKey, Points points, Instant at);
}
