package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Time-of-day windows at their boundaries, with and without crossing midnight. */
class TimeOfDayWindowProperties {

  @Property
  void containsExactlyTheMinutesFromItsStartUpToItsEnd(@ForAll @IntRange(min = 0, max = 1439) int from,
      @ForAll @IntRange(min = 0, max = 1439) int to, @ForAll @IntRange(min = 0, max = 86_399) int second) {
    if (from == to) {
      return;
    }
    // given
    TimeOfDayWindow window = new TimeOfDayWindow(LocalTime.ofSecondOfDay(from * 60L), LocalTime.ofSecondOfDay(to * 60L));
    LocalTime time = LocalTime.ofSecondOfDay(second);

    // when
    boolean inside = window.contains(time);

    // then: walking forward from `from`, the time comes before `to`
    int fromSecond = from * 60;
    int length = Math.floorMod(to * 60 - fromSecond, 86_400);
    assertThat(inside).isEqualTo(Math.floorMod(second - fromSecond, 86_400) < length);
    assertThat(window.contains(window.from())).isTrue();
    assertThat(window.contains(window.to())).isFalse();
    assertThat(window.contains(window.to().minusNanos(1))).isTrue();
    assertThat(TimeOfDayWindow.parse(window.toString())).isEqualTo(window);
  }

  @Example
  void flashSale_2000To2200_boundaries() {
    // given
    TimeOfDayWindow sale = TimeOfDayWindow.parse("20:00-22:00");

    // then
    assertThat(sale.contains(LocalTime.of(19, 59, 59, 999_999_999))).isFalse();
    assertThat(sale.contains(LocalTime.of(20, 0))).isTrue();
    assertThat(sale.contains(LocalTime.of(21, 59, 59))).isTrue();
    assertThat(sale.contains(LocalTime.of(22, 0))).isFalse();
  }

  @Example
  void lateNight_2200To0200_crossesMidnight() {
    // given
    TimeOfDayWindow night = TimeOfDayWindow.parse("22:00-02:00");

    // then
    assertThat(night.crossesMidnight()).isTrue();
    assertThat(night.contains(LocalTime.MIDNIGHT)).isTrue();
    assertThat(night.contains(LocalTime.of(1, 59))).isTrue();
    assertThat(night.contains(LocalTime.of(2, 0))).isFalse();
    assertThat(night.contains(LocalTime.of(21, 59))).isFalse();
    assertThat(night.contains(LocalTime.of(23, 0))).isTrue();
  }

  @Example
  void parse_sameStartAndEnd_isRefused() {
    assertThatThrownBy(() -> TimeOfDayWindow.parse("20:00-20:00"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("Invalid time-of-day window: to [20:00]; expected a time other than from 20:00");
    assertThatThrownBy(() -> TimeOfDayWindow.parse("8pm-10pm")).isInstanceOf(InvalidValueException.class);
  }
}
