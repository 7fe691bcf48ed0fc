package org.loyaltyrules.loyalty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Takes a {@link LedgerCheckpoint} of a {@link PointLedger}: which entries it keeps (those at or
 * after the horizon, and every entry acting on a kept one, so a kept award comes with all its
 * clawbacks and a kept redemption with its cancellations), which lots and redemptions, and which
 * lifetime keys of dropped entries. Every store-credit entry is kept whatever its age, so the
 * credit lots, spends and clawbacks are rebuilt from them. Stateless.
 */
final class Checkpoints {
  private Checkpoints() {}

  static LedgerCheckpoint take(PointLedger ledger, Instant asOf, Instant horizon, Set<String> lifetimeKeys,
      LotBook lots, LedgerEntry.Earned firstQualifyingOrder, Currency spendCurrency) {
    List<LedgerEntry> kept = new ArrayList<>();
    Set<String> keptKeys = new HashSet<>();
    List<String> keptRedemptions = new ArrayList<>();
    Set<String> dropped = new TreeSet<>(lifetimeKeys);
    for (LedgerEntry entry : ledger.entries()) {
      // Every store-credit entry is kept: the credit lots are rebuilt from them (they are few).
      if (!entry.occurredAt().isBefore(horizon) || actsOn(entry, keptKeys)
          || entry instanceof LedgerEntry.StoreCreditEntry
          // Rewards are few and a later refund may revoke one of any age: every grant is kept.
          || entry instanceof LedgerEntry.RewardGranted
          // A checkout redemption of any age counts towards its order's redemption limits.
          || entry instanceof LedgerEntry.Redeemed r && r.checkoutOrderId().isPresent()) {
        kept.add(entry);
        keptKeys.add(entry.key());
        if (entry instanceof LedgerEntry.Redeemed) {
          keptRedemptions.add(entry.key());
        }
      } else if (entry instanceof LedgerEntry.Earned && LedgerCheckpoint.isLifetimeKey(entry.key())) {
        dropped.add(entry.key());
      }
    }
    List<LedgerCheckpoint.RedemptionState> redemptions = new ArrayList<>();
    for (String key : keptRedemptions) {
      redemptions.add(lots.checkpointRedemption(key));
    }
    return new LedgerCheckpoint(ledger.memberId(), ledger.policy(), asOf, horizon, ledger.rowCount(),
        ledger.balance(), ledger.debt(), Optional.ofNullable(spendCurrency), lots.checkpointLots(keptKeys, keptRedemptions),
        redemptions, Optional.ofNullable(firstQualifyingOrder), List.copyOf(dropped), kept);
  }

  /** Whether {@code entry} clawed back, released, expired or cancelled an entry already kept. */
  private static boolean actsOn(LedgerEntry entry, Set<String> keptKeys) {
    if (entry instanceof LedgerEntry.ClawedBack c) {
      return keptKeys.contains(c.earnedKey());
    } else if (entry instanceof LedgerEntry.Released r) {
      return keptKeys.contains(r.lotKey());
    } else if (entry instanceof LedgerEntry.Expired x) {
      return keptKeys.contains(x.lotKey());
    } else if (entry instanceof LedgerEntry.RedemptionCancelled rc) {
      return keptKeys.contains(rc.redemptionKey());
    } else if (entry instanceof LedgerEntry.RewardRevoked rr) {
      return keptKeys.contains(rr.grantKey());
    }
    return false;
  }
}
