package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.multiplier;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Programme;

/**
 * The recorded rule-base version is the rule files' hash and the programme's canonical
 * fingerprint, so every setting (including one added later) changes it, and an equal programme
 * keeps it.
 */
class RuleBaseVersionTest {
  private static final Campaign DOUBLE = multiplier("double-11", "2", CampaignSchedule.on(LocalDate.of(2026, 11, 11)));
  private static final Campaign TRIPLE = multiplier("triple-12", "3", CampaignSchedule.on(LocalDate.of(2026, 12, 12)));

  @Test
  void ruleBaseVersion_isTheRuleFilesHashThenTheProgrammeFingerprintsFirstEightDigits() {
    // given
    Programme programme = taiwan(DOUBLE);

    // when
    String version = Fixtures.engine(programme).ruleBaseVersion();

    // then
    assertThat(version).isEqualTo(Fixtures.defaults().version() + "." + programme.fingerprint().substring(0, 8));
  }

  @Test
  void ruleBaseVersion_equalProgrammeWithCampaignsInAnotherOrder_isTheSame() {
    // given
    Programme oneOrder = taiwan(DOUBLE, TRIPLE);
    Programme otherOrder = taiwan(TRIPLE, DOUBLE);

    // when / then
    assertThat(otherOrder).isEqualTo(oneOrder);
    assertThat(Fixtures.engine(otherOrder).ruleBaseVersion()).isEqualTo(Fixtures.engine(oneOrder).ruleBaseVersion());
  }

  @Test
  void ruleBaseVersion_settingsBeyondTheLimits_eachChangeIt() {
    // given
    Programme base = taiwan(DOUBLE);
    List<Programme> changed = List.of(
        base.toBuilder().downgrade(Programme.DowngradePolicy.ONE_LEVEL, Period.ofDays(30)).build(),
        base.toBuilder().tierRefundPolicy(Programme.TierRefundPolicy.RECOMPUTE_ON_REFUND).build(),
        base.toBuilder().clearCampaigns().campaigns(multiplier("double-11", "2.5",
            CampaignSchedule.on(LocalDate.of(2026, 11, 11)))).build(),
        base.toBuilder().clearCampaigns().campaigns(DOUBLE.forTiers(Set.of("gold"))).build());

    // when
    String baseVersion = Fixtures.engine(base).ruleBaseVersion();
    List<String> versions = new ArrayList<>();
    for (Programme programme : changed) {
      versions.add(Fixtures.engine(programme).ruleBaseVersion());
    }

    // then
    assertThat(versions).doesNotContain(baseVersion).doesNotHaveDuplicates();
  }
}
