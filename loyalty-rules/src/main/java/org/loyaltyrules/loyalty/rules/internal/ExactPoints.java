package org.loyaltyrules.loyalty.rules.internal;

import java.math.BigInteger;
import org.loyaltyrules.loyalty.rules.RuleEvaluationException;

/**
 * Point arithmetic that never wraps: a result beyond {@code long} is a {@link RuleEvaluationException}
 * ({@value RuleEvaluationException#POINTS_OVERFLOW}) naming what was being added up and the rule
 * behind it. A wrapped sum would be worse than a failure: a cap computed on it cuts nothing, and a
 * decision holding 1.8×10¹⁹ points reports 140.
 */
final class ExactPoints {
  private ExactPoints() {}

  /**
   * @param a points
   * @param b more points
   * @param what what the sum is, for the message
   * @param rule the rule behind it
   * @return {@code a + b}
   */
  static long add(long a, long b, String what, String rule) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      throw overflow(what, rule, BigInteger.valueOf(a).add(BigInteger.valueOf(b)));
    }
  }

  /**
   * @param a points
   * @param b points to take away
   * @param what what the difference is, for the message
   * @param rule the rule behind it
   * @return {@code a - b}
   */
  static long subtract(long a, long b, String what, String rule) {
    try {
      return Math.subtractExact(a, b);
    } catch (ArithmeticException e) {
      throw overflow(what, rule, BigInteger.valueOf(a).subtract(BigInteger.valueOf(b)));
    }
  }

  /**
   * @param values points
   * @param what what the sum is, for the message
   * @param rule the rule behind it
   * @return their sum
   */
  static long sum(long[] values, String what, String rule) {
    long sum = 0;
    for (long v : values) {
      try {
        sum = Math.addExact(sum, v);
      } catch (ArithmeticException e) {
        BigInteger exact = BigInteger.ZERO;
        for (long x : values) {
          exact = exact.add(BigInteger.valueOf(x));
        }
        throw overflow(what, rule, exact);
      }
    }
    return sum;
  }

  /**
   * @param what what overflowed
   * @param rule the rule behind it, or an empty string
   * @param exact the exact value
   * @return the failure
   */
  static RuleEvaluationException overflow(String what, String rule, Object exact) {
    return RuleEvaluationException.refused(RuleEvaluationException.POINTS_OVERFLOW, "Points overflow", rule, what,
        exact, "from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE + " points");
  }
}
