package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.Entries.MEMBER;
import static org.loyaltyrules.loyalty.Entries.T0;
import static org.loyaltyrules.loyalty.Entries.TWD;
import static org.loyaltyrules.loyalty.Entries.twd;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.testkit.LedgerInvariants;

/**
 * One member with 100,000 entries. There is deliberately no timing assertion (speed is measured
 * with JMH); the shape is chosen so that any per-append work proportional to the ledger's size
 * (tens of thousands of live lots) would make this test take minutes instead of a fraction of a
 * second, while the assertions prove the result is exact.
 */
class PointLedgerVolumeTest {

  private static final int PAIRS = 50_000;
  private static final long EARN = 100;
  private static final long REDEEM = 30;

  @Test
  void append_hundredThousandEarnAndRedeemEntries_keepsBalanceAndLotsExact() {
    // given
    PointLedger ledger = PointLedger.empty(MEMBER, NegativeBalancePolicy.CAP_AT_ZERO);
    Provenance why = Provenance.manual("volume", "volume test");
    Instant last = T0;

    // when: each minute the member earns 100 and redeems 30, so live lots pile up
    for (int i = 0; i < PAIRS; i++) {
      last = T0.plus(Duration.ofMinutes(i));
      ledger.append(new LedgerEntry.Earned("e" + i, MEMBER, Points.of(EARN), last, why, twd("100"), List.of(), Optional.empty(),
          Optional.empty()));
      ledger.append(new LedgerEntry.Redeemed("r" + i, MEMBER, Points.of(-REDEEM), last, why, twd("3")));
    }

    // then: 1,500,000 points were redeemed oldest first, emptying exactly the first 15,000 lots
    long emptied = PAIRS * REDEEM / EARN;
    assertThat(ledger.size()).isEqualTo(2 * PAIRS);
    assertThat(ledger.balance()).isEqualTo(Points.of(PAIRS * (EARN - REDEEM)));
    assertThat(ledger.available(last)).isEqualTo(ledger.balance());
    assertThat(ledger.debt()).isEqualTo(Points.ZERO);
    List<PointLot> lots = ledger.lots();
    assertThat(lots).hasSize(PAIRS);
    List<Integer> wrong = new ArrayList<>();
    for (int j = 0; j < PAIRS; j++) {
      long expected = j < emptied ? 0 : EARN;
      if (lots.get(j).remaining().value() != expected) {
        wrong.add(j);
      }
    }
    assertThat(wrong).as("lots with an unexpected remainder").isEmpty();
    assertThat(ledger.qualifyingSpend(T0, last, TWD)).isEqualTo(twd("5000000"));
    LedgerInvariants.checkState(ledger);
  }

  @Test
  void of_hundredThousandStoredEntries_rebuildsTheSameLedger() {
    // given
    Provenance why = Provenance.manual("volume", "volume test");
    List<LedgerEntry> stored = new ArrayList<>();
    for (int i = 0; i < PAIRS; i++) {
      Instant at = T0.plus(Duration.ofMinutes(i));
      stored.add(new LedgerEntry.Earned("e" + i, MEMBER, Points.of(EARN), at, why, twd("100"), List.of(), Optional.empty(),
          Optional.of(at.plus(Duration.ofDays(365)))));
      stored.add(new LedgerEntry.Redeemed("r" + i, MEMBER, Points.of(-REDEEM), at, why, twd("3")));
    }

    // when
    PointLedger ledger = PointLedger.of(MEMBER, NegativeBalancePolicy.ALLOW_DEBT, stored);
    PointLedger copy = ledger.copy();

    // then
    assertThat(copy.balance()).isEqualTo(ledger.balance()).isEqualTo(Points.of(PAIRS * (EARN - REDEEM)));
    assertThat(copy.lots()).isEqualTo(ledger.lots());
    // the oldest lot with points left is e15000: the only one due a year after it was credited
    Instant firstLiveExpiry = T0.plus(Duration.ofMinutes(PAIRS * REDEEM / EARN)).plus(Duration.ofDays(365));
    assertThat(ledger.lotsDueToExpire(firstLiveExpiry)).extracting(PointLot::key).containsExactly("e15000");
  }
}
