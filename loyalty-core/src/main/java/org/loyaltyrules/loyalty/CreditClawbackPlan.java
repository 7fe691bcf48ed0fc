package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * How a clawback of store credit splits, from {@link PointLedger#planCreditClawback}: what is
 * deducted from the member's credit lots, and what is not because it was already spent or expired
 * (store credit never goes below zero).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param collected the credit deducted, ≥ 0
 * @param uncollected the credit not deducted, ≥ 0, in the same currency
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CreditClawbackPlan(Money collected, Money uncollected) {
  /**
   * Validates both amounts.
   *
   * @param collected the credit deducted, ≥ 0
   * @param uncollected the credit not deducted, ≥ 0, in the same currency
   * @throws LoyaltyException if an amount is missing, negative or in another currency
   */
  public CreditClawbackPlan {
    Checks.present("credit clawback plan", "collected", collected);
    Checks.present("credit clawback plan", "uncollected", uncollected);
    Checks.check(!collected.isNegative(), "credit clawback plan", "collected", collected, "≥ 0");
    Checks.check(!uncollected.isNegative(), "credit clawback plan", "uncollected", uncollected, "≥ 0");
    if (!collected.currency().equals(uncollected.currency())) {
      throw new CurrencyMismatchException("credit clawback plan", "uncollected", collected.currency(), uncollected.currency());
    }
  }

  /** {@return collected plus uncollected: the credit the clawback reverses} */
  public Money reversed() {
    return collected.plus(uncollected);
  }
}
