package org.loyaltyrules.loyalty.rules.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.loyaltyrules.loyalty.Programme.RoundingScope;
import org.loyaltyrules.loyalty.internal.Allocation;

/**
 * Turns exact (fractional) point amounts into whole per-line shares. Every split here is exact:
 * shares add up to the total they split, and ties go to the smaller line id, so the result depends
 * on the lines, never on their order.
 */
public final class Shares {
  private Shares() {}

  /**
   * Rounds exact per-line values into whole points.
   *
   * @param exact the exact, non-negative value of each line
   * @param ids the line ids, for tie-breaking
   * @param mode the rounding mode
   * @param scope per line: each value rounded; per order: the sum rounded, then split by largest remainder
   * @return the whole points of each line
   * @throws ArithmeticException when a line or the sum does not fit in a {@code long}
   */
  public static long[] round(BigDecimal[] exact, String[] ids, RoundingMode mode, RoundingScope scope) {
    int n = exact.length;
    long[] shares = new long[n];
    if (scope == RoundingScope.PER_LINE) {
      for (int i = 0; i < n; i++) {
        shares[i] = exact[i].setScale(0, mode).longValueExact();
      }
      return shares;
    }
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal[] fraction = new BigDecimal[n];
    long floors = 0;
    for (int i = 0; i < n; i++) {
      sum = sum.add(exact[i]);
      BigDecimal floor = exact[i].setScale(0, RoundingMode.FLOOR);
      shares[i] = floor.longValueExact();
      fraction[i] = exact[i].subtract(floor);
      floors = Math.addExact(floors, shares[i]);
    }
    long total = sum.setScale(0, mode).longValueExact();
    Allocation.giveLeftover(shares, Math.subtractExact(total, floors), fraction, ids);
    return shares;
  }

  /**
   * Splits a whole number of points over lines in proportion to weights, exactly: the library's
   * one largest-remainder routine, {@link Allocation#largestRemainder(long, BigDecimal[], String[])}.
   *
   * @param total the points to split, ≥ 0
   * @param weights non-negative weights; when all are zero the split is even
   * @param ids the line ids, for tie-breaking
   * @return the share of each line, adding up to {@code total}
   */
  public static long[] split(long total, BigDecimal[] weights, String[] ids) {
    return Allocation.largestRemainder(total, weights, ids);
  }
}
