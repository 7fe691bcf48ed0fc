package org.loyaltyrules.loyalty.json;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.InvalidValueException;

/**
 * JSON could not be read as the canonical form of a value: it was malformed, exceeded the reader's
 * limits, had an unknown, duplicate, missing or mistyped field, an unknown kind or format version,
 * or described a value the domain refuses. The message has the shape {@code Invalid JSON: <path>
 * [<value>]; expected <rule>}, for example {@code Invalid JSON: $.entries[0].points [1.5]; expected
 * an integer}. Nothing was built.
 *
 * <p>The {@link #path()} is a JSONPath-like address from the document's root ({@code $}), with
 * object fields after dots and array indexes in brackets. When the domain refused a value, the path
 * ends with the refused field and {@link #getCause()} is the domain's exception.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class LoyaltyJsonException extends InvalidValueException {
  private static final long serialVersionUID = 1L;

  /** The stable {@link #code()} of this failure. */
  public static final String CODE = "invalid-json";

  /**
   * Creates the exception.
   *
   * @param path where in the document, e.g. {@code $.entries[0].points}
   * @param value the offending value as text (cut to its first 100 characters and its length)
   * @param expected what a valid value looks like
   */
  public LoyaltyJsonException(String path, Object value, String expected) {
    super(CODE, "JSON", path, value, expected);
  }

  /**
   * Creates the exception with the failure that caused it.
   *
   * @param path where in the document
   * @param value the offending value as text
   * @param expected what a valid value looks like
   * @param cause the domain's or the parser's exception
   */
  public LoyaltyJsonException(String path, Object value, String expected, Throwable cause) {
    this(path, value, expected);
    initCause(cause);
  }

  /** {@return where in the document the failure is, e.g. {@code $.entries[0].points}} */
  public String path() {
    return field();
  }
}
