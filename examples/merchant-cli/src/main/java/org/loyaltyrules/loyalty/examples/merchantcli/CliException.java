package org.loyaltyrules.loyalty.examples.merchantcli;

/** Stops a command with a message for the user and an exit code. */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Exit code: the input was rejected (rule problems, a malformed row under --on-error fail, a wrong layout). */
  public static final int PROBLEMS = 1;
  /** Exit code: the command line is wrong (unknown option, bad value, missing file). */
  public static final int USAGE = 2;
  /** Exit code: an unexpected failure (a bug or an I/O error). */
  public static final int FAILURE = 3;

  private final int exitCode;

  /**
   * @param exitCode the process exit code
   * @param message what went wrong and what to do
   */
  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /** @return the process exit code */
  public int exitCode() {
    return exitCode;
  }
}
