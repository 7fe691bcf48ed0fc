package org.loyaltyrules.loyalty.rules.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.loyaltyrules.loyalty.Programme.RoundingScope;

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
    giveLeftover(shares, Math.subtractExact(total, floors), fraction, ids);
    return shares;
  }

  /**
   * Splits a whole number of points over lines in proportion to weights, exactly.
   *
   * @param total the points to split, ≥ 0
   * @param weights non-negative weights; when all are zero the split is even
   * @param ids the line ids, for tie-breaking
   * @return the share of each line, adding up to {@code total}
   */
  public static long[] split(long total, BigDecimal[] weights, String[] ids) {
    int n = weights.length;
    long[] shares = new long[n];
    if (n == 0) {
      return shares;
    }
    BigDecimal weightSum = BigDecimal.ZERO;
    for (BigDecimal w : weights) {
      weightSum = weightSum.add(w);
    }
    BigDecimal[] remainder = new BigDecimal[n];
    BigDecimal totalDecimal = BigDecimal.valueOf(total);
    long given = 0;
    for (int i = 0; i < n; i++) {
      if (weightSum.signum() == 0) {
        shares[i] = total / n;
        remainder[i] = BigDecimal.ZERO;
      } else {
        BigDecimal[] qr = totalDecimal.multiply(weights[i]).divideAndRemainder(weightSum);
        shares[i] = qr[0].longValueExact();
        remainder[i] = qr[1];
      }
      given += shares[i];
    }
    giveLeftover(shares, total - given, remainder, ids);
    return shares;
  }

  private static void giveLeftover(long[] shares, long leftover, BigDecimal[] priority, String[] ids) {
    if (leftover <= 0) {
      return;
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < shares.length; i++) {
      order.add(i);
    }
    order.sort((a, b) -> {
      int c = priority[b].compareTo(priority[a]);
      return c != 0 ? c : ids[a].compareTo(ids[b]);
    });
    for (int k = 0; leftover > 0; k = (k + 1) % shares.length) {
      shares[order.get(k)]++;
      leftover--;
    }
  }
}
