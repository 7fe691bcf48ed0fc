package org.loyaltyrules.loyalty.examples.merchantcli;

import java.math.BigDecimal;
import java.time.Period;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Tier;
import org.loyaltyrules.loyalty.TierLadder;
import org.loyaltyrules.loyalty.rules.Programmes;

/**
 * The programme a replay decides under: the bundled default programme's settings
 * ({@code Programmes.taiwan}) carried over to the input's currency and zone. The rule files are the
 * same whatever the currency: they earn 1 point per 100 currency units (1.5 silver, 2 gold), and
 * 1 point redeems for 1 currency unit, so the return on spend (1 % / 1.5 % / 2 %) is unchanged.
 * Only the tier thresholds must be scaled to the currency:
 *
 * <table>
 *   <caption>Tier thresholds (qualifying spend over 12 months)</caption>
 *   <tr><th>currency</th><th>silver</th><th>gold</th></tr>
 *   <tr><td>TWD</td><td>10,000</td><td>30,000</td></tr>
 *   <tr><td>GBP (Online Retail)</td><td>500</td><td>2,000</td></tr>
 * </table>
 *
 * <p>Any other currency needs {@code --tier-thresholds SILVER,GOLD}. Everything else is as the
 * default programme: points valid 12 months to the end of the month, gift-card category outside the
 * earning base, additive stacking, one-level downgrades at review, referral bonuses up to 3 levels.
 * Unlike {@code Programmes.taiwan}, order points are not held for a return window and decisions
 * carry no expiring-soon notice: the history holds no redemptions, and held points would become
 * spendable by themselves at the end of the window (no event needed), so balances come out the same.
 */
public final class CliProgrammes {
  /** Thresholds (silver, gold) for the currencies the CLI knows. */
  public static final Map<String, List<BigDecimal>> THRESHOLDS = Map.of(
      "TWD", List.of(new BigDecimal("10000"), new BigDecimal("30000")),
      "GBP", List.of(new BigDecimal("500"), new BigDecimal("2000")));

  private CliProgrammes() {}

  /**
   * @param currency the currency
   * @param zone the zone
   * @param thresholds silver and gold thresholds, or null for the currency's known ones
   * @param campaigns the campaign calendar
   * @return the programme
   * @throws CliException (exit 2) for an unknown currency without thresholds
   */
  public static Programme of(Currency currency, ZoneId zone, List<BigDecimal> thresholds, List<Campaign> campaigns) {
    List<BigDecimal> t = thresholds != null ? thresholds : THRESHOLDS.get(currency.getCurrencyCode());
    if (t == null) {
      throw new CliException(CliException.USAGE, "no tier thresholds known for " + currency.getCurrencyCode()
          + "; give them with --tier-thresholds SILVER,GOLD (e.g. 500,2000)");
    }
    if (t.size() != 2 || t.get(0).signum() <= 0 || t.get(1).compareTo(t.get(0)) <= 0) {
      throw new CliException(CliException.USAGE, "--tier-thresholds " + t + "; expected two increasing positive"
          + " amounts SILVER,GOLD");
    }
    String code = currency.getCurrencyCode();
    TierLadder ladder = TierLadder.of(
        Tier.of("member", 0, Money.zero(currency), Period.ofMonths(12)),
        Tier.of("silver", 1, Money.of(t.get(0), currency), Period.ofMonths(12)),
        Tier.of("gold", 2, Money.of(t.get(1), currency), Period.ofMonths(12)));
    return Programme.builder(currency, zone, ladder)
        .pointsExpireAfter(Period.ofMonths(12), true)
        .excludeFromEarning(Set.of(), Set.of("gift-card"))
        .redemption(Money.of(BigDecimal.ONE, currency), org.loyaltyrules.loyalty.Points.of(1))
        .campaigns(Programmes.withDefaultReferrals(campaigns, currency))
        .build();
  }

  /**
   * @param text {@code SILVER,GOLD}, e.g. {@code 500,2000}
   * @return the two amounts
   * @throws CliException (exit 2) if the text is not two decimals
   */
  public static List<BigDecimal> parseThresholds(String text) {
    String[] parts = text.split(",");
    try {
      if (parts.length == 2) {
        return List.of(new BigDecimal(parts[0].strip()), new BigDecimal(parts[1].strip()));
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new CliException(CliException.USAGE, "--tier-thresholds [" + text + "]; expected SILVER,GOLD such as 500,2000");
  }

  /**
   * @param code an ISO 4217 code
   * @return the currency
   * @throws CliException (exit 2) if unknown
   */
  public static Currency currency(String code) {
    try {
      return Currency.getInstance(code.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CliException(CliException.USAGE, "--currency [" + code + "]; expected an ISO 4217 code such as GBP");
    }
  }

  /**
   * @param id a zone id
   * @return the zone
   * @throws CliException (exit 2) if unknown
   */
  public static ZoneId zone(String id) {
    try {
      return ZoneId.of(id.strip());
    } catch (RuntimeException e) {
      throw new CliException(CliException.USAGE, "--zone [" + id + "]; expected a region id such as Europe/London");
    }
  }
}
