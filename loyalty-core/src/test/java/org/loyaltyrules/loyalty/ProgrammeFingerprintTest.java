package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.RoundingMode;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Programme.DowngradePolicy;
import org.loyaltyrules.loyalty.Programme.ReferralRefundPolicy;
import org.loyaltyrules.loyalty.Programme.RoundingScope;
import org.loyaltyrules.loyalty.Programme.TierRefundPolicy;

/**
 * Programme value equality and its canonical fingerprint cover every setting. The field list is
 * read by reflection, so a setting added to {@link Programme} without a line in the canonical text,
 * or without a change here, fails these tests.
 */
class ProgrammeFingerprintTest {

  /** One change per Programme field, each applied to a copy of the base spec. */
  private static Map<String, Consumer<ProgrammeSpec>> changeOfEachField() {
    Map<String, Consumer<ProgrammeSpec>> changes = new LinkedHashMap<>();
    changes.put("currency", s -> {
      // The currency cannot change alone: thresholds and money limits must be in it.
      s.currency = Currency.getInstance("HKD");
      s.tiers = ProgrammeSpec.ladder("HKD", "10000", Period.ofMonths(12));
      s.redemption = RedemptionPolicy.of(Money.of("1.00", "HKD"));
      s.maxUnitPrice = Money.of(Programme.DEFAULT_MAX_UNIT_PRICE, s.currency);
      s.maxOrderTotal = Money.of(Programme.DEFAULT_MAX_ORDER_TOTAL, s.currency);
      s.segmentPolicy = SegmentPolicy.defaults(s.currency);
    });
    changes.put("zone", s -> s.zone = ZoneId.of("Asia/Hong_Kong"));
    changes.put("tiers", s -> s.tiers = ProgrammeSpec.ladder("TWD", "10000", Period.ofMonths(6)));
    changes.put("rounding", s -> s.rounding = RoundingMode.HALF_UP);
    changes.put("roundingScope", s -> s.roundingScope = RoundingScope.PER_LINE);
    changes.put("pendingPeriod", s -> s.pendingPeriod = Optional.of(Period.ofDays(7)));
    changes.put("pointsValidity", s -> s.pointsValidity = Optional.of(Period.ofYears(2)));
    changes.put("expireAtEndOfMonth", s -> s.expireAtEndOfMonth = true);
    changes.put("negativeBalancePolicy", s -> s.negativeBalancePolicy = NegativeBalancePolicy.CAP_AT_ZERO);
    changes.put("redemption", s -> s.redemption = s.redemption.withMaxShareOfOrder(new java.math.BigDecimal("0.5")));
    changes.put("stackingPolicy", s -> s.stackingPolicy = StackingPolicy.BEST_OF);
    changes.put("downgradePolicy", s -> s.downgradePolicy = DowngradePolicy.RECOMPUTE);
    changes.put("downgradeGrace", s -> s.downgradeGrace = Period.ofDays(30));
    changes.put("tierRefundPolicy", s -> s.tierRefundPolicy = TierRefundPolicy.RECOMPUTE_ON_REFUND);
    changes.put("referralRefundPolicy", s -> s.referralRefundPolicy = ReferralRefundPolicy.KEEP);
    changes.put("maxReferralLevels", s -> s.maxReferralLevels = 2);
    changes.put("excludedSkus", s -> s.excludedSkus = Set.of("gift-1", "gift-2"));
    changes.put("excludedCategories", s -> s.excludedCategories = Set.of());
    changes.put("campaigns", s -> s.campaigns = List.of(ProgrammeSpec.doublePoints("c-1", "3"),
        ProgrammeSpec.welcome("w-1", 50)));
    changes.put("maxQuantityPerLine", s -> s.maxQuantityPerLine = 99);
    changes.put("maxUnitPrice", s -> s.maxUnitPrice = Money.of("99.00", "TWD"));
    changes.put("maxOrderTotal", s -> s.maxOrderTotal = Money.of("99.00", "TWD"));
    changes.put("maxLinesPerOrder", s -> s.maxLinesPerOrder = 99);
    changes.put("maxPointsPerDecision", s -> s.maxPointsPerDecision = Points.of(99));
    changes.put("segmentPolicy", s -> s.segmentPolicy = new SegmentPolicy(java.time.Period.ofMonths(6), 30, 90, 180,
        365, Money.of("20000", "TWD")));
    changes.put("tierProgressNotices", s -> s.tierProgressNotices = true);
    changes.put("storeCreditValidity", s -> s.storeCreditValidity = java.util.Optional.of(Period.ofDays(90)));
    return changes;
  }

  /** The fields that make up a programme's value: every instance field but the derived caches. */
  private static List<Field> settingFields() {
    List<Field> fields = new ArrayList<>();
    for (Field field : Programme.class.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers)) {
        field.setAccessible(true);
        fields.add(field);
      }
    }
    return fields;
  }

  private static Set<String> fieldsThatDiffer(Programme a, Programme b) throws IllegalAccessException {
    Set<String> differ = new TreeSet<>();
    for (Field field : settingFields()) {
      if (!field.get(a).equals(field.get(b))) {
        differ.add(field.getName());
      }
    }
    return differ;
  }

  @Test
  void changeOfEachField_coversEveryProgrammeField() {
    // given
    Set<String> fieldNames = new TreeSet<>();
    for (Field field : settingFields()) {
      fieldNames.add(field.getName());
    }

    // then: a new Programme field fails here until it has a change below (and a canonical line)
    assertThat(changeOfEachField().keySet()).containsExactlyInAnyOrderElementsOf(fieldNames);
  }

  @Test
  void fingerprintAndEquals_eachSettingChangedAlone_bothSeeTheChange() throws Exception {
    // given
    Programme base = new ProgrammeSpec().build();

    for (Map.Entry<String, Consumer<ProgrammeSpec>> change : changeOfEachField().entrySet()) {
      // when
      ProgrammeSpec spec = new ProgrammeSpec();
      change.getValue().accept(spec);
      Programme changed = spec.build();

      // then: the change reached the intended field (and, for the currency, only its dependants)
      Set<String> differ = fieldsThatDiffer(base, changed);
      assertThat(differ).as("fields changed by the %s change", change.getKey()).contains(change.getKey());
      if (!change.getKey().equals("currency")) {
        assertThat(differ).as("fields changed by the %s change", change.getKey()).containsExactly(change.getKey());
      }
      assertThat(changed).as("programme with another %s", change.getKey()).isNotEqualTo(base);
      assertThat(changed.fingerprint()).as("fingerprint with another %s", change.getKey())
          .isNotEqualTo(base.fingerprint());
    }
  }

  @Test
  void canonicalText_everyField_hasItsOwnLine() {
    // given
    String text = ProgrammeFingerprint.canonicalText(new ProgrammeSpec().build());

    // then
    for (Field field : settingFields()) {
      assertThat(text).as("canonical line of %s", field.getName()).contains("\n" + field.getName() + " ");
    }
  }

  @Test
  void canonicalText_smallProgramme_isTheDocumentedForm() {
    // given
    ProgrammeSpec spec = new ProgrammeSpec();
    spec.campaigns = List.of();
    spec.excludedSkus = Set.of("b,c", "a");

    // when
    String text = ProgrammeFingerprint.canonicalText(spec.build());

    // then
    assertThat(text).isEqualTo("""
        loyalty-programme v1
        currency TWD
        zone Asia/Taipei
        tiers TierLadder(tiers=[Tier(code=s6:member,rank=0,threshold=Money(amount=0.00,currency=TWD),window=P12M),\
        Tier(code=s4:gold,rank=1,threshold=Money(amount=10000.00,currency=TWD),window=P12M)])
        rounding DOWN
        roundingScope PER_ORDER
        pendingPeriod empty
        pointsValidity some(P1Y)
        expireAtEndOfMonth false
        negativeBalancePolicy ALLOW_DEBT
        redemption RedemptionPolicy(valuePerPoint=Money(amount=1.00,currency=TWD),minimumPoints=Points(value=1),\
        maximumPoints=empty,maxShareOfOrder=1,minimumOrderValue=empty,tierRates=[])
        stackingPolicy ADDITIVE
        downgradePolicy ONE_LEVEL
        downgradeGrace P0D
        tierRefundPolicy KEEP_UNTIL_REVIEW
        referralRefundPolicy CLAW_BACK_ON_FULL_REFUND
        maxReferralLevels 3
        excludedSkus {s1:a,s3:b,c}
        excludedCategories {s9:gift-card}
        maxQuantityPerLine 100000
        maxUnitPrice Money(amount=10000000000.00,currency=TWD)
        maxOrderTotal Money(amount=1000000000000.00,currency=TWD)
        maxLinesPerOrder 100000
        maxPointsPerDecision Points(value=1000000000)
        segmentPolicy SegmentPolicy(window=P12M,newDays=30,activeDays=90,atRiskDays=180,dormantDays=365,\
        highValueSpend=Money(amount=20000.00,currency=TWD))
        tierProgressNotices false
        storeCreditValidity empty
        campaigns 0
        """);
  }

  @Test
  void fingerprint_isLowerCaseSha256Hex() {
    // when
    String fingerprint = new ProgrammeSpec().build().fingerprint();

    // then
    assertThat(fingerprint).hasSize(64).matches("[0-9a-f]{64}");
  }

  @Test
  void fingerprint_textThatOnlyLooksAlike_differs() {
    // given: one SKU "a,b" against two SKUs "a" and "b"
    ProgrammeSpec one = new ProgrammeSpec();
    one.excludedSkus = Set.of("a,b");
    ProgrammeSpec two = new ProgrammeSpec();
    two.excludedSkus = Set.of("a", "b");

    // when / then
    assertThat(one.build().fingerprint()).isNotEqualTo(two.build().fingerprint());
  }

  @Test
  void equals_defaultsLeftUnsetOrSetToTheSameValues_isEqual() {
    // given
    ProgrammeSpec spec = new ProgrammeSpec();
    spec.campaigns = List.of();
    spec.excludedSkus = Set.of();
    spec.excludedCategories = Set.of();
    spec.pointsValidity = Optional.empty();

    // when
    Programme explicit = spec.build();
    Programme defaults = Programme.builder(spec.currency, spec.zone, spec.tiers).build();

    // then
    assertThat(explicit).isEqualTo(defaults).hasSameHashCodeAs(defaults);
    assertThat(explicit.fingerprint()).isEqualTo(defaults.fingerprint());
  }

  @Test
  void equals_campaignsAddedInAnotherOrder_isEqualWithTheSameFingerprint() {
    // given
    ProgrammeSpec spec = new ProgrammeSpec();
    spec.campaigns = List.of(ProgrammeSpec.welcome("w-2", 10), ProgrammeSpec.doublePoints("c-9", "2"),
        ProgrammeSpec.threshold("t-1", 100, "1000"));

    // when
    Programme inOrder = spec.build();
    Programme reversed = spec.buildWithCampaignsReversed();

    // then
    assertThat(reversed.campaigns()).isNotEqualTo(inOrder.campaigns());
    assertThat(reversed).isEqualTo(inOrder).hasSameHashCodeAs(inOrder);
    assertThat(reversed.fingerprint()).isEqualTo(inOrder.fingerprint());
  }

  @Test
  void equals_toBuilderRoundTrip_isEqual() {
    // given
    Programme programme = new ProgrammeSpec().build();

    // when / then
    assertThat(programme.toBuilder().build()).isEqualTo(programme).hasSameHashCodeAs(programme);
    assertThat(programme).isNotEqualTo(null).isNotEqualTo("a programme");
  }
}
