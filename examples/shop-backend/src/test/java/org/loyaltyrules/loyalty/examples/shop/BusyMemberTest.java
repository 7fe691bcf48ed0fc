package org.loyaltyrules.loyalty.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A member row locked by another transaction for longer than the lock timeout (10 s: {@code
 * LOCK_TIMEOUT} in the H2 URL, {@code lock_timeout} in the {@code postgres} profile) answers 503
 * {@code busy} instead of holding the request and its connection for as long as the lock lasts.
 */
class BusyMemberTest extends ShopHttpTestSupport {

  @Test
  void orderPaid_memberRowLockedLongerThanTheLockTimeout_answers503BusyAndStoresNothing() throws Exception {
    // given: another transaction holds the member's row
    String member = enrol("locked");
    String body = order(unique("o"), member, "2026-03-05T12:00:00+08:00", new int[][] {{3, 450}});
    TestDatabase database = TestDatabase.named("shop_test");
    Reply reply;
    Duration waited;
    try (Connection other = DriverManager.getConnection(database.url(), database.user(), database.password())) {
      other.setAutoCommit(false);
      try (PreparedStatement lock = other.prepareStatement("SELECT id FROM members WHERE id = ? FOR UPDATE")) {
        lock.setString(1, member);
        try (ResultSet row = lock.executeQuery()) {
          assertThat(row.next()).isTrue();
        }
      }

      // when
      long start = System.nanoTime();
      reply = post("/orders/paid", body);
      waited = Duration.ofNanos(System.nanoTime() - start);
      other.rollback();
    }

    // then
    assertThat(reply.status()).as("%s", reply).isEqualTo(503);
    assertThat(reply.body().get("code").textValue()).isEqualTo("busy");
    assertThat(waited).as("waited for the lock timeout").isBetween(Duration.ofSeconds(9), Duration.ofSeconds(25));
    assertThat(balance(member)).isEqualTo(WELCOME);
    Reply retry = post("/orders/paid", body);
    assertThat(retry.status()).as("the retry once the lock is gone: %s", retry).isEqualTo(201);
    assertThat(balance(member)).isEqualTo(WELCOME + 13);
  }
}
