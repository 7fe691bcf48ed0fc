package org.loyaltyrules.loyalty.rules.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignLimits;
import org.loyaltyrules.loyalty.CampaignTarget;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Points;

/**
 * The {@code EVENT_BONUS} columns of {@code campaigns.csv}: the custom event type, the per-member
 * limits and the budgets. Kept apart from {@link CampaignFile} so each campaign type's reading stays
 * short. Stateless.
 */
final class EventBonusColumns {
  /** The columns only event bonuses read. */
  static final List<String> OWN = List.of("event_type", "per_member_per_day", "per_week", "per_month", "lifetime",
      "budget_total", "budget_per_member");
  /** Every column an event bonus reads besides the shared ones. */
  static final Set<String> USED = Set.copyOf(append(List.of("bonus")));

  private EventBonusColumns() {}

  static List<String> append(List<String> columns) {
    List<String> all = new ArrayList<>(columns);
    all.addAll(OWN);
    return List.copyOf(all);
  }

  /**
   * @param text reads a column's text, empty when absent
   * @param fail makes the problem of a column, positioned where the value is
   */
  static Campaign.EventBonus campaign(String id, String name, Points bonus, CampaignTarget target,
      UnaryOperator<String> text, BiFunction<String, String, ? extends RuntimeException> fail) {
    String type = text.apply("event_type");
    if (!LoyaltyEvent.CustomEvent.isValidType(type)) {
      throw fail.apply("event_type", "the custom event type the bonus pays for, such as check-in: "
          + LoyaltyEvent.CustomEvent.TYPE_RULE);
    }
    CampaignLimits limits = new CampaignLimits(count("per_member_per_day", text, fail), count("per_week", text, fail),
        count("per_month", text, fail), count("lifetime", text, fail), budget("budget_total", text, fail),
        budget("budget_per_member", text, fail));
    return new Campaign.EventBonus(id, name, type, bonus, limits, target);
  }

  private static Optional<Integer> count(String column, UnaryOperator<String> text,
      BiFunction<String, String, ? extends RuntimeException> fail) {
    String value = text.apply(column);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      int count = Integer.parseInt(value);
      if (count >= 1 && count <= CampaignLimits.MAX_COUNT) {
        return Optional.of(count);
      }
    } catch (NumberFormatException e) {
      // reported below with the column
    }
    throw fail.apply(column, "a whole number of awards from 1 to " + CampaignLimits.MAX_COUNT + ", or empty for no limit");
  }

  private static Optional<Points> budget(String column, UnaryOperator<String> text,
      BiFunction<String, String, ? extends RuntimeException> fail) {
    String value = text.apply(column);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      long points = Long.parseLong(value);
      if (points >= 1) {
        return Optional.of(Points.of(points));
      }
    } catch (NumberFormatException e) {
      // reported below with the column
    }
    throw fail.apply(column, "a whole number of points ≥ 1, or empty for no budget");
  }
}
