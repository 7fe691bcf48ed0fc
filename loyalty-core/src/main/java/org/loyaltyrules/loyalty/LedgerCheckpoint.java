package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * A compact summary of one member's {@link PointLedger} as of an instant, from which {@link
 * PointLedger#fromCheckpoint} rebuilds a ledger that decides every later event as the full history
 * would, reading only the checkpoint and the rows stored after it. Take one with {@link
 * PointLedger#checkpoint(Instant, Instant)}; a host stores it beside its ledger rows and loads "the
 * rows after row {@link #coveredEntries()}".
 *
 * <h2>What it holds</h2>
 *
 * <ul>
 *   <li>the balance and debt, and every lot with points left (remaining, pending-until, expiry);
 *   <li>every entry that occurred at or after the {@link #horizon()}, and every entry acting on one
 *       of those (a clawback, release, expiry or cancellation): the idempotency keys of recent
 *       events, the awards a return may still claw back by line with what was already reversed,
 *       the qualifying spend of tier windows starting at or after the horizon, each day's order
 *       points for the daily cap, and the redemptions that can still be cancelled ({@link
 *       #redemptions()}, with the lots they took from);
 *   <li>the first qualifying order, and the keys that stay unique for ever however old they are
 *       (enrolment and referral bonuses: {@link #lifetimeKeys()}).
 * </ul>
 *
 * <h2>The horizon</h2>
 *
 * A ledger rebuilt from a checkpoint holds no detail from before {@link #horizon()}, so it refuses,
 * with a {@link BeyondHorizonException}, whatever it could otherwise only get wrong: appending an
 * entry dated before the horizon (a redelivered old entry's key may have been dropped), and
 * questions about spend or order points before it. The rules engine refuses the same way an event
 * dated before the horizon, one that refers to an order or redemption from before it, an order,
 * return or tier review whose tier window starts before it, and an expiry run before {@link
 * #asOf()}. {@link Programme#checkpointHorizon(Instant, java.time.Period)} gives a horizon for
 * which no event dated within a chosen lateness of {@code asOf} is refused.
 *
 * <p>It also keeps every store-credit entry, however old, so that the credit lots, spends and
 * clawbacks are rebuilt from them; they are replayed as the ledger would append them.
 *
 * <p>Every component is validated, because a checkpoint is stored data: instants in {@link Limits}'
 * range, the horizon not after {@code asOf}, no entry after {@code asOf}, member ids, unique keys,
 * non-negative points, the lot of each kept award holding that award's terms (source, hold, expiry)
 * and the release and expiries its kept entries record, each kept redemption's parts within what
 * their lots gave and its restored points those of its kept cancellations, a first qualifying order
 * whenever a kept entry is one, and the balance equal to the points left in lots less the debt. A
 * checkpoint that fails any of these is refused with an {@link InvalidValueException}. What such
 * checks cannot see is an omission consistent with itself (a dropped lot, a lifetime key left
 * out): store checkpoints where the host stores its ledger rows, with the same protection.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param memberId the member whose ledger it summarises
 * @param policy the ledger's negative-balance policy
 * @param asOf the instant it is taken as of: no covered entry occurred after it
 * @param horizon the earliest instant whose detail it keeps; at or before {@code asOf}
 * @param coveredEntries how many entries (stored rows, in append order) it covers
 * @param balance the sum of all covered entries' points
 * @param debt points owed, ≥ 0 (zero under {@link NegativeBalancePolicy#CAP_AT_ZERO})
 * @param spendCurrency the currency of the ledger's qualifying spend, once it has any
 * @param lots the lots kept, in the order credited: those with points left, those credited by kept
 *     entries and those kept redemptions took from
 * @param redemptions the kept redemptions, in append order, with the lots they took from
 * @param firstQualifyingOrder the base entry of the member's first order with qualifying spend
 * @param lifetimeKeys keys of covered entries not kept that must never be appended again
 * @param entries the entries kept, in append order
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record LedgerCheckpoint(
    String memberId,
    NegativeBalancePolicy policy,
    Instant asOf,
    Instant horizon,
    long coveredEntries,
    Points balance,
    Points debt,
    Optional<Currency> spendCurrency,
    List<LotState> lots,
    List<RedemptionState> redemptions,
    Optional<LedgerEntry.Earned> firstQualifyingOrder,
    List<String> lifetimeKeys,
    List<LedgerEntry> entries) {

  private static final String SUBJECT = "ledger checkpoint";
  private static final long MAX_COVERED_ENTRIES = Long.MAX_VALUE - Integer.MAX_VALUE;

  /**
   * Validates every component and their consistency; see the class description.
   *
   * @param memberId the member whose ledger it summarises
   * @param policy the ledger's negative-balance policy
   * @param asOf the instant it is taken as of: no covered entry occurred after it
   * @param horizon the earliest instant whose detail it keeps; at or before {@code asOf}
   * @param coveredEntries how many entries (stored rows, in append order) it covers
   * @param balance the sum of all covered entries' points
   * @param debt points owed, ≥ 0 (zero under {@link NegativeBalancePolicy#CAP_AT_ZERO})
   * @param spendCurrency the currency of the ledger's qualifying spend, once it has any
   * @param lots the lots kept, in the order credited
   * @param redemptions the kept redemptions, in append order, with the lots they took from
   * @param firstQualifyingOrder the base entry of the member's first order with qualifying spend
   * @param lifetimeKeys keys of covered entries not kept that must never be appended again
   * @param entries the entries kept, in append order
   * @throws InvalidValueException if a component is missing, out of range or inconsistent with another
   * @throws PointsOverflowException if the points left in lots do not sum within a {@code long}
   */
  public LedgerCheckpoint {
    Checks.nonBlank(SUBJECT, "memberId", memberId);
    Checks.present(SUBJECT, "policy", policy);
    Checks.instant(SUBJECT, "asOf", asOf);
    Checks.instant(SUBJECT, "horizon", horizon);
    Checks.check(!horizon.isAfter(asOf), SUBJECT, "horizon", horizon, "not after asOf " + asOf);
    Checks.present(SUBJECT, "balance", balance);
    Checks.present(SUBJECT, "debt", debt);
    Checks.check(!debt.isNegative(), SUBJECT, "debt", debt, "≥ 0");
    Checks.check(debt.isZero() || policy == NegativeBalancePolicy.ALLOW_DEBT, SUBJECT, "debt", debt,
        "0 under " + policy);
    Checks.present(SUBJECT, "spendCurrency", spendCurrency);
    lots = Checks.elements(SUBJECT, "lots", lots);
    redemptions = Checks.elements(SUBJECT, "redemptions", redemptions);
    Checks.present(SUBJECT, "firstQualifyingOrder", firstQualifyingOrder);
    lifetimeKeys = Checks.elements(SUBJECT, "lifetimeKeys", lifetimeKeys);
    entries = Checks.elements(SUBJECT, "entries", entries);
    Checks.check(coveredEntries >= entries.size(), SUBJECT, "coveredEntries", coveredEntries,
        "≥ " + entries.size() + ", the number of entries kept");
    // A ledger counts its rows as coveredEntries plus its tail (at most Integer.MAX_VALUE entries).
    Checks.check(coveredEntries <= MAX_COVERED_ENTRIES, SUBJECT, "coveredEntries", coveredEntries,
        "≤ " + MAX_COVERED_ENTRIES + ", so the rows after it can still be counted");

    Map<String, LotState> lotsByKey = checkLots(lots, asOf);
    long left = 0;
    for (LotState lot : lots) {
      left = Checks.addPoints(SUBJECT, "lots.remaining (sum)", left, lot.lot().remaining().value());
    }
    long expected = Checks.subtractPoints(SUBJECT, "balance", left, debt.value());
    Checks.check(balance.value() == expected, SUBJECT, "balance", balance,
        expected + ", the points left in lots less the debt");

    // Messages are built only on failure: a checkpoint may keep tens of thousands of entries.
    Map<String, LedgerEntry> byKey = new HashMap<>();
    KeptLotChanges changes = KeptLotChanges.of(entries);
    for (int i = 0; i < entries.size(); i++) {
      LedgerEntry entry = entries.get(i);
      if (!entry.memberId().equals(memberId)) {
        throw new InvalidValueException(SUBJECT, "entries[" + i + "].memberId", entry.memberId(), "member " + memberId);
      }
      if (entry.occurredAt().isAfter(asOf)) {
        throw new InvalidValueException(SUBJECT, "entries[" + i + "].occurredAt", entry.occurredAt(), "not after asOf " + asOf);
      }
      if (byKey.put(entry.key(), entry) != null) {
        throw new InvalidValueException(SUBJECT, "entries[" + i + "].key", entry.key(), "a key listed once");
      }
      checkSpendCurrency(entry, i, spendCurrency);
      if (entry.points().isPositive() && (entry instanceof LedgerEntry.Earned || entry instanceof LedgerEntry.Adjusted)) {
        LotState lot = lotsByKey.get(entry.key());
        if (lot == null || !lot.lot().original().equals(entry.points()) || !lot.lot().createdAt().equals(entry.occurredAt())) {
          throw new InvalidValueException(SUBJECT, "entries[" + i + "].key", entry.key(),
              "the key of a lot of " + entry.points() + " credited at " + entry.occurredAt());
        }
        // Lots are summaries, entries are records: a lot that disagrees with its award could hold
        // back nothing (points spendable while held, never expiring) or revive expired points.
        if (!changes.agree(entry, lot.lot())) {
          throw new InvalidValueException(SUBJECT, "entries[" + i + "].key", entry.key(),
              "the key of a lot with this entry's source, pendingUntil and expiresAt, released and expired as the kept "
                  + "entries acting on it record: " + changes.expected(entry));
        }
      }
    }
    checkRedemptions(redemptions, byKey, lotsByKey);
    CreditBook.checkReplay(SUBJECT, memberId, entries, spendCurrency);
    Set<String> lifetime = new HashSet<>();
    for (int i = 0; i < lifetimeKeys.size(); i++) {
      String key = lifetimeKeys.get(i);
      Checks.check(isLifetimeKey(key), SUBJECT, "lifetimeKeys[" + i + "]", key, "the key of an enrolment or referral bonus");
      Checks.check(lifetime.add(key) && !byKey.containsKey(key), SUBJECT, "lifetimeKeys[" + i + "]", key,
          "a key listed once, and not as a kept entry's");
    }
    // The rules read "no first qualifying order" as "pay the first-order bonus": a kept qualifying
    // order proves there was one.
    for (int i = 0; i < entries.size() && firstQualifyingOrder.isEmpty(); i++) {
      if (entries.get(i) instanceof LedgerEntry.Earned e && e.spend().isPositive()
          && EntryKey.parse(e.key()) instanceof EntryKey.OrderBase) {
        throw new InvalidValueException(SUBJECT, "firstQualifyingOrder", "none",
            "present, since entries[" + i + "] " + e.key() + " is an order with qualifying spend");
      }
    }
    if (firstQualifyingOrder.isPresent()) {
      LedgerEntry.Earned first = firstQualifyingOrder.get();
      Checks.check(first.memberId().equals(memberId), SUBJECT, "firstQualifyingOrder.memberId", first.memberId(),
          "member " + memberId);
      Checks.check(EntryKey.parse(first.key()) instanceof EntryKey.OrderBase && first.spend().isPositive()
          && !first.occurredAt().isAfter(asOf), SUBJECT, "firstQualifyingOrder", first.key(),
          "the base entry of an order with qualifying spend, not after asOf " + asOf);
      checkSpendCurrency(first, -1, spendCurrency);
      LedgerEntry kept = byKey.get(first.key());
      Checks.check(kept == null || kept.equals(first), SUBJECT, "firstQualifyingOrder", first.key(),
          "equal to the kept entry with its key");
    }
    redemptions = List.copyOf(redemptions);
  }

  /**
   * One lot as the checkpoint keeps it.
   *
   * @param lot the lot's snapshot
   * @param expiredForgiven expired points of this lot a clawback has already forgiven, ≥ 0 and at
   *     most {@code lot.expired()}
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record LotState(PointLot lot, Points expiredForgiven) {
    /**
     * Validates the components and the lot's own sums.
     *
     * @param lot the lot's snapshot
     * @param expiredForgiven expired points of this lot a clawback has already forgiven
     * @throws InvalidValueException if a component is missing or the lot's points do not add up
     */
    public LotState {
      Checks.present("checkpoint lot", "lot", lot);
      Checks.present("checkpoint lot", "expiredForgiven", expiredForgiven);
      long original = lot.original().value();
      long expired = lot.expired().value();
      Checks.check(original > 0, "checkpoint lot", "lot.original", lot.original(), "> 0");
      Checks.check(expired >= 0 && expired <= original, "checkpoint lot", "lot.expired", lot.expired(),
          "in [0, " + original + "]");
      Checks.check(lot.remaining().value() >= 0 && lot.remaining().value() <= original - expired, "checkpoint lot",
          "lot.remaining", lot.remaining(), "in [0, " + (original - expired) + "] (original less expired)");
      Checks.check(!expiredForgiven.isNegative() && expiredForgiven.value() <= expired, "checkpoint lot",
          "expiredForgiven", expiredForgiven, "in [0, " + expired + "]");
    }
  }

  /**
   * A kept redemption: where its points were taken from, and how many were given back since.
   *
   * @param key the key of the {@link LedgerEntry.Redeemed} entry
   * @param parts the lots it took from, in the order taken
   * @param restored points given back by cancellations so far, at most the points taken
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record RedemptionState(String key, List<Part> parts, Points restored) {
    /**
     * Validates the components.
     *
     * @param key the key of the {@link LedgerEntry.Redeemed} entry
     * @param parts the lots it took from, in the order taken
     * @param restored points given back by cancellations so far
     * @throws InvalidValueException if a component is missing or more was restored than taken
     * @throws PointsOverflowException if the parts do not sum within a {@code long}
     */
    public RedemptionState {
      Checks.nonBlank("checkpoint redemption", "key", key);
      parts = Checks.elements("checkpoint redemption", "parts", parts);
      Checks.present("checkpoint redemption", "restored", restored);
      long taken = 0;
      for (int i = 0; i < parts.size(); i++) {
        taken = Checks.addPoints("checkpoint redemption", "parts[" + i + "].points (sum)", taken, parts.get(i).points().value());
      }
      Checks.check(!restored.isNegative() && restored.value() <= taken, "checkpoint redemption", "restored", restored,
          "in [0, " + taken + "], the points taken");
    }

    /** {@return the points the redemption took} */
    public Points taken() {
      long sum = 0;
      for (Part part : parts) {
        sum += part.points().value(); // bounded: the constructor summed them exactly
      }
      return Points.of(sum);
    }
  }

  /**
   * Points a redemption took from one lot.
   *
   * @param lotKey the key of the lot
   * @param points the points taken, &gt; 0
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record Part(String lotKey, Points points) {
    /**
     * Validates the components.
     *
     * @param lotKey the key of the lot
     * @param points the points taken
     * @throws InvalidValueException if a component is missing or the points are not positive
     */
    public Part {
      Checks.nonBlank("checkpoint redemption part", "lotKey", lotKey);
      Checks.present("checkpoint redemption part", "points", points);
      Checks.check(points.isPositive(), "checkpoint redemption part", "points", points, "> 0");
    }
  }

  /** Keys whose uniqueness outlives any horizon: one enrolment bonus, one referral bonus per referee and level. */
  static boolean isLifetimeKey(String key) {
    if (key == null || key.isBlank()) {
      return false;
    }
    EntryKey parsed = EntryKey.parse(key);
    return parsed instanceof EntryKey.EnrolmentBonus || parsed instanceof EntryKey.ReferralBonus;
  }

  private static Map<String, LotState> checkLots(List<LotState> lots, Instant asOf) {
    Map<String, LotState> byKey = new HashMap<>();
    for (int i = 0; i < lots.size(); i++) {
      PointLot lot = lots.get(i).lot();
      if (byKey.put(lot.key(), lots.get(i)) != null) {
        throw new InvalidValueException(SUBJECT, "lots[" + i + "].key", lot.key(), "a key listed once");
      }
      if (lot.createdAt().isAfter(asOf)) {
        throw new InvalidValueException(SUBJECT, "lots[" + i + "].createdAt", lot.createdAt(), "not after asOf " + asOf);
      }
    }
    return byKey;
  }

  private static void checkRedemptions(List<RedemptionState> redemptions, Map<String, LedgerEntry> entries,
      Map<String, LotState> lots) {
    Set<String> seen = new HashSet<>();
    Map<String, Long> taken = new HashMap<>();
    // Every cancellation of a kept redemption is kept with it, so they say what was given back.
    Map<String, Long> cancelled = new HashMap<>();
    for (LedgerEntry entry : entries.values()) {
      if (entry instanceof LedgerEntry.RedemptionCancelled c) {
        cancelled.put(c.redemptionKey(), Checks.addPoints(SUBJECT, "entries (points given back by cancellations)",
            cancelled.getOrDefault(c.redemptionKey(), 0L), c.points().value()));
      }
    }
    for (int i = 0; i < redemptions.size(); i++) {
      RedemptionState r = redemptions.get(i);
      if (!seen.add(r.key())) {
        throw new InvalidValueException(SUBJECT, "redemptions[" + i + "].key", r.key(), "a key listed once");
      }
      LedgerEntry entry = entries.get(r.key());
      if (!(entry instanceof LedgerEntry.Redeemed) || !entry.points().negated().equals(r.taken())) {
        throw new InvalidValueException(SUBJECT, "redemptions[" + i + "].key", r.key(),
            "the key of a kept redemption of " + r.taken() + " points");
      }
      long givenBack = cancelled.getOrDefault(r.key(), 0L);
      if (r.restored().value() != givenBack) {
        throw new InvalidValueException(SUBJECT, "redemptions[" + i + "].restored", r.restored(),
            givenBack + ", the points its kept cancellations gave back");
      }
      for (int p = 0; p < r.parts().size(); p++) {
        if (!lots.containsKey(r.parts().get(p).lotKey())) {
          throw new InvalidValueException(SUBJECT, "redemptions[" + i + "].parts[" + p + "].lotKey",
              r.parts().get(p).lotKey(), "the key of a kept lot");
        }
      }
      // A cancellation gives each part back to its lot (newest part first, skipping what earlier ones
      // gave back): a lot must have given at least the parts not yet given back, or a cancellation
      // would fill it past its original points.
      long skip = r.restored().value();
      for (int p = r.parts().size() - 1; p >= 0; p--) {
        Part part = r.parts().get(p);
        long outstanding = part.points().value() - Math.min(skip, part.points().value());
        skip -= part.points().value() - outstanding;
        PointLot lot = lots.get(part.lotKey()).lot();
        long given = lot.original().value() - lot.expired().value() - lot.remaining().value()
            - taken.getOrDefault(part.lotKey(), 0L);
        if (outstanding > given) {
          throw new InvalidValueException(SUBJECT, "redemptions[" + i + "].parts[" + p + "].points", part.points(),
              "at most " + given + " not yet given back, what lot " + part.lotKey() + " gave to the kept redemptions"
                  + " (original less expired, remaining and the other parts)");
        }
        taken.merge(part.lotKey(), outstanding, Long::sum); // ≤ original, so no overflow
      }
    }
    for (LedgerEntry entry : entries.values()) {
      if (entry instanceof LedgerEntry.Redeemed && !seen.contains(entry.key())) {
        throw new InvalidValueException(SUBJECT, "redemptions", entry.key(), "a state for every kept redemption");
      }
    }
  }

  /** The spend of a kept entry ({@code index} ≥ 0) or of the first qualifying order (-1). */
  private static void checkSpendCurrency(LedgerEntry entry, int index, Optional<Currency> spendCurrency) {
    Money spend = entry instanceof LedgerEntry.Earned e ? e.spend()
        : entry instanceof LedgerEntry.ClawedBack c ? c.spend() : null;
    if (spend != null && !(spendCurrency.isPresent() && spendCurrency.get().equals(spend.currency()))) {
      throw new InvalidValueException(SUBJECT, (index < 0 ? "firstQualifyingOrder" : "entries[" + index + "]") + ".spend",
          spend, "in the checkpoint's spend currency " + spendCurrency.map(Currency::getCurrencyCode).orElse("(none)"));
    }
  }
}
