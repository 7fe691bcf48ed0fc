package org.loyaltyrules.loyalty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The store-credit half of {@link LedgerOnlyDecisions}: spends, their cancellations and the expiry
 * of credit lots. Like the points' redemptions, no rule has a say in them. Stateless.
 */
final class StoreCreditDecisions {
  private StoreCreditDecisions() {}

  static Decision spent(LoyaltyEvent.StoreCreditSpent event, PointLedger ledger, Programme programme, String memberId,
      String version) {
    EntryKey.CreditSpend key = EntryKey.creditSpend(event.eventId());
    if (ledger.contains(key)) {
      return nothing(event.eventId(), version, "store-credit spend " + event.eventId() + " was already decided");
    }
    if (!event.amount().currency().equals(programme.currency())) {
      throw new CurrencyMismatchException("store-credit-spent event", "amount", programme.currency(), event.amount().currency());
    }
    Money available = ledger.storeCreditAvailable(event.occurredAt(), programme.currency());
    if (event.amount().isGreaterThan(available)) {
      throw new InsufficientStoreCreditException(memberId, "amount", event.amount(), available);
    }
    LedgerEntry entry = new LedgerEntry.CreditSpent(key.text(), memberId, event.amount().negated(), event.occurredAt(),
        new Provenance(event.eventId(), EngineRule.CREDIT_SPEND, version, event.amount() + " of store credit spent"));
    return new Decision(event.eventId(), version, List.of(entry), Optional.empty(), List.of(), List.of());
  }

  static Decision spendCancelled(LoyaltyEvent.StoreCreditSpendCancelled event, PointLedger ledger, String memberId,
      String version) {
    EntryKey.CreditSpendCancellation key = EntryKey.creditSpendCancellation(event.spendId());
    Optional<LedgerEntry> spend = ledger.entry(key.spend());
    if (spend.isEmpty() || !(spend.get() instanceof LedgerEntry.CreditSpent spent)) {
      throw new UnknownEntryException("store-credit-spend-cancelled event", "spendId", event.spendId(),
          "a store-credit spend of member " + memberId);
    }
    if (ledger.contains(key)) {
      return nothing(event.eventId(), version, "store-credit spend " + event.spendId() + " was already cancelled");
    }
    LedgerEntry entry = new LedgerEntry.CreditSpendCancelled(key.text(), memberId, spent.credit().negated(),
        event.occurredAt(), new Provenance(event.eventId(), EngineRule.CREDIT_SPEND_CANCEL, version, "store-credit spend "
            + event.spendId() + " cancelled; " + spent.credit().negated() + " go back to their lots"),
        key.spend().text());
    return new Decision(event.eventId(), version, List.of(entry), Optional.empty(), List.of(), List.of());
  }

  /** The credit lots an expiry run expires, after the point lots, under the same kind of keys. */
  static List<LedgerEntry> expired(LoyaltyEvent.ExpiryRun event, PointLedger ledger, String memberId, String version) {
    Instant at = event.occurredAt();
    List<LedgerEntry> entries = new ArrayList<>();
    for (CreditLot lot : ledger.creditLotsDueToExpire(at)) {
      String key = EntryKey.expiry(EntryKey.parse(lot.key()), at).text();
      if (ledger.contains(key)) {
        continue; // another run at this instant expired it; credit given back since is the next run's
      }
      entries.add(new LedgerEntry.CreditExpired(key, memberId, lot.remaining().negated(), at,
          new Provenance(event.eventId(), EngineRule.CREDIT_EXPIRE, version, lot.remaining() + " of the "
              + lot.original() + " store credit granted at " + lot.createdAt() + " (" + lot.key() + ") expired at "
              + lot.expiresAt().orElseThrow()),
          lot.key()));
    }
    return entries;
  }

  private static Decision nothing(String eventId, String version, String notice) {
    return new Decision(eventId, version, List.of(), Optional.empty(), List.of(), List.of(notice));
  }
}
