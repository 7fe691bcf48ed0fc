package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.Optional;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * A snapshot of one lot: the points a credit ({@link LedgerEntry.Earned} or a positive
 * {@link LedgerEntry.Adjusted}) opened, and how many of them are left. Debits consume lots oldest
 * first.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param key the key of the entry that opened the lot
 * @param sourceEventId the event that entry came from
 * @param createdAt when the lot was credited
 * @param original the points credited
 * @param remaining the points not yet redeemed, expired, clawed back or used to pay off debt
 * @param expired the points of this lot that expired
 * @param pendingUntil until when the lot is pending, if it is held
 * @param releasedAt when the lot was released early, if it was
 * @param expiresAt when the lot expires, if it does
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record PointLot(
    String key,
    String sourceEventId,
    Instant createdAt,
    Points original,
    Points remaining,
    Points expired,
    Optional<Instant> pendingUntil,
    Optional<Instant> releasedAt,
    Optional<Instant> expiresAt) {

  private static final String SUBJECT = "point lot";

  /**
   * Validates that every component is present and every instant within {@link Limits}' range, so the
   * questions below always have an answer.
   *
   * @param key the key of the entry that opened the lot
   * @param sourceEventId the event that entry came from
   * @param createdAt when the lot was credited
   * @param original the points credited
   * @param remaining the points not yet redeemed, expired, clawed back or used to pay off debt
   * @param expired the points of this lot that expired
   * @param pendingUntil until when the lot is pending, if it is held
   * @param releasedAt when the lot was released early, if it was
   * @param expiresAt when the lot expires, if it does
   * @throws LoyaltyException if a component is invalid
   */
  public PointLot {
    Checks.nonBlank(SUBJECT, "key", key);
    Checks.nonBlank(SUBJECT, "sourceEventId", sourceEventId);
    Checks.instant(SUBJECT, "createdAt", createdAt);
    Checks.present(SUBJECT, "original", original);
    Checks.present(SUBJECT, "remaining", remaining);
    Checks.present(SUBJECT, "expired", expired);
    Checks.present(SUBJECT, "pendingUntil", pendingUntil);
    Checks.present(SUBJECT, "releasedAt", releasedAt);
    Checks.present(SUBJECT, "expiresAt", expiresAt);
    pendingUntil.ifPresent(i -> Checks.instant(SUBJECT, "pendingUntil", i));
    releasedAt.ifPresent(i -> Checks.instant(SUBJECT, "releasedAt", i));
    expiresAt.ifPresent(i -> Checks.instant(SUBJECT, "expiresAt", i));
  }

  /**
   * {@return whether the lot is spendable then: released (or never held) and not expired}
   *
   * @param instant an instant
   */
  public boolean isAvailableAt(Instant instant) {
    Checks.present(SUBJECT, "instant", instant);
    return isReleasedAt(instant) && !isExpiredAt(instant);
  }

  /**
   * {@return whether the lot is no longer pending at that instant}
   *
   * @param instant an instant
   */
  public boolean isReleasedAt(Instant instant) {
    Checks.present(SUBJECT, "instant", instant);
    return pendingUntil.map(p -> !p.isAfter(instant)).orElse(true)
        || releasedAt.map(r -> !r.isAfter(instant)).orElse(false);
  }

  /**
   * {@return whether the lot's expiry is at or before that instant}
   *
   * @param instant an instant
   */
  public boolean isExpiredAt(Instant instant) {
    Checks.present(SUBJECT, "instant", instant);
    return expiresAt.map(e -> !e.isAfter(instant)).orElse(false);
  }
}
