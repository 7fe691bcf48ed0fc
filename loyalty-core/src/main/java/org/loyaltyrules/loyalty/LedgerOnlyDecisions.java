package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * Decides the events that only move points already on the ledger: a redemption, its cancellation,
 * the early release of pending points and an expiry run. No rule has a say in them (the programme's
 * settings do), so they live next to the ledger and need no rule base: a host or a test can decide
 * them with this class alone. The rules engine calls it for these events after its own sanity checks.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class LedgerOnlyDecisions {
  private LedgerOnlyDecisions() {}

  /**
   * {@return whether it is one of the events this class decides}
   *
   * @param event an event
   */
  public static boolean handles(LoyaltyEvent event) {
    return event instanceof LoyaltyEvent.PointsRedeemed || event instanceof LoyaltyEvent.RedemptionCancelled
        || event instanceof LoyaltyEvent.PendingReleased || event instanceof LoyaltyEvent.ExpiryRun
        || event instanceof LoyaltyEvent.StoreCreditSpent || event instanceof LoyaltyEvent.StoreCreditSpendCancelled;
  }

  /**
   * Decides one ledger-only event. Changes nothing: the caller appends the entries.
   *
   * @param event a {@link LoyaltyEvent.PointsRedeemed}, {@link LoyaltyEvent.RedemptionCancelled},
   *     {@link LoyaltyEvent.PendingReleased}, {@link LoyaltyEvent.ExpiryRun}, {@link
   *     LoyaltyEvent.StoreCreditSpent} or {@link LoyaltyEvent.StoreCreditSpendCancelled} of the
   *     state's member
   * @param state the member and ledger it is decided on
   * @param programme the programme (its redemption policy: rates and limits)
   * @param version the version recorded on the decision and its entries
   * @return the decision
   * @throws InvalidValueException if an argument is missing, the event is of another kind or another
   *     member; a {@link RedemptionLimitException} if a redemption is outside its policy's limits (see
   *     {@link RedemptionQuotes}), a {@link LimitExceededException} if it spends more than the
   *     programme decides at once
   * @throws InsufficientPointsException if a redemption exceeds the points available
   * @throws InsufficientStoreCreditException if a store-credit spend exceeds the credit available
   * @throws CurrencyMismatchException if a store-credit spend is not in the programme currency
   * @throws UnknownEntryException if a cancelled redemption or store-credit spend is not on the ledger
   * @throws BeyondHorizonException if the ledger was rebuilt from a checkpoint and the event is
   *     dated before its horizon, cancels a redemption or releases an order it kept no detail of, or
   *     is an expiry run before the checkpoint's instant
   */
  public static Decision decide(LoyaltyEvent event, MemberState state, Programme programme, String version) {
    Checks.present("ledger-only decision", "event", event);
    Checks.present("ledger-only decision", "state", state);
    Checks.present("ledger-only decision", "programme", programme);
    Checks.nonBlank("ledger-only decision", "version", version);
    Checks.check(event.memberId().equals(state.member().id()), "ledger-only decision", "event.memberId",
        event.memberId(), "the state's member " + state.member().id());
    checkHorizon(event, state.ledger());
    if (event instanceof LoyaltyEvent.PointsRedeemed redeemed) {
      return pointsRedeemed(redeemed, state, programme, version);
    } else if (event instanceof LoyaltyEvent.RedemptionCancelled cancelled) {
      return redemptionCancelled(cancelled, state, version);
    } else if (event instanceof LoyaltyEvent.PendingReleased released) {
      return pendingReleased(released, state, version);
    } else if (event instanceof LoyaltyEvent.ExpiryRun run) {
      return expiryRun(run, state, version);
    } else if (event instanceof LoyaltyEvent.StoreCreditSpent spent) {
      return StoreCreditDecisions.spent(spent, state.ledger(), programme, state.member().id(), version);
    } else if (event instanceof LoyaltyEvent.StoreCreditSpendCancelled cancelled) {
      return StoreCreditDecisions.spendCancelled(cancelled, state.ledger(), state.member().id(), version);
    }
    throw new InvalidValueException("ledger-only decision", "event", event.getClass().getSimpleName(),
        "a points-redeemed, redemption-cancelled, pending-released or expiry-run event");
  }

  /**
   * Refuses what a ledger rebuilt from a checkpoint cannot decide as its full history would: the
   * keys and records such an event is checked against may have been dropped with the detail before
   * the horizon, and an expiry run before the checkpoint would need the lots as they were then.
   */
  private static void checkHorizon(LoyaltyEvent event, PointLedger ledger) {
    if (ledger.horizon().isEmpty()) {
      return;
    }
    Instant horizon = ledger.horizon().get();
    String why = "the horizon of the checkpoint the member's ledger was rebuilt from";
    String subject = subject(event);
    if (event.occurredAt().isBefore(horizon)) {
      throw new BeyondHorizonException(subject, "occurredAt", event.occurredAt(), horizon, why);
    }
    if (event instanceof LoyaltyEvent.RedemptionCancelled cancelled
        && !ledger.contains(EntryKey.redemption(cancelled.redemptionId()))) {
      throw new BeyondHorizonException(subject, "redemptionId", cancelled.redemptionId(), horizon,
          "a redemption the checkpoint kept: one since " + why);
    }
    // A checkpoint keeps every store-credit entry, so a spend to cancel is never beyond its horizon.
    if (event instanceof LoyaltyEvent.PendingReleased released && ledger.earnedFrom(released.orderId()).isEmpty()) {
      throw new BeyondHorizonException(subject, "orderId", released.orderId(), horizon,
          "an order the checkpoint kept: one paid since " + why);
    }
    Instant asOf = ledger.checkpointAsOf().orElseThrow();
    if (event instanceof LoyaltyEvent.ExpiryRun && event.occurredAt().isBefore(asOf)) {
      throw new BeyondHorizonException(subject, "occurredAt", event.occurredAt(), asOf,
          "the instant of the checkpoint the member's ledger was rebuilt from: a run before it needs the lots as they were");
    }
  }

  private static String subject(LoyaltyEvent event) {
    return event instanceof LoyaltyEvent.PointsRedeemed ? "points-redeemed event"
        : event instanceof LoyaltyEvent.RedemptionCancelled ? "redemption-cancelled event"
        : event instanceof LoyaltyEvent.PendingReleased ? "pending-released event"
        : event instanceof LoyaltyEvent.ExpiryRun ? "expiry-run event"
        : event instanceof LoyaltyEvent.StoreCreditSpent ? "store-credit-spent event"
        : event instanceof LoyaltyEvent.StoreCreditSpendCancelled ? "store-credit-spend-cancelled event" : "event";
  }

  private static Decision pointsRedeemed(LoyaltyEvent.PointsRedeemed event, MemberState state, Programme programme,
      String version) {
    PointLedger ledger = state.ledger();
    EntryKey key = EntryKey.redemption(event.eventId());
    if (ledger.contains(key)) {
      return nothing(event.eventId(), version, "redemption " + event.eventId() + " was already decided");
    }
    // The same assessment a quote reports: a redemption is accepted exactly when it is within the quote.
    RedemptionQuote quote = RedemptionQuotes.check(programme, state, event);
    Money rate = quote.valuePerPoint();
    Money cash = rate.multipliedBy(BigDecimal.valueOf(event.points().value()), RoundingMode.DOWN);
    String against = event.checkout().map(c -> " against order " + c.orderId() + " of " + c.orderValue()).orElse("");
    LedgerEntry entry = new LedgerEntry.Redeemed(key.text(), state.member().id(), event.points().negated(),
        event.occurredAt(), new Provenance(event.eventId(), EngineRule.REDEEM, version, event.points()
            + " points redeemed for " + cash + " at " + rate + " per point" + against),
        cash, event.checkout().map(LoyaltyEvent.Checkout::orderId));
    return new Decision(event.eventId(), version, List.of(entry), Optional.empty(), List.of(), List.of());
  }

  private static Decision redemptionCancelled(LoyaltyEvent.RedemptionCancelled event, MemberState state, String version) {
    PointLedger ledger = state.ledger();
    EntryKey.RedemptionCancellation key = EntryKey.redemptionCancellation(event.redemptionId());
    Optional<LedgerEntry> redemption = ledger.entry(key.redemption());
    if (redemption.isEmpty() || !(redemption.get() instanceof LedgerEntry.Redeemed redeemed)) {
      throw new UnknownEntryException("redemption-cancelled event", "redemptionId", event.redemptionId(),
          "a redemption of member " + state.member().id());
    }
    if (ledger.contains(key)) {
      return nothing(event.eventId(), version, "redemption " + event.redemptionId() + " was already cancelled");
    }
    LedgerEntry entry = new LedgerEntry.RedemptionCancelled(key.text(), state.member().id(), redeemed.points().negated(),
        event.occurredAt(), new Provenance(event.eventId(), EngineRule.REDEEM_CANCEL, version, "redemption "
            + event.redemptionId() + " cancelled; " + redeemed.points().negated() + " points go back to their lots"),
        key.redemption().text());
    return new Decision(event.eventId(), version, List.of(entry), Optional.empty(), List.of(), List.of());
  }

  private static Decision pendingReleased(LoyaltyEvent.PendingReleased event, MemberState state, String version) {
    PointLedger ledger = state.ledger();
    List<LedgerEntry> entries = new ArrayList<>();
    for (LedgerEntry.Earned earned : ledger.earnedFrom(event.orderId())) {
      Optional<PointLot> lot = ledger.lot(earned.key());
      EntryKey key = EntryKey.release(EntryKey.parse(earned.key()));
      if (lot.isPresent() && lot.get().pendingUntil().isPresent() && lot.get().releasedAt().isEmpty()
          && !lot.get().isReleasedAt(event.occurredAt()) && !ledger.contains(key)) {
        entries.add(new LedgerEntry.Released(key.text(), state.member().id(), event.occurredAt(),
            new Provenance(event.eventId(), EngineRule.RELEASE, version, lot.get().remaining() + " points of "
                + earned.key() + " released before their pending period ended (" + lot.get().pendingUntil().get() + ")"),
            earned.key()));
      }
    }
    List<String> notices = entries.isEmpty()
        ? List.of("no pending points of order " + event.orderId() + " to release")
        : List.of();
    return new Decision(event.eventId(), version, entries, Optional.empty(), List.of(), notices);
  }

  private static Decision expiryRun(LoyaltyEvent.ExpiryRun event, MemberState state, String version) {
    // A redelivered run decides nothing new, even if a cancelled redemption has since put points
    // back into a lot it expired: the next run expires those, under its own keys.
    for (LedgerEntry earlier : state.ledger().entries()) {
      if ((earlier instanceof LedgerEntry.Expired || earlier instanceof LedgerEntry.CreditExpired)
          && earlier.provenance().sourceEventId().equals(event.eventId())) {
        return nothing(event.eventId(), version, "expiry run " + event.eventId() + " was already applied");
      }
    }
    Instant at = event.occurredAt();
    Optional<Map<String, Long>> remainingThen = remainingAsOf(state.ledger(), at);
    if (remainingThen.isEmpty()) {
      return nothing(event.eventId(), version, "expiry run " + event.eventId() + " at " + at
          + " is older than entries it cannot be ordered with; a later run expires what is due");
    }
    List<LedgerEntry> entries = new ArrayList<>();
    for (PointLot lot : state.ledger().lotsDueToExpire(at)) {
      // A run never expires, at its own instant, points that came back into a lot after it (a
      // cancelled redemption): a redelivered or late run sees the lot as it was then.
      long points = Math.min(lot.remaining().value(), remainingThen.get().getOrDefault(lot.key(), 0L));
      String key = EntryKey.expiry(EntryKey.parse(lot.key()), at).text();
      if (points == 0 || state.ledger().contains(key)) {
        // Another run at this same instant already expired this lot under this key; points a
        // cancelled redemption put back since are the next (later) run's, not a second entry here.
        continue;
      }
      entries.add(new LedgerEntry.Expired(key, state.member().id(),
          Points.of(-points), at,
          new Provenance(event.eventId(), EngineRule.EXPIRE, version, points + " of the " + lot.original()
              + " points credited at " + lot.createdAt() + " (" + lot.key() + ") expired at " + lot.expiresAt().orElseThrow()),
          lot.key()));
    }
    entries.addAll(StoreCreditDecisions.expired(event, state.ledger(), state.member().id(), version));
    return new Decision(event.eventId(), version, entries, Optional.empty(), List.of(), List.of());
  }

  /**
   * What each lot due to expire held at {@code at}, by lot key: the ledger's own lots when nothing
   * in it is later than {@code at} (the usual run, at "now"); otherwise the lots of the entries up to
   * {@code at}, replayed. Empty when those entries cannot be replayed on their own (an entry before
   * {@code at} that refers to a later one), so a run that cannot tell expires nothing.
   */
  private static Optional<Map<String, Long>> remainingAsOf(PointLedger ledger, Instant at) {
    boolean later = false;
    for (LedgerEntry entry : ledger.entries()) {
      later |= entry.occurredAt().isAfter(at);
    }
    PointLedger then;
    if (!later) {
      then = ledger;
    } else {
      try {
        then = ledger.replayUpTo(at);
      } catch (LoyaltyException e) {
        return Optional.empty();
      }
    }
    Map<String, Long> remaining = new HashMap<>();
    for (PointLot lot : then.lotsDueToExpire(at)) {
      remaining.put(lot.key(), lot.remaining().value());
    }
    return Optional.of(remaining);
  }

  private static Decision nothing(String eventId, String version, String notice) {
    return new Decision(eventId, version, List.of(), Optional.empty(), List.of(), List.of(notice));
  }
}
