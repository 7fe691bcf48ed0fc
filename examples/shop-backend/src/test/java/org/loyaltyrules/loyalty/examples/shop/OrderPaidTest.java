package org.loyaltyrules.loyalty.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.EntryKey;

/** Paying an order over HTTP: points once, however often the shop retries the request. */
class OrderPaidTest extends ShopHttpTestSupport {

  @Test
  void orderPaid_retriedWithSameContent_creditsPointsOnce() {
    // given
    String member = enrol("retry");
    String orderId = unique("o");
    String body = order(orderId, member, "2026-03-05T12:00:00+08:00", new int[][] {{3, 450}});

    // when
    Reply first = post("/orders/paid", body);
    Reply second = post("/orders/paid", body);
    Reply third = post("/orders/paid", body);

    // then
    assertThat(first.status()).as("%s", first).isEqualTo(201);
    assertThat(first.body().get("replayed").booleanValue()).isFalse();
    assertThat(pointsFor(first, member)).isEqualTo(13); // NT$1,350 at 1 point per NT$100, rounded down
    for (Reply retry : new Reply[] {second, third}) {
      assertThat(retry.status()).as("%s", retry).isEqualTo(200);
      assertThat(retry.body().get("replayed").booleanValue()).isTrue();
      assertThat(retry.body().get("entries")).isEmpty();
      assertThat(retry.body().get("balance").longValue()).isEqualTo(WELCOME + 13);
    }
    assertThat(balance(member)).isEqualTo(WELCOME + 13);
    assertThat(historyKeys(member)).containsExactly(EntryKey.enrolmentBonus(member, "welcome-50").text(), EntryKey.orderBase(orderId).text());
  }

  @Test
  void orderPaid_sameIdWithOtherContent_isRejectedWith409AndChangesNothing() {
    // given
    String member = enrol("conflict");
    String orderId = unique("o");
    post("/orders/paid", order(orderId, member, "2026-03-05T12:00:00+08:00", new int[][] {{3, 450}}));

    // when
    Reply reply = post("/orders/paid", order(orderId, member, "2026-03-05T12:00:00+08:00", new int[][] {{4, 450}}));

    // then
    assertThat(reply.status()).as("%s", reply).isEqualTo(409);
    assertThat(reply.body().get("code").textValue()).isEqualTo("duplicate-event");
    assertThat(reply.body().get("field").textValue()).isEqualTo("orderId");
    assertThat(reply.body().get("value").textValue()).isEqualTo(orderId);
    assertThat(balance(member)).isEqualTo(WELCOME + 13);
  }

  @Test
  void orderPaid_byReferredMember_creditsTheReferrerInTheSameTransaction() {
    // given
    String referrer = enrol("referrer");
    String member = enrol("referee", referrer);
    String orderId = unique("o");

    // when
    Reply reply = post("/orders/paid", order(orderId, member, "2026-03-05T12:00:00+08:00", new int[][] {{2, 300}}));

    // then
    assertThat(reply.status()).as("%s", reply).isEqualTo(201);
    assertThat(pointsFor(reply, member)).isEqualTo(6);
    assertThat(pointsFor(reply, referrer)).isEqualTo(300);
    assertThat(historyKeys(referrer)).contains(EntryKey.referralBonus(member, 1).text());
    assertThat(balance(referrer)).isEqualTo(WELCOME + 300);
  }

  @Test
  void orderPaid_crossingSilverThreshold_storesTheTierChangeWithTheEntries() {
    // given
    String member = enrol("tier");

    // when: NT$10,000 reaches silver; that order still earns the member rate, the next one silver's 1.5
    Reply crossing = post("/orders/paid", order(unique("o"), member, "2026-03-05T12:00:00+08:00",
        new int[][] {{10, 1000}}));
    Reply next = post("/orders/paid", order(unique("o"), member, "2026-03-06T12:00:00+08:00", new int[][] {{1, 1000}}));

    // then
    assertThat(crossing.status()).as("%s", crossing).isEqualTo(201);
    assertThat(pointsFor(crossing, member)).isEqualTo(100);
    assertThat(crossing.body().get("tierChange").get("from").textValue()).isEqualTo("member");
    assertThat(crossing.body().get("tierChange").get("to").textValue()).isEqualTo("silver");
    assertThat(pointsFor(next, member)).isEqualTo(15);
    Reply statement = statement(member);
    assertThat(statement.body().get("tier").textValue()).isEqualTo("silver");
    assertThat(statement.body().get("tierChanges")).hasSize(1);
    assertThat(statement.body().get("qualifyingSpend").textValue()).isEqualTo("TWD 11000.00");
  }
}
