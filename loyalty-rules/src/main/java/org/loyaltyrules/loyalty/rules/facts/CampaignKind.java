package org.loyaltyrules.loyalty.rules.facts;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * What a {@link CampaignFact} gives, one constant per {@link org.loyaltyrules.loyalty.Campaign}
 * type. Rules compare with it ({@code CampaignFact( kind == CampaignKind.MULTIPLIER )}), so a
 * misspelt kind is refused by the rule checks with its line and column instead of silently
 * matching nothing; the constant names are also the {@code kind} column of {@code campaigns.csv}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum CampaignKind {
  /** Multiplies the base points of the lines it targets. */
  MULTIPLIER,
  /** Fixed points when a member enrols on an active date. */
  WELCOME_BONUS,
  /** Fixed points on a member's first order with qualifying spend. */
  FIRST_ORDER_BONUS,
  /** Fixed points when one order's earning base reaches the campaign's minimum spend. */
  THRESHOLD_BONUS,
  /** Fixed points for the member a level up a referral chain, on the referred member's order. */
  REFERRAL_BONUS,
  /** Fixed points on a day of the member's birthday month, once per birthday year. */
  BIRTHDAY_BONUS,
  /** Fixed points on a day of the member's enrolment-anniversary month, once per anniversary. */
  ANNIVERSARY_BONUS,
  /** A non-point reward when one order's earning base reaches the campaign's minimum spend. */
  THRESHOLD_GIFT,
  /** A non-point reward on a day of the member's birthday month, once per birthday year. */
  BIRTHDAY_GIFT,
  /** Fixed points for a custom event of one type, within per-member limits and budgets. */
  EVENT_BONUS;

  /**
   * {@return its kind}
   *
   * @param campaign a campaign
   */
  public static CampaignKind of(Campaign campaign) {
    Checks.present("CampaignKind", "campaign", campaign);
    if (campaign instanceof Campaign.Multiplier) {
      return MULTIPLIER;
    } else if (campaign instanceof Campaign.WelcomeBonus) {
      return WELCOME_BONUS;
    } else if (campaign instanceof Campaign.FirstOrderBonus) {
      return FIRST_ORDER_BONUS;
    } else if (campaign instanceof Campaign.ThresholdBonus) {
      return THRESHOLD_BONUS;
    } else if (campaign instanceof Campaign.ReferralBonus) {
      return REFERRAL_BONUS;
    } else if (campaign instanceof Campaign.BirthdayBonus) {
      return BIRTHDAY_BONUS;
    } else if (campaign instanceof Campaign.AnniversaryBonus) {
      return ANNIVERSARY_BONUS;
    } else if (campaign instanceof Campaign.ThresholdGift) {
      return THRESHOLD_GIFT;
    } else if (campaign instanceof Campaign.EventBonus) {
      return EVENT_BONUS;
    }
    return BIRTHDAY_GIFT;
  }
}
