/**
 * The rule engine's API: {@link org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine} decides events
 * over a compiled {@link org.loyaltyrules.loyalty.rules.RuleBase}; {@link
 * org.loyaltyrules.loyalty.rules.RuleSource} is one rule file, {@link
 * org.loyaltyrules.loyalty.rules.RuleFileException} and {@link
 * org.loyaltyrules.loyalty.rules.RuleFileProblem} say what is wrong with one, and {@link
 * org.loyaltyrules.loyalty.rules.RuleDirectoryWatcher} reloads a directory when it changes.
 *
 * <p>The sub-packages: {@code files} reads a merchant's rule directory (DRL, campaigns.csv,
 * tiers.csv) into {@link org.loyaltyrules.loyalty.rules.LoadedRules}; {@code check} checks
 * untrusted rule files (the restricted DRL grammar and the compiled-code check); {@code trial} runs
 * new rules on generated events before they serve; {@code facts} is what rules see; {@code
 * internal} is the engine's implementation and not API.
 */
package org.loyaltyrules.loyalty.rules;
