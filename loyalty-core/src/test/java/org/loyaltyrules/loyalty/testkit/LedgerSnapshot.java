package org.loyaltyrules.loyalty.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.NegativeBalancePolicy;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.PointLot;
import org.loyaltyrules.loyalty.Points;

/**
 * Everything a {@link PointLedger} shows through its public API, captured as one comparable value.
 * Two ledgers with equal snapshots cannot be told apart by a caller.
 *
 * <p>Use it to prove that a failed append left a ledger unchanged, or that two ways of building a
 * ledger agree:
 *
 * <pre>{@code
 * LedgerSnapshot before = LedgerSnapshot.of(ledger);
 * assertThatThrownBy(() -> ledger.append(overspend)).isInstanceOf(InsufficientPointsException.class);
 * assertThat(LedgerSnapshot.of(ledger)).isEqualTo(before);
 * }</pre>
 *
 * <p>The time-dependent views ({@link PointLedger#available}, {@link PointLedger#pending}) are
 * sampled at {@linkplain #probeInstants(PointLedger) probe instants}: every instant the ledger's
 * entries and lots mention and the nanosecond before it, thinned out evenly to at most {@value
 * #MAX_PROBES} for large ledgers. Building a snapshot costs O(entries + lots × probes).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param memberId the ledger's member
 * @param policy the ledger's negative-balance policy
 * @param entries the entries in append order
 * @param balance the balance
 * @param debt the debt
 * @param lots every lot in credit order
 * @param available available points at each probe instant
 * @param pending pending points at each probe instant
 * @param reversedPoints points clawed back so far, per earned-entry key
 * @param reversedLines per-line reversals, per earned-entry key (only keys with line reversals)
 * @param earnedPointsBySource points earned, per source event id
 * @param reversedPointsBySource points clawed back, per source event id
 * @param qualifyingSpend net qualifying spend over all time, when the ledger has any earned entry
 */
public record LedgerSnapshot(
    String memberId,
    NegativeBalancePolicy policy,
    List<LedgerEntry> entries,
    Points balance,
    Points debt,
    List<PointLot> lots,
    SortedMap<Instant, Points> available,
    SortedMap<Instant, Points> pending,
    Map<String, Points> reversedPoints,
    Map<String, Map<String, LineShare>> reversedLines,
    Map<String, Points> earnedPointsBySource,
    Map<String, Points> reversedPointsBySource,
    Optional<Money> qualifyingSpend) {

  /** The most instants at which the time-dependent views are sampled. */
  public static final int MAX_PROBES = 64;

  /** Copies every component into an unmodifiable collection. */
  public LedgerSnapshot {
    entries = List.copyOf(entries);
    lots = List.copyOf(lots);
    available = Collections.unmodifiableSortedMap(new TreeMap<>(available));
    pending = Collections.unmodifiableSortedMap(new TreeMap<>(pending));
    reversedPoints = Collections.unmodifiableMap(new TreeMap<>(reversedPoints));
    reversedLines = Collections.unmodifiableMap(new TreeMap<>(reversedLines));
    earnedPointsBySource = Collections.unmodifiableMap(new TreeMap<>(earnedPointsBySource));
    reversedPointsBySource = Collections.unmodifiableMap(new TreeMap<>(reversedPointsBySource));
  }

  /**
   * Captures what the ledger shows now. The ledger is only read.
   *
   * @param ledger the ledger
   * @return its snapshot
   */
  public static LedgerSnapshot of(PointLedger ledger) {
    SortedMap<Instant, Points> available = new TreeMap<>();
    SortedMap<Instant, Points> pending = new TreeMap<>();
    for (Instant probe : probeInstants(ledger)) {
      available.put(probe, ledger.available(probe));
      pending.put(probe, ledger.pending(probe));
    }
    Map<String, Points> reversedPoints = new TreeMap<>();
    Map<String, Map<String, LineShare>> reversedLines = new TreeMap<>();
    Map<String, Points> earnedBySource = new TreeMap<>();
    Map<String, Points> reversedBySource = new TreeMap<>();
    Currency spendCurrency = null;
    for (LedgerEntry entry : ledger.entries()) {
      if (entry instanceof LedgerEntry.Earned earned) {
        spendCurrency = spendCurrency == null ? earned.spend().currency() : spendCurrency;
        reversedPoints.put(earned.key(), ledger.reversedPoints(earned.key()));
        Map<String, LineShare> lines = ledger.reversedLines(earned.key());
        if (!lines.isEmpty()) {
          reversedLines.put(earned.key(), new LinkedHashMap<>(lines));
        }
        String source = earned.provenance().sourceEventId();
        earnedBySource.put(source, ledger.earnedPoints(source));
        reversedBySource.put(source, ledger.reversedPointsOfSource(source));
      }
    }
    Optional<Money> spend =
        spendCurrency == null
            ? Optional.empty()
            : Optional.of(ledger.qualifyingSpend(Instant.MIN, Instant.MAX, spendCurrency));
    return new LedgerSnapshot(
        ledger.memberId(),
        ledger.policy(),
        new ArrayList<>(ledger.entries()),
        ledger.balance(),
        ledger.debt(),
        ledger.lots(),
        available,
        pending,
        reversedPoints,
        reversedLines,
        earnedBySource,
        reversedBySource,
        spend);
  }

  /**
   * The instants at which {@link #of} samples the time-dependent views: every entry's
   * {@code occurredAt}, every lot's pending, release and expiry instant, the nanosecond before each,
   * and the earliest and latest representable instants; evenly thinned to at most {@value
   * #MAX_PROBES}, always keeping the first and the last.
   *
   * @param ledger the ledger
   * @return the probe instants, ascending
   */
  public static SortedSet<Instant> probeInstants(PointLedger ledger) {
    TreeSet<Instant> all = new TreeSet<>();
    all.add(Instant.MIN);
    all.add(Instant.MAX);
    for (LedgerEntry entry : ledger.entries()) {
      addWithPredecessor(all, entry.occurredAt());
    }
    for (PointLot lot : ledger.lots()) {
      lot.pendingUntil().ifPresent(t -> addWithPredecessor(all, t));
      lot.releasedAt().ifPresent(t -> addWithPredecessor(all, t));
      lot.expiresAt().ifPresent(t -> addWithPredecessor(all, t));
    }
    if (all.size() <= MAX_PROBES) {
      return all;
    }
    List<Instant> sorted = new ArrayList<>(all);
    TreeSet<Instant> thinned = new TreeSet<>();
    for (int i = 0; i < MAX_PROBES; i++) {
      thinned.add(sorted.get((int) ((long) i * (sorted.size() - 1) / (MAX_PROBES - 1))));
    }
    return thinned;
  }

  private static void addWithPredecessor(TreeSet<Instant> set, Instant instant) {
    set.add(instant);
    if (instant.isAfter(Instant.MIN)) {
      set.add(instant.minusNanos(1));
    }
  }
}
