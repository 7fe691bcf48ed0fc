package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

// Longer than 400 lines because it is the campaign API in one sealed file: every kind of campaign is a
// record here, and each record documents its components twice (record and validating constructor).
/**
 * A campaign as data: each type carries only what it uses, and all share an id, a name and a
 * {@link CampaignTarget} (schedule, channels, tiers, birthday month). The rule base evaluates
 * campaigns with a few generic rules, so thousands of them cost little more than ten.
 *
 * <pre>{@code
 * Campaign.Multiplier shoes = Campaign.multiplier("shoes-x3", "Shoes ×3", new BigDecimal("3"),
 *     CampaignSchedule.always()).targeting(Set.of(), Set.of("shoes")).onChannels(Set.of(Channel.POS));
 * Campaign spend = Campaign.thresholdBonus("spend-1499", "Spend NT$1,499, get 200", Points.of(200),
 *     Money.of("1499", "TWD"), CampaignSchedule.always());
 * Campaign friend = Campaign.referralBonus("referral-1", "Referral, direct", 1, Points.of(300),
 *     Money.of("500", "TWD"), CampaignSchedule.always());
 * }</pre>
 *
 * <p>A new campaign type is a record here (and in {@code permits}), a kind in the rules' fact
 * model, a row type in the campaign file and a rule that reads it.
 *
 * <p>Every implementation is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public sealed interface Campaign permits Campaign.Multiplier, Campaign.Bonus, Campaign.Gift {

  /** {@return a stable identifier (letters, digits, '-', '_', '.'); entry keys and explanations use it} */
  String id();

  /** {@return a human-readable name for explanations, e.g. "Double points on 11/11"} */
  String name();

  /** {@return when and for whom the campaign runs} */
  CampaignTarget target();

  /** {@return the minimum earning base of the order, if the campaign has one} */
  Optional<Money> minSpend();

  /**
   * {@return a copy of the same type and reward under that id, name and target}
   *
   * @param id the new id
   * @param name the new name
   * @param target the new target
   */
  Campaign with(String id, String name, CampaignTarget target);

  /**
   * {@return a copy with that target}
   *
   * @param target the new target
   */
  default Campaign withTarget(CampaignTarget target) {
    return with(id(), name(), target);
  }

  /**
   * {@return a copy under that id and name (e.g. to merge two calendars)}
   *
   * @param id the new id
   * @param name the new name
   */
  default Campaign renamed(String id, String name) {
    return with(id, name, target());
  }

  /** {@return the local dates the campaign runs on} */
  default CampaignSchedule schedule() {
    return target().schedule();
  }

  /** {@return channels the campaign is limited to (empty: every channel)} */
  default Set<Channel> channels() {
    return target().channels();
  }

  /** {@return tier codes the campaign is limited to (empty: every tier)} */
  default Set<String> tiers() {
    return target().tiers();
  }

  /** {@return whether only members in their birthday month qualify} */
  default boolean birthdayMonthOnly() {
    return target().birthdayMonthOnly();
  }

  /**
   * {@return a copy limited to them}
   *
   * @param channels channels to limit the campaign to
   */
  default Campaign onChannels(Set<Channel> channels) {
    return withTarget(target().onChannels(channels));
  }

  /**
   * {@return a copy limited to them}
   *
   * @param tiers tier codes to limit the campaign to
   */
  default Campaign forTiers(Set<String> tiers) {
    return withTarget(target().forTiers(tiers));
  }

  /** {@return a copy that only members in their birthday month qualify for} */
  default Campaign forBirthdayMonth() {
    return withTarget(target().forBirthdayMonth());
  }

  /**
   * A multiplier on every line, on the given schedule (a double-points day when {@code factor} is 2).
   *
   * @param id the campaign id
   * @param name the campaign name
   * @param factor the multiplier, &gt; 1 and ≤ 100
   * @param schedule when it runs
   * @return the campaign
   */
  static Multiplier multiplier(String id, String name, BigDecimal factor, CampaignSchedule schedule) {
    return new Multiplier(id, name, factor, Set.of(), Set.of(), Optional.empty(), Optional.empty(),
        CampaignTarget.on(schedule));
  }

  /**
   * Points for members who enrol while the campaign runs.
   *
   * @param id the campaign id
   * @param name the campaign name
   * @param points the bonus
   * @param schedule the enrolment dates it covers
   * @return the campaign
   */
  static WelcomeBonus welcomeBonus(String id, String name, Points points, CampaignSchedule schedule) {
    return new WelcomeBonus(id, name, points, CampaignTarget.on(schedule));
  }

  /**
   * Points on a member's first order with qualifying spend.
   *
   * @param id the campaign id
   * @param name the campaign name
   * @param points the bonus
   * @param schedule when it runs
   * @return the campaign
   */
  static FirstOrderBonus firstOrderBonus(String id, String name, Points points, CampaignSchedule schedule) {
    return new FirstOrderBonus(id, name, points, Optional.empty(), CampaignTarget.on(schedule));
  }

  /**
   * Points for one order whose earning base reaches {@code threshold}.
   *
   * @param id the campaign id
   * @param name the campaign name
   * @param points the bonus
   * @param threshold the earning base to reach, positive
   * @param schedule when it runs
   * @return the campaign
   */
  static ThresholdBonus thresholdBonus(String id, String name, Points points, Money threshold,
      CampaignSchedule schedule) {
    return new ThresholdBonus(id, name, points, threshold, CampaignTarget.on(schedule));
  }

  /**
   * Points for the member {@code level} steps up a referral chain, once, when the referred member
   * pays an order whose earning base reaches {@code minSpend}.
   *
   * @param id the campaign id
   * @param name the campaign name
   * @param level 1 for the direct referrer, 2 for the referrer's referrer, … (1 to 10)
   * @param points the bonus
   * @param minSpend the referred member's order must reach this earning base, positive
   * @param schedule when it runs (by the referred member's order date)
   * @return the campaign
   */
  static ReferralBonus referralBonus(String id, String name, int level, Points points, Money minSpend,
      CampaignSchedule schedule) {
    return new ReferralBonus(id, name, level, points, minSpend, CampaignTarget.on(schedule));
  }

  /**
   * Points for a {@link LoyaltyEvent.CustomEvent} of one type (a check-in, a review…), with no limit
   * until {@link EventBonus#withLimits(CampaignLimits)} sets some.
   *
   * @param id the campaign id
   * @param name the campaign name
   * @param eventType the custom event type it pays for, e.g. {@code check-in}
   * @param points the bonus
   * @param schedule the event dates it covers
   * @return the campaign
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  static EventBonus eventBonus(String id, String name, String eventType, Points points, CampaignSchedule schedule) {
    return new EventBonus(id, name, eventType, points, CampaignLimits.none(), CampaignTarget.on(schedule));
  }

  /** A campaign that credits a fixed number of points, to the member or (referral) to an upline. */
  sealed interface Bonus extends Campaign
      permits Campaign.WelcomeBonus, Campaign.FirstOrderBonus, Campaign.ThresholdBonus, Campaign.ReferralBonus,
          Campaign.BirthdayBonus, Campaign.AnniversaryBonus, Campaign.EventBonus {
    /** {@return the points credited, positive} */
    Points points();
  }

  /**
   * Multiplies the base points of the lines it targets.
   *
   * @param id the campaign id
   * @param name the campaign name
   * @param factor the factor on base points, &gt; 1 and ≤ 100 (2 for double points)
   * @param skus SKUs it targets
   * @param categories categories it targets (no SKUs and no categories: every line)
   * @param minSpend an optional minimum earning base of the order
   * @param exclusiveGroup multipliers sharing a group do not stack: only the best applies
   * @param target when and for whom it runs
   */
  record Multiplier(String id, String name, BigDecimal factor, Set<String> skus, Set<String> categories,
      Optional<Money> minSpend, Optional<String> exclusiveGroup, CampaignTarget target) implements Campaign {
    /**
     * Validates every component.
     *
     * @param id the campaign id
     * @param name the campaign name
     * @param factor the factor on base points, &gt; 1 and ≤ 100 (2 for double points)
     * @param skus SKUs it targets
     * @param categories categories it targets (no SKUs and no categories: every line)
     * @param minSpend an optional minimum earning base of the order
     * @param exclusiveGroup multipliers sharing a group do not stack: only the best applies
     * @param target when and for whom it runs
     * @throws LoyaltyException if a component is invalid
     */
    public Multiplier {
      CampaignChecks.check(id, name, target);
      Checks.decimal(CampaignChecks.SUBJECT, id + ".multiplier", factor);
      Checks.check(factor.compareTo(BigDecimal.ONE) > 0 && factor.compareTo(BigDecimal.valueOf(100)) <= 0,
          CampaignChecks.SUBJECT, id + ".multiplier", Checks.shown(factor), "> 1 and ≤ 100");
      factor = factor.stripTrailingZeros();
      skus = CampaignChecks.sortedCopy(id + ".skus", skus);
      categories = CampaignChecks.sortedCopy(id + ".categories", categories);
      CampaignChecks.optionalMinSpend(id, minSpend);
      Checks.present(CampaignChecks.SUBJECT, id + ".exclusiveGroup", exclusiveGroup)
          .ifPresent(g -> Checks.nonBlank(CampaignChecks.SUBJECT, id + ".exclusiveGroup", g));
    }

    /** {@return whether the campaign targets every line (no SKU or category condition)} */
    public boolean targetsAllLines() {
      return skus.isEmpty() && categories.isEmpty();
    }

    /**
     * {@return a copy targeting those lines}
     *
     * @param skus SKUs to target
     * @param categories categories to target
     */
    public Multiplier targeting(Set<String> skus, Set<String> categories) {
      return new Multiplier(id, name, factor, skus, categories, minSpend, exclusiveGroup, target);
    }

    /**
     * {@return a copy in that group}
     *
     * @param group the exclusive group
     */
    public Multiplier inExclusiveGroup(String group) {
      return new Multiplier(id, name, factor, skus, categories, minSpend,
          Optional.of(Checks.nonBlank(CampaignChecks.SUBJECT, id + ".exclusiveGroup", group)), target);
    }

    /**
     * {@return a copy with that minimum}
     *
     * @param minSpend the order's earning base must reach this
     */
    public Multiplier withMinSpend(Money minSpend) {
      return new Multiplier(id, name, factor, skus, categories,
          Optional.of(Checks.present(CampaignChecks.SUBJECT, id + ".minSpend", minSpend)), exclusiveGroup, target);
    }

    @Override
    public Multiplier with(String id, String name, CampaignTarget target) {
      return new Multiplier(id, name, factor, skus, categories, minSpend, exclusiveGroup, target);
    }

    @Override
    public Multiplier onChannels(Set<Channel> channels) {
      return with(id, name, target.onChannels(channels));
    }

    @Override
    public Multiplier forTiers(Set<String> tiers) {
      return with(id, name, target.forTiers(tiers));
    }

    @Override
    public Multiplier forBirthdayMonth() {
      return with(id, name, target.forBirthdayMonth());
    }
  }

  /**
   * Fixed points when a member enrols on an active date.
   *
   * @param id the campaign id
   * @param name the campaign name
   * @param points the bonus, positive
   * @param target the enrolment dates, tiers and birthday condition
   */
  record WelcomeBonus(String id, String name, Points points, CampaignTarget target) implements Bonus {
    /**
     * Validates every component.
     *
     * @param id the campaign id
     * @param name the campaign name
     * @param points the bonus, positive
     * @param target the enrolment dates, tiers and birthday condition
     * @throws LoyaltyException if a component is invalid
     */
    public WelcomeBonus {
      CampaignChecks.check(id, name, target);
      CampaignChecks.positive(id, points);
    }

    @Override
    public Optional<Money> minSpend() {
      return Optional.empty();
    }

    @Override
    public WelcomeBonus with(String id, String name, CampaignTarget target) {
      return new WelcomeBonus(id, name, points, target);
    }
  }

  /**
   * Fixed points on a member's first paid order with qualifying spend.
   *
   * @param id the campaign id
   * @param name the campaign name
   * @param points the bonus, positive
   * @param minSpend an optional minimum earning base of that order
   * @param target when and for whom it runs
   */
  record FirstOrderBonus(String id, String name, Points points, Optional<Money> minSpend, CampaignTarget target)
      implements Bonus {
    /**
     * Validates every component.
     *
     * @param id the campaign id
     * @param name the campaign name
     * @param points the bonus, positive
     * @param minSpend an optional minimum earning base of that order
     * @param target when and for whom it runs
     * @throws LoyaltyException if a component is invalid
     */
    public FirstOrderBonus {
      CampaignChecks.check(id, name, target);
      CampaignChecks.positive(id, points);
      CampaignChecks.optionalMinSpend(id, minSpend);
    }

    /**
     * {@return a copy with that minimum}
     *
     * @param minSpend the first order's earning base must reach this
     */
    public FirstOrderBonus withMinSpend(Money minSpend) {
      return new FirstOrderBonus(id, name, points,
          Optional.of(Checks.present(CampaignChecks.SUBJECT, id + ".minSpend", minSpend)), target);
    }

    @Override
    public FirstOrderBonus with(String id, String name, CampaignTarget target) {
      return new FirstOrderBonus(id, name, points, minSpend, target);
    }
  }

  /**
   * Fixed points when one order's earning base reaches a threshold.
   *
   * @param id the campaign id
   * @param name the campaign name
   * @param points the bonus, positive
   * @param threshold the earning base to reach, positive
   * @param target when and for whom it runs
   */
  record ThresholdBonus(String id, String name, Points points, Money threshold, CampaignTarget target)
      implements Bonus {
    /**
     * Validates every component.
     *
     * @param id the campaign id
     * @param name the campaign name
     * @param points the bonus, positive
     * @param threshold the earning base to reach, positive
     * @param target when and for whom it runs
     * @throws LoyaltyException if a component is invalid
     */
    public ThresholdBonus {
      CampaignChecks.check(id, name, target);
      CampaignChecks.positive(id, points);
      CampaignChecks.positiveSpend(id, threshold);
    }

    @Override
    public Optional<Money> minSpend() {
      return Optional.of(threshold);
    }

    @Override
    public ThresholdBonus with(String id, String name, CampaignTarget target) {
      return new ThresholdBonus(id, name, points, threshold, target);
    }
  }

  /**
   * Fixed points for the member {@code level} steps up the referral chain of a referred member, once
   * per referred member and level, when the referred member pays an order reaching {@code
   * qualifyingSpend}. The target's conditions apply to that order and its member.
   *
   * @param id the campaign id
   * @param name the campaign name
   * @param level 1 for the direct referrer, 2 for the next one up, … (1 to 10)
   * @param points the bonus, positive
   * @param qualifyingSpend the earning base the referred member's order must reach, positive
   * @param target when and for whom it runs
   */
  record ReferralBonus(String id, String name, int level, Points points, Money qualifyingSpend,
      CampaignTarget target) implements Bonus {
    /** The deepest referral level a campaign may pay, as {@link Programme} allows. */
    public static final int MAX_LEVEL = 10;

    /**
     * Validates every component.
     *
     * @param id the campaign id
     * @param name the campaign name
     * @param level 1 for the direct referrer, 2 for the next one up, … (1 to 10)
     * @param points the bonus, positive
     * @param qualifyingSpend the earning base the referred member's order must reach, positive
     * @param target when and for whom it runs
     * @throws LoyaltyException if a component is invalid
     */
    public ReferralBonus {
      CampaignChecks.check(id, name, target);
      Checks.check(level >= 1 && level <= MAX_LEVEL, CampaignChecks.SUBJECT, id + ".level", level, "1 to " + MAX_LEVEL);
      CampaignChecks.positive(id, points);
      CampaignChecks.positiveSpend(id, qualifyingSpend);
    }

    @Override
    public Optional<Money> minSpend() {
      return Optional.of(qualifyingSpend);
    }

    @Override
    public ReferralBonus with(String id, String name, CampaignTarget target) {
      return new ReferralBonus(id, name, level, points, qualifyingSpend, target);
    }
  }

  /**
   * Points at the start of the member's birthday month: paid on the first {@link LoyaltyEvent.DayStarted}
   * of that month the host sends (any day of it, so a missed day is caught up), once per member and
   * birthday year. The target's dates are the days it may pay on.
   *
   * @param id the campaign id
   * @param name the campaign name
   * @param points the bonus, positive
   * @param target when and for whom it runs
   */
  record BirthdayBonus(String id, String name, Points points, CampaignTarget target) implements Bonus {
    /**
     * Validates every component.
     *
     * @param id the campaign id
     * @param name the campaign name
     * @param points the bonus, positive
     * @param target when and for whom it runs
     * @throws LoyaltyException if a component is invalid
     */
    public BirthdayBonus {
      CampaignChecks.check(id, name, target);
      CampaignChecks.positive(id, points);
    }

    @Override
    public Optional<Money> minSpend() {
      return Optional.empty();
    }

    @Override
    public BirthdayBonus with(String id, String name, CampaignTarget target) {
      return new BirthdayBonus(id, name, points, target);
    }
  }

  /**
   * Points in the month of each enrolment anniversary (the calendar month of the enrolment date, from
   * one year after it): paid on the first {@link LoyaltyEvent.DayStarted} of that month, once per member
   * and anniversary.
   *
   * @param id the campaign id
   * @param name the campaign name
   * @param points the bonus, positive
   * @param target when and for whom it runs
   */
  record AnniversaryBonus(String id, String name, Points points, CampaignTarget target) implements Bonus {
    /**
     * Validates every component.
     *
     * @param id the campaign id
     * @param name the campaign name
     * @param points the bonus, positive
     * @param target when and for whom it runs
     * @throws LoyaltyException if a component is invalid
     */
    public AnniversaryBonus {
      CampaignChecks.check(id, name, target);
      CampaignChecks.positive(id, points);
    }

    @Override
    public Optional<Money> minSpend() {
      return Optional.empty();
    }

    @Override
    public AnniversaryBonus with(String id, String name, CampaignTarget target) {
      return new AnniversaryBonus(id, name, points, target);
    }
  }

  /** A campaign that grants a non-point reward (a gift, a coupon) the host fulfils. */
  sealed interface Gift extends Campaign permits Campaign.ThresholdGift, Campaign.BirthdayGift {
    /** {@return the reward code, as {@link LedgerEntry.RewardGranted#reward()}} */
    String reward();

    /** {@return how many units, 1 to {@value LedgerEntry.RewardGranted#MAX_QUANTITY}} */
    int quantity();
  }

  /**
   * A gift when one order's earning base reaches a threshold (滿 1,499 送保溫杯), once per order; a
   * refund may revoke it by the programme's {@link Programme.RewardRefundPolicy}.
   *
   * @param id the campaign id
   * @param name the campaign name
   * @param reward the reward code
   * @param quantity how many, 1 to {@value LedgerEntry.RewardGranted#MAX_QUANTITY}
   * @param threshold the earning base to reach, positive
   * @param target when and for whom it runs
   */
  record ThresholdGift(String id, String name, String reward, int quantity, Money threshold, CampaignTarget target)
      implements Gift {
    /**
     * Validates every component.
     *
     * @param id the campaign id
     * @param name the campaign name
     * @param reward the reward code
     * @param quantity how many
     * @param threshold the earning base to reach, positive
     * @param target when and for whom it runs
     * @throws LoyaltyException if a component is invalid
     */
    public ThresholdGift {
      CampaignChecks.check(id, name, target);
      giftChecks(id, reward, quantity);
      CampaignChecks.positiveSpend(id, threshold);
    }

    @Override
    public Optional<Money> minSpend() {
      return Optional.of(threshold);
    }

    @Override
    public ThresholdGift with(String id, String name, CampaignTarget target) {
      return new ThresholdGift(id, name, reward, quantity, threshold, target);
    }
  }

  /**
   * A gift in the member's birthday month (生日禮, a birthday coupon), granted like a {@link BirthdayBonus}:
   * on any {@link LoyaltyEvent.DayStarted} of the month, once per member and birthday year.
   *
   * @param id the campaign id
   * @param name the campaign name
   * @param reward the reward code
   * @param quantity how many, 1 to {@value LedgerEntry.RewardGranted#MAX_QUANTITY}
   * @param target when and for whom it runs
   */
  record BirthdayGift(String id, String name, String reward, int quantity, CampaignTarget target) implements Gift {
    /**
     * Validates every component.
     *
     * @param id the campaign id
     * @param name the campaign name
     * @param reward the reward code
     * @param quantity how many
     * @param target when and for whom it runs
     * @throws LoyaltyException if a component is invalid
     */
    public BirthdayGift {
      CampaignChecks.check(id, name, target);
      giftChecks(id, reward, quantity);
    }

    @Override
    public Optional<Money> minSpend() {
      return Optional.empty();
    }

    @Override
    public BirthdayGift with(String id, String name, CampaignTarget target) {
      return new BirthdayGift(id, name, reward, quantity, target);
    }
  }

  private static void giftChecks(String id, String reward, int quantity) {
    Checks.check(LedgerEntry.RewardGranted.isValidCode(reward), CampaignChecks.SUBJECT, id + ".reward", reward,
        "1 to " + LedgerEntry.RewardGranted.MAX_CODE_LENGTH + " letters, digits, '.', '_' or '-', starting with a "
            + "letter or digit");
    Checks.check(quantity >= 1 && quantity <= LedgerEntry.RewardGranted.MAX_QUANTITY, CampaignChecks.SUBJECT,
        id + ".quantity", quantity, "1 to " + LedgerEntry.RewardGranted.MAX_QUANTITY);
  }

  /**
   * Fixed points for a {@link LoyaltyEvent.CustomEvent} of one type, within per-member limits per
   * local day, ISO week, month and lifetime, and points budgets in total and per member ({@link
   * CampaignLimits}). The target's tiers and birthday condition apply to the member; a custom event
   * has no channel, so a campaign limited to channels never pays one.
   *
   * @param id the campaign id
   * @param name the campaign name
   * @param eventType the custom event type it pays for (as {@link LoyaltyEvent.CustomEvent#type()})
   * @param points the bonus, positive
   * @param limits the per-member limits and budgets
   * @param target when and for whom it runs
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record EventBonus(String id, String name, String eventType, Points points, CampaignLimits limits,
      CampaignTarget target) implements Bonus {
    /**
     * Validates every component; the event type follows {@link LoyaltyEvent.CustomEvent}'s rules.
     *
     * @param id the campaign id
     * @param name the campaign name
     * @param eventType the custom event type it pays for
     * @param points the bonus, positive
     * @param limits the per-member limits and budgets
     * @param target when and for whom it runs
     * @throws LoyaltyException if a component is invalid
     */
    public EventBonus {
      CampaignChecks.check(id, name, target);
      CampaignChecks.positive(id, points);
      // The same rule as the event's own type, so a campaign can only name a type an event can carry.
      Checks.check(LoyaltyEvent.CustomEvent.isValidType(eventType), CampaignChecks.SUBJECT, id + ".eventType",
          Checks.shown(eventType), LoyaltyEvent.CustomEvent.TYPE_RULE);
      Checks.present(CampaignChecks.SUBJECT, id + ".limits", limits);
    }

    /**
     * {@return a copy with those limits}
     *
     * @param limits the per-member limits and budgets
     */
    public EventBonus withLimits(CampaignLimits limits) {
      return new EventBonus(id, name, eventType, points, limits, target);
    }

    @Override
    public Optional<Money> minSpend() {
      return Optional.empty();
    }

    @Override
    public EventBonus with(String id, String name, CampaignTarget target) {
      return new EventBonus(id, name, eventType, points, limits, target);
    }
  }
}
