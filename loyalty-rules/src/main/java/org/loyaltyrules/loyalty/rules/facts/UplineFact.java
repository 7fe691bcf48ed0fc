package org.loyaltyrules.loyalty.rules.facts;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** A member up the referral chain of the member an order is for. Immutable. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class UplineFact {
  private final String memberId;
  private final int level;
  private final String tier;
  private final boolean bonusPaid;

  /**
   * Engine only. Rules cannot call this constructor: the rule checks refuse {@code new} of fact
   * classes, and {@link Decisions} refuses any fact instance the engine did not insert for the
   * evaluation at hand, even one equal to it.
   *
   * @param memberId the upline member's id
   * @param level 1 for the direct referrer, 2 for the referrer's referrer, …
   * @param tier the upline member's tier code
   * @param bonusPaid whether this upline already received the referral bonus for this referee
   */
  @API(status = INTERNAL, since = "0.1")
  public UplineFact(String memberId, int level, String tier, boolean bonusPaid) {
    this.memberId = memberId;
    this.level = level;
    this.tier = tier;
    this.bonusPaid = bonusPaid;
  }

  /** {@return whether this upline already received the bonus for this referee at this level} */
  public boolean isBonusPaid() {
    return bonusPaid;
  }

  /** {@return the upline member's id} */
  public String getMemberId() {
    return memberId;
  }

  /** {@return 1 for the direct referrer, 2 for the referrer's referrer, …} */
  public int getLevel() {
    return level;
  }

  /** {@return the upline member's tier code} */
  public String getTier() {
    return tier;
  }

  @Override
  public String toString() {
    return "UplineFact[" + memberId + ", level " + level + "]";
  }
}
