package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.loyalty.Entries.T0;
import static org.loyaltyrules.loyalty.Entries.adjusted;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link Decision#pointsFor}: exact, or a typed refusal when the net does not fit in a long. */
class DecisionTest {

  @Test
  void pointsFor_netBeyondLong_isATypedRefusalNotAWrappedSum() {
    // given: a decision built by hand (the engine refuses such a decision itself)
    Decision decision = new Decision("e-1", "v1", List.of(adjusted("a", Long.MAX_VALUE, T0), adjusted("b", 1, T0)),
        Optional.empty(), List.of(), List.of());

    // then
    assertThatThrownBy(() -> decision.pointsFor(Entries.MEMBER))
        .isInstanceOfSatisfying(PointsOverflowException.class, e -> {
          assertThat(e.field()).isEqualTo("points for member m-1");
          assertThat(e.value()).isEqualTo("9223372036854775808");
        });
  }

  @Test
  void pointsFor_netWithinLong_isTheExactSum() {
    // given
    Decision decision = new Decision("e-1", "v1", List.of(adjusted("a", Long.MAX_VALUE - 1, T0), adjusted("b", 1, T0)),
        Optional.empty(), List.of(), List.of());

    // then
    assertThat(decision.pointsFor(Entries.MEMBER).value()).isEqualTo(Long.MAX_VALUE);
  }
}
