package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * A whole number of loyalty points, possibly negative (a debit). Points are never fractional: the
 * rule base rounds when it converts money to points. Arithmetic is exact: a result beyond a {@code
 * long} is a {@link PointsOverflowException}, never a wrapped value.
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
   * {@return the points}
   *
   * @param value the number of points
   */
  public static Points of(long value) {
    return value == 0 ? ZERO : new Points(value);
  }

  /**
   * {@return the sum}
   *
   * @param other points to add
   * @throws PointsOverflowException if the sum does not fit in a {@code long}
   */
  public Points plus(Points other) {
    Checks.present("points", "other", other);
    return of(Checks.addPoints("points", "sum", value, other.value));
  }

  /**
   * {@return the difference}
   *
   * @param other points to subtract
   * @throws PointsOverflowException if the difference does not fit in a {@code long}
   */
  public Points minus(Points other) {
    Checks.present("points", "other", other);
    return of(Checks.subtractPoints("points", "difference", value, other.value));
  }

  /**
   * {@return these points with the sign flipped}
   *
   * @throws PointsOverflowException for {@code Long.MIN_VALUE}, whose negation does not fit
   */
  public Points negated() {
    return of(Checks.subtractPoints("points", "negation", 0, value));
  }

  /**
   * {@return the absolute value}
   *
   * @throws PointsOverflowException for {@code Long.MIN_VALUE}
   */
  public Points abs() {
    return value < 0 ? negated() : this;
  }

  /** {@return whether this is below zero} */
  public boolean isNegative() {
    return value < 0;
  }

  /** {@return whether this is above zero} */
  public boolean isPositive() {
    return value > 0;
  }

  /** {@return whether this is zero} */
  public boolean isZero() {
    return value == 0;
  }

  /**
   * Compares by value.
   *
   * @throws InvalidValueException if {@code other} is null
   */
  @Override
  public int compareTo(Points other) {
    Checks.present("points", "other", other);
    return Long.compare(value, other.value);
  }

  /** @return the number, e.g. {@code 150} */
  @Override
  public String toString() {
    return Long.toString(value);
  }
}
