package org.loyaltyrules.loyalty.rules.facts;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.Tier;

/**
 * One tier of the ladder with the member's qualifying spend over that tier's window, ending at the
 * event (an order's spend included, a refund's taken out). Whether the spend qualifies for the tier
 * is not computed here: the rules decide it ({@code decisions.qualifies($tier)}, bundled in
 * tier-upgrade.drl), so that one rule decides upgrades, reviews and refunds alike. Immutable.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class TierFact {
  private final Tier tier;
  private final BigDecimal spendInWindow;

  /**
   * Engine only. Rules cannot call this constructor: the rule checks refuse {@code new} of fact
   * classes, and {@link Decisions} refuses any fact instance the engine did not insert for the
   * evaluation at hand, even one equal to it.
   *
   * @param tier the tier of the programme's ladder
   * @param spendInWindow the member's qualifying spend over the tier's window
   */
  @API(status = INTERNAL, since = "0.2")
  public TierFact(Tier tier, BigDecimal spendInWindow) {
    this.tier = tier;
    this.spendInWindow = spendInWindow;
  }

  /** {@return the tier code} */
  public String getCode() {
    return tier.code();
  }

  /** {@return the tier rank, 0 for the entry tier} */
  public int getRank() {
    return tier.rank();
  }

  /** {@return the qualifying spend the tier needs} */
  public BigDecimal getThreshold() {
    return tier.threshold().amount();
  }

  /** {@return the member's qualifying spend over this tier's window} */
  public BigDecimal getSpendInWindow() {
    return spendInWindow;
  }

  /**
   * The tier this fact stands for, so the engine never looks it up again by code. Not a property:
   * rules read {@code code}, {@code rank} and {@code threshold}.
   *
   * @return the tier
   */
  @API(status = INTERNAL, since = "0.2")
  public Tier tier() {
    return tier;
  }

  @Override
  public String toString() {
    return "TierFact[" + tier.code() + ", spend " + spendInWindow + " / " + tier.threshold().amount() + "]";
  }
}
