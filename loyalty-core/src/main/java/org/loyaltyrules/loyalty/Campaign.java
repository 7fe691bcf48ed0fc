package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * A campaign as data: double-points days, limited-time multipliers on chosen SKUs, categories or
 * channels, birthday-month multipliers, and fixed bonuses (welcome, first order, single-order
 * threshold). The rule base evaluates campaigns with a few generic rules, so thousands of them cost
 * little more than ten.
 *
 * <p>Conditions that are empty sets mean "any": no SKUs and no categories target every line; no
 * channels means every channel; no tiers means every tier.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param id a stable identifier (letters, digits, '-', '_', '.'); entry keys and explanations use it
 * @param name a human-readable name for explanations, e.g. "Double points on 11/11"
 * @param kind what the campaign gives
 * @param multiplier for {@link Kind#MULTIPLIER}, the factor on base points (> 1, e.g. 2 for double);
 *     1 for bonuses
 * @param bonus for bonus kinds, the points credited (> 0); zero for multipliers
 * @param schedule the local dates the campaign runs on (orders match by paid-at local date;
 *     welcome bonuses by enrolment date)
 * @param skus SKUs a multiplier targets
 * @param categories categories a multiplier targets
 * @param channels channels the campaign is limited to
 * @param tiers tier codes the campaign is limited to
 * @param birthdayMonthOnly whether only members in their birthday month qualify
 * @param minSpend for {@link Kind#THRESHOLD_BONUS} the order's earning base must reach this; for
 *     other kinds an optional minimum
 * @param exclusiveGroup campaigns sharing a group do not stack: only the best applies
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Campaign(
    String id,
    String name,
    Kind kind,
    BigDecimal multiplier,
    Points bonus,
    CampaignSchedule schedule,
    Set<String> skus,
    Set<String> categories,
    Set<Channel> channels,
    Set<String> tiers,
    boolean birthdayMonthOnly,
    Optional<Money> minSpend,
    Optional<String> exclusiveGroup) {

  private static final String SUBJECT = "campaign";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}");

  /** What a campaign gives. */
  public enum Kind {
    /** Multiplies the base points of the lines it targets. */
    MULTIPLIER,
    /** Fixed points when a member enrols on an active date. */
    WELCOME_BONUS,
    /** Fixed points on a member's first paid order. */
    FIRST_ORDER_BONUS,
    /** Fixed points when one order's earning base reaches {@link Campaign#minSpend()}. */
    THRESHOLD_BONUS
  }

  /** Validates every component. */
  public Campaign {
    Checks.present(SUBJECT, "id", id);
    Checks.check(ID.matcher(id).matches(), SUBJECT, "id", id, "letters, digits, '.', '_' or '-', at most 80 characters");
    Checks.nonBlank(SUBJECT, id + ".name", name);
    Checks.present(SUBJECT, id + ".kind", kind);
    Checks.decimal(SUBJECT, id + ".multiplier", multiplier);
    Checks.present(SUBJECT, id + ".bonus", bonus);
    Checks.present(SUBJECT, id + ".schedule", schedule);
    Checks.present(SUBJECT, id + ".minSpend", minSpend);
    Checks.present(SUBJECT, id + ".exclusiveGroup", exclusiveGroup);
    if (kind == Kind.MULTIPLIER) {
      Checks.check(multiplier.compareTo(BigDecimal.ONE) > 0 && multiplier.compareTo(BigDecimal.valueOf(100)) <= 0,
          SUBJECT, id + ".multiplier", Checks.shown(multiplier), "> 1 and ≤ 100");
      Checks.check(bonus.isZero(), SUBJECT, id + ".bonus", bonus, "0 for a multiplier campaign");
    } else {
      Checks.check(multiplier.compareTo(BigDecimal.ONE) == 0, SUBJECT, id + ".multiplier", Checks.shown(multiplier), "1 for a bonus campaign");
      Checks.check(bonus.isPositive(), SUBJECT, id + ".bonus", bonus, "> 0 for a bonus campaign");
      Checks.check(Checks.present(SUBJECT, id + ".skus", skus).isEmpty()
          && Checks.present(SUBJECT, id + ".categories", categories).isEmpty(),
          SUBJECT, id + ".skus/categories", skus + "/" + categories, "none: bonuses apply to the whole order");
    }
    if (kind == Kind.THRESHOLD_BONUS) {
      Checks.check(minSpend.isPresent() && minSpend.get().isPositive(), SUBJECT, id + ".minSpend", minSpend, "a positive amount for a threshold bonus");
    }
    if (minSpend.isPresent()) {
      Checks.check(!minSpend.get().isNegative(), SUBJECT, id + ".minSpend", minSpend.get(), "≥ 0");
    }
    exclusiveGroup.ifPresent(g -> Checks.nonBlank(SUBJECT, id + ".exclusiveGroup", g));
    multiplier = multiplier.stripTrailingZeros();
    skus = sortedCopy(id + ".skus", skus);
    categories = sortedCopy(id + ".categories", categories);
    Checks.present(SUBJECT, id + ".channels", channels);
    Set<Channel> channelCopy = new TreeSet<>((a, b) -> a.code().compareTo(b.code()));
    for (Channel channel : channels) {
      channelCopy.add(Checks.present(SUBJECT, id + ".channels", channel));
    }
    channels = Collections.unmodifiableSet(channelCopy);
    tiers = sortedCopy(id + ".tiers", tiers);
  }

  private static Set<String> sortedCopy(String field, Set<String> values) {
    Checks.present(SUBJECT, field, values);
    TreeSet<String> copy = new TreeSet<>();
    for (String value : values) {
      copy.add(Checks.nonBlank(SUBJECT, field, value));
    }
    return Collections.unmodifiableSet(copy);
  }

  /**
   * A multiplier on every line, on the given schedule (a double-points day when {@code factor} is 2).
   *
   * @param id the campaign id
   * @param name the campaign name
   * @param factor the multiplier
   * @param schedule when it runs
   * @return the campaign
   */
  public static Campaign multiplier(String id, String name, BigDecimal factor, CampaignSchedule schedule) {
    return new Campaign(id, name, Kind.MULTIPLIER, factor, Points.ZERO, schedule, Set.of(), Set.of(), Set.of(),
        Set.of(), false, Optional.empty(), Optional.empty());
  }

  /**
   * A fixed bonus.
   *
   * @param id the campaign id
   * @param name the campaign name
   * @param kind a bonus kind
   * @param points the bonus
   * @param schedule when it runs
   * @param minSpend the threshold, for {@link Kind#THRESHOLD_BONUS}
   * @return the campaign
   */
  public static Campaign bonus(String id, String name, Kind kind, Points points, CampaignSchedule schedule,
      Optional<Money> minSpend) {
    return new Campaign(id, name, kind, BigDecimal.ONE, points, schedule, Set.of(), Set.of(), Set.of(), Set.of(),
        false, minSpend, Optional.empty());
  }

  /**
   * @param skus SKUs to target
   * @param categories categories to target
   * @return a copy targeting those lines
   */
  public Campaign targeting(Set<String> skus, Set<String> categories) {
    return new Campaign(id, name, kind, multiplier, bonus, schedule, skus, categories, channels, tiers,
        birthdayMonthOnly, minSpend, exclusiveGroup);
  }

  /**
   * @param channels channels to limit the campaign to
   * @return a copy limited to them
   */
  public Campaign onChannels(Set<Channel> channels) {
    return new Campaign(id, name, kind, multiplier, bonus, schedule, skus, categories, channels, tiers,
        birthdayMonthOnly, minSpend, exclusiveGroup);
  }

  /**
   * @param tiers tier codes to limit the campaign to
   * @return a copy limited to them
   */
  public Campaign forTiers(Set<String> tiers) {
    return new Campaign(id, name, kind, multiplier, bonus, schedule, skus, categories, channels, tiers,
        birthdayMonthOnly, minSpend, exclusiveGroup);
  }

  /** @return a copy that only members in their birthday month qualify for */
  public Campaign forBirthdayMonth() {
    return new Campaign(id, name, kind, multiplier, bonus, schedule, skus, categories, channels, tiers,
        true, minSpend, exclusiveGroup);
  }

  /**
   * @param group the exclusive group
   * @return a copy in that group
   */
  public Campaign inExclusiveGroup(String group) {
    return new Campaign(id, name, kind, multiplier, bonus, schedule, skus, categories, channels, tiers,
        birthdayMonthOnly, minSpend, Optional.of(Checks.nonBlank(SUBJECT, id + ".exclusiveGroup", group)));
  }

  /** @return whether the campaign targets every line (no SKU or category condition) */
  public boolean targetsAllLines() {
    return skus.isEmpty() && categories.isEmpty();
  }
}
