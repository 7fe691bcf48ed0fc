package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.statistics.Statistics;
import org.loyaltyrules.loyalty.testkit.LedgerHistory;
import org.loyaltyrules.loyalty.testkit.LoyaltyArbitraries;

/**
 * A ledger rebuilt from a checkpoint of a random history's prefix plus the rest of the history
 * (the "rows after it") is, as far as every view from the horizon on can tell, the ledger of the
 * whole history: and a checkpoint taken of it equals the one taken of the full ledger, for random
 * split points, horizons and second horizons.
 */
class LedgerCheckpointProperties {

  /** A history split into checkpointed prefix and tail, with the full ledger for comparison. */
  record Split(LedgerHistory history, PointLedger full, LedgerCheckpoint checkpoint, PointLedger rebuilt, Instant end) {}

  @Provide
  Arbitrary<LedgerHistory> histories() {
    // Short histories give trivial splits; the generator's sizes are skewed small.
    return LoyaltyArbitraries.ledgerHistories().filter(h -> h.entries().size() >= 12);
  }

  @Provide
  Arbitrary<Integer> percents() {
    return Arbitraries.integers().between(0, 100).withDistribution(RandomDistribution.uniform());
  }

  /**
   * Checkpoints the first {@code splitPercent} of {@code history}'s entries with a horizon at the
   * instant {@code horizonPercent} of the way through the prefix's instants, and rebuilds
   * from it and the entries after the prefix up to the first one that reaches before the horizon
   * (dated before it, or acting on an entry dated before it: a rebuilt ledger refuses those).
   */
  static Split split(LedgerHistory history, int splitPercent, int horizonPercent) {
    List<LedgerEntry> entries = history.entries();
    int k = entries.size() * splitPercent / 100;
    PointLedger all = history.replay();
    Instant asOf = LoyaltyArbitraries.START;
    Instant lower = LoyaltyArbitraries.START;
    for (LedgerEntry e : entries) {
      lower = min(lower, e.occurredAt()); // late arrivals are backdated
    }
    lower = lower.minus(Duration.ofDays(1));
    for (LedgerEntry e : entries.subList(0, k)) {
      asOf = e.occurredAt().isAfter(asOf) ? e.occurredAt() : asOf;
    }
    // On one of the prefix's instants, so that it falls between entries (histories are dense in time).
    List<Instant> times = new java.util.ArrayList<>(List.of(lower));
    entries.subList(0, k).forEach(e -> times.add(e.occurredAt()));
    java.util.Collections.sort(times);
    Instant horizon = times.get((times.size() - 1) * horizonPercent / 100);
    int n = k;
    Instant end = asOf;
    while (n < entries.size() && !reachesBefore(entries.get(n), horizon, all)) {
      end = entries.get(n).occurredAt().isAfter(end) ? entries.get(n).occurredAt() : end;
      n++;
    }
    LedgerCheckpoint checkpoint = history.replayPrefix(k).checkpoint(asOf, horizon);
    PointLedger rebuilt = PointLedger.fromCheckpoint(checkpoint, entries.subList(k, n));
    return new Split(history, history.replayPrefix(n), checkpoint, rebuilt, end);
  }

  private static boolean reachesBefore(LedgerEntry e, Instant horizon, PointLedger all) {
    String target = e instanceof LedgerEntry.ClawedBack c ? c.earnedKey()
        : e instanceof LedgerEntry.Released r ? r.lotKey()
        : e instanceof LedgerEntry.Expired x ? x.lotKey()
        : e instanceof LedgerEntry.RedemptionCancelled rc ? rc.redemptionKey() : null;
    return e.occurredAt().isBefore(horizon)
        || (target != null && all.entry(target).orElseThrow().occurredAt().isBefore(horizon));
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE, afterFailure = AfterFailureMode.RANDOM_SEED,
      maxDiscardRatio = 20)
  void checkpointOfARebuiltLedgerEqualsTheCheckpointOfTheFullLedger(@ForAll("histories") LedgerHistory history,
      @ForAll("percents") int splitPercent, @ForAll("percents") int horizonPercent,
      @ForAll("percents") int laterHorizonPercent) {
    // given
    Split s = split(history, splitPercent, horizonPercent);
    Instant h1 = s.checkpoint().horizon();
    Instant h2 = h1.plusSeconds(Duration.between(h1, s.end()).getSeconds() * laterHorizonPercent / 100);

    // when
    LedgerCheckpoint fromRebuilt = s.rebuilt().checkpoint(s.end(), h2);
    LedgerCheckpoint fromFull = s.full().checkpoint(s.end(), h2);

    // then
    Statistics.label("first checkpoint dropped entries").collect(s.checkpoint().entries().size() < s.checkpoint().coveredEntries());
    Statistics.label("second checkpoint dropped entries").collect(fromFull.entries().size() < fromFull.coveredEntries());
    assertThat(fromRebuilt).isEqualTo(fromFull);
    assertThat(fromRebuilt.coveredEntries()).isEqualTo(s.full().size()); // redeliveries are not rows
    // and: a ledger rebuilt from that checkpoint alone checkpoints to it again
    assertThat(PointLedger.fromCheckpoint(fromFull, List.of()).checkpoint(s.end(), h2)).isEqualTo(fromFull);
    // and: the tries are not all trivial
    Statistics.label("first checkpoint dropped entries").coverage(c -> c.check(true).percentage(p -> p > 10));
    Statistics.label("second checkpoint dropped entries").coverage(c -> c.check(true).percentage(p -> p > 30));
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE, afterFailure = AfterFailureMode.RANDOM_SEED,
      maxDiscardRatio = 20)
  void rebuiltLedgerAnswersEveryViewFromTheHorizonOnAsTheFullLedger(@ForAll("histories") LedgerHistory history,
      @ForAll("percents") int splitPercent, @ForAll("percents") int horizonPercent) {
    // given
    Split s = split(history, splitPercent, horizonPercent);
    PointLedger full = s.full();
    PointLedger rebuilt = s.rebuilt();
    Instant h = s.checkpoint().horizon();

    // then: balances, lots and time questions at any instant
    assertThat(rebuilt.balance()).isEqualTo(full.balance());
    assertThat(rebuilt.debt()).isEqualTo(full.debt());
    assertThat(rebuilt.rowCount()).isEqualTo(full.size());
    for (Instant t : List.of(LoyaltyArbitraries.START, h, s.end(), s.end().plus(Duration.ofDays(400)))) {
      assertThat(rebuilt.available(t)).as("available at %s", t).isEqualTo(full.available(t));
      assertThat(rebuilt.pending(t)).as("pending at %s", t).isEqualTo(full.pending(t));
      assertThat(rebuilt.lotsDueToExpire(t)).as("due to expire at %s", t).isEqualTo(full.lotsDueToExpire(t));
    }
    assertThat(rebuilt.lots().stream().filter(l -> l.remaining().isPositive()).toList())
        .isEqualTo(full.lots().stream().filter(l -> l.remaining().isPositive()).toList());
    for (PointLot lot : rebuilt.lots()) {
      assertThat(full.lot(lot.key())).contains(lot);
    }
    // and: spend and order points from the horizon on, the first order, every kept entry
    assertThat(rebuilt.qualifyingSpend(h, s.end(), history.currency()))
        .isEqualTo(full.qualifyingSpend(h, s.end(), history.currency()));
    LocalDate day = s.end().atZone(ZoneOffset.UTC).toLocalDate();
    if (!day.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(h)) {
      assertThat(rebuilt.earnedByOrdersOn(day, ZoneOffset.UTC)).isEqualTo(full.earnedByOrdersOn(day, ZoneOffset.UTC));
    }
    assertThat(rebuilt.firstQualifyingOrder()).isEqualTo(full.firstQualifyingOrder());
    for (LedgerEntry entry : rebuilt.entries()) {
      assertThat(full.entry(entry.key())).contains(entry);
      if (entry instanceof LedgerEntry.Earned) {
        assertThat(rebuilt.reversedPoints(entry.key())).isEqualTo(full.reversedPoints(entry.key()));
        assertThat(rebuilt.reversedLines(entry.key())).isEqualTo(full.reversedLines(entry.key()));
      }
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
