package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** An entry refers to another entry (a lot, an earned entry, a redemption) the ledger does not hold. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class UnknownEntryException extends InvalidValueException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a key that names no entry of the expected kind.
   *
   * @param subject the entry kind that referred
   * @param field the referring field, e.g. {@code lotKey}
   * @param key the key that was not found
   * @param expected what kind of entry the key must name
   */
  public UnknownEntryException(String subject, String field, String key, String expected) {
    super("unknown-entry", subject, field, key, expected);
  }
}
