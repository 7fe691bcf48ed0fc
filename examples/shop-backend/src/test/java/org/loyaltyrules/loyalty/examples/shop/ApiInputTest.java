package org.loyaltyrules.loyalty.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Bad input is refused with a typed 4xx naming the field, before anything reaches the database:
 * fractions are never truncated, ids longer than the schema's columns, huge texts and orders answer
 * 422/413 rather than 500, and no error echoes more than a short prefix of a value.
 */
class ApiInputTest extends ShopHttpTestSupport {

  private static String oneLine(String orderId, String member, String quantity, String unitPrice) {
    return """
        {"id": "%s", "memberId": "%s", "paidAt": "2026-03-05T12:00:00+08:00", "channel": "online-store",
         "lines": [{"lineId": "1", "sku": "TEA-01", "category": "tea", "quantity": %s, "unitPrice": %s}]}
        """.formatted(orderId, member, quantity, unitPrice);
  }

  @Test
  void orderPaid_quantityNotAPlainWholeNumber_answers422NamingTheFieldAndStoresNothing() {
    // given
    String member = enrol("strict-qty");

    for (String quantity : new String[] {"2.5", "2.0", "1e3", "99999999999", "1E+999999999"}) {
      // when
      Reply reply = post("/orders/paid", oneLine(unique("o"), member, quantity, "450"));

      // then
      assertThat(reply.status()).as("quantity %s: %s", quantity, reply).isEqualTo(422);
      assertThat(reply.body().get("code").textValue()).isEqualTo("invalid-value");
      assertThat(reply.body().get("field").textValue()).isEqualTo("lines[0].quantity");
      assertThat(reply.body().get("expected").textValue()).startsWith("a whole number written without fraction");
    }
    assertThat(balance(member)).isEqualTo(WELCOME);
  }

  @Test
  void redeem_fractionalPoints_answers422AndLeavesTheBalance() {
    // given
    String member = enrol("strict-points");

    // when
    Reply reply = post("/members/" + member + "/redemptions",
        "{\"redemptionId\": \"%s\", \"points\": 1.5, \"occurredAt\": \"2026-03-05T12:00:00Z\"}".formatted(unique("rd")));

    // then
    assertThat(reply.status()).as("%s", reply).isEqualTo(422);
    assertThat(reply.body().get("field").textValue()).isEqualTo("points");
    assertThat(reply.body().get("value").textValue()).isEqualTo("1.5");
    assertThat(balance(member)).isEqualTo(WELCOME);
  }

  @Test
  void enrolAndOrder_idLongerThanTheSchemaColumn_answers422NamingTheField() {
    // given
    String member = enrol("long-id");
    String longId = "x".repeat(ShopApi.MAX_ID + 1);

    // when
    Reply enrol = post("/members", "{\"id\": \"%s\", \"enrolledAt\": \"2026-03-01T10:00:00Z\"}".formatted(longId));
    Reply order = post("/orders/paid", oneLine(longId, member, "1", "450"));
    Reply statement = get("/members/" + longId + "/statement");

    // then
    for (Reply reply : new Reply[] {enrol, order, statement}) {
      assertThat(reply.status()).as("%s", reply).isEqualTo(422);
      assertThat(reply.body().get("expected").textValue()).isEqualTo("at most 100 characters (got 101)");
    }
    assertThat(enrol.body().get("field").textValue()).isEqualTo("id");
    assertThat(order.body().get("field").textValue()).isEqualTo("id");
    assertThat(statement.body().get("field").textValue()).isEqualTo("memberId");
  }

  @Test
  void orderPaid_megabyteSku_answers422EchoingOnlyAShortPrefix() {
    // given
    String member = enrol("huge-sku");
    String sku = "S".repeat(1_000_000);
    String body = oneLine(unique("o"), member, "1", "450").replace("TEA-01", sku);

    // when
    Reply reply = post("/orders/paid", body);

    // then
    assertThat(reply.status()).as("%s", reply.status()).isEqualTo(422);
    assertThat(reply.body().get("field").textValue()).isEqualTo("lines[0].sku");
    assertThat(reply.body().get("value").textValue()).isEqualTo("S".repeat(ApiErrors.MAX_VALUE_CHARS) + "…");
    assertThat(reply.body().toString().length()).isLessThan(1_000);
    assertThat(balance(member)).isEqualTo(WELCOME);
  }

  @Test
  void orderPaid_tenThousandLines_answers422NamingTheLineLimit() {
    // given
    String member = enrol("many-lines");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      lines.append(i == 0 ? "" : ",").append("{\"lineId\":\"").append(i)
          .append("\",\"sku\":\"T\",\"category\":\"tea\",\"quantity\":1,\"unitPrice\":1}");
    }
    String body = """
        {"id": "%s", "memberId": "%s", "paidAt": "2026-03-05T12:00:00Z", "channel": "online-store", "lines": [%s]}
        """.formatted(unique("o"), member, lines);

    // when
    Reply reply = post("/orders/paid", body);

    // then
    assertThat(reply.status()).as("%s", reply).isEqualTo(422);
    assertThat(reply.body().get("field").textValue()).isEqualTo("lines");
    assertThat(reply.body().get("value").textValue()).isEqualTo("10000 lines");
    assertThat(reply.body().get("expected").textValue()).isEqualTo("at most 1000 lines per request");
  }

  @Test
  void orderPaid_bodyOverOneMebibyte_answers413() {
    // given
    String member = enrol("too-large");
    String body = oneLine(unique("o"), member, "1", "450").replace("TEA-01", "S".repeat(RequestSizeLimit.MAX_BODY_BYTES));

    // when
    Reply reply = post("/orders/paid", body);

    // then
    assertThat(reply.status()).as("%s", reply).isEqualTo(413);
    assertThat(reply.body().get("code").textValue()).isEqualTo("request-too-large");
    assertThat(reply.body().get("field").textValue()).isEqualTo("body");
  }

  @Test
  void orderPaid_absurdUnitPrice_answers422BeforeAnyArithmetic() {
    // given
    String member = enrol("huge-price");

    // when
    Reply reply = post("/orders/paid", oneLine(unique("o"), member, "1", "1e30"));

    // then
    assertThat(reply.status()).as("%s", reply).isEqualTo(422);
    assertThat(reply.body().get("field").textValue()).isEqualTo("lines[0].unitPrice");
    assertThat(reply.body().get("value").textValue()).isEqualTo("1E+30");
    assertThat(balance(member)).isEqualTo(WELCOME);
  }
}
