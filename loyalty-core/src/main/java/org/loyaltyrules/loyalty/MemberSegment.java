package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * A member's recency, frequency, monetary value and lifetime value as of one instant, computed from
 * their ledger, and the {@link RfmClass} a {@link SegmentPolicy} gives them.
 *
 * <p>Definitions (all "as of" {@code asOf}, entries after it ignored):
 *
 * <ul>
 *   <li>a <em>qualifying order</em> is an order whose base entry ({@link EntryKey.OrderBase})
 *       recorded qualifying spend and whose net spend (that spend less the spend clawed back from it
 *       by refunds up to {@code asOf}) is still positive: a fully refunded order does not count;
 *   <li><em>recency</em>: whole local days (programme zone) from the day of the last qualifying order
 *       to the day of {@code asOf}; without one, from the day of enrolment;
 *   <li><em>frequency</em>: qualifying orders paid in the policy's window {@code [asOf − window,
 *       asOf]} (the window a tier uses, computed in the zone);
 *   <li><em>monetary</em>: the net spend of those orders;
 *   <li><em>lifetime value</em> (historical CLV): the net spend of every qualifying order the ledger
 *       holds. A ledger rebuilt from a checkpoint holds orders from its horizon on, so its lifetime
 *       value starts there.
 * </ul>
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param recencyDays days since the last qualifying order (or enrolment), ≥ 0
 * @param daysSinceFirstOrder days since the first qualifying order (or enrolment), ≥ {@code recencyDays}
 * @param frequency qualifying orders in the window, ≥ 0
 * @param monetary their net spend
 * @param lifetimeValue the net spend of every qualifying order held, ≥ {@code monetary}
 * @param rfmClass the class the policy gives these values
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record MemberSegment(long recencyDays, long daysSinceFirstOrder, int frequency, Money monetary,
    Money lifetimeValue, RfmClass rfmClass) {

  private static final String SUBJECT = "member segment";

  /**
   * Validates the values.
   *
   * @param recencyDays days since the last qualifying order (or enrolment), ≥ 0
   * @param daysSinceFirstOrder days since the first qualifying order (or enrolment), ≥ {@code recencyDays}
   * @param frequency qualifying orders in the window, ≥ 0
   * @param monetary their net spend, ≥ 0
   * @param lifetimeValue the net spend of every qualifying order held, ≥ {@code monetary}
   * @param rfmClass the class the policy gives these values
   * @throws LoyaltyException if a component is invalid
   */
  public MemberSegment {
    Checks.check(recencyDays >= 0, SUBJECT, "recencyDays", recencyDays, "≥ 0");
    Checks.check(daysSinceFirstOrder >= recencyDays, SUBJECT, "daysSinceFirstOrder", daysSinceFirstOrder,
        "≥ recencyDays " + recencyDays);
    Checks.check(frequency >= 0, SUBJECT, "frequency", frequency, "≥ 0");
    Checks.present(SUBJECT, "monetary", monetary);
    Checks.present(SUBJECT, "lifetimeValue", lifetimeValue);
    Checks.present(SUBJECT, "rfmClass", rfmClass);
    if (!monetary.currency().equals(lifetimeValue.currency())) {
      throw new CurrencyMismatchException(SUBJECT, "lifetimeValue", monetary.currency(), lifetimeValue.currency());
    }
    Checks.check(!monetary.isNegative(), SUBJECT, "monetary", monetary, "≥ 0");
    Checks.check(!lifetimeValue.isLessThan(monetary), SUBJECT, "lifetimeValue", lifetimeValue,
        "≥ monetary " + monetary);
  }

  /**
   * Computes a member's segment from their ledger. Linear in the ledger's size.
   *
   * @param ledger the member's ledger
   * @param enrolledAt when the member enrolled (recency counts from it while they have no order)
   * @param asOf the instant the segment is for, within {@link Limits}' instant range
   * @param zone the programme's time zone (local days and the window)
   * @param policy the cut-offs and window
   * @return the segment
   * @throws CurrencyMismatchException if the ledger's spend is not in the policy's currency
   * @throws InvalidValueException if an argument is missing or {@code asOf} is outside the range
   */
  public static MemberSegment of(PointLedger ledger, Instant enrolledAt, Instant asOf, ZoneId zone,
      SegmentPolicy policy) {
    Checks.present(SUBJECT, "ledger", ledger);
    Checks.instant(SUBJECT, "enrolledAt", enrolledAt);
    Checks.instant(SUBJECT, "asOf", asOf);
    Checks.present(SUBJECT, "zone", zone);
    Checks.present(SUBJECT, "policy", policy);
    Currency currency = policy.highValueSpend().currency();
    // Net spend per order base entry, in append order; clawbacks reduce the entry they name.
    Map<String, OrderSpend> byKey = new HashMap<>();
    List<OrderSpend> orders = new ArrayList<>();
    for (LedgerEntry entry : ledger.entries()) {
      if (entry.occurredAt().isAfter(asOf)) {
        continue;
      }
      if (entry instanceof LedgerEntry.Earned earned && earned.spend().isPositive()
          && EntryKey.parse(earned.key()) instanceof EntryKey.OrderBase) {
        requireCurrency(earned.spend(), currency);
        OrderSpend spend = new OrderSpend(earned.occurredAt(), earned.spend().amount());
        byKey.put(earned.key(), spend);
        orders.add(spend);
      } else if (entry instanceof LedgerEntry.ClawedBack clawedBack) {
        OrderSpend spend = byKey.get(clawedBack.earnedKey());
        if (spend != null) {
          requireCurrency(clawedBack.spend(), currency);
          spend.net = spend.net.subtract(clawedBack.spend().amount());
        }
      }
    }
    Instant windowStart = asOf.atZone(zone).minus(policy.window()).toInstant();
    Instant first = null;
    Instant last = null;
    int frequency = 0;
    BigDecimal monetary = BigDecimal.ZERO;
    BigDecimal lifetime = BigDecimal.ZERO;
    for (OrderSpend order : orders) {
      if (order.net.signum() <= 0) {
        continue;
      }
      first = first == null || order.at.isBefore(first) ? order.at : first;
      last = last == null || order.at.isAfter(last) ? order.at : last;
      lifetime = lifetime.add(order.net);
      if (!order.at.isBefore(windowStart)) {
        frequency++;
        monetary = monetary.add(order.net);
      }
    }
    LocalDate today = asOf.atZone(zone).toLocalDate();
    long recency = days(last == null ? enrolledAt : last, today, zone);
    long sinceFirst = days(first == null ? enrolledAt : first, today, zone);
    Money monetaryValue = Money.of(monetary, currency);
    return new MemberSegment(recency, Math.max(sinceFirst, recency), frequency, monetaryValue,
        Money.of(lifetime, currency), policy.classify(recency, Math.max(sinceFirst, recency), monetaryValue));
  }

  /** Whole local days from {@code from}'s day to {@code today}; 0 for an instant after {@code asOf} (enrolled later). */
  private static long days(Instant from, LocalDate today, ZoneId zone) {
    return Math.max(0, ChronoUnit.DAYS.between(from.atZone(zone).toLocalDate(), today));
  }

  private static void requireCurrency(Money spend, Currency currency) {
    if (!spend.currency().equals(currency)) {
      throw new CurrencyMismatchException(SUBJECT, "ledger.spend", currency, spend.currency());
    }
  }

  /** One order's base entry: when it was paid and its spend net of clawbacks so far. */
  private static final class OrderSpend {
    final Instant at;
    BigDecimal net;

    OrderSpend(Instant at, BigDecimal net) {
      this.at = at;
      this.net = net;
    }
  }
}
