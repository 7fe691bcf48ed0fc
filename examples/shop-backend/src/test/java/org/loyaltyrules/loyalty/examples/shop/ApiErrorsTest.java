package org.loyaltyrules.loyalty.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Typed errors reach the client as 4xx bodies with the library's code, field, value and expectation. */
class ApiErrorsTest extends ShopHttpTestSupport {

  @Test
  void orderPaid_invalidQuantity_answers422WithFieldValueAndExpectation() {
    // given
    String member = enrol("errors");

    // when
    Reply reply = post("/orders/paid", order(unique("o"), member, "2026-03-05T12:00:00+08:00", new int[][] {{0, 100}}));

    // then
    assertThat(reply.status()).as("%s", reply).isEqualTo(422);
    assertThat(reply.body().get("code").textValue()).isEqualTo("invalid-value");
    assertThat(reply.body().get("subject").textValue()).isEqualTo("order line");
    assertThat(reply.body().get("field").textValue()).isEqualTo("quantity");
    assertThat(reply.body().get("value").textValue()).isEqualTo("0");
    assertThat(reply.body().get("expected").textValue()).isEqualTo("≥ 1");
    assertThat(reply.body().get("message").textValue()).isEqualTo("Invalid order line: quantity [0]; expected ≥ 1");
  }

  @Test
  void orderPaid_unknownMember_answers404() {
    // when
    Reply reply = post("/orders/paid", order(unique("o"), "nobody-here", "2026-03-05T12:00:00+08:00",
        new int[][] {{1, 100}}));

    // then
    assertThat(reply.status()).as("%s", reply).isEqualTo(404);
    assertThat(reply.body().get("code").textValue()).isEqualTo("not-found");
    assertThat(reply.body().get("field").textValue()).isEqualTo("memberId");
    assertThat(reply.body().get("value").textValue()).isEqualTo("nobody-here");
  }

  @Test
  void orderPaid_misspeltOrMistypedField_answers400NamingTheField() {
    // when
    Reply misspelt = post("/orders/paid", "{\"id\": \"o\", \"chanel\": \"pos\"}");
    Reply mistyped = post("/orders/paid", "{\"id\": \"o\", \"lines\": [{\"quantity\": \"two\"}]}");
    Reply notJson = post("/orders/paid", "{\"id\": ");

    // then
    assertThat(misspelt.status()).as("%s", misspelt).isEqualTo(400);
    assertThat(misspelt.body().get("field").textValue()).isEqualTo("chanel");
    assertThat(mistyped.status()).as("%s", mistyped).isEqualTo(400);
    assertThat(mistyped.body().get("field").textValue()).isEqualTo("lines[0].quantity");
    assertThat(notJson.status()).as("%s", notJson).isEqualTo(400);
    assertThat(notJson.body().get("code").textValue()).isEqualTo("malformed-request");
  }

  @Test
  void enrol_retriedAndConflicting_answers200Then409() {
    // given
    String id = unique("enrol");
    String body = "{\"id\": \"%s\", \"enrolledAt\": \"2026-03-01T10:00:00+08:00\", \"birthday\": \"02-29\"}".formatted(id);
    Reply first = post("/members", body);

    // when
    Reply retry = post("/members", body);
    Reply conflicting = post("/members", body.replace("02-29", "03-01"));
    Reply unknownReferrer = post("/members",
        "{\"id\": \"%s\", \"enrolledAt\": \"2026-03-01T10:00:00Z\", \"referrerId\": \"ghost\"}".formatted(unique("e")));

    // then
    assertThat(first.status()).as("%s", first).isEqualTo(201);
    assertThat(pointsFor(first, id)).isEqualTo(WELCOME);
    assertThat(retry.status()).as("%s", retry).isEqualTo(200);
    assertThat(retry.body().get("entries")).isEmpty();
    assertThat(conflicting.status()).as("%s", conflicting).isEqualTo(409);
    assertThat(unknownReferrer.status()).as("%s", unknownReferrer).isEqualTo(404);
    assertThat(unknownReferrer.body().get("field").textValue()).isEqualTo("referrerId");
    assertThat(balance(id)).isEqualTo(WELCOME);
  }
}
