/**
 * The loyalty domain model and the append-only point ledger.
 *
 * <p>Everything here is plain Java with no rule-engine dependency: {@link org.loyaltyrules.loyalty.Member},
 * {@link org.loyaltyrules.loyalty.Order}, {@link org.loyaltyrules.loyalty.Tier},
 * {@link org.loyaltyrules.loyalty.Money}, {@link org.loyaltyrules.loyalty.Points} and
 * {@link org.loyaltyrules.loyalty.PointLedger}. Values are validated when they are built; an invalid
 * value throws a {@link org.loyaltyrules.loyalty.LoyaltyException} subclass whose message names the
 * field, the value and what was expected. No API method accepts or returns {@code null}.
 *
 * <p>Every value lies within {@link org.loyaltyrules.loyalty.Limits}: instants in the years 1900 to
 * 9999, money within 10^18 minor units, decimals of bounded size, points sums within a {@code long}.
 * No public method lets a raw JDK exception out ({@code ArithmeticException}, {@code
 * DateTimeException}, {@code NullPointerException}…): whatever the arguments, it returns or throws a
 * {@link org.loyaltyrules.loyalty.LoyaltyException}.
 */
@NullMarked
package org.loyaltyrules.loyalty;

import org.jspecify.annotations.NullMarked;
