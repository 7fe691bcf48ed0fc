package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.loyalty.InvalidValues.assertInvalidValue;

import java.time.Instant;
import java.time.MonthDay;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MemberTest {

  private static final Instant ENROLLED = Instant.parse("2023-05-20T08:00:00Z");

  @Test
  void of_idEnrolmentAndTier_hasNoBirthdayReferrerOrTags() {
    // when
    Member member = Member.of("m-1", ENROLLED, "basic");

    // then
    assertThat(member.id()).isEqualTo("m-1");
    assertThat(member.enrolledAt()).isEqualTo(ENROLLED);
    assertThat(member.tierCode()).isEqualTo("basic");
    assertThat(member.birthday()).isEmpty();
    assertThat(member.referrerId()).isEmpty();
    assertThat(member.tags()).isEmpty();
  }

  @Test
  void withBirthday_february29_isAllowed() {
    // when
    Member member = Member.of("m-1", ENROLLED, "basic").withBirthday(MonthDay.of(2, 29));

    // then
    assertThat(member.birthday()).contains(MonthDay.of(2, 29));
  }

  @Test
  void withMethods_changeOneComponent_keepTheOthers() {
    // given
    Member member = Member.of("m-1", ENROLLED, "basic").withReferrer("m-0").withTags(Set.of("vip"));

    // when
    Member gold = member.withTier("gold");

    // then
    assertThat(gold).isEqualTo(new Member("m-1", ENROLLED, "gold", Optional.empty(), Optional.of("m-0"), Set.of("vip")));
  }

  @Test
  void tags_anyOrder_areKeptSortedAndUnmodifiable() {
    // when
    Member member = Member.of("m-1", ENROLLED, "basic").withTags(new LinkedHashSet<>(List.of("vip", "b2b", "staff")));

    // then
    assertThat(member.tags()).containsExactly("b2b", "staff", "vip");
    assertThatThrownBy(() -> member.tags().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void new_blankId_throwsInvalidValue() {
    assertInvalidValue(() -> Member.of("  ", ENROLLED, "basic"), "member", "id", "\"  \"", "a non-blank string");
  }

  @Test
  void new_blankTierCode_throwsInvalidValue() {
    assertInvalidValue(() -> Member.of("m-1", ENROLLED, ""), "member", "tierCode", "\"\"", "a non-blank string");
  }

  @Test
  void new_missingEnrolment_throwsInvalidValue() {
    assertInvalidValue(() -> Member.of("m-1", null, "basic"), "member", "enrolledAt", "null", "a value");
  }

  @Test
  void new_missingOptional_throwsInvalidValue() {
    assertInvalidValue(() -> new Member("m-1", ENROLLED, "basic", null, Optional.empty(), Set.of()), "member", "birthday", "null",
        "a value");
  }

  @Test
  void withReferrer_self_throwsInvalidValue() {
    assertInvalidValue(() -> Member.of("m-1", ENROLLED, "basic").withReferrer("m-1"), "member", "referrerId", "m-1",
        "a member other than m-1");
  }

  @Test
  void withReferrer_blank_throwsInvalidValue() {
    assertInvalidValue(() -> Member.of("m-1", ENROLLED, "basic").withReferrer(" "), "member", "referrerId", "\" \"",
        "a non-blank string");
  }

  @Test
  void withTags_blankTag_throwsInvalidValueNamingItsPosition() {
    assertInvalidValue(() -> Member.of("m-1", ENROLLED, "basic").withTags(new LinkedHashSet<>(List.of("vip", " "))), "member",
        "tags[1]", "\" \"", "a non-blank string");
  }
}
