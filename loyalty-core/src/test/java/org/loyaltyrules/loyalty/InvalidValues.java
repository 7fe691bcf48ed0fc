package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Structural assertions on {@link InvalidValueException}s: accessors and code, not the message. */
final class InvalidValues {
  private InvalidValues() {}

  /**
   * Asserts that {@code call} throws exactly {@code type} and returns it for further checks.
   */
  static <E extends InvalidValueException> E thrownBy(Class<E> type, ThrowingCallable call) {
    E e = catchThrowableOfType(type, call);
    assertThat(e).as("expected %s to be thrown", type.getSimpleName()).isNotNull().isExactlyInstanceOf(type);
    return e;
  }

  /**
   * Asserts that {@code call} throws a plain {@link InvalidValueException} naming {@code subject},
   * {@code field}, {@code value} and {@code expected}, with code {@code invalid-value}.
   */
  static void assertInvalidValue(ThrowingCallable call, String subject, String field, String value, String expected) {
    InvalidValueException e = thrownBy(InvalidValueException.class, call);
    assertNames(e, subject, field, value, expected);
    assertThat(e.code()).isEqualTo("invalid-value");
  }

  /** Asserts the four accessors of {@code e}. */
  static void assertNames(InvalidValueException e, String subject, String field, String value, String expected) {
    assertThat(List.of(e.subject(), e.field(), e.value(), e.expected()))
        .as("subject, field, value, expected")
        .containsExactly(subject, field, value, expected);
  }
}
