package org.loyaltyrules.loyalty.rules.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.Channel;

/**
 * Finds the campaigns active on one local date without scanning the whole calendar: campaigns are
 * filed under each one-off date, weekday and yearly month-day they list (or under "every day"), so
 * a lookup touches only the campaigns that can possibly run that day, then checks their range,
 * channel, tier and birthday conditions. Built once per programme; immutable and thread-safe.
 */
public final class CampaignIndex {
  private static final Comparator<Campaign> BY_ID = Comparator.comparing(Campaign::id);

  private final Map<LocalDate, List<Campaign>> byDate = new HashMap<>();
  private final Map<DayOfWeek, List<Campaign>> byDayOfWeek = new EnumMap<>(DayOfWeek.class);
  private final Map<MonthDay, List<Campaign>> byMonthDay = new HashMap<>();
  private final List<Campaign> everyDay = new ArrayList<>();
  private final int size;

  /**
   * @param campaigns the calendar
   */
  public CampaignIndex(List<Campaign> campaigns) {
    for (Campaign campaign : campaigns) {
      if (campaign.schedule().isEveryDay()) {
        everyDay.add(campaign);
        continue;
      }
      for (LocalDate date : campaign.schedule().dates()) {
        byDate.computeIfAbsent(date, d -> new ArrayList<>()).add(campaign);
      }
      for (DayOfWeek day : campaign.schedule().daysOfWeek()) {
        byDayOfWeek.computeIfAbsent(day, d -> new ArrayList<>()).add(campaign);
      }
      for (MonthDay monthDay : campaign.schedule().monthDays()) {
        byMonthDay.computeIfAbsent(monthDay, d -> new ArrayList<>()).add(campaign);
      }
    }
    this.size = campaigns.size();
  }

  /** @return the number of campaigns in the calendar */
  public int size() {
    return size;
  }

  /**
   * Returns the campaigns active for an event, sorted by id.
   *
   * @param date the event's local date
   * @param channel the order's channel, or null for events without one (enrolment)
   * @param tier the member's tier code
   * @param birthdayMonth whether the date is in the member's birthday month
   * @return the active campaigns, sorted by id, each once
   */
  public List<Campaign> active(LocalDate date, Channel channel, String tier, boolean birthdayMonth) {
    List<Campaign> result = new ArrayList<>();
    collect(everyDay, date, channel, tier, birthdayMonth, result);
    collect(byDate.get(date), date, channel, tier, birthdayMonth, result);
    collect(byDayOfWeek.get(date.getDayOfWeek()), date, channel, tier, birthdayMonth, result);
    collect(byMonthDay.get(MonthDay.from(date)), date, channel, tier, birthdayMonth, result);
    if (result.size() > 1) {
      result.sort(BY_ID);
      // A campaign filed under both a date and a weekday matching the same day appears twice.
      for (int i = result.size() - 1; i > 0; i--) {
        if (result.get(i) == result.get(i - 1)) {
          result.remove(i);
        }
      }
    }
    return result;
  }

  private static void collect(List<Campaign> candidates, LocalDate date, Channel channel, String tier,
      boolean birthdayMonth, List<Campaign> out) {
    if (candidates == null) {
      return;
    }
    for (Campaign c : candidates) {
      if (c.schedule().isActiveOn(date)
          && (channel == null || c.channels().isEmpty() || c.channels().contains(channel))
          && (c.tiers().isEmpty() || c.tiers().contains(tier))
          && (!c.birthdayMonthOnly() || birthdayMonth)) {
        out.add(c);
      }
    }
  }
}
