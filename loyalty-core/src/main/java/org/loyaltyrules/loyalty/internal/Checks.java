package org.loyaltyrules.loyalty.internal;

import java.util.Objects;
import org.loyaltyrules.loyalty.InvalidValueException;

/** Argument checks shared by the value types. Not part of the public API. */
public final class Checks {
  private Checks() {}

  /** Fails with a named field when {@code value} is null. */
  public static <T> T present(String subject, String field, T value) {
    if (value == null) {
      throw new InvalidValueException(subject, field, "null", "a value");
    }
    return value;
  }

  /** Fails unless {@code value} has at least one non-whitespace character. */
  public static String nonBlank(String subject, String field, String value) {
    present(subject, field, value);
    if (value.isBlank()) {
      throw new InvalidValueException(subject, field, "\"" + value + "\"", "a non-blank string");
    }
    return value;
  }

  /** Fails when {@code condition} is false. */
  public static void check(
      boolean condition, String subject, String field, Object value, String expected) {
    if (!condition) {
      throw new InvalidValueException(subject, field, Objects.toString(value), expected);
    }
  }
}
