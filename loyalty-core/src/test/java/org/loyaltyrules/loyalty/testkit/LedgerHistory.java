package org.loyaltyrules.loyalty.testkit;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.NegativeBalancePolicy;
import org.loyaltyrules.loyalty.PointLedger;

/**
 * A generated sequence of ledger entries for one member that a {@link PointLedger} with the given
 * policy accepts when they are appended in order, starting from an empty ledger. The sequence may
 * contain the same entry more than once (a redelivered event), which the ledger ignores.
 *
 * <p>Because {@link PointLedger} is mutable, properties should take a history and build a fresh
 * ledger from it with {@link #replay()} rather than share ledgers between tries.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param memberId the member all entries belong to
 * @param policy the negative-balance policy the entries were planned for
 * @param currency the currency of all qualifying spend
 * @param entries the entries in append order, possibly with redeliveries
 */
public record LedgerHistory(
    String memberId, NegativeBalancePolicy policy, Currency currency, List<LedgerEntry> entries) {

  /** Copies the entries. */
  public LedgerHistory {
    entries = List.copyOf(entries);
  }

  /**
   * Builds a new ledger by appending every entry in order.
   *
   * @return a fresh ledger holding this history
   */
  public PointLedger replay() {
    return PointLedger.of(memberId, policy, entries);
  }

  /**
   * Builds a new ledger from the first {@code count} entries.
   *
   * @param count how many entries to append, 0 to {@code entries().size()}
   * @return a fresh ledger holding that prefix
   */
  public PointLedger replayPrefix(int count) {
    return PointLedger.of(memberId, policy, entries.subList(0, count));
  }

  /**
   * The latest instant any entry occurred at, or {@link LoyaltyArbitraries#START} for an empty
   * history: a natural "now" for questions asked after the history.
   *
   * @return the latest {@code occurredAt}
   */
  public Instant end() {
    Instant end = LoyaltyArbitraries.START;
    for (LedgerEntry entry : entries) {
      if (entry.occurredAt().isAfter(end)) {
        end = entry.occurredAt();
      }
    }
    return end;
  }
}
