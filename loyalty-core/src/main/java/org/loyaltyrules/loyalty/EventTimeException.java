package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import org.apiguardian.api.API;

/**
 * An event is dated before what it refers to: an order paid before the member enrolled, a return
 * before its order was paid, a redemption before enrolment, a cancellation before its redemption, a
 * pending release before its order, an expiry run or tier review before enrolment. The event was
 * refused and nothing was decided. The message has the shape {@code Invalid order-paid event:
 * order.paidAt [2026-04-30T16:00:00Z]; expected not before the member's enrolment at
 * 2026-05-31T16:00:00Z}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class EventTimeException extends InvalidValueException {
  private static final long serialVersionUID = 1L;

  /** The code of every such refusal. */
  public static final String CODE = "event-before-reference";

  /** The event's time. */
  private final Instant at;
  /** What the event must not precede, e.g. {@code the member's enrolment}. */
  private final String reference;
  /** The earliest time the event may have. */
  private final Instant notBefore;

  /**
   * Creates the exception.
   *
   * @param subject what was being checked, e.g. {@code order-paid event}
   * @param field the event's time field, e.g. {@code order.paidAt}
   * @param at the event's time
   * @param reference what it must not precede, e.g. {@code the member's enrolment}
   * @param notBefore when that happened
   */
  public EventTimeException(String subject, String field, Instant at, String reference, Instant notBefore) {
    super(CODE, subject, field, at, "not before " + reference + " at " + notBefore);
    this.at = at;
    this.reference = reference;
    this.notBefore = notBefore;
  }

  /** {@return the event's time} */
  public Instant at() {
    return at;
  }

  /** {@return what the event must not precede, e.g. {@code the member's enrolment}} */
  public String reference() {
    return reference;
  }

  /** {@return the earliest time the event may have} */
  public Instant notBefore() {
    return notBefore;
  }
}
