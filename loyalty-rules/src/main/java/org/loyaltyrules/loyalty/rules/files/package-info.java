/**
 * A merchant's rule directory as the library reads it: {@link
 * org.loyaltyrules.loyalty.rules.files.RuleFiles} gathers the DRL files, {@link
 * org.loyaltyrules.loyalty.rules.files.CampaignFile} (campaigns.csv) and {@link
 * org.loyaltyrules.loyalty.rules.files.TierFile} (tiers.csv), checks them and loads them into a
 * rule base and programme.
 */
package org.loyaltyrules.loyalty.rules.files;
