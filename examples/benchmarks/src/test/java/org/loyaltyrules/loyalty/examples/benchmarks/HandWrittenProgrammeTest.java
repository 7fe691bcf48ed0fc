package org.loyaltyrules.loyalty.examples.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.rules.RuleBase;

/**
 * The hand-written baseline must decide exactly what the engine decides with the default rules,
 * or the benchmark compares different work. Over every seeded order of a scenario (4,096 orders of
 * 512 members with histories, 1–20 lines, mixed tiers, 15% of them on the double-points day), the
 * two must make the same entries: keys, members, points, spend, per-line shares and expiry, and
 * the same tier upgrade.
 */
class HandWrittenProgrammeTest {
  private static final RuleBase DEFAULTS = RuleBase.defaults();

  @ParameterizedTest(name = "{0} campaigns")
  @ValueSource(ints = {10, 100, 1_000})
  void decide_seededOrders_sameEntriesAsEngine(int campaigns) {
    // given
    Scenario scenario = Scenario.of(campaigns, DEFAULTS);
    Coverage coverage = new Coverage();
    for (Workload.Case c : scenario.cases()) {
      // when
      Decision engine = scenario.engine().decide(c.event(), c.context());
      Decision hand = scenario.handWritten().decide(c.order(), c.context());
      // then
      assertThat(summary(hand)).as("order %s of %s", c.order().id(), c.order()).isEqualTo(summary(engine));
      coverage.add(engine);
    }
    // The comparison covered every kind of entry, not only base points.
    assertThat(coverage.campaignEntries).as("campaign entries").isGreaterThan(100);
    assertThat(coverage.bonusEntries).as("bonus entries").isGreaterThan(100);
    assertThat(coverage.tierChanges).as("tier upgrades").isGreaterThan(10);
    assertThat(coverage.multiLineSplits).as("entries split over several lines").isGreaterThan(100);
  }

  @Test
  void decide_everyOrderAgain_sameAsFirstTime() {
    // given: the baseline keeps a per-day index; deciding twice must not change a decision
    Scenario scenario = Scenario.of(10, DEFAULTS);
    Workload.Case c = scenario.cases()[7];
    // when
    Decision first = scenario.handWritten().decide(c.order(), c.context());
    Decision second = scenario.handWritten().decide(c.order(), c.context());
    // then
    assertThat(summary(second)).isEqualTo(summary(first)).isNotEmpty();
  }

  /** What must agree: every entry's accounting, keyed, plus the tier change. */
  private static Map<String, String> summary(Decision decision) {
    Map<String, String> result = new TreeMap<>();
    for (LedgerEntry entry : decision.entries()) {
      LedgerEntry.Earned earned = (LedgerEntry.Earned) entry;
      List<String> lines = new ArrayList<>();
      for (LineShare share : earned.lines()) {
        lines.add(share.lineId() + "×" + share.quantity() + "=" + share.points().value() + "/" + share.spend().amount());
      }
      result.put(earned.key(), earned.memberId() + " " + earned.points().value() + " spend " + earned.spend().amount()
          + " lines " + lines + " expires " + earned.expiresAt().map(Object::toString).orElse("-") + " pending "
          + earned.pendingUntil().map(Object::toString).orElse("-"));
    }
    Optional<String> tier = decision.tierChange().map(t -> t.from() + "->" + t.to() + "@" + t.effectiveAt());
    result.put("tier-change", tier.orElse("none"));
    return result;
  }

  private static final class Coverage {
    int campaignEntries;
    int bonusEntries;
    int tierChanges;
    int multiLineSplits;

    void add(Decision decision) {
      for (LedgerEntry entry : decision.entries()) {
        EntryKey key = EntryKey.parse(entry.key());
        campaignEntries += key instanceof EntryKey.OrderCampaign ? 1 : 0;
        bonusEntries += key instanceof EntryKey.OrderBonus ? 1 : 0;
        if (!(key instanceof EntryKey.OrderBase) && ((LedgerEntry.Earned) entry).lines().size() > 1) {
          multiLineSplits++;
        }
      }
      tierChanges += decision.tierChange().isPresent() ? 1 : 0;
    }
  }
}
