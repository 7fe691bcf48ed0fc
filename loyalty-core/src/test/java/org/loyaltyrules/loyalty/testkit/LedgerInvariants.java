package org.loyaltyrules.loyalty.testkit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.Supplier;
import org.loyaltyrules.loyalty.ClawbackExceedsEarnedException;
import org.loyaltyrules.loyalty.ClawbackPlan;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.NegativeBalancePolicy;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.PointLot;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Provenance;

/**
 * Asserts the invariants every {@link PointLedger} must keep, using only its public API, in the
 * manner of Caffeine's cache validation: call {@link #check} after every step of a stateful test
 * and at the end of every ledger test. A violation throws {@link AssertionError} whose message
 * names the invariant, the offending values and the ledger.
 *
 * <p>The invariants, each named in the failure message:
 *
 * <ul>
 *   <li><b>entries-are-unique</b>: keys are unique, {@link PointLedger#entry}, {@link
 *       PointLedger#contains} and {@link PointLedger#size} agree with {@link PointLedger#entries},
 *       and every entry belongs to the ledger's member.
 *   <li><b>balance-is-sum-of-entries</b>: the balance is the sum of the entries' points.
 *   <li><b>balance-is-lots-less-debt</b>: the balance is the points left in all lots less the debt.
 *   <li><b>debt-by-policy</b>: debt is never negative, and always zero under {@link
 *       NegativeBalancePolicy#CAP_AT_ZERO}.
 *   <li><b>available-not-negative</b>: unless debt is allowed, available points are ≥ 0 at every
 *       probe instant; available and pending points agree with the lots at every probe instant.
 *   <li><b>lots-never-over-consumed</b>: for every lot, 0 ≤ remaining, 0 ≤ expired and remaining +
 *       expired ≤ original.
 *   <li><b>lots-match-credits</b>: lots are exactly the positive credits (earned and adjusted), in
 *       append order, with the credits' amounts, times and holds; releases and expiries name lots
 *       that existed before them, and a lot's expired points are what its expiry entries took.
 *   <li><b>clawback-within-earned</b>: per earned entry, per order line and per source event, the
 *       points, quantity and spend clawed back never exceed what was earned, and equal the sum of
 *       the clawback entries.
 *   <li><b>cancellation-within-redemption</b>: cancellations never give back more than their
 *       redemption took.
 *   <li><b>debits-oldest-first</b>: replaying the entries, every redemption, negative adjustment
 *       and clawback takes only from lots it may use, never from a younger spendable lot while an
 *       older spendable one still has points, and from a pending lot only once no spendable lot is
 *       left; its total matches its points.
 *   <li><b>replay-is-identical</b>: replaying the entries into a new ledger gives an identical
 *       {@link LedgerSnapshot}.
 *   <li><b>append-is-idempotent</b>: appending every entry again returns {@code DUPLICATE} and
 *       changes nothing.
 *   <li><b>expiry-runs-once</b>: {@link PointLedger#lotsDueToExpire} lists exactly the lots with
 *       points left whose expiry has passed; expiring them (on a copy) leaves nothing due and the
 *       same expiry entries are then duplicates.
 *   <li><b>full-return-reverses-earned</b>: for every earned entry, {@link
 *       PointLedger#planClawback} of what is left splits it exactly into collected and uncollected
 *       points, one point more is rejected, and clawing everything back (on a copy) reverses
 *       exactly what every entry and source earned.
 * </ul>
 *
 * <p>The history-based checks replay the ledger, so one check costs O(entries × lots). For very
 * large ledgers use {@link #checkState}, which skips the replays.
 *
 * <p>This class has only static methods. It never changes the ledger it checks (it works on
 * copies).
 */
public final class LedgerInvariants {

  private static final int MAX_ENTRIES_IN_MESSAGE = 60;

  private LedgerInvariants() {}

  /**
   * Asserts every invariant of {@code ledger}.
   *
   * @param ledger the ledger to check; left unchanged
   * @throws AssertionError naming the first invariant violated
   */
  public static void check(PointLedger ledger) {
    LedgerSnapshot before = LedgerSnapshot.of(ledger);
    checkState(ledger);
    PointLedger replay = checkDebitsAndReplay(ledger, before);
    checkIdempotentAppend(ledger, before, replay);
    checkExpiryRunsOnce(ledger, replay);
    checkFullReturn(ledger);
    require(ledger.size() == before.entries().size() && ledger.balance().equals(before.balance()) && ledger.lots().equals(before.lots()),
        "checks-leave-ledger-unchanged", () -> "the ledger changed while it was checked", ledger);
  }

  /**
   * Asserts the invariants that relate the ledger's current views to each other and to its entries,
   * without replaying them: every invariant of {@link #check} except debits-oldest-first,
   * replay-is-identical, append-is-idempotent, expiry-runs-once and full-return-reverses-earned.
   * Cost O(entries + lots × probe instants).
   *
   * @param ledger the ledger to check; left unchanged
   * @throws AssertionError naming the first invariant violated
   */
  public static void checkState(PointLedger ledger) {
    checkEntries(ledger);
    checkBalance(ledger);
    checkLots(ledger);
    checkTimeViews(ledger);
    checkClawbacks(ledger);
    checkCancellations(ledger);
  }

  // ---------------------------------------------------------------- state

  private static void checkEntries(PointLedger ledger) {
    List<LedgerEntry> entries = ledger.entries();
    require(ledger.size() == entries.size(), "entries-are-unique", () -> "size() " + ledger.size() + " != entries().size() " + entries.size(), ledger);
    Set<String> keys = new HashSet<>();
    for (LedgerEntry entry : entries) {
      require(keys.add(entry.key()), "entries-are-unique", () -> "key [" + entry.key() + "] appears twice", ledger);
      require(ledger.contains(entry.key()), "entries-are-unique", () -> "contains(" + entry.key() + ") is false", ledger);
      require(ledger.entry(entry.key()).equals(Optional.of(entry)), "entries-are-unique", () -> "entry(" + entry.key() + ") is " + ledger.entry(entry.key()), ledger);
      require(entry.memberId().equals(ledger.memberId()), "entries-are-unique",
          () -> "entry [" + entry.key() + "] belongs to member " + entry.memberId() + ", not " + ledger.memberId(), ledger);
    }
  }

  private static void checkBalance(PointLedger ledger) {
    long sum = 0;
    for (LedgerEntry entry : ledger.entries()) {
      sum = Math.addExact(sum, entry.points().value());
    }
    long entrySum = sum;
    require(ledger.balance().value() == entrySum, "balance-is-sum-of-entries", () -> "balance " + ledger.balance() + " != sum of entry points " + entrySum, ledger);
    long remaining = 0;
    for (PointLot lot : ledger.lots()) {
      remaining += lot.remaining().value();
    }
    long debt = ledger.debt().value();
    long lotSum = remaining;
    require(ledger.balance().value() == remaining - debt, "balance-is-lots-less-debt",
        () -> "balance " + ledger.balance() + " != lots' remaining " + lotSum + " - debt " + debt, ledger);
    require(debt >= 0, "debt-by-policy", () -> "debt " + debt + " < 0", ledger);
    require(ledger.policy() == NegativeBalancePolicy.ALLOW_DEBT || debt == 0, "debt-by-policy",
        () -> "debt " + debt + " under " + ledger.policy(), ledger);
  }

  private static void checkLots(PointLedger ledger) {
    List<PointLot> lots = ledger.lots();
    List<LedgerEntry> credits = new ArrayList<>();
    Map<String, Long> expiredByLot = new HashMap<>();
    Map<String, Instant> releasedByLot = new HashMap<>();
    Set<String> lotsSoFar = new HashSet<>();
    for (LedgerEntry entry : ledger.entries()) {
      if (isCredit(entry)) {
        credits.add(entry);
        lotsSoFar.add(entry.key());
      } else if (entry instanceof LedgerEntry.Expired expired) {
        require(lotsSoFar.contains(expired.lotKey()), "lots-match-credits", () -> "expired entry [" + expired.key() + "] names lot [" + expired.lotKey() + "] not credited before it", ledger);
        expiredByLot.merge(expired.lotKey(), -expired.points().value(), Long::sum);
      } else if (entry instanceof LedgerEntry.Released released) {
        require(lotsSoFar.contains(released.lotKey()), "lots-match-credits", () -> "released entry [" + released.key() + "] names lot [" + released.lotKey() + "] not credited before it", ledger);
        require(releasedByLot.put(released.lotKey(), released.occurredAt()) == null, "lots-match-credits", () -> "lot [" + released.lotKey() + "] released twice", ledger);
      }
    }
    require(lots.size() == credits.size(), "lots-match-credits", () -> lots.size() + " lots for " + credits.size() + " positive credits", ledger);
    for (int i = 0; i < lots.size(); i++) {
      PointLot lot = lots.get(i);
      LedgerEntry credit = credits.get(i);
      String where = "lot " + i + " [" + lot.key() + "]";
      require(lot.remaining().value() >= 0, "lots-never-over-consumed", () -> where + " remaining " + lot.remaining() + " < 0", ledger);
      require(lot.expired().value() >= 0, "lots-never-over-consumed", () -> where + " expired " + lot.expired() + " < 0", ledger);
      require(lot.remaining().value() + lot.expired().value() <= lot.original().value(), "lots-never-over-consumed",
          () -> where + " remaining " + lot.remaining() + " + expired " + lot.expired() + " > original " + lot.original(), ledger);
      require(lot.key().equals(credit.key()), "lots-match-credits", () -> where + " should be the lot of credit [" + credit.key() + "]", ledger);
      require(lot.original().equals(credit.points()), "lots-match-credits", () -> where + " original " + lot.original() + " != credited " + credit.points(), ledger);
      require(lot.createdAt().equals(credit.occurredAt()), "lots-match-credits", () -> where + " createdAt " + lot.createdAt() + " != " + credit.occurredAt(), ledger);
      require(lot.sourceEventId().equals(credit.provenance().sourceEventId()), "lots-match-credits", () -> where + " source " + lot.sourceEventId(), ledger);
      Optional<Instant> pendingUntil = credit instanceof LedgerEntry.Earned earned ? earned.pendingUntil() : Optional.empty();
      Optional<Instant> expiresAt = credit instanceof LedgerEntry.Earned earned ? earned.expiresAt() : ((LedgerEntry.Adjusted) credit).expiresAt();
      require(lot.pendingUntil().equals(pendingUntil), "lots-match-credits", () -> where + " pendingUntil " + lot.pendingUntil() + " != " + pendingUntil, ledger);
      require(lot.expiresAt().equals(expiresAt), "lots-match-credits", () -> where + " expiresAt " + lot.expiresAt() + " != " + expiresAt, ledger);
      require(lot.releasedAt().equals(Optional.ofNullable(releasedByLot.get(lot.key()))), "lots-match-credits",
          () -> where + " releasedAt " + lot.releasedAt() + " != release entry at " + releasedByLot.get(lot.key()), ledger);
      require(lot.expired().value() == expiredByLot.getOrDefault(lot.key(), 0L), "lots-match-credits",
          () -> where + " expired " + lot.expired() + " != points of its expiry entries " + expiredByLot.getOrDefault(lot.key(), 0L), ledger);
      require(ledger.lot(lot.key()).equals(Optional.of(lot)), "lots-match-credits", () -> "lot(" + lot.key() + ") is " + ledger.lot(lot.key()), ledger);
    }
  }

  private static void checkTimeViews(PointLedger ledger) {
    List<PointLot> lots = ledger.lots();
    long debt = ledger.debt().value();
    for (Instant t : LedgerSnapshot.probeInstants(ledger)) {
      long spendable = 0;
      long held = 0;
      for (PointLot lot : lots) {
        if (lot.isAvailableAt(t)) {
          spendable += lot.remaining().value();
        } else if (!lot.isReleasedAt(t) && !lot.isExpiredAt(t)) {
          held += lot.remaining().value();
        }
      }
      long available = ledger.available(t).value();
      long spendableSum = spendable;
      long heldSum = held;
      require(available == spendable - debt, "available-not-negative",
          () -> "available(" + t + ") " + available + " != spendable lots " + spendableSum + " - debt " + debt, ledger);
      require(ledger.pending(t).value() == held, "available-not-negative",
          () -> "pending(" + t + ") " + ledger.pending(t) + " != held lots " + heldSum, ledger);
      require(available >= 0 || ledger.policy() == NegativeBalancePolicy.ALLOW_DEBT, "available-not-negative",
          () -> "available(" + t + ") " + available + " < 0 under " + ledger.policy(), ledger);
    }
  }

  private static void checkClawbacks(PointLedger ledger) {
    Map<String, LedgerEntry.Earned> earnedByKey = new HashMap<>();
    Map<String, Long> earnedBySource = new HashMap<>();
    Map<String, Long> reversedBySource = new HashMap<>();
    Map<String, Long> reversedByKey = new HashMap<>();
    Map<String, BigDecimal> spendByKey = new HashMap<>();
    Map<String, Map<String, long[]>> linesByKey = new HashMap<>();
    Map<String, Map<String, BigDecimal>> lineSpendByKey = new HashMap<>();
    for (LedgerEntry entry : ledger.entries()) {
      if (entry instanceof LedgerEntry.Earned earned) {
        earnedByKey.put(earned.key(), earned);
        earnedBySource.merge(earned.provenance().sourceEventId(), earned.points().value(), Long::sum);
      } else if (entry instanceof LedgerEntry.ClawedBack clawedBack) {
        LedgerEntry.Earned earned = earnedByKey.get(clawedBack.earnedKey());
        require(earned != null, "clawback-within-earned", () -> "clawback [" + clawedBack.key() + "] names [" + clawedBack.earnedKey() + "], not an earlier earned entry", ledger);
        reversedByKey.merge(earned.key(), clawedBack.reversedPoints().value(), Long::sum);
        reversedBySource.merge(earned.provenance().sourceEventId(), clawedBack.reversedPoints().value(), Long::sum);
        spendByKey.merge(earned.key(), clawedBack.spend().amount(), BigDecimal::add);
        for (LineShare share : clawedBack.lines()) {
          long[] acc = linesByKey.computeIfAbsent(earned.key(), k -> new HashMap<>()).computeIfAbsent(share.lineId(), k -> new long[2]);
          acc[0] += share.quantity();
          acc[1] += share.points().value();
          lineSpendByKey.computeIfAbsent(earned.key(), k -> new HashMap<>()).merge(share.lineId(), share.spend().amount(), BigDecimal::add);
        }
      }
    }
    for (LedgerEntry.Earned earned : earnedByKey.values()) {
      String key = earned.key();
      long reversed = reversedByKey.getOrDefault(key, 0L);
      require(ledger.reversedPoints(key).value() == reversed, "clawback-within-earned",
          () -> "reversedPoints(" + key + ") " + ledger.reversedPoints(key) + " != sum of its clawbacks " + reversed, ledger);
      require(reversed <= earned.points().value(), "clawback-within-earned",
          () -> "earned entry [" + key + "] earned " + earned.points() + " but " + reversed + " were clawed back", ledger);
      BigDecimal spend = spendByKey.getOrDefault(key, BigDecimal.ZERO);
      require(spend.compareTo(earned.spend().amount()) <= 0, "clawback-within-earned",
          () -> "earned entry [" + key + "] had spend " + earned.spend() + " but " + spend + " was clawed back", ledger);
      Map<String, LineShare> reversedLines = ledger.reversedLines(key);
      Map<String, long[]> expectedLines = linesByKey.getOrDefault(key, Map.of());
      require(reversedLines.keySet().equals(expectedLines.keySet()), "clawback-within-earned",
          () -> "reversedLines(" + key + ") has lines " + reversedLines.keySet() + ", clawbacks name " + expectedLines.keySet(), ledger);
      for (Map.Entry<String, LineShare> line : reversedLines.entrySet()) {
        LineShare got = line.getValue();
        long[] want = expectedLines.get(line.getKey());
        BigDecimal wantSpend = lineSpendByKey.get(key).get(line.getKey());
        require(got.quantity() == want[0] && got.points().value() == want[1] && got.spend().amount().compareTo(wantSpend) == 0,
            "clawback-within-earned", () -> "reversedLines(" + key + ")." + line.getKey() + " " + got + " != sum of clawback lines", ledger);
        LineShare original = earned.lines().stream().filter(c -> c.lineId().equals(line.getKey())).findFirst().orElse(null);
        require(original != null, "clawback-within-earned", () -> "line [" + line.getKey() + "] is not a line of [" + key + "]", ledger);
        require(got.quantity() <= original.quantity() && got.points().compareTo(original.points()) <= 0
                && got.spend().compareTo(original.spend()) <= 0,
            "clawback-within-earned", () -> "line [" + line.getKey() + "] of [" + key + "] reversed " + got + " beyond earned " + original, ledger);
      }
    }
    for (Map.Entry<String, Long> source : earnedBySource.entrySet()) {
      String id = source.getKey();
      long reversed = reversedBySource.getOrDefault(id, 0L);
      require(ledger.earnedPoints(id).value() == source.getValue(), "clawback-within-earned",
          () -> "earnedPoints(" + id + ") " + ledger.earnedPoints(id) + " != sum of its earned entries " + source.getValue(), ledger);
      require(ledger.reversedPointsOfSource(id).value() == reversed, "clawback-within-earned",
          () -> "reversedPointsOfSource(" + id + ") " + ledger.reversedPointsOfSource(id) + " != sum of its clawbacks " + reversed, ledger);
      require(reversed <= source.getValue(), "clawback-within-earned",
          () -> "source [" + id + "] earned " + source.getValue() + " but " + reversed + " were clawed back", ledger);
      List<LedgerEntry.Earned> earnedFrom = ledger.earnedFrom(id);
      long sum = earnedFrom.stream().mapToLong(e -> e.points().value()).sum();
      require(sum == source.getValue(), "clawback-within-earned", () -> "earnedFrom(" + id + ") adds up to " + sum, ledger);
    }
  }

  private static void checkCancellations(PointLedger ledger) {
    Map<String, Long> restorable = new HashMap<>();
    for (LedgerEntry entry : ledger.entries()) {
      if (entry instanceof LedgerEntry.Redeemed redeemed) {
        restorable.put(redeemed.key(), -redeemed.points().value());
      } else if (entry instanceof LedgerEntry.RedemptionCancelled cancelled) {
        Long left = restorable.get(cancelled.redemptionKey());
        require(left != null, "cancellation-within-redemption",
            () -> "cancellation [" + cancelled.key() + "] names [" + cancelled.redemptionKey() + "], not an earlier redemption", ledger);
        require(cancelled.points().value() <= left, "cancellation-within-redemption",
            () -> "cancellation [" + cancelled.key() + "] gives back " + cancelled.points() + " of " + left + " left", ledger);
        restorable.put(cancelled.redemptionKey(), left - cancelled.points().value());
      }
    }
  }

  // ---------------------------------------------------------------- history

  /** Replays the entries into a new ledger, checking every debit; returns the replayed ledger. */
  private static PointLedger checkDebitsAndReplay(PointLedger ledger, LedgerSnapshot expected) {
    PointLedger replay = PointLedger.empty(ledger.memberId(), ledger.policy());
    List<PointLot> before = List.of();
    for (LedgerEntry entry : ledger.entries()) {
      before = replayOne(ledger, replay, entry, before);
    }
    LedgerSnapshot replayed = LedgerSnapshot.of(replay);
    require(replayed.equals(expected), "replay-is-identical", () -> "replaying the entries gives " + replayed + "\n  instead of " + expected, ledger);
    return replay;
  }

  /**
   * Appends {@code entry} to {@code replay}, which must take it as new, and checks the debit it
   * made against the lots before it; returns the lots after it.
   */
  private static List<PointLot> replayOne(PointLedger ledger, PointLedger replay, LedgerEntry entry, List<PointLot> before) {
    long debtBefore = replay.debt().value();
    PointLedger.AppendResult result;
    try {
      result = replay.append(entry);
    } catch (LoyaltyException e) {
      throw violation("replay-is-identical", "replaying [" + entry.key() + "] failed: " + e.getMessage(), ledger);
    }
    require(result == PointLedger.AppendResult.APPENDED, "replay-is-identical", () -> "replaying [" + entry.key() + "] gave " + result, ledger);
    List<PointLot> after = replay.lots();
    checkDebit(ledger, entry, before, after, replay.debt().value() - debtBefore);
    return after;
  }

  private static void checkDebit(PointLedger ledger, LedgerEntry entry, List<PointLot> before, List<PointLot> after, long debtIncrease) {
    boolean redemption = entry instanceof LedgerEntry.Redeemed;
    boolean clawback = entry instanceof LedgerEntry.ClawedBack;
    boolean negativeAdjustment = entry instanceof LedgerEntry.Adjusted && entry.points().isNegative();
    if (!redemption && !clawback && !negativeAdjustment) {
      return;
    }
    Instant t = entry.occurredAt();
    String own = clawback ? ((LedgerEntry.ClawedBack) entry).earnedKey() : null;
    long taken = 0;
    boolean olderSpendableLeft = false;
    boolean anySpendableLeft = false;
    boolean ownLeft = false;
    boolean tookFromOthers = false;
    List<Integer> pendingTaken = new ArrayList<>();
    for (int i = 0; i < before.size(); i++) {
      PointLot was = before.get(i);
      PointLot is = after.get(i);
      long change = was.remaining().value() - is.remaining().value();
      String where = "[" + entry.key() + "] took " + change + " from lot [" + was.key() + "]";
      require(change >= 0, "debits-oldest-first", () -> "[" + entry.key() + "] added " + -change + " to lot [" + was.key() + "]", ledger);
      taken += change;
      if (was.key().equals(own)) {
        ownLeft = is.remaining().isPositive();
        continue;
      }
      boolean spendable = was.isAvailableAt(t);
      if (change > 0) {
        tookFromOthers = true;
        require(!was.isExpiredAt(t), "debits-oldest-first", () -> where + ", which had expired at " + t, ledger);
        require(spendable || !redemption, "debits-oldest-first", () -> where + ", which was not spendable at " + t, ledger);
        require(!spendable || !olderSpendableLeft, "debits-oldest-first",
            () -> where + " while an older spendable lot still had points", ledger);
        if (!spendable) {
          pendingTaken.add(i);
        }
      }
      if (spendable && is.remaining().isPositive()) {
        olderSpendableLeft = true;
        anySpendableLeft = true;
      }
    }
    require(pendingTaken.isEmpty() || !anySpendableLeft, "debits-oldest-first",
        () -> "[" + entry.key() + "] took from pending lots " + pendingTaken + " while a spendable lot still had points", ledger);
    require(!tookFromOthers || !ownLeft, "debits-oldest-first",
        () -> "[" + entry.key() + "] took from other lots while its own lot [" + own + "] still had points", ledger);
    long expected = -entry.points().value();
    long takenSum = taken;
    require(taken + debtIncrease == expected, "debits-oldest-first",
        () -> "[" + entry.key() + "] took " + takenSum + " from lots and added " + debtIncrease + " debt, not " + expected, ledger);
    require(debtIncrease == 0 || ledger.policy() == NegativeBalancePolicy.ALLOW_DEBT && !redemption, "debits-oldest-first",
        () -> "[" + entry.key() + "] added debt " + debtIncrease, ledger);
  }

  /** Appends every entry of {@code ledger} again to {@code copy}, an identical ledger. */
  private static void checkIdempotentAppend(PointLedger ledger, LedgerSnapshot expected, PointLedger copy) {
    List<PointLedger.AppendResult> results = copy.appendAll(ledger.entries());
    for (int r = 0; r < results.size(); r++) {
      int i = r;
      require(results.get(i) == PointLedger.AppendResult.DUPLICATE, "append-is-idempotent",
          () -> "appending entry " + i + " [" + ledger.entries().get(i).key() + "] again gave " + results.get(i), ledger);
    }
    require(LedgerSnapshot.of(copy).equals(expected), "append-is-idempotent", () -> "appending every entry again changed the ledger", ledger);
  }

  /** Checks the due lots of {@code ledger}, then runs expiry on {@code copy}, an identical ledger. */
  private static void checkExpiryRunsOnce(PointLedger ledger, PointLedger copy) {
    SortedSet<Instant> probes = LedgerSnapshot.probeInstants(ledger);
    List<PointLot> lots = ledger.lots();
    for (Instant t : probes) {
      List<String> want = new ArrayList<>();
      for (PointLot lot : lots) {
        if (lot.remaining().isPositive() && lot.isExpiredAt(t)) {
          want.add(lot.key());
        }
      }
      List<String> got = ledger.lotsDueToExpire(t).stream().map(PointLot::key).toList();
      require(got.equals(want), "expiry-runs-once", () -> "lotsDueToExpire(" + t + ") " + got + " != lots past expiry with points " + want, ledger);
    }
    Instant last = null;
    for (PointLot lot : lots) {
      if (lot.expiresAt().isPresent() && (last == null || lot.expiresAt().get().isAfter(last))) {
        last = lot.expiresAt().get();
      }
    }
    if (last == null) {
      return;
    }
    List<LedgerEntry> run = new ArrayList<>();
    long due = 0;
    for (PointLot lot : copy.lotsDueToExpire(last)) {
      run.add(new LedgerEntry.Expired("~ledger-invariants~expire~" + lot.key().hashCode() + "~" + run.size(), copy.memberId(),
          lot.remaining().negated(), last, new Provenance("~ledger-invariants", "expiry", "check", "expiry run"), lot.key()));
      due += lot.remaining().value();
    }
    Points balance = copy.balance();
    copy.appendAll(run);
    long dueSum = due;
    Instant lastExpiry = last;
    require(copy.balance().value() == balance.value() - due, "expiry-runs-once",
        () -> "expiring " + dueSum + " points at " + lastExpiry + " moved the balance from " + balance + " to " + copy.balance(), ledger);
    require(copy.lotsDueToExpire(last).isEmpty(), "expiry-runs-once", () -> "after an expiry run at " + lastExpiry + " still due: " + copy.lotsDueToExpire(lastExpiry), ledger);
    List<PointLot> lotsAfterRun = copy.lots();
    int sizeAfterRun = copy.size();
    for (PointLedger.AppendResult result : copy.appendAll(run)) {
      require(result == PointLedger.AppendResult.DUPLICATE, "expiry-runs-once", () -> "the same expiry run appended again gave " + result, ledger);
    }
    require(copy.lots().equals(lotsAfterRun) && copy.size() == sizeAfterRun, "expiry-runs-once",
        () -> "running the same expiry twice changed the ledger", ledger);
    checkBalance(copy);
    checkLots(copy);
  }

  private static void checkFullReturn(PointLedger ledger) {
    Instant at = LoyaltyArbitraries.START;
    for (LedgerEntry entry : ledger.entries()) {
      if (entry.occurredAt().isAfter(at)) {
        at = entry.occurredAt();
      }
    }
    PointLedger copy = ledger.copy();
    Map<String, BigDecimal> spendLeft = new HashMap<>();
    List<LedgerEntry.Earned> earnedEntries = new ArrayList<>();
    for (LedgerEntry entry : ledger.entries()) {
      if (entry instanceof LedgerEntry.Earned earned) {
        earnedEntries.add(earned);
        spendLeft.put(earned.key(), earned.spend().amount());
      } else if (entry instanceof LedgerEntry.ClawedBack clawedBack) {
        spendLeft.merge(clawedBack.earnedKey(), clawedBack.spend().amount().negate(), BigDecimal::add);
      }
    }
    int n = 0;
    for (LedgerEntry.Earned earned : earnedEntries) {
      String key = earned.key();
      long left = earned.points().value() - copy.reversedPoints(key).value();
      ClawbackPlan plan = copy.planClawback(key, Points.of(left), at);
      require(plan.collected().value() >= 0 && plan.uncollected().value() >= 0
              && plan.collected().value() + plan.uncollected().value() == left,
          "full-return-reverses-earned", () -> "planClawback(" + key + ", " + left + ") = " + plan + " does not split " + left, ledger);
      if (copy.policy() == NegativeBalancePolicy.ALLOW_DEBT) {
        long expired = copy.lot(key).map(l -> l.expired().value()).orElse(0L);
        require(plan.uncollected().value() <= expired, "full-return-reverses-earned",
            () -> "under ALLOW_DEBT planClawback(" + key + ") leaves " + plan.uncollected() + " uncollected beyond the " + expired + " expired", ledger);
      }
      boolean rejected;
      try {
        copy.planClawback(key, Points.of(left + 1), at);
        rejected = false;
      } catch (ClawbackExceedsEarnedException e) {
        rejected = true;
      }
      require(rejected, "full-return-reverses-earned", () -> "planClawback(" + key + ", " + (left + 1) + ") was accepted", ledger);
      Money spend = Money.of(spendLeft.get(key), earned.spend().currency());
      copy.append(new LedgerEntry.ClawedBack("~ledger-invariants~return~" + n++, copy.memberId(), plan.collected().negated(), at,
          new Provenance("~ledger-invariants", "clawback", "check", "full return"), key, plan.uncollected(), spend, List.of()));
      require(copy.reversedPoints(key).equals(earned.points()), "full-return-reverses-earned",
          () -> "after returning everything, reversedPoints(" + key + ") is " + copy.reversedPoints(key) + ", not " + earned.points(), ledger);
    }
    for (LedgerEntry.Earned earned : earnedEntries) {
      String source = earned.provenance().sourceEventId();
      require(copy.reversedPointsOfSource(source).equals(copy.earnedPoints(source)), "full-return-reverses-earned",
          () -> "after returning everything, source [" + source + "] reversed " + copy.reversedPointsOfSource(source) + " of " + copy.earnedPoints(source), ledger);
    }
    checkBalance(copy);
    checkLots(copy);
    checkClawbacks(copy);
  }

  // ---------------------------------------------------------------- incremental

  /**
   * A checker for one ledger that is checked again and again as it grows, as in a stateful test:
   * see {@link Incremental}.
   *
   * @return a checker that has seen no entries yet
   */
  public static Incremental incremental() {
    return new Incremental();
  }

  /**
   * Asserts every invariant of {@link LedgerInvariants#check} after each step of a growing ledger,
   * at a cost that does not restart from the first entry each time. It keeps its own replay
   * ledger and appends to it only the entries added since the last check, checking each new debit
   * (debits-oldest-first); replay-is-identical then compares the replay with the ledger (balance,
   * debt, lots, reversals per earned entry and source, net spend: everything {@link LedgerSnapshot}
   * holds except the time views, which {@link #checkState} already derives from the lots). The
   * other invariants run in full, as in {@link LedgerInvariants#check}. A ledger whose existing
   * entries changed fails entries-are-append-only. A ledger that has not changed since the last
   * check (same entries, balance, debt and lots as the replay) is not checked again: every invariant
   * is a function of that state, and it held there.
   *
   * <p>Not thread-safe: one checker per ledger, used by one thread.
   */
  public static final class Incremental {
    private PointLedger replay;
    private List<LedgerEntry> seen = List.of();

    private Incremental() {}

    /**
     * Asserts every invariant of {@code ledger}, replaying only the entries added since the last
     * call.
     *
     * @param ledger the same ledger as at the last call (or a first one); left unchanged
     * @throws AssertionError naming the first invariant violated
     */
    public void check(PointLedger ledger) {
      int size = ledger.size();
      Points balance = ledger.balance();
      List<PointLot> lots = ledger.lots();
      if (replay != null && size == seen.size() && balance.equals(replay.balance()) && ledger.debt().equals(replay.debt())
          && lots.equals(replay.lots()) && (size == 0 || ledger.entries().get(size - 1).equals(seen.get(size - 1)))) {
        // Unchanged since the last check, which found every invariant true of this very state.
        return;
      }
      checkState(ledger);
      if (replay == null) {
        replay = PointLedger.empty(ledger.memberId(), ledger.policy());
      }
      List<LedgerEntry> entries = ledger.entries();
      require(entries.size() >= seen.size(), "entries-are-append-only", () -> "the ledger lost entries: " + seen.size() + " → " + entries.size(), ledger);
      for (int i = 0; i < seen.size(); i++) {
        int at = i;
        require(entries.get(i).equals(seen.get(i)), "entries-are-append-only", () -> "entry " + at + " changed from " + seen.get(at) + " to " + entries.get(at), ledger);
      }
      List<PointLot> before = replay.lots();
      for (LedgerEntry entry : entries.subList(seen.size(), entries.size())) {
        before = replayOne(ledger, replay, entry, before);
      }
      seen = List.copyOf(entries);
      checkReplayAgrees(ledger);
      for (PointLedger.AppendResult result : replay.appendAll(entries)) {
        require(result == PointLedger.AppendResult.DUPLICATE, "append-is-idempotent", () -> "appending an entry again gave " + result, ledger);
      }
      require(replay.size() == entries.size() && replay.lots().equals(lots), "append-is-idempotent",
          () -> "appending every entry again changed the ledger", ledger);
      checkExpiryRunsOnce(ledger, ledger.copy());
      checkFullReturn(ledger);
      require(ledger.size() == size && ledger.balance().equals(balance) && ledger.lots().equals(lots),
          "checks-leave-ledger-unchanged", () -> "the ledger changed while it was checked", ledger);
    }

    private void checkReplayAgrees(PointLedger ledger) {
      require(replay.size() == ledger.size() && replay.balance().equals(ledger.balance()) && replay.debt().equals(ledger.debt()),
          "replay-is-identical", () -> "replaying the entries gives size " + replay.size() + ", balance " + replay.balance() + ", debt "
              + replay.debt(), ledger);
      require(replay.lots().equals(ledger.lots()), "replay-is-identical", () -> "replaying the entries gives lots " + replay.lots(), ledger);
      Currency currency = null;
      for (LedgerEntry entry : ledger.entries()) {
        if (entry instanceof LedgerEntry.Earned earned) {
          currency = currency == null ? earned.spend().currency() : currency;
          String key = earned.key();
          String source = earned.provenance().sourceEventId();
          require(replay.reversedPoints(key).equals(ledger.reversedPoints(key)) && replay.reversedLines(key).equals(ledger.reversedLines(key))
                  && replay.earnedPoints(source).equals(ledger.earnedPoints(source))
                  && replay.reversedPointsOfSource(source).equals(ledger.reversedPointsOfSource(source)),
              "replay-is-identical", () -> "replaying the entries gives other reversals of [" + key + "]", ledger);
        }
      }
      if (currency != null) {
        Money replayed = replay.qualifyingSpend(Instant.MIN, Instant.MAX, currency);
        require(replayed.equals(ledger.qualifyingSpend(Instant.MIN, Instant.MAX, currency)), "replay-is-identical",
            () -> "replaying the entries gives net spend " + replayed, ledger);
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private static boolean isCredit(LedgerEntry entry) {
    return (entry instanceof LedgerEntry.Earned || entry instanceof LedgerEntry.Adjusted) && entry.points().isPositive();
  }

  private static void require(boolean condition, String invariant, Supplier<String> detail, PointLedger ledger) {
    if (!condition) {
      throw violation(invariant, detail.get(), ledger);
    }
  }

  private static AssertionError violation(String invariant, String detail, PointLedger ledger) {
    StringBuilder message = new StringBuilder()
        .append("Ledger invariant ").append(invariant).append(" violated: ").append(detail)
        .append("\n  in ").append(ledger).append(" with policy ").append(ledger.policy()).append(", entries:");
    List<LedgerEntry> entries = ledger.entries();
    for (int i = 0; i < Math.min(entries.size(), MAX_ENTRIES_IN_MESSAGE); i++) {
      message.append("\n    ").append(i).append(": ").append(entries.get(i));
    }
    if (entries.size() > MAX_ENTRIES_IN_MESSAGE) {
      message.append("\n    … ").append(entries.size() - MAX_ENTRIES_IN_MESSAGE).append(" more");
    }
    return new AssertionError(message.toString());
  }
}
