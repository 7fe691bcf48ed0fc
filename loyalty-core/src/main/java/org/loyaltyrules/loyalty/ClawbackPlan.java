package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How a clawback of some points of an earned entry splits, given the ledger as it stands: what is
 * deducted and what is forgiven (already expired, or capped by {@link NegativeBalancePolicy}).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param collected points to deduct, ≥ 0 (the entry's points are its negation)
 * @param uncollected points reversed but not deducted, ≥ 0
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ClawbackPlan(Points collected, Points uncollected) {}
