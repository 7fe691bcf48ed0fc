package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Pins the stored text of every key kind, as tabled in {@link EntryKey}'s Javadoc: ledgers written
 * by one version are read by the next, so a change here is a data migration, never a refactoring.
 * This is the one test (with {@code EntryKeyProperties}) allowed to spell key text out.
 */
class EntryKeyTest {

  private static final Instant AT = Instant.parse("2026-01-31T16:00:00Z");

  @Test
  void orderBase_text_isOrderIdBase() {
    assertThat(EntryKey.orderBase("o-1").text()).isEqualTo("order:o-1:base");
  }

  @Test
  void orderCampaign_text_isOrderIdCampaignId() {
    assertThat(EntryKey.orderCampaign("o-1", "double-11").text()).isEqualTo("order:o-1:campaign:double-11");
  }

  @Test
  void orderBonus_text_isOrderIdBonusId() {
    assertThat(EntryKey.orderBonus("o-1", "first-order").text()).isEqualTo("order:o-1:bonus:first-order");
  }

  @Test
  void enrolmentBonus_text_isEnrolMemberIdBonusId() {
    assertThat(EntryKey.enrolmentBonus("m-1", "welcome-50").text()).isEqualTo("enrol:m-1:bonus:welcome-50");
  }

  @Test
  void referralBonus_text_isRefereeIdAndLevel() {
    assertThat(EntryKey.referralBonus("cat", 2).text()).isEqualTo("referral:cat:level-2");
  }

  @Test
  void clawback_text_isReturnIdThenTheEarnedKey() {
    assertThat(EntryKey.clawback("r-1", EntryKey.orderBase("o-1")).text()).isEqualTo("return:r-1:order:o-1:base");
  }

  @Test
  void redemption_text_isRedeemId() {
    assertThat(EntryKey.redemption("rd-1").text()).isEqualTo("redeem:rd-1");
  }

  @Test
  void redemptionCancellation_text_isRedeemCancelId() {
    assertThat(EntryKey.redemptionCancellation("rd-1").text()).isEqualTo("redeem-cancel:rd-1");
  }

  @Test
  void release_text_isReleaseThenTheEarnedKey() {
    assertThat(EntryKey.release(EntryKey.orderCampaign("o-1", "double")).text())
        .isEqualTo("release:order:o-1:campaign:double");
  }

  @Test
  void expiry_text_isExpireLotKeyAtIsoInstant() {
    assertThat(EntryKey.expiry(EntryKey.orderBase("o-1"), AT).text())
        .isEqualTo("expire:order:o-1:base@2026-01-31T16:00:00Z");
  }

  @Test
  void parse_hostText_isOtherWithTheSameText() {
    // when
    EntryKey parsed = EntryKey.parse("a-1");

    // then
    assertThat(parsed).isEqualTo(new EntryKey.Other("a-1"));
    assertThat(parsed.text()).isEqualTo("a-1");
  }

  @Test
  void parse_storedClawbackText_isTheTypedKeyNamingItsEarnedEntry() {
    // when
    EntryKey parsed = EntryKey.parse("return:r-1/o-2:referral:m-3:level-2");

    // then
    assertThat(parsed).isEqualTo(EntryKey.clawback("r-1/o-2", EntryKey.referralBonus("m-3", 2)));
  }

  @Test
  void orderBase_blankOrderId_isRefusedNamingTheField() {
    // when
    InvalidValueException e = catchThrowableOfType(InvalidValueException.class, () -> EntryKey.orderBase(" "));

    // then
    assertThat(e.field()).isEqualTo("orderId");
    assertThat(e.expected()).isEqualTo("a non-blank string");
  }

  @Test
  void redemption_nullId_isRefusedNamingTheField() {
    // when
    InvalidValueException e = catchThrowableOfType(InvalidValueException.class, () -> EntryKey.redemption(null));

    // then
    assertThat(e.field()).isEqualTo("redemptionId");
  }

  @Test
  void orderCampaign_campaignIdWithColon_isRefusedBecauseTheTextCouldNotBeReadBack() {
    // when
    InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
        () -> EntryKey.orderCampaign("o-1", "double:11"));

    // then
    assertThat(e.field()).isEqualTo("campaignId");
    assertThat(e.value()).isEqualTo("double:11");
    assertThat(e.expected()).isEqualTo("an id without ':'");
  }

  @Test
  void orderBonus_blankBonusId_isRefused() {
    // when
    InvalidValueException e = catchThrowableOfType(InvalidValueException.class, () -> EntryKey.orderBonus("o-1", ""));

    // then
    assertThat(e.field()).isEqualTo("bonusId");
  }

  @Test
  void referralBonus_levelZero_isRefused() {
    // when
    InvalidValueException e = catchThrowableOfType(InvalidValueException.class, () -> EntryKey.referralBonus("cat", 0));

    // then
    assertThat(e.field()).isEqualTo("level");
    assertThat(e.value()).isEqualTo("0");
    assertThat(e.expected()).isEqualTo("≥ 1");
  }

  @Test
  void expiry_instantOutOfRange_isRefused() {
    // given
    Instant beforeRange = Limits.EARLIEST_INSTANT.minusSeconds(1);

    // when
    InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
        () -> EntryKey.expiry(EntryKey.orderBase("o-1"), beforeRange));

    // then
    assertThat(e.field()).isEqualTo("at");
  }

  @Test
  void expiry_instantAtTheExclusiveEnd_isRefused() {
    // when
    InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
        () -> EntryKey.expiry(EntryKey.orderBase("o-1"), Limits.LATEST_INSTANT_EXCLUSIVE));

    // then
    assertThat(e.field()).isEqualTo("at");
  }

  @Test
  void clawback_nullEarnedKey_isRefused() {
    // when
    InvalidValueException e = catchThrowableOfType(InvalidValueException.class, () -> EntryKey.clawback("r-1", null));

    // then
    assertThat(e.field()).isEqualTo("earned");
  }

  @Test
  void parse_blankText_isRefused() {
    // when
    InvalidValueException e = catchThrowableOfType(InvalidValueException.class, () -> EntryKey.parse(""));

    // then
    assertThat(e.field()).isEqualTo("text");
  }
}
