package org.loyaltyrules.loyalty.examples.merchantcli.replay;

import java.util.Objects;

/**
 * Something in the input the replay could not use as it stood: a malformed row (skipped), units
 * returned that match no earlier purchase, an invoice whose rows were split, or an event the
 * engine rejected.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param lineNo the 1-based input line
 * @param code the kind: {@code malformed-row}, {@code unmatched-return}, {@code split-invoice},
 *     {@code invalid-order} or {@code engine-error}
 * @param message what is wrong
 */
public record InputProblem(long lineNo, String code, String message) {
  /** Validates the components. */
  public InputProblem {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  /** @return {@code line N: code: message} */
  @Override
  public String toString() {
    return "line " + lineNo + ": " + code + ": " + message;
  }
}
