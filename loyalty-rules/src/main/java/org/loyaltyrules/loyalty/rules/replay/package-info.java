/**
 * Replay and simulation: "what would these rules have done to last year's events". A {@link
 * org.loyaltyrules.loyalty.rules.replay.Replay} decides a time-ordered stream of {@link
 * org.loyaltyrules.loyalty.LoyaltyEvent}s through one or more engines ("lanes") against in-memory
 * ledgers, and returns every member's final ledger and tier, the totals, the problems and, when
 * asked, every decision. A {@link org.loyaltyrules.loyalty.rules.replay.Simulation} compares two
 * lanes of one replay.
 *
 * <p>Work is partitioned by referral family (a member and everyone linked to them by referrer
 * links), because a referral bonus writes to another member's ledger; partitions run on a thread
 * pool and are merged in a fixed order, so the result does not depend on the thread count. Reading
 * files and turning them into events is the caller's job.
 */
@NullMarked
package org.loyaltyrules.loyalty.rules.replay;

import org.jspecify.annotations.NullMarked;
