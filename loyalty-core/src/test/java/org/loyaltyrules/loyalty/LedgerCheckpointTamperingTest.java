package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.loyalty.Entries.MEMBER;
import static org.loyaltyrules.loyalty.Entries.cancelled;
import static org.loyaltyrules.loyalty.Entries.day;
import static org.loyaltyrules.loyalty.Entries.earned;
import static org.loyaltyrules.loyalty.Entries.expired;
import static org.loyaltyrules.loyalty.Entries.redeemed;
import static org.loyaltyrules.loyalty.Entries.released;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint is stored data: one whose parts disagree with each other must be refused, not
 * rebuilt into a ledger that mints or loses points. Each test forges one class of disagreement in a
 * checkpoint that is otherwise genuine.
 */
class LedgerCheckpointTamperingTest {

  private static String base(String orderId) {
    return EntryKey.orderBase(orderId).text();
  }

  /** o-1: 100 points held until day 40, expiring day 400; o-2: 100 points released early; o-3: 50 expired. */
  private static PointLedger heldAndExpiring() {
    PointLedger ledger = PointLedger.empty(MEMBER, NegativeBalancePolicy.CAP_AT_ZERO);
    ledger.append(earned(base("o-1"), "o-1", 100, day(10), Optional.of(day(40)), Optional.of(day(400))));
    ledger.append(earned(base("o-2"), "o-2", 100, day(11), Optional.of(day(40)), Optional.empty()));
    ledger.append(released("rel-2", base("o-2"), day(12)));
    ledger.append(earned(base("o-3"), "o-3", 50, day(11), Optional.empty(), Optional.of(day(13))));
    ledger.append(expired("exp-3", base("o-3"), 50, day(14)));
    return ledger;
  }

  private static LedgerCheckpoint withLots(LedgerCheckpoint c, List<LedgerCheckpoint.LotState> lots, Points balance) {
    return new LedgerCheckpoint(c.memberId(), c.policy(), c.asOf(), c.horizon(), c.coveredEntries(), balance, c.debt(),
        c.spendCurrency(), lots, c.redemptions(), c.firstQualifyingOrder(), c.lifetimeKeys(), c.entries());
  }

  private static List<LedgerCheckpoint.LotState> forgeLot(LedgerCheckpoint c, String key, UnaryOperator<PointLot> forge) {
    List<LedgerCheckpoint.LotState> lots = new ArrayList<>();
    for (LedgerCheckpoint.LotState state : c.lots()) {
      lots.add(state.lot().key().equals(key) ? new LedgerCheckpoint.LotState(forge.apply(state.lot()), state.expiredForgiven()) : state);
    }
    return lots;
  }

  private static PointLot lot(PointLot p, Optional<java.time.Instant> pendingUntil, Optional<java.time.Instant> releasedAt,
      Optional<java.time.Instant> expiresAt, String source, long remaining, long expired) {
    return new PointLot(p.key(), source, p.createdAt(), p.original(), Points.of(remaining), Points.of(expired),
        pendingUntil, releasedAt, expiresAt);
  }

  @Test
  void new_lotOfAKeptAwardThatDisagreesWithTheAward_isRefused() {
    // given: a genuine checkpoint keeping o-1's award (held until day 40, expiring day 400) and its lot
    PointLedger full = heldAndExpiring();
    LedgerCheckpoint good = full.checkpoint(day(20), day(5));
    String o1 = base("o-1");

    // when / then: a lot that forgets the hold, claims a release no kept entry made, forgets the
    // expiry or names another source would make the held points spendable now, or never expire
    assertThat(PointLedger.fromCheckpoint(good, List.of()).available(day(21))).isEqualTo(full.available(day(21)));
    List<UnaryOperator<PointLot>> forgeries = List.of(
        p -> lot(p, Optional.empty(), p.releasedAt(), p.expiresAt(), p.sourceEventId(), 100, 0),
        p -> lot(p, p.pendingUntil(), Optional.of(day(15)), p.expiresAt(), p.sourceEventId(), 100, 0),
        p -> lot(p, p.pendingUntil(), p.releasedAt(), Optional.empty(), p.sourceEventId(), 100, 0),
        p -> lot(p, p.pendingUntil(), p.releasedAt(), p.expiresAt(), "o-9", 100, 0));
    for (UnaryOperator<PointLot> forgery : forgeries) {
      assertThatThrownBy(() -> withLots(good, forgeLot(good, o1, forgery), good.balance()))
          .isInstanceOfSatisfying(InvalidValueException.class, e -> {
            assertThat(e.field()).isEqualTo("entries[0].key");
            assertThat(e.value()).isEqualTo(o1);
          });
    }
  }

  @Test
  void new_lotOfAKeptAwardWithoutItsKeptReleaseOrExpiry_isRefused() {
    // given: o-2 was released at day 12 and o-3 expired at day 14, both kept with their awards
    LedgerCheckpoint good = heldAndExpiring().checkpoint(day(20), day(5));

    // when / then: o-2's lot still held, or o-3's expired points back in its lot (and the balance)
    assertThatThrownBy(() -> withLots(good, forgeLot(good, base("o-2"),
        p -> lot(p, p.pendingUntil(), Optional.empty(), p.expiresAt(), p.sourceEventId(), 100, 0)), good.balance()))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.value()).isEqualTo(base("o-2")));
    assertThatThrownBy(() -> withLots(good, forgeLot(good, base("o-3"),
        p -> lot(p, p.pendingUntil(), p.releasedAt(), p.expiresAt(), p.sourceEventId(), 50, 0)), good.balance().plus(Points.of(50))))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.value()).isEqualTo(base("o-3")));
  }

  @Test
  void new_redemptionTakenFromALotThatNeverGaveThePoints_isRefused() {
    // given: r-1 took o-1's 100 points; o-2's lot is untouched
    PointLedger full = PointLedger.empty(MEMBER, NegativeBalancePolicy.CAP_AT_ZERO);
    full.append(earned(base("o-1"), 100, day(10)));
    full.append(earned(base("o-2"), 100, day(11)));
    full.append(redeemed("r-1", 100, day(12)));
    LedgerCheckpoint good = full.checkpoint(day(20), day(5));
    LedgerCheckpoint.RedemptionState forged = new LedgerCheckpoint.RedemptionState("r-1",
        List.of(new LedgerCheckpoint.Part(base("o-2"), Points.of(100))), Points.ZERO);

    // when / then: cancelling r-1 would give o-2's lot 200 of its 100 points
    assertThatThrownBy(() -> new LedgerCheckpoint(good.memberId(), good.policy(), good.asOf(), good.horizon(),
        good.coveredEntries(), good.balance(), good.debt(), good.spendCurrency(), good.lots(), List.of(forged),
        good.firstQualifyingOrder(), good.lifetimeKeys(), good.entries()))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo("redemptions[0].parts[0].points");
          assertThat(e.expected()).contains("at most 0");
        });
    assertThat(PointLedger.fromCheckpoint(good, List.of(cancelled("c-1", "r-1", 100, day(21)))).balance())
        .isEqualTo(Points.of(200));
  }

  @Test
  void new_coveredEntriesWithNoRoomToCountTheTail_isRefused() {
    // given
    LedgerCheckpoint good = heldAndExpiring().checkpoint(day(20), day(5));

    // when / then: the ledger's row count (the host's "rows after") would wrap to a negative number
    assertThatThrownBy(() -> new LedgerCheckpoint(good.memberId(), good.policy(), good.asOf(), good.horizon(),
        Long.MAX_VALUE, good.balance(), good.debt(), good.spendCurrency(), good.lots(), good.redemptions(),
        good.firstQualifyingOrder(), good.lifetimeKeys(), good.entries()))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("coveredEntries"));
  }

  @Test
  void new_withoutTheFirstQualifyingOrderThoughItKeepsOne_isRefused() {
    // given: o-1 is a kept order with qualifying spend, so it (or an earlier one) is the first
    PointLedger full = PointLedger.empty(MEMBER, NegativeBalancePolicy.CAP_AT_ZERO);
    full.append(Entries.earnedWithSpend(base("o-1"), 10, "1000", day(10)));
    LedgerCheckpoint good = full.checkpoint(day(20), day(5));
    assertThat(good.firstQualifyingOrder()).isPresent();

    // when / then: without it the rules would see a member with no first order and pay that bonus again
    assertThatThrownBy(() -> new LedgerCheckpoint(good.memberId(), good.policy(), good.asOf(), good.horizon(),
        good.coveredEntries(), good.balance(), good.debt(), good.spendCurrency(), good.lots(), good.redemptions(),
        Optional.empty(), good.lifetimeKeys(), good.entries()))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo("firstQualifyingOrder");
          assertThat(e.value()).isEqualTo("none");
        });
  }

  @Test
  void new_redemptionThatForgetsItsKeptCancellations_isRefused() {
    // given: r-1 took 100, c-1 gave them back, an adjustment then took them from the same lot
    PointLedger full = PointLedger.empty(MEMBER, NegativeBalancePolicy.CAP_AT_ZERO);
    full.append(earned(base("o-1"), 100, day(10)));
    full.append(redeemed("r-1", 100, day(11)));
    full.append(cancelled("c-1", "r-1", 100, day(12)));
    full.append(Entries.adjusted("adj-1", -100, day(13)));
    LedgerCheckpoint good = full.checkpoint(day(20), day(5));
    LedgerCheckpoint.RedemptionState kept = good.redemptions().get(0);
    LedgerCheckpoint.RedemptionState forgetful = new LedgerCheckpoint.RedemptionState(kept.key(), kept.parts(), Points.ZERO);

    // when / then: forgetting c-1 would let a second cancellation give the 100 points back again
    assertThat(kept.restored()).isEqualTo(Points.of(100));
    assertThatThrownBy(() -> new LedgerCheckpoint(good.memberId(), good.policy(), good.asOf(), good.horizon(),
        good.coveredEntries(), good.balance(), good.debt(), good.spendCurrency(), good.lots(), List.of(forgetful),
        good.firstQualifyingOrder(), good.lifetimeKeys(), good.entries()))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo("redemptions[0].restored");
          assertThat(e.expected()).startsWith("100, ");
        });
  }
}
