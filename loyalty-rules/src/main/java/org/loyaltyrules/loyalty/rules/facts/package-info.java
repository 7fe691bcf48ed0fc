/**
 * The fact model as rule files see it. Input facts are read-only snapshots the engine builds for
 * one evaluation; rules never change them. Rules emit what they decide by calling the output
 * collector, the global {@code decisions} ({@link org.loyaltyrules.loyalty.rules.facts.Decisions}).
 * Facts cannot be forged: only the engine constructs them, and the collector accepts only the
 * instances inserted for the evaluation at hand.
 *
 * <p>Amounts are {@link java.math.BigDecimal} in the programme's currency; dates are local dates in
 * the programme's time zone.
 */
@NullMarked
package org.loyaltyrules.loyalty.rules.facts;

import org.jspecify.annotations.NullMarked;
