package org.loyaltyrules.loyalty.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many orders of one member at once: the member row lock runs them one after the other. */
class ConcurrentOrdersTest extends ShopHttpTestSupport {
  private static final int THREADS = 8;
  private static final int ORDERS_PER_THREAD = 5;

  @Test
  void concurrentOrders_forOneMember_loseNoPointsAndEachSeesAllBefore() throws Exception {
    // given: 40 orders of NT$240 (2 points each; 40 × 240 stays below silver's NT$10,000)
    String member = enrol("busy");
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<Reply>>> results = new ArrayList<>();

    // when
    try {
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          start.await();
          List<Reply> replies = new ArrayList<>();
          for (int i = 0; i < ORDERS_PER_THREAD; i++) {
            String orderId = member + "-t" + thread + "-o" + i;
            replies.add(post("/orders/paid",
                order(orderId, member, "2026-03-05T12:%02d:00+08:00".formatted(thread * 5 + i), new int[][] {{1, 240}})));
          }
          return replies;
        }));
      }
      start.countDown();
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).as("all orders answered").isTrue();
    }

    // then
    long sum = 0;
    Set<Long> balancesSeen = new TreeSet<>();
    for (Future<List<Reply>> result : results) {
      for (Reply reply : result.get()) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(201);
        sum += pointsFor(reply, member);
        balancesSeen.add(reply.body().get("balance").longValue());
      }
    }
    int orders = THREADS * ORDERS_PER_THREAD;
    assertThat(sum).isEqualTo(orders * 2L);
    assertThat(balance(member)).isEqualTo(WELCOME + sum);
    // Serialised: each order saw every order before it, so the 40 balances after them are all different.
    assertThat(balancesSeen).hasSize(orders);
    // And the ledger's sequence has no gap or duplicate.
    List<Long> seqs = new ArrayList<>();
    for (JsonNode entry : statement(member).body().get("history")) {
      seqs.add(entry.get("seq").longValue());
    }
    assertThat(seqs).hasSize(orders + 1);
    for (int i = 0; i < seqs.size(); i++) {
      assertThat(seqs.get(i)).isEqualTo(i + 1L);
    }
  }
}
