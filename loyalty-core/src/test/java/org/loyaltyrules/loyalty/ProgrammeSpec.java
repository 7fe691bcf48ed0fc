package org.loyaltyrules.loyalty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.loyaltyrules.loyalty.Programme.DowngradePolicy;
import org.loyaltyrules.loyalty.Programme.ReferralRefundPolicy;
import org.loyaltyrules.loyalty.Programme.RoundingScope;
import org.loyaltyrules.loyalty.Programme.TierRefundPolicy;

/**
 * Every setting of a {@link Programme} as a plain mutable value, one field per Programme field, so
 * tests can build two programmes that differ in exactly one setting, or the same one twice.
 * Builds through the public builder, calling every setter.
 */
final class ProgrammeSpec {
  Currency currency = Currency.getInstance("TWD");
  ZoneId zone = ZoneId.of("Asia/Taipei");
  TierLadder tiers = ladder("TWD", "10000", Period.ofMonths(12));
  RoundingMode rounding = RoundingMode.DOWN;
  RoundingScope roundingScope = RoundingScope.PER_ORDER;
  Optional<Period> pendingPeriod = Optional.empty();
  Optional<Period> pointsValidity = Optional.of(Period.ofYears(1));
  boolean expireAtEndOfMonth;
  NegativeBalancePolicy negativeBalancePolicy = NegativeBalancePolicy.ALLOW_DEBT;
  RedemptionPolicy redemption = RedemptionPolicy.of(Money.of("1.00", "TWD"));
  StackingPolicy stackingPolicy = StackingPolicy.ADDITIVE;
  DowngradePolicy downgradePolicy = DowngradePolicy.ONE_LEVEL;
  Period downgradeGrace = Period.ZERO;
  TierRefundPolicy tierRefundPolicy = TierRefundPolicy.KEEP_UNTIL_REVIEW;
  ReferralRefundPolicy referralRefundPolicy = ReferralRefundPolicy.CLAW_BACK_ON_FULL_REFUND;
  int maxReferralLevels = 3;
  Set<String> excludedSkus = Set.of("gift-1");
  Set<String> excludedCategories = Set.of("gift-card");
  List<Campaign> campaigns = List.of(doublePoints("c-1", "2"), welcome("w-1", 50));
  int maxQuantityPerLine = Programme.DEFAULT_MAX_QUANTITY_PER_LINE;
  Money maxUnitPrice = Money.of(Programme.DEFAULT_MAX_UNIT_PRICE, Currency.getInstance("TWD"));
  Money maxOrderTotal = Money.of(Programme.DEFAULT_MAX_ORDER_TOTAL, Currency.getInstance("TWD"));
  int maxLinesPerOrder = Programme.DEFAULT_MAX_LINES_PER_ORDER;
  Points maxPointsPerDecision = Points.of(Programme.DEFAULT_MAX_POINTS_PER_DECISION);
  SegmentPolicy segmentPolicy = SegmentPolicy.defaults(Currency.getInstance("TWD"));
  boolean tierProgressNotices = false;
  Optional<Period> storeCreditValidity = Optional.empty();

  /** @return the programme, built by calling every builder setter with this spec's values */
  Programme build() {
    return builder().build();
  }

  /** @return the programme with its campaigns added in the reverse order (one call per campaign) */
  Programme buildWithCampaignsReversed() {
    Programme.Builder b = builder().clearCampaigns();
    List<Campaign> reversed = new ArrayList<>(campaigns);
    java.util.Collections.reverse(reversed);
    for (Campaign campaign : reversed) {
      b.campaigns(campaign);
    }
    return b.build();
  }

  private Programme.Builder builder() {
    Programme.Builder b = Programme.builder(currency, zone, tiers)
        .rounding(rounding, roundingScope)
        .negativeBalancePolicy(negativeBalancePolicy)
        .redemption(redemption)
        .stacking(stackingPolicy)
        .downgrade(downgradePolicy, downgradeGrace)
        .tierRefundPolicy(tierRefundPolicy)
        .referrals(referralRefundPolicy, maxReferralLevels)
        .excludeFromEarning(excludedSkus, excludedCategories)
        .campaigns(campaigns)
        .maxQuantityPerLine(maxQuantityPerLine)
        .maxUnitPrice(maxUnitPrice)
        .maxOrderTotal(maxOrderTotal)
        .maxLinesPerOrder(maxLinesPerOrder)
        .maxPointsPerDecision(maxPointsPerDecision)
        .segments(segmentPolicy)
        .tierProgressNotices(tierProgressNotices);
    pendingPeriod.ifPresent(b::pendingPeriod);
    pointsValidity.ifPresent(v -> b.pointsExpireAfter(v, expireAtEndOfMonth));
    storeCreditValidity.ifPresent(b::storeCreditExpiresAfter);
    return b;
  }

  /** A two-tier ladder in the given currency. */
  static TierLadder ladder(String currency, String goldThreshold, Period window) {
    return TierLadder.of(Tier.of("member", 0, Money.of("0", currency), window),
        Tier.of("gold", 1, Money.of(goldThreshold, currency), window));
  }

  // The only places that construct campaigns: adjust these when the campaign model changes.

  static Campaign doublePoints(String id, String factor) {
    return Campaign.multiplier(id, "Double points " + id, new BigDecimal(factor),
        CampaignSchedule.on(LocalDate.of(2026, 11, 11)));
  }

  static Campaign welcome(String id, long points) {
    return Campaign.welcomeBonus(id, "Welcome " + id, Points.of(points), CampaignSchedule.always());
  }

  static Campaign threshold(String id, long points, String minSpendTwd) {
    return Campaign.thresholdBonus(id, "Spend " + minSpendTwd, Points.of(points), Money.of(minSpendTwd, "TWD"),
        CampaignSchedule.always());
  }
}
