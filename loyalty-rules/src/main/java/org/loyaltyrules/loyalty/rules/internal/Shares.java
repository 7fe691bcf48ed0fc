package org.loyaltyrules.loyalty.rules.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.loyaltyrules.loyalty.Programme.RoundingScope;
import org.loyaltyrules.loyalty.internal.Allocation;

/**
 * Turns exact (fractional) point amounts into whole per-line shares. Every split here is exact and
 * proportional (Hamilton's largest-remainder method): shares add up to the total they split, each
 * line's share is below its exact proportion of that total plus one point, and equal remainders go
 * to the earlier line of the order (never by line id: ids are text, and "10" sorts before "9").
 * Refunds claw back these shares, so a line never gives back a point more than its part of the order.
 */
public final class Shares {
  private Shares() {}

  /**
   * Rounds exact per-line values into whole points.
   *
   * @param exact the exact, non-negative value of each line, in the order's line order
   * @param mode the rounding mode
   * @param scope per line: each value rounded; per order: the sum rounded once, then that whole
   *     total split over the lines in proportion to their exact values (largest remainder, ties by
   *     position)
   * @return the whole points of each line
   * @throws ArithmeticException when a line or the sum does not fit in a {@code long}
   */
  public static long[] round(BigDecimal[] exact, RoundingMode mode, RoundingScope scope) {
    int n = exact.length;
    if (scope == RoundingScope.PER_LINE) {
      long[] shares = new long[n];
      for (int i = 0; i < n; i++) {
        shares[i] = exact[i].setScale(0, mode).longValueExact();
      }
      return shares;
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (BigDecimal value : exact) {
      sum = sum.add(value);
    }
    long total = sum.setScale(0, mode).longValueExact();
    if (total == 0) {
      // Also when every value is zero: nothing to share (an even split of zero is zero).
      return new long[n];
    }
    // Split the rounded total, not each line's exact value floored: with a total rounded up or down,
    // flooring the exact values first lets the leftover land on lines beyond their proportion.
    return Allocation.largestRemainderByPosition(total, exact);
  }

  /**
   * Splits a whole number of points over lines in proportion to weights, exactly: the library's
   * one largest-remainder routine, {@link Allocation#largestRemainderByPosition(long, BigDecimal[])}.
   *
   * @param total the points to split, ≥ 0
   * @param weights non-negative weights in the order's line order; when all are zero the split is even
   * @return the share of each line, adding up to {@code total}
   */
  public static long[] split(long total, BigDecimal[] weights) {
    return Allocation.largestRemainderByPosition(total, weights);
  }
}
