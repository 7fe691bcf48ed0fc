package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.RoundingMode;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.NegativeBalancePolicy;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.StackingPolicy;
import org.loyaltyrules.loyalty.Tier;
import org.loyaltyrules.loyalty.TierLadder;
import org.loyaltyrules.loyalty.rules.testkit.Catalogue;
import org.loyaltyrules.loyalty.rules.testkit.LoyaltyGenerators;
import org.loyaltyrules.loyalty.rules.trial.RuleTrial;

/**
 * The trial's own events are valid input on any programme: the bundled rules, which decide every
 * valid event, pass it whatever the zone, ladder, policies and campaign calendar. A trial that
 * failed them would reject good rules.
 */
class RuleTrialProperties {
  private static final Catalogue CATALOGUE = Catalogue.of(List.of("MT-1", "FT-1", "GC-1", "SHOE-1"),
      List.of("milk-tea", "fruit-tea", "gift-card", "shoes"), List.of(Channel.POS, Channel.APP, Channel.of("foodpanda")));

  private static Tier tier(String code, int rank, String threshold) {
    return Tier.of(code, rank, Money.of(threshold, "TWD"), Period.ofMonths(12));
  }

  /** Settings a programme can have, in two groups (jqwik combines at most eight arbitraries). */
  private record Policies(NegativeBalancePolicy negative, RoundingMode rounding, Programme.RoundingScope scope,
      Optional<Integer> pendingDays, Optional<Integer> validityMonths, boolean endOfMonth, int minimumRedemption,
      StackingPolicy stacking) {}

  private record Tiers(ZoneId zone, TierLadder ladder, Programme.DowngradePolicy downgrade, int graceMonths,
      Programme.TierRefundPolicy tierRefund, Programme.ReferralRefundPolicy referralRefund, int levels,
      boolean excludeGiftCards) {}

  @Provide
  Arbitrary<Programme> programmes() {
    Arbitrary<Policies> policies = Combinators.combine(
        Arbitraries.of(NegativeBalancePolicy.class),
        Arbitraries.of(RoundingMode.DOWN, RoundingMode.UP, RoundingMode.HALF_UP, RoundingMode.HALF_EVEN),
        Arbitraries.of(Programme.RoundingScope.class),
        Arbitraries.integers().between(1, 30).optional(),
        Arbitraries.integers().between(1, 24).optional(),
        Arbitraries.of(true, false),
        Arbitraries.integers().between(1, 500),
        Arbitraries.of(StackingPolicy.class)).as(Policies::new);
    Arbitrary<Tiers> tiers = Combinators.combine(
        Arbitraries.of(ZoneId.of("Asia/Taipei"), ZoneId.of("Pacific/Chatham"), ZoneId.of("America/St_Johns"),
            ZoneOffset.UTC),
        Arbitraries.of(
            TierLadder.of(tier("member", 0, "0")),
            TierLadder.of(tier("member", 0, "0"), tier("silver", 1, "10000"), tier("gold", 2, "30000")),
            TierLadder.of(tier("member", 0, "0"), tier("silver", 1, "500"), tier("gold", 2, "2000"),
                tier("platinum", 3, "100000"))),
        Arbitraries.of(Programme.DowngradePolicy.class),
        Arbitraries.integers().between(0, 3),
        Arbitraries.of(Programme.TierRefundPolicy.class),
        Arbitraries.of(Programme.ReferralRefundPolicy.class),
        Arbitraries.integers().between(1, 4),
        Arbitraries.of(true, false)).as(Tiers::new);
    return Combinators.combine(policies, tiers).as(RuleTrialProperties::programme)
        .flatMap(base -> LoyaltyGenerators.campaigns(base, CATALOGUE, Instant.parse("2025-03-01T00:00:00Z"))
            .map(calendar -> base.toBuilder().clearCampaigns().campaigns(calendar).build()));
  }

  private static Programme programme(Policies p, Tiers t) {
    Programme.Builder builder = Programme.builder(Fixtures.TWD, t.zone(), t.ladder())
        .negativeBalancePolicy(p.negative())
        .rounding(p.rounding(), p.scope())
        .redemption(Money.of("1", "TWD"), Points.of(p.minimumRedemption()))
        .stacking(p.stacking())
        .downgrade(t.downgrade(), Period.ofMonths(t.graceMonths()))
        .tierRefundPolicy(t.tierRefund())
        .referrals(t.referralRefund(), t.levels())
        .excludeFromEarning(Set.of(), t.excludeGiftCards() ? Set.of("gift-card") : Set.of());
    // A pending period that could outlast the validity is refused by Programme.build.
    p.pendingDays().filter(days -> p.validityMonths().map(months -> days < 28 * months).orElse(true))
        .ifPresent(days -> builder.pendingPeriod(Period.ofDays(days)));
    p.validityMonths().ifPresent(months -> builder.pointsExpireAfter(Period.ofMonths(months), p.endOfMonth()));
    return builder.build();
  }

  @Property(tries = 30)
  void bundledRulesPassTheTrialOnAnyProgramme(@ForAll("programmes") Programme programme) {
    // when
    List<RuleFileProblem> problems = RuleTrial.generated().run(Fixtures.defaults(), programme);

    // then
    assertThat(problems).as("trial of the bundled rules on %s", programme).isEmpty();
  }
}
