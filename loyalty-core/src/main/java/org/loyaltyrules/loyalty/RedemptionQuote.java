package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * How many points can pay an order, and what they are worth: the answer of {@link
 * RedemptionQuotes#quote}. A redemption of {@code points} (or of any number from {@code
 * minimumPoints} up to it) is accepted as it stands; one more point is refused by each of the
 * {@code limits}, which are the ones that set the figure (the binding limits).
 *
 * <p>The value is {@code points × valuePerPoint} rounded down to the currency's minor unit; as a
 * rate is itself in minor units, no rounding ever happens, and the value is exact.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param points the most points usable, ≥ 0 (0: none can be used, the limits say why)
 * @param value what those points pay, {@code points × valuePerPoint}
 * @param valuePerPoint the rate applied: the member's tier rate, else the policy's
 * @param minimumPoints the fewest points one redemption may spend
 * @param orderValue the order value the points pay against; empty for a redemption named against
 *     no order
 * @param limits the binding limits, at least one
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RedemptionQuote(
    Points points,
    Money value,
    Money valuePerPoint,
    Points minimumPoints,
    Optional<Money> orderValue,
    List<RedemptionLimit> limits) {

  private static final String SUBJECT = "redemption quote";

  /**
   * Validates every component: the value is the points at the rate, never above the order value.
   *
   * @param points the most points usable, ≥ 0
   * @param value what those points pay, {@code points × valuePerPoint}
   * @param valuePerPoint the rate applied, &gt; 0
   * @param minimumPoints the fewest points one redemption may spend, &gt; 0
   * @param orderValue the order value the points pay against, in the rate's currency; empty for none
   * @param limits the binding limits, at least one
   * @throws LoyaltyException if a component is invalid or they disagree
   */
  public RedemptionQuote {
    Checks.present(SUBJECT, "points", points);
    Checks.check(!points.isNegative(), SUBJECT, "points", points, "≥ 0");
    Checks.present(SUBJECT, "value", value);
    Checks.present(SUBJECT, "valuePerPoint", valuePerPoint);
    Checks.check(valuePerPoint.isPositive(), SUBJECT, "valuePerPoint", valuePerPoint, "> 0");
    Checks.present(SUBJECT, "minimumPoints", minimumPoints);
    Checks.check(minimumPoints.isPositive(), SUBJECT, "minimumPoints", minimumPoints, "> 0");
    Checks.check(points.isZero() || points.compareTo(minimumPoints) >= 0, SUBJECT, "points", points,
        "0 or ≥ minimumPoints " + minimumPoints);
    Money expected = valuePerPoint.multipliedBy(BigDecimal.valueOf(points.value()), RoundingMode.DOWN);
    if (!value.currency().equals(valuePerPoint.currency())) {
      throw new CurrencyMismatchException(SUBJECT, "value", valuePerPoint.currency(), value.currency());
    }
    Checks.check(value.equals(expected), SUBJECT, "value", value, expected + " (points × valuePerPoint)");
    Checks.present(SUBJECT, "orderValue", orderValue);
    if (orderValue.isPresent()) {
      Money order = Checks.present(SUBJECT, "orderValue", orderValue.get());
      if (!order.currency().equals(valuePerPoint.currency())) {
        throw new CurrencyMismatchException(SUBJECT, "orderValue", valuePerPoint.currency(), order.currency());
      }
      Checks.check(!value.isGreaterThan(order), SUBJECT, "value", value, "≤ the order value " + order);
    }
    limits = Checks.elements(SUBJECT, "limits", limits);
    Checks.check(!limits.isEmpty(), SUBJECT, "limits", "[]", "at least one binding limit");
  }

  /** {@return whether any points can be used: {@code points > 0}} */
  public boolean isUsable() {
    return points.isPositive();
  }

  /**
   * {@return the binding limit of that kind, if it binds}
   *
   * @param kind a kind of limit
   */
  public Optional<RedemptionLimit> limit(RedemptionLimit.Kind kind) {
    Checks.present(SUBJECT, "kind", kind);
    return limits.stream().filter(l -> l.kind() == kind).findFirst();
  }
}
