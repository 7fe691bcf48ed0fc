package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.loyaltyrules.loyalty.Entries.MEMBER;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Worked examples of the expiring-soon query on the ledger and the {@code expiring-soon: } notice
 * (issue 14, item 2): year-end expiry in Taipei, a 30-day warning.
 */
class ExpiringPointsTest {
  private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
  private static final Currency TWD = Currency.getInstance("TWD");
  private static final Programme YEAR_END = Programme.builder(TWD, TAIPEI,
          TierLadder.of(Tier.of("member", 0, Money.zero(TWD), Period.ofMonths(12))))
      .expiry(ExpiryPolicy.yearEnd(1))
      .expiryWarning(Period.ofDays(30))
      .build();

  private static Instant taipei(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(TAIPEI).toInstant();
  }

  /** 120 points earned in 2026 (expire at the end of 2027), 30 earned in 2027 (end of 2028). */
  private static PointLedger ledger() {
    PointLedger ledger = YEAR_END.newLedger(MEMBER);
    Instant spring = taipei("2026-04-01T10:00");
    Instant autumn = taipei("2026-10-01T10:00");
    Instant next = taipei("2027-03-01T10:00");
    ledger.append(Entries.earnedExpiring(EntryKey.orderBase("o-1").text(), 100, spring, YEAR_END.expiryFor(spring).orElseThrow()));
    ledger.append(Entries.earnedExpiring(EntryKey.orderBase("o-2").text(), 20, autumn, YEAR_END.expiryFor(autumn).orElseThrow()));
    ledger.append(Entries.earnedExpiring(EntryKey.orderBase("o-3").text(), 30, next, YEAR_END.expiryFor(next).orElseThrow()));
    return ledger;
  }

  @Test
  void expiringSoon_twoLotsEndingTheSameYear_oneBatchOf120OnDecember31() {
    // given
    PointLedger ledger = ledger();
    Instant asOf = taipei("2027-12-10T09:00");

    // when
    ExpiringPoints soon = YEAR_END.expiringSoon(ledger, asOf);

    // then
    assertThat(soon.batches()).containsExactly(new ExpiringPoints.Batch(taipei("2028-01-01T00:00"), Points.of(120)));
    assertThat(soon.total()).isEqualTo(Points.of(120));
    assertThat(soon.earliest()).contains(taipei("2028-01-01T00:00"));
    assertThat(soon.until()).isEqualTo(taipei("2028-01-09T09:00"));
    assertThat(soon.byLastDay(TAIPEI)).isEqualTo(Map.of(LocalDate.of(2027, 12, 31), Points.of(120)));
    assertThat(soon.notice(TAIPEI)).contains("expiring-soon: 120 points expire on 2027-12-31");
  }

  @Test
  void expiringSoon_beforeTheWindowReachesTheYearEnd_nothing() {
    // given
    PointLedger ledger = ledger();

    // when
    ExpiringPoints soon = YEAR_END.expiringSoon(ledger, taipei("2027-11-30T09:00"));

    // then: 2027-11-30 + 30 days is 2027-12-30, before the points expire
    assertThat(soon.isEmpty()).isTrue();
    assertThat(soon.total()).isEqualTo(Points.ZERO);
    assertThat(soon.earliest()).isEmpty();
    assertThat(soon.notice(TAIPEI)).isEmpty();
  }

  @Test
  void expiringSoon_afterARedemption_theOldestPointsWereSpentFirst() {
    // given: 110 of the 150 points spent on 2027-12-01 come from the lots expiring first
    PointLedger ledger = ledger();
    ledger.append(new LedgerEntry.Redeemed(EntryKey.redemption("r-1").text(), MEMBER, Points.of(-110),
        taipei("2027-12-01T12:00"), Provenance.manual("r-1", "checkout"), Money.of("110", "TWD")));

    // when
    ExpiringPoints soon = YEAR_END.expiringSoon(ledger, taipei("2027-12-10T09:00"));

    // then
    assertThat(soon.total()).isEqualTo(Points.of(10));
    assertThat(soon.notice(TAIPEI)).contains("expiring-soon: 10 points expire on 2027-12-31");
  }

  @Test
  void expiringSoon_thenAnExpiryRunAtTheWindowsEnd_takesExactlyWhatItSaid() {
    // given
    PointLedger ledger = ledger();
    Instant asOf = taipei("2027-12-10T09:00");
    ExpiringPoints said = ledger.expiringSoon(asOf, taipei("2028-01-01T00:00"));
    Points before = ledger.balance();

    // when
    Decision run = LedgerOnlyDecisions.decide(new LoyaltyEvent.ExpiryRun("run-2028", MEMBER, taipei("2028-01-01T00:00")),
        new MemberState(Member.of(MEMBER, taipei("2026-01-01T00:00"), "member"), ledger), YEAR_END, "v1");
    ledger.appendAll(run.entries());

    // then
    assertThat(said.total()).isEqualTo(Points.of(120));
    assertThat(before.minus(ledger.balance())).isEqualTo(said.total());
    assertThat(ledger.balance()).isEqualTo(Points.of(30));
  }

  @Test
  void notice_batchesOnTwoDays_listsEachDayAfterTheTotal() {
    // given
    ExpiringPoints soon = new ExpiringPoints(taipei("2027-12-10T00:00"), taipei("2028-01-20T00:00"), List.of(
        new ExpiringPoints.Batch(taipei("2028-01-01T00:00"), Points.of(120)),
        new ExpiringPoints.Batch(taipei("2028-01-15T15:30"), Points.of(1))));

    // when
    Optional<String> notice = soon.notice(TAIPEI);

    // then
    assertThat(notice).contains("expiring-soon: 121 points expire by 2028-01-15: 120 on 2027-12-31, 1 on 2028-01-15");
  }

  @Test
  void notice_onePoint_readsSingular() {
    // given
    ExpiringPoints soon = new ExpiringPoints(taipei("2027-12-10T00:00"), taipei("2028-01-20T00:00"),
        List.of(new ExpiringPoints.Batch(taipei("2028-01-01T00:00"), Points.of(1))));

    // when / then
    assertThat(soon.notice(TAIPEI)).contains("expiring-soon: 1 point expires on 2027-12-31");
  }

  @Test
  void expiringPoints_batchesOutOfOrderOrOutsideTheWindow_refused() {
    // given
    Instant asOf = taipei("2027-12-10T00:00");
    Instant until = taipei("2028-01-20T00:00");
    ExpiringPoints.Batch late = new ExpiringPoints.Batch(taipei("2028-01-15T00:00"), Points.of(5));
    ExpiringPoints.Batch early = new ExpiringPoints.Batch(taipei("2028-01-01T00:00"), Points.of(5));
    ExpiringPoints.Batch beyond = new ExpiringPoints.Batch(taipei("2028-02-01T00:00"), Points.of(5));

    // when / then
    assertThat(catchThrowableOfType(InvalidValueException.class,
        () -> new ExpiringPoints(asOf, until, List.of(late, early))).field()).isEqualTo("batches[1].expiresAt");
    assertThat(catchThrowableOfType(InvalidValueException.class,
        () -> new ExpiringPoints(asOf, until, List.of(beyond))).field()).isEqualTo("batches[0].expiresAt");
    assertThat(catchThrowableOfType(InvalidValueException.class,
        () -> new ExpiringPoints(until, asOf, List.of())).field()).isEqualTo("until");
  }

  @Test
  void expiringPoints_totalBeyondALong_refusedAsOverflow() {
    // given
    ExpiringPoints.Batch max = new ExpiringPoints.Batch(taipei("2028-01-01T00:00"), Points.of(Long.MAX_VALUE));
    ExpiringPoints.Batch one = new ExpiringPoints.Batch(taipei("2028-01-02T00:00"), Points.of(1));

    // when / then
    assertThat(catchThrowableOfType(PointsOverflowException.class,
        () -> new ExpiringPoints(taipei("2027-12-10T00:00"), taipei("2028-01-20T00:00"), List.of(max, one)))).isNotNull();
  }

  @Test
  void withNotice_redemptionOfTheExpiringPoints_noticeCountsTheLedgerAfterTheDecision() {
    // given
    PointLedger ledger = ledger();
    MemberState state = new MemberState(Member.of(MEMBER, taipei("2026-01-01T00:00"), "member"), ledger);
    Instant at = taipei("2027-12-10T09:00");
    Decision redeem = LedgerOnlyDecisions.decide(new LoyaltyEvent.PointsRedeemed("r-9", MEMBER, Points.of(100), at),
        state, YEAR_END, "v1");

    // when
    Decision withNotice = ExpiryNotices.withNotice(redeem, ledger, YEAR_END, at);

    // then: the ledger itself is unchanged; 20 of the 120 are left to expire
    assertThat(withNotice.notices()).containsExactly("expiring-soon: 20 points expire on 2027-12-31");
    assertThat(ledger.balance()).isEqualTo(Points.of(150));
  }

  @Test
  void withNotice_programmeWithoutWarning_decisionUnchanged() {
    // given
    Programme quiet = YEAR_END.toBuilder().expiryWarning(Period.ZERO).build();
    Decision decision = new Decision("e-1", "v1", List.of(), Optional.empty(), List.of(), List.of());

    // when
    Decision same = ExpiryNotices.withNotice(decision, ledger(), quiet, taipei("2027-12-10T09:00"));

    // then
    assertThat(same).isSameAs(decision);
  }
}
