package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import java.time.Period;
import java.util.Currency;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * The cut-offs that put a member in an {@link RfmClass}, and the window over which frequency and
 * monetary value are counted. Days are whole local days in the programme's zone between the day of
 * the last (or first) qualifying order and the day of the event. {@link #classify} is a total
 * function: it checks, in this order,
 *
 * <ol>
 *   <li>recency &gt; {@code dormantDays}: {@link RfmClass#CHURNED};
 *   <li>recency &gt; {@code atRiskDays}: {@link RfmClass#DORMANT};
 *   <li>recency &gt; {@code activeDays}: {@link RfmClass#AT_RISK};
 *   <li>monetary value ≥ {@code highValueSpend}: {@link RfmClass#HIGH_VALUE};
 *   <li>days since the first qualifying order ≤ {@code newDays}: {@link RfmClass#NEW};
 *   <li>otherwise {@link RfmClass#ACTIVE}.
 * </ol>
 *
 * <p>So the class only moves towards {@code CHURNED} as recency grows, and a recent member whose
 * spend reaches {@code highValueSpend} stays {@code HIGH_VALUE} as it grows further. A member
 * without a qualifying order counts from their enrolment day for both recency and newness.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param window how far back frequency and monetary value count, e.g. {@code P12M}; positive, at most
 *     100 years and 36,600 days
 * @param newDays a first order at most this many days ago makes a recent member new; 0 to 36,600
 * @param activeDays the most days since the last order for a member to count as recent; ≥ 0
 * @param atRiskDays beyond this many days the member is dormant; greater than {@code activeDays}
 * @param dormantDays beyond this many days the member is churned; greater than {@code atRiskDays}, at
 *     most 36,600
 * @param highValueSpend the net spend in the window that makes a recent member high value; positive
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record SegmentPolicy(Period window, int newDays, int activeDays, int atRiskDays, int dormantDays,
    Money highValueSpend) {

  private static final String SUBJECT = "segment policy";
  private static final int MAX_DAYS = 36_600;

  /**
   * Validates the cut-offs.
   *
   * @param window how far back frequency and monetary value count; positive
   * @param newDays a first order at most this many days ago makes a recent member new; 0 to 36,600
   * @param activeDays the most days since the last order for a member to count as recent; ≥ 0
   * @param atRiskDays beyond this many days the member is dormant; greater than {@code activeDays}
   * @param dormantDays beyond this many days the member is churned; greater than {@code atRiskDays},
   *     at most 36,600
   * @param highValueSpend the net spend in the window that makes a recent member high value; positive
   * @throws LoyaltyException if a component is invalid
   */
  public SegmentPolicy {
    Checks.period(SUBJECT, "window", window, true);
    Checks.present(SUBJECT, "highValueSpend", highValueSpend);
    Checks.check(newDays >= 0 && newDays <= MAX_DAYS, SUBJECT, "newDays", newDays, "0 to " + MAX_DAYS);
    Checks.check(activeDays >= 0, SUBJECT, "activeDays", activeDays, "≥ 0");
    Checks.check(atRiskDays > activeDays, SUBJECT, "atRiskDays", atRiskDays, "> activeDays " + activeDays);
    Checks.check(dormantDays > atRiskDays && dormantDays <= MAX_DAYS, SUBJECT, "dormantDays", dormantDays,
        "> atRiskDays " + atRiskDays + " and ≤ " + MAX_DAYS);
    Checks.check(highValueSpend.isPositive(), SUBJECT, "highValueSpend", highValueSpend, "> 0");
  }

  /**
   * The bundled cut-offs: a 12-month window, new for 30 days after the first order, active up to 90
   * days after the last, at risk up to 180, dormant up to 365, churned beyond; high value from 20,000
   * units of {@code currency} in the window (NT$20,000 for a Taiwanese shop).
   *
   * @param currency the programme currency
   * @return the policy
   */
  public static SegmentPolicy defaults(Currency currency) {
    Checks.present(SUBJECT, "currency", currency);
    return new SegmentPolicy(Period.ofMonths(12), 30, 90, 180, 365,
        Money.of(BigDecimal.valueOf(20_000), currency));
  }

  /**
   * Classifies a member.
   *
   * @param recencyDays days since the last qualifying order (or enrolment, without one); ≥ 0
   * @param daysSinceFirstOrder days since the first qualifying order (or enrolment, without one); ≥ 0
   * @param monetary net qualifying spend in the window, in {@code highValueSpend}'s currency
   * @return the class
   * @throws LoyaltyException if a day count is negative or the currency differs
   */
  public RfmClass classify(long recencyDays, long daysSinceFirstOrder, Money monetary) {
    Checks.check(recencyDays >= 0, SUBJECT, "recencyDays", recencyDays, "≥ 0");
    Checks.check(daysSinceFirstOrder >= 0, SUBJECT, "daysSinceFirstOrder", daysSinceFirstOrder, "≥ 0");
    Checks.present(SUBJECT, "monetary", monetary);
    if (!monetary.currency().equals(highValueSpend.currency())) {
      throw new CurrencyMismatchException(SUBJECT, "monetary", highValueSpend.currency(), monetary.currency());
    }
    if (recencyDays > dormantDays) {
      return RfmClass.CHURNED;
    }
    if (recencyDays > atRiskDays) {
      return RfmClass.DORMANT;
    }
    if (recencyDays > activeDays) {
      return RfmClass.AT_RISK;
    }
    if (!monetary.isLessThan(highValueSpend)) {
      return RfmClass.HIGH_VALUE;
    }
    return daysSinceFirstOrder <= newDays ? RfmClass.NEW : RfmClass.ACTIVE;
  }
}
