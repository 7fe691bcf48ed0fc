package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.RoundingMode;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.loyaltyrules.loyalty.Programme.DowngradePolicy;
import org.loyaltyrules.loyalty.Programme.ReferralRefundPolicy;
import org.loyaltyrules.loyalty.Programme.RoundingScope;
import org.loyaltyrules.loyalty.Programme.TierRefundPolicy;

/**
 * Programme value equality and fingerprint over random settings: equal settings give equal
 * programmes, hash codes and fingerprints; the fingerprint tells programmes apart exactly when
 * equals does; and it is the same under any JVM default time zone and locale.
 */
class ProgrammeProperties {

  private static final List<Campaign> CAMPAIGN_POOL = List.of(ProgrammeSpec.doublePoints("c-1", "2"),
      ProgrammeSpec.doublePoints("c-2", "1.5"), ProgrammeSpec.welcome("w-1", 50), ProgrammeSpec.welcome("w-2", 80),
      ProgrammeSpec.threshold("t-1", 100, "1000"));

  /** Every setting varied; the pending period stays shorter than any validity it is paired with. */
  @Provide
  Arbitrary<ProgrammeSpec> specs() {
    return specOf(
        setting(Arbitraries.of(ZoneId.of("Asia/Taipei"), ZoneId.of("UTC"), ZoneId.of("Pacific/Chatham")), (c, v) -> c.zone = v),
        setting(Arbitraries.of(Period.ofMonths(6), Period.ofMonths(12)), (c, v) -> c.tiers = ProgrammeSpec.ladder("TWD", "20000", v)),
        setting(Arbitraries.of(RoundingMode.DOWN, RoundingMode.HALF_UP, RoundingMode.CEILING), (c, v) -> c.rounding = v),
        setting(Arbitraries.of(RoundingScope.class), (c, v) -> c.roundingScope = v),
        setting(Arbitraries.of(Period.ofDays(7), Period.ofDays(14)).optional(), (c, v) -> c.pendingPeriod = v),
        setting(Arbitraries.of(Period.ofMonths(6), Period.ofYears(1)).optional(), (c, v) -> c.pointsValidity = v),
        setting(Arbitraries.of(true, false), (c, v) -> c.expireAtEndOfMonth = v),
        setting(Arbitraries.of(NegativeBalancePolicy.class), (c, v) -> c.negativeBalancePolicy = v),
        setting(Arbitraries.of("1.00", "0.25"), (c, v) -> c.redemption = RedemptionPolicy.of(Money.of(v, "TWD"))
            .withMinimumPoints(c.redemption.minimumPoints())),
        setting(Arbitraries.longs().between(1, 3), (c, v) -> c.redemption = c.redemption.withMinimumPoints(Points.of(v))),
        setting(Arbitraries.of("1", "0.5"), (c, v) -> c.redemption = c.redemption.withMaxShareOfOrder(new java.math.BigDecimal(v))),
        setting(Arbitraries.of(StackingPolicy.class), (c, v) -> c.stackingPolicy = v),
        setting(Arbitraries.of(DowngradePolicy.class), (c, v) -> c.downgradePolicy = v),
        setting(Arbitraries.of(Period.ZERO, Period.ofDays(30)), (c, v) -> c.downgradeGrace = v),
        setting(Arbitraries.of(TierRefundPolicy.class), (c, v) -> c.tierRefundPolicy = v),
        setting(Arbitraries.of(ReferralRefundPolicy.class), (c, v) -> c.referralRefundPolicy = v),
        setting(Arbitraries.integers().between(1, 3), (c, v) -> c.maxReferralLevels = v),
        setting(Arbitraries.of("gift-1", "gift-2", "a,b").set(), (c, v) -> c.excludedSkus = v),
        setting(Arbitraries.of("gift-card", "voucher").set(), (c, v) -> c.excludedCategories = v),
        setting(Arbitraries.subsetOf(CAMPAIGN_POOL), (c, v) -> c.campaigns = List.copyOf(v)),
        setting(Arbitraries.integers().between(1, 3), (c, v) -> c.maxQuantityPerLine = v),
        setting(Arbitraries.of("99.00", "100.00"), (c, v) -> c.maxUnitPrice = Money.of(v, "TWD")),
        setting(Arbitraries.of("999.00", "1000.00"), (c, v) -> c.maxOrderTotal = Money.of(v, "TWD")),
        setting(Arbitraries.integers().between(1, 3), (c, v) -> c.maxLinesPerOrder = v),
        setting(Arbitraries.longs().between(1, 3), (c, v) -> c.maxPointsPerDecision = Points.of(v)));
  }

  /** Few settings varied over two values each, so that two draws are often equal. */
  @Provide
  Arbitrary<ProgrammeSpec> narrowSpecs() {
    return specOf(
        setting(Arbitraries.of(ZoneId.of("Asia/Taipei"), ZoneId.of("UTC")), (c, v) -> c.zone = v),
        setting(Arbitraries.<Set<String>>of(Set.of(), Set.of("gift-1")), (c, v) -> c.excludedSkus = v),
        setting(Arbitraries.<List<Campaign>>of(List.of(), List.of(ProgrammeSpec.welcome("w-1", 50))), (c, v) -> c.campaigns = v),
        setting(Arbitraries.of(1, 2), (c, v) -> c.maxLinesPerOrder = v));
  }

  /** One setting of a spec, applied to a fresh spec per try. */
  private interface Setting extends Consumer<ProgrammeSpec> {}

  private static <T> Arbitrary<Setting> setting(Arbitrary<T> values, BiConsumer<ProgrammeSpec, T> set) {
    return values.map(v -> spec -> set.accept(spec, v));
  }

  @SafeVarargs
  private static Arbitrary<ProgrammeSpec> specOf(Arbitrary<Setting>... settings) {
    return Combinators.combine(List.of(settings)).as(chosen -> {
      ProgrammeSpec spec = new ProgrammeSpec();
      chosen.forEach(setting -> setting.accept(spec));
      return spec;
    });
  }

  @Property(tries = 300)
  void equalSettingsGiveEqualProgrammesHashCodesAndFingerprints(@ForAll("specs") ProgrammeSpec spec) {
    // when
    Programme first = spec.build();
    Programme second = spec.buildWithCampaignsReversed();

    // then
    assertThat(second).isEqualTo(first);
    assertThat(second.hashCode()).isEqualTo(first.hashCode());
    assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
    assertThat(first.toBuilder().build()).isEqualTo(first);
  }

  @Property(tries = 300)
  void fingerprintsAreEqualExactlyWhenProgrammesAre(
      @ForAll("narrowSpecs") ProgrammeSpec a, @ForAll("narrowSpecs") ProgrammeSpec b) {
    // when
    Programme x = a.build();
    Programme y = b.build();

    // then
    assertThat(x.fingerprint().equals(y.fingerprint())).isEqualTo(x.equals(y));
    if (x.equals(y)) {
      assertThat(x.hashCode()).isEqualTo(y.hashCode());
    }
  }

  @Property(tries = 100)
  void fingerprintDoesNotDependOnTheDefaultTimeZoneOrLocale(@ForAll("specs") ProgrammeSpec spec) {
    // given / when / then: built and fingerprinted afresh under each default (a cached value would
    // hide a dependency), and compared with the run under UTC and the root locale
    JvmDefaultZoneAndLocaleProperties.assertSameUnderEveryDefault(() -> List.of(spec.build().fingerprint(),
        ProgrammeFingerprint.canonicalText(spec.build())));
  }

  @Property(tries = 50)
  void aProgrammeUsedAsAMapKeyIsFoundByAnEqualOne(@ForAll("specs") ProgrammeSpec spec) {
    // given
    java.util.Map<Programme, String> byProgramme = new java.util.HashMap<>();
    byProgramme.put(spec.build(), "found");

    // when / then
    assertThat(byProgramme.get(spec.buildWithCampaignsReversed())).isEqualTo("found");
    assertThat(Optional.ofNullable(byProgramme.get(spec.build()))).contains("found");
  }
}
