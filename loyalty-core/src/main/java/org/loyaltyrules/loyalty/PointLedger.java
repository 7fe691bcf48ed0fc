// Longer than 400 lines because its public views and their Javadoc are the ledger API; lot bookkeeping lives in LotBook, reversal bookkeeping in ReversalBook, the undo journal in UndoLog, taking checkpoints in Checkpoints (restoring one stays here: it sets the ledger's own indexes).
package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * One member's append-only point ledger: the state the library reasons about and the host stores.
 * Balance, available and pending points, expiry lots and qualifying spend are all derived from the
 * entries; nothing is ever edited or removed.
 *
 * <h2>What an append guarantees</h2>
 *
 * <ul>
 *   <li><b>Exactly once.</b> An entry whose key is already present with equal content is ignored
 *       ({@link AppendResult#DUPLICATE}); with different content it throws {@link
 *       DuplicateEventException}.
 *   <li><b>All or nothing.</b> An entry that breaks a rule below throws a {@link LoyaltyException}
 *       and leaves the ledger as it was; {@link #appendAll} applies a whole batch or none of it.
 *   <li><b>Lots, oldest first.</b> Every credit opens a lot. Redemptions and negative adjustments
 *       consume spendable lots in the order they were appended; expiry empties one lot.
 *   <li><b>No overspending.</b> A redemption may take at most the points available at its instant:
 *       released, unexpired lots, less any debt.
 *   <li><b>No over-reversal.</b> A clawback never reverses more points, spend, quantity or line
 *       points than the earned entry it names recorded, across any number of partial refunds.
 *   <li><b>Exact sums.</b> Balance, debt, the points left in lots and per-event totals are exact
 *       {@code long}s: an entry that would take any of them past a {@code long} throws {@link
 *       PointsOverflowException} and changes nothing.
 *   <li><b>Debt by policy.</b> Under {@link NegativeBalancePolicy#ALLOW_DEBT} a clawback of spent
 *       points creates debt that later credits repay first; under {@link
 *       NegativeBalancePolicy#CAP_AT_ZERO} the excess is recorded as uncollected instead.
 * </ul>
 *
 * <p>"Oldest" means earliest appended: a late-arriving event (an offline POS sync) is ordered by
 * when the host appended it, while its {@link LedgerEntry#occurredAt()} still decides pending,
 * expiry and qualification windows. Views that take an instant use it only for those time
 * questions; they always reflect every appended entry.
 *
 * <p>Appends cost amortised O(1) plus the number of lots a debit walks; a member with 100,000
 * entries appends as fast as one with ten. Views that sum over lots or spend are O(live lots) or
 * O(credits).
 *
 * <h2>Checkpoints</h2>
 *
 * A member with a long history need not be read from enrolment on: {@link #checkpoint(Instant,
 * Instant)} summarises the ledger as a {@link LedgerCheckpoint}, and {@link #fromCheckpoint}
 * rebuilds from it and the rows stored after it a ledger whose balance, available and pending
 * points, debt, live lots, expiring lots, qualifying spend and daily order points (for windows from
 * its {@link #horizon()} on) and every append behave as the full ledger's. It keeps no detail from
 * before the horizon, so it refuses what would need it with a {@link BeyondHorizonException}: an
 * entry dated before the horizon, a key of a lifetime bonus it holds only as used, spend or order
 * points asked for before the horizon. Views about single entries ({@link #entries()}, {@link
 * #entry(String)}, {@link #earnedFrom}, {@link #lots()} …) answer from the entries kept, the rows
 * appended since, and the lots with points left.
 *
 * <p>This class is <b>not</b> thread-safe: it is a per-request working copy of one member's state,
 * built by the host from its stored rows with {@link #of} or {@link #fromCheckpoint}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PointLedger {

  /** What {@link #append} did. */
  public enum AppendResult {
    /** The entry was new and is now part of the ledger. */
    APPENDED,
    /** An equal entry with the same key was already there; nothing changed. */
    DUPLICATE
  }

  private static final String SUBJECT = "ledger entry";

  private final String memberId;
  private final NegativeBalancePolicy policy;

  private final List<LedgerEntry> entries = new ArrayList<>();
  private final Map<String, LedgerEntry> byKey = new HashMap<>();
  private final Map<String, Long> earnedBySource = new HashMap<>();
  private final Map<String, Long> reversedBySource = new HashMap<>();
  private final List<SpendRecord> spendRecords = new ArrayList<>();
  private final Map<String, SpendRecord> spendByEarnedKey = new HashMap<>();
  /** Points credited by orders' earned entries, by the instant they were earned. */
  private final java.util.TreeMap<Instant, Long> orderPointsByInstant = new java.util.TreeMap<>();
  /** The base entry of the first order with qualifying spend, once there is one. */
  private LedgerEntry.Earned firstQualifyingOrder;

  private Currency spendCurrency;
  private long balance;

  /** The checkpoint this ledger was rebuilt from; null when it holds the full history. */
  private LedgerCheckpoint base;
  /** The index in {@link #entries} of the first entry appended after the base checkpoint's. */
  private int tailStart;
  /** Keys of lifetime bonuses before the base checkpoint's horizon, kept only as used. */
  private final java.util.Set<String> lifetimeKeys = new java.util.HashSet<>();
  /** The latest occurredAt of any entry (the base checkpoint's asOf at first); null while empty. */
  private Instant latest;

  /** Makes each append all or nothing; shared with the lot book. */
  private final UndoLog undo = new UndoLog();
  /** Where the points sit: lots, debt and redemptions. */
  private final LotBook lots;
  /** What clawbacks have reversed of each earned entry. */
  private final ReversalBook reversals = new ReversalBook(undo);
  /** The store credit: its own lots, never mixed with points. */
  private final CreditBook credits;

  private PointLedger(String memberId, NegativeBalancePolicy policy) {
    this.memberId = Checks.nonBlank("ledger", "memberId", memberId);
    this.policy = Checks.present("ledger", "policy", policy);
    this.lots = new LotBook(memberId, policy, undo);
    this.credits = new CreditBook(memberId, undo);
  }

  /**
   * An empty ledger.
   *
   * @param memberId the member whose ledger it is
   * @param policy the programme's negative-balance policy
   * @return a new ledger
   */
  public static PointLedger empty(String memberId, NegativeBalancePolicy policy) {
    return new PointLedger(memberId, policy);
  }

  /**
   * Rebuilds a ledger from stored entries in the order they were appended.
   *
   * @param memberId the member whose ledger it is
   * @param policy the programme's negative-balance policy
   * @param entries the entries, oldest first
   * @return the ledger
   * @throws LoyaltyException if the entries break a ledger rule (the stored data is corrupt)
   */
  public static PointLedger of(
      String memberId, NegativeBalancePolicy policy, Iterable<? extends LedgerEntry> entries) {
    PointLedger ledger = new PointLedger(memberId, policy);
    int i = 0;
    for (LedgerEntry entry : Checks.present("ledger", "entries", entries)) {
      ledger.append(Checks.present("ledger", "entries[" + i++ + "]", entry));
    }
    return ledger;
  }

  /**
   * Rebuilds a ledger from a checkpoint and the entries stored after the rows it covers, in the
   * order they were appended. The result decides as the full ledger would; see the class
   * description for what it refuses.
   *
   * @param checkpoint a checkpoint taken with {@link #checkpoint(Instant, Instant)} (validated
   *     again when it was read back)
   * @param tail the entries appended after the {@link LedgerCheckpoint#coveredEntries()} rows the
   *     checkpoint covers, oldest first
   * @return the ledger
   * @throws LoyaltyException if the checkpoint's entries contradict its lots or each other, or a tail
   *     entry breaks a ledger rule or lies before the horizon ({@link BeyondHorizonException})
   */
  public static PointLedger fromCheckpoint(LedgerCheckpoint checkpoint, Iterable<? extends LedgerEntry> tail) {
    Checks.present("ledger", "checkpoint", checkpoint);
    Checks.present("ledger", "tail", tail);
    PointLedger ledger = new PointLedger(checkpoint.memberId(), checkpoint.policy());
    ledger.restore(checkpoint);
    int i = 0;
    for (LedgerEntry entry : tail) {
      ledger.append(Checks.present("ledger", "tail[" + i++ + "]", entry));
    }
    return ledger;
  }

  /** {@return an independent ledger with the same entries (O(entries))} */
  public PointLedger copy() {
    return base == null ? of(memberId, policy, entries) : fromCheckpoint(base, entries.subList(tailStart, entries.size()));
  }

  /**
   * Summarises this ledger as of {@code asOf}, keeping full detail from {@code horizon} on (see
   * {@link LedgerCheckpoint} for what it holds). It covers every entry appended so far: {@link
   * #rowCount()} rows. {@link Programme#checkpointHorizon(Instant, java.time.Period)} gives a
   * horizon that suits the programme.
   *
   * @param asOf the instant it is taken as of; not before any entry's occurredAt (nor before the
   *     checkpoint this ledger was rebuilt from)
   * @param horizon the earliest instant whose detail is kept; not after {@code asOf}
   * @return the checkpoint
   * @throws InvalidValueException if an instant is outside {@link Limits}' range, {@code asOf} is
   *     before an entry or {@code horizon} after {@code asOf}
   * @throws BeyondHorizonException if {@code horizon} is before the horizon this ledger was rebuilt
   *     with (it no longer has that detail)
   */
  public LedgerCheckpoint checkpoint(Instant asOf, Instant horizon) {
    Checks.instant("checkpoint", "asOf", asOf);
    Checks.instant("checkpoint", "horizon", horizon);
    if (latest != null && asOf.isBefore(latest)) {
      throw new InvalidValueException("checkpoint", "asOf", asOf, "not before " + latest
          + (base != null && latest.equals(base.asOf()) ? ", the asOf of the checkpoint this ledger was rebuilt from"
              : ", the latest entry's occurredAt"));
    }
    Checks.check(!horizon.isAfter(asOf), "checkpoint", "horizon", horizon, "not after asOf " + asOf);
    if (base != null && horizon.isBefore(base.horizon())) {
      throw new BeyondHorizonException("checkpoint", "horizon", horizon, base.horizon(),
          "the horizon of the checkpoint this ledger was rebuilt from");
    }
    return Checkpoints.take(this, asOf, horizon, lifetimeKeys, lots, firstQualifyingOrder, spendCurrency);
  }

  /**
   * {@return the horizon of the checkpoint this ledger was rebuilt from: it holds no detail from
   * before it; empty when it holds the full history}
   */
  public Optional<Instant> horizon() {
    return Optional.ofNullable(base).map(LedgerCheckpoint::horizon);
  }

  /** {@return the instant of the checkpoint this ledger was rebuilt from; empty for a full history} */
  public Optional<Instant> checkpointAsOf() {
    return Optional.ofNullable(base).map(LedgerCheckpoint::asOf);
  }

  /**
   * {@return the number of stored rows this ledger stands for: those of the checkpoint it was rebuilt
   * from plus the entries appended since; {@link #size()} for a full history}
   */
  public long rowCount() {
    return (base == null ? 0 : base.coveredEntries()) + entries.size() - tailStart;
  }

  /**
   * The ledger as it stood with the entries up to {@code at}: those of the full history, or the
   * checkpoint's and the later ones up to {@code at} (so {@code at} must not precede the checkpoint).
   */
  PointLedger replayUpTo(Instant at) {
    List<LedgerEntry> upTo = new ArrayList<>();
    for (int i = tailStart; i < entries.size(); i++) {
      if (!entries.get(i).occurredAt().isAfter(at)) {
        upTo.add(entries.get(i));
      }
    }
    return base == null ? of(memberId, policy, upTo) : fromCheckpoint(base, upTo);
  }

  /** {@return the member whose ledger this is} */
  public String memberId() {
    return memberId;
  }

  /** {@return the negative-balance policy this ledger enforces} */
  public NegativeBalancePolicy policy() {
    return policy;
  }

  // ---------------------------------------------------------------- appending

  /**
   * Appends one entry, or does nothing if an equal entry with its key is already present.
   *
   * @param entry the entry
   * @return whether it was appended or was a duplicate
   * @throws LoyaltyException if the entry breaks a ledger rule; the ledger is then unchanged
   */
  public AppendResult append(LedgerEntry entry) {
    return appendAll(List.of(Checks.present("ledger", "entry", entry))).get(0);
  }

  /**
   * Appends entries in order, all or nothing: if any entry breaks a rule, none is appended.
   *
   * @param batch the entries
   * @return one result per entry
   * @throws LoyaltyException if an entry breaks a ledger rule; the ledger is then unchanged
   */
  public List<AppendResult> appendAll(List<? extends LedgerEntry> batch) {
    Checks.present("ledger", "entries", batch);
    undo.begin();
    try {
      List<AppendResult> results = new ArrayList<>(batch.size());
      for (int i = 0; i < batch.size(); i++) {
        results.add(appendOne(Checks.present("ledger", "entries[" + i + "]", batch.get(i))));
      }
      undo.commit();
      return results;
    } catch (RuntimeException e) {
      undo.rollback();
      throw e;
    }
  }

  private AppendResult appendOne(LedgerEntry entry) {
    if (!entry.memberId().equals(memberId)) {
      throw new InvalidValueException(SUBJECT, "memberId", entry.memberId(), "member " + memberId + " of this ledger");
    }
    if (base != null && entry.occurredAt().isBefore(base.horizon())) {
      // Its key may be one the checkpoint dropped: appending could credit a redelivered entry twice.
      throw new BeyondHorizonException(SUBJECT, "occurredAt", entry.occurredAt(), base.horizon(),
          "the horizon of the checkpoint this ledger was rebuilt from");
    }
    if (lifetimeKeys.contains(entry.key())) {
      throw new BeyondHorizonException(SUBJECT, "key", entry.key(), base.horizon(),
          "this key belongs to an entry before that horizon, which the checkpoint kept only as used");
    }
    String target = targetKey(entry);
    if (base != null && target != null && !byKey.containsKey(target) && lots.snapshot(target).isEmpty()) {
      throw new BeyondHorizonException(SUBJECT, "target", target, base.horizon(),
          "the key of an entry since the horizon of the checkpoint this ledger was rebuilt from, or of a lot it kept");
    }
    LedgerEntry existing = byKey.get(entry.key());
    if (existing != null) {
      if (existing.equals(entry)) {
        return AppendResult.DUPLICATE;
      }
      throw new DuplicateEventException(entry.key(), existing, entry);
    }
    if (entry instanceof LedgerEntry.Earned earned) {
      applyEarned(earned);
    } else if (entry instanceof LedgerEntry.Released released) {
      lots.release(released);
    } else if (entry instanceof LedgerEntry.Redeemed redeemed) {
      lots.redeem(redeemed);
    } else if (entry instanceof LedgerEntry.RedemptionCancelled cancelled) {
      lots.cancelRedemption(cancelled);
    } else if (entry instanceof LedgerEntry.Expired expired) {
      lots.expire(expired);
    } else if (entry instanceof LedgerEntry.ClawedBack clawedBack) {
      applyClawedBack(clawedBack);
    } else if (entry instanceof LedgerEntry.Adjusted adjusted) {
      lots.adjust(adjusted);
    } else if (entry instanceof LedgerEntry.StoreCreditEntry credit) {
      applyCredit(credit);
    } else if (entry instanceof LedgerEntry.RewardGranted) {
      // A reward changes no balance and opens no lot: its key alone makes it once-only.
    } else if (entry instanceof LedgerEntry.RewardRevoked revoked) {
      checkRevocation(revoked);
    } else {
      throw new IllegalStateException("unknown entry kind " + entry.getClass());
    }
    entries.add(entry);
    undo.add(() -> entries.remove(entries.size() - 1));
    byKey.put(entry.key(), entry);
    undo.add(() -> byKey.remove(entry.key()));
    long delta = entry.points().value();
    setBalance(Checks.addPoints("ledger of member " + memberId, "balance", balance, delta));
    if (latest == null || entry.occurredAt().isAfter(latest)) {
      Instant before = latest;
      latest = entry.occurredAt();
      undo.add(() -> latest = before);
    }
    return AppendResult.APPENDED;
  }

  /**
   * Sets this empty ledger to a checkpoint: its lots, balance and debt as they are, its kept
   * entries indexed (keys, spend, order points, what was clawed back of each kept award) without
   * being applied again.
   */
  private void restore(LedgerCheckpoint checkpoint) {
    undo.begin();
    lots.restore(checkpoint);
    balance = checkpoint.balance().value();
    spendCurrency = checkpoint.spendCurrency().orElse(null);
    firstQualifyingOrder = checkpoint.firstQualifyingOrder().orElse(null);
    for (LedgerEntry entry : checkpoint.entries()) {
      if (entry instanceof LedgerEntry.Earned earned) {
        applyEarned(earned, true);
      } else if (entry instanceof LedgerEntry.StoreCreditEntry credit) {
        // A checkpoint keeps every store-credit entry, so the credit lots are rebuilt from them.
        applyCredit(credit);
      } else if (entry instanceof LedgerEntry.ClawedBack clawedBack
          && byKey.get(clawedBack.earnedKey()) instanceof LedgerEntry.Earned earned) {
        // A clawback of an award before the horizon is kept for its key only.
        reversals.check(earned, clawedBack);
        reversals.record(clawedBack);
        SpendRecord record = spendByEarnedKey.get(earned.key());
        record.net = record.net.subtract(clawedBack.spend().amount());
        addToMap(reversedBySource, earned.provenance().sourceEventId(), clawedBack.reversedPoints().value());
      }
      entries.add(entry);
      byKey.put(entry.key(), entry);
    }
    undo.commit();
    lifetimeKeys.addAll(checkpoint.lifetimeKeys());
    tailStart = entries.size();
    latest = checkpoint.asOf();
    base = checkpoint;
  }

  private void applyEarned(LedgerEntry.Earned e) {
    applyEarned(e, false);
  }

  /** Indexes an award; unless {@code restoring} a checkpoint (which holds its lot), opens its lot too. */
  private void applyEarned(LedgerEntry.Earned e, boolean restoring) {
    requireSpendCurrency("spend", e.spend());
    if (e.points().isPositive() && !restoring) {
      lots.open(e.key(), e.provenance().sourceEventId(), e.occurredAt(), e.points().value(),
          e.pendingUntil().orElse(null), e.expiresAt().orElse(null));
    }
    addToMap(earnedBySource, e.provenance().sourceEventId(), e.points().value());
    SpendRecord record = new SpendRecord(e.occurredAt(), e.spend().amount());
    spendRecords.add(record);
    undo.add(() -> spendRecords.remove(spendRecords.size() - 1));
    spendByEarnedKey.put(e.key(), record);
    undo.add(() -> spendByEarnedKey.remove(e.key()));
    EntryKey key = EntryKey.parse(e.key());
    if (key instanceof EntryKey.OrderEarning) {
      long before = orderPointsByInstant.getOrDefault(e.occurredAt(), 0L);
      orderPointsByInstant.put(e.occurredAt(),
          Checks.addPoints("ledger of member " + memberId, "points earned by orders at " + e.occurredAt(), before, e.points().value()));
      undo.add(() -> {
        if (before == 0) {
          orderPointsByInstant.remove(e.occurredAt());
        } else {
          orderPointsByInstant.put(e.occurredAt(), before);
        }
      });
    }
    if (key instanceof EntryKey.OrderBase && e.spend().isPositive() && firstQualifyingOrder == null && !restoring) {
      firstQualifyingOrder = e;
      undo.add(() -> firstQualifyingOrder = null);
    }
  }

  /** A revocation names a grant of this ledger, repeats its reward and quantity, and is keyed by it: once per grant. */
  private void checkRevocation(LedgerEntry.RewardRevoked e) {
    if (!(byKey.get(e.grantKey()) instanceof LedgerEntry.RewardGranted grant)) {
      throw new UnknownEntryException("reward-revoked entry", "grantKey", e.grantKey(),
          "the key of a reward-granted entry of member " + memberId);
    }
    String expectedKey = EntryKey.rewardRevocation(EntryKey.parse(grant.key())).text();
    Checks.check(e.key().equals(expectedKey), "reward-revoked entry", "key", e.key(), expectedKey);
    Checks.check(e.reward().equals(grant.reward()) && e.quantity() == grant.quantity(), "reward-revoked entry",
        "reward/quantity", e.reward() + "/" + e.quantity(), grant.reward() + "/" + grant.quantity() + " as granted");
  }

  private void applyClawedBack(LedgerEntry.ClawedBack e) {
    LedgerEntry target = byKey.get(e.earnedKey());
    if (!(target instanceof LedgerEntry.Earned earned)) {
      throw new UnknownEntryException("clawed-back entry", "earnedKey", e.earnedKey(), "the key of an earned entry of member " + memberId);
    }
    requireSpendCurrency("spend", e.spend());
    reversals.check(earned, e);
    ClawbackPlan plan = planClawback(e.earnedKey(), e.reversedPoints(), e.occurredAt());
    if (!plan.collected().equals(e.points().negated()) || !plan.uncollected().equals(e.uncollected())) {
      throw new InvalidValueException("clawed-back entry", "points/uncollected", e.points() + "/" + e.uncollected(),
          "-" + plan.collected() + "/" + plan.uncollected() + " as planned by PointLedger.planClawback");
    }
    lots.collectClawback(earned.key(), e.reversedPoints().value(), e.occurredAt());
    reversals.record(e);
    long points = e.reversedPoints().value();
    BigDecimal spend = e.spend().amount();
    SpendRecord record = spendByEarnedKey.get(e.earnedKey());
    BigDecimal netBefore = record.net;
    record.net = record.net.subtract(spend);
    undo.add(() -> record.net = netBefore);
    addToMap(reversedBySource, earned.provenance().sourceEventId(), points);
  }

  // ---------------------------------------------------------------- planning

  /**
   * Plans a clawback of {@code points} of the earned entry {@code earnedKey} at {@code at}: the part
   * still in that entry's lot is deducted, the part of the lot that already expired is forgiven
   * (the member lost those points once), and the rest is deducted from other lots, oldest first,
   * then by {@link #policy()}: as debt, or as uncollected.
   *
   * @param earnedKey the key of an {@link LedgerEntry.Earned} entry
   * @param points the points to reverse, ≥ 0
   * @param at when the clawback happens
   * @return the split between collected and uncollected
   * @throws ClawbackExceedsEarnedException if more would be reversed than the entry earned
   */
  public ClawbackPlan planClawback(String earnedKey, Points points, Instant at) {
    Checks.present("clawback", "points", points);
    Checks.present("clawback", "at", at);
    Checks.check(!points.isNegative(), "clawback", "points", points, "≥ 0");
    LedgerEntry target = byKey.get(earnedKey);
    if (!(target instanceof LedgerEntry.Earned earned)) {
      throw new UnknownEntryException("clawback", "earnedKey", earnedKey, "the key of an earned entry of member " + memberId);
    }
    long already = reversedPoints(earnedKey).value();
    long reversible = earned.points().value() - already;
    if (points.value() > reversible) {
      throw new ClawbackExceedsEarnedException(earnedKey, "points", points, reversible);
    }
    return lots.planClawback(earnedKey, points.value(), at);
  }

  /**
   * Lists the lots with points left whose expiry is at or before {@code asOf}, oldest first: what an
   * expiry run as of that instant must expire. After their {@link LedgerEntry.Expired} entries are
   * appended, the same call returns nothing.
   *
   * @param asOf the instant of the expiry run
   * @return the lots due to expire
   */
  public List<PointLot> lotsDueToExpire(Instant asOf) {
    Checks.present("expiry", "asOf", asOf);
    return lots.dueToExpire(asOf);
  }

  // ---------------------------------------------------------------- views

  /**
   * The points that expire soon: those left in lots (spendable or pending) that expire after {@code
   * asOf} and at or before {@code until}, per expiry instant. With no entry in between, an expiry
   * run at {@code until} takes exactly these (and what was already due at {@code asOf}).
   *
   * @param asOf the instant to look ahead from, in {@link Limits}' range
   * @param until the end of the window (inclusive), not before {@code asOf}, in {@link Limits}' range
   * @return the expiring points, exact
   * @throws InvalidValueException if an instant is missing or out of range, or {@code until} is
   *     before {@code asOf}
   */
  public ExpiringPoints expiringSoon(Instant asOf, Instant until) {
    Checks.instant("ledger", "asOf", asOf);
    Checks.instant("ledger", "until", until);
    Checks.check(!until.isBefore(asOf), "ledger", "until", until, "not before asOf " + asOf);
    List<ExpiringPoints.Batch> batches = new ArrayList<>();
    lots.expiringBetween(asOf, until).forEach((at, points) -> batches.add(new ExpiringPoints.Batch(at, Points.of(points))));
    return new ExpiringPoints(asOf, until, batches);
  }

  /** {@return the sum of all entries' points (pending and debt included)} */
  public Points balance() {
    return Points.of(balance);
  }

  /**
   * Points spendable at {@code instant}: released, unexpired lots, less debt. Negative only under
   * {@link NegativeBalancePolicy#ALLOW_DEBT}.
   *
   * @param instant the instant
   * @return the available points
   */
  public Points available(Instant instant) {
    Checks.present("ledger", "instant", instant);
    return Points.of(lots.availableAt(instant, Long.MAX_VALUE));
  }

  /**
   * Points still pending at {@code instant} (credited, not yet released, not expired).
   *
   * @param instant the instant
   * @return the pending points
   */
  public Points pending(Instant instant) {
    Checks.present("ledger", "instant", instant);
    return Points.of(lots.pendingAt(instant));
  }

  /** {@return the points owed: clawed back after they had been spent, not yet repaid} */
  public Points debt() {
    return Points.of(lots.debt());
  }

  /** {@return every lot, in the order credited, including empty ones} */
  public List<PointLot> lots() {
    return lots.snapshots();
  }

  /**
   * {@return the lot that entry opened, if it opened one}
   *
   * @param key an entry key
   */
  public Optional<PointLot> lot(String key) {
    return lots.snapshot(key);
  }

  /** {@return every entry in the order appended (an unmodifiable live view)} */
  public List<LedgerEntry> entries() {
    return Collections.unmodifiableList(entries);
  }

  /** {@return the number of entries} */
  public int size() {
    return entries.size();
  }

  /**
   * {@return the entry with that key, if present}
   *
   * @param key an idempotency key
   */
  public Optional<LedgerEntry> entry(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  /**
   * Tells whether an entry with that key is present.
   *
   * @param key an idempotency key
   * @return whether an entry with that key is present (for a ledger rebuilt from a checkpoint, also
   *     a lifetime bonus's key it holds only as used: {@link LedgerCheckpoint#lifetimeKeys()})
   */
  public boolean contains(String key) {
    return byKey.containsKey(key) || lifetimeKeys.contains(key);
  }

  /**
   * {@return the entry with that key, if present}
   *
   * @param key a typed idempotency key
   */
  public Optional<LedgerEntry> entry(EntryKey key) {
    return entry(Checks.present("ledger", "key", key).text());
  }

  /**
   * {@return whether an entry with that key is present}
   *
   * @param key a typed idempotency key
   */
  public boolean contains(EntryKey key) {
    return contains(Checks.present("ledger", "key", key).text());
  }

  /**
   * The base entry of the first order (in append order) that recorded qualifying spend: a member
   * with none has not placed a qualifying first order yet. Constant time.
   *
   * @return that entry, if any
   */
  public Optional<LedgerEntry.Earned> firstQualifyingOrder() {
    return Optional.ofNullable(firstQualifyingOrder);
  }

  /**
   * The points orders earned (every {@link EntryKey.OrderEarning} entry: base, campaign extras and
   * order bonuses, as credited) at instants on one local date. Logarithmic in the ledger's size.
   *
   * @param date the local date
   * @param zone the zone that says which instants fall on {@code date}
   * @return the sum, which may be zero
   * @throws InvalidValueException if {@code date} is outside {@link Limits}' date range
   * @throws PointsOverflowException if the sum does not fit in a {@code long}
   * @throws BeyondHorizonException if the date starts before the {@link #horizon()}
   */
  public Points earnedByOrdersOn(LocalDate date, ZoneId zone) {
    Checks.date("ledger", "date", date);
    Checks.present("ledger", "zone", zone);
    Instant from = date.atStartOfDay(zone).toInstant();
    Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
    if (base != null && from.isBefore(base.horizon())) {
      throw new BeyondHorizonException("ledger", "date", date, base.horizon(),
          "a date starting at or after the horizon of the checkpoint this ledger was rebuilt from");
    }
    long sum = 0;
    for (long points : orderPointsByInstant.subMap(from, true, to, false).values()) {
      sum = Checks.addPoints("ledger of member " + memberId, "points earned by orders on " + date, sum, points);
    }
    return Points.of(sum);
  }

  /**
   * {@return the earned entries that event produced, in append order}
   *
   * @param sourceEventId an event id, e.g. an order id
   */
  public List<LedgerEntry.Earned> earnedFrom(String sourceEventId) {
    List<LedgerEntry.Earned> result = new ArrayList<>();
    if (!earnedBySource.containsKey(sourceEventId)) {
      return result;
    }
    for (LedgerEntry entry : entries) {
      if (entry instanceof LedgerEntry.Earned earned && earned.provenance().sourceEventId().equals(sourceEventId)) {
        result.add(earned);
      }
    }
    return result;
  }

  /**
   * {@return the points earned entries of that event credited}
   *
   * @param sourceEventId an event id, e.g. an order id
   */
  public Points earnedPoints(String sourceEventId) {
    return Points.of(earnedBySource.getOrDefault(sourceEventId, 0L));
  }

  /**
   * {@return the points clawed back (collected plus uncollected) from that event's earned entries}
   *
   * @param sourceEventId an event id, e.g. an order id
   */
  public Points reversedPointsOfSource(String sourceEventId) {
    return Points.of(reversedBySource.getOrDefault(sourceEventId, 0L));
  }

  /**
   * The points redeemed at checkout against one order, net of cancellations: the redemption
   * policy's order limits apply to this total. A ledger rebuilt from a checkpoint answers the same,
   * because a checkpoint keeps every checkout redemption.
   *
   * @param orderId the checkout's order id
   * @return the points still redeemed against that order, ≥ 0
   * @throws InvalidValueException if the order id is missing or blank
   */
  public Points redeemedAgainst(String orderId) {
    Checks.nonBlank("ledger of member " + memberId, "orderId", orderId);
    Set<String> redemptions = new HashSet<>();
    long net = 0;
    for (LedgerEntry entry : entries) {
      if (entry instanceof LedgerEntry.Redeemed r && r.checkoutOrderId().filter(orderId::equals).isPresent()) {
        redemptions.add(r.key());
        net = Checks.addPoints("ledger of member " + memberId, "redeemedAgainst " + orderId, net, -r.points().value());
      } else if (entry instanceof LedgerEntry.RedemptionCancelled c && redemptions.contains(c.redemptionKey())) {
        net = Checks.addPoints("ledger of member " + memberId, "redeemedAgainst " + orderId, net, -c.points().value());
      }
    }
    return Points.of(net);
  }

  /**
   * {@return the points clawed back from it so far (collected plus uncollected)}
   *
   * @param earnedKey the key of an earned entry
   */
  public Points reversedPoints(String earnedKey) {
    return Points.of(reversals.points(earnedKey));
  }

  /**
   * Per-line totals clawed back so far from one earned entry: quantity, points and spend reversed.
   *
   * @param earnedKey the key of an earned entry
   * @return line id to the cumulative reversed share, for lines with any reversal
   */
  public Map<String, LineShare> reversedLines(String earnedKey) {
    return reversals.lines(earnedKey, spendCurrency);
  }

  /**
   * Qualifying spend of earned entries that occurred in {@code [from, to]}, net of the spend later
   * clawed back from them (a refund reduces the spend of the order it refunds, not of the day it
   * happened).
   *
   * @param from the start of the window, inclusive
   * @param to the end of the window, inclusive
   * @param currency the programme currency (the result's currency when the ledger has no spend yet)
   * @return the net qualifying spend
   * @throws CurrencyMismatchException if the ledger's spend is in another currency
   * @throws BeyondHorizonException if {@code from} is before the {@link #horizon()}
   */
  public Money qualifyingSpend(Instant from, Instant to, Currency currency) {
    Checks.present("ledger", "from", from);
    Checks.present("ledger", "to", to);
    Checks.present("ledger", "currency", currency);
    if (spendCurrency != null && !spendCurrency.equals(currency)) {
      throw new CurrencyMismatchException("ledger", "currency", spendCurrency, currency);
    }
    if (base != null && from.isBefore(base.horizon())) {
      throw new BeyondHorizonException("ledger", "from", from, base.horizon(),
          "the horizon of the checkpoint this ledger was rebuilt from: no spend before it is kept");
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (SpendRecord record : spendRecords) {
      if (!record.at.isBefore(from) && !record.at.isAfter(to)) {
        sum = sum.add(record.net);
      }
    }
    return Money.of(sum, currency);
  }

  // ---------------------------------------------------------------- store credit

  /**
   * The member's store credit (購物金): the sum of every store-credit entry's {@link
   * LedgerEntry.StoreCreditEntry#credit()}, expired-but-not-yet-run lots included. Store credit is a
   * second balance kind, kept apart from points: no store-credit entry changes {@link #balance()},
   * a point lot or qualifying spend, and no point entry changes store credit; nothing converts one
   * into the other.
   *
   * <p>What an append of a store-credit entry guarantees, besides exactly-once keys and all or
   * nothing:
   *
   * <ul>
   *   <li><b>Never negative.</b> A {@link LedgerEntry.CreditSpent} takes at most the credit available
   *       at its instant ({@link InsufficientStoreCreditException} otherwise); a clawback of credit
   *       already spent or expired is recorded as uncollected, never as debt.
   *   <li><b>Oldest first.</b> Spends consume unexpired lots by grant instant, then earliest expiry
   *       (a lot that never expires last), then append order.
   *   <li><b>One currency.</b> Every credit entry is in the currency of the first, which is also the
   *       currency of the ledger's qualifying spend ({@link CurrencyMismatchException}).
   *   <li><b>Within its lot.</b> A cancellation gives back exactly what its spend took, to the lots
   *       it took it from; an expiry takes at most a due lot's remainder; a clawback reverses at most
   *       what its grant granted, as {@link #planCreditClawback} plans.
   * </ul>
   *
   * @param currency the programme currency (the result's currency while the ledger has no credit)
   * @return the store-credit balance, ≥ 0
   * @throws CurrencyMismatchException if the ledger's credit is in another currency
   */
  public Money storeCredit(java.util.Currency currency) {
    return Money.of(credits.balance(), creditCurrency(currency));
  }

  /**
   * Store credit spendable at {@code instant}: the remainder of the lots not expired by then.
   *
   * @param instant the instant
   * @param currency the programme currency (the result's currency while the ledger has no credit)
   * @return the available store credit, ≥ 0
   * @throws CurrencyMismatchException if the ledger's credit is in another currency
   */
  public Money storeCreditAvailable(Instant instant, java.util.Currency currency) {
    Checks.present("ledger", "instant", instant);
    return Money.of(credits.available(instant), creditCurrency(currency));
  }

  /** {@return every store-credit lot, in the order granted, including empty ones} */
  public List<CreditLot> creditLots() {
    return credits.snapshots();
  }

  /**
   * {@return the store-credit lot that grant opened, if there is one}
   *
   * @param grantKey the key of a {@link LedgerEntry.CreditGranted} entry
   */
  public Optional<CreditLot> creditLot(String grantKey) {
    return credits.snapshot(grantKey);
  }

  /**
   * Lists the store-credit lots with credit left whose expiry is at or before {@code asOf}, in the
   * order granted: what an expiry run as of that instant must expire.
   *
   * @param asOf the instant of the expiry run
   * @return the lots due to expire
   */
  public List<CreditLot> creditLotsDueToExpire(Instant asOf) {
    Checks.present("expiry", "asOf", asOf);
    return credits.dueToExpire(asOf);
  }

  /**
   * {@return the store credit a spend took (zero once it was cancelled), if the ledger holds that spend}
   *
   * @param spendKey the key of a {@link LedgerEntry.CreditSpent} entry
   */
  public Optional<Money> creditSpent(String spendKey) {
    return credits.spent(spendKey).map(amount -> Money.of(amount, credits.currency().orElseThrow()));
  }

  /**
   * {@return the store credit clawbacks reversed of a grant so far (collected plus uncollected)}
   *
   * @param grantKey the key of a {@link LedgerEntry.CreditGranted} entry
   * @param currency the programme currency
   * @throws CurrencyMismatchException if the ledger's credit is in another currency
   */
  public Money reversedCredit(String grantKey, java.util.Currency currency) {
    return Money.of(credits.reversedOf(grantKey), creditCurrency(currency));
  }

  /**
   * Plans a clawback of {@code amount} of the grant {@code grantKey} at {@code at}: what is left in
   * the grant's own lot is deducted first, then credit of other lots unexpired at {@code at} in
   * spending order; the rest (already spent or expired) is uncollected, since store credit never
   * goes below zero.
   *
   * @param grantKey the key of a {@link LedgerEntry.CreditGranted} entry
   * @param amount the credit to reverse, &gt; 0, at most what the grant granted less what was
   *     already reversed
   * @param at when the clawback happens
   * @return the split between collected and uncollected
   * @throws UnknownEntryException if there is no such grant
   * @throws InvalidValueException if {@code amount} is not positive or exceeds what can be reversed
   * @throws CurrencyMismatchException if {@code amount} is in another currency than the credit
   */
  public CreditClawbackPlan planCreditClawback(String grantKey, Money amount, Instant at) {
    Checks.present("credit clawback", "amount", amount);
    Checks.present("credit clawback", "at", at);
    Checks.check(amount.isPositive(), "credit clawback", "amount", amount, "> 0");
    Optional<CreditLot> lot = credits.snapshot(Checks.present("credit clawback", "grantKey", grantKey));
    if (lot.isEmpty()) {
      throw new UnknownEntryException("credit clawback", "grantKey", grantKey, "the key of a credit grant of member " + memberId);
    }
    if (!amount.currency().equals(lot.get().original().currency())) {
      throw new CurrencyMismatchException("credit clawback", "amount", lot.get().original().currency(), amount.currency());
    }
    BigDecimal reversible = lot.get().original().amount().subtract(credits.reversedOf(grantKey));
    Checks.check(amount.amount().compareTo(reversible) <= 0, "credit clawback", "amount", amount,
        "at most the " + reversible + " of grant " + grantKey + " not yet clawed back");
    return credits.planClawback(grantKey, amount.amount(), at);
  }

  private java.util.Currency creditCurrency(java.util.Currency currency) {
    Checks.present("ledger", "currency", currency);
    if (credits.currency().isPresent() && !credits.currency().get().equals(currency)) {
      throw new CurrencyMismatchException("ledger", "currency", credits.currency().get(), currency);
    }
    return currency;
  }

  /**
   * {@return the rewards granted and not revoked, in the order they were granted: what the host still
   * owes or has handed over}
   */
  public List<LedgerEntry.RewardGranted> outstandingRewards() {
    Set<String> revoked = new HashSet<>();
    for (LedgerEntry entry : entries) {
      if (entry instanceof LedgerEntry.RewardRevoked r) {
        revoked.add(r.grantKey());
      }
    }
    List<LedgerEntry.RewardGranted> out = new ArrayList<>();
    for (LedgerEntry entry : entries) {
      if (entry instanceof LedgerEntry.RewardGranted g && !revoked.contains(g.key())) {
        out.add(g);
      }
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return "PointLedger[member=" + memberId + ", entries=" + entries.size() + ", balance=" + balance + ", debt=" + lots.debt() + "]";
  }

  // ---------------------------------------------------------------- internals

  /** The key of the entry or lot {@code entry} acts on, if it acts on one. */
  private static String targetKey(LedgerEntry entry) {
    if (entry instanceof LedgerEntry.ClawedBack c) {
      return c.earnedKey();
    } else if (entry instanceof LedgerEntry.Released r) {
      return r.lotKey();
    } else if (entry instanceof LedgerEntry.Expired x) {
      return x.lotKey();
    } else if (entry instanceof LedgerEntry.RedemptionCancelled rc) {
      return rc.redemptionKey();
    } else if (entry instanceof LedgerEntry.RewardRevoked rr) {
      return rr.grantKey();
    }
    return null;
  }

  private void setBalance(long value) {
    long before = balance;
    balance = value;
    undo.add(() -> balance = before);
  }

  private void addToMap(Map<String, Long> map, String key, long delta) {
    Long before = map.get(key);
    map.put(key, Checks.addPoints("ledger of member " + memberId, "points of event " + key, before == null ? 0 : before, delta));
    undo.add(() -> {
      if (before == null) {
        map.remove(key);
      } else {
        map.put(key, before);
      }
    });
  }

  /** Store credit shares the programme currency with spend, and touches nothing of the points. */
  private void applyCredit(LedgerEntry.StoreCreditEntry entry) {
    if (spendCurrency != null && !spendCurrency.equals(entry.credit().currency())) {
      throw new CurrencyMismatchException(SUBJECT, "credit", spendCurrency, entry.credit().currency());
    }
    credits.apply(entry);
  }

  private void requireSpendCurrency(String field, Money spend) {
    if (credits.currency().isPresent() && !credits.currency().get().equals(spend.currency())) {
      throw new CurrencyMismatchException(SUBJECT, field, credits.currency().get(), spend.currency());
    }
    if (spendCurrency == null) {
      spendCurrency = spend.currency();
      undo.add(() -> spendCurrency = null);
    } else if (!spendCurrency.equals(spend.currency())) {
      throw new CurrencyMismatchException(SUBJECT, field, spendCurrency, spend.currency());
    }
  }

  /** The qualifying spend an earned entry still contributes. */
  private static final class SpendRecord {
    final Instant at;
    BigDecimal net;

    SpendRecord(Instant at, BigDecimal net) {
      this.at = Objects.requireNonNull(at);
      this.net = net;
    }
  }
}
