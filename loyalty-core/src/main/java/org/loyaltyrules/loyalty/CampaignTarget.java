package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.LocalTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * When and for whom a campaign of any type runs: its schedule and the channel, tier, birthday, tag,
 * segment, store, payment-method and time-of-day conditions every {@link Campaign} shares. Empty sets
 * mean "any": no channels is every channel, no tiers is every tier, and so on; a campaign applies only
 * when every condition holds, and a set condition holds when the event's value is one of the set (for
 * tags: the member has at least one of them). For order campaigns the conditions are on the order and
 * its member (for a {@link Campaign.ReferralBonus}: the referred member's order); a welcome bonus has no
 * channel, store or payment method, so those conditions are not checked for it. An order without a
 * store (or payment method) does not meet a store (or payment-method) condition. The time of day is the
 * local time of the event in the programme's zone.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param schedule the local dates the campaign runs on
 * @param channels channels the campaign is limited to, sorted by code
 * @param tiers tier codes the campaign is limited to, sorted
 * @param birthdayMonthOnly whether only members in their birthday month qualify
 * @param tags member tags the campaign is limited to (any one of them qualifies), sorted; none with a
 *     control, format (zero-width, bidi) or line-separator character
 * @param segments the RFM classes the campaign is limited to, in enum order
 * @param stores store codes the campaign is limited to (shaped as an {@link Order}'s), sorted
 * @param paymentMethods payment-method codes the campaign is limited to (shaped as an {@link Order}'s), sorted
 * @param timeOfDay the local time-of-day window the campaign is limited to, if any
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CampaignTarget(CampaignSchedule schedule, Set<Channel> channels, Set<String> tiers,
    boolean birthdayMonthOnly, Set<String> tags, Set<RfmClass> segments, Set<String> stores,
    Set<String> paymentMethods, Optional<TimeOfDayWindow> timeOfDay) {

  private static final String SUBJECT = "campaign";

  /**
   * Validates the components and copies the sets, sorted and unmodifiable.
   *
   * @param schedule the local dates the campaign runs on
   * @param channels channels the campaign is limited to, sorted by code
   * @param tiers tier codes the campaign is limited to, sorted
   * @param birthdayMonthOnly whether only members in their birthday month qualify
   * @param tags member tags the campaign is limited to (any one of them qualifies), sorted; none with a
   *     control, format or line-separator character
   * @param segments the RFM classes the campaign is limited to, in enum order
   * @param stores store codes the campaign is limited to, sorted
   * @param paymentMethods payment-method codes the campaign is limited to, sorted
   * @param timeOfDay the local time-of-day window the campaign is limited to, if any
   * @throws LoyaltyException if a component is invalid
   */
  public CampaignTarget {
    Checks.present(SUBJECT, "schedule", schedule);
    channels = CampaignChecks.sortedCopy("channels", channels, Comparator.comparing(Channel::code), c -> c);
    tiers = CampaignChecks.sortedCopy("tiers", tiers);
    tags = CampaignChecks.sortedTags("tags", tags);
    segments = CampaignChecks.sortedCopy("segments", segments, Comparator.naturalOrder(), c -> c);
    stores = CampaignChecks.sortedCodes("stores", stores);
    paymentMethods = CampaignChecks.sortedCodes("paymentMethods", paymentMethods);
    Checks.present(SUBJECT, "timeOfDay", timeOfDay);
  }

  /**
   * A target with the conditions campaigns had before tags, segments, stores, payment methods and
   * time of day: those are left open.
   *
   * @param schedule the local dates the campaign runs on
   * @param channels channels the campaign is limited to
   * @param tiers tier codes the campaign is limited to
   * @param birthdayMonthOnly whether only members in their birthday month qualify
   * @throws LoyaltyException if a component is invalid
   */
  public CampaignTarget(CampaignSchedule schedule, Set<Channel> channels, Set<String> tiers,
      boolean birthdayMonthOnly) {
    this(schedule, channels, tiers, birthdayMonthOnly, Set.of(), Set.of(), Set.of(), Set.of(), Optional.empty());
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
    return new CampaignTarget(schedule, channels, tiers, birthdayMonthOnly, tags, segments, stores, paymentMethods,
        timeOfDay);
  }

  /**
   * {@return a copy limited to them}
   *
   * @param tiers tier codes to limit the campaign to
   */
  public CampaignTarget forTiers(Set<String> tiers) {
    return new CampaignTarget(schedule, channels, tiers, birthdayMonthOnly, tags, segments, stores, paymentMethods,
        timeOfDay);
  }

  /** {@return a copy that only members in their birthday month qualify for} */
  public CampaignTarget forBirthdayMonth() {
    return new CampaignTarget(schedule, channels, tiers, true, tags, segments, stores, paymentMethods, timeOfDay);
  }

  /**
   * {@return a copy limited to members with at least one of them}
   *
   * @param tags member tags
   */
  public CampaignTarget forTags(Set<String> tags) {
    return new CampaignTarget(schedule, channels, tiers, birthdayMonthOnly, tags, segments, stores, paymentMethods,
        timeOfDay);
  }

  /**
   * {@return a copy limited to members in one of them}
   *
   * @param segments RFM classes
   */
  public CampaignTarget forSegments(Set<RfmClass> segments) {
    return new CampaignTarget(schedule, channels, tiers, birthdayMonthOnly, tags, segments, stores, paymentMethods,
        timeOfDay);
  }

  /**
   * {@return a copy limited to orders at one of them}
   *
   * @param stores store codes
   */
  public CampaignTarget atStores(Set<String> stores) {
    return new CampaignTarget(schedule, channels, tiers, birthdayMonthOnly, tags, segments, stores, paymentMethods,
        timeOfDay);
  }

  /**
   * {@return a copy limited to orders paid with one of them}
   *
   * @param paymentMethods payment-method codes
   */
  public CampaignTarget paidWith(Set<String> paymentMethods) {
    return new CampaignTarget(schedule, channels, tiers, birthdayMonthOnly, tags, segments, stores, paymentMethods,
        timeOfDay);
  }

  /**
   * {@return a copy limited to events in that local time-of-day window}
   *
   * @param window the window, in the programme's zone
   */
  public CampaignTarget during(TimeOfDayWindow window) {
    return new CampaignTarget(schedule, channels, tiers, birthdayMonthOnly, tags, segments, stores, paymentMethods,
        Optional.of(Checks.present(SUBJECT, "timeOfDay", window)));
  }

  /** {@return whether any of the tag, segment, store, payment-method or time-of-day conditions is set} */
  public boolean hasAudienceConditions() {
    return !tags.isEmpty() || !segments.isEmpty() || !stores.isEmpty() || !paymentMethods.isEmpty()
        || timeOfDay.isPresent();
  }

  /**
   * Whether the tag, segment, store, payment-method and time-of-day conditions hold (schedule, channel,
   * tier and birthday are checked by the campaign index). Store and payment method are checked only
   * for events with an order.
   *
   * @param memberTags the member's tags
   * @param segment the member's RFM class
   * @param hasOrder whether the event is an order (else store and payment method are not checked)
   * @param store the order's store, if it names one
   * @param paymentMethod the order's payment method, if it names one
   * @param localTime the event's local time in the programme's zone
   * @return whether they all hold
   */
  public boolean audienceMatches(Set<String> memberTags, RfmClass segment, boolean hasOrder, Optional<String> store,
      Optional<String> paymentMethod, LocalTime localTime) {
    Checks.present(SUBJECT, "memberTags", memberTags);
    Checks.present(SUBJECT, "segment", segment);
    Checks.present(SUBJECT, "store", store);
    Checks.present(SUBJECT, "paymentMethod", paymentMethod);
    Checks.present(SUBJECT, "localTime", localTime);
    if (!tags.isEmpty() && tags.stream().noneMatch(memberTags::contains)) {
      return false;
    }
    if (!segments.isEmpty() && !segments.contains(segment)) {
      return false;
    }
    if (hasOrder && !stores.isEmpty() && (store.isEmpty() || !stores.contains(store.get()))) {
      return false;
    }
    if (hasOrder && !paymentMethods.isEmpty()
        && (paymentMethod.isEmpty() || !paymentMethods.contains(paymentMethod.get()))) {
      return false;
    }
    return timeOfDay.isEmpty() || timeOfDay.get().contains(localTime);
  }
}
