package org.loyaltyrules.loyalty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a checkpoint saves on a long history: not a test (it asserts nothing and Surefire does not
 * run it) and not a benchmark (JMH is for that). It builds one member's ledger of 100,000 entries
 * over about nine years (an order every 50 minutes earning 10 to 59 points that expire after a
 * year, a redemption after every fourth order, a partial return of every 25th order a week later,
 * monthly expiry runs), takes a checkpoint with the horizon a programme with a 12-month tier window
 * and 30 days' lateness gives, and prints how many entries and lots it keeps, and the time to
 * rebuild the ledger from all rows against the time to rebuild it from the checkpoint and the
 * 1,000 rows after it (median of 15 runs after 5 warm-up runs, System.nanoTime, one thread), and the
 * size of the rows and of the checkpoint in their canonical JSON form.
 *
 * <p>Run from the repository root:
 *
 * <pre>
 * mvn -B -ntp -o -q -pl loyalty-core test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp loyalty-core/target/test-classes:loyalty-core/target/classes:$(cat loyalty-core/target/cp.txt) \
 *     org.loyaltyrules.loyalty.LedgerCheckpointMeasurement
 * </pre>
 */
public final class LedgerCheckpointMeasurement {
  private static final String MEMBER = "m-1";
  private static final Instant T0 = Instant.parse("2017-01-01T00:00:00Z");

  private LedgerCheckpointMeasurement() {}

  public static void main(String[] args) {
    Programme programme = Programme.builder(Entries.TWD, java.time.ZoneId.of("Asia/Taipei"),
        TierLadder.of(Tier.of("member", 0, Money.zero(Entries.TWD), java.time.Period.ofMonths(12)),
            Tier.of("gold", 1, Money.of("30000", "TWD"), java.time.Period.ofMonths(12)))).build();
    List<LedgerEntry> rows = history(101_000);
    List<LedgerEntry> covered = rows.subList(0, 100_000);
    List<LedgerEntry> tail = rows.subList(100_000, rows.size());
    PointLedger full = PointLedger.of(MEMBER, NegativeBalancePolicy.ALLOW_DEBT, covered);
    Instant asOf = covered.stream().map(LedgerEntry::occurredAt).max(Instant::compareTo).orElseThrow();
    Instant horizon = programme.checkpointHorizon(asOf, java.time.Period.ofDays(30));
    LedgerCheckpoint checkpoint = full.checkpoint(asOf, horizon);

    System.out.printf(Locale.ROOT, "history: %d entries from %s to %s, %d lots (%d with points left)%n",
        full.size(), T0, asOf, full.lots().size(), full.lots().stream().filter(l -> l.remaining().isPositive()).count());
    System.out.printf(Locale.ROOT, "checkpoint as of %s, horizon %s: covers %d entries, keeps %d entries (%.1f%%), "
            + "%d lots, %d redemptions, %d lifetime keys%n", asOf, horizon, checkpoint.coveredEntries(),
        checkpoint.entries().size(), 100.0 * checkpoint.entries().size() / checkpoint.coveredEntries(),
        checkpoint.lots().size(), checkpoint.redemptions().size(), checkpoint.lifetimeKeys().size());

    long rowChars = 0;
    for (LedgerEntry entry : covered) {
      rowChars += org.loyaltyrules.loyalty.json.LoyaltyJson.write(entry).length();
    }
    long checkpointChars = org.loyaltyrules.loyalty.json.LoyaltyJson.write(checkpoint).length();
    System.out.printf(Locale.ROOT, "canonical JSON: the 100,000 rows %.1f MB in all, the checkpoint %.1f MB (%.1f%%)%n",
        rowChars / 1e6, checkpointChars / 1e6, 100.0 * checkpointChars / rowChars);

    long[] fromRows = time(() -> PointLedger.of(MEMBER, NegativeBalancePolicy.ALLOW_DEBT, rows).balance());
    long[] fromCheckpoint = time(() -> PointLedger.fromCheckpoint(checkpoint, tail).balance());
    long[] taking = time(() -> full.checkpoint(asOf, horizon).entries().size());
    System.out.printf(Locale.ROOT, "rebuild from all %d rows: median %.1f ms (min %.1f)%n", rows.size(),
        fromRows[0] / 1e6, fromRows[1] / 1e6);
    System.out.printf(Locale.ROOT, "rebuild from the checkpoint + %d rows: median %.1f ms (min %.1f)%n", tail.size(),
        fromCheckpoint[0] / 1e6, fromCheckpoint[1] / 1e6);
    System.out.printf(Locale.ROOT, "take the checkpoint of 100,000 entries: median %.1f ms (min %.1f)%n",
        taking[0] / 1e6, taking[1] / 1e6);
    if (!PointLedger.fromCheckpoint(checkpoint, tail).balance().equals(PointLedger.of(MEMBER,
        NegativeBalancePolicy.ALLOW_DEBT, rows).balance())) {
      throw new IllegalStateException("balances differ");
    }
  }

  /** {median, min} nanoseconds of 15 runs after 5 warm-up runs. */
  private static long[] time(java.util.function.Supplier<Object> work) {
    Object sink = null;
    for (int i = 0; i < 5; i++) {
      sink = work.get();
    }
    long[] runs = new long[15];
    for (int i = 0; i < runs.length; i++) {
      long start = System.nanoTime();
      sink = work.get();
      runs[i] = System.nanoTime() - start;
    }
    if (sink == null) {
      throw new IllegalStateException();
    }
    Arrays.sort(runs);
    return new long[] {runs[runs.length / 2], runs[0]};
  }

  /** {@code size} entries of one member, as described in the class comment, valid in order. */
  static List<LedgerEntry> history(int size) {
    List<LedgerEntry> rows = new ArrayList<>(size);
    PointLedger scratch = PointLedger.empty(MEMBER, NegativeBalancePolicy.ALLOW_DEBT);
    List<LedgerEntry.Earned> toReturn = new ArrayList<>();
    Instant lastExpiryRun = T0;
    int order = 0;
    Instant now = T0;
    while (rows.size() < size) {
      now = now.plus(Duration.ofMinutes(50));
      order++;
      long points = 10 + order % 50;
      LineShare line = new LineShare("l-1", 2, Points.of(points), Money.of(Long.toString(points * 100), "TWD"));
      LedgerEntry.Earned earned = new LedgerEntry.Earned(EntryKey.orderBase("o-" + order).text(), MEMBER,
          Points.of(points), now, new Provenance("o-" + order, "earning: base rate", "rb-1", "base points"),
          line.spend(), List.of(line), Optional.empty(), Optional.of(now.plus(Duration.ofDays(365))));
      add(rows, scratch, earned);
      if (order % 25 == 0) {
        toReturn.add(earned);
      }
      if (order % 4 == 0 && scratch.available(now).value() > 20) {
        add(rows, scratch, new LedgerEntry.Redeemed(EntryKey.redemption("r-" + order).text(), MEMBER, Points.of(-20),
            now, Provenance.manual("r-" + order, "checkout"), Money.of("20", "TWD")));
      }
      if (!toReturn.isEmpty() && toReturn.get(0).occurredAt().plus(Duration.ofDays(7)).isBefore(now)) {
        LedgerEntry.Earned e = toReturn.remove(0);
        LineShare half = new LineShare("l-1", 1, Points.of(e.points().value() / 2),
            Money.of(Long.toString(e.points().value() / 2 * 100), "TWD"));
        ClawbackPlan plan = scratch.planClawback(e.key(), half.points(), now);
        add(rows, scratch, new LedgerEntry.ClawedBack(EntryKey.clawback("ret-" + e.key(), EntryKey.parse(e.key())).text(),
            MEMBER, plan.collected().negated(), now, Provenance.manual("ret-" + e.key(), "return"), e.key(),
            plan.uncollected(), half.spend(), List.of(half)));
      }
      if (Duration.between(lastExpiryRun, now).toDays() >= 30) {
        lastExpiryRun = now;
        for (PointLot lot : scratch.lotsDueToExpire(now)) {
          add(rows, scratch, new LedgerEntry.Expired(EntryKey.expiry(EntryKey.parse(lot.key()), now).text(), MEMBER,
              lot.remaining().negated(), now, Provenance.manual("expiry-" + now, "expiry run"), lot.key()));
        }
      }
    }
    return new ArrayList<>(rows.subList(0, size));
  }

  private static void add(List<LedgerEntry> rows, PointLedger scratch, LedgerEntry entry) {
    scratch.append(entry);
    rows.add(entry);
  }
}
