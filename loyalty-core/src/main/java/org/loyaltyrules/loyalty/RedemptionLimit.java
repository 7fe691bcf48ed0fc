package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * One limit that binds a {@link RedemptionQuote}: which limit, its figure, the most points it lets
 * one redemption use, and a sentence a member or a cashier can read.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param kind which limit
 * @param figure the limit's own figure, as {@link Kind} describes per kind (points, a share, or an
 *     amount in the programme's currency)
 * @param maximum the most points this limit lets the redemption use, ≥ 0
 * @param reason a sentence naming the limit and its figure
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RedemptionLimit(Kind kind, BigDecimal figure, Points maximum, String reason) {

  /** The limits a redemption can meet, in the order a request is checked against them. */
  @API(status = EXPERIMENTAL, since = "0.1")
  public enum Kind {
    /** Fewer points than the policy's minimum per redemption; figure: that minimum. */
    MIN_POINTS("min-points"),
    /** The order is below the policy's minimum order value; figure: that minimum amount. */
    MIN_ORDER_VALUE("min-order-value"),
    /** The programme's most points per decision; figure: that maximum. */
    MAX_POINTS_PER_DECISION("max-points-per-decision"),
    /** The policy's most points per redemption; figure: that maximum. */
    MAX_POINTS("max-points"),
    /** The policy's largest share of the order value (折抵上限); figure: the share, e.g. 0.5. */
    MAX_SHARE_OF_ORDER("max-share-of-order"),
    /** The largest amount money can hold (a redemption named no order); figure: that amount. */
    MONEY_RANGE("money-range"),
    /** The member's available points at the instant; figure: those points. */
    AVAILABLE_POINTS("available-points");

    private final String code;

    Kind(String code) {
      this.code = code;
    }

    /** {@return the stable lower-case code, e.g. {@code max-share-of-order}, for messages and JSON} */
    public String code() {
      return code;
    }

    /**
     * {@return the kind with that code}
     *
     * @param code a code as {@link #code()} gives it
     * @throws InvalidValueException if no kind has that code
     */
    public static Kind ofCode(String code) {
      Checks.present("redemption limit", "kind", code);
      for (Kind kind : values()) {
        if (kind.code.equals(code)) {
          return kind;
        }
      }
      throw new InvalidValueException("redemption limit", "kind", code, "one of min-points, min-order-value, "
          + "max-points-per-decision, max-points, max-share-of-order, money-range, available-points");
    }
  }

  /**
   * Validates every component.
   *
   * @param kind which limit
   * @param figure the limit's own figure
   * @param maximum the most points this limit lets the redemption use, ≥ 0
   * @param reason a sentence naming the limit and its figure
   * @throws LoyaltyException if a component is invalid
   */
  public RedemptionLimit {
    Checks.present("redemption limit", "kind", kind);
    Checks.decimal("redemption limit", "figure", figure);
    Checks.present("redemption limit", "maximum", maximum);
    Checks.check(!maximum.isNegative(), "redemption limit", "maximum", maximum, "≥ 0");
    Checks.nonBlank("redemption limit", "reason", reason);
  }
}
