package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * What the host says campaigns with a total budget ({@link CampaignLimits#totalBudget()}) have
 * already paid, across all members: campaign id → points used. The library stores no global state,
 * so this is an input to each decision ({@link DecisionContext#budgets()}); the host keeps the
 * counter and adds {@link Decision#budgetUse()} to it in the transaction that appends the decision's
 * entries. A campaign with a total budget that is missing here pays nothing (its budget is unknown).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param used points already paid, by campaign id; sorted by id
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CampaignBudgets(Map<String, Points> used) {
  private static final String SUBJECT = "campaign budgets";
  private static final CampaignBudgets NONE = new CampaignBudgets(Map.of());

  /**
   * Validates and copies the map: non-blank ids, points ≥ 0.
   *
   * @param used points already paid, by campaign id
   * @throws LoyaltyException if a component is invalid
   */
  public CampaignBudgets {
    Checks.present(SUBJECT, "used", used);
    TreeMap<String, Points> copy = new TreeMap<>();
    for (Map.Entry<String, Points> e : used.entrySet()) {
      String id = Checks.nonBlank(SUBJECT, "used.key", e.getKey());
      Points points = Checks.present(SUBJECT, "used[" + Checks.shown(id) + "]", e.getValue());
      Checks.check(!points.isNegative(), SUBJECT, "used[" + Checks.shown(id) + "]", points, "≥ 0");
      copy.put(id, points);
    }
    used = Collections.unmodifiableMap(copy);
  }

  /** {@return no budget known: every campaign with a total budget pays nothing} */
  public static CampaignBudgets none() {
    return NONE;
  }

  /**
   * {@return the snapshot}
   *
   * @param used points already paid, by campaign id
   * @throws LoyaltyException if an id is blank or points are negative
   */
  public static CampaignBudgets of(Map<String, Points> used) {
    return new CampaignBudgets(used);
  }

  /**
   * {@return what the campaign already paid all members, if the host said}
   *
   * @param campaignId a campaign id
   * @throws LoyaltyException if {@code campaignId} is absent
   */
  public Optional<Points> usedBy(String campaignId) {
    return Optional.ofNullable(used.get(Checks.present(SUBJECT, "campaignId", campaignId)));
  }
}
