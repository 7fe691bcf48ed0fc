package org.loyaltyrules.loyalty.rules.facts;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.LocalDate;
import org.apiguardian.api.API;

/**
 * The custom event being evaluated (a check-in, a review, joining the LINE official account…):
 * {@code CustomEventFact( type == "review" )}. Its attributes are separate {@link AttributeFact}s,
 * matched by name and value, so rules read them with plain property constraints and no method
 * call. Immutable.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CustomEventFact {
  private final String id;
  private final String type;
  private final LocalDate localDate;
  private final int attributeCount;

  /**
   * Engine only. Rules cannot call this constructor: the rule checks refuse {@code new} of fact
   * classes, and {@link Decisions} refuses any fact instance the engine did not insert.
   *
   * @param id the event id
   * @param type the event type
   * @param localDate the event's local date in the programme's zone
   * @param attributeCount how many attributes the event carries
   */
  @API(status = INTERNAL, since = "0.1")
  public CustomEventFact(String id, String type, LocalDate localDate, int attributeCount) {
    this.id = id;
    this.type = type;
    this.localDate = localDate;
    this.attributeCount = attributeCount;
  }

  /** {@return the event id} */
  public String getId() {
    return id;
  }

  /** {@return the event type, e.g. {@code check-in}} */
  public String getType() {
    return type;
  }

  /** {@return the event's local date in the programme's zone} */
  public LocalDate getLocalDate() {
    return localDate;
  }

  /** {@return how many attributes the event carries (each is an {@link AttributeFact})} */
  public int getAttributeCount() {
    return attributeCount;
  }

  @Override
  public String toString() {
    return "CustomEventFact[" + type + ", " + id + "]";
  }
}
