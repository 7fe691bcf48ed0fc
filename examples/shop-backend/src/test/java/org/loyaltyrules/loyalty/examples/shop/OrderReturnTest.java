package org.loyaltyrules.loyalty.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Returns over HTTP: partial, then the rest, claw back exactly what the order earned. */
class OrderReturnTest extends ShopHttpTestSupport {

  @Test
  void partialReturnThenTheRest_clawsBackExactlyWhatTheOrderEarned() {
    // given: 3 × NT$333 + 1 × NT$1,000 = NT$1,999 -> 19 points
    String member = enrol("returns");
    String orderId = unique("o");
    Reply paid = post("/orders/paid", order(orderId, member, "2026-03-05T12:00:00+08:00",
        new int[][] {{3, 333}, {1, 1000}}));
    assertThat(paid.status()).as("%s", paid).isEqualTo(201);
    long earned = pointsFor(paid, member);
    assertThat(earned).isEqualTo(19);

    // when: one unit of L1 comes back, then everything not yet returned
    Reply partial = post("/orders/" + orderId + "/returns", """
        {"returnId": "%s", "occurredAt": "2026-03-10T12:00:00+08:00", "lines": [{"lineId": "L1", "quantity": 1}]}
        """.formatted(unique("r")));
    Reply rest = post("/orders/" + orderId + "/returns", """
        {"returnId": "%s", "occurredAt": "2026-03-12T12:00:00+08:00"}
        """.formatted(unique("r")));

    // then
    assertThat(partial.status()).as("%s", partial).isEqualTo(201);
    assertThat(rest.status()).as("%s", rest).isEqualTo(201);
    long partialPoints = -pointsFor(partial, member);
    long restPoints = -pointsFor(rest, member);
    assertThat(partialPoints).isPositive().isLessThan(earned);
    assertThat(partialPoints + restPoints).isEqualTo(earned);
    assertThat(balance(member)).isEqualTo(WELCOME);
    assertThat(statement(member).body().get("qualifyingSpend").textValue()).isEqualTo("TWD 0.00");
  }

  @Test
  void returnRetried_isReplayedAndReturningMoreThanIsLeftIsRefused() {
    // given
    String member = enrol("return-retry");
    String orderId = unique("o");
    post("/orders/paid", order(orderId, member, "2026-03-05T12:00:00+08:00", new int[][] {{2, 500}}));
    String returnBody = """
        {"returnId": "%s", "occurredAt": "2026-03-10T12:00:00+08:00", "lines": [{"lineId": "L1", "quantity": 1}]}
        """.formatted(unique("r"));
    Reply first = post("/orders/" + orderId + "/returns", returnBody);

    // when
    Reply retry = post("/orders/" + orderId + "/returns", returnBody);
    Reply tooMany = post("/orders/" + orderId + "/returns", """
        {"returnId": "%s", "occurredAt": "2026-03-11T12:00:00+08:00", "lines": [{"lineId": "L1", "quantity": 2}]}
        """.formatted(unique("r")));

    // then
    assertThat(first.status()).as("%s", first).isEqualTo(201);
    assertThat(pointsFor(first, member)).isEqualTo(-5);
    assertThat(retry.status()).as("%s", retry).isEqualTo(200);
    assertThat(retry.body().get("replayed").booleanValue()).isTrue();
    assertThat(retry.body().get("entries")).isEmpty();
    assertThat(tooMany.status()).as("%s", tooMany).isEqualTo(422);
    assertThat(tooMany.body().get("code").textValue()).isEqualTo("invalid-value");
    assertThat(tooMany.body().get("field").textValue()).isEqualTo("lines[0].quantity");
    assertThat(tooMany.body().get("value").textValue()).isEqualTo("2");
    assertThat(tooMany.body().get("expected").textValue()).isEqualTo("≤ 1 units of line L1 not yet returned");
    assertThat(balance(member)).isEqualTo(WELCOME + 10 - 5);
  }
}
