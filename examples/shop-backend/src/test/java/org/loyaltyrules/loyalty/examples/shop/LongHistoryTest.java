package org.loyaltyrules.loyalty.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Provenance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Members with long histories: once a checkpoint is stored, a decision reads the checkpoint and the
 * rows after it, not the history; an event from before the checkpoint's horizon is decided on the
 * full history instead, and checkpointed again. Rows read are counted at the JDBC level ({@link
 * LedgerRowCounter}); the times are printed, not asserted.
 */
class LongHistoryTest extends ShopHttpTestSupport {
  private static final int ROWS = 100_000;
  private static final int BATCH = 1_000;

  @Autowired ShopStore store;
  @Autowired PlatformTransactionManager transactions;
  @Autowired CheckpointProperties checkpoints;

  @Test
  void decision_ofMemberWith100000Rows_readsOnlyTheCheckpointAndTheTail() {
    // given: enrolled at the end of 2019 (the welcome bonus is row 1), then 50,000 goodwill credits of
    // 1 point and 50,000 debits of 1 point, one every 15 minutes from 2020 to late 2022
    String member = enrolIn2019("long");
    long seedStart = System.nanoTime();
    seed(member, ROWS);
    Duration seeding = Duration.ofNanos(System.nanoTime() - seedStart);

    // when: the first order reads every row (there is no checkpoint yet) and stores a checkpoint;
    // the second reads the checkpoint and the rows after it
    long before = LedgerRowCounter.rowsRead();
    long firstStart = System.nanoTime();
    Reply first = post("/orders/paid", order(unique("o"), member, "2026-03-05T12:00:00+08:00", new int[][] {{3, 450}}));
    Duration firstTime = Duration.ofNanos(System.nanoTime() - firstStart);
    long firstRows = LedgerRowCounter.rowsRead() - before;

    before = LedgerRowCounter.rowsRead();
    long secondStart = System.nanoTime();
    Reply second = post("/orders/paid", order(unique("o"), member, "2026-03-06T12:00:00+08:00", new int[][] {{1, 200}}));
    Duration secondTime = Duration.ofNanos(System.nanoTime() - secondStart);
    long secondRows = LedgerRowCounter.rowsRead() - before;

    // then
    assertThat(first.status()).as("%s", first).isEqualTo(201);
    assertThat(second.status()).as("%s", second).isEqualTo(201);
    assertThat(firstRows).as("rows the first order read").isEqualTo(ROWS + 1L);
    assertThat(secondRows).as("rows the second order read (the tail after the checkpoint)")
        .isLessThanOrEqualTo(checkpoints.tailRows()).isZero();
    long earned = pointsFor(first, member) + pointsFor(second, member);
    assertThat(earned).isEqualTo(13 + 2);
    assertThat(second.body().get("balance").longValue()).isEqualTo(WELCOME + earned);
    System.out.printf("LongHistoryTest (%s): seeded %,d rows in %d ms; first order read %,d rows in %d ms, "
            + "second read %,d rows in %d ms%n", TestDatabase.vendor(), ROWS, seeding.toMillis(), firstRows,
        firstTime.toMillis(), secondRows, secondTime.toMillis());
  }

  @Test
  void orderPaid_datedBeforeTheCheckpointHorizon_isDecidedOnTheFullHistoryAndCheckpointedAgain() {
    // given: a history past the checkpoint threshold, and a checkpoint taken after a March 2026 order
    String member = enrolIn2019("late");
    int rows = checkpoints.tailRows() * 3;
    seed(member, rows);
    Reply march = post("/orders/paid", order(unique("o"), member, "2026-03-05T12:00:00+08:00", new int[][] {{3, 450}}));
    assertThat(march.status()).as("%s", march).isEqualTo(201);

    // when: an order from January 2023, before the checkpoint's horizon, arrives late
    long before = LedgerRowCounter.rowsRead();
    Reply late = post("/orders/paid", order(unique("o"), member, "2023-01-10T12:00:00+08:00", new int[][] {{2, 450}}));
    long lateRows = LedgerRowCounter.rowsRead() - before;
    before = LedgerRowCounter.rowsRead();
    Reply next = post("/orders/paid", order(unique("o"), member, "2026-03-07T12:00:00+08:00", new int[][] {{1, 200}}));
    long nextRows = LedgerRowCounter.rowsRead() - before;

    // then
    assertThat(late.status()).as("%s", late).isEqualTo(201);
    assertThat(lateRows).as("the late order read the full history").isGreaterThan(rows);
    assertThat(next.status()).as("%s", next).isEqualTo(201);
    assertThat(nextRows).as("the next order read a new checkpoint's tail").isZero();
    long earned = pointsFor(march, member) + pointsFor(late, member) + pointsFor(next, member);
    assertThat(pointsFor(late, member)).isPositive();
    assertThat(next.body().get("balance").longValue()).isEqualTo(WELCOME + earned);
  }

  private String enrolIn2019(String prefix) {
    String member = unique(prefix);
    Reply enrolled = post("/members", """
        {"id": "%s", "enrolledAt": "2019-12-31T00:00:00Z"}
        """.formatted(member));
    assertThat(enrolled.status()).as("%s", enrolled).isEqualTo(201);
    return member;
  }

  /**
   * Inserts {@code count} rows as the store does, a batch at a time, after the welcome bonus (row 1):
   * goodwill credits of 1 point and debits of 1 point in turn, one every 15 minutes from 2020 on.
   */
  private void seed(String member, int count) {
    Instant start = Instant.parse("2020-01-01T00:00:00Z");
    TransactionTemplate tx = new TransactionTemplate(transactions);
    for (int from = 0; from < count; from += BATCH) {
      List<ShopStore.StoredEntry> rows = new ArrayList<>();
      for (int i = from; i < Math.min(from + BATCH, count); i++) {
        Instant at = start.plus(Duration.ofMinutes(15L * i));
        boolean credit = i % 2 == 0;
        LedgerEntry entry = new LedgerEntry.Adjusted((credit ? "goodwill-" : "correction-") + i, member,
            Points.of(credit ? 1 : -1), at, Provenance.manual("ticket-" + i, credit ? "goodwill" : "correction"),
            Optional.empty());
        rows.add(new ShopStore.StoredEntry(i + 2L, entry));
      }
      tx.executeWithoutResult(status -> store.insertEntries(rows));
    }
  }
}
