package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.RedemptionLimit.Kind;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * Quotes how many points can pay an order under the programme's {@link RedemptionPolicy}, and
 * checks a redemption against the same limits: the redemption decision ({@link
 * LedgerOnlyDecisions}) calls {@link #check} with the very assessment {@link #quote} reports, so a
 * quote and a decision never disagree. Needs no rule base: a host without Drools quotes with this
 * class alone; {@code LoyaltyRulesEngine.quote} delegates to it.
 *
 * <p>The limits, for a member of tier {@code t} at rate {@code r = policy.valuePerPoint(t)}:
 *
 * <ul>
 *   <li>{@code max-points-per-decision}: the programme's {@link Programme#maxPointsPerDecision()};
 *   <li>{@code max-points}: the policy's maximum, if set;
 *   <li>{@code max-share-of-order} (an order named): {@code ⌊orderValue × share ÷ r⌋} points, so
 *       their value never exceeds the share of the order value;
 *   <li>{@code money-range} (no order named): the points whose value money can still hold;
 *   <li>{@code available-points}: the member's {@link PointLedger#available(Instant)} at the instant
 *       (pending points are not available; a debt counts as none);
 *   <li>{@code min-order-value} (an order named, the policy sets one): an order below it can use no
 *       points;
 *   <li>{@code min-points}: when the limits above leave fewer than the minimum, none can be used.
 * </ul>
 *
 * <p>Against a named order (an {@link Order}, or a redemption's {@link LoyaltyEvent.Checkout}),
 * {@code max-points} and {@code max-share-of-order} bound the order's total: the points already
 * redeemed against that order id ({@link PointLedger#redeemedAgainst}, net of cancellations) are
 * taken off them, so splitting a redemption gains nothing. The order value overload names no order
 * id, so it cannot see earlier redemptions and quotes one redemption alone.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RedemptionQuotes {
  private static final String SUBJECT = "redemption quote";

  private RedemptionQuotes() {}

  /**
   * Quotes the most points that can pay an order, at its payment instant, against its {@link
   * Order#total()} (the order value before the points are taken off).
   *
   * @param programme the programme (its redemption policy and sanity limits)
   * @param state the member (whose tier picks the rate) and their ledger
   * @param order the order at checkout, of that member, in the programme's currency
   * @return the quote
   * @throws InvalidValueException if an argument is missing or the order is another member's
   * @throws CurrencyMismatchException if the order is in another currency than the programme
   */
  public static RedemptionQuote quote(Programme programme, MemberState state, Order order) {
    Checks.present(SUBJECT, "order", order);
    Checks.present(SUBJECT, "state", state);
    Checks.check(order.memberId().equals(state.member().id()), SUBJECT, "order.memberId", order.memberId(),
        "the state's member " + state.member().id());
    return assess(programme, state, Optional.of(order.total()), Optional.of(order.id()), order.paidAt()).quote();
  }

  /**
   * Quotes the most points one redemption can use at an instant, against an order value or none.
   *
   * @param programme the programme (its redemption policy and sanity limits)
   * @param state the member (whose tier picks the rate) and their ledger
   * @param orderValue the order value the points pay against, ≥ 0; empty: no order (the order limits
   *     do not apply)
   * @param at the instant of the redemption, in {@link Limits}' range
   * @return the quote
   * @throws InvalidValueException if an argument is missing or out of range
   * @throws CurrencyMismatchException if the order value is in another currency than the programme
   */
  public static RedemptionQuote quote(Programme programme, MemberState state, Optional<Money> orderValue, Instant at) {
    return assess(programme, state, orderValue, Optional.empty(), at).quote();
  }

  /**
   * Checks one redemption against the limits {@link #quote} reports for it: accepted exactly when
   * it asks for at least the minimum and at most the quoted points.
   *
   * @param programme the programme
   * @param state the member and their ledger
   * @param event the redemption, of that member
   * @return the quote the redemption was checked against
   * @throws RedemptionLimitException if a policy limit refuses it (minimum, maximum, share of the
   *     order value, minimum order value, the value money can hold)
   * @throws LimitExceededException if it asks for more than the programme decides at once
   * @throws InsufficientPointsException if it asks for more points than are available
   * @throws InvalidValueException if an argument is missing
   * @throws CurrencyMismatchException if the checkout's order value is in another currency
   */
  public static RedemptionQuote check(Programme programme, MemberState state, LoyaltyEvent.PointsRedeemed event) {
    Checks.present(SUBJECT, "event", event);
    Assessment a = assess(programme, state, event.checkout().map(LoyaltyEvent.Checkout::orderValue),
        event.checkout().map(LoyaltyEvent.Checkout::orderId), event.occurredAt());
    Points requested = event.points();
    String subject = "points-redeemed event";
    if (requested.compareTo(a.minimum) < 0) {
      RedemptionLimit min = new RedemptionLimit(Kind.MIN_POINTS, BigDecimal.valueOf(a.minimum.value()), Points.ZERO,
          "at least " + a.minimum + " points per redemption");
      throw new RedemptionLimitException(subject, "points", requested, "≥ " + a.minimum, min, requested);
    }
    if (a.minOrderValue != null) {
      throw new RedemptionLimitException(subject, "checkout.orderValue", a.orderValue.orElseThrow(),
          "≥ " + a.minOrderValue.figure().toPlainString() + " " + programme.currency().getCurrencyCode(),
          a.minOrderValue, requested);
    }
    for (RedemptionLimit limit : a.upper) {
      if (requested.compareTo(limit.maximum()) > 0) {
        if (limit.kind() == Kind.AVAILABLE_POINTS) {
          throw new InsufficientPointsException(state.member().id(), "points", requested, limit.maximum());
        } else if (limit.kind() == Kind.MAX_POINTS_PER_DECISION) {
          throw new LimitExceededException(subject, "points", requested, "maxPointsPerDecision",
              limit.maximum().toString());
        }
        throw new RedemptionLimitException(subject, "points", requested, "≤ " + limit.maximum(), limit, requested);
      }
    }
    return a.quote();
  }

  /** Every limit evaluated for one redemption; the quote and the check both read it. */
  private static final class Assessment {
    final Money rate;
    final Points minimum;
    final Optional<Money> orderValue;
    /** The upper bounds, in the order a request is checked against them. */
    final List<RedemptionLimit> upper = new ArrayList<>();
    /** The minimum order value when the order is below it, else null. */
    RedemptionLimit minOrderValue;

    Assessment(Money rate, Points minimum, Optional<Money> orderValue) {
      this.rate = rate;
      this.minimum = minimum;
      this.orderValue = orderValue;
    }

    RedemptionQuote quote() {
      long most = Long.MAX_VALUE;
      for (RedemptionLimit limit : upper) {
        most = Math.min(most, limit.maximum().value());
      }
      List<RedemptionLimit> binding = new ArrayList<>();
      long points;
      if (minOrderValue != null) {
        binding.add(minOrderValue);
        points = 0;
      } else {
        for (RedemptionLimit limit : upper) {
          if (limit.maximum().value() == most) {
            binding.add(limit);
          }
        }
        points = most;
        if (most < minimum.value()) {
          binding.add(new RedemptionLimit(Kind.MIN_POINTS, BigDecimal.valueOf(minimum.value()), Points.ZERO,
              "at least " + minimum + " points per redemption, and only " + most + " are usable"));
          points = 0;
        }
      }
      Money value = rate.multipliedBy(BigDecimal.valueOf(points), RoundingMode.DOWN);
      return new RedemptionQuote(Points.of(points), value, rate, minimum, orderValue, binding);
    }
  }

  private static Assessment assess(Programme programme, MemberState state, Optional<Money> orderValue,
      Optional<String> orderId, Instant at) {
    Checks.present(SUBJECT, "programme", programme);
    Checks.present(SUBJECT, "state", state);
    Checks.present(SUBJECT, "orderValue", orderValue);
    Checks.instant(SUBJECT, "at", at);
    RedemptionPolicy policy = programme.redemption();
    String tier = state.member().tierCode();
    Money rate = policy.valuePerPoint(tier);
    Assessment a = new Assessment(rate, policy.minimumPoints(), orderValue);
    String code = programme.currency().getCurrencyCode();
    if (orderValue.isPresent()) {
      Money order = Checks.present(SUBJECT, "orderValue", orderValue.get());
      if (!order.currency().equals(programme.currency())) {
        throw new CurrencyMismatchException(SUBJECT, "orderValue", programme.currency(), order.currency());
      }
      Checks.check(!order.isNegative(), SUBJECT, "orderValue", order, "≥ 0");
      if (policy.minimumOrderValue().isPresent() && order.isLessThan(policy.minimumOrderValue().get())) {
        Money min = policy.minimumOrderValue().get();
        a.minOrderValue = new RedemptionLimit(Kind.MIN_ORDER_VALUE, min.amount(), Points.ZERO,
            "points pay only orders of at least " + min + "; this order is " + order);
      }
    }
    // Points already redeemed against this order count towards its order limits (no split gains).
    long already = orderId.isPresent() ? state.ledger().redeemedAgainst(orderId.get()).value() : 0;
    String earlier = already == 0 ? "" : "; " + already + " already redeemed against order " + orderId.get()
        + " leave " ;
    Points perDecision = programme.maxPointsPerDecision();
    a.upper.add(new RedemptionLimit(Kind.MAX_POINTS_PER_DECISION, BigDecimal.valueOf(perDecision.value()), perDecision,
        "the programme decides at most " + perDecision + " points at once (maxPointsPerDecision)"));
    policy.maximumPoints().ifPresent(max -> {
      long left = Math.max(0, max.value() - already);
      a.upper.add(new RedemptionLimit(Kind.MAX_POINTS, BigDecimal.valueOf(max.value()), Points.of(left),
          "at most " + max + (orderId.isPresent() ? " points per order" : " points per redemption")
              + (already == 0 ? "" : earlier + left)));
    });
    if (orderValue.isPresent()) {
      Money order = orderValue.get();
      BigDecimal share = policy.maxShareOfOrder();
      BigDecimal cap = order.amount().multiply(share);
      long points = pointsWithin(cap, rate);
      long left = Math.max(0, points - already);
      a.upper.add(new RedemptionLimit(Kind.MAX_SHARE_OF_ORDER, share, Points.of(left), "points may pay at most "
          + percent(share) + " of the order value " + order + " (" + cap.stripTrailingZeros().toPlainString() + " "
          + code + "); at " + rate + " a point that is " + points + " points" + (already == 0 ? "" : earlier + left)));
    } else {
      BigDecimal max = Money.maximum(programme.currency());
      a.upper.add(new RedemptionLimit(Kind.MONEY_RANGE, max, Points.of(pointsWithin(max, rate)),
          "the points' value must stay within " + max.toPlainString() + " " + code + ", the most money can hold"));
    }
    Points available = state.ledger().available(at);
    Points usable = available.isNegative() ? Points.ZERO : available;
    a.upper.add(new RedemptionLimit(Kind.AVAILABLE_POINTS, BigDecimal.valueOf(usable.value()), usable,
        "the member has " + usable + " points available at " + at
            + (available.isNegative() ? " (a debt of " + available.negated() + " counts as none)" : "")));
    return a;
  }

  /** {@return the most whole points whose value at {@code rate} stays at or below {@code amount}} */
  private static long pointsWithin(BigDecimal amount, Money rate) {
    BigDecimal points = amount.divide(rate.amount(), 0, RoundingMode.DOWN);
    return points.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? Long.MAX_VALUE : points.longValueExact();
  }

  /** {@return the share as a percentage, e.g. {@code 50%} or {@code 33.3333%}} */
  private static String percent(BigDecimal share) {
    return share.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
  }
}
