package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * What happens when a refund claws back points the member has already spent. It is a programme
 * setting, passed to every {@link PointLedger}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum NegativeBalancePolicy {
  /**
   * The whole clawback is deducted; the member may go into debt (a negative available balance),
   * which the next credits pay off before they become spendable. Redemptions still need available
   * points.
   */
  ALLOW_DEBT,
  /**
   * The clawback deducts only what the member still has (available or pending); the rest is recorded
   * as {@link LedgerEntry.ClawedBack#uncollected()} and forgiven. The available balance never goes
   * below zero.
   */
  CAP_AT_ZERO
}
