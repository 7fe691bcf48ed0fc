/**
 * The loyalty domain model and the append-only point ledger.
 *
 * <p>Everything here is plain Java with no rule-engine dependency: {@link org.loyaltyrules.loyalty.Member},
 * {@link org.loyaltyrules.loyalty.Order}, {@link org.loyaltyrules.loyalty.Tier},
 * {@link org.loyaltyrules.loyalty.Money}, {@link org.loyaltyrules.loyalty.Points} and
 * {@link org.loyaltyrules.loyalty.PointLedger}. Values are validated when they are built; an invalid
 * value throws a {@link org.loyaltyrules.loyalty.LoyaltyException} subclass whose message names the
 * field, the value and what was expected. No API method accepts or returns {@code null}.
 */
@NullMarked
package org.loyaltyrules.loyalty;

import org.jspecify.annotations.NullMarked;
