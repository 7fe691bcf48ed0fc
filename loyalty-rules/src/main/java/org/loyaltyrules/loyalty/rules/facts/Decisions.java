package org.loyaltyrules.loyalty.rules.facts;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The output collector rules call in their consequences, as the global {@code decisions}. Rules
 * only say <em>what applies</em>; Java code then computes points, rounds, stacks campaigns, and
 * turns the result into ledger entries that keep the ledger's invariants. A rule can therefore
 * produce a wrong amount, never a corrupt ledger.
 *
 * <p>Each call is attributed to the rule whose consequence made it. One collector serves one
 * evaluation and is not shared between threads.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Decisions {

  /** One thing a rule decided. */
  @API(status = INTERNAL, since = "0.1")
  public sealed interface Output {
    /** @return the name of the rule that decided it */
    String rule();
  }

  /**
   * A base earning rate for a line.
   *
   * @param rule the rule
   * @param line the line
   * @param points points per {@code perAmount}
   * @param perAmount the amount of money that earns {@code points}
   */
  @API(status = INTERNAL, since = "0.1")
  public record BaseRate(String rule, LineFact line, BigDecimal points, BigDecimal perAmount) implements Output {}

  /**
   * A line that earns nothing.
   *
   * @param rule the rule
   * @param line the line
   * @param reason why
   */
  @API(status = INTERNAL, since = "0.1")
  public record Exclusion(String rule, LineFact line, String reason) implements Output {}

  /**
   * A multiplier campaign applying to a line.
   *
   * @param rule the rule
   * @param line the line
   * @param campaign the campaign
   */
  @API(status = INTERNAL, since = "0.1")
  public record Multiplier(String rule, LineFact line, CampaignFact campaign) implements Output {}

  /**
   * A fixed bonus for the order or enrolment.
   *
   * @param rule the rule
   * @param id a stable id, unique per event (a campaign id, or one the rule names)
   * @param points the bonus
   * @param reason a human-readable reason
   */
  @API(status = INTERNAL, since = "0.1")
  public record Bonus(String rule, String id, long points, String reason) implements Output {}

  /**
   * A cap on what one order earns.
   *
   * @param rule the rule
   * @param maxPoints the most points the order may earn
   * @param reason why
   */
  @API(status = INTERNAL, since = "0.1")
  public record Cap(String rule, long maxPoints, String reason) implements Output {}

  /**
   * A cap on what a member earns from the orders paid on one local date; the engine turns it into
   * a cap on this order from the member's ledger.
   *
   * @param rule the rule
   * @param maxPoints the most points the orders of one day may earn together
   * @param reason why
   */
  @API(status = INTERNAL, since = "0.1")
  public record DailyCap(String rule, long maxPoints, String reason) implements Output {}

  /**
   * An upgrade.
   *
   * @param rule the rule
   * @param tier the tier reached
   */
  @API(status = INTERNAL, since = "0.1")
  public record Upgrade(String rule, TierFact tier) implements Output {}

  /**
   * A current tier that no longer holds at review.
   *
   * @param rule the rule
   * @param tier the member's current tier, not qualified any more
   */
  @API(status = INTERNAL, since = "0.1")
  public record Downgrade(String rule, TierFact tier) implements Output {}

  /**
   * A referral bonus for an upline member.
   *
   * @param rule the rule
   * @param upline the upline
   * @param points the bonus
   */
  @API(status = INTERNAL, since = "0.1")
  public record ReferralBonus(String rule, UplineFact upline, long points) implements Output {}

  /**
   * A note that changes nothing.
   *
   * @param rule the rule
   * @param text the note
   */
  @API(status = INTERNAL, since = "0.1")
  public record Notice(String rule, String text) implements Output {}

  private final List<Output> outputs = new ArrayList<>();
  private final List<String> firedRules = new ArrayList<>();
  private final int maxOutputs;
  private String currentRule = "(no rule)";

  /**
   * @param maxOutputs the most outputs one evaluation may produce; past it the evaluation fails
   */
  @API(status = INTERNAL, since = "0.1")
  public Decisions(int maxOutputs) {
    this.maxOutputs = maxOutputs;
  }

  /**
   * The line earns {@code points} per {@code perAmount} of its earning base.
   *
   * @param line the line
   * @param points points, a whole number
   * @param perAmount per this much money, e.g. 100 for "1 point per NT$100"
   */
  public void baseRate(LineFact line, int points, int perAmount) {
    baseRate(line, Integer.toString(points), perAmount);
  }

  /**
   * The line earns {@code points} (a decimal such as {@code "1.5"}) per {@code perAmount}.
   *
   * @param line the line
   * @param points points as a plain decimal string
   * @param perAmount per this much money
   */
  public void baseRate(LineFact line, String points, int perAmount) {
    BigDecimal rate = new BigDecimal(points);
    if (rate.signum() < 0 || perAmount <= 0) {
      throw new IllegalArgumentException(
          "baseRate: points [" + points + "] per [" + perAmount + "]; expected points ≥ 0 per a positive amount");
    }
    add(new BaseRate(currentRule, line, rate, BigDecimal.valueOf(perAmount)));
  }

  /**
   * The line earns nothing at all (no base, no campaign, no share of bonuses), e.g. gift cards.
   *
   * @param line the line
   * @param reason why, for the explanation
   */
  public void exclude(LineFact line, String reason) {
    add(new Exclusion(currentRule, line, reason));
  }

  /**
   * The multiplier campaign applies to the line. Several campaigns on one line stack by the
   * programme's stacking policy; the same campaign twice counts once.
   *
   * @param line the line
   * @param campaign an active multiplier campaign
   */
  public void multiply(LineFact line, CampaignFact campaign) {
    add(new Multiplier(currentRule, line, campaign));
  }

  /**
   * The campaign's fixed bonus is credited.
   *
   * @param campaign an active bonus campaign
   */
  public void bonus(CampaignFact campaign) {
    add(new Bonus(currentRule, campaign.getId(), campaign.getBonus(), campaign.getName()));
  }

  /**
   * A fixed bonus named by the rule itself (e.g. a POS-only bonus).
   *
   * @param id a stable id, unique among the bonuses of one event
   * @param points the bonus, positive
   * @param reason the explanation
   */
  public void bonus(String id, int points, String reason) {
    if (points <= 0) {
      throw new IllegalArgumentException("bonus: points [" + points + "]; expected > 0");
    }
    add(new Bonus(currentRule, id, points, reason));
  }

  /**
   * The order earns at most {@code maxPoints} in all; bonuses and campaign extras are cut first.
   *
   * @param maxPoints the cap, ≥ 0
   * @param reason the explanation
   */
  public void capOrderPoints(int maxPoints, String reason) {
    if (maxPoints < 0) {
      throw new IllegalArgumentException("capOrderPoints: maxPoints [" + maxPoints + "]; expected ≥ 0");
    }
    add(new Cap(currentRule, maxPoints, reason));
  }

  /**
   * The member earns at most {@code maxPoints} from all the orders paid on one local date, in the
   * programme's time zone. This order may earn what is left of it: {@code maxPoints} minus the points
   * the member's ledger shows as earned by other orders paid on the same date, never less than 0.
   * Bonuses and campaign extras are cut first, as with {@link #capOrderPoints(int, String)}; with
   * both caps, the lower one applies.
   *
   * <p>"Earned" counts every earned entry of those orders (base, campaigns, bonuses, pending points
   * too) as it was credited: points clawed back by a later return do not make room again. Orders are
   * counted by the date they were paid on, not the date their decision was made, and every other
   * order of that date in the ledger counts, including one paid later that day whose event arrived
   * first, so the orders of one day never earn more than {@code maxPoints} together.
   *
   * @param maxPoints the cap for one day, ≥ 0
   * @param reason the explanation
   */
  public void capDailyPoints(int maxPoints, String reason) {
    if (maxPoints < 0) {
      throw new IllegalArgumentException("capDailyPoints: maxPoints [" + maxPoints + "]; expected ≥ 0");
    }
    add(new DailyCap(currentRule, maxPoints, reason));
  }

  /**
   * The member reaches this tier.
   *
   * @param tier a tier above the member's
   */
  public void upgradeTo(TierFact tier) {
    add(new Upgrade(currentRule, tier));
  }

  /**
   * The member's current tier no longer holds; the programme's downgrade policy decides the new one.
   *
   * @param currentTier the member's current tier
   */
  public void downgrade(TierFact currentTier) {
    add(new Downgrade(currentRule, currentTier));
  }

  /**
   * The upline member earns a referral bonus (once per referee and level).
   *
   * @param upline the upline member
   * @param points the bonus, positive
   */
  public void referralBonus(UplineFact upline, int points) {
    if (points <= 0) {
      throw new IllegalArgumentException("referralBonus: points [" + points + "]; expected > 0");
    }
    add(new ReferralBonus(currentRule, upline, points));
  }

  /**
   * A note for the decision (near-misses, explanations); changes nothing.
   *
   * @param text the note
   */
  public void notice(String text) {
    add(new Notice(currentRule, text));
  }

  private void add(Output output) {
    if (outputs.size() >= maxOutputs) {
      throw new RunawayRuleError(currentRule, maxOutputs);
    }
    outputs.add(output);
  }

  /**
   * @param rule the rule whose consequence runs next
   */
  @API(status = INTERNAL, since = "0.1")
  public void enterRule(String rule) {
    this.currentRule = rule;
    firedRules.add(rule);
  }

  /** @return the names of the rules that fired, in firing order */
  @API(status = INTERNAL, since = "0.1")
  public List<String> firedRules() {
    return Collections.unmodifiableList(firedRules);
  }

  /** @return the rule whose consequence ran last */
  @API(status = INTERNAL, since = "0.1")
  public String currentRule() {
    return currentRule;
  }

  /** @return everything decided, in order */
  @API(status = INTERNAL, since = "0.1")
  public List<Output> outputs() {
    return Collections.unmodifiableList(outputs);
  }

  /** Thrown inside a consequence when an evaluation produces more outputs than allowed. */
  @API(status = INTERNAL, since = "0.1")
  public static final class RunawayRuleError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String rule;
    private final int limit;

    RunawayRuleError(String rule, int limit) {
      super("rule [" + rule + "] exceeded " + limit + " outputs", null, false, false);
      this.rule = rule;
      this.limit = limit;
    }

    /** @return the rule that was running */
    public String rule() {
      return rule;
    }

    /** @return the limit */
    public int limit() {
      return limit;
    }
  }
}
