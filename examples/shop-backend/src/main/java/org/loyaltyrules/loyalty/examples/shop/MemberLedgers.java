package org.loyaltyrules.loyalty.examples.shop;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.loyaltyrules.loyalty.LedgerCheckpoint;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.json.LoyaltyJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Loads a member's {@link PointLedger} as its latest checkpoint plus the rows after it, and stores a
 * new checkpoint when a decision leaves too many rows after the last one ({@link
 * CheckpointProperties}). Runs in the caller's transaction, under the member's row lock.
 *
 * <p><b>Checkpoint policy.</b> A checkpoint is taken as of the newest instant the ledger holds (its
 * latest entry, or the checkpoint it was rebuilt from), not the wall clock, so the same history always
 * gives the same checkpoint. Its horizon is {@link Programme#checkpointHorizon} of that instant and
 * {@link CheckpointProperties#lateness()} (never before the horizon of the checkpoint the ledger was
 * rebuilt from). An event that reaches before the horizon (a late event, a retry of an old request,
 * a return of an old order) makes the library throw a {@code BeyondHorizonException}; {@link
 * LoyaltyService} then runs the request again on the {@linkplain History#FULL full history}, and a
 * new checkpoint is stored after it, so the next request is quick again.
 */
@Component
class MemberLedgers {
  private static final Logger LOG = LoggerFactory.getLogger(MemberLedgers.class);

  /** Which rows a request reads. */
  enum History {
    /** The latest checkpoint and the rows after it: the usual way. */
    CHECKPOINT,
    /** Every row since enrolment: for an event before the checkpoint's horizon. */
    FULL
  }

  /**
   * A member's ledger as loaded.
   *
   * @param ledger the rebuilt ledger
   * @param lastSeq the seq of the member's last stored row (0 for none)
   * @param checkpointCovers the rows the checkpoint it was rebuilt from covers (0 for none)
   * @param fullHistory whether every row was read although a checkpoint exists
   */
  record Loaded(PointLedger ledger, long lastSeq, long checkpointCovers, boolean fullHistory) {}

  private final ShopStore store;
  private final CheckpointProperties properties;

  MemberLedgers(ShopStore store, CheckpointProperties properties) {
    this.store = store;
    this.properties = properties;
  }

  /** Loads the member's ledger from its latest checkpoint and tail, or from every row. */
  Loaded load(String memberId, Programme programme, History history) {
    Optional<ShopStore.StoredCheckpoint> stored = store.latestCheckpoint(memberId);
    if (stored.isEmpty() || history == History.FULL) {
      List<ShopStore.StoredEntry> rows = store.ledger(memberId);
      PointLedger ledger = PointLedger.of(memberId, programme.negativeBalancePolicy(), entries(rows));
      return new Loaded(ledger, lastSeq(rows, 0), stored.map(ShopStore.StoredCheckpoint::coveredEntries).orElse(0L),
          stored.isPresent());
    }
    long covered = stored.get().coveredEntries();
    LedgerCheckpoint checkpoint = LoyaltyJson.read(stored.get().json(), LedgerCheckpoint.class);
    List<ShopStore.StoredEntry> tail = store.ledgerAfter(memberId, covered);
    return new Loaded(PointLedger.fromCheckpoint(checkpoint, entries(tail)), lastSeq(tail, covered), covered, false);
  }

  /**
   * Stores a checkpoint of {@code ledger} if more than {@link CheckpointProperties#tailRows()} rows
   * follow the last one, or the request had to read the full history.
   *
   * @param loaded the ledger as loaded, before the decision's entries
   * @param ledger the ledger with them appended; {@code lastSeq} is its last row
   */
  void checkpointIfDue(Loaded loaded, PointLedger ledger, long lastSeq, Programme programme) {
    boolean due = lastSeq - loaded.checkpointCovers() > properties.tailRows()
        || (loaded.fullHistory() && lastSeq > loaded.checkpointCovers());
    if (!due) {
      return;
    }
    Instant asOf = newest(ledger);
    Instant horizon = programme.checkpointHorizon(asOf, properties.lateness());
    if (ledger.horizon().isPresent() && horizon.isBefore(ledger.horizon().get())) {
      horizon = ledger.horizon().get();
    }
    LedgerCheckpoint checkpoint = ledger.checkpoint(asOf, horizon);
    if (checkpoint.coveredEntries() != lastSeq) {
      throw new IllegalStateException("checkpoint of member " + ledger.memberId() + " covers "
          + checkpoint.coveredEntries() + " rows, but the last stored row is " + lastSeq);
    }
    String json = LoyaltyJson.write(checkpoint);
    if (json.length() > LoyaltyJson.MAX_DOCUMENT_CHARS) {
      // LoyaltyJson.read would refuse it: keep reading the longer tail rather than store one that
      // cannot be loaded. A shorter shop.checkpoint.lateness keeps fewer entries.
      LOG.warn("member {}: checkpoint of {} rows is {} characters, over the {} LoyaltyJson reads; not stored",
          ledger.memberId(), lastSeq, json.length(), LoyaltyJson.MAX_DOCUMENT_CHARS);
      return;
    }
    store.insertCheckpoint(ledger.memberId(), lastSeq, asOf, json);
    LOG.debug("member {}: checkpoint of {} rows as of {}, horizon {}", ledger.memberId(), lastSeq, asOf, horizon);
  }

  /** The newest instant the ledger holds: its latest entry's, or its checkpoint's. */
  private static Instant newest(PointLedger ledger) {
    Instant newest = ledger.checkpointAsOf().orElse(Instant.MIN);
    for (LedgerEntry entry : ledger.entries()) {
      if (entry.occurredAt().isAfter(newest)) {
        newest = entry.occurredAt();
      }
    }
    return newest;
  }

  private static List<LedgerEntry> entries(List<ShopStore.StoredEntry> rows) {
    return rows.stream().map(ShopStore.StoredEntry::entry).toList();
  }

  private static long lastSeq(List<ShopStore.StoredEntry> rows, long none) {
    return rows.isEmpty() ? none : rows.get(rows.size() - 1).seq();
  }
}
