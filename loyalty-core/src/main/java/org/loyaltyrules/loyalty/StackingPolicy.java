package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How several multiplier campaigns that apply to the same order line combine. Campaigns that share
 * an {@linkplain Campaign.Multiplier#exclusiveGroup() exclusive group} are first reduced to the one with the
 * highest multiplier (ties: the smallest campaign id); the survivors then combine by this policy.
 *
 * <p>With base points {@code B} and multipliers {@code m1…mn}:
 *
 * <ul>
 *   <li>{@link #ADDITIVE}: {@code B × (1 + Σ(mi − 1))} — "double points" plus "triple points" is
 *       quadruple, not sextuple;
 *   <li>{@link #MULTIPLICATIVE}: {@code B × Π mi};
 *   <li>{@link #BEST_OF}: {@code B × max(mi)}: only the best campaign counts.
 * </ul>
 *
 * The extra points over {@code B} are credited per campaign, so each campaign's share is visible;
 * for the multiplicative policy they are attributed in campaign-id order.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum StackingPolicy {
  /** Extras add up. */
  ADDITIVE,
  /** Multipliers multiply. */
  MULTIPLICATIVE,
  /** Only the highest multiplier applies. */
  BEST_OF
}
