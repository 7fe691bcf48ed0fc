package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.loyalty.Entries.MEMBER;
import static org.loyaltyrules.loyalty.Entries.day;
import static org.loyaltyrules.loyalty.Entries.twd;

import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.json.LoyaltyJson;
import org.loyaltyrules.loyalty.json.LoyaltyJsonException;

/** Checkpoints of a ledger, the ledger rebuilt from one, and what a rebuilt ledger refuses. */
class LedgerCheckpointTest {
  private static final String VERSION = "test-version";
  private static final Programme PROGRAMME = Programme.builder(Currency.getInstance("TWD"), ZoneId.of("Asia/Taipei"),
          TierLadder.of(Tier.of("member", 0, twd("0"), Period.ofMonths(12)),
              Tier.of("gold", 1, twd("10000"), Period.ofMonths(3))))
      .redemption(twd("1"), Points.of(1))
      .build();

  private static String base(String orderId) {
    return EntryKey.orderBase(orderId).text();
  }

  /** Ten orders a week apart, a redemption at day 30, a welcome bonus at day 0. */
  private static PointLedger history() {
    PointLedger ledger = PointLedger.empty(MEMBER, NegativeBalancePolicy.CAP_AT_ZERO);
    ledger.append(new LedgerEntry.Earned(EntryKey.enrolmentBonus(MEMBER, "welcome").text(), MEMBER, Points.of(50), day(0),
        Entries.provenance("enrol-1"), Money.zero(Entries.TWD), List.of(), Optional.empty(), Optional.empty()));
    for (int i = 0; i < 10; i++) {
      ledger.append(Entries.earnedWithLines(base("o-" + i), day(7L * i), Entries.line("l-1", 2, 100, "1000")));
    }
    ledger.append(Entries.redeemed(EntryKey.redemption("r-1").text(), 300, day(30)));
    return ledger;
  }

  @Test
  void checkpoint_longHistory_keepsOnlyEntriesSinceTheHorizonAndTheLotsWithPointsLeft() {
    // given
    PointLedger full = history();

    // when
    LedgerCheckpoint checkpoint = full.checkpoint(day(70), day(40));

    // then: orders o-6..o-9 (days 42-63) are kept; the redemption at day 30 and the older awards it emptied are not
    assertThat(checkpoint.coveredEntries()).isEqualTo(12);
    assertThat(checkpoint.entries()).extracting(LedgerEntry::key)
        .containsExactly(base("o-6"), base("o-7"), base("o-8"), base("o-9"));
    assertThat(checkpoint.balance()).isEqualTo(full.balance());
    assertThat(checkpoint.lots()).extracting(l -> l.lot().key()).doesNotContain(base("o-0"), base("o-1"))
        .contains(base("o-3"), base("o-9"));
    assertThat(checkpoint.lifetimeKeys()).containsExactly(EntryKey.enrolmentBonus(MEMBER, "welcome").text());
    assertThat(checkpoint.firstQualifyingOrder()).map(LedgerEntry::key).contains(base("o-0"));
    assertThat(checkpoint.redemptions()).isEmpty();
  }

  @Test
  void fromCheckpoint_thenTail_agreesWithTheFullLedgerOnEveryView() {
    // given
    PointLedger full = history();
    LedgerCheckpoint checkpoint = full.checkpoint(day(70), day(40));
    List<LedgerEntry> tail = List.of(
        Entries.earnedWithLines(base("o-10"), day(71), Entries.line("l-1", 1, 40, "400")),
        Entries.redeemed(EntryKey.redemption("r-2").text(), 500, day(72)),
        Entries.clawedBackLines(EntryKey.clawback("ret-1", EntryKey.orderBase("o-9")).text(), base("o-9"), day(73),
            Entries.line("l-1", 1, 50, "500")));

    // when
    PointLedger rebuilt = PointLedger.fromCheckpoint(checkpoint, tail);
    full.appendAll(tail);

    // then
    assertThat(rebuilt.balance()).isEqualTo(full.balance());
    assertThat(rebuilt.available(day(80))).isEqualTo(full.available(day(80)));
    assertThat(rebuilt.debt()).isEqualTo(full.debt());
    assertThat(rebuilt.qualifyingSpend(day(40), day(80), Entries.TWD)).isEqualTo(full.qualifyingSpend(day(40), day(80), Entries.TWD));
    assertThat(rebuilt.reversedLines(base("o-9"))).isEqualTo(full.reversedLines(base("o-9")));
    assertThat(rebuilt.lots().stream().filter(l -> l.remaining().isPositive()).toList())
        .isEqualTo(full.lots().stream().filter(l -> l.remaining().isPositive()).toList());
    assertThat(rebuilt.rowCount()).isEqualTo(full.size());
    assertThat(rebuilt.horizon()).contains(day(40));
    assertThat(rebuilt.checkpoint(day(80), day(60))).isEqualTo(full.checkpoint(day(80), day(60)));
  }

  @Test
  void append_redeliveredEntryFromBeforeTheHorizon_isRefusedNotCreditedTwice() {
    // given: o-2 (day 14) was dropped with its key
    PointLedger full = history();
    PointLedger rebuilt = PointLedger.fromCheckpoint(full.checkpoint(day(70), day(40)), List.of());
    LedgerEntry old = full.entry(base("o-2")).orElseThrow();

    // when / then
    assertThat(full.append(old)).isEqualTo(PointLedger.AppendResult.DUPLICATE);
    assertThatThrownBy(() -> rebuilt.append(old)).isInstanceOfSatisfying(BeyondHorizonException.class, e -> {
      assertThat(e.code()).isEqualTo("beyond-horizon");
      assertThat(e.field()).isEqualTo("occurredAt");
      assertThat(e.horizon()).isEqualTo(day(40));
      assertThat(e.getMessage()).isEqualTo("Invalid ledger entry: occurredAt [" + day(14) + "]; expected at or after "
          + day(40) + " (the horizon of the checkpoint this ledger was rebuilt from); decide it from the member's full history");
    });
    assertThat(rebuilt.balance()).isEqualTo(full.balance());
  }

  @Test
  void append_lifetimeBonusKeyAgainAfterTheHorizon_isRefused() {
    // given: the welcome bonus at day 0 is dropped, its key kept as used
    PointLedger rebuilt = PointLedger.fromCheckpoint(history().checkpoint(day(70), day(40)), List.of());
    String key = EntryKey.enrolmentBonus(MEMBER, "welcome").text();

    // when / then
    assertThat(rebuilt.contains(key)).isTrue();
    assertThatThrownBy(() -> rebuilt.append(new LedgerEntry.Earned(key, MEMBER, Points.of(50), day(71),
        Entries.provenance("enrol-1"), Money.zero(Entries.TWD), List.of(), Optional.empty(), Optional.empty())))
        .isInstanceOfSatisfying(BeyondHorizonException.class, e -> assertThat(e.field()).isEqualTo("key"));
  }

  @Test
  void append_clawbackOfAnAwardBeforeTheHorizon_isRefused() {
    // given
    PointLedger rebuilt = PointLedger.fromCheckpoint(history().checkpoint(day(70), day(40)), List.of());

    // when / then: o-1's award (day 7) is not kept, so what was already clawed back of it is unknown
    assertThatThrownBy(() -> rebuilt.append(Entries.clawedBack("ret-9", base("o-1"), 10, 0, "100", day(75))))
        .isInstanceOfSatisfying(BeyondHorizonException.class, e -> assertThat(e.field()).isEqualTo("target"));
  }

  @Test
  void views_askingBeforeTheHorizon_areRefused() {
    // given
    PointLedger rebuilt = PointLedger.fromCheckpoint(history().checkpoint(day(70), day(40)), List.of());

    // when / then
    assertThatThrownBy(() -> rebuilt.qualifyingSpend(day(39), day(70), Entries.TWD))
        .isInstanceOf(BeyondHorizonException.class);
    assertThatThrownBy(() -> rebuilt.earnedByOrdersOn(day(39).atZone(ZoneId.of("UTC")).toLocalDate(), ZoneId.of("UTC")))
        .isInstanceOf(BeyondHorizonException.class);
    assertThatThrownBy(() -> rebuilt.checkpoint(day(80), day(39))).isInstanceOf(BeyondHorizonException.class);
  }

  @Test
  void checkpoint_asOfBeforeAnEntry_isRefused() {
    assertThatThrownBy(() -> history().checkpoint(day(62), day(40)))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("asOf"));
  }

  @Test
  void ledgerOnlyDecisions_onARebuiltLedger_refuseWhatReachesBeforeTheCheckpoint() {
    // given
    PointLedger full = history();
    MemberState state = new MemberState(Member.of(MEMBER, day(0), "member"),
        PointLedger.fromCheckpoint(full.checkpoint(day(70), day(40)), List.of()));

    // when / then: a redelivered old redemption, the cancellation of one not kept, an expiry run before the checkpoint
    assertThatThrownBy(() -> LedgerOnlyDecisions.decide(new LoyaltyEvent.PointsRedeemed("r-1", MEMBER, Points.of(300), day(30)),
        state, PROGRAMME, VERSION)).isInstanceOf(BeyondHorizonException.class);
    assertThatThrownBy(() -> LedgerOnlyDecisions.decide(new LoyaltyEvent.RedemptionCancelled("c-1", MEMBER, "r-1", day(71)),
        state, PROGRAMME, VERSION)).isInstanceOfSatisfying(BeyondHorizonException.class,
            e -> assertThat(e.field()).isEqualTo("redemptionId"));
    assertThatThrownBy(() -> LedgerOnlyDecisions.decide(new LoyaltyEvent.ExpiryRun("x-1", MEMBER, day(65)),
        state, PROGRAMME, VERSION)).isInstanceOfSatisfying(BeyondHorizonException.class, e -> assertThat(e.horizon()).isEqualTo(day(70)));
    // and: a redemption after it decides as on the full ledger
    LoyaltyEvent redeem = new LoyaltyEvent.PointsRedeemed("r-3", MEMBER, Points.of(100), day(71));
    assertThat(LedgerOnlyDecisions.decide(redeem, state, PROGRAMME, VERSION))
        .isEqualTo(LedgerOnlyDecisions.decide(redeem, new MemberState(state.member(), full), PROGRAMME, VERSION));
  }

  @Test
  void new_balanceThatIsNotThePointsInLotsLessDebt_isRefused() {
    // given
    LedgerCheckpoint good = history().checkpoint(day(70), day(40));

    // when / then
    assertThatThrownBy(() -> new LedgerCheckpoint(good.memberId(), good.policy(), good.asOf(), good.horizon(),
        good.coveredEntries(), good.balance().plus(Points.of(1)), good.debt(), good.spendCurrency(), good.lots(),
        good.redemptions(), good.firstQualifyingOrder(), good.lifetimeKeys(), good.entries()))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo("balance");
          assertThat(e.expected()).isEqualTo(good.balance() + ", the points left in lots less the debt");
        });
  }

  @Test
  void new_tamperedComponents_areRefusedByName() {
    // given
    LedgerCheckpoint good = history().checkpoint(day(70), day(40));
    List<LedgerEntry> twice = new ArrayList<>(good.entries());
    twice.add(good.entries().get(0));
    List<LedgerEntry> stranger = new ArrayList<>(good.entries());
    LedgerEntry.Earned first = (LedgerEntry.Earned) good.entries().get(0);
    stranger.set(0, new LedgerEntry.Earned(first.key(), "m-2", first.points(), first.occurredAt(), first.provenance(),
        first.spend(), first.lines(), first.pendingUntil(), first.expiresAt()));

    // when / then
    assertThatThrownBy(() -> copyWith(good, day(71), good.asOf(), good.entries(), good.coveredEntries()))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("horizon"));
    assertThatThrownBy(() -> copyWith(good, good.horizon(), good.asOf(), twice, 20))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("entries[4].key"));
    assertThatThrownBy(() -> copyWith(good, good.horizon(), good.asOf(), stranger, 20))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("entries[0].memberId"));
    assertThatThrownBy(() -> copyWith(good, good.horizon(), day(50), good.entries(), 20))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).matches("lots\\[\\d+\\]\\.createdAt"));
    assertThatThrownBy(() -> copyWith(good, good.horizon(), good.asOf(), good.entries(), 3))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("coveredEntries"));
  }

  private static LedgerCheckpoint copyWith(LedgerCheckpoint c, java.time.Instant horizon, java.time.Instant asOf,
      List<LedgerEntry> entries, long covered) {
    return new LedgerCheckpoint(c.memberId(), c.policy(), asOf, horizon, covered, c.balance(), c.debt(),
        c.spendCurrency(), c.lots(), c.redemptions(), c.firstQualifyingOrder(), c.lifetimeKeys(), entries);
  }

  @Test
  void json_storedCheckpointRoundTrips_andATamperedOneIsRefusedByPath() {
    // given
    PointLedger full = history();
    LedgerCheckpoint checkpoint = full.checkpoint(day(70), day(40));
    String json = LoyaltyJson.write(checkpoint);

    // when
    LedgerCheckpoint back = LoyaltyJson.read(json, LedgerCheckpoint.class);

    // then
    assertThat(back).isEqualTo(checkpoint);
    assertThat(PointLedger.fromCheckpoint(back, List.of()).balance()).isEqualTo(full.balance());
    // and: a balance raised by hand, or a policy no one knows, is refused naming the field
    String richer = json.replace("\"balance\":" + checkpoint.balance().value() + ",",
        "\"balance\":" + (checkpoint.balance().value() + 1000) + ",");
    assertThatThrownBy(() -> LoyaltyJson.read(richer, LedgerCheckpoint.class))
        .isInstanceOfSatisfying(LoyaltyJsonException.class, e -> assertThat(e.path()).isEqualTo("$.balance"));
    assertThatThrownBy(() -> LoyaltyJson.read(json.replace("CAP_AT_ZERO", "FORGIVE_ALL"), LedgerCheckpoint.class))
        .isInstanceOfSatisfying(LoyaltyJsonException.class, e -> assertThat(e.path()).isEqualTo("$.policy"));
  }

  @Test
  void checkpointHorizon_ofAProgramme_startsOnTheLocalDayOfTheLongestTierWindowBeforeTheLateness() {
    // when
    java.time.Instant horizon = PROGRAMME.checkpointHorizon(java.time.Instant.parse("2026-06-15T10:00:00Z"), Period.ofDays(10));

    // then: 2026-06-05 18:00 Taipei less gold's 3 months is 2026-03-05, local midnight is 16:00 UTC the day before
    assertThat(horizon).isEqualTo(java.time.Instant.parse("2026-03-04T16:00:00Z"));
  }
}
