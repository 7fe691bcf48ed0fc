package org.loyaltyrules.loyalty.rules.lowercase;

/**
 * A class with a lower-case name, as javac allows: {@code org.loyaltyrules.loyalty.rules.lowercase.payload.run()}
 * reads like a property path but compiles to a static call. The checker must see it as a class.
 * Nothing ever calls it.
 */
@SuppressWarnings("checkstyle:TypeName")
public final class payload {
  private payload() {}

  /** @return nothing useful; the checker test only needs the class to exist */
  public static String run() {
    throw new AssertionError("a rule file reached payload.run(): the checker let a static call through");
  }
}
