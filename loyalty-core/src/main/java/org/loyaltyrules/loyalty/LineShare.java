package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * The part of an {@link LedgerEntry.Earned} (or of a {@link LedgerEntry.ClawedBack}) that belongs to
 * one order line: its quantity, the points it earned and the qualifying spend it contributed. Refunds
 * claw back from these shares, in proportion to the quantity returned.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param lineId the order line's id
 * @param quantity units of the line covered, ≥ 1
 * @param points points for those units, ≥ 0
 * @param spend qualifying spend for those units, ≥ 0
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record LineShare(String lineId, int quantity, Points points, Money spend) {

  private static final String SUBJECT = "line share";

  /**
   * Validates every component.
   *
   * @param lineId the order line's id
   * @param quantity units of the line covered, ≥ 1
   * @param points points for those units, ≥ 0
   * @param spend qualifying spend for those units, ≥ 0
   * @throws LoyaltyException if a component is invalid
   */
  public LineShare {
    Checks.nonBlank(SUBJECT, "lineId", lineId);
    Checks.check(quantity >= 1, SUBJECT, "quantity", quantity, "≥ 1");
    Checks.present(SUBJECT, "points", points);
    Checks.check(!points.isNegative(), SUBJECT, "points", points, "≥ 0");
    Checks.present(SUBJECT, "spend", spend);
    Checks.check(!spend.isNegative(), SUBJECT, "spend", spend, "≥ 0");
  }
}
