package org.loyaltyrules.loyalty;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loyaltyrules.loyalty.internal.Checks;

/** What the kept entries record of releases and expiries, by the key of the lot they act on. */
record KeptLotChanges(Map<String, Instant> releasedAt, Map<String, Long> expired) {
  static KeptLotChanges of(List<LedgerEntry> entries) {
    Map<String, Instant> releasedAt = new HashMap<>();
    Map<String, Long> expired = new HashMap<>();
    for (LedgerEntry entry : entries) {
      if (entry instanceof LedgerEntry.Released r) {
        releasedAt.putIfAbsent(r.lotKey(), r.occurredAt());
      } else if (entry instanceof LedgerEntry.Expired x) {
        long before = expired.getOrDefault(x.lotKey(), 0L);
        expired.put(x.lotKey(), Checks.subtractPoints("ledger checkpoint", "entries (expired points of a lot)", before, x.points().value()));
      }
    }
    return new KeptLotChanges(releasedAt, expired);
  }

  /** The lot {@code award} (a kept credit, so every entry acting on it is kept too) opened, as it must be. */
  String expected(LedgerEntry award) {
    return "source " + award.provenance().sourceEventId() + ", pendingUntil " + pendingUntil(award).map(Instant::toString).orElse("none")
        + ", expiresAt " + expiresAt(award).map(Instant::toString).orElse("none") + ", releasedAt "
        + Optional.ofNullable(releasedAt.get(award.key())).map(Instant::toString).orElse("none") + ", expired "
        + expired.getOrDefault(award.key(), 0L);
  }

  boolean agree(LedgerEntry award, PointLot lot) {
    return lot.sourceEventId().equals(award.provenance().sourceEventId())
        && lot.pendingUntil().equals(pendingUntil(award))
        && lot.expiresAt().equals(expiresAt(award))
        && lot.releasedAt().equals(Optional.ofNullable(releasedAt.get(award.key())))
        && lot.expired().value() == expired.getOrDefault(award.key(), 0L);
  }

  private static Optional<Instant> pendingUntil(LedgerEntry award) {
    return award instanceof LedgerEntry.Earned e ? e.pendingUntil() : Optional.empty();
  }

  private static Optional<Instant> expiresAt(LedgerEntry award) {
    return award instanceof LedgerEntry.Earned e ? e.expiresAt()
        : award instanceof LedgerEntry.Adjusted a ? a.expiresAt() : Optional.empty();
  }
}
