package org.loyaltyrules.loyalty.examples.merchantcli.input;

/**
 * The input as a whole is not in the expected layout (a wrong header, an unreadable file), so no
 * row can be trusted. Unlike a malformed row, this always stops the replay.
 */
public final class InputFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long lineNo;

  /**
   * @param lineNo the 1-based line the problem was found on
   * @param message what is wrong and what was expected
   */
  public InputFormatException(long lineNo, String message) {
    super(message);
    this.lineNo = lineNo;
  }

  /** @return the 1-based line the problem was found on */
  public long lineNo() {
    return lineNo;
  }
}
