package org.loyaltyrules.loyalty.examples.shop;

import org.loyaltyrules.loyalty.LoyaltyException;

/**
 * A request reused the id of one already accepted, with different content (HTTP 409, code
 * {@code duplicate-event}, like the library's {@link org.loyaltyrules.loyalty.DuplicateEventException}).
 * The same id with the same content is a harmless retry and never throws this.
 */
final class ConflictingRequestException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String value;

  ConflictingRequestException(String field, String value, String stored, String attempted) {
    super("duplicate-event", "Duplicate event: " + field + " [" + value + "] was used with different content; expected "
        + cut(stored) + " but got " + cut(attempted));
    this.field = field;
    this.value = value;
  }

  /** Stored content can be a whole order: the message shows its start only. */
  private static String cut(String content) {
    return content.length() <= 200 ? content : content.substring(0, 200) + "…";
  }

  String field() {
    return field;
  }

  String value() {
    return value;
  }
}
