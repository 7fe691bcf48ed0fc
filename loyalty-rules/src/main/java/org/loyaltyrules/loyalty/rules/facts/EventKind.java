package org.loyaltyrules.loyalty.rules.facts;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * What kind of event an evaluation is about, as {@link EventFact#getKind()}. An enum, not a string,
 * so that a misspelt kind in a rule file ({@code kind == EventKind.TIER_REVEIW}) is refused when the
 * file loads, with its line and column, instead of making a rule that silently never fires.
 *
 * <p>Rules may compare with these constants and nothing more (no {@code name()}, no {@code
 * ordinal()}): {@code EventFact( kind == EventKind.TIER_REVIEW )}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum EventKind {
  /** An order was paid: earning, campaigns, bonuses, referral bonuses and upgrades. */
  ORDER_PAID,
  /**
   * An order was returned and the programme recomputes tiers on refunds: the rules see the spend
   * left after the refund, and only their tier qualifications are read.
   */
  ORDER_RETURNED,
  /** A member enrolled: welcome bonuses. */
  MEMBER_ENROLLED,
  /** A periodic tier review: upgrades and downgrades. */
  TIER_REVIEW,
  /**
   * A local day started for the member ({@link org.loyaltyrules.loyalty.LoyaltyEvent.DayStarted}):
   * birthday-month points and gifts, anniversary points; the day is a {@link DayFact}.
   */
  DAY_STARTED,
  /**
   * A custom (non-purchase) event such as a check-in or a review: event-bonus campaigns, within their
   * limits and budgets. The rules see a {@link CustomEventFact} and its {@link AttributeFact}s.
   */
  CUSTOM_EVENT
}
