package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * Adds the member-facing {@code expiring-soon: } notice to a decision: the member's points that
 * expire within the programme's {@linkplain Programme#expiryWarning() warning window} once the
 * decision's own entries are on the ledger (a redemption spends the oldest points first, so it can
 * take the warning away; an order's new lot can add to it). The rule engine calls it for every
 * decision; a host deciding ledger-only events itself can too.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class ExpiryNotices {
  private ExpiryNotices() {}

  /**
   * {@return the points that expire within the warning window after {@code asOf}, once the
   * decision's entries for the ledger's member are applied to a copy of it; empty when the
   * programme warns of nothing or the window ends past {@link Limits}' range}
   *
   * @param decision the decision, not yet appended
   * @param ledger the member's ledger as the decision was taken on it (left unchanged)
   * @param programme the programme (warning window and zone)
   * @param asOf the event's instant, in {@link Limits}' range
   * @throws InvalidValueException if an argument is missing or out of range
   * @throws PointsOverflowException if the decision's credits would not fit the member's lots
   */
  public static ExpiringPoints after(Decision decision, PointLedger ledger, Programme programme, Instant asOf) {
    Checks.present("expiry notice", "decision", decision);
    Checks.present("expiry notice", "ledger", ledger);
    Checks.present("expiry notice", "programme", programme);
    Checks.instant("expiry notice", "asOf", asOf);
    ExpiringPoints none = new ExpiringPoints(asOf, asOf, List.of());
    if (programme.expiryWarning().isEmpty()) {
      return none;
    }
    Instant until = asOf.atZone(programme.zone()).plus(programme.expiryWarning().get()).toInstant();
    if (!Limits.isWithinRange(until)) {
      return none;
    }
    ExpiringPoints before = ledger.expiringSoon(asOf, until);
    List<LedgerEntry> mine = decision.entriesFor(ledger.memberId());
    SortedMap<Instant, Long> newLots = new TreeMap<>();
    boolean onlyCredits = ledger.debt().isZero();
    for (LedgerEntry entry : mine) {
      if (entry instanceof LedgerEntry.Earned && entry.points().isZero()) {
        continue; // an order's zero base entry opens an empty lot
      }
      Optional<Instant> expiresAt = creditExpiry(entry);
      if (expiresAt.isPresent()) {
        if (expiresAt.get().isAfter(asOf) && !expiresAt.get().isAfter(until)) {
          newLots.merge(expiresAt.get(), entry.points().value(), (a, b) -> Checks.addPoints("expiry notice", "points", a, b));
        }
      } else if (!(entry instanceof LedgerEntry.Released) && !(entry instanceof LedgerEntry.Expired)) {
        // Released moves no points; Expired takes only lots due at or before asOf, which the
        // window leaves out. Anything else changes what is left in lots that may be in it.
        onlyCredits = false;
      }
    }
    if (onlyCredits) {
      if (newLots.isEmpty()) {
        return before;
      }
      SortedMap<Instant, Long> all = new TreeMap<>(newLots);
      for (ExpiringPoints.Batch batch : before.batches()) {
        all.merge(batch.expiresAt(), batch.points().value(), (a, b) -> Checks.addPoints("expiry notice", "points", a, b));
      }
      List<ExpiringPoints.Batch> batches = new ArrayList<>();
      all.forEach((at, points) -> batches.add(new ExpiringPoints.Batch(at, Points.of(points))));
      return new ExpiringPoints(asOf, until, batches);
    }
    // Debits can only shrink what expires, unless a cancelled redemption puts points back.
    boolean canGrow = !newLots.isEmpty() || mine.stream().anyMatch(e -> e instanceof LedgerEntry.RedemptionCancelled);
    if (before.isEmpty() && !canGrow) {
      return before;
    }
    PointLedger then = ledger.copy();
    then.appendAll(mine);
    return then.expiringSoon(asOf, until);
  }

  /**
   * {@return the decision with the {@code expiring-soon: } notice added at the end of its notices,
   * when the member has points expiring within the warning window (see {@link #after}); otherwise
   * the decision itself}
   *
   * @param decision the decision, not yet appended
   * @param ledger the member's ledger as the decision was taken on it (left unchanged)
   * @param programme the programme (warning window and zone)
   * @param asOf the event's instant, in {@link Limits}' range
   * @throws InvalidValueException if an argument is missing or out of range
   * @throws PointsOverflowException if the decision's credits would not fit the member's lots
   */
  public static Decision withNotice(Decision decision, PointLedger ledger, Programme programme, Instant asOf) {
    Optional<String> notice = after(decision, ledger, programme, asOf).notice(programme.zone());
    if (notice.isEmpty()) {
      return decision;
    }
    List<String> notices = new ArrayList<>(decision.notices());
    notices.add(notice.get());
    return new Decision(decision.eventId(), decision.ruleBaseVersion(), decision.entries(), decision.tierChange(),
        decision.firedRules(), notices);
  }

  /** The expiry of the lot a credit opens; empty for entries that open none or never expire. */
  private static Optional<Instant> creditExpiry(LedgerEntry entry) {
    if (entry instanceof LedgerEntry.Earned e && e.points().isPositive()) {
      return e.expiresAt().isPresent() ? e.expiresAt() : Optional.of(Instant.MAX);
    }
    if (entry instanceof LedgerEntry.Adjusted a && a.points().isPositive()) {
      return a.expiresAt().isPresent() ? a.expiresAt() : Optional.of(Instant.MAX);
    }
    return Optional.empty();
  }
}
