package org.loyaltyrules.loyalty.rules;

/**
 * State that the hostile corpus ({@code hostile/}) tries to reach and {@link HostileCorpusTest}
 * watches: a public static field a rule could assign or a public static method it could call, and
 * the well-known places a rule would write to or connect to. Nothing in the library uses this
 * class; it exists so that an attack has a concrete, observable target.
 *
 * <p>The hostile files name these by their fully qualified names and literal values (a rule file
 * cannot read constants of the test), so the literals below are part of the corpus: change them
 * only together with the files that use them.
 */
public final class HostileCanary {
  /** The value of {@link #value} while nothing has touched it. */
  public static final String UNTOUCHED = "untouched";

  /** A static field a hostile rule tries to overwrite. */
  public static volatile String value = UNTOUCHED;

  /** A counter a hostile rule tries to bump through {@link #touch()}. */
  public static volatile int touches;

  /** The loopback port the hostile files try to connect to; the harness listens on it. */
  public static final int PORT = 47123;

  /**
   * The file, relative to the working directory, that hostile files try to overwrite or delete;
   * the harness creates it and watches it.
   */
  public static final String CANARY_FILE = "target/hostile-canary/canary.txt";

  private HostileCanary() {}

  /**
   * A static method with a side effect, the kind a fact package must never offer.
   *
   * @return the new count, so that a rule can use the call as a value
   */
  public static int touch() {
    return ++touches;
  }
}
