package org.loyaltyrules.loyalty.rules.facts;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.LocalDate;
import org.apiguardian.api.API;

/**
 * The local day a {@link org.loyaltyrules.loyalty.LoyaltyEvent.DayStarted} is about, as rules see it:
 * the date, and where it falls in the member's calendar (birthday month, enrolment anniversary).
 * Immutable.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DayFact {
  private final LocalDate localDate;
  private final boolean birthdayMonth;
  private final boolean firstDayOfBirthdayMonth;
  private final int anniversaryYears;

  /**
   * Engine only. Rules cannot call this constructor: the rule checks refuse {@code new} of fact
   * classes, and {@link Decisions} refuses any fact instance the engine did not insert for the
   * evaluation at hand, even one equal to it.
   *
   * @param localDate the day, in the programme's zone
   * @param birthdayMonth whether it lies in the member's birthday month
   * @param firstDayOfBirthdayMonth whether it is the first day of that month
   * @param anniversaryYears in the month of an enrolment anniversary, which one (1 for the first); else 0
   */
  @API(status = INTERNAL, since = "0.1")
  public DayFact(LocalDate localDate, boolean birthdayMonth, boolean firstDayOfBirthdayMonth, int anniversaryYears) {
    this.localDate = localDate;
    this.birthdayMonth = birthdayMonth;
    this.firstDayOfBirthdayMonth = firstDayOfBirthdayMonth;
    this.anniversaryYears = anniversaryYears;
  }

  /** {@return the day, in the programme's zone} */
  public LocalDate getLocalDate() {
    return localDate;
  }

  /** {@return the day's year, e.g. 2026} */
  public int getYear() {
    return localDate.getYear();
  }

  /** {@return the day's month, 1 to 12} */
  public int getMonth() {
    return localDate.getMonthValue();
  }

  /** {@return the day of the month, 1 to 31} */
  public int getDayOfMonth() {
    return localDate.getDayOfMonth();
  }

  /** {@return whether the day lies in the member's birthday month (false without a birthday)} */
  public boolean isBirthdayMonth() {
    return birthdayMonth;
  }

  /** {@return whether the day is the first day of the member's birthday month} */
  public boolean isFirstDayOfBirthdayMonth() {
    return firstDayOfBirthdayMonth;
  }

  /** {@return whether the day lies in the month of an enrolment anniversary (a year or more after enrolling)} */
  public boolean isAnniversaryMonth() {
    return anniversaryYears > 0;
  }

  /** {@return in an anniversary month, which anniversary (1 for the first year); else 0} */
  public int getAnniversaryYears() {
    return anniversaryYears;
  }

  @Override
  public String toString() {
    return "DayFact[" + localDate + "]";
  }
}
