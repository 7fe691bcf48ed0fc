package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.loyaltyrules.loyalty.Entries.MEMBER;
import static org.loyaltyrules.loyalty.Entries.clawedBack;
import static org.loyaltyrules.loyalty.Entries.day;
import static org.loyaltyrules.loyalty.Entries.earned;
import static org.loyaltyrules.loyalty.Entries.redeemed;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.testkit.LedgerInvariants;

/**
 * The incremental ledger checker the stateful properties run after every action: it must fail
 * where a fresh replay would, though it replays only what is new.
 */
class LedgerInvariantsIncrementalTest {

  @Test
  void check_growingValidLedger_passesAtEveryStep() {
    // given
    LedgerInvariants.Incremental checker = LedgerInvariants.incremental();
    PointLedger ledger = PointLedger.empty(MEMBER, NegativeBalancePolicy.CAP_AT_ZERO);
    List<LedgerEntry> entries = List.of(earned("e1", 100, day(0)), redeemed("r1", 40, day(1)), earned("e2", 50, day(2)),
        clawedBack("c1", "e1", 100, 0, "0", day(3)));

    // when
    Throwable thrown = catchThrowable(() -> {
      checker.check(ledger);
      for (LedgerEntry entry : entries) {
        ledger.append(entry);
        checker.check(ledger);
        checker.check(ledger); // unchanged: the second check has nothing new
      }
    });

    // then
    assertThat(thrown).isNull();
    assertThat(ledger.balance().value()).isEqualTo(10);
  }

  @Test
  void check_earlierEntryDifferentSinceLastCheck_failsEntriesAreAppendOnly() {
    // given
    LedgerInvariants.Incremental checker = LedgerInvariants.incremental();
    checker.check(PointLedger.of(MEMBER, NegativeBalancePolicy.CAP_AT_ZERO, List.of(earned("e1", 100, day(0)))));
    PointLedger rewritten = PointLedger.of(MEMBER, NegativeBalancePolicy.CAP_AT_ZERO,
        List.of(earned("e1", 90, day(0)), earned("e2", 10, day(1))));

    // when
    Throwable thrown = catchThrowable(() -> checker.check(rewritten));

    // then
    assertThat(thrown).isInstanceOf(AssertionError.class).hasMessageContaining("entries-are-append-only");
  }

  @Test
  void check_newEntryTheReplayRefuses_failsReplayIsIdentical() {
    // given: the replay follows ALLOW_DEBT, where a clawback of spent points is collected as debt;
    // the next ledger forgave it under CAP_AT_ZERO, which a replay of the entries cannot give
    LedgerInvariants.Incremental checker = LedgerInvariants.incremental();
    List<LedgerEntry> spent = List.of(earned("e1", 100, day(0)), redeemed("r1", 100, day(1)));
    checker.check(PointLedger.of(MEMBER, NegativeBalancePolicy.ALLOW_DEBT, spent));
    PointLedger forgiven = PointLedger.of(MEMBER, NegativeBalancePolicy.CAP_AT_ZERO, spent);
    forgiven.append(clawedBack("c1", "e1", 0, 100, "0", day(2)));

    // when
    Throwable thrown = catchThrowable(() -> checker.check(forgiven));

    // then
    assertThat(thrown).isInstanceOf(AssertionError.class).hasMessageContaining("replay-is-identical");
  }
}
