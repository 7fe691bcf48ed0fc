package org.loyaltyrules.loyalty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately simple model of one member's point ledger for {@link
 * PointLedgerStatefulProperties}: plain longs and lists, linear scans, no undo and no indexes. It
 * restates the contract of {@link PointLedger} directly:
 *
 * <ul>
 *   <li>a credit opens a lot, which first pays off any debt;
 *   <li>a redemption takes from lots spendable at its instant, in append order;
 *   <li>a clawback takes from its own lot, forgives what of that lot expired, then takes from other
 *       unexpired lots (spendable ones first, oldest first, then pending ones) and turns the rest
 *       into debt ({@code ALLOW_DEBT}) or leaves it uncollected ({@code CAP_AT_ZERO});
 *   <li>a negative adjustment takes like a clawback's second step; under {@code CAP_AT_ZERO} it
 *       may not take more than the unexpired lots hold;
 *   <li>a cancellation gives back the newest parts of its redemption first, then pays off debt
 *       from each lot it refilled.
 * </ul>
 *
 * <p>It only knows valid operations: callers decide validity with its queries first.
 */
final class LedgerReferenceModel {

  static final class Lot {
    final int index;
    final String key;
    final Instant createdAt;
    final long original;
    final Instant pendingUntil;
    final Instant expiresAt;
    long remaining;
    long expired;
    long forgiven;
    Instant releasedAt;

    Lot(int index, String key, Instant createdAt, long original, Instant pendingUntil, Instant expiresAt) {
      this.index = index;
      this.key = key;
      this.createdAt = createdAt;
      this.original = original;
      this.remaining = original;
      this.pendingUntil = pendingUntil;
      this.expiresAt = expiresAt;
    }

    boolean releasedAt(Instant t) {
      return pendingUntil == null || !pendingUntil.isAfter(t) || releasedAt != null && !releasedAt.isAfter(t);
    }

    boolean expiredAt(Instant t) {
      return expiresAt != null && !expiresAt.isAfter(t);
    }

    boolean spendableAt(Instant t) {
      return releasedAt(t) && !expiredAt(t);
    }
  }

  static final class Line {
    final String id;
    final int quantity;
    final long points;
    final long spend;
    int reversedQuantity;
    long reversedPoints;
    long reversedSpend;

    Line(String id, int quantity, long points, long spend) {
      this.id = id;
      this.quantity = quantity;
      this.points = points;
      this.spend = spend;
    }
  }

  static final class Earned {
    final String key;
    final String source;
    final long points;
    final long spend;
    final List<Line> lines;
    final Lot lot;
    long reversedPoints;
    long reversedSpend;

    Earned(String key, String source, long points, long spend, List<Line> lines, Lot lot) {
      this.key = key;
      this.source = source;
      this.points = points;
      this.spend = spend;
      this.lines = lines;
      this.lot = lot;
    }

    boolean hasSomethingToReverse() {
      return reversedPoints < points || reversedSpend < spend || lines.stream().anyMatch(l -> l.reversedQuantity < l.quantity);
    }
  }

  static final class Redemption {
    final String key;
    final List<long[]> parts = new ArrayList<>();
    long taken;
    long restored;

    Redemption(String key) {
      this.key = key;
    }

    long restorable() {
      return taken - restored;
    }
  }

  /** How a clawback splits: from the own lot, forgiven (expired), from other lots, and the rest. */
  record Plan(long fromOwnLot, long forgiven, long fromOthers, long rest) {
    long collected(NegativeBalancePolicy policy) {
      return fromOwnLot + (policy == NegativeBalancePolicy.ALLOW_DEBT ? fromOthers + rest : fromOthers);
    }

    long uncollected(NegativeBalancePolicy policy) {
      return forgiven + (policy == NegativeBalancePolicy.ALLOW_DEBT ? 0 : rest);
    }
  }

  final NegativeBalancePolicy policy;
  final List<Lot> lots = new ArrayList<>();
  final Map<String, Lot> lotsByKey = new HashMap<>();
  final Map<String, Earned> earned = new LinkedHashMap<>();
  final Map<String, Redemption> redemptions = new LinkedHashMap<>();
  final Map<String, Long> earnedBySource = new HashMap<>();
  final Map<String, Long> reversedBySource = new HashMap<>();
  long balance;
  long debt;
  long netSpend;
  int entries;

  LedgerReferenceModel(NegativeBalancePolicy policy) {
    this.policy = policy;
  }

  // ---------------------------------------------------------------- queries

  long available(Instant t) {
    long sum = 0;
    for (Lot lot : lots) {
      if (lot.spendableAt(t)) {
        sum += lot.remaining;
      }
    }
    return sum - debt;
  }

  long pending(Instant t) {
    long sum = 0;
    for (Lot lot : lots) {
      if (!lot.releasedAt(t) && !lot.expiredAt(t)) {
        sum += lot.remaining;
      }
    }
    return sum;
  }

  long deductible(Instant t, Lot except) {
    long sum = 0;
    for (Lot lot : lots) {
      if (lot != except && !lot.expiredAt(t)) {
        sum += lot.remaining;
      }
    }
    return sum;
  }

  List<Lot> dueToExpire(Instant t) {
    List<Lot> due = new ArrayList<>();
    for (Lot lot : lots) {
      if (lot.remaining > 0 && lot.expiredAt(t)) {
        due.add(lot);
      }
    }
    return due;
  }

  Plan plan(Earned e, long reversed, Instant t) {
    long fromOwn = e.lot == null ? 0 : Math.min(reversed, e.lot.remaining);
    long rest = reversed - fromOwn;
    long forgiven = e.lot == null ? 0 : Math.min(rest, e.lot.expired - e.lot.forgiven);
    rest -= forgiven;
    long fromOthers = Math.min(rest, deductible(t, e.lot));
    return new Plan(fromOwn, forgiven, fromOthers, rest - fromOthers);
  }

  // ---------------------------------------------------------------- changes (valid ones only)

  void earn(String key, String source, long points, long spend, List<Line> lines, Instant at, Instant pendingUntil,
      Instant expiresAt) {
    Lot lot = points > 0 ? openLot(key, at, points, pendingUntil, expiresAt) : null;
    earned.put(key, new Earned(key, source, points, spend, lines, lot));
    earnedBySource.merge(source, points, Long::sum);
    netSpend += spend;
    record(points);
  }

  void adjustUp(String key, long points, Instant at, Instant expiresAt) {
    openLot(key, at, points, null, expiresAt);
    record(points);
  }

  void adjustDown(long amount, Instant at) {
    long rest = takeOldestFirst(amount, at, null);
    debt += rest;
    record(-amount);
  }

  void release(String lotKey, Instant at) {
    lotsByKey.get(lotKey).releasedAt = at;
    entries++;
  }

  void redeem(String key, long amount, Instant at) {
    Redemption redemption = new Redemption(key);
    long left = amount;
    for (Lot lot : lots) {
      if (left > 0 && lot.remaining > 0 && lot.spendableAt(at)) {
        long take = Math.min(left, lot.remaining);
        lot.remaining -= take;
        redemption.parts.add(new long[] {lot.index, take});
        redemption.taken += take;
        left -= take;
      }
    }
    if (left != 0) {
      throw new IllegalStateException("model asked to redeem " + amount + " with too little available");
    }
    redemptions.put(key, redemption);
    record(-amount);
  }

  void cancel(String redemptionKey, long amount) {
    Redemption redemption = redemptions.get(redemptionKey);
    long skip = redemption.restored;
    long left = amount;
    for (int p = redemption.parts.size() - 1; p >= 0 && left > 0; p--) {
      long[] part = redemption.parts.get(p);
      long partLeft = part[1] - Math.min(skip, part[1]);
      skip -= Math.min(skip, part[1]);
      long give = Math.min(left, partLeft);
      if (give > 0) {
        Lot lot = lots.get((int) part[0]);
        lot.remaining += give;
        payDebtFrom(lot);
        left -= give;
      }
    }
    redemption.restored += amount;
    record(amount);
  }

  void expire(String lotKey, long amount) {
    Lot lot = lotsByKey.get(lotKey);
    lot.remaining -= amount;
    lot.expired += amount;
    record(-amount);
  }

  /** Applies a clawback of {@code reversed} points (as planned at {@code at}); returns the plan. */
  Plan clawBack(Earned e, long reversed, long spend, Map<String, long[]> lineShares, Instant at) {
    Plan plan = plan(e, reversed, at);
    if (e.lot != null) {
      e.lot.remaining -= plan.fromOwnLot();
      e.lot.forgiven += plan.forgiven();
    }
    long untaken = takeOldestFirst(plan.fromOthers(), at, e.lot);
    if (untaken != 0) {
      throw new IllegalStateException("model planned " + plan + " but could not take it");
    }
    if (policy == NegativeBalancePolicy.ALLOW_DEBT) {
      debt += plan.rest();
    }
    e.reversedPoints += reversed;
    e.reversedSpend += spend;
    for (Line line : e.lines) {
      long[] share = lineShares.get(line.id);
      if (share != null) {
        line.reversedQuantity += (int) share[0];
        line.reversedPoints += share[1];
        line.reversedSpend += share[2];
      }
    }
    reversedBySource.merge(e.source, reversed, Long::sum);
    netSpend -= spend;
    record(-plan.collected(policy));
    return plan;
  }

  // ---------------------------------------------------------------- helpers

  private Lot openLot(String key, Instant at, long points, Instant pendingUntil, Instant expiresAt) {
    Lot lot = new Lot(lots.size(), key, at, points, pendingUntil, expiresAt);
    lots.add(lot);
    lotsByKey.put(key, lot);
    payDebtFrom(lot);
    return lot;
  }

  private void payDebtFrom(Lot lot) {
    long paid = Math.min(debt, lot.remaining);
    lot.remaining -= paid;
    debt -= paid;
  }

  /** Takes from unexpired lots other than {@code except}: spendable ones oldest first, then pending ones. */
  private long takeOldestFirst(long amount, Instant at, Lot except) {
    long left = amount;
    for (int pass = 0; pass < 2; pass++) {
      for (Lot lot : lots) {
        if (left > 0 && lot != except && !lot.expiredAt(at) && lot.releasedAt(at) == (pass == 0)) {
          long take = Math.min(left, lot.remaining);
          lot.remaining -= take;
          left -= take;
        }
      }
    }
    return left;
  }

  private void record(long points) {
    balance += points;
    entries++;
  }
}
