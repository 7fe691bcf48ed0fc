/**
 * The trial every new rule base passes before it serves: {@link
 * org.loyaltyrules.loyalty.rules.trial.RuleTrial} decides generated events (every event kind, a
 * member at every tier, a referral chain) and the host's sample events with the new rules, and
 * rejects the rules at the failing rule if a decision fails.
 */
package org.loyaltyrules.loyalty.rules.trial;
