package org.loyaltyrules.loyalty.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rules reload from the directory without a restart; a broken file keeps the old rules serving. */
class RuleReloadTest extends ShopHttpTestSupport {

  private static final String BROKEN = """
      package org.loyaltyrules.loyalty.rules.merchant;

      import org.loyaltyrules.loyalty.rules.facts.OrderFact;

      global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

      rule "broken: a rule without a consequence"
      when
          OrderFact( earningBase >= )
      then
      end
      """;

  private static final String PROMOTION = """
      // test-promo: a flat bonus on every order, to see a reload take effect.
      // Facts read: OrderFact. Facts emitted: none (calls decisions.bonus).
      package org.loyaltyrules.loyalty.rules.merchant;

      import org.loyaltyrules.loyalty.rules.facts.OrderFact;

      global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

      // why: a promotion week gives every order seven extra points.
      rule "test-promo: 7 points on every order"
      when
          OrderFact()
      then
          decisions.bonus("test-promo", 7, "promotion week: 7 points on every order");
      end
      """;

  @AfterEach
  void restoreRules() throws IOException {
    Files.deleteIfExists(rulesDir.resolve("broken.drl"));
    Files.deleteIfExists(rulesDir.resolve("test-promo.drl"));
    Files.deleteIfExists(rulesDir.resolve("tiers.csv"));
    Files.deleteIfExists(rulesDir.resolve(ShopRules.TIER_MOVES));
    Reply reply = adminPost("/admin/rules/reload");
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
  }

  @Test
  void reload_brokenRuleFile_keepsServingTheOldRulesAndReportsWhere() throws IOException {
    // given
    String serving = adminGet("/admin/rules").body().get("version").textValue();
    write("broken.drl", BROKEN);

    // when
    Reply reload = adminPost("/admin/rules/reload");
    String member = enrol("reload-broken");
    Reply paid = post("/orders/paid", order(unique("o"), member, "2026-03-05T12:00:00+08:00", new int[][] {{1, 500}}));

    // then
    assertThat(reload.status()).as("%s", reload).isEqualTo(422);
    assertThat(reload.body().get("reloaded").booleanValue()).isFalse();
    assertThat(reload.body().get("code").textValue()).isEqualTo("rule-file");
    assertThat(reload.body().get("version").textValue()).isEqualTo(serving);
    List<String> places = new ArrayList<>();
    for (JsonNode problem : reload.body().get("problems")) {
      places.add(problem.get("file").textValue() + ":" + problem.get("line").intValue());
    }
    assertThat(places).contains("broken.drl:9"); // the condition with nothing after ">="
    assertThat(adminGet("/admin/rules").body().get("version").textValue()).isEqualTo(serving);
    assertThat(paid.status()).as("%s", paid).isEqualTo(201);
    assertThat(paid.body().get("ruleBaseVersion").textValue()).isEqualTo(serving);
    assertThat(pointsFor(paid, member)).isEqualTo(5);
  }

  @Test
  void reload_newRuleFile_takesEffectForTheNextOrderWithoutRestart() throws IOException {
    // given
    String serving = adminGet("/admin/rules").body().get("version").textValue();
    write("test-promo.drl", PROMOTION);

    // when
    Reply reload = adminPost("/admin/rules/reload");
    String member = enrol("reload-promo");
    Reply paid = post("/orders/paid", order(unique("o"), member, "2026-03-05T12:00:00+08:00", new int[][] {{1, 500}}));

    // then
    assertThat(reload.status()).as("%s", reload).isEqualTo(200);
    String version = reload.body().get("version").textValue();
    assertThat(version).isNotEqualTo(serving);
    assertThat(reload.body().get("previousVersion").textValue()).isEqualTo(serving);
    assertThat(reload.body().get("files").toString()).contains("test-promo.drl");
    assertThat(paid.body().get("ruleBaseVersion").textValue()).isEqualTo(version);
    assertThat(pointsFor(paid, member)).isEqualTo(5 + 7);
    assertThat(paid.body().get("firedRules").toString()).contains("test-promo: 7 points on every order");
  }

  private static void write(String name, String text) throws IOException {
    Path file = rulesDir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  @Test
  void reload_directoryBrieflyUnreadable_statusRecoversWithoutAFileChange() throws IOException {
    // given
    String serving = adminGet("/admin/rules").body().get("version").textValue();
    Path away = rulesDir.resolveSibling(rulesDir.getFileName() + "-away");
    Files.move(rulesDir, away);
    Reply unreadable;
    try {
      // when
      unreadable = adminPost("/admin/rules/reload");
    } finally {
      Files.move(away, rulesDir);
    }
    Reply recovered = adminPost("/admin/rules/reload");

    // then
    assertThat(unreadable.status()).as("%s", unreadable).isEqualTo(422);
    assertThat(unreadable.body().get("code").textValue()).isEqualTo("rules-dir");
    assertThat(recovered.status()).as("%s", recovered).isEqualTo(200);
    assertThat(recovered.body().get("reloaded").booleanValue()).isTrue();
    assertThat(recovered.body().get("version").textValue()).isEqualTo(serving);
    assertThat(adminGet("/admin/rules").body().get("reloaded").booleanValue()).isTrue();
  }

  @Test
  void reload_tiersCsvDroppingAHeldTier_isRefusedUntilTierMovesSayWhereMembersGo() throws IOException {
    // given: a gold member
    String member = enrol("tier-held");
    Reply paid = post("/orders/paid", order(unique("o"), member, "2026-03-05T12:00:00+08:00", new int[][] {{1, 31000}}));
    assertThat(paid.body().get("tierChange").get("to").textValue()).as("%s", paid).isEqualTo("gold");
    String serving = adminGet("/admin/rules").body().get("version").textValue();
    write("tiers.csv", """
        code,threshold,window_months
        member,0,12
        silver,10000,12
        """);

    // when
    Reply refused = adminPost("/admin/rules/reload");
    Reply again = adminPost("/admin/rules/reload");
    Reply stillServed = post("/orders/paid", order(unique("o"), member, "2026-03-06T12:00:00+08:00", new int[][] {{1, 100}}));
    write(ShopRules.TIER_MOVES, "from,to\ngold,silver\n");
    Reply moved = adminPost("/admin/rules/reload");

    // then
    assertThat(refused.status()).as("%s", refused).isEqualTo(422);
    assertThat(refused.body().get("code").textValue()).isEqualTo("tier-removed");
    assertThat(refused.body().get("message").textValue()).contains("[gold]").contains(ShopRules.TIER_MOVES);
    assertThat(refused.body().get("version").textValue()).isEqualTo(serving);
    assertThat(again.body().get("code").textValue()).as("not retried while nothing changed").isEqualTo("tier-removed");
    assertThat(stillServed.status()).as("%s", stillServed).isEqualTo(201);
    assertThat(stillServed.body().get("ruleBaseVersion").textValue()).isEqualTo(serving);
    assertThat(moved.status()).as("%s", moved).isEqualTo(200);
    assertThat(moved.body().get("version").textValue()).isNotEqualTo(serving);
    assertThat(moved.body().get("message").textValue()).contains("moved from gold to silver");
    Reply statement = statement(member);
    assertThat(statement.body().get("tier").textValue()).isEqualTo("silver");
    assertThat(statement.body().get("tierChanges").toString()).contains(ShopRules.TIER_MOVES);
  }
}
