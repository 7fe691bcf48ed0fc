package org.loyaltyrules.loyalty.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Redemptions over HTTP: a refused one stores nothing. */
class RedemptionTest extends ShopHttpTestSupport {

  @Test
  void redeem_moreThanBalance_isRefusedWith422AndStoresNothing() {
    // given
    String member = enrol("redeem");
    String redemptionId = unique("rd");
    Reply before = statement(member);

    // when
    Reply refused = post("/members/" + member + "/redemptions", """
        {"redemptionId": "%s", "points": %d, "occurredAt": "2026-03-06T12:00:00+08:00"}
        """.formatted(redemptionId, WELCOME + 1));

    // then
    assertThat(refused.status()).as("%s", refused).isEqualTo(422);
    assertThat(refused.body().get("code").textValue()).isEqualTo("insufficient-points");
    assertThat(refused.body().get("field").textValue()).isEqualTo("points");
    assertThat(refused.body().get("value").textValue()).isEqualTo(Long.toString(WELCOME + 1));
    assertThat(refused.body().get("expected").textValue()).isEqualTo("≤ " + WELCOME + " available points");
    assertThat(refused.body().get("message").textValue())
        .isEqualTo("Invalid debit for member " + member + ": points [" + (WELCOME + 1) + "]; expected ≤ " + WELCOME
            + " available points");
    assertThat(statement(member).body()).isEqualTo(before.body());
  }

  @Test
  void redeem_afterARefusal_theSameIdIsFreeAndARetryIsReplayed() {
    // given: a refused attempt left nothing behind under its id
    String member = enrol("redeem-again");
    String redemptionId = unique("rd");
    post("/members/" + member + "/redemptions", """
        {"redemptionId": "%s", "points": 999, "occurredAt": "2026-03-06T12:00:00+08:00"}
        """.formatted(redemptionId));
    String ok = """
        {"redemptionId": "%s", "points": 30, "occurredAt": "2026-03-06T12:00:00+08:00"}
        """.formatted(redemptionId);

    // when
    Reply accepted = post("/members/" + member + "/redemptions", ok);
    Reply retried = post("/members/" + member + "/redemptions", ok);
    // Only the points change: the random redemption id may itself contain "30".
    Reply conflicting = post("/members/" + member + "/redemptions", ok.replace("\"points\": 30", "\"points\": 31"));

    // then
    assertThat(accepted.status()).as("%s", accepted).isEqualTo(201);
    assertThat(pointsFor(accepted, member)).isEqualTo(-30);
    assertThat(retried.status()).as("%s", retried).isEqualTo(200);
    assertThat(retried.body().get("entries")).isEmpty();
    assertThat(conflicting.status()).as("%s", conflicting).isEqualTo(409);
    assertThat(balance(member)).isEqualTo(WELCOME - 30);
  }
}
