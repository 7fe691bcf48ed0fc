/**
 * The canonical, versioned JSON form of the values a host stores or sends: ledger entries,
 * decisions, orders, members, events, tier changes, provenance, money, points, ledger checkpoints,
 * and redemption policies and quotes.
 *
 * <p>Register {@link org.loyaltyrules.loyalty.json.LoyaltyJsonModule} on the host's own Jackson
 * {@code ObjectMapper}, or use the facade {@link org.loyaltyrules.loyalty.json.LoyaltyJson}, whose
 * mapper is strictly configured and whose read errors are {@link
 * org.loyaltyrules.loyalty.json.LoyaltyJsonException}s naming the JSON path, the value and what was
 * expected. Jackson is an optional dependency of loyalty-core: a host that uses this package adds
 * {@code com.fasterxml.jackson.core:jackson-databind} (2.x) itself.
 *
 * <p>The form, for every type:
 *
 * <ul>
 *   <li>Field names are camelCase and equal the record component names ({@code memberId}, {@code
 *       occurredAt}); fields appear in component order, so equal values give equal bytes.
 *   <li>A document (a value written at the root) is an object whose first field is {@code
 *       "format":1}; values nested inside it carry no format of their own. A reader refuses a
 *       document without a format or with one it does not know.
 *   <li>{@code LedgerEntry} and {@code LoyaltyEvent} values carry their kind as {@code "kind"}: the
 *       entry's {@code kind()} ({@code earned}, {@code clawed-back}…) or the event's ({@code
 *       order-paid}, {@code expiry-run}…).
 *   <li>{@code Money} is {@code {"amount":"1499.00","currency":"TWD"}}: the amount as a plain decimal
 *       string at the currency's scale. {@code Points} are a JSON integer. Instants are ISO-8601 UTC
 *       text ({@code 2026-06-02T08:30:00Z}). An absent optional value is left out; {@code null} is
 *       never written and always refused.
 * </ul>
 */
@NullMarked
package org.loyaltyrules.loyalty.json;

import org.jspecify.annotations.NullMarked;
