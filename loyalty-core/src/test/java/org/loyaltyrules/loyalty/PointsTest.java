package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  void plus_overflow_throwsArithmetic() {
    assertThatThrownBy(() -> Points.of(Long.MAX_VALUE).plus(Points.of(1))).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> Points.of(Long.MIN_VALUE).minus(Points.of(1))).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> Points.of(Long.MIN_VALUE).negated()).isInstanceOf(ArithmeticException.class);
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
