// Longer than 400 lines because every event kind is a record nested in the sealed interface that permits it (one place for the permits list, kind() and each event's checks and factories).
package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

// Longer than 400 lines because it is the sealed event API in one file: every kind of event is a record
// here, and each record documents its components twice (record and validating constructor).
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
        LoyaltyEvent.TierReview,
        LoyaltyEvent.StoreCreditSpent,
        LoyaltyEvent.StoreCreditSpendCancelled,
        LoyaltyEvent.DayStarted,
        LoyaltyEvent.CustomEvent {

  /** {@return the event's id, unique per kind of event; idempotency keys derive from it} */
  String eventId();

  /** {@return the member the event is about} */
  String memberId();

  /** {@return when the event happened (or the instant a periodic job runs as of)} */
  Instant occurredAt();

  /**
   * {@return a stable lower-case name of the event's kind, e.g. {@code order-paid}: the JSON form's
   * {@code kind} and the kind metrics report}
   */
  default String kind() {
    // One chain for every kind, in this sealed interface: Java 17 has no pattern switch.
    if (this instanceof OrderPaid) {
      return "order-paid";
    } else if (this instanceof OrderReturned) {
      return "order-returned";
    } else if (this instanceof MemberEnrolled) {
      return "member-enrolled";
    } else if (this instanceof PointsRedeemed) {
      return "points-redeemed";
    } else if (this instanceof RedemptionCancelled) {
      return "redemption-cancelled";
    } else if (this instanceof PendingReleased) {
      return "pending-released";
    } else if (this instanceof ExpiryRun) {
      return "expiry-run";
    } else if (this instanceof StoreCreditSpent) {
      return "store-credit-spent";
    } else if (this instanceof StoreCreditSpendCancelled) {
      return "store-credit-spend-cancelled";
    } else if (this instanceof DayStarted) {
      return "day-started";
    } else if (this instanceof CustomEvent) {
      return "custom-event";
    }
    return "tier-review";
  }

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
   * from the original awards, whatever the rules say today. The event names the order and the
   * returned units only: the engine finds what the order earned, line by line, in the member's
   * ledger (its base entry and the line shares of every entry it earned), so a host needs no copy of
   * the order. A line id the ledger did not record for the order (a typo, or a line outside the
   * earning base such as a gift card, which earned nothing) is refused, as is a quantity beyond
   * what was bought minus what earlier returns took back.
   *
   * @param eventId the return's id
   * @param memberId the member who paid the order
   * @param orderId the order's id, as paid (the id of its {@link OrderPaid})
   * @param lines the returned quantities, at most one entry per line id; empty for a whole return:
   *     every unit the ledger recorded for the order that no earlier return took back
   * @param occurredAt when the refund was made
   */
  record OrderReturned(String eventId, String memberId, String orderId, List<ReturnedLine> lines, Instant occurredAt)
      implements LoyaltyEvent {
    /**
     * Validates every component and that each line id is listed once.
     *
     * @param eventId the return's id
     * @param memberId the member who paid the order
     * @param orderId the order's id, as paid
     * @param lines the returned quantities, at most one entry per line id; empty for a whole return
     * @param occurredAt when the refund was made
     * @throws LoyaltyException if a component is invalid
     */
    public OrderReturned {
      checkCommon("order-returned event", eventId, memberId, occurredAt);
      Checks.nonBlank("order-returned event", "orderId", orderId);
      lines = Checks.elements("order-returned event", "lines", lines);
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < lines.size(); i++) {
        Checks.check(seen.add(lines.get(i).lineId()), "order-returned event", "lines[" + i + "].lineId",
            lines.get(i).lineId(), "a line id listed once");
      }
    }

    /**
     * Returns every unit of the order that no earlier return took back, as the ledger recorded them.
     *
     * @param eventId the return's id
     * @param memberId the member who paid the order
     * @param orderId the order's id
     * @param occurredAt when the refund was made
     * @return the event, with no lines listed
     */
    public static OrderReturned whole(String eventId, String memberId, String orderId, Instant occurredAt) {
      return new OrderReturned(eventId, memberId, orderId, List.of(), occurredAt);
    }

    /**
     * Returns every unit of the order that no earlier return took back: for a caller who holds the
     * order. The same event as {@link #whole(String, String, String, Instant)} with the order's ids.
     *
     * @param eventId the return's id
     * @param order the original order
     * @param occurredAt when the refund was made
     * @return the event, with no lines listed
     */
    public static OrderReturned whole(String eventId, Order order, Instant occurredAt) {
      Checks.present("order-returned event", "order", order);
      return whole(eventId, order.memberId(), order.id(), occurredAt);
    }

    /**
     * Returns some units of an order the caller holds, checked against it first: each line exists in
     * the order and its quantity is at most what was bought. (The engine checks again against the
     * ledger, which also knows what earlier returns took back.)
     *
     * @param eventId the return's id
     * @param order the original order
     * @param lines the returned quantities, at least one, at most one entry per line id
     * @param occurredAt when the refund was made
     * @return the event
     * @throws InvalidValueException if a line is missing from the order, listed twice or returns more
     *     units than were bought, or any argument is absent
     */
    public static OrderReturned of(String eventId, Order order, List<ReturnedLine> lines, Instant occurredAt) {
      Checks.present("order-returned event", "order", order);
      Checks.elements("order-returned event", "lines", lines);
      Checks.check(!lines.isEmpty(), "order-returned event", "lines", "[]", "at least one returned line");
      // One index, not Order.line per returned line: a return of every line of a large order stays linear.
      Map<String, OrderLine> byId = new HashMap<>();
      for (OrderLine l : order.lines()) {
        byId.put(l.lineId(), l);
      }
      for (int i = 0; i < lines.size(); i++) {
        ReturnedLine line = lines.get(i);
        OrderLine original = byId.get(line.lineId());
        if (original == null) {
          original = order.line(line.lineId()); // throws the order's own "a line id of order …" refusal
        }
        Checks.check(line.quantity() <= original.quantity(), "order-returned event", "lines[" + i + "].quantity",
            line.quantity(), "≤ " + original.quantity() + " bought on line " + line.lineId());
      }
      return new OrderReturned(eventId, order.memberId(), order.id(), lines, occurredAt);
    }

    /** {@return whether this return takes back every unit not yet returned (no lines listed)} */
    public boolean isWhole() {
      return lines.isEmpty();
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
   * The member spent points (as cash value at checkout). A redemption that names the order it pays
   * against ({@code checkout}) is bound by the programme's {@link RedemptionPolicy} order limits too
   * (share of the order value, minimum order value); one that names none (points exchanged for a
   * gift) by the point limits alone. Either way it may spend at most what {@link RedemptionQuotes}
   * quotes.
   *
   * @param eventId the redemption's id
   * @param memberId the member
   * @param points points to spend, positive
   * @param occurredAt when
   * @param checkout the order the points pay against, if any
   */
  record PointsRedeemed(String eventId, String memberId, Points points, Instant occurredAt, Optional<Checkout> checkout)
      implements LoyaltyEvent {
    /**
     * Validates every component.
     *
     * @param eventId the redemption's id
     * @param memberId the member
     * @param points points to spend, positive
     * @param occurredAt when
     * @param checkout the order the points pay against, if any
     * @throws LoyaltyException if a component is invalid
     */
    public PointsRedeemed {
      checkCommon("points-redeemed event", eventId, memberId, occurredAt);
      Checks.present("points-redeemed event", "points", points);
      Checks.check(points.isPositive(), "points-redeemed event", "points", points, "> 0");
      Checks.present("points-redeemed event", "checkout", checkout);
    }

    /**
     * A redemption against no order (points exchanged for a gift, or a host that checks order
     * limits itself): bound by the point limits of the {@link RedemptionPolicy} alone.
     *
     * @param eventId the redemption's id
     * @param memberId the member
     * @param points points to spend, positive
     * @param occurredAt when
     * @throws LoyaltyException if a component is invalid
     */
    public PointsRedeemed(String eventId, String memberId, Points points, Instant occurredAt) {
      this(eventId, memberId, points, occurredAt, Optional.empty());
    }

    /**
     * A redemption at checkout: the points pay against the order's {@link Order#total()}, at its
     * payment instant.
     *
     * @param eventId the redemption's id
     * @param order the order being paid, before the points are taken off
     * @param points points to spend, positive
     * @return the event
     * @throws LoyaltyException if an argument is invalid
     */
    public static PointsRedeemed atCheckout(String eventId, Order order, Points points) {
      Checks.present("points-redeemed event", "order", order);
      return new PointsRedeemed(eventId, order.memberId(), points, order.paidAt(),
          Optional.of(new Checkout(order.id(), order.total())));
    }
  }

  /**
   * The order a redemption pays against.
   *
   * @param orderId the order's id in the host system
   * @param orderValue the order value the points pay against, before they are taken off; ≥ 0
   */
  record Checkout(String orderId, Money orderValue) {
    /**
     * Validates every component.
     *
     * @param orderId the order's id in the host system
     * @param orderValue the order value the points pay against, ≥ 0
     * @throws LoyaltyException if a component is invalid
     */
    public Checkout {
      Checks.nonBlank("checkout", "orderId", orderId);
      Checks.present("checkout", "orderValue", orderValue);
      Checks.check(!orderValue.isNegative(), "checkout", "orderValue", orderValue, "≥ 0");
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

  /**
   * Something a member did that is not a purchase and a programme may reward: a daily check-in
   * (簽到), a product review, joining the shop's LINE official account, completing a profile. The
   * {@code type} names what happened; campaigns of kind {@code EVENT_BONUS} pay for a type, within
   * their per-member limits and budgets. Its id is the idempotency key: a redelivered event (same id)
   * pays nothing more.
   *
   * <p>Everything in it comes from outside (an app, a webhook), so it is bounded: the type is 1 to
   * {@value #MAX_TYPE_LENGTH} characters of {@code a-z}, {@code 0-9}, {@code -} and {@code _},
   * starting with a letter; at most {@value #MAX_ATTRIBUTES} attributes, each name 1 to {@value
   * #MAX_ATTRIBUTE_NAME_LENGTH} characters of {@code a-z}, {@code 0-9}, {@code -}, {@code _} and
   * {@code .} starting with a letter, each value at most {@value #MAX_ATTRIBUTE_VALUE_LENGTH}
   * characters without control, format (bidi, zero-width, tag) or line-separator characters or unpaired surrogates. The event id must not contain {@code :}, since it becomes part of
   * ledger keys.
   *
   * @param eventId the event's id, unique per event, without {@code :}
   * @param memberId the member
   * @param type what happened, e.g. {@code check-in}, {@code review}, {@code line-follow}
   * @param attributes details rules may read, e.g. {@code stars = 5}; sorted by name
   * @param occurredAt when it happened
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record CustomEvent(String eventId, String memberId, String type, Map<String, String> attributes, Instant occurredAt)
      implements LoyaltyEvent {
    /** The longest type, 40 characters. */
    public static final int MAX_TYPE_LENGTH = 40;
    /** The most attributes, 20. */
    public static final int MAX_ATTRIBUTES = 20;
    /** The longest attribute name, 40 characters. */
    public static final int MAX_ATTRIBUTE_NAME_LENGTH = 40;
    /** The longest attribute value, 200 characters. */
    public static final int MAX_ATTRIBUTE_VALUE_LENGTH = 200;
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_-]{0," + (MAX_TYPE_LENGTH - 1) + "}");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.-]{0," + (MAX_ATTRIBUTE_NAME_LENGTH - 1) + "}");
    private static final String SUBJECT = "custom event";
    /** What a valid type is, as refusals say it. */
    public static final String TYPE_RULE = "1 to " + MAX_TYPE_LENGTH + " of a-z, 0-9, '-', '_', starting with a letter";

    /**
     * Validates every component and copies the attributes, sorted by name.
     *
     * @param eventId the event's id, unique per event, without {@code :}
     * @param memberId the member
     * @param type what happened
     * @param attributes details rules may read
     * @param occurredAt when it happened
     * @throws LoyaltyException if a component is invalid
     */
    public CustomEvent {
      checkCommon(SUBJECT, eventId, memberId, occurredAt);
      Checks.check(eventId.indexOf(':') < 0, SUBJECT, "eventId", Checks.shown(eventId), "an id without ':'");
      Checks.present(SUBJECT, "type", type);
      Checks.check(isValidType(type), SUBJECT, "type", Checks.shown(type), TYPE_RULE);
      Checks.present(SUBJECT, "attributes", attributes);
      Checks.check(attributes.size() <= MAX_ATTRIBUTES, SUBJECT, "attributes.size", attributes.size(),
          "≤ " + MAX_ATTRIBUTES);
      TreeMap<String, String> copy = new TreeMap<>();
      for (Map.Entry<String, String> e : attributes.entrySet()) {
        String name = e.getKey();
        Checks.check(name != null && name.length() <= MAX_ATTRIBUTE_NAME_LENGTH && NAME.matcher(name).matches(),
            SUBJECT, "attributes.name", Checks.shown(name), "1 to " + MAX_ATTRIBUTE_NAME_LENGTH
                + " of a-z, 0-9, '-', '_', '.', starting with a letter");
        String value = e.getValue();
        Checks.check(value != null && value.length() <= MAX_ATTRIBUTE_VALUE_LENGTH && !hasControl(value), SUBJECT,
            "attributes[" + name + "]", Checks.shown(value), "a text of at most " + MAX_ATTRIBUTE_VALUE_LENGTH
                + " characters without control characters or unpaired surrogates");
        copy.put(name, value);
      }
      attributes = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * An event with no attributes.
     *
     * @param eventId the event's id
     * @param memberId the member
     * @param type what happened
     * @param occurredAt when it happened
     * @return the event
     * @throws LoyaltyException if an argument is invalid
     */
    public static CustomEvent of(String eventId, String memberId, String type, Instant occurredAt) {
      return new CustomEvent(eventId, memberId, type, Map.of(), occurredAt);
    }

    /**
     * {@return whether the text is a valid event type: {@value #TYPE_RULE}}
     *
     * @param type a candidate type; null is not valid
     */
    public static boolean isValidType(String type) {
      // Length before the pattern, so a huge text is never scanned.
      return type != null && type.length() <= MAX_TYPE_LENGTH && TYPE.matcher(type).matches();
    }

    /** Control characters forge lines in logs and exports; an unpaired surrogate has no UTF-8 form. */
    private static boolean hasControl(String text) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (Character.isSurrogate(c)
            && !(Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))) {
          return true;
        }
        int codePoint = text.codePointAt(i);
        // Rules may copy a value into reasons and notices: U+2028/U+2029 break lines as \n does, and
        // format characters (bidi overrides, zero-width, tag characters) make text read otherwise.
        int type = Character.getType(codePoint);
        if (Character.isISOControl(codePoint) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
            || type == Character.PARAGRAPH_SEPARATOR) {
          return true;
        }
        i += Character.charCount(codePoint) - 1;
      }
      return false;
    }
  }

  /**
   * The member spent store credit (購物金), 1:1 as money off an order. Takes unexpired credit lots
   * oldest first; never points.
   *
   * @param eventId the spend's id
   * @param memberId the member
   * @param amount the credit to spend, &gt; 0, in the programme currency
   * @param occurredAt when
   */
  record StoreCreditSpent(String eventId, String memberId, Money amount, Instant occurredAt) implements LoyaltyEvent {
    /**
     * Validates every component.
     *
     * @param eventId the spend's id
     * @param memberId the member
     * @param amount the credit to spend, &gt; 0
     * @param occurredAt when
     * @throws LoyaltyException if a component is invalid
     */
    public StoreCreditSpent {
      checkCommon("store-credit-spent event", eventId, memberId, occurredAt);
      Checks.present("store-credit-spent event", "amount", amount);
      Checks.check(amount.isPositive(), "store-credit-spent event", "amount", amount, "> 0");
    }
  }

  /**
   * A store-credit spend was cancelled (the order was voided): its credit goes back to the lots it
   * was taken from, keeping their expiry.
   *
   * @param eventId the cancellation's id
   * @param memberId the member
   * @param spendId the event id of the {@link StoreCreditSpent} being cancelled
   * @param occurredAt when
   */
  record StoreCreditSpendCancelled(String eventId, String memberId, String spendId, Instant occurredAt)
      implements LoyaltyEvent {
    /**
     * Validates every component.
     *
     * @param eventId the cancellation's id
     * @param memberId the member
     * @param spendId the event id of the {@link StoreCreditSpent} being cancelled
     * @param occurredAt when
     * @throws LoyaltyException if a component is invalid
     */
    public StoreCreditSpendCancelled {
      checkCommon("store-credit-spend-cancelled event", eventId, memberId, occurredAt);
      Checks.nonBlank("store-credit-spend-cancelled event", "spendId", spendId);
    }
  }

  /**
   * A local day started for a member: the calendar event that birthday-month points, birthday gifts and
   * enrolment anniversaries react to. A host sends one per member per local day (or only for members with
   * something due that day); each calendar reward is keyed by its period (the birthday year, the
   * anniversary), so sending a day twice, or every day of a month, pays it once. The engine refuses a
   * {@code date} that is not {@code occurredAt}'s local date in the programme's zone.
   *
   * @param eventId the event id, e.g. {@code day:2026-03-01:m-1}
   * @param memberId the member
   * @param date the local date that started, in the programme's zone
   * @param occurredAt the instant the day is decided as of, on {@code date} in the programme's zone
   */
  record DayStarted(String eventId, String memberId, java.time.LocalDate date, Instant occurredAt)
      implements LoyaltyEvent {
    /**
     * Validates every component.
     *
     * @param eventId the event id
     * @param memberId the member
     * @param date the local date that started
     * @param occurredAt the instant the day is decided as of
     * @throws LoyaltyException if a component is invalid
     */
    public DayStarted {
      checkCommon("day-started event", eventId, memberId, occurredAt);
      Checks.date("day-started event", "date", date);
    }
  }

  private static void checkCommon(String subject, String eventId, String memberId, Instant occurredAt) {
    Checks.nonBlank(subject, "eventId", eventId);
    Checks.nonBlank(subject, "memberId", memberId);
    Checks.instant(subject, "occurredAt", occurredAt);
  }
}
