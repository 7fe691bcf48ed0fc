package org.loyaltyrules.loyalty.rules;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Period;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Tier;
import org.loyaltyrules.loyalty.TierLadder;

/**
 * Ready-made programme settings that match the bundled default rules.
 *
 * <p>The tier codes ({@code member}, {@code silver}, {@code gold}) are the ones the bundled
 * {@code earning.drl} rates name.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Programmes {
  private Programmes() {}

  /**
   * The default Taiwanese programme: TWD, Asia/Taipei; tiers member (entry), silver from NT$10,000
   * and gold from NT$30,000 of qualifying spend over 12 months; points valid 12 months to the end of
   * that month; 1 point redeems for NT$1; gift cards outside the earning base; additive stacking;
   * one-level downgrades at review.
   *
   * @param campaigns the campaign calendar
   * @return the programme
   */
  public static Programme taiwan(List<Campaign> campaigns) {
    Currency twd = Currency.getInstance("TWD");
    TierLadder ladder = TierLadder.of(
        Tier.of("member", 0, Money.of("0", "TWD"), Period.ofMonths(12)),
        Tier.of("silver", 1, Money.of("10000", "TWD"), Period.ofMonths(12)),
        Tier.of("gold", 2, Money.of("30000", "TWD"), Period.ofMonths(12)));
    return Programme.builder(twd, ZoneId.of("Asia/Taipei"), ladder)
        .pointsExpireAfter(Period.ofMonths(12), true)
        .excludeFromEarning(Set.of(), Set.of("gift-card"))
        .campaigns(campaigns)
        .build();
  }
}
