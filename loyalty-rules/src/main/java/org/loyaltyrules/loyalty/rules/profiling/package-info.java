/**
 * The engine's phases of a decision, one at a time, for measuring where a decision's time goes (the
 * benchmarks' {@code EnginePhasesBenchmark}). Not for deciding: {@link
 * org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine#decide} is the API.
 */
@NullMarked
package org.loyaltyrules.loyalty.rules.profiling;

import org.jspecify.annotations.NullMarked;
