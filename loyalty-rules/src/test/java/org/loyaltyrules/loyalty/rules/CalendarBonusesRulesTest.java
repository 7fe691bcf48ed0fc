package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.loyalty.rules.Fixtures.keysOf;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.CampaignTarget;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.EventTimeException;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Points;

/**
 * Worked examples for {@code calendar-bonuses.drl}: a member born on 15 March, enrolled on 5 March 2025,
 * in a shop paying 200 birthday points, a birthday coupon and 100 points per enrolment anniversary.
 */
class CalendarBonusesRulesTest {
  static final String BIRTHDAY = "calendar-bonuses: birthday-month points";
  static final String GIFT = "calendar-bonuses: birthday-month gift";
  static final String ANNIVERSARY = "calendar-bonuses: enrolment-anniversary points";
  static final Campaign BIRTHDAY_200 = new Campaign.BirthdayBonus("bday-200", "Birthday month", Points.of(200),
      CampaignTarget.on(CampaignSchedule.always()));
  static final Campaign COUPON = new Campaign.BirthdayGift("bday-coupon", "Birthday coupon", "COUPON-BDAY-100", 1,
      CampaignTarget.on(CampaignSchedule.always()));
  static final Campaign ANNIVERSARY_100 = new Campaign.AnniversaryBonus("anniv-100", "Thank you for a year",
      Points.of(100), CampaignTarget.on(CampaignSchedule.always()));

  static Shop shop() {
    Shop shop = new Shop(taiwan(BIRTHDAY_200, COUPON, ANNIVERSARY_100));
    shop.join(Member.of("m-1", taipei("2025-03-05T12:00"), "member").withBirthday(MonthDay.of(3, 15)));
    return shop;
  }

  static LoyaltyEvent.DayStarted day(String date) {
    LocalDate d = LocalDate.parse(date);
    return new LoyaltyEvent.DayStarted("day:" + date + ":m-1", "m-1", d, taipei(date + "T00:05"));
  }

  @Test
  void dayStarted_firstDayOfBirthdayMonth_paysPointsAndCoupon() {
    // given
    Shop shop = shop();

    // when
    Decision decision = shop.apply(day("2026-03-01"));

    // then: the first anniversary month is March 2026 too
    assertThat(decision.firedRules()).containsExactlyInAnyOrder(BIRTHDAY, GIFT, ANNIVERSARY);
    assertThat(keysOf(decision)).containsExactlyInAnyOrder(
        EntryKey.birthdayBonus("m-1", 2026, "bday-200").text(),
        EntryKey.anniversaryBonus("m-1", 1, "anniv-100").text(),
        EntryKey.birthdayReward("m-1", 2026, "bday-coupon").text());
    assertThat(decision.pointsFor("m-1")).isEqualTo(Points.of(300));
    assertThat(decision.rewards()).singleElement().satisfies(r -> {
      assertThat(r.reward()).isEqualTo("COUPON-BDAY-100");
      assertThat(r.quantity()).isEqualTo(1);
      assertThat(r.sourceOrderId()).isEmpty();
      assertThat(r.provenance().rule()).isEqualTo(GIFT);
    });
    assertThat(shop.balance("m-1")).isEqualTo(300);
  }

  @Test
  void dayStarted_everyDayOfBirthdayMonth_paysOnce() {
    // given
    Shop shop = shop();
    shop.apply(day("2026-03-01"));

    // when: the host runs every other day of March, and 1 March again
    long later = 0;
    for (int d = 1; d <= 31; d++) {
      later += shop.apply(day(String.format(java.util.Locale.ROOT, "2026-03-%02d", d))).entries().size();
    }

    // then
    assertThat(later).isZero();
    assertThat(shop.balance("m-1")).isEqualTo(300);
    assertThat(shop.ledger("m-1").outstandingRewards()).hasSize(1);
  }

  @Test
  void dayStarted_missedFirstDay_paysOnALaterDayOfTheMonth() {
    // given: the job did not run from 1 to 19 March
    Shop shop = shop();

    // when
    Decision decision = shop.apply(day("2026-03-20"));

    // then
    assertThat(decision.pointsFor("m-1")).isEqualTo(Points.of(300));
    assertThat(decision.rewards()).hasSize(1);
  }

  @Test
  void dayStarted_outsideBirthdayAndAnniversaryMonth_paysNothing() {
    // given
    Shop shop = shop();

    // when
    Decision decision = shop.apply(day("2026-04-01"));

    // then
    assertThat(decision.firedRules()).isEmpty();
    assertThat(decision.entries()).isEmpty();
  }

  @Test
  void dayStarted_nextYear_paysAgainWithNewKeys() {
    // given
    Shop shop = shop();
    shop.apply(day("2026-03-01"));

    // when
    Decision decision = shop.apply(day("2027-03-02"));

    // then
    assertThat(keysOf(decision)).containsExactlyInAnyOrder(
        EntryKey.birthdayBonus("m-1", 2027, "bday-200").text(),
        EntryKey.anniversaryBonus("m-1", 2, "anniv-100").text(),
        EntryKey.birthdayReward("m-1", 2027, "bday-coupon").text());
    assertThat(shop.balance("m-1")).isEqualTo(600);
  }

  @Test
  void dayStarted_enrolmentMonth_isNoAnniversary() {
    // given: enrolled 5 March 2025
    Shop shop = shop();

    // when
    Decision decision = shop.apply(new LoyaltyEvent.DayStarted("d", "m-1", LocalDate.of(2025, 3, 6),
        taipei("2025-03-06T00:05")));

    // then: the birthday month pays, the anniversary waits a year
    assertThat(decision.firedRules()).containsExactlyInAnyOrder(BIRTHDAY, GIFT);
  }

  @Test
  void dayStarted_dateNotTheLocalDateOfItsInstant_isRefused() {
    // given: 1 March 00:05 in Taipei is still 28 February in UTC
    Shop shop = shop();
    Instant at = taipei("2026-03-01T00:05");
    LoyaltyEvent.DayStarted wrong = new LoyaltyEvent.DayStarted("d", "m-1", LocalDate.of(2026, 2, 28), at);

    // when / then
    assertThatThrownBy(() -> shop.decide(wrong)).isInstanceOf(InvalidValueException.class)
        .hasMessage("Invalid day-started event: date [2026-02-28]; expected 2026-03-01, the local date of occurredAt "
            + at + " in Asia/Taipei");
    assertThat(shop.ledger("m-1").entries()).isEmpty();
  }

  @Test
  void dayStarted_beforeEnrolment_isRefused() {
    // given
    Shop shop = shop();

    // when / then
    assertThatThrownBy(() -> shop.decide(day("2025-03-01"))).isInstanceOf(EventTimeException.class);
  }

  @Test
  void dayStarted_memberWithoutBirthday_getsNoBirthdayReward() {
    // given
    Shop shop = new Shop(taiwan(BIRTHDAY_200, COUPON));
    shop.join(Member.of("m-1", taipei("2025-03-05T12:00"), "member"));

    // when
    Decision decision = shop.apply(day("2026-03-01"));

    // then
    assertThat(decision.entries()).isEmpty();
  }

  @Test
  void dayStarted_pointsExpireAsTheProgrammeSays() {
    // given
    Shop shop = shop();

    // when
    Decision decision = shop.apply(day("2026-03-01"));

    // then: 12 months to the end of that month, as every award of Programmes.taiwan
    LedgerEntry.Earned bonus = Fixtures.earned(decision, EntryKey.birthdayBonus("m-1", 2026, "bday-200"));
    assertThat(bonus.expiresAt()).contains(taipei("2027-04-01T00:00"));
    assertThat(bonus.provenance().sourceEventId()).isEqualTo("day:2026-03-01:m-1");
    assertThat(List.of(bonus.provenance().rule())).containsExactly(BIRTHDAY);
  }
}
