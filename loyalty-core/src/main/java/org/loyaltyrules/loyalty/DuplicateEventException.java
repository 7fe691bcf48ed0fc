package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * An idempotency key was reused with different content. (The same key with equal content is a
 * harmless retry and never throws.)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DuplicateEventException extends LoyaltyException {
  private static final long serialVersionUID = 1L;
  /** Enough for an ordinary entry; a megabyte reason must not end up in a message or a log. */
  private static final int SHOWN_ENTRY_CHARS = 1_000;

  /** The reused idempotency key. */
  private final String key;
  private final transient LedgerEntry existing;
  private final transient LedgerEntry attempted;

  /**
   * Creates the exception for a key reused with different content.
   *
   * @param key the reused key
   * @param existing the entry already stored under the key
   * @param attempted the different entry that was offered
   */
  public DuplicateEventException(String key, LedgerEntry existing, LedgerEntry attempted) {
    super(
        "duplicate-event",
        "Duplicate event: idempotencyKey ["
            + Checks.shown(key)
            + "] was used with different content; expected "
            + Checks.shown(existing, SHOWN_ENTRY_CHARS)
            + " but got "
            + Checks.shown(attempted, SHOWN_ENTRY_CHARS));
    this.key = key;
    this.existing = existing;
    this.attempted = attempted;
  }

  /** {@return the reused idempotency key} */
  public String key() {
    return key;
  }

  /** {@return the entry already stored under the key} */
  public LedgerEntry existing() {
    return existing;
  }

  /** {@return the entry that conflicted with it} */
  public LedgerEntry attempted() {
    return attempted;
  }
}
