package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * An idempotency key was reused with different content. (The same key with equal content is a
 * harmless retry and never throws.)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DuplicateEventException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final transient LedgerEntry existing;
  private final transient LedgerEntry attempted;

  /**
   * @param key the reused key
   * @param existing the entry already stored under the key
   * @param attempted the different entry that was offered
   */
  public DuplicateEventException(String key, LedgerEntry existing, LedgerEntry attempted) {
    super(
        "duplicate-event",
        "Duplicate event: idempotencyKey ["
            + key
            + "] was used with different content; expected "
            + existing
            + " but got "
            + attempted);
    this.key = key;
    this.existing = existing;
    this.attempted = attempted;
  }

  /** @return the reused idempotency key */
  public String key() {
    return key;
  }

  /** @return the entry already stored under the key */
  public LedgerEntry existing() {
    return existing;
  }

  /** @return the entry that conflicted with it */
  public LedgerEntry attempted() {
    return attempted;
  }
}
