package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.RoundingMode;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
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
    return Builders.withBuilder(ProgrammeSpec::new)
        .use(Arbitraries.of(ZoneId.of("Asia/Taipei"), ZoneId.of("UTC"), ZoneId.of("Pacific/Chatham")))
        .in((s, v) -> with(s, c -> c.zone = v))
        .use(Arbitraries.of(Period.ofMonths(6), Period.ofMonths(12)))
        .in((s, v) -> with(s, c -> c.tiers = ProgrammeSpec.ladder("TWD", "20000", v)))
        .use(Arbitraries.of(RoundingMode.DOWN, RoundingMode.HALF_UP, RoundingMode.CEILING))
        .in((s, v) -> with(s, c -> c.rounding = v))
        .use(Arbitraries.of(RoundingScope.class)).in((s, v) -> with(s, c -> c.roundingScope = v))
        .use(Arbitraries.of(Period.ofDays(7), Period.ofDays(14)).optional())
        .in((s, v) -> with(s, c -> c.pendingPeriod = v))
        .use(Arbitraries.of(Period.ofMonths(6), Period.ofYears(1)).optional())
        .in((s, v) -> with(s, c -> c.pointsValidity = v))
        .use(Arbitraries.of(true, false)).in((s, v) -> with(s, c -> c.expireAtEndOfMonth = v))
        .use(Arbitraries.of(NegativeBalancePolicy.class)).in((s, v) -> with(s, c -> c.negativeBalancePolicy = v))
        .use(Arbitraries.of("1.00", "0.25")).in((s, v) -> with(s, c -> c.cashValuePerPoint = Money.of(v, "TWD")))
        .use(Arbitraries.longs().between(1, 3)).in((s, v) -> with(s, c -> c.minimumRedemption = Points.of(v)))
        .use(Arbitraries.of(StackingPolicy.class)).in((s, v) -> with(s, c -> c.stackingPolicy = v))
        .use(Arbitraries.of(DowngradePolicy.class)).in((s, v) -> with(s, c -> c.downgradePolicy = v))
        .use(Arbitraries.of(Period.ZERO, Period.ofDays(30))).in((s, v) -> with(s, c -> c.downgradeGrace = v))
        .use(Arbitraries.of(TierRefundPolicy.class)).in((s, v) -> with(s, c -> c.tierRefundPolicy = v))
        .use(Arbitraries.of(ReferralRefundPolicy.class)).in((s, v) -> with(s, c -> c.referralRefundPolicy = v))
        .use(Arbitraries.integers().between(1, 3)).in((s, v) -> with(s, c -> c.maxReferralLevels = v))
        .use(Arbitraries.of("gift-1", "gift-2", "a,b").set()).in((s, v) -> with(s, c -> c.excludedSkus = v))
        .use(Arbitraries.of("gift-card", "voucher").set()).in((s, v) -> with(s, c -> c.excludedCategories = v))
        .use(Arbitraries.subsetOf(CAMPAIGN_POOL)).in((s, v) -> with(s, c -> c.campaigns = List.copyOf(v)))
        .use(Arbitraries.integers().between(1, 3)).in((s, v) -> with(s, c -> c.maxQuantityPerLine = v))
        .use(Arbitraries.of("99.00", "100.00")).in((s, v) -> with(s, c -> c.maxUnitPrice = Money.of(v, "TWD")))
        .use(Arbitraries.of("999.00", "1000.00")).in((s, v) -> with(s, c -> c.maxOrderTotal = Money.of(v, "TWD")))
        .use(Arbitraries.integers().between(1, 3)).in((s, v) -> with(s, c -> c.maxLinesPerOrder = v))
        .use(Arbitraries.longs().between(1, 3)).in((s, v) -> with(s, c -> c.maxPointsPerDecision = Points.of(v)))
        .build();
  }

  /** Few settings varied over two values each, so that two draws are often equal. */
  @Provide
  Arbitrary<ProgrammeSpec> narrowSpecs() {
    return Builders.withBuilder(ProgrammeSpec::new)
        .use(Arbitraries.of(ZoneId.of("Asia/Taipei"), ZoneId.of("UTC"))).in((s, v) -> with(s, c -> c.zone = v))
        .use(Arbitraries.<Set<String>>of(Set.of(), Set.of("gift-1")))
        .in((s, v) -> with(s, c -> c.excludedSkus = v))
        .use(Arbitraries.<List<Campaign>>of(List.of(), List.of(ProgrammeSpec.welcome("w-1", 50))))
        .in((s, v) -> with(s, c -> c.campaigns = v))
        .use(Arbitraries.of(1, 2)).in((s, v) -> with(s, c -> c.maxLinesPerOrder = v))
        .build();
  }

  private static ProgrammeSpec with(ProgrammeSpec spec, java.util.function.Consumer<ProgrammeSpec> change) {
    ProgrammeSpec copy = spec.copy();
    change.accept(copy);
    return copy;
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
    // given: built and fingerprinted afresh under each default, so no cached value is reused
    String reference = under("UTC", Locale.ROOT, () -> spec.build().fingerprint());

    // when / then
    assertThat(under("Pacific/Chatham", Locale.forLanguageTag("tr-TR"), () -> spec.build().fingerprint()))
        .isEqualTo(reference);
    assertThat(under("Asia/Tehran", Locale.forLanguageTag("fa-IR"), () -> spec.build().fingerprint()))
        .isEqualTo(reference);
    assertThat(under("Asia/Tokyo", Locale.forLanguageTag("th-TH-u-nu-thai"), () -> spec.build().fingerprint()))
        .isEqualTo(reference);
  }

  private static String under(String zone, Locale locale, Supplier<String> scenario) {
    TimeZone previousZone = TimeZone.getDefault();
    Locale previous = Locale.getDefault();
    Locale display = Locale.getDefault(Locale.Category.DISPLAY);
    Locale format = Locale.getDefault(Locale.Category.FORMAT);
    try {
      TimeZone.setDefault(TimeZone.getTimeZone(ZoneId.of(zone)));
      Locale.setDefault(locale);
      return scenario.get();
    } finally {
      TimeZone.setDefault(previousZone);
      Locale.setDefault(previous);
      Locale.setDefault(Locale.Category.DISPLAY, display);
      Locale.setDefault(Locale.Category.FORMAT, format);
    }
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
