package org.loyaltyrules.loyalty.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory poll: a saved change is picked up without any request; a broken one is reported and skipped. */
class RulesReloaderTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void poll_changedCampaignFile_reloadsAndBrokenFileKeepsTheLastGoodRules() throws IOException {
    // given
    write("campaigns.csv", "id,name,kind,bonus\nwelcome-10,10 welcome points,WELCOME_BONUS,10\n");
    RulesReloader reloader = new RulesReloader(new RulesProperties(dir, true, Duration.ofMillis(100)), CLOCK);
    try {
      String first = reloader.engine().ruleBaseVersion();
      assertThat(reloader.engine().programme().campaigns()).hasSize(1);

      // when: a second campaign is saved
      write("campaigns.csv", "id,name,kind,bonus\nwelcome-10,10 welcome points,WELCOME_BONUS,10\n"
          + "welcome-20,20 more welcome points,WELCOME_BONUS,20\n");

      // then
      await().atMost(Duration.ofSeconds(60)).until(() -> reloader.engine().programme().campaigns().size() == 2);
      String second = reloader.engine().ruleBaseVersion();
      assertThat(second).isNotEqualTo(first);
      assertThat(reloader.last().trigger()).isEqualTo("poll");

      // when: a rule file that does not compile is saved
      write("broken.drl", "package org.loyaltyrules.loyalty.rules.merchant;\nrule \"broken\" when then\n");

      // then
      await().atMost(Duration.ofSeconds(60)).until(() -> !reloader.last().reloaded());
      assertThat(reloader.last().code()).isEqualTo("rule-file");
      assertThat(reloader.last().problems()).extracting(p -> p.file()).contains("broken.drl");
      assertThat(reloader.engine().ruleBaseVersion()).isEqualTo(second);
      assertThat(reloader.last().version()).isEqualTo(second);
    } finally {
      reloader.stop();
    }
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }
}
