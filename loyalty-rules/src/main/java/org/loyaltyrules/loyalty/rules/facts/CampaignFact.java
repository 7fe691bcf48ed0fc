package org.loyaltyrules.loyalty.rules.facts;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import org.loyaltyrules.loyalty.internal.Checks;
import java.util.Set;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.Money;

/**
 * A campaign that is active for the event being evaluated: the engine inserts only campaigns whose
 * schedule, channel, tier and birthday conditions already hold, found through an index, so rules
 * only match targets (lines), minimum spends and referral levels. Rules read the campaign's figures
 * through the getters; the engine reads the {@link Campaign} it was made from through {@link
 * #campaign()}, so nothing is looked up again by id after the rules ran. Immutable.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CampaignFact {
  private final Campaign campaign;
  private final CampaignKind kind;
  private final BigDecimal multiplier;
  private final long bonus;
  private final Set<String> skus;
  private final Set<String> categories;
  private final BigDecimal minSpend;
  private final int level;
  private final String eventType;
  private final String reward;
  private final int quantity;

  /**
   * Engine only. Rules cannot call this constructor: the rule checks refuse {@code new} of fact
   * classes, and {@link Decisions} refuses any fact instance the engine did not insert for the
   * evaluation at hand, even one equal to it.
   *
   * @param campaign the active campaign
   */
  @API(status = INTERNAL, since = "0.1")
  public CampaignFact(Campaign campaign) {
    this.campaign = Checks.present("CampaignFact", "campaign", campaign);
    this.kind = CampaignKind.of(campaign);
    this.minSpend = campaign.minSpend().map(Money::amount).orElse(BigDecimal.ZERO);
    if (campaign instanceof Campaign.Multiplier m) {
      this.multiplier = m.factor();
      this.bonus = 0;
      this.skus = m.skus();
      this.categories = m.categories();
    } else {
      this.multiplier = BigDecimal.ONE;
      this.bonus = campaign instanceof Campaign.Bonus b ? b.points().value() : 0;
      this.skus = Set.of();
      this.categories = Set.of();
    }
    this.reward = campaign instanceof Campaign.Gift g ? g.reward() : "";
    this.quantity = campaign instanceof Campaign.Gift g ? g.quantity() : 0;
    this.level = campaign instanceof Campaign.ReferralBonus r ? r.level() : 0;
    this.eventType = campaign instanceof Campaign.EventBonus e ? e.eventType() : "";
  }

  /**
   * The campaign this fact was made from, for the engine's accounting (factor, exclusive group,
   * name, minimum spend as money). Not a property: rules cannot read it.
   *
   * @return the campaign
   */
  @API(status = INTERNAL, since = "0.1")
  public Campaign campaign() {
    return campaign;
  }

  /** {@return the campaign id} */
  public String getId() {
    return campaign.id();
  }

  /** {@return the campaign name} */
  public String getName() {
    return campaign.name();
  }

  /** {@return what the campaign gives} */
  public CampaignKind getKind() {
    return kind;
  }

  /** {@return the multiplier on base points (1 for bonuses)} */
  public BigDecimal getMultiplier() {
    return multiplier;
  }

  /** {@return for a gift, the reward code it grants; else empty} */
  public String getReward() {
    return reward;
  }

  /** {@return for a gift, how many units it grants; else 0} */
  public int getQuantity() {
    return quantity;
  }

  /** {@return the bonus points (0 for multipliers and gifts)} */
  public long getBonus() {
    return bonus;
  }

  /** {@return the targeted SKUs (empty with no categories: every line)} */
  public Set<String> getSkus() {
    return skus;
  }

  /** {@return the targeted categories} */
  public Set<String> getCategories() {
    return categories;
  }

  /** {@return whether the campaign targets every line (always, for bonuses)} */
  public boolean isAllLines() {
    return skus.isEmpty() && categories.isEmpty();
  }

  /** {@return the minimum earning base of the order, 0 when none} */
  public BigDecimal getMinSpend() {
    return minSpend;
  }

  /** {@return for a referral bonus, the level up the referral chain it pays (1 = direct referrer); else 0} */
  public int getLevel() {
    return level;
  }

  /** {@return for an event bonus, the custom event type it pays for; else the empty string} */
  public String getEventType() {
    return eventType;
  }

  @Override
  public String toString() {
    return "CampaignFact[" + campaign.id() + ", " + kind + "]";
  }
}
