package org.loyaltyrules.loyalty;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What clawbacks have reversed of each earned entry so far: points, spend, and per line quantity,
 * points and spend. Refuses a clawback that would reverse more than the earned entry recorded, in
 * total or on any line, across any number of partial refunds. Changes are journalled in the
 * ledger's {@link UndoLog}. Not thread-safe, like the {@link PointLedger} it serves.
 */
final class ReversalBook {
  private final UndoLog undo;
  private final Map<String, Reversal> reversals = new HashMap<>();

  ReversalBook(UndoLog undo) {
    this.undo = undo;
  }

  /**
   * Refuses a clawback that would reverse more spend, quantity or line points or spend than
   * {@code earned} has left.
   */
  void check(LedgerEntry.Earned earned, LedgerEntry.ClawedBack e) {
    Reversal reversal = reversals.computeIfAbsent(e.earnedKey(), k -> new Reversal());
    checkLines(earned, reversal, e);
    BigDecimal spendLeft = earned.spend().amount().subtract(reversal.spend);
    if (e.spend().amount().compareTo(spendLeft) > 0) {
      throw new ClawbackExceedsEarnedException(e.earnedKey(), "spend", e.spend(), Money.of(spendLeft, e.spend().currency()));
    }
  }

  /** Adds a checked clawback to its earned entry's totals. */
  void record(LedgerEntry.ClawedBack e) {
    Reversal reversal = reversals.computeIfAbsent(e.earnedKey(), k -> new Reversal());
    long points = e.reversedPoints().value();
    BigDecimal spend = e.spend().amount();
    reversal.points += points;
    reversal.spend = reversal.spend.add(spend);
    Map<String, long[]> lineBefore = new HashMap<>();
    for (LineShare share : e.lines()) {
      long[] acc = reversal.lines.computeIfAbsent(share.lineId(), k -> new long[2]);
      lineBefore.put(share.lineId(), acc.clone());
      acc[0] += share.quantity();
      acc[1] += share.points().value();
      reversal.lineSpend.merge(share.lineId(), share.spend().amount(), BigDecimal::add);
    }
    undo.add(() -> {
      reversal.points -= points;
      reversal.spend = reversal.spend.subtract(spend);
      for (LineShare share : e.lines()) {
        reversal.lines.put(share.lineId(), lineBefore.get(share.lineId()));
        reversal.lineSpend.merge(share.lineId(), share.spend().amount().negate(), BigDecimal::add);
      }
    });
  }

  /** @return the points clawed back so far from the earned entry {@code earnedKey} */
  long points(String earnedKey) {
    Reversal reversal = reversals.get(earnedKey);
    return reversal == null ? 0 : reversal.points;
  }

  /**
   * @param earnedKey the key of an earned entry
   * @param spendCurrency the ledger's spend currency, or null when it has no spend yet
   * @return line id to the cumulative reversed share, for lines with any reversal
   */
  Map<String, LineShare> lines(String earnedKey, Currency spendCurrency) {
    Reversal reversal = reversals.get(earnedKey);
    Map<String, LineShare> result = new LinkedHashMap<>();
    if (reversal == null || spendCurrency == null) {
      return result;
    }
    for (Map.Entry<String, long[]> line : reversal.lines.entrySet()) {
      long[] acc = line.getValue();
      if (acc[0] > 0) {
        result.put(line.getKey(), new LineShare(line.getKey(), (int) acc[0], Points.of(acc[1]),
            Money.of(reversal.lineSpend.getOrDefault(line.getKey(), BigDecimal.ZERO), spendCurrency)));
      }
    }
    return result;
  }

  private static void checkLines(LedgerEntry.Earned earned, Reversal reversal, LedgerEntry.ClawedBack e) {
    if (earned.lines().isEmpty()) {
      if (!(e.lines().isEmpty())) {
        throw new InvalidValueException("clawed-back entry", "lines", e.lines(), "no lines: earned entry " + earned.key() + " has none");
      }
      return;
    }
    for (int i = 0; i < e.lines().size(); i++) {
      LineShare share = e.lines().get(i);
      LineShare original = null;
      for (LineShare candidate : earned.lines()) {
        if (candidate.lineId().equals(share.lineId())) {
          original = candidate;
        }
      }
      if (original == null) {
        throw new UnknownEntryException("clawed-back entry", "lines[" + i + "].lineId", share.lineId(), "a line of earned entry " + earned.key());
      }
      long[] acc = reversal.lines.getOrDefault(share.lineId(), new long[2]);
      if (acc[0] + share.quantity() > original.quantity()) {
        throw new ClawbackExceedsEarnedException(earned.key(), "lines[" + i + "].quantity", share.quantity(), original.quantity() - acc[0]);
      }
      // Compared as a difference: acc[1] + points could pass Long.MAX_VALUE and wrap.
      if (share.points().value() > original.points().value() - acc[1]) {
        throw new ClawbackExceedsEarnedException(earned.key(), "lines[" + i + "].points", share.points(), original.points().value() - acc[1]);
      }
      BigDecimal spent = reversal.lineSpend.getOrDefault(share.lineId(), BigDecimal.ZERO);
      if (spent.add(share.spend().amount()).compareTo(original.spend().amount()) > 0) {
        throw new ClawbackExceedsEarnedException(earned.key(), "lines[" + i + "].spend", share.spend(),
            Money.of(original.spend().amount().subtract(spent), original.spend().currency()));
      }
    }
  }

  /** Cumulative clawbacks of one earned entry. */
  private static final class Reversal {
    long points;
    BigDecimal spend = BigDecimal.ZERO;
    /** line id to {quantity, points}. */
    final Map<String, long[]> lines = new HashMap<>();
    final Map<String, BigDecimal> lineSpend = new HashMap<>();
  }
}
