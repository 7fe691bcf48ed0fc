package org.loyaltyrules.loyalty.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The admin endpoints take only the configured bearer token and refuse other sites' pages; the
 * customer endpoints stay open.
 */
class AdminSecurityTest extends ShopHttpTestSupport {

  @Test
  void adminRules_anonymous_answers401InTheErrorShape() {
    // when
    Reply reply = get("/admin/rules");
    Reply reload = post("/admin/rules/reload", "");

    // then
    for (Reply r : new Reply[] {reply, reload}) {
      assertThat(r.status()).as("%s", r).isEqualTo(401);
      assertThat(r.body().get("code").textValue()).isEqualTo("unauthorized");
      assertThat(r.body().get("field").textValue()).isEqualTo("Authorization");
    }
  }

  @Test
  void adminRules_wrongToken_answers401() {
    // when
    Reply reply = send("GET", "/admin/rules", null, null, "Authorization", "Bearer " + ADMIN_TOKEN + "x");
    Reply basic = send("GET", "/admin/rules", null, null, "Authorization", "Basic YWRtaW46YWRtaW4=");

    // then
    assertThat(reply.status()).as("%s", reply).isEqualTo(401);
    assertThat(basic.status()).as("%s", basic).isEqualTo(401);
  }

  @Test
  void adminRules_crossOriginRequestAndPreflight_answer403EvenWithTheToken() {
    // when
    Reply request = send("POST", "/admin/rules/reload", null, null, "Authorization", "Bearer " + ADMIN_TOKEN,
        "Origin", "https://evil.example");
    Reply preflight = send("OPTIONS", "/admin/rules/reload", null, null, "Origin", "https://evil.example",
        "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization");

    // then
    for (Reply r : new Reply[] {request, preflight}) {
      assertThat(r.status()).as("%s", r).isEqualTo(403);
      assertThat(r.body().get("code").textValue()).isEqualTo("cross-origin");
      assertThat(r.body().get("value").textValue()).isEqualTo("https://evil.example");
    }
  }

  @Test
  void adminRules_correctToken_answers200() {
    // when
    Reply reply = adminGet("/admin/rules");

    // then
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(reply.body().get("version").textValue()).isNotBlank();
  }

  @Test
  void customerEndpoints_withoutCredentials_keepWorking() {
    // when
    String member = enrol("open");

    // then
    assertThat(balance(member)).isEqualTo(WELCOME);
  }
}
