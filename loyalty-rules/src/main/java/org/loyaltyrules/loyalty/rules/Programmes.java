package org.loyaltyrules.loyalty.rules;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.RedemptionPolicy;
import org.loyaltyrules.loyalty.SegmentPolicy;
import org.loyaltyrules.loyalty.Tier;
import org.loyaltyrules.loyalty.TierLadder;
import org.loyaltyrules.loyalty.internal.Checks;

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
   * that month; 1 point redeems for NT$1, and points pay at most half an order's value (折抵上限
   * 50%, see {@link #taiwanRedemption()}); gift cards outside the earning base; additive stacking;
   * one-level downgrades at review. A calendar without referral campaigns gets the {@linkplain
   * #defaultReferrals(Currency) default ones} (300 and 100 points from NT$500). Segments use {@link
   * SegmentPolicy#defaults} (12-month window; new 30 days, active 90, at risk 180, dormant 365; high
   * value from NT$20,000), and order and tier-review decisions carry {@code tier-progress: } notices
   * ({@link Programme#tierProgressNotices()}).
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
        .redemption(taiwanRedemption())
        .excludeFromEarning(Set.of(), Set.of("gift-card"))
        .campaigns(withDefaultReferrals(campaigns, twd))
        .segments(SegmentPolicy.defaults(twd))
        .tierProgressNotices(true)
        .build();
  }

  /**
   * The redemption policy of {@link #taiwan(List)}: 1 point pays NT$1, at least 1 point per
   * redemption, and points pay at most 50% of the value of the order they are redeemed against (折抵上限,
   * as most Taiwanese shop platforms default to); no maximum per redemption, no minimum order value,
   * one rate for every tier. A redemption against no order is bound by the point limits alone.
   *
   * @return the policy
   */
  public static RedemptionPolicy taiwanRedemption() {
    return RedemptionPolicy.of(Money.of("1", "TWD")).withMaxShareOfOrder(new BigDecimal("0.5"));
  }

  /**
   * The referral campaigns the bundled {@code referral-bonus.drl} pays by default, in the given
   * currency: 300 points to the direct referrer ({@code referral-level-1}) and 100 to the
   * referrer's referrer ({@code referral-level-2}), once per referred member, when the referred
   * member pays an order whose earning base reaches 500.
   *
   * @param currency the programme currency
   * @return the two campaigns, running always
   */
  public static List<Campaign> defaultReferrals(Currency currency) {
    Money minSpend = Money.of(BigDecimal.valueOf(500), Checks.present("programme", "currency", currency));
    return List.of(
        Campaign.referralBonus("referral-level-1", "Referral bonus, direct referrer", 1, Points.of(300), minSpend,
            CampaignSchedule.always()),
        Campaign.referralBonus("referral-level-2", "Referral bonus, second level", 2, Points.of(100), minSpend,
            CampaignSchedule.always()));
  }

  /**
   * {@return the calendar, plus the {@linkplain #defaultReferrals(Currency) default referral campaigns}
   * if it has no referral campaign}
   *
   * @param calendar a campaign calendar
   * @param currency the programme currency
   */
  public static List<Campaign> withDefaultReferrals(List<Campaign> calendar, Currency currency) {
    return keepReferrals(calendar, defaultReferrals(currency));
  }

  /**
   * A replacement calendar that keeps referral campaigns it does not define: used when a merchant's
   * {@code campaigns.csv} replaces a programme's calendar, as referral amounts were once rules.
   *
   * @param calendar a campaign calendar
   * @param referrals referral campaigns to keep (others in the list are ignored)
   * @return the calendar, plus {@code referrals}' referral campaigns if the calendar has none
   * @throws org.loyaltyrules.loyalty.InvalidValueException if either list or an element of it is null
   */
  public static List<Campaign> keepReferrals(List<Campaign> calendar, List<Campaign> referrals) {
    Checks.elements("programme", "campaigns", calendar);
    Checks.elements("programme", "referrals", referrals);
    if (calendar.stream().anyMatch(c -> c instanceof Campaign.ReferralBonus)) {
      return calendar;
    }
    List<Campaign> all = new ArrayList<>(calendar);
    referrals.stream().filter(c -> c instanceof Campaign.ReferralBonus).forEach(all::add);
    return all;
  }
}
