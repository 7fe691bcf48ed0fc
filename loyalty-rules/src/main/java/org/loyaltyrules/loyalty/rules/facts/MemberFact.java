package org.loyaltyrules.loyalty.rules.facts;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Set;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/** The member an evaluation is about, as rules see them. Immutable. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class MemberFact {
  private final String id;
  private final String tier;
  private final int tierRank;
  private final boolean birthdayMonth;
  private final LocalDate enrolledOn;
  private final Set<String> tags;
  private final boolean referred;

  /**
   * Engine only. Rules cannot call this constructor: the rule checks refuse {@code new} of fact
   * classes, and {@link Decisions} refuses any fact instance the engine did not insert for the
   * evaluation at hand, even one equal to it.
   *
   * @param id the member id
   * @param tier the current tier code
   * @param tierRank the current tier's rank
   * @param birthdayMonth whether the event's local date is in the member's birthday month
   * @param enrolledOn the local date the member enrolled
   * @param tags the member's tags
   * @param referred whether someone referred the member
   */
  @API(status = INTERNAL, since = "0.1")
  public MemberFact(String id, String tier, int tierRank, boolean birthdayMonth, LocalDate enrolledOn,
      Set<String> tags, boolean referred) {
    this.id = id;
    this.tier = tier;
    this.tierRank = tierRank;
    this.birthdayMonth = birthdayMonth;
    this.enrolledOn = enrolledOn;
    this.tags = Set.copyOf(Checks.elements("MemberFact", "tags", new ArrayList<>(Checks.present("MemberFact", "tags", tags))));
    this.referred = referred;
  }

  /** {@return the member id} */
  public String getId() {
    return id;
  }

  /** {@return the current tier code, e.g. {@code gold}} */
  public String getTier() {
    return tier;
  }

  /** {@return the current tier's rank, 0 for the entry tier} */
  public int getTierRank() {
    return tierRank;
  }

  /** {@return whether the event's local date falls in the member's birthday month} */
  public boolean isBirthdayMonth() {
    return birthdayMonth;
  }

  /** {@return the local date the member enrolled} */
  public LocalDate getEnrolledOn() {
    return enrolledOn;
  }

  /** {@return the member's tags} */
  public Set<String> getTags() {
    return tags;
  }

  /** {@return whether someone referred this member} */
  public boolean isReferred() {
    return referred;
  }

  @Override
  public String toString() {
    return "MemberFact[" + id + ", " + tier + "]";
  }
}
