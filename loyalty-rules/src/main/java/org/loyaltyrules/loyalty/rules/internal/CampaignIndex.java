package org.loyaltyrules.loyalty.rules.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.RfmClass;

/**
 * Finds the campaigns active on one local date without scanning the whole calendar: campaigns are
 * filed under each one-off date, weekday and yearly month-day they list, and a campaign that runs
 * every day of a bounded range (the usual limited-time promotion) under each date of that range, so
 * a lookup touches only the campaigns that can possibly run that day, then checks their range,
 * channel, tier and birthday conditions and, given an {@link Audience}, the tag, segment, store,
 * payment-method and time-of-day conditions. Only campaigns without an end, or running longer than
 * {@value #MAX_FILED_DAYS} days, are checked on every lookup. Built once per programme; immutable
 * and thread-safe.
 */
public final class CampaignIndex {
  private static final Comparator<Campaign> BY_ID = Comparator.comparing(Campaign::id);
  /** Longer ranges are checked on every lookup rather than filed under each of their dates. */
  static final long MAX_FILED_DAYS = 800;

  private final Map<LocalDate, DayBucket> byDate = new HashMap<>();
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
        Optional<LocalDate> from = campaign.schedule().from();
        Optional<LocalDate> to = campaign.schedule().to();
        if (from.isPresent() && to.isPresent() && !to.get().isBefore(from.get())
            && ChronoUnit.DAYS.between(from.get(), to.get()) < MAX_FILED_DAYS) {
          for (LocalDate d = from.get(); !d.isAfter(to.get()); d = d.plusDays(1)) {
            byDate.computeIfAbsent(d, k -> new DayBucket()).add(campaign);
          }
        } else {
          everyDay.add(campaign);
        }
        continue;
      }
      for (LocalDate date : campaign.schedule().dates()) {
        byDate.computeIfAbsent(date, d -> new DayBucket()).add(campaign);
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
   * What an event brings to the audience conditions of {@link org.loyaltyrules.loyalty.CampaignTarget}.
   *
   * @param tags the member's tags
   * @param segment the member's RFM class as of the event
   * @param hasOrder whether the event is an order (store and payment method are checked only then)
   * @param store the order's store, if any
   * @param paymentMethod the order's payment method, if any
   * @param localTime the event's local time in the programme's zone
   */
  public record Audience(Set<String> tags, RfmClass segment, boolean hasOrder, Optional<String> store,
      Optional<String> paymentMethod, LocalTime localTime) {}

  /**
   * Returns the campaigns active for an event, sorted by id, checking the audience conditions too.
   *
   * @param date the event's local date
   * @param tier the member's tier code
   * @param birthdayMonth whether the date is in the member's birthday month
   * @param audience the event's tags, segment and time
   * @return the active campaigns, sorted by id, each once
   */
  public List<Campaign> active(LocalDate date, String tier, boolean birthdayMonth, Audience audience) {
    return active(date, null, tier, birthdayMonth, null, null, audience);
  }

  /**
   * Returns the campaigns active for an order as {@link #activeForOrder(LocalDate, Channel, String,
   * boolean, Set, Set)}, checking the audience conditions too.
   *
   * @param date the order's local date
   * @param channel the order's channel
   * @param tier the member's tier code
   * @param birthdayMonth whether the date is in the member's birthday month
   * @param skus the SKUs of the order's lines in the earning base
   * @param categories the categories of those lines
   * @param audience the order's store, payment method, time and the member's tags and segment
   * @return the campaigns, sorted by id, each once
   */
  public List<Campaign> activeForOrder(LocalDate date, Channel channel, String tier, boolean birthdayMonth,
      Set<String> skus, Set<String> categories, Audience audience) {
    return active(date, channel, tier, birthdayMonth, skus, categories, audience);
  }

  /**
   * Returns the campaigns active for an event, sorted by id, without checking the audience
   * conditions (for callers whose campaigns have none, such as benchmarks).
   *
   * @param date the event's local date
   * @param channel the order's channel, or null for events without one (enrolment)
   * @param tier the member's tier code
   * @param birthdayMonth whether the date is in the member's birthday month
   * @return the active campaigns, sorted by id, each once
   */
  public List<Campaign> active(LocalDate date, Channel channel, String tier, boolean birthdayMonth) {
    return active(date, channel, tier, birthdayMonth, null, null, null);
  }

  /**
   * Returns the campaigns active for an order, sorted by id: as {@link #active(LocalDate, Channel,
   * String, boolean)}, less the campaigns targeting SKUs or categories that none of the order's
   * lines has. Such a campaign cannot match a line, so the rules never see it. The audience
   * conditions are not checked.
   *
   * @param date the order's local date
   * @param channel the order's channel
   * @param tier the member's tier code
   * @param birthdayMonth whether the date is in the member's birthday month
   * @param skus the SKUs of the order's lines in the earning base
   * @param categories the categories of those lines
   * @return the campaigns, sorted by id, each once
   */
  public List<Campaign> activeForOrder(LocalDate date, Channel channel, String tier, boolean birthdayMonth,
      Set<String> skus, Set<String> categories) {
    return active(date, channel, tier, birthdayMonth, skus, categories, null);
  }

  private List<Campaign> active(LocalDate date, Channel channel, String tier, boolean birthdayMonth,
      Set<String> skus, Set<String> categories, Audience audience) {
    Filter filter = new Filter(date, channel, tier, birthdayMonth, skus, categories, audience);
    List<Campaign> result = new ArrayList<>();
    filter.collect(everyDay, result);
    DayBucket day = byDate.get(date);
    if (day != null) {
      day.collect(filter, result);
    }
    filter.collect(byDayOfWeek.get(date.getDayOfWeek()), result);
    filter.collect(byMonthDay.get(MonthDay.from(date)), result);
    if (result.size() > 1) {
      result.sort(BY_ID);
      // A campaign filed under both a date and a weekday matching the same day, or under two of
      // the order's SKUs or categories, appears more than once.
      for (int i = result.size() - 1; i > 0; i--) {
        if (result.get(i) == result.get(i - 1)) {
          result.remove(i);
        }
      }
    }
    return result;
  }

  /**
   * The campaigns filed under one date, with the targeted ones also filed under each SKU and
   * category they name, so an order looks only at those its lines can reach.
   */
  private static final class DayBucket {
    private final List<Campaign> all = new ArrayList<>();
    private final List<Campaign> untargeted = new ArrayList<>();
    private final Map<String, List<Campaign>> bySku = new HashMap<>();
    private final Map<String, List<Campaign>> byCategory = new HashMap<>();

    void add(Campaign campaign) {
      all.add(campaign);
      if (!(campaign instanceof Campaign.Multiplier m) || m.targetsAllLines()) {
        untargeted.add(campaign);
        return;
      }
      for (String sku : m.skus()) {
        bySku.computeIfAbsent(sku, k -> new ArrayList<>()).add(campaign);
      }
      for (String category : m.categories()) {
        byCategory.computeIfAbsent(category, k -> new ArrayList<>()).add(campaign);
      }
    }

    /** Adds the matching campaigns; one naming several of the order's SKUs may be added twice. */
    void collect(Filter filter, List<Campaign> out) {
      if (filter.skus() == null) {
        filter.collect(all, out);
        return;
      }
      filter.collect(untargeted, out);
      for (String sku : filter.skus()) {
        filter.collect(bySku.get(sku), out);
      }
      for (String category : filter.categories()) {
        filter.collect(byCategory.get(category), out);
      }
    }
  }

  /** What one lookup asks of a campaign; lines are null for events without an order. */
  private record Filter(LocalDate date, Channel channel, String tier, boolean birthdayMonth, Set<String> skus,
      Set<String> categories, Audience audience) {
    void collect(List<Campaign> candidates, List<Campaign> out) {
      if (candidates == null) {
        return;
      }
      for (Campaign c : candidates) {
        if (c.schedule().isActiveOn(date)
            && (channel == null || c.channels().isEmpty() || c.channels().contains(channel))
            && (c.tiers().isEmpty() || c.tiers().contains(tier))
            && (!c.birthdayMonthOnly() || birthdayMonth)
            && reachesALine(c)
            && (audience == null || !c.target().hasAudienceConditions()
                || c.target().audienceMatches(audience.tags(), audience.segment(), audience.hasOrder(),
                    audience.store(), audience.paymentMethod(), audience.localTime()))) {
          out.add(c);
        }
      }
    }

    private boolean reachesALine(Campaign c) {
      if (skus == null || !(c instanceof Campaign.Multiplier m) || m.targetsAllLines()) {
        return true;
      }
      return intersects(m.skus(), skus) || intersects(m.categories(), categories);
    }

    private static boolean intersects(Set<String> a, Set<String> b) {
      Set<String> small = a.size() <= b.size() ? a : b;
      Set<String> large = small == a ? b : a;
      for (String s : small) {
        if (large.contains(s)) {
          return true;
        }
      }
      return false;
    }
  }
}
