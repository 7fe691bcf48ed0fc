package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.loyaltyrules.loyalty.Entries.MEMBER;
import static org.loyaltyrules.loyalty.Entries.TWD;
import static org.loyaltyrules.loyalty.Entries.adjusted;
import static org.loyaltyrules.loyalty.Entries.cancelled;
import static org.loyaltyrules.loyalty.Entries.clawedBack;
import static org.loyaltyrules.loyalty.Entries.clawedBackLines;
import static org.loyaltyrules.loyalty.Entries.day;
import static org.loyaltyrules.loyalty.Entries.earned;
import static org.loyaltyrules.loyalty.Entries.earnedExpiring;
import static org.loyaltyrules.loyalty.Entries.earnedPending;
import static org.loyaltyrules.loyalty.Entries.earnedWithLines;
import static org.loyaltyrules.loyalty.Entries.earnedWithSpend;
import static org.loyaltyrules.loyalty.Entries.expired;
import static org.loyaltyrules.loyalty.Entries.line;
import static org.loyaltyrules.loyalty.Entries.provenance;
import static org.loyaltyrules.loyalty.Entries.redeemed;
import static org.loyaltyrules.loyalty.Entries.released;
import static org.loyaltyrules.loyalty.Entries.twd;
import static org.loyaltyrules.loyalty.InvalidValues.assertInvalidValue;
import static org.loyaltyrules.loyalty.InvalidValues.assertNames;
import static org.loyaltyrules.loyalty.InvalidValues.thrownBy;
import static org.loyaltyrules.loyalty.NegativeBalancePolicy.ALLOW_DEBT;
import static org.loyaltyrules.loyalty.NegativeBalancePolicy.CAP_AT_ZERO;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.PointLedger.AppendResult;
import org.loyaltyrules.loyalty.testkit.LedgerInvariants;
import org.loyaltyrules.loyalty.testkit.LedgerSnapshot;

/**
 * Example tests for every rule of {@link PointLedger}'s contract. Every ledger a test creates is
 * checked against {@link LedgerInvariants} after the test.
 */
class PointLedgerTest {

  private final List<PointLedger> ledgers = new ArrayList<>();

  private PointLedger ledger(NegativeBalancePolicy policy, LedgerEntry... entries) {
    PointLedger ledger = PointLedger.of(MEMBER, policy, List.of(entries));
    ledgers.add(ledger);
    return ledger;
  }

  private PointLedger ledger(LedgerEntry... entries) {
    return ledger(CAP_AT_ZERO, entries);
  }

  @AfterEach
  void everyLedgerKeepsItsInvariants() {
    for (PointLedger ledger : ledgers) {
      LedgerInvariants.check(ledger);
    }
  }

  private static long remaining(PointLedger ledger, String lotKey) {
    return ledger.lot(lotKey).orElseThrow().remaining().value();
  }

  @Nested
  class Appending {

    @Test
    void append_newEntry_returnsAppendedAndCredits() {
      // given
      PointLedger ledger = ledger();

      // when
      AppendResult result = ledger.append(earned("e1", 100, day(0)));

      // then
      assertThat(result).isEqualTo(AppendResult.APPENDED);
      assertThat(ledger.balance()).isEqualTo(Points.of(100));
      assertThat(ledger.available(day(0))).isEqualTo(Points.of(100));
      assertThat(ledger.size()).isEqualTo(1);
      assertThat(remaining(ledger, "e1")).isEqualTo(100);
    }

    @Test
    void append_sameEntryAgain_isNoOp() {
      // given
      PointLedger ledger = ledger(earned("e1", 100, day(0)), redeemed("r1", 30, day(1)));
      LedgerSnapshot before = LedgerSnapshot.of(ledger);

      // when
      AppendResult again = ledger.append(earned("e1", 100, day(0)));
      AppendResult redeemAgain = ledger.append(redeemed("r1", 30, day(1)));

      // then
      assertThat(List.of(again, redeemAgain)).containsOnly(AppendResult.DUPLICATE);
      assertThat(LedgerSnapshot.of(ledger)).isEqualTo(before);
      assertThat(ledger.balance()).isEqualTo(Points.of(70));
    }

    @Test
    void append_sameKeyDifferentContent_throwsDuplicateEvent() {
      // given
      LedgerEntry.Earned original = earned("e1", 100, day(0));
      LedgerEntry.Earned changed = earned("e1", 150, day(0));
      PointLedger ledger = ledger(original);
      LedgerSnapshot before = LedgerSnapshot.of(ledger);

      // when
      Throwable thrown = catchThrowable(() -> ledger.append(changed));

      // then
      assertThat(thrown).isExactlyInstanceOf(DuplicateEventException.class);
      DuplicateEventException e = (DuplicateEventException) thrown;
      assertThat(e.key()).isEqualTo("e1");
      assertThat(e.existing()).isEqualTo(original);
      assertThat(e.attempted()).isEqualTo(changed);
      assertThat(e.code()).isEqualTo("duplicate-event");
      assertThat(e).hasMessage(
          "Duplicate event: idempotencyKey [e1] was used with different content; expected " + original + " but got " + changed);
      assertThat(LedgerSnapshot.of(ledger)).isEqualTo(before);
    }

    @Test
    void append_sameKeyForAnotherKindOfEntry_throwsDuplicateEvent() {
      // given
      PointLedger ledger = ledger(earned("k", 100, day(0)));

      // when
      Throwable thrown = catchThrowable(() -> ledger.append(redeemed("k", 10, day(1))));

      // then
      assertThat(thrown).isExactlyInstanceOf(DuplicateEventException.class);
      assertThat(((DuplicateEventException) thrown).key()).isEqualTo("k");
      assertThat(ledger.balance()).isEqualTo(Points.of(100));
    }

    @Test
    void append_entryOfAnotherMember_throwsInvalidValue() {
      // given
      PointLedger ledger = ledger();
      LedgerEntry foreign = new LedgerEntry.Adjusted(
          "a1", "m-2", Points.of(5), day(0), Provenance.manual("t-1", "goodwill"), Optional.empty());

      // when / then
      assertInvalidValue(() -> ledger.append(foreign), "ledger entry", "memberId", "m-2", "member m-1 of this ledger");
      assertThat(ledger.size()).isZero();
    }

    @Test
    void append_spendInAnotherCurrency_throwsCurrencyMismatch() {
      // given
      PointLedger ledger = ledger(earned("e1", 100, day(0)));
      LedgerEntry.Earned hkd = new LedgerEntry.Earned("e2", MEMBER, Points.of(10), day(1), provenance("order-2"),
          Money.of("10", "HKD"), List.of(), Optional.empty(), Optional.empty());

      // when
      CurrencyMismatchException e = thrownBy(CurrencyMismatchException.class, () -> ledger.append(hkd));

      // then
      assertNames(e, "ledger entry", "spend", "HKD", "currency TWD");
      assertThat(e.expectedCurrency()).isEqualTo(TWD);
      assertThat(e.actualCurrency()).isEqualTo(Currency.getInstance("HKD"));
      assertThat(e.code()).isEqualTo("currency-mismatch");
      assertThat(ledger.size()).isEqualTo(1);
    }

    @Test
    void append_firstEntryInAnotherCurrencyFails_leavesCurrencyUnset() {
      // given: a batch whose first entry fixes the spend currency, then fails
      PointLedger ledger = ledger();
      LedgerEntry.Earned hkd = new LedgerEntry.Earned("e1", MEMBER, Points.of(10), day(0), provenance("order-1"),
          Money.of("10", "HKD"), List.of(), Optional.empty(), Optional.empty());
      List<LedgerEntry> batch = List.of(hkd, redeemed("r1", 50, day(1)));
      assertThatThrownBy(() -> ledger.appendAll(batch)).isExactlyInstanceOf(InsufficientPointsException.class);

      // when
      AppendResult result = ledger.append(earned("e2", 100, day(2)));

      // then
      assertThat(result).isEqualTo(AppendResult.APPENDED);
      assertThat(ledger.qualifyingSpend(day(0), day(3), TWD)).isEqualTo(twd("100"));
    }

    @Test
    void appendAll_laterEntryInvalid_appendsNothing() {
      // given
      PointLedger ledger = ledger(earned("e1", 100, day(0)));
      LedgerSnapshot before = LedgerSnapshot.of(ledger);
      List<LedgerEntry> batch =
          List.of(earned("e2", 50, day(1)), redeemed("r1", 120, day(2)), redeemed("r2", 100, day(2)));

      // when
      Throwable thrown = catchThrowable(() -> ledger.appendAll(batch));

      // then
      assertThat(thrown).isExactlyInstanceOf(InsufficientPointsException.class);
      assertThat(LedgerSnapshot.of(ledger)).isEqualTo(before);
      assertThat(ledger.appendAll(batch.subList(0, 2))).containsExactly(AppendResult.APPENDED, AppendResult.APPENDED);
      assertThat(ledger.balance()).isEqualTo(Points.of(30));
    }

    @Test
    void appendAll_sameEntryTwiceInBatch_secondIsDuplicate() {
      // given
      PointLedger ledger = ledger();

      // when
      List<AppendResult> results = ledger.appendAll(List.of(earned("e1", 100, day(0)), earned("e1", 100, day(0))));

      // then
      assertThat(results).containsExactly(AppendResult.APPENDED, AppendResult.DUPLICATE);
      assertThat(ledger.balance()).isEqualTo(Points.of(100));
    }

    @Test
    void appendAll_nullEntry_throwsInvalidValueNamingItsIndex() {
      // given
      PointLedger ledger = ledger();
      List<LedgerEntry> batch = new ArrayList<>();
      batch.add(earned("e1", 100, day(0)));
      batch.add(null);

      // when / then
      assertInvalidValue(() -> ledger.appendAll(batch), "ledger", "entries[1]", "null", "a value");
      assertThat(ledger.size()).isZero();
    }

    @Test
    void of_storedEntries_rebuildsAnIdenticalLedger() {
      // given
      PointLedger built = ledger(ALLOW_DEBT);
      built.append(earnedExpiring("e1", 100, day(0), day(10)));
      built.append(redeemed("r1", 40, day(1)));
      built.append(clawedBack("c1", "e1", 100, 0, "100", day(2)));
      built.append(earned("e2", 70, day(3)));

      // when
      PointLedger rebuilt = ledger(ALLOW_DEBT, built.entries().toArray(LedgerEntry[]::new));

      // then
      assertThat(LedgerSnapshot.of(rebuilt)).isEqualTo(LedgerSnapshot.of(built));
      assertThat(rebuilt.debt()).isEqualTo(Points.ZERO);
      assertThat(rebuilt.balance()).isEqualTo(Points.of(30));
    }

    @Test
    void of_corruptStoredEntries_throws() {
      // given
      List<LedgerEntry> stored = List.of(earned("e1", 10, day(0)), redeemed("r1", 11, day(1)));

      // when / then
      assertThatThrownBy(() -> PointLedger.of(MEMBER, CAP_AT_ZERO, stored))
          .isExactlyInstanceOf(InsufficientPointsException.class);
    }

    @Test
    void copy_appendToCopy_leavesOriginalUnchanged() {
      // given
      PointLedger original = ledger(earned("e1", 100, day(0)));
      LedgerSnapshot before = LedgerSnapshot.of(original);

      // when
      PointLedger copy = original.copy();
      copy.append(redeemed("r1", 60, day(1)));

      // then
      assertThat(LedgerSnapshot.of(original)).isEqualTo(before);
      assertThat(copy.balance()).isEqualTo(Points.of(40));
      assertThat(copy.memberId()).isEqualTo(MEMBER);
      assertThat(copy.policy()).isEqualTo(CAP_AT_ZERO);
    }

    @Test
    void empty_blankMemberId_throwsInvalidValue() {
      assertInvalidValue(() -> PointLedger.empty(" ", CAP_AT_ZERO), "ledger", "memberId", "\" \"", "a non-blank string");
    }

    @Test
    void empty_nullPolicy_throwsInvalidValue() {
      assertInvalidValue(() -> PointLedger.empty(MEMBER, null), "ledger", "policy", "null", "a value");
    }
  }

  @Nested
  class Redeeming {

    @Test
    void redeem_moreThanAvailable_throwsInsufficientPoints() {
      // given
      PointLedger ledger = ledger(earned("e1", 100, day(0)));
      LedgerSnapshot before = LedgerSnapshot.of(ledger);

      // when
      InsufficientPointsException e =
          thrownBy(InsufficientPointsException.class, () -> ledger.append(redeemed("r1", 150, day(1))));

      // then
      assertThat(e.memberId()).isEqualTo(MEMBER);
      assertThat(e.requested()).isEqualTo(Points.of(150));
      assertThat(e.available()).isEqualTo(Points.of(100));
      assertThat(e.field()).isEqualTo("points");
      assertThat(e.code()).isEqualTo("insufficient-points");
      assertThat(e).hasMessage("Invalid debit for member m-1: points [150]; expected ≤ 100 available points");
      assertThat(LedgerSnapshot.of(ledger)).isEqualTo(before);
    }

    @Test
    void redeem_exactlyAvailable_leavesNothingAvailable() {
      // given
      PointLedger ledger = ledger(earned("e1", 100, day(0)));

      // when
      ledger.append(redeemed("r1", 100, day(1)));

      // then
      assertThat(ledger.available(day(1))).isEqualTo(Points.ZERO);
      assertThat(ledger.balance()).isEqualTo(Points.ZERO);
    }

    @Test
    void redeem_acrossLots_consumesOldestLotFirst() {
      // given
      PointLedger ledger = ledger(earned("e1", 100, day(0)), earned("e2", 100, day(1)), earned("e3", 100, day(2)));

      // when
      ledger.append(redeemed("r1", 150, day(3)));

      // then
      assertThat(List.of(remaining(ledger, "e1"), remaining(ledger, "e2"), remaining(ledger, "e3")))
          .containsExactly(0L, 50L, 100L);
    }

    @Test
    void redeem_lateArrivingOlderEvent_isConsumedInAppendOrder() {
      // given: e2 happened before e1 but was appended after it
      PointLedger ledger = ledger(earned("e1", 100, day(5)), earned("e2", 100, day(1)));

      // when
      ledger.append(redeemed("r1", 50, day(6)));

      // then
      assertThat(List.of(remaining(ledger, "e1"), remaining(ledger, "e2"))).containsExactly(50L, 100L);
    }

    @Test
    void redeem_olderLotPending_takesFromYoungerReleasedLot() {
      // given
      PointLedger ledger = ledger(earnedPending("e1", 100, day(0), day(10)), earned("e2", 50, day(1)));

      // when
      ledger.append(redeemed("r1", 50, day(2)));

      // then
      assertThat(List.of(remaining(ledger, "e1"), remaining(ledger, "e2"))).containsExactly(100L, 0L);
      assertThatThrownBy(() -> ledger.append(redeemed("r2", 1, day(2))))
          .isExactlyInstanceOf(InsufficientPointsException.class);
    }

    @Test
    void pending_beforePendingUntil_countsInBalanceButIsNotAvailable() {
      // given
      PointLedger ledger = ledger(earnedPending("e1", 100, day(0), day(10)), earned("e2", 50, day(1)));

      // when
      Points available = ledger.available(day(2));
      Points pending = ledger.pending(day(2));

      // then
      assertThat(available).isEqualTo(Points.of(50));
      assertThat(pending).isEqualTo(Points.of(100));
      assertThat(ledger.balance()).isEqualTo(Points.of(150));
    }

    @Test
    void pending_atPendingUntil_becomesAvailable() {
      // given
      PointLedger ledger = ledger(earnedPending("e1", 100, day(0), day(10)));

      // when / then
      assertThat(ledger.available(day(10).minusNanos(1))).isEqualTo(Points.ZERO);
      assertThat(ledger.pending(day(10).minusNanos(1))).isEqualTo(Points.of(100));
      assertThat(ledger.available(day(10))).isEqualTo(Points.of(100));
      assertThat(ledger.pending(day(10))).isEqualTo(Points.ZERO);
    }

    @Test
    void redeem_lotExpiredAtItsInstant_isNotSpendable() {
      // given
      PointLedger ledger = ledger(earnedExpiring("e1", 100, day(0), day(10)), earned("e2", 50, day(1)));

      // when
      InsufficientPointsException e =
          thrownBy(InsufficientPointsException.class, () -> ledger.append(redeemed("r1", 60, day(10))));
      ledger.append(redeemed("r2", 50, day(10)));

      // then
      assertThat(e.available()).isEqualTo(Points.of(50));
      assertThat(ledger.available(day(10).minusNanos(1))).isEqualTo(Points.of(100));
      assertThat(List.of(remaining(ledger, "e1"), remaining(ledger, "e2"))).containsExactly(100L, 0L);
    }
  }

  @Nested
  class Releasing {

    @Test
    void released_beforePendingUntil_makesLotAvailableFromItsInstant() {
      // given
      PointLedger ledger = ledger(earnedPending("e1", 100, day(0), day(30)));

      // when
      ledger.append(released("x1", "e1", day(5)));

      // then
      assertThat(ledger.available(day(5).minusNanos(1))).isEqualTo(Points.ZERO);
      assertThat(ledger.available(day(5))).isEqualTo(Points.of(100));
      assertThat(ledger.lot("e1").orElseThrow().releasedAt()).contains(day(5));
      assertThat(ledger.balance()).isEqualTo(Points.of(100));
    }

    @Test
    void released_unknownLot_throwsUnknownEntry() {
      // given
      PointLedger ledger = ledger(earnedPending("e1", 100, day(0), day(30)));

      // when
      UnknownEntryException e = thrownBy(UnknownEntryException.class, () -> ledger.append(released("x1", "nope", day(5))));

      // then
      assertNames(e, "released entry", "lotKey", "nope", "the key of a held (pending) lot of member m-1");
      assertThat(e.code()).isEqualTo("unknown-entry");
      assertThat(e).hasMessage("Invalid released entry: lotKey [nope]; expected the key of a held (pending) lot of member m-1");
      assertThat(ledger.size()).isEqualTo(1);
    }

    @Test
    void released_lotNeverHeld_throwsUnknownEntry() {
      // given
      PointLedger ledger = ledger(earned("e1", 100, day(0)));

      // when
      UnknownEntryException e = thrownBy(UnknownEntryException.class, () -> ledger.append(released("x1", "e1", day(5))));

      // then
      assertThat(e.field()).isEqualTo("lotKey");
      assertThat(e.value()).isEqualTo("e1");
    }

    @Test
    void released_twice_throwsInvalidValue() {
      // given
      PointLedger ledger = ledger(earnedPending("e1", 100, day(0), day(30)), released("x1", "e1", day(5)));

      // when / then
      assertInvalidValue(() -> ledger.append(released("x2", "e1", day(6))), "released entry", "lotKey", "e1",
          "a lot not released before (it was released at " + day(5) + ")");
      assertThat(ledger.lot("e1").orElseThrow().releasedAt()).contains(day(5));
    }
  }

  @Nested
  class Expiring {

    @Test
    void lotsDueToExpire_atExpiry_listsLotWithItsRemainder() {
      // given
      PointLedger ledger = ledger(earnedExpiring("e1", 100, day(0), day(10)), earned("e2", 10, day(0)), redeemed("r1", 30, day(1)));

      // when
      List<PointLot> before = ledger.lotsDueToExpire(day(10).minusNanos(1));
      List<PointLot> at = ledger.lotsDueToExpire(day(10));

      // then
      assertThat(before).isEmpty();
      assertThat(at).extracting(PointLot::key, PointLot::remaining).containsExactly(tuple("e1", Points.of(70)));
    }

    @Test
    void expire_twiceAsOfSameInstant_expiresNothingTheSecondTime() {
      // given
      PointLedger ledger = ledger(earnedExpiring("e1", 100, day(0), day(10)), redeemed("r1", 30, day(2)));
      List<PointLot> due = ledger.lotsDueToExpire(day(12));
      ledger.append(expired("x-e1@12", due.get(0).key(), due.get(0).remaining().value(), day(12)));
      LedgerSnapshot afterFirstRun = LedgerSnapshot.of(ledger);

      // when
      List<PointLot> dueAgain = ledger.lotsDueToExpire(day(12));
      AppendResult rerun = ledger.append(expired("x-e1@12", "e1", 70, day(12)));

      // then
      assertThat(dueAgain).isEmpty();
      assertThat(rerun).isEqualTo(AppendResult.DUPLICATE);
      assertThat(LedgerSnapshot.of(ledger)).isEqualTo(afterFirstRun);
      assertThat(ledger.balance()).isEqualTo(Points.ZERO);
      assertThat(ledger.lot("e1").orElseThrow().expired()).isEqualTo(Points.of(70));
    }

    @Test
    void expired_beforeLotExpiry_throwsInvalidValue() {
      // given
      PointLedger ledger = ledger(earnedExpiring("e1", 100, day(0), day(10)));

      // when / then
      assertInvalidValue(() -> ledger.append(expired("x1", "e1", 100, day(9))), "expired entry", "occurredAt",
          day(9).toString(), "at or after the lot's expiry " + day(10));
    }

    @Test
    void expired_lotThatNeverExpires_throwsInvalidValue() {
      // given
      PointLedger ledger = ledger(earned("e1", 100, day(0)));

      // when / then
      assertInvalidValue(() -> ledger.append(expired("x1", "e1", 100, day(9))), "expired entry", "occurredAt",
          day(9).toString(), "at or after the lot's expiry (the lot never expires)");
    }

    @Test
    void expired_moreThanRemainder_throwsInvalidValue() {
      // given
      PointLedger ledger = ledger(earnedExpiring("e1", 100, day(0), day(10)), redeemed("r1", 30, day(1)));

      // when / then
      assertInvalidValue(() -> ledger.append(expired("x1", "e1", 71, day(10))), "expired entry", "points", "-71",
          "≥ -70 (the lot's remainder)");
    }

    @Test
    void expired_unknownLot_throwsUnknownEntry() {
      // given
      PointLedger ledger = ledger(earned("e1", 1, day(0)));

      // when
      UnknownEntryException e = thrownBy(UnknownEntryException.class, () -> ledger.append(expired("x1", "e9", 1, day(9))));

      // then
      assertNames(e, "expired entry", "lotKey", "e9", "the key of a lot of member m-1");
    }
  }

  @Nested
  class ClawingBack {

    @Test
    void clawback_fullReturn_reversesExactlyWhatWasEarned() {
      // given
      PointLedger ledger = ledger(earnedWithSpend("e1", 100, "1000", day(0)));
      ClawbackPlan plan = ledger.planClawback("e1", Points.of(100), day(1));

      // when
      ledger.append(clawedBack("c1", "e1", plan.collected().value(), plan.uncollected().value(), "1000", day(1)));

      // then
      assertThat(plan).isEqualTo(new ClawbackPlan(Points.of(100), Points.ZERO));
      assertThat(ledger.balance()).isEqualTo(Points.ZERO);
      assertThat(ledger.reversedPoints("e1")).isEqualTo(Points.of(100));
      assertThat(ledger.reversedPointsOfSource("order-e1")).isEqualTo(ledger.earnedPoints("order-e1"));
      assertThat(ledger.qualifyingSpend(day(0), day(1), TWD)).isEqualTo(twd("0"));
    }

    @Test
    void clawback_moreThanEarned_throwsClawbackExceedsEarned() {
      // given
      PointLedger ledger = ledger(earned("e1", 100, day(0)));
      LedgerSnapshot before = LedgerSnapshot.of(ledger);

      // when
      ClawbackExceedsEarnedException planned =
          thrownBy(ClawbackExceedsEarnedException.class, () -> ledger.planClawback("e1", Points.of(101), day(1)));
      ClawbackExceedsEarnedException appended = thrownBy(ClawbackExceedsEarnedException.class,
          () -> ledger.append(clawedBack("c1", "e1", 101, 0, "0", day(1))));

      // then
      assertThat(planned.earnedKey()).isEqualTo("e1");
      assertThat(planned.requested()).isEqualTo("101");
      assertThat(planned.remaining()).isEqualTo("100");
      assertThat(planned.field()).isEqualTo("points");
      assertThat(planned.code()).isEqualTo("clawback-exceeds-earned");
      assertThat(planned).hasMessage("Invalid clawback of e1: points [101]; expected ≤ 100 still reversible");
      assertThat(appended.earnedKey()).isEqualTo("e1");
      assertThat(LedgerSnapshot.of(ledger)).isEqualTo(before);
    }

    @Test
    void clawback_partialRefundsAddingUpBeyondEarned_rejectsTheLastOne() {
      // given
      PointLedger ledger = ledger(earned("e1", 100, day(0)), clawedBack("c1", "e1", 60, 0, "60", day(1)),
          clawedBack("c2", "e1", 40, 0, "40", day(2)));

      // when
      ClawbackExceedsEarnedException e = thrownBy(ClawbackExceedsEarnedException.class,
          () -> ledger.append(clawedBack("c3", "e1", 1, 0, "0", day(3))));

      // then
      assertThat(e.requested()).isEqualTo("1");
      assertThat(e.remaining()).isEqualTo("0");
      assertThat(ledger.reversedPoints("e1")).isEqualTo(Points.of(100));
    }

    @Test
    void clawback_spendBeyondEarned_throwsClawbackExceedsEarned() {
      // given
      PointLedger ledger = ledger(earnedWithSpend("e1", 10, "100.00", day(0)));

      // when
      ClawbackExceedsEarnedException e = thrownBy(ClawbackExceedsEarnedException.class,
          () -> ledger.append(clawedBack("c1", "e1", 10, 0, "100.01", day(1))));

      // then
      assertThat(e.field()).isEqualTo("spend");
      assertThat(e.requested()).isEqualTo("TWD 100.01");
      assertThat(e.remaining()).isEqualTo("TWD 100.00");
    }

    @Test
    void clawback_lineQuantityBeyondEarnedLine_throwsClawbackExceedsEarned() {
      // given
      PointLedger ledger = ledger(earnedWithLines("e1", day(0), line("A", 2, 60, "600"), line("B", 1, 40, "400")));
      ledger.append(clawedBackLines("c1", "e1", day(1), line("A", 1, 30, "300")));

      // when
      ClawbackExceedsEarnedException e = thrownBy(ClawbackExceedsEarnedException.class,
          () -> ledger.append(clawedBackLines("c2", "e1", day(2), line("A", 2, 30, "300"))));

      // then
      assertThat(e.field()).isEqualTo("lines[0].quantity");
      assertThat(e.requested()).isEqualTo("2");
      assertThat(e.remaining()).isEqualTo("1");
      assertThat(ledger.reversedLines("e1")).containsOnlyKeys("A");
      assertThat(ledger.reversedLines("e1").get("A")).isEqualTo(line("A", 1, 30, "300"));
    }

    @Test
    void clawback_linePointsBeyondEarnedLine_throwsClawbackExceedsEarned() {
      // given
      PointLedger ledger = ledger(earnedWithLines("e1", day(0), line("A", 2, 60, "600"), line("B", 1, 40, "400")));

      // when
      ClawbackExceedsEarnedException e = thrownBy(ClawbackExceedsEarnedException.class,
          () -> ledger.append(clawedBackLines("c1", "e1", day(1), line("B", 1, 0, "0"), line("A", 1, 61, "300"))));

      // then
      assertThat(e.field()).isEqualTo("lines[1].points");
      assertThat(e.requested()).isEqualTo("61");
      assertThat(e.remaining()).isEqualTo("60");
    }

    @Test
    void clawback_lineSpendBeyondEarnedLine_throwsClawbackExceedsEarned() {
      // given
      PointLedger ledger = ledger(earnedWithLines("e1", day(0), line("A", 2, 60, "600"), line("B", 1, 40, "400")));

      // when
      ClawbackExceedsEarnedException e = thrownBy(ClawbackExceedsEarnedException.class,
          () -> ledger.append(clawedBackLines("c1", "e1", day(1), line("A", 1, 30, "600.01"))));

      // then
      assertThat(e.field()).isEqualTo("lines[0].spend");
      assertThat(e.requested()).isEqualTo("TWD 600.01");
      assertThat(e.remaining()).isEqualTo("TWD 600.00");
    }

    @Test
    void clawback_wholeLinesOneByOne_reverseExactlyTheEntry() {
      // given
      PointLedger ledger = ledger(earnedWithLines("e1", day(0), line("A", 2, 60, "600"), line("B", 1, 40, "400")));

      // when
      ledger.append(clawedBackLines("c1", "e1", day(1), line("A", 1, 30, "300")));
      ledger.append(clawedBackLines("c2", "e1", day(2), line("B", 1, 40, "400"), line("A", 1, 30, "300")));

      // then
      assertThat(ledger.reversedPoints("e1")).isEqualTo(Points.of(100));
      assertThat(ledger.reversedLines("e1"))
          .containsEntry("A", line("A", 2, 60, "600"))
          .containsEntry("B", line("B", 1, 40, "400"));
      assertThat(ledger.balance()).isEqualTo(Points.ZERO);
      assertThat(ledger.qualifyingSpend(day(0), day(2), TWD)).isEqualTo(twd("0"));
    }

    @Test
    void clawback_unknownLine_throwsUnknownEntry() {
      // given
      PointLedger ledger = ledger(earnedWithLines("e1", day(0), line("A", 2, 60, "600")));

      // when
      UnknownEntryException e = thrownBy(UnknownEntryException.class,
          () -> ledger.append(clawedBackLines("c1", "e1", day(1), line("Z", 1, 10, "100"))));

      // then
      assertNames(e, "clawed-back entry", "lines[0].lineId", "Z", "a line of earned entry e1");
    }

    @Test
    void clawback_linesForEarnedEntryWithoutLines_throwsInvalidValue() {
      // given
      PointLedger ledger = ledger(earned("e1", 100, day(0)));
      LedgerEntry.ClawedBack withLines = clawedBackLines("c1", "e1", day(1), line("A", 1, 10, "10"));

      // when / then
      assertInvalidValue(() -> ledger.append(withLines), "clawed-back entry", "lines", withLines.lines().toString(),
          "no lines: earned entry e1 has none");
    }

    @Test
    void clawback_unknownEarnedKey_throwsUnknownEntry() {
      // given
      PointLedger ledger = ledger(earned("e1", 100, day(0)), redeemed("r1", 10, day(1)));

      // when
      UnknownEntryException unknown = thrownBy(UnknownEntryException.class,
          () -> ledger.append(clawedBack("c1", "nope", 1, 0, "0", day(2))));
      UnknownEntryException notEarned = thrownBy(UnknownEntryException.class,
          () -> ledger.planClawback("r1", Points.of(1), day(2)));

      // then
      assertNames(unknown, "clawed-back entry", "earnedKey", "nope", "the key of an earned entry of member m-1");
      assertNames(notEarned, "clawback", "earnedKey", "r1", "the key of an earned entry of member m-1");
    }

    @Test
    void planClawback_negativePoints_throwsInvalidValue() {
      // given
      PointLedger ledger = ledger(earned("e1", 100, day(0)));

      // when / then
      assertInvalidValue(() -> ledger.planClawback("e1", Points.of(-1), day(1)), "clawback", "points", "-1", "≥ 0");
    }

    @Test
    void clawback_ownLotEmpty_takesFromOldestOtherLot() {
      // given: r1 took e1's 100 and 50 of e2
      PointLedger ledger = ledger(earned("e1", 100, day(0)), earned("e2", 100, day(1)), earned("e3", 100, day(2)),
          redeemed("r1", 150, day(3)));

      // when: e2's order is returned
      ClawbackPlan plan = ledger.planClawback("e2", Points.of(100), day(4));
      ledger.append(clawedBack("c1", "e2", 100, 0, "100", day(4)));

      // then: 50 from e2's own lot, 50 from e3 (e1 is empty)
      assertThat(plan).isEqualTo(new ClawbackPlan(Points.of(100), Points.ZERO));
      assertThat(List.of(remaining(ledger, "e1"), remaining(ledger, "e2"), remaining(ledger, "e3")))
          .containsExactly(0L, 0L, 50L);
    }

    @Test
    void clawback_afterPointsWereSpent_allowDebt_createsDebtRepaidByNextCredits() {
      // given
      PointLedger ledger = ledger(ALLOW_DEBT, earned("e1", 100, day(0)), redeemed("r1", 100, day(1)));

      // when
      ClawbackPlan plan = ledger.planClawback("e1", Points.of(100), day(2));
      ledger.append(clawedBack("c1", "e1", 100, 0, "100", day(2)));

      // then
      assertThat(plan).isEqualTo(new ClawbackPlan(Points.of(100), Points.ZERO));
      assertThat(ledger.balance()).isEqualTo(Points.of(-100));
      assertThat(ledger.debt()).isEqualTo(Points.of(100));
      assertThat(ledger.available(day(2))).isEqualTo(Points.of(-100));
      ledger.append(earned("e2", 30, day(3)));
      assertThat(ledger.debt()).isEqualTo(Points.of(70));
      assertThat(remaining(ledger, "e2")).isZero();
      InsufficientPointsException e =
          thrownBy(InsufficientPointsException.class, () -> ledger.append(redeemed("r2", 1, day(3))));
      assertThat(e.available()).isEqualTo(Points.ZERO);
      ledger.append(earned("e3", 100, day(4)));
      assertThat(ledger.debt()).isEqualTo(Points.ZERO);
      assertThat(ledger.available(day(4))).isEqualTo(Points.of(30));
      assertThat(ledger.balance()).isEqualTo(Points.of(30));
    }

    @Test
    void clawback_afterPointsWereSpent_capAtZero_recordsTheRestAsUncollected() {
      // given
      PointLedger ledger = ledger(CAP_AT_ZERO, earned("e1", 100, day(0)), redeemed("r1", 100, day(1)), earned("e2", 40, day(2)));

      // when
      ClawbackPlan plan = ledger.planClawback("e1", Points.of(100), day(3));
      ledger.append(clawedBack("c1", "e1", 40, 60, "100", day(3)));

      // then
      assertThat(plan).isEqualTo(new ClawbackPlan(Points.of(40), Points.of(60)));
      assertThat(ledger.balance()).isEqualTo(Points.ZERO);
      assertThat(ledger.debt()).isEqualTo(Points.ZERO);
      assertThat(ledger.available(day(3))).isEqualTo(Points.ZERO);
      assertThat(ledger.reversedPoints("e1")).isEqualTo(Points.of(100));
      assertThat(((LedgerEntry.ClawedBack) ledger.entry("c1").orElseThrow()).uncollected()).isEqualTo(Points.of(60));
    }

    @Test
    void clawback_notAsPlanned_throwsInvalidValue() {
      // given
      PointLedger ledger = ledger(CAP_AT_ZERO, earned("e1", 100, day(0)), redeemed("r1", 100, day(1)), earned("e2", 40, day(2)));

      // when / then
      assertInvalidValue(() -> ledger.append(clawedBack("c1", "e1", 100, 0, "100", day(3))), "clawed-back entry",
          "points/uncollected", "-100/0", "-40/60 as planned by PointLedger.planClawback");
      assertThat(ledger.reversedPoints("e1")).isEqualTo(Points.ZERO);
    }

    @Test
    void clawback_pointsThatAlreadyExpired_areForgiven() {
      // given: 40 of e1 were spent, the other 60 expired
      PointLedger ledger = ledger(ALLOW_DEBT, earnedExpiring("e1", 100, day(0), day(10)), redeemed("r1", 40, day(1)),
          expired("x1", "e1", 60, day(10)), earned("e2", 50, day(11)));

      // when
      ClawbackPlan plan = ledger.planClawback("e1", Points.of(100), day(12));
      ledger.append(clawedBack("c1", "e1", 40, 60, "100", day(12)));

      // then: the 60 expired points are forgiven, the 40 spent ones are deducted from e2
      assertThat(plan).isEqualTo(new ClawbackPlan(Points.of(40), Points.of(60)));
      assertThat(remaining(ledger, "e2")).isEqualTo(10);
      assertThat(ledger.debt()).isEqualTo(Points.ZERO);
      assertThat(ledger.balance()).isEqualTo(Points.of(10));
    }

    @Test
    void clawback_reducesQualifyingSpendOfTheRefundedOrder() {
      // given
      PointLedger ledger = ledger(earnedWithSpend("e1", 100, "1000", day(0)), earnedWithSpend("e2", 50, "500", day(40)));

      // when
      ledger.append(clawedBack("c1", "e1", 40, 0, "400", day(41)));

      // then
      assertThat(ledger.qualifyingSpend(day(0), day(30), TWD)).isEqualTo(twd("600"));
      assertThat(ledger.qualifyingSpend(day(0), day(50), TWD)).isEqualTo(twd("1100"));
    }

    @Test
    void earnedPoints_perSource_addsUpItsEarnedEntries() {
      // given
      PointLedger ledger = ledger(
          earned("e1", "order-1", 100, day(0), Optional.empty(), Optional.empty()),
          earned("e2", "order-2", 10, day(0), Optional.empty(), Optional.empty()),
          earned("e3", "order-1", 20, day(1), Optional.empty(), Optional.empty()),
          clawedBack("c1", "e3", 20, 0, "20", day(2)));

      // when
      List<LedgerEntry.Earned> fromOrder1 = ledger.earnedFrom("order-1");

      // then
      assertThat(fromOrder1).extracting(LedgerEntry::key).containsExactly("e1", "e3");
      assertThat(ledger.earnedPoints("order-1")).isEqualTo(Points.of(120));
      assertThat(ledger.reversedPointsOfSource("order-1")).isEqualTo(Points.of(20));
      assertThat(ledger.earnedFrom("order-9")).isEmpty();
      assertThat(ledger.earnedPoints("order-9")).isEqualTo(Points.ZERO);
    }
  }

  @Nested
  class CancellingRedemptions {

    @Test
    void redemptionCancelled_restoresPointsToTheLotsTheyCameFrom() {
      // given
      PointLedger ledger = ledger(earnedExpiring("e1", 100, day(0), day(30)), earned("e2", 100, day(1)),
          redeemed("r1", 150, day(2)));

      // when
      ledger.append(cancelled("v1", "r1", 150, day(3)));

      // then
      assertThat(List.of(remaining(ledger, "e1"), remaining(ledger, "e2"))).containsExactly(100L, 100L);
      assertThat(ledger.lot("e1").orElseThrow().expiresAt()).contains(day(30));
      assertThat(ledger.balance()).isEqualTo(Points.of(200));
    }

    @Test
    void redemptionCancelled_inParts_givesBackNewestPartFirst() {
      // given: r1 took 100 from e1, then 50 from e2
      PointLedger ledger = ledger(earned("e1", 100, day(0)), earned("e2", 100, day(1)), redeemed("r1", 150, day(2)));

      // when
      ledger.append(cancelled("v1", "r1", 30, day(3)));
      List<Long> afterFirst = List.of(remaining(ledger, "e1"), remaining(ledger, "e2"));
      ledger.append(cancelled("v2", "r1", 40, day(4)));

      // then
      assertThat(afterFirst).containsExactly(0L, 80L);
      assertThat(List.of(remaining(ledger, "e1"), remaining(ledger, "e2"))).containsExactly(20L, 100L);
    }

    @Test
    void redemptionCancelled_moreThanLeftToGiveBack_throwsInvalidValue() {
      // given
      PointLedger ledger = ledger(earned("e1", 200, day(0)), redeemed("r1", 150, day(1)), cancelled("v1", "r1", 70, day(2)));

      // when / then
      assertInvalidValue(() -> ledger.append(cancelled("v2", "r1", 81, day(3))), "redemption-cancelled entry", "points",
          "81", "≤ 80 not yet given back of redemption r1");
    }

    @Test
    void redemptionCancelled_unknownRedemption_throwsUnknownEntry() {
      // given
      PointLedger ledger = ledger(earned("e1", 200, day(0)));

      // when
      UnknownEntryException e = thrownBy(UnknownEntryException.class,
          () -> ledger.append(cancelled("v1", "e1", 10, day(1))));

      // then
      assertNames(e, "redemption-cancelled entry", "redemptionKey", "e1", "the key of a redemption of member m-1");
    }

    @Test
    void redemptionCancelled_whileInDebt_repaysDebtFirst() {
      // given: the earning order was returned after its points were spent
      PointLedger ledger = ledger(ALLOW_DEBT, earned("e1", 100, day(0)), earned("e2", 50, day(0)), redeemed("r1", 150, day(1)),
          clawedBack("c1", "e1", 100, 0, "100", day(2)));
      assertThat(ledger.debt()).isEqualTo(Points.of(100));

      // when: the redemption is cancelled
      ledger.append(cancelled("v1", "r1", 150, day(3)));

      // then
      assertThat(ledger.debt()).isEqualTo(Points.ZERO);
      assertThat(ledger.balance()).isEqualTo(Points.of(50));
      assertThat(ledger.available(day(3))).isEqualTo(Points.of(50));
    }
  }

  @Nested
  class Adjusting {

    @Test
    void adjusted_positive_opensALotWithItsExpiry() {
      // given
      PointLedger ledger = ledger();
      LedgerEntry.Adjusted goodwill = new LedgerEntry.Adjusted("a1", MEMBER, Points.of(25), day(0),
          Provenance.manual("ticket-1", "late delivery"), Optional.of(day(90)));

      // when
      ledger.append(goodwill);

      // then
      PointLot lot = ledger.lot("a1").orElseThrow();
      assertThat(lot.original()).isEqualTo(Points.of(25));
      assertThat(lot.expiresAt()).contains(day(90));
      assertThat(lot.pendingUntil()).isEmpty();
      assertThat(ledger.available(day(0))).isEqualTo(Points.of(25));
    }

    @Test
    void adjusted_negative_takesSpendableLotsFirstThenPendingOnes() {
      // given
      PointLedger ledger = ledger(earnedPending("e1", 100, day(0), day(30)), earned("e2", 50, day(1)));

      // when
      ledger.append(adjusted("a1", -80, day(2)));

      // then
      assertThat(List.of(remaining(ledger, "e1"), remaining(ledger, "e2"))).containsExactly(70L, 0L);
      assertThat(ledger.available(day(2))).isEqualTo(Points.ZERO);
      assertThat(ledger.pending(day(2))).isEqualTo(Points.of(70));
    }

    @Test
    void adjusted_negativeBeyondHoldings_capAtZero_throwsInsufficientPoints() {
      // given
      PointLedger ledger = ledger(CAP_AT_ZERO, earnedExpiring("e1", 100, day(0), day(10)), earned("e2", 10, day(1)));

      // when
      InsufficientPointsException e =
          thrownBy(InsufficientPointsException.class, () -> ledger.append(adjusted("a1", -20, day(11))));

      // then: e1 had expired by day 11
      assertThat(e.requested()).isEqualTo(Points.of(20));
      assertThat(e.available()).isEqualTo(Points.of(10));
      assertThat(ledger.balance()).isEqualTo(Points.of(110));
    }

    @Test
    void adjusted_negativeBeyondHoldings_allowDebt_createsDebt() {
      // given
      PointLedger ledger = ledger(ALLOW_DEBT, earned("e1", 100, day(0)));

      // when
      ledger.append(adjusted("a1", -150, day(1)));

      // then
      assertThat(ledger.debt()).isEqualTo(Points.of(50));
      assertThat(ledger.balance()).isEqualTo(Points.of(-50));
      assertThat(remaining(ledger, "e1")).isZero();
    }
  }

  @Nested
  class Views {

    @Test
    void qualifyingSpend_windowBounds_areInclusive() {
      // given
      PointLedger ledger = ledger(earnedWithSpend("e1", 1, "100", day(0)), earnedWithSpend("e2", 1, "250.50", day(10)));

      // when
      Money inclusive = ledger.qualifyingSpend(day(0), day(10), TWD);
      Money exclusive = ledger.qualifyingSpend(day(0).plusNanos(1), day(10).minusNanos(1), TWD);

      // then
      assertThat(inclusive).isEqualTo(twd("350.50"));
      assertThat(exclusive).isEqualTo(twd("0"));
    }

    @Test
    void qualifyingSpend_emptyLedger_isZeroInTheAskedCurrency() {
      assertThat(ledger().qualifyingSpend(day(0), day(1), Entries.HKD)).isEqualTo(Money.of("0", "HKD"));
    }

    @Test
    void qualifyingSpend_otherCurrency_throwsCurrencyMismatch() {
      // given
      PointLedger ledger = ledger(earned("e1", 100, day(0)));

      // when
      CurrencyMismatchException e =
          thrownBy(CurrencyMismatchException.class, () -> ledger.qualifyingSpend(day(0), day(1), Entries.HKD));

      // then
      assertNames(e, "ledger", "currency", "HKD", "currency TWD");
    }

    @Test
    void entries_history_keepsAppendOrderAndReasonsAndIsUnmodifiable() {
      // given
      PointLedger ledger = ledger(earned("e1", 100, day(0)), redeemed("r1", 10, day(1)));

      // when
      List<LedgerEntry> entries = ledger.entries();

      // then
      assertThat(entries).extracting(LedgerEntry::kind).containsExactly("earned", "redeemed");
      assertThat(entries).extracting(e -> e.provenance().reason())
          .containsExactly("test entry from order-e1", "test entry from checkout-r1");
      assertThatThrownBy(() -> entries.add(earned("e2", 1, day(2)))).isInstanceOf(UnsupportedOperationException.class);
      assertThat(ledger.entry("r1")).contains(redeemed("r1", 10, day(1)));
      assertThat(ledger.entry("zz")).isEmpty();
      assertThat(ledger.contains("e1")).isTrue();
      assertThat(ledger.lot("r1")).isEmpty();
    }

    @Test
    void earned_zeroPoints_recordsSpendWithoutALot() {
      // given
      PointLedger ledger = ledger();

      // when
      ledger.append(earnedWithSpend("e1", 0, "99", day(0)));

      // then
      assertThat(ledger.lots()).isEmpty();
      assertThat(ledger.qualifyingSpend(day(0), day(0), TWD)).isEqualTo(twd("99"));
    }

    @Test
    void toString_namesMemberSizeBalanceAndDebt() {
      assertThat(ledger(earned("e1", 7, day(0))).toString()).isEqualTo("PointLedger[member=m-1, entries=1, balance=7, debt=0]");
    }

    @Test
    void available_nullInstant_throwsInvalidValue() {
      assertInvalidValue(() -> ledger().available((Instant) null), "ledger", "instant", "null", "a value");
    }
  }
}
