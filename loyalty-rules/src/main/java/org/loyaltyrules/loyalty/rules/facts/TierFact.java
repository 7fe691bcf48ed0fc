package org.loyaltyrules.loyalty.rules.facts;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/**
 * One tier of the ladder with the member's qualifying spend over that tier's window, ending at the
 * event (an order's spend included). Immutable.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class TierFact {
  private final String code;
  private final int rank;
  private final BigDecimal threshold;
  private final BigDecimal spendInWindow;

  /**
   * Engine only. Rules cannot call this constructor: the rule checks refuse {@code new} of fact
   * classes, and {@link Decisions} refuses any fact instance the engine did not insert for the
   * evaluation at hand, even one equal to it.
   *
   * @param code the tier code
   * @param rank the tier rank
   * @param threshold the qualifying spend the tier needs
   * @param spendInWindow the member's qualifying spend over the tier's window
   */
  @API(status = INTERNAL, since = "0.1")
  public TierFact(String code, int rank, BigDecimal threshold, BigDecimal spendInWindow) {
    this.code = code;
    this.rank = rank;
    this.threshold = threshold;
    this.spendInWindow = spendInWindow;
  }

  /** @return the tier code */
  public String getCode() {
    return code;
  }

  /** @return the tier rank, 0 for the entry tier */
  public int getRank() {
    return rank;
  }

  /** @return the qualifying spend the tier needs */
  public BigDecimal getThreshold() {
    return threshold;
  }

  /** @return the member's qualifying spend over this tier's window */
  public BigDecimal getSpendInWindow() {
    return spendInWindow;
  }

  /** @return whether the spend reaches the threshold */
  public boolean isQualified() {
    return spendInWindow.compareTo(threshold) >= 0;
  }

  @Override
  public String toString() {
    return "TierFact[" + code + ", spend " + spendInWindow + " / " + threshold + "]";
  }
}
