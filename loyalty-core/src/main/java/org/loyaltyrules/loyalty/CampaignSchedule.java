package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * On which local dates (in the programme's time zone) a campaign is active: inside the optional
 * {@code from}–{@code to} range (both inclusive) and, if any of the sets is non-empty, on one of
 * the listed dates, weekdays or yearly month-days. With all three sets empty, every day of the
 * range matches. Every date lies within {@link Limits}' date range (years 1900 to 9999).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param from first active date, if bounded
 * @param to last active date, if bounded; not before {@code from}
 * @param dates one-off dates
 * @param daysOfWeek recurring weekdays, e.g. every Tuesday
 * @param monthDays recurring yearly dates, e.g. every 11/11
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CampaignSchedule(
    Optional<LocalDate> from,
    Optional<LocalDate> to,
    Set<LocalDate> dates,
    Set<DayOfWeek> daysOfWeek,
    Set<MonthDay> monthDays) {

  private static final String SUBJECT = "campaign schedule";

  /**
   * Validates and copies the components into sorted, unmodifiable sets.
   *
   * @param from first active date, if bounded
   * @param to last active date, if bounded; not before {@code from}
   * @param dates one-off dates
   * @param daysOfWeek recurring weekdays, e.g. every Tuesday
   * @param monthDays recurring yearly dates, e.g. every 11/11
   * @throws LoyaltyException if a component is invalid
   */
  public CampaignSchedule {
    Checks.present(SUBJECT, "from", from);
    Checks.present(SUBJECT, "to", to);
    from.ifPresent(d -> Checks.date(SUBJECT, "from", d));
    to.ifPresent(d -> Checks.date(SUBJECT, "to", d));
    if (from.isPresent() && to.isPresent()) {
      Checks.check(!to.get().isBefore(from.get()), SUBJECT, "to", to.get(), "on or after from " + from.get());
    }
    TreeSet<LocalDate> dateCopy = new TreeSet<>();
    for (LocalDate date : Checks.present(SUBJECT, "dates", dates)) {
      dateCopy.add(Checks.date(SUBJECT, "dates", date));
    }
    dates = Collections.unmodifiableSet(dateCopy);
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (DayOfWeek day : Checks.present(SUBJECT, "daysOfWeek", daysOfWeek)) {
      days.add(Checks.present(SUBJECT, "daysOfWeek", day));
    }
    daysOfWeek = Collections.unmodifiableSet(days);
    TreeSet<MonthDay> monthDayCopy = new TreeSet<>();
    for (MonthDay monthDay : Checks.present(SUBJECT, "monthDays", monthDays)) {
      monthDayCopy.add(Checks.present(SUBJECT, "monthDays", monthDay));
    }
    monthDays = Collections.unmodifiableSet(monthDayCopy);
  }

  /** {@return a schedule active every day} */
  public static CampaignSchedule always() {
    return new CampaignSchedule(Optional.empty(), Optional.empty(), Set.of(), Set.of(), Set.of());
  }

  /**
   * {@return a schedule active on exactly these dates}
   *
   * @param dates the one-off dates
   */
  public static CampaignSchedule on(LocalDate... dates) {
    return new CampaignSchedule(Optional.empty(), Optional.empty(), listed("dates", dates), Set.of(), Set.of());
  }

  /**
   * {@return a schedule active every such weekday}
   *
   * @param days the weekdays
   */
  public static CampaignSchedule every(DayOfWeek... days) {
    return new CampaignSchedule(Optional.empty(), Optional.empty(), Set.of(), listed("daysOfWeek", days), Set.of());
  }

  /**
   * {@return a schedule active on these dates every year}
   *
   * @param monthDays the yearly dates
   */
  public static CampaignSchedule yearlyOn(MonthDay... monthDays) {
    return new CampaignSchedule(Optional.empty(), Optional.empty(), Set.of(), Set.of(), listed("monthDays", monthDays));
  }

  /** The values as a set that keeps a null (the constructor names it) and repeats (Set.of refuses them). */
  @SafeVarargs
  private static <T> Set<T> listed(String field, T... values) {
    return new java.util.HashSet<>(java.util.Arrays.asList(Checks.present(SUBJECT, field, values)));
  }

  /**
   * {@return a copy limited to that range}
   *
   * @param from first active date
   * @param to last active date
   */
  public CampaignSchedule between(LocalDate from, LocalDate to) {
    return new CampaignSchedule(Optional.of(Checks.present(SUBJECT, "from", from)),
        Optional.of(Checks.present(SUBJECT, "to", to)), dates, daysOfWeek, monthDays);
  }

  /** {@return whether no set restricts the days (every day of the range matches)} */
  public boolean isEveryDay() {
    return dates.isEmpty() && daysOfWeek.isEmpty() && monthDays.isEmpty();
  }

  /**
   * {@return whether the campaign is active on that date}
   *
   * @param date a local date in the programme's zone
   */
  public boolean isActiveOn(LocalDate date) {
    Checks.present(SUBJECT, "date", date);
    if (from.isPresent() && date.isBefore(from.get())) {
      return false;
    }
    if (to.isPresent() && date.isAfter(to.get())) {
      return false;
    }
    return isEveryDay()
        || dates.contains(date)
        || daysOfWeek.contains(date.getDayOfWeek())
        || monthDays.contains(MonthDay.from(date));
  }

  /**
   * {@return whether some date can ever match (false for e.g. a Feb 30-free range that excludes every
   * listed date); used to warn about campaigns that never run}
   */
  public boolean canEverMatch() {
    if (from.isEmpty() || to.isEmpty()) {
      return isEveryDay() || !daysOfWeek.isEmpty() || !monthDays.isEmpty() || !dates.isEmpty();
    }
    LocalDate last = to.get();
    // A range of more than a year contains every weekday and every month-day but Feb 29 in most cases;
    // checking day by day keeps this exact and it only runs at load time.
    LocalDate limit = from.get().plusYears(4);
    for (LocalDate d = from.get(); !d.isAfter(last) && !d.isAfter(limit); d = d.plusDays(1)) {
      if (isActiveOn(d)) {
        return true;
      }
    }
    return false;
  }
}
