package org.loyaltyrules.loyalty.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The one largest-remainder allocation of the library: splits a whole number of units (minor units
 * of a discount, points of a bonus) over parts in proportion to their weights, so that the shares
 * add up to the total exactly.
 *
 * <p>Each part first gets the floor of its exact proportion {@code total × weight / Σweights}; the
 * units left over go one each to the parts with the largest remainders. Tie-break (today's rule,
 * kept identical for {@code Order} and the engine): equal remainders go to the smaller id by
 * {@link String#compareTo}, so a split depends on the parts, never on their order. When every
 * weight is zero the total is split evenly, the leftover going by id in the same way.
 *
 * <p>{@link #largestRemainderByPosition(long, BigDecimal[])} is the same split (Hamilton's method)
 * with ties going to the earlier part instead: the engine splits an order's points over its lines
 * that way, because line ids are text ("10" sorts before "9") and the position is what the order
 * shows.
 *
 * <p>Not part of the public API: used by {@code Order} and the rule engine. Stateless and
 * thread-safe.
 */
public final class Allocation {
  private static final String SUBJECT = "allocation";

  private Allocation() {}

  /**
   * Splits {@code total} over parts in proportion to {@code weights}, exactly.
   *
   * @param total the units to split, ≥ 0
   * @param weights one non-negative weight per part
   * @param ids one id per part, for the tie-break
   * @return each part's share: they add up to {@code total}, each is within 1 of its exact
   *     proportion, and a part of weight zero gets zero unless every weight is zero
   * @throws org.loyaltyrules.loyalty.InvalidValueException if the total or a weight is negative,
   *     or the arrays differ in length
   */
  public static long[] largestRemainder(long total, BigDecimal[] weights, String[] ids) {
    Checks.check(weights.length == ids.length, SUBJECT, "ids.length", ids.length,
        "one id per weight (" + weights.length + ")");
    return split(total, weights, ids);
  }

  /**
   * Splits {@code total} over parts in proportion to {@code weights}, exactly (Hamilton's method):
   * each part gets the floor of {@code total × weight / Σweights}, the units left over go one each
   * to the largest remainders, equal remainders to the earlier part.
   *
   * @param total the units to split, ≥ 0
   * @param weights one non-negative weight per part, in the parts' order
   * @return each part's share: they add up to {@code total}, each is below its exact proportion
   *     plus 1, and a part of weight zero gets zero unless every weight is zero (then the split is
   *     even, the leftover to the earliest parts)
   * @throws org.loyaltyrules.loyalty.InvalidValueException if the total or a weight is negative
   */
  public static long[] largestRemainderByPosition(long total, BigDecimal[] weights) {
    return split(total, weights, null);
  }

  /** The split; {@code ids} null: ties by position. */
  private static long[] split(long total, BigDecimal[] weights, String[] ids) {
    Checks.check(total >= 0, SUBJECT, "total", total, "≥ 0");
    int n = weights.length;
    long[] shares = new long[n];
    if (n == 0) {
      return shares;
    }
    BigDecimal weightSum = BigDecimal.ZERO;
    for (int i = 0; i < n; i++) {
      Checks.check(weights[i].signum() >= 0, SUBJECT, "weights[" + i + "]", weights[i], "≥ 0");
      weightSum = weightSum.add(weights[i]);
    }
    BigDecimal[] remainder = new BigDecimal[n];
    BigDecimal totalDecimal = BigDecimal.valueOf(total);
    long given = 0;
    for (int i = 0; i < n; i++) {
      if (weightSum.signum() == 0) {
        shares[i] = total / n;
        remainder[i] = BigDecimal.ZERO;
      } else {
        // Exact: total × weight can exceed a long; the quotient (≤ total) fits one again.
        BigDecimal[] qr = totalDecimal.multiply(weights[i]).divideAndRemainder(weightSum);
        shares[i] = qr[0].longValueExact();
        remainder[i] = qr[1];
      }
      given += shares[i];
    }
    giveLeftover(shares, total - given, remainder, ids);
    return shares;
  }

  /**
   * {@link #largestRemainder(long, BigDecimal[], String[])} for whole-number weights (minor units).
   *
   * @param total the units to split, ≥ 0
   * @param weights one non-negative weight per part
   * @param ids one id per part, for the tie-break
   * @return each part's share, adding up to {@code total}
   */
  public static long[] largestRemainder(long total, long[] weights, String[] ids) {
    BigDecimal[] decimal = new BigDecimal[weights.length];
    for (int i = 0; i < weights.length; i++) {
      decimal[i] = BigDecimal.valueOf(weights[i]);
    }
    return largestRemainder(total, decimal, ids);
  }

  /**
   * Adds {@code leftover} units to {@code shares}, one each, to the parts with the highest
   * {@code priority} first (smaller id on a tie), going round again if the leftover exceeds the
   * number of parts. The last step of every largest-remainder split, and of rounding a sum once
   * and sharing it out.
   *
   * @param shares the shares so far, changed in place
   * @param leftover the units to add; nothing happens when ≤ 0
   * @param priority one value per part, typically its remainder
   * @param ids one id per part, for the tie-break; null: the earlier part wins a tie
   */
  public static void giveLeftover(long[] shares, long leftover, BigDecimal[] priority, String[] ids) {
    if (leftover <= 0) {
      return;
    }
    Checks.check(shares.length > 0, SUBJECT, "shares", "[]", "at least one part to give " + leftover + " to");
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < shares.length; i++) {
      order.add(i);
    }
    order.sort((a, b) -> {
      int c = priority[b].compareTo(priority[a]);
      return c != 0 ? c : ids == null ? Integer.compare(a, b) : ids[a].compareTo(ids[b]);
    });
    for (int k = 0; leftover > 0; k = (k + 1) % shares.length) {
      shares[order.get(k)]++;
      leftover--;
    }
  }
}
