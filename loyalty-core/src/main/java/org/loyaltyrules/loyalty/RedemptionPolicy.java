package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * How points pay for orders: what one point is worth, and the limits on one redemption (折抵上限).
 * A {@link RedemptionQuotes quote} and the redemption decision both apply it, so they agree.
 *
 * <ul>
 *   <li>{@code valuePerPoint}: the money one point pays, in the programme's currency; a tier may
 *       have its own ({@link #withTierRate}, e.g. gold: 1 point = NT$1.20).
 *   <li>{@code minimumPoints}: the fewest points one redemption may spend (default 1).
 *   <li>{@code maximumPoints}: the most points one redemption may spend (default none).
 *   <li>{@code maxShareOfOrder}: the largest share of the order value points may pay, 0 &lt; share ≤ 1
 *       (default 1: the whole order, never more).
 *   <li>{@code minimumOrderValue}: the smallest order value points may pay against (default none).
 * </ul>
 *
 * <p>The order limits bind only a redemption that names the order it pays against ({@link
 * LoyaltyEvent.PointsRedeemed#checkout()}); one that names none (points exchanged for a gift) is
 * bound by the point limits alone. Against a named order, {@code maximumPoints} and {@code
 * maxShareOfOrder} bound the total of all redemptions against that order id, net of cancelled ones
 * ({@link PointLedger#redeemedAgainst}), so splitting a redemption gains nothing.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param valuePerPoint the money one point pays, &gt; 0
 * @param minimumPoints the fewest points one redemption may spend, &gt; 0
 * @param maximumPoints the most points one redemption may spend, ≥ {@code minimumPoints}; empty: no
 *     maximum
 * @param maxShareOfOrder the largest share of the order value points may pay, 0 &lt; share ≤ 1, at
 *     most 6 decimals; kept without trailing zeros
 * @param minimumOrderValue the smallest order value points may pay against, &gt; 0, in the currency of
 *     {@code valuePerPoint}; empty: any
 * @param tierRates rates that replace {@code valuePerPoint} for members of a tier, one per tier code,
 *     in the currency of {@code valuePerPoint}; kept sorted by tier code
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RedemptionPolicy(
    Money valuePerPoint,
    Points minimumPoints,
    Optional<Points> maximumPoints,
    BigDecimal maxShareOfOrder,
    Optional<Money> minimumOrderValue,
    List<TierRate> tierRates) {

  private static final String SUBJECT = "redemption policy";
  /** Six decimals say 33.3333%; a finer share is a typing error or hostile input. */
  private static final int MAX_SHARE_SCALE = 6;

  /**
   * Validates every component, strips trailing zeros off the share and sorts the tier rates.
   *
   * @param valuePerPoint the money one point pays, &gt; 0
   * @param minimumPoints the fewest points one redemption may spend, &gt; 0
   * @param maximumPoints the most points one redemption may spend, ≥ {@code minimumPoints}; empty:
   *     no maximum
   * @param maxShareOfOrder the largest share of the order value points may pay, 0 &lt; share ≤ 1, at
   *     most 6 decimals
   * @param minimumOrderValue the smallest order value points may pay against, &gt; 0; empty: any
   * @param tierRates rates that replace {@code valuePerPoint} for members of a tier, one per tier code
   * @throws LoyaltyException if a component is invalid ({@link CurrencyMismatchException} when an
   *     amount is in another currency than {@code valuePerPoint})
   */
  public RedemptionPolicy {
    Checks.present(SUBJECT, "valuePerPoint", valuePerPoint);
    Checks.check(valuePerPoint.isPositive(), SUBJECT, "valuePerPoint", valuePerPoint, "> 0");
    Checks.present(SUBJECT, "minimumPoints", minimumPoints);
    Checks.check(minimumPoints.isPositive(), SUBJECT, "minimumPoints", minimumPoints, "> 0");
    Checks.present(SUBJECT, "maximumPoints", maximumPoints);
    if (maximumPoints.isPresent()) {
      Points max = Checks.present(SUBJECT, "maximumPoints", maximumPoints.get());
      Checks.check(max.compareTo(minimumPoints) >= 0, SUBJECT, "maximumPoints", max, "≥ minimumPoints " + minimumPoints);
    }
    Checks.decimal(SUBJECT, "maxShareOfOrder", maxShareOfOrder);
    Checks.check(maxShareOfOrder.signum() > 0 && maxShareOfOrder.compareTo(BigDecimal.ONE) <= 0, SUBJECT,
        "maxShareOfOrder", maxShareOfOrder.toPlainString(), "> 0 and ≤ 1 (a share of the order value)");
    maxShareOfOrder = maxShareOfOrder.stripTrailingZeros();
    if (maxShareOfOrder.scale() < 0) {
      maxShareOfOrder = maxShareOfOrder.setScale(0);
    }
    Checks.check(maxShareOfOrder.scale() <= MAX_SHARE_SCALE, SUBJECT, "maxShareOfOrder",
        maxShareOfOrder.toPlainString(), "at most " + MAX_SHARE_SCALE + " decimals");
    Checks.present(SUBJECT, "minimumOrderValue", minimumOrderValue);
    if (minimumOrderValue.isPresent()) {
      Money min = Checks.present(SUBJECT, "minimumOrderValue", minimumOrderValue.get());
      sameCurrency("minimumOrderValue", min, valuePerPoint);
      Checks.check(min.isPositive(), SUBJECT, "minimumOrderValue", min, "> 0");
    }
    List<TierRate> sorted = new ArrayList<>(Checks.elements(SUBJECT, "tierRates", tierRates));
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < sorted.size(); i++) {
      TierRate rate = sorted.get(i);
      sameCurrency("tierRates[" + i + "].valuePerPoint", rate.valuePerPoint(), valuePerPoint);
      Checks.check(codes.add(rate.tierCode()), SUBJECT, "tierRates[" + i + "].tierCode", rate.tierCode(),
          "a tier code no other rate names");
    }
    sorted.sort(Comparator.comparing(TierRate::tierCode));
    tierRates = List.copyOf(sorted);
  }

  private static void sameCurrency(String field, Money money, Money valuePerPoint) {
    if (!money.currency().equals(valuePerPoint.currency())) {
      throw new CurrencyMismatchException(SUBJECT, field, valuePerPoint.currency(), money.currency());
    }
  }

  /**
   * A policy with no limits but the defaults: at least 1 point per redemption, at most the whole
   * order value, no maximum, no minimum order value, one rate for every tier.
   *
   * @param valuePerPoint the money one point pays, &gt; 0
   * @return the policy
   * @throws LoyaltyException if the value is missing or not positive
   */
  public static RedemptionPolicy of(Money valuePerPoint) {
    return new RedemptionPolicy(valuePerPoint, Points.of(1), Optional.empty(), BigDecimal.ONE, Optional.empty(),
        List.of());
  }

  /**
   * {@return this policy with another minimum}
   *
   * @param minimum the fewest points one redemption may spend, &gt; 0 and ≤ the maximum if one is set
   * @throws LoyaltyException if the minimum is invalid
   */
  public RedemptionPolicy withMinimumPoints(Points minimum) {
    return new RedemptionPolicy(valuePerPoint, minimum, maximumPoints, maxShareOfOrder, minimumOrderValue, tierRates);
  }

  /**
   * {@return this policy with a maximum per redemption}
   *
   * @param maximum the most points one redemption may spend, ≥ the minimum
   * @throws LoyaltyException if the maximum is invalid
   */
  public RedemptionPolicy withMaximumPoints(Points maximum) {
    return new RedemptionPolicy(valuePerPoint, minimumPoints, Optional.of(Checks.present(SUBJECT, "maximumPoints",
        maximum)), maxShareOfOrder, minimumOrderValue, tierRates);
  }

  /**
   * {@return this policy with a cap on the share of the order value points may pay (折抵上限)}
   *
   * @param share 0 &lt; share ≤ 1 with at most 6 decimals, e.g. {@code 0.5} for half the order
   * @throws LoyaltyException if the share is invalid
   */
  public RedemptionPolicy withMaxShareOfOrder(BigDecimal share) {
    return new RedemptionPolicy(valuePerPoint, minimumPoints, maximumPoints, share, minimumOrderValue, tierRates);
  }

  /**
   * {@return this policy with a minimum order value}
   *
   * @param minimum the smallest order value points may pay against, &gt; 0, in the policy's currency
   * @throws LoyaltyException if the minimum is invalid
   */
  public RedemptionPolicy withMinimumOrderValue(Money minimum) {
    return new RedemptionPolicy(valuePerPoint, minimumPoints, maximumPoints, maxShareOfOrder,
        Optional.of(Checks.present(SUBJECT, "minimumOrderValue", minimum)), tierRates);
  }

  /**
   * {@return this policy with a rate of its own for members of one tier}
   *
   * @param tierCode the tier's code; the programme refuses a code its ladder does not have
   * @param valuePerPoint the money one point of such a member pays, &gt; 0, in the policy's currency
   * @throws LoyaltyException if the tier already has a rate, or the rate is invalid
   */
  public RedemptionPolicy withTierRate(String tierCode, Money valuePerPoint) {
    List<TierRate> rates = new ArrayList<>(tierRates);
    rates.add(new TierRate(tierCode, valuePerPoint));
    return new RedemptionPolicy(this.valuePerPoint, minimumPoints, maximumPoints, maxShareOfOrder, minimumOrderValue,
        rates);
  }

  /**
   * {@return the money one point of a member of that tier pays: the tier's own rate, else {@link
   * #valuePerPoint()}}
   *
   * @param tierCode a tier code
   */
  public Money valuePerPoint(String tierCode) {
    Checks.present(SUBJECT, "tierCode", tierCode);
    for (TierRate rate : tierRates) {
      if (rate.tierCode().equals(tierCode)) {
        return rate.valuePerPoint();
      }
    }
    return valuePerPoint;
  }

  /**
   * The rate of one tier.
   *
   * @param tierCode the tier's code
   * @param valuePerPoint the money one point of such a member pays, &gt; 0
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record TierRate(String tierCode, Money valuePerPoint) {
    /**
     * Validates every component.
     *
     * @param tierCode the tier's code
     * @param valuePerPoint the money one point of such a member pays, &gt; 0
     * @throws LoyaltyException if a component is invalid
     */
    public TierRate {
      Checks.nonBlank("redemption tier rate", "tierCode", tierCode);
      Checks.present("redemption tier rate", "valuePerPoint", valuePerPoint);
      Checks.check(valuePerPoint.isPositive(), "redemption tier rate", "valuePerPoint", valuePerPoint, "> 0");
    }
  }
}
