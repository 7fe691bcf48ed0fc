package org.loyaltyrules.loyalty.rules.hostile;

/**
 * Static state a hostile (trusted, unchecked) test rule writes to, to carry a fact from one
 * evaluation into the next. Public because the code Drools generates for a rule lives in the rule
 * file's package.
 */
public final class Stash {
  /** What a rule kept; tests reset it. */
  public static volatile Object kept;

  private Stash() {}
}
