package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.Optional;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * A snapshot of one store-credit lot: the credit a {@link LedgerEntry.CreditGranted} entry opened,
 * and how much of it is left. Spends consume unexpired lots oldest first (see {@link
 * PointLedger#creditLots()}).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param key the key of the grant that opened the lot
 * @param sourceEventId the event the grant came from (an order id for credit an order earned)
 * @param createdAt when the credit was granted
 * @param original the credit granted, &gt; 0
 * @param remaining the credit not yet spent, expired or clawed back, from 0 to {@code original}
 * @param expiresAt when the lot expires, if it does
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CreditLot(
    String key, String sourceEventId, Instant createdAt, Money original, Money remaining, Optional<Instant> expiresAt) {

  private static final String SUBJECT = "credit lot";

  /**
   * Validates every component.
   *
   * @param key the key of the grant that opened the lot
   * @param sourceEventId the event the grant came from
   * @param createdAt when the credit was granted
   * @param original the credit granted, &gt; 0
   * @param remaining the credit left, from 0 to {@code original}, in its currency
   * @param expiresAt when the lot expires, if it does; after {@code createdAt}
   * @throws LoyaltyException if a component is invalid
   */
  public CreditLot {
    Checks.nonBlank(SUBJECT, "key", key);
    Checks.nonBlank(SUBJECT, "sourceEventId", sourceEventId);
    Checks.instant(SUBJECT, "createdAt", createdAt);
    Checks.present(SUBJECT, "original", original);
    Checks.present(SUBJECT, "remaining", remaining);
    Checks.check(original.isPositive(), SUBJECT, "original", original, "> 0");
    if (!remaining.currency().equals(original.currency())) {
      throw new CurrencyMismatchException(SUBJECT, "remaining", original.currency(), remaining.currency());
    }
    Checks.check(!remaining.isNegative() && !remaining.isGreaterThan(original), SUBJECT, "remaining", remaining,
        "from 0 to the original " + original);
    Checks.present(SUBJECT, "expiresAt", expiresAt);
    if (expiresAt.isPresent()) {
      Checks.instant(SUBJECT, "expiresAt", expiresAt.get());
      Checks.check(expiresAt.get().isAfter(createdAt), SUBJECT, "expiresAt", expiresAt.get(), "after createdAt " + createdAt);
    }
  }

  /**
   * {@return whether the lot has expired at {@code instant}: its expiry is at or before it}
   *
   * @param instant an instant
   * @throws InvalidValueException if {@code instant} is null
   */
  public boolean isExpiredAt(Instant instant) {
    Checks.present(SUBJECT, "instant", instant);
    return expiresAt.isPresent() && !expiresAt.get().isAfter(instant);
  }
}
