/**
 * A test kit for merchants' own rule files, shipped in loyalty-rules' test-jar: {@link
 * org.loyaltyrules.loyalty.rules.testkit.LoyaltyGenerators} makes members, orders over a {@link
 * org.loyaltyrules.loyalty.rules.testkit.Catalogue}, campaign calendars and whole {@link
 * org.loyaltyrules.loyalty.rules.testkit.Scenario scenarios}; {@link
 * org.loyaltyrules.loyalty.rules.testkit.ProgrammeHarness} plays them through an engine built from a
 * rule directory on a {@link org.loyaltyrules.loyalty.rules.testkit.MerchantHost} and checks the
 * {@link org.loyaltyrules.loyalty.rules.testkit.ProgrammeInvariants} after every event.
 *
 * <p>Depend on it with {@code <type>test-jar</type>} and {@code <scope>test</scope>}, together with
 * loyalty-core's test-jar (for the ledger invariants) and jqwik.
 */
@NullMarked
package org.loyaltyrules.loyalty.rules.testkit;

import org.jspecify.annotations.NullMarked;
