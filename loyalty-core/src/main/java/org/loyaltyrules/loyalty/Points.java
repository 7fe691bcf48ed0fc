package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A whole number of loyalty points, possibly negative (a debit). Points are never fractional: the
 * rule base rounds when it converts money to points.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param value the number of points
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Points(long value) implements Comparable<Points> {

  /** No points. */
  public static final Points ZERO = new Points(0);

  /**
   * @param value the number of points
   * @return the points
   */
  public static Points of(long value) {
    return value == 0 ? ZERO : new Points(value);
  }

  /**
   * @param other points to add
   * @return the sum
   * @throws ArithmeticException on overflow
   */
  public Points plus(Points other) {
    return of(Math.addExact(value, other.value));
  }

  /**
   * @param other points to subtract
   * @return the difference
   * @throws ArithmeticException on overflow
   */
  public Points minus(Points other) {
    return of(Math.subtractExact(value, other.value));
  }

  /** @return these points with the sign flipped */
  public Points negated() {
    return of(Math.negateExact(value));
  }

  /** @return the absolute value */
  public Points abs() {
    return value < 0 ? negated() : this;
  }

  /** @return whether this is below zero */
  public boolean isNegative() {
    return value < 0;
  }

  /** @return whether this is above zero */
  public boolean isPositive() {
    return value > 0;
  }

  /** @return whether this is zero */
  public boolean isZero() {
    return value == 0;
  }

  @Override
  public int compareTo(Points other) {
    return Long.compare(value, other.value);
  }

  /** @return the number, e.g. {@code 150} */
  @Override
  public String toString() {
    return Long.toString(value);
  }
}
