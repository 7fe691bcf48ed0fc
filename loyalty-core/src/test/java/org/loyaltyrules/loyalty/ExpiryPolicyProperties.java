package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Expiry policies (issue 14, item 2) in a zone without DST (Asia/Taipei) and zones with it, never
 * the JVM's: no lot expires before it is earned or spendable, year-end and reset boundaries fall on
 * local midnights, and expiring-soon over a random ledger equals a brute-force sum over its lots.
 */
class ExpiryPolicyProperties {
  private static final List<ZoneId> ZONES = List.of(ZoneId.of("Asia/Taipei"), ZoneId.of("America/New_York"),
      ZoneId.of("Europe/London"), ZoneId.of("Australia/Sydney"));
  private static final Instant FROM = Instant.parse("1950-01-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2200-01-01T00:00:00Z");

  @Provide
  Arbitrary<ExpiryPolicy> policies() {
    return Arbitraries.oneOf(
        Arbitraries.just(ExpiryPolicy.never()),
        Combinators.combine(Arbitraries.integers().between(1, 36).map(Period::ofMonths), Arbitraries.of(true, false))
            .as(ExpiryPolicy::rolling),
        Arbitraries.integers().between(1, 5).map(ExpiryPolicy::yearEnd),
        Arbitraries.of(MonthDay.of(12, 31), MonthDay.of(1, 1), MonthDay.of(3, 31), MonthDay.of(2, 28))
            .map(ExpiryPolicy::yearlyReset));
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.longs().between(FROM.getEpochSecond(), TO.getEpochSecond()).map(Instant::ofEpochSecond);
  }

  @Provide
  Arbitrary<ZoneId> zones() {
    return Arbitraries.of(ZONES);
  }

  @Property
  void noLotExpiresBeforeItIsEarnedOrSpendable(@ForAll("policies") ExpiryPolicy policy, @ForAll("instants") Instant earned,
      @ForAll @IntRange(min = 0, max = 40) int pendingDays, @ForAll("zones") ZoneId zone) {
    Instant spendable = earned.plus(Duration.ofDays(pendingDays));
    policy.expiryFor(earned, spendable, zone).ifPresent(expiry -> {
      assertThat(expiry).isAfter(earned);
      if (!(policy instanceof ExpiryPolicy.Rolling)) {
        // A rolling period counts from earning (the builder keeps pending shorter than it).
        assertThat(expiry).isAfter(spendable);
      }
    });
    assertThat(policy.expiryFor(earned, spendable, zone).isEmpty()).isEqualTo(policy instanceof ExpiryPolicy.Never);
  }

  @Property
  void yearEndExpiresAtTheLocalMidnightEndingDecember31OfTheYearNYearsOn(@ForAll @IntRange(min = 1, max = 5) int years,
      @ForAll("instants") Instant earned, @ForAll("zones") ZoneId zone) {
    Instant expiry = ExpiryPolicy.yearEnd(years).expiryFor(earned, earned, zone).orElseThrow();
    ZonedDateTime local = expiry.atZone(zone);
    assertThat(local.toLocalDate()).isEqualTo(LocalDate.of(earned.atZone(zone).getYear() + years + 1, 1, 1));
    // The first instant of 1 January: midnight, or later where a clock change skipped midnight that day.
    assertThat(expiry).isEqualTo(local.toLocalDate().atStartOfDay(zone).toInstant());
    assertThat(ExpiringPoints.lastDay(expiry, zone)).isEqualTo(LocalDate.of(earned.atZone(zone).getYear() + years, 12, 31));
  }

  @Property
  void yearlyResetIsTheFirstResetAfterThePointsBecomeSpendable(@ForAll("instants") Instant earned,
      @ForAll @IntRange(min = 0, max = 40) int pendingDays, @ForAll("zones") ZoneId zone,
      @ForAll("resetDays") MonthDay resetDay) {
    Instant spendable = earned.plus(Duration.ofDays(pendingDays));
    Instant expiry = ExpiryPolicy.yearlyReset(resetDay).expiryFor(earned, spendable, zone).orElseThrow();
    LocalDate last = ExpiringPoints.lastDay(expiry, zone);
    assertThat(MonthDay.from(last)).isEqualTo(resetDay);
    // The first instant of the day after the reset day: midnight, or 01:00 where a clock change skipped
    // midnight (Taipei's summer time began at 00:00 on 1 April in the 1950s and 1970s).
    assertThat(expiry).isEqualTo(last.plusDays(1).atStartOfDay(zone).toInstant());
    // The reset a year earlier is not after the points became spendable: none is skipped.
    Instant previous = resetDay.atYear(last.getYear() - 1).plusDays(1).atStartOfDay(zone).toInstant();
    assertThat(previous).isBeforeOrEqualTo(spendable);
    assertThat(expiry).isAfter(spendable);
  }

  @Provide
  Arbitrary<MonthDay> resetDays() {
    return Arbitraries.of(MonthDay.of(12, 31), MonthDay.of(1, 1), MonthDay.of(3, 31), MonthDay.of(2, 28), MonthDay.of(6, 30));
  }

  /** One lot of a random ledger: points, hours after the start it is earned, hours it stays valid (0: never expires). */
  record Lot(long points, int earnedHour, int validHours) {}

  @Provide
  Arbitrary<List<Lot>> lots() {
    return Combinators.combine(Arbitraries.longs().between(1, Long.MAX_VALUE / 64), Arbitraries.integers().between(0, 2_000),
        Arbitraries.integers().between(0, 3_000)).as(Lot::new).list().ofMaxSize(40);
  }

  @Property
  void expiringSoonEqualsABruteForceSumOverTheLots(@ForAll("lots") List<Lot> lots,
      @ForAll @IntRange(min = 0, max = 3_000) int spendHours, @ForAll @IntRange(min = 0, max = 6_000) int asOfHours,
      @ForAll @IntRange(min = 0, max = 3_000) int windowHours) {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    PointLedger ledger = PointLedger.empty(Entries.MEMBER, NegativeBalancePolicy.CAP_AT_ZERO);
    List<LedgerEntry> entries = new ArrayList<>();
    for (int i = 0; i < lots.size(); i++) {
      Lot lot = lots.get(i);
      Instant at = start.plus(Duration.ofHours(lot.earnedHour()));
      entries.add(new LedgerEntry.Earned(EntryKey.orderBase("o-" + i).text(), Entries.MEMBER, Points.of(lot.points()), at,
          Entries.provenance("o-" + i), Money.zero(Entries.TWD), List.of(), java.util.Optional.empty(),
          lot.validHours() == 0 ? java.util.Optional.empty() : java.util.Optional.of(at.plus(Duration.ofHours(lot.validHours())))));
    }
    entries.sort(java.util.Comparator.comparing(LedgerEntry::occurredAt));
    entries.forEach(ledger::append);
    // A redemption of half of what is spendable at spendHours takes the oldest lots first.
    Instant spendAt = start.plus(Duration.ofHours(spendHours)).plusSeconds(1);
    long spendable = ledger.available(spendAt).value();
    if (spendable > 1 && ledger.entries().stream().noneMatch(e -> e.occurredAt().isAfter(spendAt))) {
      ledger.append(new LedgerEntry.Redeemed(EntryKey.redemption("r-1").text(), Entries.MEMBER, Points.of(-(spendable / 2)),
          spendAt, Provenance.manual("r-1", "checkout"), Money.zero(Entries.TWD)));
    }
    Instant asOf = start.plus(Duration.ofHours(asOfHours));
    Instant until = asOf.plus(Duration.ofHours(windowHours));

    ExpiringPoints soon = ledger.expiringSoon(asOf, until);

    Map<Instant, Long> want = new TreeMap<>();
    for (PointLot lot : ledger.lots()) {
      Instant expiresAt = lot.expiresAt().orElse(null);
      if (lot.remaining().isPositive() && expiresAt != null && expiresAt.isAfter(asOf) && !expiresAt.isAfter(until)) {
        want.merge(expiresAt, lot.remaining().value(), Math::addExact);
      }
    }
    Map<Instant, Long> got = new TreeMap<>();
    soon.batches().forEach(b -> got.put(b.expiresAt(), b.points().value()));
    assertThat(got).isEqualTo(want);
    assertThat(soon.total().value()).isEqualTo(want.values().stream().mapToLong(Long::longValue).sum());
  }
}
