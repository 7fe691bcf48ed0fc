package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Period;
import java.time.ZoneId;
import java.util.Currency;
import org.junit.jupiter.api.Test;

/**
 * Points must never be pending when they expire: a pending period that could reach the validity on
 * some calendar (28 days against a month paid on 28 February) is refused when the programme is built.
 */
class ProgrammePendingPeriodTest {
  private static Programme.Builder builder() {
    TierLadder ladder = TierLadder.of(Tier.of("member", 0, Money.of("0", "TWD"), Period.ofMonths(12)));
    return Programme.builder(Currency.getInstance("TWD"), ZoneId.of("America/St_Johns"), ladder);
  }

  @Test
  void pendingAsLongAsTheShortestMonthOfValidity_isRefused() {
    assertThatThrownBy(() -> builder().pendingPeriod(Period.ofDays(28)).pointsExpireAfter(Period.ofMonths(1), false).build())
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("pendingPeriod"))
        .hasMessageContaining("P28D");
  }

  @Test
  void aWeekPendingAgainstAYearOfValidity_isAccepted() {
    assertThat(builder().pendingPeriod(Period.ofDays(7)).pointsExpireAfter(Period.ofMonths(12), true).build()
        .pendingPeriod()).contains(Period.ofDays(7));
  }

  @Test
  void pendingShorterThanAnyMonthOfValidity_isAccepted_andEndsBeforeExpiryFromEveryDay() {
    // when
    Programme programme = builder().pendingPeriod(Period.ofDays(27)).pointsExpireAfter(Period.ofMonths(1), false).build();

    // then: from every day of a leap and a common year, release comes strictly before expiry
    for (java.time.LocalDate day = java.time.LocalDate.of(2027, 1, 1); day.isBefore(java.time.LocalDate.of(2029, 1, 1));
        day = day.plusDays(1)) {
      java.time.Instant paid = day.atTime(12, 50).atZone(ZoneId.of("America/St_Johns")).toInstant();
      assertThat(programme.pendingUntil(paid).orElseThrow()).isBefore(programme.expiryFor(paid).orElseThrow());
    }
  }
}
