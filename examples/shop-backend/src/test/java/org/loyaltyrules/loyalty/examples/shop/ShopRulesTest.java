package org.loyaltyrules.loyalty.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.rules.RuleFileException;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The directory poll: a saved change is picked up without any request; a broken one is reported
 * once and skipped, and the last good rules keep serving.
 */
class ShopRulesTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);
  private static final String ONE_CAMPAIGN = "id,name,kind,bonus\nwelcome-10,10 welcome points,WELCOME_BONUS,10\n";

  @TempDir Path dir;

  @Test
  void poll_changedCampaignFile_reloadsAndBrokenFileKeepsTheLastGoodRules() throws IOException {
    // given
    write("campaigns.csv", ONE_CAMPAIGN);
    ShopRules rules = new ShopRules(new RulesProperties(dir, true, Duration.ofSeconds(5)), CLOCK);
    String first = rules.engine().ruleBaseVersion();
    // The file's one row; the programme's two referral campaigns are kept (the file has no referral rows).
    assertThat(welcomeCampaigns(rules)).hasSize(1);
    assertThat(rules.engine().programme().campaigns()).hasSize(3);
    assertThat(rules.last().files()).contains("earning.drl");

    // when: a second campaign is saved
    write("campaigns.csv", ONE_CAMPAIGN + "welcome-20,20 more welcome points,WELCOME_BONUS,20\n");
    rules.poll();

    // then
    assertThat(welcomeCampaigns(rules)).hasSize(2);
    String second = rules.engine().ruleBaseVersion();
    assertThat(second).isNotEqualTo(first);
    assertThat(rules.last().reloaded()).isTrue();
    assertThat(rules.last().trigger()).isEqualTo("poll");
    assertThat(rules.last().previousVersion()).isEqualTo(first);
    assertThat(rules.last().campaigns()).isEqualTo(4);

    // when: a rule file that does not compile is saved
    write("broken.drl", "package org.loyaltyrules.loyalty.rules.merchant;\nrule \"broken\" when then\n");
    rules.poll();

    // then
    ShopRules.Outcome rejected = rules.last();
    assertThat(rejected.reloaded()).isFalse();
    assertThat(rejected.code()).isEqualTo("rule-file");
    assertThat(rejected.problems()).extracting(p -> p.file()).contains("broken.drl");
    assertThat(rules.engine().ruleBaseVersion()).isEqualTo(second);
    assertThat(rejected.version()).isEqualTo(second);
    assertThat(rejected.files()).doesNotContain("broken.drl");

    // when: nothing changes
    ShopRules.Outcome again = rules.reload("admin");

    // then: the broken file is not compiled again, and it is still reported
    assertThat(again).isSameAs(rejected);
    assertThat(rules.engine().ruleBaseVersion()).isEqualTo(second);
  }

  @Test
  void new_brokenRulesAtStartup_throwsWithEveryProblem() throws IOException {
    // given
    write("broken.drl", "package org.loyaltyrules.loyalty.rules.merchant;\nrule \"broken\" when then\n");

    // when / then: there is nothing older to serve, so the application does not start
    assertThatThrownBy(() -> new ShopRules(new RulesProperties(dir, true, Duration.ZERO), CLOCK))
        .isInstanceOfSatisfying(RuleFileException.class,
            e -> assertThat(e.problems()).extracting(p -> p.file()).contains("broken.drl"));
  }

  @Test
  void configureTasks_pollIntervalSet_pollsAtThatDelayAndZeroTurnsItOff() throws IOException {
    // given
    write("only.drl", """
        package org.loyaltyrules.loyalty.rules.merchant;

        import org.loyaltyrules.loyalty.rules.facts.OrderFact;

        global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

        rule "only: 1 point per order"
        when
            OrderFact()
        then
            decisions.bonus("only", 1, "one point per order");
        end
        """);
    ShopRules polled = new ShopRules(new RulesProperties(dir, false, Duration.ofSeconds(3)), CLOCK);
    ShopRules unpolled = new ShopRules(new RulesProperties(dir, false, Duration.ZERO), CLOCK);
    ScheduledTaskRegistrar withPoll = new ScheduledTaskRegistrar();
    ScheduledTaskRegistrar withoutPoll = new ScheduledTaskRegistrar();

    // when
    polled.configureTasks(withPoll);
    unpolled.configureTasks(withoutPoll);

    // then
    assertThat(withPoll.getFixedDelayTaskList()).singleElement().satisfies(task -> {
      assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofSeconds(3));
      assertThat(task.getInitialDelayDuration()).isEqualTo(Duration.ofSeconds(3));
    });
    assertThat(withoutPoll.getFixedDelayTaskList()).isEmpty();
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private static List<Campaign> welcomeCampaigns(ShopRules rules) {
    return rules.engine().programme().campaigns().stream()
        .filter(c -> c instanceof Campaign.WelcomeBonus).toList();
  }
}
