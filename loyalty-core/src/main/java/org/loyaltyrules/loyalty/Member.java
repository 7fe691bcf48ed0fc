package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.time.MonthDay;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * A loyalty-programme member as the host knows them. The member's points are not here: they are
 * derived from the member's {@link PointLedger}.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param id the member's identifier in the host system
 * @param enrolledAt when the member joined, within {@link Limits}' instant range
 * @param tierCode the code of the member's current tier (see {@link TierLadder})
 * @param birthday month and day of birth, if known; February 29 is allowed
 * @param referrerId the member who referred this one, if any; never this member
 * @param tags free-form labels (segments, staff, B2B…), kept sorted
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Member(
    String id,
    Instant enrolledAt,
    String tierCode,
    Optional<MonthDay> birthday,
    Optional<String> referrerId,
    Set<String> tags) {

  private static final String SUBJECT = "member";

  /**
   * Validates every component and copies the tags into an unmodifiable sorted set.
   *
   * @param id the member's identifier in the host system
   * @param enrolledAt when the member joined, within {@link Limits}' instant range
   * @param tierCode the code of the member's current tier (see {@link TierLadder})
   * @param birthday month and day of birth, if known; February 29 is allowed
   * @param referrerId the member who referred this one, if any; never this member
   * @param tags free-form labels (segments, staff, B2B…), kept sorted
   * @throws LoyaltyException if a component is invalid
   */
  public Member {
    Checks.nonBlank(SUBJECT, "id", id);
    Checks.instant(SUBJECT, "enrolledAt", enrolledAt);
    Checks.nonBlank(SUBJECT, "tierCode", tierCode);
    Checks.present(SUBJECT, "birthday", birthday);
    Checks.present(SUBJECT, "referrerId", referrerId);
    Checks.present(SUBJECT, "tags", tags);
    if (referrerId.isPresent()) {
      String referrer = referrerId.get();
      Checks.nonBlank(SUBJECT, "referrerId", referrer);
      if (referrer.equals(id)) {
        throw new InvalidValueException(SUBJECT, "referrerId", referrer, "a member other than " + id);
      }
    }
    SortedSet<String> copy = new TreeSet<>();
    int i = 0;
    for (String tag : Checks.present(SUBJECT, "tags", tags)) {
      Checks.nonBlank(SUBJECT, "tags[" + i++ + "]", tag);
      copy.add(tag);
    }
    tags = Collections.unmodifiableSortedSet(copy);
  }

  /**
   * A member with no birthday, referrer or tags.
   *
   * @param id the member id
   * @param enrolledAt when the member joined
   * @param tierCode the current tier code
   * @return the member
   */
  public static Member of(String id, Instant enrolledAt, String tierCode) {
    return new Member(id, enrolledAt, tierCode, Optional.empty(), Optional.empty(), Set.of());
  }

  /**
   * {@return a copy with the birthday set}
   *
   * @param birthday month and day of birth
   */
  public Member withBirthday(MonthDay birthday) {
    return new Member(id, enrolledAt, tierCode,
        Optional.of(Checks.present(SUBJECT, "birthday", birthday)), referrerId, tags);
  }

  /**
   * {@return a copy with the referrer set}
   *
   * @param referrerId the referring member's id
   */
  public Member withReferrer(String referrerId) {
    return new Member(id, enrolledAt, tierCode, birthday,
        Optional.of(Checks.nonBlank(SUBJECT, "referrerId", referrerId)), tags);
  }

  /**
   * {@return a copy in the given tier}
   *
   * @param tierCode the new tier code
   */
  public Member withTier(String tierCode) {
    return new Member(id, enrolledAt, tierCode, birthday, referrerId, tags);
  }

  /**
   * {@return a copy with exactly these tags}
   *
   * @param tags the tags
   */
  public Member withTags(Set<String> tags) {
    return new Member(id, enrolledAt, tierCode, birthday, referrerId, tags);
  }
}
