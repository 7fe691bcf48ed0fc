package org.loyaltyrules.loyalty.rules.facts;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * One attribute of the {@link CustomEventFact} being evaluated, such as {@code stars = 5} on a
 * review: {@code AttributeFact( name == "stars", value == "5" )}. Values are texts as the host sent
 * them (at most 200 characters); compare them as texts. Immutable.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class AttributeFact {
  private final String name;
  private final String value;

  /**
   * Engine only. Rules cannot call this constructor: the rule checks refuse {@code new} of fact
   * classes, and {@link Decisions} refuses any fact instance the engine did not insert.
   *
   * @param name the attribute's name
   * @param value the attribute's value
   */
  @API(status = INTERNAL, since = "0.1")
  public AttributeFact(String name, String value) {
    this.name = name;
    this.value = value;
  }

  /** {@return the attribute's name, e.g. {@code stars}} */
  public String getName() {
    return name;
  }

  /** {@return the attribute's value, e.g. {@code 5}} */
  public String getValue() {
    return value;
  }

  @Override
  public String toString() {
    return "AttributeFact[" + name + "=" + value + "]";
  }
}
