package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.rules.files.CampaignFile;
import org.loyaltyrules.loyalty.rules.files.RuleFiles;
import org.loyaltyrules.loyalty.rules.trial.RuleTrial;

/** A missing argument of loyalty-rules' API is a typed error naming the parameter, and changes nothing. */
class NullArgumentsTest {

  @Test
  void reload_nullRuleBase_isRefusedAsInvalidValueAndKeepsTheRules() {
    // given
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(Programmes.taiwan(List.of())).build();
    String before = engine.ruleBaseVersion();

    // when / then
    assertThatThrownBy(() -> engine.reload(null, engine.programme(), RuleTrial.generated()))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("ruleBase [null]; expected a value");
    assertThat(engine.ruleBaseVersion()).isEqualTo(before);
  }

  @Test
  void reload_nullLoadedRules_isRefusedAsInvalidValue() {
    // given
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(Programmes.taiwan(List.of())).build();

    // when / then
    assertThatThrownBy(() -> engine.reload((LoadedRules) null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("loaded [null]");
  }

  @Test
  void ruleFileProblem_negativeLine_isRefusedAsInvalidValue() {
    // when / then
    assertThatThrownBy(() -> new RuleFileProblem("x.drl", -1, 0, "r", "c", "m", RuleFileProblem.Severity.ERROR))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("line [-1]; expected ≥ 0");
  }

  @Test
  void localDate_instantBeyondTheCalendar_isRefusedAsInvalidValue() {
    // given
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(Programmes.taiwan(List.of())).build();

    // when / then
    assertThatThrownBy(() -> engine.localDate(Instant.MAX))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("instant [" + Instant.MAX + "]; expected an instant whose date in Asia/Taipei");
  }

  @Test
  void start_intervalTooLongForMilliseconds_isRefusedAsInvalidValueAndStartsNothing() throws Exception {
    // given
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(Programmes.taiwan(List.of())).build();
    try (RuleDirectoryWatcher watcher = new RuleDirectoryWatcher(engine, Path.of("missing"), true, engine.programme(),
        new RuleDirectoryWatcher.Listener() {
          @Override
          public void reloaded(String version, List<RuleFileProblem> warnings) {}

          @Override
          public void rejected(List<RuleFileProblem> problems) {}
        })) {
      // when / then
      assertThatThrownBy(() -> watcher.start(Duration.ofSeconds(Long.MAX_VALUE)))
          .isInstanceOf(InvalidValueException.class)
          .hasMessageContaining("interval [" + Duration.ofSeconds(Long.MAX_VALUE) + "]; expected at least 100 ms");
      assertThatThrownBy(() -> watcher.start(Duration.ofMillis(99)))
          .isInstanceOf(InvalidValueException.class);
      // and: a valid start afterwards still works, so the refusal left no scheduler behind
      assertThat(watcher.start(Duration.ofSeconds(60))).isSameAs(watcher);
    }
  }

  @Test
  void loadedRules_nullWarning_isRefusedAsInvalidValue() {
    // when / then
    assertThatThrownBy(() -> new LoadedRules(RuleBase.defaults(), Programmes.taiwan(List.of()),
        java.util.Arrays.asList((RuleFileProblem) null)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("warnings[0] [null]");
  }

  @Test
  void campaignWarnings_nullCampaigns_isRefusedAsInvalidValue() {
    // when / then
    assertThatThrownBy(() -> CampaignFile.warnings("campaigns.csv", null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("campaigns [null]");
  }

  @Test
  void overAndSampleEvent_nullArgument_isRefusedAsInvalidValue() {
    // when / then
    assertThatThrownBy(() -> RuleFiles.bundled().over(null)).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("base [null]");
    assertThatThrownBy(() -> RuleTrial.SampleEvent.of(
        new org.loyaltyrules.loyalty.LoyaltyEvent.MemberEnrolled("e", "m", Instant.parse("2026-01-01T00:00:00Z")), null))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("context [null]");
  }

  @Test
  void ruleFilesOfAndRuleFileException_nullElement_isRefusedAsInvalidValue() {
    // when / then
    assertThatThrownBy(() -> RuleFiles.of(java.util.Arrays.asList((RuleSource) null)))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("sources[0] [null]");
    assertThatThrownBy(() -> new RuleFileException(null))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("problems [null]");
  }

  @Test
  void factConstructors_nullSets_areRefusedAsInvalidValue() {
    // when / then
    assertThatThrownBy(() -> new org.loyaltyrules.loyalty.rules.facts.CampaignFact(null))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("campaign [null]");
    assertThatThrownBy(() -> new org.loyaltyrules.loyalty.rules.facts.MemberFact("m", "gold", 2, false,
        java.time.LocalDate.of(2026, 1, 1), null, false))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("tags [null]");
  }
}
