package org.loyaltyrules.loyalty.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.InvalidValueException;

class AllocationTest {

  @Test
  void largestRemainder_equalRemainders_leftoverGoesToTheSmallerId() {
    // given: 10 over three equal parts leaves one unit and three equal remainders
    long[] weights = {1, 1, 1};

    // when
    long[] shares = Allocation.largestRemainder(10, weights, new String[] {"c", "a", "b"});

    // then
    assertThat(shares).containsExactly(3, 4, 3);
  }

  @Test
  void largestRemainderByPosition_equalRemainders_leftoverGoesToTheEarlierPart() {
    // given: 5 over 453, 15, 50, 50 (quotas 3.99, 0.13, 0.44, 0.44): two units left over
    BigDecimal[] weights = {BigDecimal.valueOf(453), BigDecimal.valueOf(15), BigDecimal.valueOf(50), BigDecimal.valueOf(50)};

    // when
    long[] shares = Allocation.largestRemainderByPosition(5, weights);

    // then: .99 first, then the tied .44s go to the third part, whatever ids the parts have
    assertThat(shares).containsExactly(4, 0, 1, 0);
  }

  @Test
  void largestRemainderByPosition_allWeightsZero_splitsEvenlyFromTheFirstPart() {
    // when
    long[] shares = Allocation.largestRemainderByPosition(5, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});

    // then
    assertThat(shares).containsExactly(3, 2);
  }

  @Test
  void largestRemainder_largerRemainder_winsOverSmallerId() {
    // given: 100 × 2/3 = 66.67 and 100 × 1/3 = 33.33
    // when
    long[] shares = Allocation.largestRemainder(100, new long[] {1, 2}, new String[] {"a", "b"});

    // then
    assertThat(shares).containsExactly(33, 67);
  }

  @Test
  void largestRemainder_allWeightsZero_splitsEvenlyWithLeftoverByIdOrder() {
    // when
    long[] shares = Allocation.largestRemainder(5, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO},
        new String[] {"b", "a"});

    // then
    assertThat(shares).containsExactly(2, 3);
  }

  @Test
  void largestRemainder_noParts_givesNothing() {
    // when / then
    assertThat(Allocation.largestRemainder(0, new long[0], new String[0])).isEmpty();
  }

  @Test
  void largestRemainder_negativeWeight_isRefusedByName() {
    // when / then
    assertThatThrownBy(() -> Allocation.largestRemainder(5, new long[] {1, -1}, new String[] {"a", "b"}))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("weights[1]"));
  }

  @Test
  void largestRemainder_negativeTotal_isRefusedByName() {
    // when / then
    assertThatThrownBy(() -> Allocation.largestRemainder(-1, new long[] {1}, new String[] {"a"}))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("total"));
  }

  @Test
  void giveLeftover_moreThanOnePerPart_goesRoundAgain() {
    // given
    long[] shares = {0, 0};

    // when
    Allocation.giveLeftover(shares, 3, new BigDecimal[] {BigDecimal.ONE, BigDecimal.TEN}, new String[] {"a", "b"});

    // then
    assertThat(shares).containsExactly(1, 2);
  }
}
