// Over 400 lines: every decision method rules may call, with the check that guards it, is one global API read as one file.
package org.loyaltyrules.loyalty.rules.facts;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.rules.RuleEvaluationException;
import org.loyaltyrules.loyalty.rules.internal.EvaluationBound;

// Longer than 400 lines because it is the one collector rules call (the DRL global decisions): every
// decision method a rule may call, and its argument checks, must sit on this class.
/**
 * The output collector rules call in their consequences, as the global {@code decisions}. Rules
 * only say <em>what applies</em>; Java code then computes points, rounds, stacks campaigns, and
 * turns the result into ledger entries that keep the ledger's invariants. A rule can therefore
 * produce a wrong amount, never a corrupt ledger.
 *
 * <p>Each call is attributed to the rule whose consequence made it. One collector serves one
 * evaluation and is not shared between threads.
 *
 * <p><b>Rule files are untrusted, so every call is checked</b>, and the first refused call fails
 * the whole evaluation with a {@link RuleEvaluationException}: no decision is made, even if the rule
 * catches the exception and goes on.
 *
 * <ul>
 *   <li>Facts ({@link LineFact}, {@link CampaignFact}, {@link TierFact}, {@link UplineFact}) must be
 *       the very instances the engine inserted for this evaluation: one a rule made, or kept from
 *       another evaluation, is refused with {@value RuleEvaluationException#FORGED_FACT}, even if it
 *       is equal to an inserted one.
 *   <li>Numbers and texts must lie within the bounds below, which no real programme reaches; outside
 *       them the call is refused with {@value RuleEvaluationException#RULE_ARGUMENT}, naming the
 *       method, argument, value and bound.
 *   <li>One evaluation may emit a bounded number of outputs (set on the engine builder) and at most
 *       {@value #MAX_NOTICES} notices; past either it fails with {@value
 *       RuleEvaluationException#RULE_RUNAWAY}.
 * </ul>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Decisions {

  /** The most integer digits of a base rate's points: {@code "999999.999999"} is the highest rate. */
  public static final int MAX_RATE_INTEGER_DIGITS = 6;
  /** The most fraction digits of a base rate's points. */
  public static final int MAX_RATE_FRACTION_DIGITS = 6;
  /** The highest whole-number base rate, {@code 999999} points. */
  public static final int MAX_RATE_POINTS = 999_999;
  /** The largest amount of money a base rate may be given per ({@code perAmount}), 1,000,000. */
  public static final int MAX_PER_AMOUNT = 1_000_000;
  /** The most points one bonus or one referral bonus may give, 10,000,000. */
  public static final int MAX_BONUS_POINTS = 10_000_000;
  /** The most store credit one grant may give, 1,000,000 whole units of the programme currency. */
  public static final int MAX_STORE_CREDIT = 1_000_000;
  /** The highest order or daily cap, 1,000,000,000 points. */
  public static final int MAX_CAP_POINTS = 1_000_000_000;
  private static final java.util.regex.Pattern BONUS_ID = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  /** The longest bonus id, 100 characters. */
  public static final int MAX_ID_LENGTH = 100;
  /** The longest reason (of an exclusion, a bonus or a cap), 200 characters. */
  public static final int MAX_REASON_LENGTH = 200;
  /** The longest notice, 500 characters. */
  public static final int MAX_NOTICE_LENGTH = 500;
  /** The most units of one reward a rule may grant, 100. */
  public static final int MAX_REWARD_QUANTITY = 100;
  /** The most notices one evaluation may add, 1,000. */
  public static final int MAX_NOTICES = 1_000;

  /** Plain decimal only: an exponent such as {@code 1e99999999} would make the accounting expand it. */
  private static final Pattern PLAIN_RATE = Pattern.compile(
      "[0-9]{1," + MAX_RATE_INTEGER_DIGITS + "}(\\.[0-9]{1," + MAX_RATE_FRACTION_DIGITS + "})?");
  private static final String RATE_EXPECTED = "a plain decimal ≥ 0 with at most " + MAX_RATE_INTEGER_DIGITS
      + " integer and " + MAX_RATE_FRACTION_DIGITS + " fraction digits and no exponent, such as \"1.5\"";

  /** One thing a rule decided. */
  @API(status = INTERNAL, since = "0.1")
  public sealed interface Output {
    /** {@return the name of the rule that decided it} */
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
   * A tier the member's qualifying spend reaches. Every tier change derives from the set of these:
   * an order moves the member up to the highest tier qualified above theirs; a review or a refund
   * lowers a tier that is not qualified any more.
   *
   * @param rule the rule
   * @param tier the tier qualified for
   */
  @API(status = INTERNAL, since = "0.1")
  public record Qualification(String rule, TierFact tier) implements Output {}

  /**
   * The member's current tier is up for review: lowered by the programme's downgrade policy if no
   * {@link Qualification} holds it.
   *
   * @param rule the rule
   * @param tier the member's current tier
   */
  @API(status = INTERNAL, since = "0.1")
  public record Review(String rule, TierFact tier) implements Output {}

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
   * A birthday or anniversary bonus campaign's points on a day-started event, keyed by its period.
   *
   * @param rule the rule
   * @param campaign the campaign
   */
  @API(status = INTERNAL, since = "0.1")
  public record CalendarBonus(String rule, CampaignFact campaign) implements Output {}

  /**
   * A non-point reward.
   *
   * @param rule the rule
   * @param id the gift campaign's id, or the reward code for a reward the rule names: part of its key
   * @param code the reward code
   * @param quantity how many
   * @param reason the explanation
   * @param gift the gift campaign, or null for a reward the rule names
   */
  @API(status = INTERNAL, since = "0.1")
  public record Reward(String rule, String id, String code, int quantity, String reason, CampaignFact gift)
      implements Output {}

  /**
   * A note that changes nothing.
   *
   * @param rule the rule
   * @param text the note
   */
  @API(status = INTERNAL, since = "0.1")
  public record Notice(String rule, String text) implements Output {}

  /**
   * A near miss: an order short of a campaign's minimum spend; a notice shown as written.
   *
   * @param rule the rule
   * @param text the note
   */
  @API(status = INTERNAL, since = "0.1")
  public record NearMiss(String rule, String text) implements Output {}

  /**
   * Store credit granted to the member whose event this is.
   *
   * @param rule the rule
   * @param id a stable id, unique among the grants of one event
   * @param amount the credit, in whole units of the programme currency
   * @param reason a human-readable reason
   */
  @API(status = INTERNAL, since = "0.1")
  public record StoreCredit(String rule, String id, long amount, String reason) implements Output {}

  private final Set<Object> inserted;
  private final List<Output> outputs = new ArrayList<>();
  private final List<String> firedRules = new ArrayList<>();
  private final EvaluationBound outputBound;
  private final int maxOutputs;
  private int notices;
  private String currentRule = "(no rule)";
  private boolean inConsequence;
  private RuleEvaluationException failure;

  private Decisions(Collection<?> facts, EvaluationBound outputBound) {
    this.inserted = Collections.newSetFromMap(new IdentityHashMap<>(facts.size() * 2));
    this.inserted.addAll(facts);
    this.outputBound = outputBound;
    this.maxOutputs = outputBound.limit(facts.size());
  }

  /**
   * Opens the collector of one evaluation. Only the engine calls this: the returned recorder is its
   * side of the collector, which rules never see.
   *
   * @param facts the facts the engine inserts for this evaluation; the collector accepts these
   *     instances and no others
   * @param outputBound the most outputs the evaluation may emit, for this many facts
   * @return the recorder; its {@link Recorder#decisions()} is the global rules call
   */
  @API(status = INTERNAL, since = "0.1")
  public static Recorder record(Collection<?> facts, EvaluationBound outputBound) {
    return new Recorder(new Decisions(facts, outputBound));
  }

  /**
   * The line earns {@code points} per {@code perAmount} of its earning base.
   *
   * @param line the line
   * @param points points, a whole number from 0 to {@value #MAX_RATE_POINTS}
   * @param perAmount per this much money, from 1 to {@value #MAX_PER_AMOUNT}, e.g. 100 for "1 point
   *     per NT$100"
   */
  public void baseRate(LineFact line, int points, int perAmount) {
    fact("baseRate", "line", line, LineFact.class);
    argument(points >= 0 && points <= MAX_RATE_POINTS, "baseRate", "points", points,
        "a whole number from 0 to " + MAX_RATE_POINTS);
    perAmount(perAmount);
    add(new BaseRate(currentRule, line, BigDecimal.valueOf(points), BigDecimal.valueOf(perAmount)));
  }

  /**
   * The line earns {@code points} (a decimal such as {@code "1.5"}) per {@code perAmount}.
   *
   * @param line the line
   * @param points points as a plain decimal string: digits with an optional fraction, at most
   *     {@value #MAX_RATE_INTEGER_DIGITS} integer and {@value #MAX_RATE_FRACTION_DIGITS} fraction
   *     digits, no sign, no exponent
   * @param perAmount per this much money, from 1 to {@value #MAX_PER_AMOUNT}
   */
  public void baseRate(LineFact line, String points, int perAmount) {
    fact("baseRate", "line", line, LineFact.class);
    // Length first, so the pattern never scans a huge string.
    argument(points != null && points.length() <= MAX_RATE_INTEGER_DIGITS + 1 + MAX_RATE_FRACTION_DIGITS
        && PLAIN_RATE.matcher(points).matches(), "baseRate", "points", points, RATE_EXPECTED);
    perAmount(perAmount);
    add(new BaseRate(currentRule, line, new BigDecimal(points), BigDecimal.valueOf(perAmount)));
  }

  private void perAmount(int perAmount) {
    argument(perAmount >= 1 && perAmount <= MAX_PER_AMOUNT, "baseRate", "perAmount", perAmount,
        "from 1 to " + MAX_PER_AMOUNT);
  }

  /**
   * The line earns nothing at all (no base, no campaign, no share of bonuses), e.g. gift cards.
   *
   * @param line the line
   * @param reason why, for the explanation; at most {@value #MAX_REASON_LENGTH} characters
   */
  public void exclude(LineFact line, String reason) {
    fact("exclude", "line", line, LineFact.class);
    text("exclude", "reason", reason, MAX_REASON_LENGTH);
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
    fact("multiply", "line", line, LineFact.class);
    fact("multiply", "campaign", campaign, CampaignFact.class);
    add(new Multiplier(currentRule, line, campaign));
  }

  /**
   * The campaign's fixed bonus is credited.
   *
   * @param campaign an active bonus campaign
   */
  public void bonus(CampaignFact campaign) {
    fact("bonus", "campaign", campaign, CampaignFact.class);
    // A referral campaign pays the referrer, never the member whose event this is.
    CampaignKind kind = campaign.getKind();
    argument(kind != CampaignKind.REFERRAL_BONUS && kind != CampaignKind.THRESHOLD_GIFT
        && kind != CampaignKind.BIRTHDAY_GIFT, "bonus", "campaign", campaign,
        "a welcome, first-order, threshold, birthday or anniversary bonus campaign (referral campaigns go to "
            + "referralBonus, gifts to reward)");
    if (kind == CampaignKind.BIRTHDAY_BONUS || kind == CampaignKind.ANNIVERSARY_BONUS) {
      add(new CalendarBonus(currentRule, campaign));
    } else {
      add(new Bonus(currentRule, campaign.getId(), campaign.getBonus(), campaign.getName()));
    }
  }

  /**
   * The order falls short of the campaign's minimum spend: adds the near-miss notice a member sees,
   * such as {@code near miss: order TWD 1200.00 is below the TWD 1499.00 threshold of "Spend
   * NT$1,499, get 200" (TWD 299.00 short)}. Changes nothing.
   *
   * @param campaign an active campaign with a minimum spend
   * @param order the order, whose earning base is below that minimum
   */
  public void nearMiss(CampaignFact campaign, OrderFact order) {
    fact("nearMiss", "campaign", campaign, CampaignFact.class);
    fact("nearMiss", "order", order, OrderFact.class);
    java.util.Optional<org.loyaltyrules.loyalty.Money> min = campaign.campaign().minSpend();
    argument(min.isPresent() && order.getEarningBase().compareTo(min.get().amount()) < 0, "nearMiss", "order",
        order.getEarningBase(), "an order below the campaign's minimum spend " + min.map(Object::toString).orElse("(none)"));
    org.loyaltyrules.loyalty.Money base = org.loyaltyrules.loyalty.Money.of(order.getEarningBase(), min.get().currency());
    addNotice(new NearMiss(currentRule, "near miss: order " + base + " is below the " + min.get() + " threshold of \""
        + campaign.getName() + "\" (" + min.get().minus(base) + " short)"));
  }

  /**
   * A fixed bonus named by the rule itself (e.g. a POS-only bonus).
   *
   * @param id a stable id, unique among the bonuses of one event: 1 to {@value #MAX_ID_LENGTH}
   *     letters, digits, {@code .}, {@code _} or {@code -}, starting with a letter or digit (it becomes
   *     part of ledger keys)
   * @param points the bonus, from 1 to {@value #MAX_BONUS_POINTS}
   * @param reason the explanation; at most {@value #MAX_REASON_LENGTH} characters
   */
  public void bonus(String id, int points, String reason) {
    check();
    // The id becomes part of ledger keys, which hosts store as database keys and the engine reads
    // back: letters, digits, '.', '_' and '-' only, so no key can be forged or broken by it.
    argument(id != null && id.length() <= MAX_ID_LENGTH && BONUS_ID.matcher(id).matches(), "bonus", "id", id,
        "an id of 1 to " + MAX_ID_LENGTH + " letters, digits, '.', '_' or '-', starting with a letter or digit");
    argument(points >= 1 && points <= MAX_BONUS_POINTS, "bonus", "points", points, "from 1 to " + MAX_BONUS_POINTS);
    text("bonus", "reason", reason, MAX_REASON_LENGTH);
    add(new Bonus(currentRule, id, points, reason));
  }

  /**
   * Grants store credit (購物金) to the member whose event this is: an order (credit the order's
   * refund takes back), an enrolment or a tier review, e.g. NT$100 for an order of NT$3,000 or
   * more. Store credit is money, spent 1:1 and kept apart from points; it expires by the programme's
   * {@code storeCreditValidity}. Each id is granted once per event, whatever the rules repeat; the
   * credit of one decision is bounded by the programme's {@code maxOrderTotal}.
   *
   * @param id a stable id, unique among the grants of one event: 1 to {@value #MAX_ID_LENGTH}
   *     letters, digits, {@code .}, {@code _} or {@code -}, starting with a letter or digit (it becomes
   *     part of ledger keys)
   * @param amount the credit in whole units of the programme currency (NT$100 is {@code 100}), from
   *     1 to {@value #MAX_STORE_CREDIT}
   * @param reason the explanation; at most {@value #MAX_REASON_LENGTH} characters
   */
  public void storeCredit(String id, int amount, String reason) {
    check();
    argument(id != null && id.length() <= MAX_ID_LENGTH && BONUS_ID.matcher(id).matches(), "storeCredit", "id", id,
        "an id of 1 to " + MAX_ID_LENGTH + " letters, digits, '.', '_' or '-', starting with a letter or digit");
    argument(amount >= 1 && amount <= MAX_STORE_CREDIT, "storeCredit", "amount", amount,
        "from 1 to " + MAX_STORE_CREDIT);
    text("storeCredit", "reason", reason, MAX_REASON_LENGTH);
    add(new StoreCredit(currentRule, id, amount, reason));
  }

  /**
   * The order earns at most {@code maxPoints} in all; bonuses and campaign extras are cut first.
   *
   * @param maxPoints the cap, from 0 to {@value #MAX_CAP_POINTS}
   * @param reason the explanation; at most {@value #MAX_REASON_LENGTH} characters
   */
  public void capOrderPoints(int maxPoints, String reason) {
    cap("capOrderPoints", maxPoints, reason);
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
   * @param maxPoints the cap for one day, from 0 to {@value #MAX_CAP_POINTS}
   * @param reason the explanation; at most {@value #MAX_REASON_LENGTH} characters
   */
  public void capDailyPoints(int maxPoints, String reason) {
    cap("capDailyPoints", maxPoints, reason);
    add(new DailyCap(currentRule, maxPoints, reason));
  }

  private void cap(String method, int maxPoints, String reason) {
    check();
    argument(maxPoints >= 0 && maxPoints <= MAX_CAP_POINTS, method, "maxPoints", maxPoints,
        "from 0 to " + MAX_CAP_POINTS);
    text(method, "reason", reason, MAX_REASON_LENGTH);
  }

  /**
   * The member's qualifying spend reaches this tier. This is the one place a tier is decided: the
   * engine moves a member up to the highest tier qualified above theirs after an order, and lowers
   * a tier no longer qualified at a review or, if the programme says so, after a refund. The entry
   * tier needs no qualification.
   *
   * @param tier a tier the engine inserted
   */
  public void qualifies(TierFact tier) {
    fact("qualifies", "tier", tier, TierFact.class);
    add(new Qualification(currentRule, tier));
  }

  /**
   * At a tier review: the member's current tier is reviewed, and lowered by the programme's
   * downgrade policy (and after its grace period) unless {@link #qualifies(TierFact)} holds it.
   * A rule that leaves a member out of review keeps their tier whatever their spend.
   *
   * @param currentTier the member's current tier
   */
  public void review(TierFact currentTier) {
    fact("review", "currentTier", currentTier, TierFact.class);
    add(new Review(currentRule, currentTier));
  }

  /**
   * The upline member earns a referral bonus (once per referee and level).
   *
   * @param upline the upline member
   * @param points the bonus, from 1 to {@value #MAX_BONUS_POINTS}
   */
  public void referralBonus(UplineFact upline, int points) {
    fact("referralBonus", "upline", upline, UplineFact.class);
    argument(points >= 1 && points <= MAX_BONUS_POINTS, "referralBonus", "points", points,
        "from 1 to " + MAX_BONUS_POINTS);
    add(new ReferralBonus(currentRule, upline, points));
  }

  /**
   * The upline member earns the referral campaign's bonus (once per referee and level).
   *
   * @param upline the upline member
   * @param campaign an active referral bonus campaign; its points are paid
   */
  public void referralBonus(UplineFact upline, CampaignFact campaign) {
    fact("referralBonus", "upline", upline, UplineFact.class);
    fact("referralBonus", "campaign", campaign, CampaignFact.class);
    argument(campaign.getKind() == CampaignKind.REFERRAL_BONUS, "referralBonus", "campaign", campaign,
        "a referral bonus campaign");
    add(new ReferralBonus(currentRule, upline, campaign.getBonus()));
  }

  /**
   * The gift campaign's reward is granted: a threshold gift on a paid order (once per order), a
   * birthday gift on a day of the birthday month (once per birthday year). Recorded as a {@link
   * org.loyaltyrules.loyalty.LedgerEntry.RewardGranted}; on other events it is ignored.
   *
   * @param gift an active gift campaign
   */
  public void reward(CampaignFact gift) {
    fact("reward", "gift", gift, CampaignFact.class);
    argument(gift.getKind() == CampaignKind.THRESHOLD_GIFT || gift.getKind() == CampaignKind.BIRTHDAY_GIFT, "reward",
        "gift", gift, "a threshold or birthday gift campaign");
    add(new Reward(currentRule, gift.getId(), gift.getReward(), gift.getQuantity(), gift.getName(), gift));
  }

  /**
   * A non-point reward the rule names (a coupon, free shipping), recorded as a {@link
   * org.loyaltyrules.loyalty.LedgerEntry.RewardGranted}: on a paid order once per order and code, on a
   * day-started event once per member, code and local month. On other events it is ignored.
   *
   * @param code the reward code the host fulfils: 1 to {@value
   *     org.loyaltyrules.loyalty.LedgerEntry.RewardGranted#MAX_CODE_LENGTH} letters, digits, {@code .},
   *     {@code _} or {@code -}, starting with a letter or digit (it becomes part of ledger keys)
   * @param quantity how many, from 1 to {@value #MAX_REWARD_QUANTITY}
   * @param reason the explanation; at most {@value #MAX_REASON_LENGTH} characters
   */
  public void reward(String code, int quantity, String reason) {
    check();
    argument(org.loyaltyrules.loyalty.LedgerEntry.RewardGranted.isValidCode(code), "reward", "code", code,
        "a code of 1 to " + org.loyaltyrules.loyalty.LedgerEntry.RewardGranted.MAX_CODE_LENGTH
            + " letters, digits, '.', '_' or '-', starting with a letter or digit");
    argument(quantity >= 1 && quantity <= MAX_REWARD_QUANTITY, "reward", "quantity", quantity,
        "from 1 to " + MAX_REWARD_QUANTITY);
    text("reward", "reason", reason, MAX_REASON_LENGTH);
    add(new Reward(currentRule, code, code, quantity, reason, null));
  }

  /**
   * A note for the decision (near-misses, explanations); changes nothing.
   *
   * @param text the note, at most {@value #MAX_NOTICE_LENGTH} characters; at most {@value
   *     #MAX_NOTICES} notices per evaluation
   */
  public void notice(String text) {
    check();
    text("notice", "text", text, MAX_NOTICE_LENGTH);
    addNotice(new Notice(currentRule, text));
  }

  private void addNotice(Output notice) {
    if (notices >= MAX_NOTICES) {
      List<String> rules = new ArrayList<>();
      for (Output output : outputs) {
        if (output instanceof Notice || output instanceof NearMiss) {
          rules.add(output.rule());
        }
      }
      rules.add(currentRule);
      RuleCount top = mostFrequent(rules);
      throw fail(new RuleEvaluationException(RuleEvaluationException.RULE_RUNAWAY, top.rule(), "Runaway rules: notices [> "
          + MAX_NOTICES + "]; expected ≤ " + MAX_NOTICES + " per evaluation " + top.blame(currentRule), null));
    }
    add(notice);
    notices++;
  }

  // ---- checks: each refusal is recorded, so a rule that catches it still fails the evaluation ----

  /** Once one call was refused, every later call is too: the evaluation has failed. */
  private void check() {
    if (failure != null) {
      throw failure;
    }
  }

  private void fact(String method, String argument, Object fact, Class<?> type) {
    check();
    String expected = "a " + type.getSimpleName() + " the engine inserted for this evaluation";
    if (fact == null) {
      throw fail(RuleEvaluationException.refused(RuleEvaluationException.RULE_ARGUMENT, "Rule argument refused",
          currentRule, method + "." + argument, null, expected));
    }
    // Identity, not equality: a copy with the same content is still a forgery.
    if (!inserted.contains(fact)) {
      throw fail(RuleEvaluationException.refused(RuleEvaluationException.FORGED_FACT, "Forged fact refused",
          currentRule, method + "." + argument, fact, expected + ", not one a rule made or kept"));
    }
  }

  private void text(String method, String argument, String text, int maxLength) {
    // Control characters (line breaks, NUL, and U+2028/U+2029) would forge lines in statements, logs and
    // CSV exports; bidi and zero-width format controls make a line read otherwise than it is. The DRL
    // checker refuses them in the file, but a rule can copy them from host data (SKUs, event attributes).
    argument(text != null && text.length() <= maxLength && !hasControlCharacter(text), method, argument, text,
        "a text of at most " + maxLength + " characters without control characters");
  }

  private static boolean hasControlCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int type = Character.getType(c);
      if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR) {
        return true;
      }
    }
    return false;
  }

  private void argument(boolean valid, String method, String argument, Object value, String expected) {
    check();
    if (!valid) {
      throw fail(RuleEvaluationException.refused(RuleEvaluationException.RULE_ARGUMENT, "Rule argument refused",
          currentRule, method + "." + argument, value, expected));
    }
  }

  private void add(Output output) {
    check();
    if (outputs.size() >= maxOutputs) {
      // The rule that emitted the most outputs caused the flood; the one whose output crossed the
      // bound may be an innocent rule that happened to fire last.
      List<String> rules = new ArrayList<>(outputs.size() + 1);
      for (Output each : outputs) {
        rules.add(each.rule());
      }
      rules.add(currentRule);
      RuleCount top = mostFrequent(rules);
      throw fail(new RuleEvaluationException(RuleEvaluationException.RULE_RUNAWAY, top.rule(), "Runaway rules: outputs [> "
          + maxOutputs + "]; expected " + outputBound.expectation(inserted.size()) + " " + top.blame(currentRule),
          null));
    }
    outputs.add(output);
  }

  /**
   * A rule and how often it appears in a list of firings or outputs.
   *
   * @param rule the rule's name
   * @param count how often
   */
  @API(status = INTERNAL, since = "0.1")
  public record RuleCount(String rule, int count) {
    /**
     * {@return e.g. {@code (rule: a flooding rule, with 9990 of them; last: tier-upgrade)}}
     *
     * @param last the rule that fired (or emitted) last
     */
    public String blame(String last) {
      return "(rule: " + rule + ", with " + count + " of them; last: " + last + ")";
    }
  }

  /**
   * Counts only when a bound has tripped, so the hot path pays nothing for the attribution.
   *
   * @param rules rule names, one per firing or output
   * @return the most frequent; on a tie the one that reached the count first
   */
  @API(status = INTERNAL, since = "0.1")
  public static RuleCount mostFrequent(List<String> rules) {
    java.util.Map<String, Integer> counts = new java.util.HashMap<>();
    String best = rules.isEmpty() ? "(no rule)" : rules.get(0);
    int bestCount = 0;
    for (String rule : rules) {
      int count = counts.merge(rule, 1, Integer::sum);
      if (count > bestCount) {
        best = rule;
        bestCount = count;
      }
    }
    return new RuleCount(best, bestCount);
  }

  private RuleEvaluationException fail(RuleEvaluationException e) {
    if (failure == null) {
      failure = e;
    }
    return failure;
  }

  /**
   * The engine's side of one evaluation's collector: attribution of outputs to rules, and what was
   * decided or refused. Rules never see it (they get {@link #decisions()} only).
   */
  @API(status = INTERNAL, since = "0.1")
  public static final class Recorder {
    private final Decisions decisions;

    private Recorder(Decisions decisions) {
      this.decisions = decisions;
    }

    /** {@return the collector, to set as the rules' global} */
    public Decisions decisions() {
      return decisions;
    }

    /**
     * Records that a rule fired and its consequence runs next.
     *
     * @param rule the rule whose consequence runs next
     */
    public void enterRule(String rule) {
      decisions.currentRule = rule;
      decisions.inConsequence = true;
      decisions.firedRules.add(rule);
    }

    /** The consequence entered last returned normally. */
    public void leaveRule() {
      decisions.inConsequence = false;
    }

    /** {@return whether a consequence is running (entered and not yet returned)} */
    public boolean inConsequence() {
      return decisions.inConsequence;
    }

    /** {@return the names of the rules that fired, in firing order} */
    public List<String> firedRules() {
      return Collections.unmodifiableList(decisions.firedRules);
    }

    /** {@return the rule whose consequence ran last} */
    public String currentRule() {
      return decisions.currentRule;
    }

    /** {@return everything decided, in order} */
    public List<Output> outputs() {
      return Collections.unmodifiableList(decisions.outputs);
    }

    /** {@return the first refused call, which fails the evaluation whatever the rule did next} */
    public Optional<RuleEvaluationException> failure() {
      return Optional.ofNullable(decisions.failure);
    }
  }
}
