package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.SegmentLedgers.PaidOrder;

class TierProgressTest {
  private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
  private static final TierLadder LADDER = TierLadder.of(
      Tier.of("member", 0, Money.of("0", "TWD"), Period.ofMonths(12)),
      Tier.of("silver", 1, Money.of("10000", "TWD"), Period.ofMonths(12)),
      Tier.of("gold", 2, Money.of("30000", "TWD"), Period.ofMonths(12)));

  private static Instant taipei(String local) {
    return LocalDateTime.parse(local).atZone(TAIPEI).toInstant();
  }

  @Test
  void of_memberWithNt6000_needsNt4000BeforeTheOldestSpendDropsOut() {
    // given
    PointLedger ledger = SegmentLedgers.ledger(List.of(
        new PaidOrder("o-1", taipei("2025-03-10T12:00"), 4_000, 0, null),
        new PaidOrder("o-2", taipei("2025-06-01T12:00"), 2_000, 0, null)));

    // when
    List<TierProgress> progress = TierProgress.of(LADDER, ledger, "member", taipei("2025-07-01T12:00"), TAIPEI,
        Money.zero(Entries.TWD));

    // then
    assertThat(progress).containsExactly(new TierProgress("silver", false, Money.of("4000", "TWD"),
        java.util.Optional.of(taipei("2026-03-10T12:00")), java.util.Optional.of(LocalDate.of(2026, 3, 9))));
    assertThat(progress.get(0).notice()).isEqualTo("tier-progress: spend TWD 4000.00 more by 2026-03-09 to reach silver");
  }

  @Test
  void of_silverWithNt11000_keepNeedsWhatTheFirstDropOutTakesAndReachCountsTheOrder() {
    // given: NT$6,000 and NT$5,000 in the window, and an order of NT$1,000 being decided
    PointLedger ledger = SegmentLedgers.ledger(List.of(
        new PaidOrder("o-1", taipei("2025-03-10T12:00"), 6_000, 0, null),
        new PaidOrder("o-2", taipei("2025-06-01T12:00"), 5_000, 0, null)));

    // when
    List<TierProgress> progress = TierProgress.of(LADDER, ledger, "silver", taipei("2025-07-01T12:00"), TAIPEI,
        Money.of("1000", "TWD"));

    // then: after 2026-03-10 12:00 only NT$6,000 is left (5,000 + 1,000), 4,000 short of silver
    assertThat(progress).extracting(TierProgress::notice).containsExactly(
        "tier-progress: spend TWD 4000.00 more by 2026-03-09 to keep silver",
        "tier-progress: spend TWD 18000.00 more by 2026-03-09 to reach gold");
  }

  @Test
  void of_goldWithNoSpend_keepHasNoDeadlineAndTopTierHasNoReach() {
    // given
    PointLedger ledger = PointLedger.empty("m-1", NegativeBalancePolicy.ALLOW_DEBT);

    // when
    List<TierProgress> progress = TierProgress.of(LADDER, ledger, "gold", taipei("2025-07-01T12:00"), TAIPEI,
        Money.zero(Entries.TWD));

    // then
    assertThat(progress).extracting(TierProgress::notice)
        .containsExactly("tier-progress: spend TWD 30000.00 more to keep gold");
  }

  @Test
  void of_refundedSpend_countsNetOfTheRefund() {
    // given: NT$12,000 of which NT$3,000 refunded
    PointLedger ledger = SegmentLedgers.ledger(List.of(
        new PaidOrder("o-1", taipei("2025-03-10T12:00"), 12_000, 3_000, taipei("2025-03-20T12:00"))));

    // when
    List<TierProgress> progress = TierProgress.of(LADDER, ledger, "member", taipei("2025-07-01T12:00"), TAIPEI,
        Money.zero(Entries.TWD));

    // then
    assertThat(progress).extracting(TierProgress::amount).containsExactly(Money.of("1000", "TWD"));
  }
}
