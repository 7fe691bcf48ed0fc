package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Comparator;
import java.util.Set;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * When and for whom a campaign of any type runs: its schedule and the channel, tier and birthday
 * conditions every {@link Campaign} shares. Empty sets mean "any": no channels is every channel, no
 * tiers is every tier. For order campaigns the conditions are on the order and its member (for a
 * {@link Campaign.ReferralBonus}: the referred member's order); a welcome bonus has no channel.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param schedule the local dates the campaign runs on
 * @param channels channels the campaign is limited to, sorted by code
 * @param tiers tier codes the campaign is limited to, sorted
 * @param birthdayMonthOnly whether only members in their birthday month qualify
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record CampaignTarget(CampaignSchedule schedule, Set<Channel> channels, Set<String> tiers,
    boolean birthdayMonthOnly) {

  private static final String SUBJECT = "campaign";

  /**
   * Validates the components and copies the sets, sorted and unmodifiable.
   *
   * @param schedule the local dates the campaign runs on
   * @param channels channels the campaign is limited to, sorted by code
   * @param tiers tier codes the campaign is limited to, sorted
   * @param birthdayMonthOnly whether only members in their birthday month qualify
   * @throws LoyaltyException if a component is invalid
   */
  public CampaignTarget {
    Checks.present(SUBJECT, "schedule", schedule);
    channels = CampaignChecks.sortedCopy("channels", channels, Comparator.comparing(Channel::code), c -> c);
    tiers = CampaignChecks.sortedCopy("tiers", tiers);
  }

  /**
   * {@return a target with that schedule and no other condition}
   *
   * @param schedule when the campaign runs
   */
  public static CampaignTarget on(CampaignSchedule schedule) {
    return new CampaignTarget(schedule, Set.of(), Set.of(), false);
  }

  /**
   * {@return a copy limited to them}
   *
   * @param channels channels to limit the campaign to
   */
  public CampaignTarget onChannels(Set<Channel> channels) {
    return new CampaignTarget(schedule, channels, tiers, birthdayMonthOnly);
  }

  /**
   * {@return a copy limited to them}
   *
   * @param tiers tier codes to limit the campaign to
   */
  public CampaignTarget forTiers(Set<String> tiers) {
    return new CampaignTarget(schedule, channels, tiers, birthdayMonthOnly);
  }

  /** {@return a copy that only members in their birthday month qualify for} */
  public CampaignTarget forBirthdayMonth() {
    return new CampaignTarget(schedule, channels, tiers, true);
  }
}
