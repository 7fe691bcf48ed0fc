package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.SegmentLedgers.PaidOrder;

class MemberSegmentTest {
  private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
  private static final SegmentPolicy POLICY = SegmentPolicy.defaults(Entries.TWD);
  private static final Instant ENROLLED = taipei("2025-01-01T10:00");

  private static Instant taipei(String local) {
    return LocalDateTime.parse(local).atZone(TAIPEI).toInstant();
  }

  @Test
  void of_twoOrdersOneHalfRefunded_countsNetSpendInTheWindow() {
    // given: NT$12,000 in March 2025 (NT$2,000 refunded), NT$15,000 on 2026-02-01, and an old order in 2024
    PointLedger ledger = SegmentLedgers.ledger(List.of(
        new PaidOrder("o-0", taipei("2024-12-01T12:00"), 5_000, 0, null),
        new PaidOrder("o-1", taipei("2025-03-10T12:00"), 12_000, 2_000, taipei("2025-03-12T12:00")),
        new PaidOrder("o-2", taipei("2026-02-01T20:30"), 15_000, 0, null)));

    // when
    MemberSegment segment = MemberSegment.of(ledger, ENROLLED, taipei("2026-03-01T09:00"), TAIPEI, POLICY);

    // then: the window is 2025-03-01 09:00 to 2026-03-01 09:00
    assertThat(segment.recencyDays()).isEqualTo(28);
    assertThat(segment.daysSinceFirstOrder()).isEqualTo(455);
    assertThat(segment.frequency()).isEqualTo(2);
    assertThat(segment.monetary()).isEqualTo(Money.of("25000", "TWD"));
    assertThat(segment.lifetimeValue()).isEqualTo(Money.of("30000", "TWD"));
    assertThat(segment.rfmClass()).isEqualTo(RfmClass.HIGH_VALUE);
  }

  @Test
  void of_noOrders_countsFromEnrolment() {
    // given
    PointLedger ledger = PointLedger.empty("m-1", NegativeBalancePolicy.ALLOW_DEBT);

    // when
    MemberSegment fresh = MemberSegment.of(ledger, ENROLLED, taipei("2025-01-20T10:00"), TAIPEI, POLICY);
    MemberSegment idle = MemberSegment.of(ledger, ENROLLED, taipei("2025-05-01T10:00"), TAIPEI, POLICY);

    // then
    assertThat(fresh.rfmClass()).isEqualTo(RfmClass.NEW);
    assertThat(fresh.recencyDays()).isEqualTo(19);
    assertThat(idle.rfmClass()).isEqualTo(RfmClass.AT_RISK);
    assertThat(idle.monetary()).isEqualTo(Money.zero(Entries.TWD));
  }

  @Test
  void of_fullyRefundedOrder_isNotAnOrder() {
    // given
    PointLedger ledger = SegmentLedgers.ledger(List.of(
        new PaidOrder("o-1", taipei("2025-03-10T12:00"), 1_000, 1_000, taipei("2025-03-11T12:00"))));

    // when
    MemberSegment before = MemberSegment.of(ledger, ENROLLED, taipei("2025-03-10T18:00"), TAIPEI, POLICY);
    MemberSegment after = MemberSegment.of(ledger, ENROLLED, taipei("2025-03-11T18:00"), TAIPEI, POLICY);

    // then
    assertThat(before.frequency()).isEqualTo(1);
    assertThat(before.recencyDays()).isZero();
    assertThat(after.frequency()).isZero();
    assertThat(after.recencyDays()).isEqualTo(69);
  }

  @Test
  void classify_boundaries_followTheDocumentedOrder() {
    // given
    Money low = Money.of("100", "TWD");
    Money high = Money.of("20000", "TWD");

    // when / then
    assertThat(POLICY.classify(366, 400, high)).isEqualTo(RfmClass.CHURNED);
    assertThat(POLICY.classify(365, 400, high)).isEqualTo(RfmClass.DORMANT);
    assertThat(POLICY.classify(181, 400, high)).isEqualTo(RfmClass.DORMANT);
    assertThat(POLICY.classify(180, 400, high)).isEqualTo(RfmClass.AT_RISK);
    assertThat(POLICY.classify(91, 400, high)).isEqualTo(RfmClass.AT_RISK);
    assertThat(POLICY.classify(90, 400, high)).isEqualTo(RfmClass.HIGH_VALUE);
    assertThat(POLICY.classify(0, 0, high)).isEqualTo(RfmClass.HIGH_VALUE);
    assertThat(POLICY.classify(0, 30, low)).isEqualTo(RfmClass.NEW);
    assertThat(POLICY.classify(0, 31, low)).isEqualTo(RfmClass.ACTIVE);
  }

  @Test
  void policy_atRiskNotAfterActive_isRefusedWithTheField() {
    // when / then
    assertThatThrownBy(() -> new SegmentPolicy(Period.ofMonths(12), 30, 90, 90, 365, Money.of("1", "TWD")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("Invalid segment policy: atRiskDays [90]; expected > activeDays 90");
  }
}
