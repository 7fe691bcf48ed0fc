// Longer than 400 lines because checkpoints read and restore the lots' private records (Lot, Redemption) here, where they are defined: moving that out would open the mutable lot state to the whole package.
package org.loyaltyrules.loyalty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * Where one member's points sit: a lot per credit, oldest first, what is left in each, the debt
 * later credits repay, and which lots each redemption took from. The {@link PointLedger} decides
 * whether an entry is valid as a ledger entry; this book applies what the entry does to the lots
 * (refusing what the lots cannot give) and answers the questions asked of them. Every change is
 * journalled in the ledger's {@link UndoLog}. Not thread-safe, like the ledger.
 */
final class LotBook {
  private final String memberId;
  private final NegativeBalancePolicy policy;
  private final UndoLog undo;

  private final List<Lot> lots = new ArrayList<>();
  private final Map<String, Lot> lotsByKey = new HashMap<>();
  private final Map<String, Redemption> redemptions = new HashMap<>();
  private long debt;
  /** The points left in all lots together; kept exact so every view's sum over lots fits a long. */
  private long remainingTotal;
  /** No lot before this index has points left (a lower bound kept for the FIFO walks). */
  private int firstLiveLot;

  LotBook(String memberId, NegativeBalancePolicy policy, UndoLog undo) {
    this.memberId = memberId;
    this.policy = policy;
    this.undo = undo;
  }

  // ---------------------------------------------------------------- applying entries

  void release(LedgerEntry.Released e) {
    Lot lot = lotsByKey.get(e.lotKey());
    if (lot == null || lot.pendingUntil == null) {
      throw new UnknownEntryException("released entry", "lotKey", e.lotKey(), "the key of a held (pending) lot of member " + memberId);
    }
    if (lot.releasedAt != null) {
      throw new InvalidValueException("released entry", "lotKey", e.lotKey(), "a lot not released before (it was released at " + lot.releasedAt + ")");
    }
    lot.releasedAt = e.occurredAt();
    undo.add(() -> lot.releasedAt = null);
  }

  void redeem(LedgerEntry.Redeemed e) {
    long amount = negate(e.points(), "redeemed entry");
    // Sum only as many spendable lots as the redemption (and any debt) needs: summing all live lots
    // made every redemption O(live lots), so a long-lived member's appends grew quadratic.
    long available = availableAt(e.occurredAt(), Checks.addPoints("redeemed entry", "points + debt", amount, debt));
    if (amount > available) {
      throw new InsufficientPointsException(memberId, "points", Points.of(amount), Points.of(Math.max(0, available)));
    }
    Redemption redemption = new Redemption();
    long left = amount;
    for (int i = firstLiveLot; i < lots.size() && left > 0; i++) {
      Lot lot = lots.get(i);
      if (lot.remaining > 0 && lot.isAvailableAt(e.occurredAt())) {
        long take = Math.min(left, lot.remaining);
        changeRemaining(lot, -take);
        redemption.parts.add(new long[] {i, take});
        left -= take;
      }
    }
    redemptions.put(e.key(), redemption);
    undo.add(() -> redemptions.remove(e.key()));
    advanceFirstLiveLot();
  }

  void cancelRedemption(LedgerEntry.RedemptionCancelled e) {
    Redemption redemption = redemptions.get(e.redemptionKey());
    if (redemption == null) {
      throw new UnknownEntryException("redemption-cancelled entry", "redemptionKey", e.redemptionKey(), "the key of a redemption of member " + memberId);
    }
    long restorable = redemption.taken() - redemption.restored;
    long amount = e.points().value();
    if (amount > restorable) {
      throw new InvalidValueException("redemption-cancelled entry", "points", amount, "≤ " + restorable + " not yet given back of redemption " + e.redemptionKey());
    }
    // Give back newest parts first, skipping what earlier cancellations already gave back.
    long skip = redemption.restored;
    long left = amount;
    for (int p = redemption.parts.size() - 1; p >= 0 && left > 0; p--) {
      long[] part = redemption.parts.get(p);
      long partLeft = part[1];
      long skipped = Math.min(skip, partLeft);
      skip -= skipped;
      partLeft -= skipped;
      long give = Math.min(left, partLeft);
      if (give > 0) {
        Lot lot = lots.get((int) part[0]);
        changeRemaining(lot, give);
        payDebtFrom(lot);
        left -= give;
      }
    }
    long before = redemption.restored;
    redemption.restored += amount;
    undo.add(() -> redemption.restored = before);
  }

  void expire(LedgerEntry.Expired e) {
    Lot lot = lotsByKey.get(e.lotKey());
    if (lot == null) {
      throw new UnknownEntryException("expired entry", "lotKey", e.lotKey(), "the key of a lot of member " + memberId);
    }
    if (!(lot.expiresAt != null && !lot.expiresAt.isAfter(e.occurredAt()))) {
      throw new InvalidValueException("expired entry", "occurredAt", e.occurredAt(), "at or after the lot's expiry " + (lot.expiresAt == null ? "(the lot never expires)" : lot.expiresAt));
    }
    long amount = negate(e.points(), "expired entry");
    if (amount > lot.remaining) {
      throw new InvalidValueException("expired entry", "points", e.points(), "≥ -" + lot.remaining + " (the lot's remainder)");
    }
    changeRemaining(lot, -amount);
    long before = lot.expired;
    lot.expired += amount;
    undo.add(() -> lot.expired = before);
    advanceFirstLiveLot();
  }

  void adjust(LedgerEntry.Adjusted e) {
    long points = e.points().value();
    if (points > 0) {
      open(e.key(), e.provenance().sourceEventId(), e.occurredAt(), points, null, e.expiresAt().orElse(null));
      return;
    }
    long amount = negate(e.points(), "adjusted entry");
    if (policy == NegativeBalancePolicy.CAP_AT_ZERO) {
      long deductible = deductibleAt(e.occurredAt(), null, amount);
      if (amount > deductible) {
        throw new InsufficientPointsException(memberId, "points", Points.of(amount), Points.of(deductible));
      }
    }
    long rest = deductFifo(amount, e.occurredAt(), null);
    if (rest > 0) {
      setDebt(Checks.addPoints("ledger of member " + memberId, "debt", debt, rest));
    }
  }

  /** Opens the lot of a credit; it repays any debt first. */
  void open(String key, String source, Instant at, long points, Instant pendingUntil, Instant expiresAt) {
    setRemainingTotal(Checks.addPoints("ledger of member " + memberId, "points left in lots", remainingTotal, points));
    Lot lot = new Lot(key, source, at, points, pendingUntil, expiresAt, lots.size());
    lots.add(lot);
    undo.add(() -> lots.remove(lots.size() - 1));
    lotsByKey.put(key, lot);
    undo.add(() -> lotsByKey.remove(key));
    payDebtFrom(lot);
  }

  /**
   * The split of a clawback of {@code want} points of the earned entry {@code earnedKey} at {@code
   * at}, as {@link PointLedger#planClawback} describes it.
   */
  ClawbackPlan planClawback(String earnedKey, long want, Instant at) {
    Lot lot = lotsByKey.get(earnedKey);
    long fromLot = lot == null ? 0 : Math.min(want, lot.remaining);
    long rest = want - fromLot;
    long forgiven = lot == null ? 0 : Math.min(rest, lot.expired - lot.expiredForgiven);
    rest -= forgiven;
    long fromOthers =
        policy == NegativeBalancePolicy.ALLOW_DEBT ? rest : Math.min(rest, deductibleAt(at, lot, rest));
    return new ClawbackPlan(Points.of(fromLot + fromOthers), Points.of(forgiven + rest - fromOthers));
  }

  /** Collects a planned clawback: the entry's own lot, forgiven expiry, other lots, then debt by policy. */
  void collectClawback(String earnedKey, long points, Instant at) {
    Lot lot = lotsByKey.get(earnedKey);
    long fromLot = lot == null ? 0 : Math.min(points, lot.remaining);
    if (fromLot > 0) {
      changeRemaining(lot, -fromLot);
    }
    long rest = points - fromLot;
    if (lot != null) {
      long forgiven = Math.min(rest, lot.expired - lot.expiredForgiven);
      if (forgiven > 0) {
        long before = lot.expiredForgiven;
        lot.expiredForgiven += forgiven;
        undo.add(() -> lot.expiredForgiven = before);
        rest -= forgiven;
      }
    }
    rest = deductFifo(rest, at, lot);
    if (rest > 0 && policy == NegativeBalancePolicy.ALLOW_DEBT) {
      setDebt(Checks.addPoints("ledger of member " + memberId, "debt", debt, rest));
    }
    // Under CAP_AT_ZERO the remaining rest is the planned uncollected part.
    advanceFirstLiveLot();
  }

  // ---------------------------------------------------------------- views

  long debt() {
    return debt;
  }

  /** Lots with points left whose expiry is at or before {@code asOf}, oldest first. */
  List<PointLot> dueToExpire(Instant asOf) {
    List<PointLot> due = new ArrayList<>();
    for (int i = firstLiveLot; i < lots.size(); i++) {
      Lot lot = lots.get(i);
      if (lot.remaining > 0 && lot.expiresAt != null && !lot.expiresAt.isAfter(asOf)) {
        due.add(lot.snapshot());
      }
    }
    return due;
  }

  /**
   * Points left per expiry instant, for lots expiring after {@code asOf} and at or before {@code
   * until}: what {@link #dueToExpire} would list at {@code until} beyond what it lists at {@code asOf}.
   */
  java.util.SortedMap<Instant, Long> expiringBetween(Instant asOf, Instant until) {
    java.util.SortedMap<Instant, Long> byInstant = new java.util.TreeMap<>();
    for (int i = firstLiveLot; i < lots.size(); i++) {
      Lot lot = lots.get(i);
      if (lot.remaining > 0 && lot.expiresAt != null && lot.expiresAt.isAfter(asOf) && !lot.expiresAt.isAfter(until)) {
        // Cannot overflow: the sum of all lots' remainders is kept in a long (remainingTotal).
        byInstant.merge(lot.expiresAt, lot.remaining, Long::sum);
      }
    }
    return byInstant;
  }

  /** Points credited, not yet released and not expired at {@code instant}. */
  long pendingAt(Instant instant) {
    long sum = 0;
    for (int i = firstLiveLot; i < lots.size(); i++) {
      Lot lot = lots.get(i);
      if (lot.remaining > 0 && !lot.isReleasedAt(instant) && !lot.isExpiredAt(instant)) {
        sum += lot.remaining;
      }
    }
    return sum;
  }

  List<PointLot> snapshots() {
    List<PointLot> result = new ArrayList<>(lots.size());
    for (Lot lot : lots) {
      result.add(lot.snapshot());
    }
    return result;
  }

  Optional<PointLot> snapshot(String key) {
    return Optional.ofNullable(lotsByKey.get(key)).map(Lot::snapshot);
  }

  /**
   * Points spendable at {@code instant} less debt; exact when below {@code enough} - debt, otherwise
   * possibly cut short once the spendable lots reach {@code enough} (oldest first).
   */
  long availableAt(Instant instant, long enough) {
    long sum = 0;
    for (int i = firstLiveLot; i < lots.size() && sum < enough; i++) {
      Lot lot = lots.get(i);
      if (lot.remaining > 0 && lot.isAvailableAt(instant)) {
        sum += lot.remaining;
      }
    }
    return sum - debt;
  }

  // ---------------------------------------------------------------- checkpoints

  /**
   * The lots a checkpoint keeps, in the order credited: those with points left, those whose key is
   * in {@code keptKeys}, and those the redemptions in {@code keptRedemptions} took from.
   */
  List<LedgerCheckpoint.LotState> checkpointLots(Set<String> keptKeys, List<String> keptRedemptions) {
    Set<Integer> taken = new HashSet<>();
    for (String key : keptRedemptions) {
      for (long[] part : redemptions.get(key).parts) {
        taken.add((int) part[0]);
      }
    }
    List<LedgerCheckpoint.LotState> result = new ArrayList<>();
    for (Lot lot : lots) {
      if (lot.remaining > 0 || keptKeys.contains(lot.key) || taken.contains(lot.index)) {
        result.add(new LedgerCheckpoint.LotState(lot.snapshot(), Points.of(lot.expiredForgiven)));
      }
    }
    return result;
  }

  /** The state of the redemption {@code key}: the lots it took from and what was given back. */
  LedgerCheckpoint.RedemptionState checkpointRedemption(String key) {
    Redemption redemption = redemptions.get(key);
    List<LedgerCheckpoint.Part> parts = new ArrayList<>();
    for (long[] part : redemption.parts) {
      parts.add(new LedgerCheckpoint.Part(lots.get((int) part[0]).key, Points.of(part[1])));
    }
    return new LedgerCheckpoint.RedemptionState(key, parts, Points.of(redemption.restored));
  }

  /** Sets an empty book to a checkpoint's lots, redemptions and debt (journalled like any change). */
  void restore(LedgerCheckpoint checkpoint) {
    for (LedgerCheckpoint.LotState state : checkpoint.lots()) {
      PointLot p = state.lot();
      Lot lot = new Lot(p.key(), p.sourceEventId(), p.createdAt(), p.original().value(), p.pendingUntil().orElse(null),
          p.expiresAt().orElse(null), lots.size());
      lot.remaining = p.remaining().value();
      lot.expired = p.expired().value();
      lot.expiredForgiven = state.expiredForgiven().value();
      lot.releasedAt = p.releasedAt().orElse(null);
      lots.add(lot);
      lotsByKey.put(lot.key, lot);
      setRemainingTotal(Checks.addPoints("ledger of member " + memberId, "points left in lots", remainingTotal, lot.remaining));
    }
    for (LedgerCheckpoint.RedemptionState state : checkpoint.redemptions()) {
      Redemption redemption = new Redemption();
      for (LedgerCheckpoint.Part part : state.parts()) {
        redemption.parts.add(new long[] {lotsByKey.get(part.lotKey()).index, part.points().value()});
      }
      redemption.restored = state.restored().value();
      redemptions.put(state.key(), redemption);
    }
    setDebt(checkpoint.debt().value());
    advanceFirstLiveLot();
  }

  // ---------------------------------------------------------------- internals

  /**
   * Points in unexpired lots other than {@code except}, pending or not; exact when below {@code
   * enough}, otherwise possibly cut short once the sum reaches it.
   */
  private long deductibleAt(Instant instant, Lot except, long enough) {
    long sum = 0;
    for (int i = firstLiveLot; i < lots.size() && sum < enough; i++) {
      Lot lot = lots.get(i);
      if (lot != except && lot.remaining > 0 && !lot.isExpiredAt(instant)) {
        sum += lot.remaining;
      }
    }
    return sum;
  }

  /** Deducts from spendable lots first, then pending ones, oldest first; returns what is left. */
  private long deductFifo(long amount, Instant at, Lot except) {
    long left = amount;
    for (int pass = 0; pass < 2 && left > 0; pass++) {
      for (int i = firstLiveLot; i < lots.size() && left > 0; i++) {
        Lot lot = lots.get(i);
        if (lot == except || lot.remaining == 0 || lot.isExpiredAt(at)) {
          continue;
        }
        if ((pass == 0) == lot.isReleasedAt(at)) {
          long take = Math.min(left, lot.remaining);
          changeRemaining(lot, -take);
          left -= take;
        }
      }
    }
    advanceFirstLiveLot();
    return left;
  }

  private void payDebtFrom(Lot lot) {
    long paid = Math.min(debt, lot.remaining);
    if (paid > 0) {
      changeRemaining(lot, -paid);
      setDebt(debt - paid);
    }
    advanceFirstLiveLot();
  }

  private void changeRemaining(Lot lot, long delta) {
    long before = lot.remaining;
    setRemainingTotal(Checks.addPoints("ledger of member " + memberId, "points left in lots", remainingTotal, delta));
    lot.remaining = before + delta;
    undo.add(() -> lot.remaining = before);
    if (delta > 0 && lot.index < firstLiveLot) {
      int firstBefore = firstLiveLot;
      firstLiveLot = lot.index;
      undo.add(() -> firstLiveLot = firstBefore);
    }
  }

  private void advanceFirstLiveLot() {
    int before = firstLiveLot;
    while (firstLiveLot < lots.size() && lots.get(firstLiveLot).remaining == 0) {
      firstLiveLot++;
    }
    if (firstLiveLot != before) {
      undo.add(() -> firstLiveLot = before);
    }
  }

  private void setRemainingTotal(long value) {
    long before = remainingTotal;
    remainingTotal = value;
    undo.add(() -> remainingTotal = before);
  }

  private void setDebt(long value) {
    long before = debt;
    debt = value;
    undo.add(() -> debt = before);
  }

  /** The size of a debit's points; Long.MIN_VALUE has none that fits a long. */
  private static long negate(Points points, String subject) {
    return Checks.subtractPoints(subject, "points", 0, points.value());
  }

  /** A credit's points and what is left of them. */
  private static final class Lot {
    final String key;
    final String source;
    final Instant createdAt;
    final long original;
    final Instant pendingUntil;
    final Instant expiresAt;
    final int index;
    long remaining;
    long expired;
    long expiredForgiven;
    Instant releasedAt;

    Lot(String key, String source, Instant createdAt, long original, Instant pendingUntil, Instant expiresAt,
        int index) {
      this.key = key;
      this.source = source;
      this.createdAt = createdAt;
      this.original = original;
      this.remaining = original;
      this.pendingUntil = pendingUntil;
      this.expiresAt = expiresAt;
      this.index = index;
    }

    boolean isReleasedAt(Instant t) {
      return pendingUntil == null || !pendingUntil.isAfter(t) || (releasedAt != null && !releasedAt.isAfter(t));
    }

    boolean isExpiredAt(Instant t) {
      return expiresAt != null && !expiresAt.isAfter(t);
    }

    boolean isAvailableAt(Instant t) {
      return isReleasedAt(t) && !isExpiredAt(t);
    }

    PointLot snapshot() {
      return new PointLot(key, source, createdAt, Points.of(original), Points.of(remaining), Points.of(expired),
          Optional.ofNullable(pendingUntil), Optional.ofNullable(releasedAt), Optional.ofNullable(expiresAt));
    }
  }

  /** Which lots a redemption took from, and how much of it was given back. */
  private static final class Redemption {
    /** {lot index, points taken}, in the order taken. */
    final List<long[]> parts = new ArrayList<>();
    long restored;

    long taken() {
      long sum = 0;
      for (long[] part : parts) {
        sum += part[1];
      }
      return sum;
    }
  }
}
