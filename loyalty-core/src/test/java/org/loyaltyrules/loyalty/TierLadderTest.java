package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.InvalidValues.assertInvalidValue;
import static org.loyaltyrules.loyalty.InvalidValues.assertNames;
import static org.loyaltyrules.loyalty.InvalidValues.thrownBy;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TierLadderTest {

  private static final Period YEAR = Period.ofMonths(12);

  private static Money twd(String amount) {
    return Money.of(amount, "TWD");
  }

  private static final Tier BASIC = Tier.of("basic", 0, twd("0"), YEAR);
  private static final Tier SILVER = Tier.of("silver", 1, twd("10000"), YEAR);
  private static final Tier GOLD = Tier.of("gold", 2, twd("50000"), YEAR);

  private static PointLedger ledgerWithSpend(Instant at, String spend) {
    return PointLedger.of("m-1", NegativeBalancePolicy.CAP_AT_ZERO, List.of(new LedgerEntry.Earned("e1", "m-1", Points.of(1), at,
        Provenance.manual("order-1", "test"), twd(spend), List.of(), Optional.empty(), Optional.empty())));
  }

  @Test
  void tier_blankCode_throwsInvalidValue() {
    assertInvalidValue(() -> Tier.of(" ", 0, twd("0"), YEAR), "tier", "code", "\" \"", "a non-blank string");
  }

  @Test
  void tier_negativeRank_throwsInvalidValue() {
    assertInvalidValue(() -> Tier.of("basic", -1, twd("0"), YEAR), "tier", "rank", "-1", "≥ 0");
  }

  @Test
  void tier_negativeThreshold_throwsInvalidValue() {
    assertInvalidValue(() -> Tier.of("basic", 0, twd("-1"), YEAR), "tier", "threshold", "TWD -1.00", "≥ 0");
  }

  @Test
  void tier_zeroOrNegativeWindow_throwsInvalidValue() {
    assertInvalidValue(() -> Tier.of("basic", 0, twd("0"), Period.ZERO), "tier", "window", "P0D", "a positive period");
    assertInvalidValue(() -> Tier.of("basic", 0, twd("0"), Period.of(1, -1, 0)), "tier", "window", "P1Y-1M", "a positive period");
  }

  @Test
  void ladder_anyOrder_isSortedByRank() {
    // when
    TierLadder ladder = TierLadder.of(GOLD, BASIC, SILVER);

    // then
    assertThat(ladder.codes()).containsExactly("basic", "silver", "gold");
    assertThat(ladder.entry()).isEqualTo(BASIC);
    assertThat(ladder.top()).isEqualTo(GOLD);
    assertThat(ladder.byCode("silver")).isEqualTo(SILVER);
    assertThat(ladder.below(SILVER)).contains(BASIC);
    assertThat(ladder.below(BASIC)).isEmpty();
    assertThat(ladder.above(SILVER)).contains(GOLD);
    assertThat(ladder.above(GOLD)).isEmpty();
  }

  @Test
  void ladder_noTiers_throwsInvalidValue() {
    assertInvalidValue(() -> new TierLadder(List.of()), "tier ladder", "tiers", "[]", "at least one tier");
  }

  @Test
  void ladder_gapInRanks_throwsInvalidValue() {
    assertInvalidValue(() -> TierLadder.of(BASIC, GOLD), "tier ladder", "gold.rank", "2", "rank 1 (ranks run 0, 1, 2… without gaps)");
  }

  @Test
  void ladder_sameRankTwice_throwsInvalidValue() {
    assertInvalidValue(() -> TierLadder.of(BASIC, SILVER, Tier.of("gold", 1, twd("50000"), YEAR)), "tier ladder", "gold.rank", "1",
        "rank 2 (ranks run 0, 1, 2… without gaps)");
  }

  @Test
  void ladder_sameCodeTwice_throwsInvalidValue() {
    assertInvalidValue(() -> TierLadder.of(BASIC, Tier.of("basic", 1, twd("100"), YEAR)), "tier ladder", "tiers[1].code", "basic",
        "a code no other tier uses");
  }

  @Test
  void ladder_entryTierWithThreshold_throwsInvalidValue() {
    assertInvalidValue(() -> TierLadder.of(Tier.of("basic", 0, twd("10"), YEAR)), "tier ladder", "basic.threshold", "TWD 10.00",
        "zero for the entry tier");
  }

  @Test
  void ladder_thresholdsNotIncreasing_throwsInvalidValue() {
    assertInvalidValue(() -> TierLadder.of(BASIC, SILVER, Tier.of("gold", 2, twd("10000"), YEAR)), "tier ladder", "gold.threshold",
        "TWD 10000.00", "greater than silver's TWD 10000.00");
  }

  @Test
  void ladder_thresholdsInDifferentCurrencies_throwsCurrencyMismatch() {
    // when
    CurrencyMismatchException e = thrownBy(CurrencyMismatchException.class,
        () -> TierLadder.of(BASIC, SILVER, Tier.of("gold", 2, Money.of("50000", "HKD"), YEAR)));

    // then
    assertNames(e, "tier ladder", "gold.threshold", "HKD", "currency TWD");
  }

  @Test
  void byCode_unknown_throwsInvalidValue() {
    assertInvalidValue(() -> TierLadder.of(BASIC, SILVER, GOLD).byCode("platinum"), "tier ladder", "tierCode", "platinum",
        "one of [basic, silver, gold]");
  }

  @Test
  void qualifyingTier_spendBetweenThresholds_isTheHighestReached() {
    // given
    TierLadder ladder = TierLadder.of(BASIC, SILVER, GOLD);
    PointLedger ledger = ledgerWithSpend(Instant.parse("2024-06-01T00:00:00Z"), "12000");

    // when
    Tier tier = ladder.qualifyingTier(ledger, Instant.parse("2024-12-01T00:00:00Z"), ZoneOffset.UTC);

    // then
    assertThat(tier).isEqualTo(SILVER);
  }

  @Test
  void qualifyingTier_spendOutsideTheWindow_isTheEntryTier() {
    // given
    TierLadder ladder = TierLadder.of(BASIC, SILVER, GOLD);
    PointLedger ledger = ledgerWithSpend(Instant.parse("2023-06-01T00:00:00Z"), "99000");

    // when
    Tier tier = ladder.qualifyingTier(ledger, Instant.parse("2024-12-01T00:00:00Z"), ZoneOffset.UTC);

    // then
    assertThat(tier).isEqualTo(BASIC);
  }

  @Test
  void qualifyingTier_windowStartAtMidnightAcrossDaylightSaving_countsCalendarMonthsInTheProgrammeZone() {
    // given: one-month windows ending 2024-04-01 00:00 New York time (EDT); a month earlier it was EST
    Tier silver = Tier.of("silver", 1, twd("100"), Period.ofMonths(1));
    TierLadder ladder = TierLadder.of(Tier.of("basic", 0, twd("0"), Period.ofMonths(1)), silver);
    Instant asOf = Instant.parse("2024-04-01T04:00:00Z");
    PointLedger ledger = ledgerWithSpend(Instant.parse("2024-03-01T04:30:00Z"), "100");

    // when
    Tier inUtc = ladder.qualifyingTier(ledger, asOf, ZoneOffset.UTC);
    Tier inNewYork = ladder.qualifyingTier(ledger, asOf, ZoneId.of("America/New_York"));

    // then: the window opens at 04:00Z in UTC but at 05:00Z (midnight EST) in New York
    assertThat(inUtc).isEqualTo(silver);
    assertThat(inNewYork.code()).isEqualTo("basic");
  }

  @Test
  void qualifyingTier_refundedSpend_countsNoMore() {
    // given
    TierLadder ladder = TierLadder.of(BASIC, SILVER, GOLD);
    PointLedger ledger = ledgerWithSpend(Instant.parse("2024-06-01T00:00:00Z"), "12000");
    ledger.append(new LedgerEntry.ClawedBack("c1", "m-1", Points.of(-1), Instant.parse("2024-06-10T00:00:00Z"),
        Provenance.manual("return-1", "returned"), "e1", Points.ZERO, twd("3000"), List.of()));

    // when
    Tier tier = ladder.qualifyingTier(ledger, Instant.parse("2024-12-01T00:00:00Z"), ZoneOffset.UTC);

    // then
    assertThat(tier).isEqualTo(BASIC);
  }
}
