/**
 * Checking untrusted rule files before they are compiled and loaded: {@link
 * org.loyaltyrules.loyalty.rules.check.DrlChecker} holds a merchant's DRL to the restricted grammar
 * that {@link org.loyaltyrules.loyalty.rules.check.DrlPolicy} configures (docs/restricted-drl.md),
 * and the compiled-code check ({@link org.loyaltyrules.loyalty.rules.check.GeneratedCodeVerifier})
 * refuses generated classes that reference anything outside the allow-list. Only {@code DrlChecker}
 * and {@code DrlPolicy} are API; classes marked {@code @API(status = INTERNAL)} serve the engine.
 */
package org.loyaltyrules.loyalty.rules.check;
