package org.loyaltyrules.loyalty.rules.facts;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Set;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * A campaign that is active for the event being evaluated: the engine inserts only campaigns whose
 * schedule, channel, tier and birthday conditions already hold, found through an index, so rules
 * only match targets (lines) and thresholds. Immutable.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CampaignFact {
  private final String id;
  private final String name;
  private final String kind;
  private final BigDecimal multiplier;
  private final long bonus;
  private final Set<String> skus;
  private final Set<String> categories;
  private final BigDecimal minSpend;

  /**
   * Engine only. Rules cannot call this constructor: the rule checks refuse {@code new} of fact
   * classes, and {@link Decisions} refuses any fact instance the engine did not insert for the
   * evaluation at hand, even one equal to it.
   *
   * @param id the campaign id
   * @param name the campaign name
   * @param kind {@code MULTIPLIER}, {@code WELCOME_BONUS}, {@code FIRST_ORDER_BONUS} or {@code THRESHOLD_BONUS}
   * @param multiplier the multiplier (1 for bonuses)
   * @param bonus the bonus points (0 for multipliers)
   * @param skus targeted SKUs
   * @param categories targeted categories
   * @param minSpend the minimum earning base (0 when none)
   */
  @API(status = INTERNAL, since = "0.1")
  public CampaignFact(String id, String name, String kind, BigDecimal multiplier, long bonus, Set<String> skus,
      Set<String> categories, BigDecimal minSpend) {
    this.id = id;
    this.name = name;
    this.kind = kind;
    this.multiplier = multiplier;
    this.bonus = bonus;
    this.skus = Set.copyOf(Checks.elements("CampaignFact", "skus", new ArrayList<>(Checks.present("CampaignFact", "skus", skus))));
    this.categories = Set.copyOf(
        Checks.elements("CampaignFact", "categories", new ArrayList<>(Checks.present("CampaignFact", "categories", categories))));
    this.minSpend = minSpend;
  }

  /** @return the campaign id */
  public String getId() {
    return id;
  }

  /** @return the campaign name */
  public String getName() {
    return name;
  }

  /** @return the kind: MULTIPLIER, WELCOME_BONUS, FIRST_ORDER_BONUS or THRESHOLD_BONUS */
  public String getKind() {
    return kind;
  }

  /** @return the multiplier on base points (1 for bonuses) */
  public BigDecimal getMultiplier() {
    return multiplier;
  }

  /** @return the bonus points (0 for multipliers) */
  public long getBonus() {
    return bonus;
  }

  /** @return the targeted SKUs (empty with no categories: every line) */
  public Set<String> getSkus() {
    return skus;
  }

  /** @return the targeted categories */
  public Set<String> getCategories() {
    return categories;
  }

  /** @return whether the campaign targets every line */
  public boolean isAllLines() {
    return skus.isEmpty() && categories.isEmpty();
  }

  /** @return the minimum earning base, 0 when none */
  public BigDecimal getMinSpend() {
    return minSpend;
  }

  @Override
  public String toString() {
    return "CampaignFact[" + id + ", " + kind + "]";
  }
}
