package org.loyaltyrules.loyalty.rules.facts;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.LocalDate;
import org.apiguardian.api.API;

/**
 * The kind of event being evaluated, so rules for one event do not fire on another: {@code
 * EventFact( kind == EventKind.ORDER_PAID )}. The kinds are the constants of {@link EventKind}.
 * Immutable.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class EventFact {
  private final EventKind kind;
  private final String id;
  private final LocalDate localDate;

  /**
   * Engine only. Rules cannot call this constructor: the rule checks refuse {@code new} of fact
   * classes, and {@link Decisions} refuses any fact instance the engine did not insert for the
   * evaluation at hand, even one equal to it.
   *
   * @param kind the event kind
   * @param id the event id
   * @param localDate the event's local date in the programme's zone
   */
  @API(status = INTERNAL, since = "0.1")
  public EventFact(EventKind kind, String id, LocalDate localDate) {
    this.kind = kind;
    this.id = id;
    this.localDate = localDate;
  }

  /** {@return the event kind, e.g. {@link EventKind#ORDER_PAID}} */
  public EventKind getKind() {
    return kind;
  }

  /** {@return the event id} */
  public String getId() {
    return id;
  }

  /** {@return the event's local date} */
  public LocalDate getLocalDate() {
    return localDate;
  }

  @Override
  public String toString() {
    return "EventFact[" + kind + ", " + id + "]";
  }
}
