package org.loyaltyrules.loyalty.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's meters on the actuator over real HTTP: an order moves the decision timer and the
 * rule-firing counter by exactly what it did, a refused event and a rejected reload show under their
 * own tags, and only {@code /actuator/health} answers without the admin token.
 */
class ActuatorMetricsTest extends ShopHttpTestSupport {

  @AfterEach
  void restoreRules() throws IOException {
    Files.deleteIfExists(rulesDir.resolve("metrics-broken.drl"));
    Reply reply = adminPost("/admin/rules/reload");
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
  }

  /** A measurement of a meter with these tags ({@code name:value}); 0 when it has not been registered yet. */
  private double measurement(String meter, String statistic, String... tags) {
    StringBuilder path = new StringBuilder("/actuator/metrics/").append(meter);
    for (int i = 0; i < tags.length; i++) {
      path.append(i == 0 ? '?' : '&').append("tag=").append(tags[i]);
    }
    Reply reply = adminGet(path.toString());
    if (reply.status() == 404) {
      return 0;
    }
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    for (JsonNode m : reply.body().get("measurements")) {
      if (m.get("statistic").textValue().equals(statistic)) {
        return m.get("value").doubleValue();
      }
    }
    throw new AssertionError("no " + statistic + " in " + reply);
  }

  @Test
  void orderPaid_decisionTimerAndRuleFiringsCountIt() {
    // given
    String member = enrol("metrics");
    double decisions = measurement(EngineMeters.DECISIONS, "COUNT", "kind:order-paid", "outcome:decided");
    double firings = measurement(EngineMeters.RULE_FIRINGS, "COUNT", "kind:order-paid");
    double entries = measurement(EngineMeters.ENTRIES, "COUNT", "kind:order-paid");

    // when
    Reply paid = post("/orders/paid", order(unique("o"), member, "2026-03-05T12:00:00+08:00", new int[][] {{3, 450}}));

    // then
    assertThat(paid.status()).as("%s", paid).isEqualTo(201);
    assertThat(measurement(EngineMeters.DECISIONS, "COUNT", "kind:order-paid", "outcome:decided"))
        .isEqualTo(decisions + 1);
    assertThat(measurement(EngineMeters.DECISIONS, "TOTAL_TIME", "kind:order-paid", "outcome:decided")).isPositive();
    assertThat(measurement(EngineMeters.RULE_FIRINGS, "COUNT", "kind:order-paid"))
        .isEqualTo(firings + paid.body().get("firedRules").size());
    assertThat(measurement(EngineMeters.ENTRIES, "COUNT", "kind:order-paid"))
        .isEqualTo(entries + paid.body().get("entries").size());
  }

  @Test
  void redemptionBeyondBalance_countedAsRefusedWithItsCode() {
    // given
    String member = enrol("metrics-refused");
    double refused = measurement(EngineMeters.DECISIONS, "COUNT", "kind:points-redeemed", "outcome:refused");

    // when
    Reply redeemed = post("/members/" + member + "/redemptions", """
        {"redemptionId": "%s", "points": 100000, "occurredAt": "2026-03-06T12:00:00+08:00"}
        """.formatted(unique("r")));

    // then
    assertThat(redeemed.status()).as("%s", redeemed).isEqualTo(422);
    assertThat(measurement(EngineMeters.DECISIONS, "COUNT", "kind:points-redeemed", "outcome:refused",
        "code:" + redeemed.body().get("code").textValue())).isEqualTo(refused + 1);
  }

  @Test
  void reload_brokenFile_countedAsRejectedAndServingGaugeKeepsTheVersion() throws IOException {
    // given
    String serving = adminGet("/admin/rules").body().get("version").textValue();
    double rejected = measurement(EngineMeters.RELOADS, "COUNT", "outcome:rejected");
    Files.writeString(rulesDir.resolve("metrics-broken.drl"), "package org.acme;\nrule \"broken\"\nwhen\nthen\n",
        StandardCharsets.UTF_8);

    // when
    Reply reload = adminPost("/admin/rules/reload");

    // then
    assertThat(reload.status()).as("%s", reload).isEqualTo(422);
    assertThat(measurement(EngineMeters.RELOADS, "COUNT", "outcome:rejected")).isEqualTo(rejected + 1);
    Reply gauge = adminGet("/actuator/metrics/" + EngineMeters.SERVING);
    assertThat(gauge.body().get("availableTags").get(0).get("values")).extracting(JsonNode::textValue)
        .containsExactly(serving);
  }

  @Test
  void actuator_withoutToken_onlyHealthAnswersAndShowsNoDetails() {
    // when
    Reply health = get("/actuator/health");
    Reply metrics = get("/actuator/metrics");
    Reply meter = get("/actuator/metrics/" + EngineMeters.DECISIONS);
    Reply withToken = adminGet("/actuator/metrics");

    // then
    assertThat(health.status()).as("%s", health).isEqualTo(200);
    assertThat(health.body().get("status").textValue()).isEqualTo("UP");
    assertThat(health.body().has("components")).isFalse();
    assertThat(metrics.status()).as("%s", metrics).isEqualTo(401);
    assertThat(meter.status()).as("%s", meter).isEqualTo(401);
    assertThat(withToken.status()).as("%s", withToken).isEqualTo(200);
    assertThat(withToken.body().get("names")).extracting(JsonNode::textValue)
        .contains(EngineMeters.DECISIONS, EngineMeters.RELOADS, EngineMeters.SERVING);
  }
}
