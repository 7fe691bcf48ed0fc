package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class PointsTest {

  @Test
  void of_zero_isTheZeroConstant() {
    assertThat(Points.of(0)).isSameAs(Points.ZERO);
  }

  @Test
  void plusAndMinus_wholePoints_areExact() {
    // given
    Points a = Points.of(150);
    Points b = Points.of(-40);

    // then
    assertThat(a.plus(b)).isEqualTo(Points.of(110));
    assertThat(a.minus(b)).isEqualTo(Points.of(190));
    assertThat(b.negated()).isEqualTo(Points.of(40));
    assertThat(b.abs()).isEqualTo(Points.of(40));
    assertThat(a.abs()).isSameAs(a);
  }

  @Test
  void plus_overflow_throwsTypedPointsOverflow() {
    // when
    PointsOverflowException e = catchThrowableOfType(PointsOverflowException.class,
        () -> Points.of(Long.MAX_VALUE).plus(Points.of(1)));

    // then: typed, with the exact value it would have been, never a raw ArithmeticException
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo("points-overflow");
    assertThat(e.field()).isEqualTo("sum");
    assertThat(e.value()).isEqualTo("9223372036854775808");
    assertThat(e).hasMessage("Points overflow: points sum [9223372036854775808]; expected from"
        + " -9223372036854775808 to 9223372036854775807 points");
  }

  @Test
  void minusAndNegated_overflow_throwTypedPointsOverflow() {
    assertThatThrownBy(() -> Points.of(Long.MIN_VALUE).minus(Points.of(1)))
        .isInstanceOfSatisfying(PointsOverflowException.class, e -> assertThat(e.value()).isEqualTo("-9223372036854775809"));
    assertThatThrownBy(() -> Points.of(Long.MIN_VALUE).negated())
        .isInstanceOfSatisfying(PointsOverflowException.class, e -> assertThat(e.value()).isEqualTo("9223372036854775808"));
    assertThatThrownBy(() -> Points.of(Long.MIN_VALUE).abs()).isInstanceOf(PointsOverflowException.class);
  }

  @Test
  void plusAndCompareTo_null_throwInvalidValue() {
    assertThatThrownBy(() -> Points.ZERO.plus(null)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> Points.ZERO.compareTo(null)).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void predicates_signOfValue_areConsistent() {
    assertThat(Points.of(-1).isNegative()).isTrue();
    assertThat(Points.of(1).isPositive()).isTrue();
    assertThat(Points.ZERO.isZero()).isTrue();
    assertThat(Points.ZERO.isPositive() || Points.ZERO.isNegative()).isFalse();
  }

  @Test
  void compareTo_values_orderNumerically() {
    assertThat(Points.of(-5)).isLessThan(Points.of(3));
    assertThat(Points.of(3).compareTo(Points.of(3))).isZero();
  }

  @Test
  void toString_anyValue_isThePlainNumber() {
    assertThat(Points.of(1_500_000).toString()).isEqualTo("1500000");
    assertThat(Points.of(-7).toString()).isEqualTo("-7");
  }
}
