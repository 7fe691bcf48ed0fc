package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.loyaltyrules.loyalty.PointLedger.AppendResult;
import org.loyaltyrules.loyalty.testkit.LedgerHistory;
import org.loyaltyrules.loyalty.testkit.LedgerInvariants;
import org.loyaltyrules.loyalty.testkit.LedgerSnapshot;
import org.loyaltyrules.loyalty.testkit.LoyaltyArbitraries;

/**
 * Properties of {@link PointLedger} over generated histories of earnings (held, expiring, per line,
 * late), releases, redemptions, expiry runs, clawbacks, cancellations, adjustments and redeliveries,
 * under both negative-balance policies.
 */
class PointLedgerProperties {

  @Provide
  Arbitrary<LedgerHistory> histories() {
    return LoyaltyArbitraries.ledgerHistories();
  }

  @Property
  void balanceIsTheSumOfEntryPoints(@ForAll("histories") LedgerHistory history) {
    // given
    PointLedger ledger = history.replay();

    // when
    long sum = ledger.entries().stream().mapToLong(e -> e.points().value()).sum();

    // then
    assertThat(ledger.balance().value()).isEqualTo(sum);
  }

  @Property
  void balanceIsLotRemaindersLessDebt(@ForAll("histories") LedgerHistory history) {
    // given
    PointLedger ledger = history.replay();

    // when
    long remaining = ledger.lots().stream().mapToLong(l -> l.remaining().value()).sum();

    // then
    assertThat(ledger.balance().value()).isEqualTo(remaining - ledger.debt().value());
  }

  @Property
  void availableIsNeverNegativeUnlessDebtIsAllowed(@ForAll("histories") LedgerHistory history) {
    // given
    PointLedger ledger = history.replay();

    // when / then
    for (Instant t : LedgerSnapshot.probeInstants(ledger)) {
      if (ledger.policy() == NegativeBalancePolicy.CAP_AT_ZERO) {
        assertThat(ledger.available(t).value()).as("available(%s)", t).isNotNegative();
      }
      long spendable = ledger.lots().stream().filter(l -> l.isAvailableAt(t)).mapToLong(l -> l.remaining().value()).sum();
      assertThat(ledger.available(t).value()).as("available(%s)", t).isEqualTo(spendable - ledger.debt().value());
    }
    assertThat(ledger.debt().value()).isNotNegative();
    if (ledger.policy() == NegativeBalancePolicy.CAP_AT_ZERO) {
      assertThat(ledger.debt()).isEqualTo(Points.ZERO);
    }
  }

  @Property
  void lotsAreNeverOverConsumed(@ForAll("histories") LedgerHistory history) {
    // given
    PointLedger ledger = history.replay();

    // when / then
    for (PointLot lot : ledger.lots()) {
      assertThat(lot.remaining().value()).as("remaining of %s", lot.key()).isBetween(0L, lot.original().value());
      assertThat(lot.remaining().value() + lot.expired().value()).as("remaining + expired of %s", lot.key())
          .isLessThanOrEqualTo(lot.original().value());
    }
  }

  /**
   * Replays the history and, for every debit, checks that the lots it took from are exactly what
   * taking the same total oldest first would give: its own lot first for a clawback, then spendable
   * lots in append order, then (for clawbacks and adjustments) pending ones.
   */
  @Property
  void debitsTakeFromTheOldestSpendableLotsFirst(@ForAll("histories") LedgerHistory history) {
    // given
    PointLedger ledger = PointLedger.empty(history.memberId(), history.policy());
    for (LedgerEntry entry : history.entries()) {
      List<PointLot> before = ledger.lots();

      // when
      AppendResult result = ledger.append(entry);
      List<PointLot> after = ledger.lots();

      // then
      boolean debit = entry instanceof LedgerEntry.Redeemed
          || entry instanceof LedgerEntry.ClawedBack
          || entry instanceof LedgerEntry.Adjusted && entry.points().isNegative();
      if (result == AppendResult.APPENDED && debit) {
        assertThat(remainders(after)).as("lots after %s", entry.key()).isEqualTo(fifo(entry, before));
      }
    }
  }

  /** What the lots hold after {@code entry} takes, oldest first, the total the ledger says it took. */
  private static List<Long> fifo(LedgerEntry entry, List<PointLot> before) {
    Instant t = entry.occurredAt();
    String own = entry instanceof LedgerEntry.ClawedBack clawedBack ? clawedBack.earnedKey() : null;
    List<Long> expected = remainders(before);
    long fromOthers = -entry.points().value();
    if (own != null) {
      LedgerEntry.ClawedBack clawedBack = (LedgerEntry.ClawedBack) entry;
      for (int i = 0; i < before.size(); i++) {
        if (before.get(i).key().equals(own)) {
          long fromOwn = Math.min(clawedBack.reversedPoints().value(), before.get(i).remaining().value());
          expected.set(i, expected.get(i) - fromOwn);
          fromOthers -= fromOwn;
        }
      }
    }
    boolean redemption = entry instanceof LedgerEntry.Redeemed;
    for (int pass = 0; pass < (redemption ? 1 : 2); pass++) {
      for (int i = 0; i < before.size() && fromOthers > 0; i++) {
        PointLot lot = before.get(i);
        boolean spendable = lot.isAvailableAt(t);
        if (lot.key().equals(own) || lot.isExpiredAt(t) || spendable != (pass == 0)) {
          continue;
        }
        long take = Math.min(fromOthers, expected.get(i));
        expected.set(i, expected.get(i) - take);
        fromOthers -= take;
      }
    }
    // Whatever is left became debt (allowed only there) or, for a clawback under CAP_AT_ZERO, was
    // already excluded from the entry's points as uncollected.
    return expected;
  }

  private static List<Long> remainders(List<PointLot> lots) {
    List<Long> result = new ArrayList<>();
    for (PointLot lot : lots) {
      result.add(lot.remaining().value());
    }
    return result;
  }

  @Property
  void appendingAnyPrefixAgainChangesNothing(
      @ForAll("histories") LedgerHistory history, @ForAll @IntRange(min = 0, max = 1000) int cut) {
    // given
    PointLedger ledger = history.replay();
    LedgerSnapshot before = LedgerSnapshot.of(ledger);
    List<LedgerEntry> prefix = history.entries().subList(0, cut % (history.entries().size() + 1));

    // when
    List<AppendResult> batch = ledger.appendAll(prefix);
    List<AppendResult> oneByOne = new ArrayList<>();
    for (LedgerEntry entry : prefix) {
      oneByOne.add(ledger.append(entry));
    }

    // then
    assertThat(batch).hasSize(prefix.size()).allMatch(r -> r == AppendResult.DUPLICATE);
    assertThat(oneByOne).hasSize(prefix.size()).allMatch(r -> r == AppendResult.DUPLICATE);
    assertThat(LedgerSnapshot.of(ledger)).isEqualTo(before);
  }

  @Property
  void replayingTheEntriesGivesAnIdenticalLedger(@ForAll("histories") LedgerHistory history) {
    // given
    PointLedger ledger = history.replay();

    // when
    PointLedger replayed = PointLedger.of(ledger.memberId(), ledger.policy(), ledger.entries());
    PointLedger copied = ledger.copy();

    // then
    assertThat(LedgerSnapshot.of(replayed)).isEqualTo(LedgerSnapshot.of(ledger));
    assertThat(LedgerSnapshot.of(copied)).isEqualTo(LedgerSnapshot.of(ledger));
  }

  @Property
  void clawbackNeverExceedsEarnedPerEntryLineOrSource(@ForAll("histories") LedgerHistory history) {
    // given
    PointLedger ledger = history.replay();
    Map<String, LedgerEntry.Earned> earned = new HashMap<>();
    Map<String, Long> reversedByKey = new HashMap<>();
    for (LedgerEntry entry : ledger.entries()) {
      if (entry instanceof LedgerEntry.Earned e) {
        earned.put(e.key(), e);
      } else if (entry instanceof LedgerEntry.ClawedBack c) {
        reversedByKey.merge(c.earnedKey(), c.reversedPoints().value(), Long::sum);
      }
    }

    // when / then
    for (LedgerEntry.Earned e : earned.values()) {
      assertThat(ledger.reversedPoints(e.key()).value()).as("reversed of %s", e.key())
          .isEqualTo(reversedByKey.getOrDefault(e.key(), 0L))
          .isLessThanOrEqualTo(e.points().value());
      for (LineShare line : e.lines()) {
        LineShare reversed = ledger.reversedLines(e.key()).get(line.lineId());
        if (reversed != null) {
          assertThat(reversed.quantity()).isLessThanOrEqualTo(line.quantity());
          assertThat(reversed.points()).isLessThanOrEqualTo(line.points());
          assertThat(reversed.spend().amount()).isLessThanOrEqualTo(line.spend().amount());
        }
      }
      String source = e.provenance().sourceEventId();
      assertThat(ledger.reversedPointsOfSource(source)).as("reversed of source %s", source)
          .isLessThanOrEqualTo(ledger.earnedPoints(source));
    }
  }

  @Property
  void returningEverythingClawsBackExactlyWhatWasEarned(@ForAll("histories") LedgerHistory history) {
    // given
    PointLedger ledger = history.replay();
    Instant at = history.end().plus(Duration.ofDays(1));
    List<LedgerEntry.Earned> earnedEntries = new ArrayList<>();
    Map<String, BigDecimal> spendLeft = new HashMap<>();
    for (LedgerEntry entry : ledger.entries()) {
      if (entry instanceof LedgerEntry.Earned e) {
        earnedEntries.add(e);
        spendLeft.put(e.key(), e.spend().amount());
      } else if (entry instanceof LedgerEntry.ClawedBack c) {
        spendLeft.merge(c.earnedKey(), c.spend().amount().negate(), BigDecimal::add);
      }
    }

    // when
    int n = 0;
    for (LedgerEntry.Earned e : earnedEntries) {
      Points left = e.points().minus(ledger.reversedPoints(e.key()));
      assertThatThrownBy(() -> ledger.planClawback(e.key(), left.plus(Points.of(1)), at))
          .isExactlyInstanceOf(ClawbackExceedsEarnedException.class);
      ClawbackPlan plan = ledger.planClawback(e.key(), left, at);
      assertThat(plan.collected().plus(plan.uncollected())).isEqualTo(left);
      ledger.append(new LedgerEntry.ClawedBack("full-return-" + n++, ledger.memberId(), plan.collected().negated(), at,
          Provenance.manual("return-all", "everything returned"), e.key(), plan.uncollected(),
          Money.of(spendLeft.get(e.key()), e.spend().currency()), List.of()));
    }

    // then
    for (LedgerEntry.Earned e : earnedEntries) {
      assertThat(ledger.reversedPoints(e.key())).isEqualTo(e.points());
      String source = e.provenance().sourceEventId();
      assertThat(ledger.reversedPointsOfSource(source)).isEqualTo(ledger.earnedPoints(source));
    }
    assertThat(ledger.qualifyingSpend(Instant.MIN, Instant.MAX, history.currency()).isZero()).isTrue();
    LedgerInvariants.checkState(ledger);
  }

  @Property
  void expiringTwiceAsOfTheSameInstantExpiresNothingTheSecondTime(
      @ForAll("histories") LedgerHistory history, @ForAll @IntRange(min = 0, max = 24 * 120) int hoursAfterStart) {
    // given
    PointLedger ledger = history.replay();
    Instant asOf = LoyaltyArbitraries.START.plus(Duration.ofHours(hoursAfterStart));
    List<LedgerEntry> run = new ArrayList<>();
    long due = 0;
    for (PointLot lot : ledger.lotsDueToExpire(asOf)) {
      run.add(new LedgerEntry.Expired("expiry@" + asOf + ":" + lot.key(), ledger.memberId(), lot.remaining().negated(), asOf,
          Provenance.manual("expiry-run", "expiry run"), lot.key()));
      due += lot.remaining().value();
    }
    Points balance = ledger.balance();

    // when
    ledger.appendAll(run);
    LedgerSnapshot afterFirstRun = LedgerSnapshot.of(ledger);
    List<PointLot> dueAgain = ledger.lotsDueToExpire(asOf);
    List<AppendResult> again = ledger.appendAll(run);

    // then
    assertThat(ledger.balance()).isEqualTo(balance.minus(Points.of(due)));
    assertThat(dueAgain).isEmpty();
    assertThat(again).hasSize(run.size()).allMatch(r -> r == AppendResult.DUPLICATE);
    assertThat(LedgerSnapshot.of(ledger)).isEqualTo(afterFirstRun);
    assertThat(ledger.available(asOf).value()).isEqualTo(
        ledger.lots().stream().filter(l -> l.isAvailableAt(asOf)).mapToLong(l -> l.remaining().value()).sum() - ledger.debt().value());
  }

  @Property
  void appendAllIsAllOrNothing(
      @ForAll("histories") LedgerHistory history, @ForAll @IntRange(min = 0, max = 1000) int cut) {
    // given: a ledger of a prefix, and the rest of the history followed by an overspend
    int k = cut % (history.entries().size() + 1);
    PointLedger ledger = history.replayPrefix(k);
    LedgerSnapshot before = LedgerSnapshot.of(ledger);
    PointLedger full = history.replay();
    Instant at = history.end();
    long tooMuch = Math.max(0, full.available(at).value()) + 1;
    List<LedgerEntry> batch = new ArrayList<>(history.entries().subList(k, history.entries().size()));
    batch.add(new LedgerEntry.Redeemed("overspend", history.memberId(), Points.of(-tooMuch), at,
        Provenance.manual("checkout", "too much"), Money.zero(history.currency())));

    // when
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> ledger.appendAll(batch));

    // then
    assertThat(thrown).isExactlyInstanceOf(InsufficientPointsException.class);
    assertThat(((InsufficientPointsException) thrown).requested()).isEqualTo(Points.of(tooMuch));
    assertThat(LedgerSnapshot.of(ledger)).isEqualTo(before);
  }

  @Property(tries = 300)
  void everyLedgerInvariantHolds(@ForAll("histories") LedgerHistory history) {
    LedgerInvariants.check(history.replay());
  }
}
