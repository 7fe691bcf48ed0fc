package org.acme.shadow;

/**
 * A host class named like {@code java.lang.Math}, for the corpus file that declares {@code package
 * org.acme.shadow;}: in code generated into that package, javac reads {@code Math.max} as this
 * class, not {@code java.lang.Math}, so the checker must refuse the name there.
 */
public final class Math {
  private Math() {}

  /**
   * @param a a number
   * @param b a number
   * @return the larger, after doing what a host class might do (here nothing harmful)
   */
  public static int max(int a, int b) {
    return java.lang.Math.max(a, b);
  }
}
