package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * A business event the {@link LoyaltyEngine} decides on. Time always comes from the event (or, for
 * periodic jobs, the {@code asOf} instant the caller passes); the engine never reads a clock. Every
 * event's instant lies within {@link Limits}' instant range.
 *
 * <p>Every implementation is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public sealed interface LoyaltyEvent
    permits LoyaltyEvent.MemberEnrolled,
        LoyaltyEvent.OrderPaid,
        LoyaltyEvent.OrderReturned,
        LoyaltyEvent.PointsRedeemed,
        LoyaltyEvent.RedemptionCancelled,
        LoyaltyEvent.PendingReleased,
        LoyaltyEvent.ExpiryRun,
        LoyaltyEvent.TierReview {

  /** {@return the event's id, unique per kind of event; idempotency keys derive from it} */
  String eventId();

  /** {@return the member the event is about} */
  String memberId();

  /** {@return when the event happened (or the instant a periodic job runs as of)} */
  Instant occurredAt();

  /**
   * A member joined the programme (welcome bonus).
   *
   * @param eventId the event id
   * @param memberId the member
   * @param occurredAt when they joined
   */
  record MemberEnrolled(String eventId, String memberId, Instant occurredAt) implements LoyaltyEvent {
    /**
     * Validates every component.
     *
     * @param eventId the event id
     * @param memberId the member
     * @param occurredAt when they joined
     * @throws LoyaltyException if a component is invalid
     */
    public MemberEnrolled {
      checkCommon("member-enrolled event", eventId, memberId, occurredAt);
    }
  }

  /**
   * An order was paid (earning, campaigns, bonuses, tier upgrade, referral bonus).
   *
   * @param order the paid order; its id is the event id and its paid-at instant the event time
   */
  record OrderPaid(Order order) implements LoyaltyEvent {
    /**
     * Validates the order is present.
     *
     * @param order the paid order; its id is the event id and its paid-at instant the event time
     * @throws LoyaltyException if a component is invalid
     */
    public OrderPaid {
      Checks.present("order-paid event", "order", order);
    }

    @Override
    public String eventId() {
      return order.id();
    }

    @Override
    public String memberId() {
      return order.memberId();
    }

    @Override
    public Instant occurredAt() {
      return order.paidAt();
    }
  }

  /**
   * Some or all units of a paid order came back. The points those units earned are clawed back
   * from the original awards, whatever the rules say today.
   *
   * @param eventId the return's id
   * @param order the original order, as paid
   * @param lines the returned quantities, at most one entry per line id
   * @param occurredAt when the refund was made
   */
  record OrderReturned(String eventId, Order order, List<ReturnedLine> lines, Instant occurredAt)
      implements LoyaltyEvent {
    /**
     * Validates every component and that each line exists in the order with enough quantity.
     *
     * @param eventId the return's id
     * @param order the original order, as paid
     * @param lines the returned quantities, at most one entry per line id
     * @param occurredAt when the refund was made
     * @throws LoyaltyException if a component is invalid
     */
    public OrderReturned {
      Checks.nonBlank("order-returned event", "eventId", eventId);
      Checks.present("order-returned event", "order", order);
      Checks.instant("order-returned event", "occurredAt", occurredAt);
      Checks.present("order-returned event", "lines", lines);
      Checks.check(!lines.isEmpty(), "order-returned event", "lines", "[]", "at least one returned line");
      java.util.Set<String> seen = new java.util.HashSet<>();
      // One index, not Order.line per returned line: a return of every line of a large order stays linear.
      java.util.Map<String, OrderLine> byId = new java.util.HashMap<>();
      for (OrderLine l : order.lines()) {
        byId.put(l.lineId(), l);
      }
      for (int i = 0; i < lines.size(); i++) {
        ReturnedLine line = Checks.present("order-returned event", "lines[" + i + "]", lines.get(i));
        Checks.check(seen.add(line.lineId()), "order-returned event", "lines[" + i + "].lineId", line.lineId(), "a line id listed once");
        OrderLine original = byId.get(line.lineId());
        if (original == null) {
          original = order.line(line.lineId()); // throws the order's own "a line id of order …" refusal
        }
        Checks.check(line.quantity() <= original.quantity(), "order-returned event", "lines[" + i + "].quantity",
            line.quantity(), "≤ " + original.quantity() + " bought on line " + line.lineId());
      }
      lines = List.copyOf(lines);
    }

    /**
     * Returns every unit of every line.
     *
     * @param eventId the return's id
     * @param order the original order
     * @param occurredAt when the refund was made
     * @return the event
     */
    public static OrderReturned whole(String eventId, Order order, Instant occurredAt) {
      Checks.present("order-returned event", "order", order);
      return new OrderReturned(eventId, order,
          order.lines().stream().map(l -> new ReturnedLine(l.lineId(), l.quantity())).toList(), occurredAt);
    }

    @Override
    public String memberId() {
      return order.memberId();
    }
  }

  /**
   * Units of one order line that came back.
   *
   * @param lineId the order line's id
   * @param quantity units returned, ≥ 1
   */
  record ReturnedLine(String lineId, int quantity) {
    /**
     * Validates every component.
     *
     * @param lineId the order line's id
     * @param quantity units returned, ≥ 1
     * @throws LoyaltyException if a component is invalid
     */
    public ReturnedLine {
      Checks.nonBlank("returned line", "lineId", lineId);
      Checks.check(quantity >= 1, "returned line", "quantity", quantity, "≥ 1");
    }
  }

  /**
   * The member spent points (as cash value at checkout).
   *
   * @param eventId the redemption's id
   * @param memberId the member
   * @param points points to spend, positive
   * @param occurredAt when
   */
  record PointsRedeemed(String eventId, String memberId, Points points, Instant occurredAt) implements LoyaltyEvent {
    /**
     * Validates every component.
     *
     * @param eventId the redemption's id
     * @param memberId the member
     * @param points points to spend, positive
     * @param occurredAt when
     * @throws LoyaltyException if a component is invalid
     */
    public PointsRedeemed {
      checkCommon("points-redeemed event", eventId, memberId, occurredAt);
      Checks.present("points-redeemed event", "points", points);
      Checks.check(points.isPositive(), "points-redeemed event", "points", points, "> 0");
    }
  }

  /**
   * A redemption was cancelled and its points go back to the member.
   *
   * @param eventId the cancellation's id
   * @param memberId the member
   * @param redemptionId the event id of the {@link PointsRedeemed} being cancelled
   * @param occurredAt when
   */
  record RedemptionCancelled(String eventId, String memberId, String redemptionId, Instant occurredAt)
      implements LoyaltyEvent {
    /**
     * Validates every component.
     *
     * @param eventId the cancellation's id
     * @param memberId the member
     * @param redemptionId the event id of the {@link PointsRedeemed} being cancelled
     * @param occurredAt when
     * @throws LoyaltyException if a component is invalid
     */
    public RedemptionCancelled {
      checkCommon("redemption-cancelled event", eventId, memberId, occurredAt);
      Checks.nonBlank("redemption-cancelled event", "redemptionId", redemptionId);
    }
  }

  /**
   * The points an order earned may be released before their pending period ends (for example the
   * order was delivered and the return window closed early).
   *
   * @param eventId the release's id
   * @param memberId the member
   * @param orderId the order whose pending points are released
   * @param occurredAt when
   */
  record PendingReleased(String eventId, String memberId, String orderId, Instant occurredAt) implements LoyaltyEvent {
    /**
     * Validates every component.
     *
     * @param eventId the release's id
     * @param memberId the member
     * @param orderId the order whose pending points are released
     * @param occurredAt when
     * @throws LoyaltyException if a component is invalid
     */
    public PendingReleased {
      checkCommon("pending-released event", eventId, memberId, occurredAt);
      Checks.nonBlank("pending-released event", "orderId", orderId);
    }
  }

  /**
   * A periodic job expires the member's lots whose expiry is at or before {@code occurredAt}.
   *
   * @param eventId the run's id
   * @param memberId the member
   * @param occurredAt the instant the run is as of
   */
  record ExpiryRun(String eventId, String memberId, Instant occurredAt) implements LoyaltyEvent {
    /**
     * Validates every component.
     *
     * @param eventId the run's id
     * @param memberId the member
     * @param occurredAt the instant the run is as of
     * @throws LoyaltyException if a component is invalid
     */
    public ExpiryRun {
      checkCommon("expiry-run event", eventId, memberId, occurredAt);
    }
  }

  /**
   * A periodic job reviews the member's tier as of {@code occurredAt} (upgrade or downgrade).
   *
   * @param eventId the review's id
   * @param memberId the member
   * @param occurredAt the instant the review is as of
   */
  record TierReview(String eventId, String memberId, Instant occurredAt) implements LoyaltyEvent {
    /**
     * Validates every component.
     *
     * @param eventId the review's id
     * @param memberId the member
     * @param occurredAt the instant the review is as of
     * @throws LoyaltyException if a component is invalid
     */
    public TierReview {
      checkCommon("tier-review event", eventId, memberId, occurredAt);
    }
  }

  private static void checkCommon(String subject, String eventId, String memberId, Instant occurredAt) {
    Checks.nonBlank(subject, "eventId", eventId);
    Checks.nonBlank(subject, "memberId", memberId);
    Checks.instant(subject, "occurredAt", occurredAt);
  }
}
