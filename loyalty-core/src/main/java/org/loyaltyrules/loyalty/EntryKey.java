package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

// Longer than 400 lines because it is the key protocol's one place: every kind's record, factory and the
// parse of stored text sit together, so the text forms cannot drift apart.
/**
 * The idempotency key of a ledger entry, typed: what the engine writes in {@link LedgerEntry#key()}
 * and the one place its text form is built and read. Hosts and tests make keys with the factories
 * ({@link #orderBase(String)}, {@link #redemption(String)}, …) and read a stored key with {@link
 * #parse(String)}; nothing else needs to know the text.
 *
 * <p>The text forms are part of the stored format and never change:
 *
 * <table>
 *   <caption>Key kinds</caption>
 *   <tr><th>kind</th><th>text</th></tr>
 *   <tr><td>{@link OrderBase}</td><td>{@code order:<orderId>:base}</td></tr>
 *   <tr><td>{@link OrderCampaign}</td><td>{@code order:<orderId>:campaign:<campaignId>}</td></tr>
 *   <tr><td>{@link OrderBonus}</td><td>{@code order:<orderId>:bonus:<bonusId>}</td></tr>
 *   <tr><td>{@link EnrolmentBonus}</td><td>{@code enrol:<memberId>:bonus:<bonusId>}</td></tr>
 *   <tr><td>{@link ReferralBonus}</td><td>{@code referral:<refereeId>:level-<n>}</td></tr>
 *   <tr><td>{@link Clawback}</td><td>{@code return:<returnId>:<earned entry's key>}</td></tr>
 *   <tr><td>{@link Redemption}</td><td>{@code redeem:<redemptionId>}</td></tr>
 *   <tr><td>{@link RedemptionCancellation}</td><td>{@code redeem-cancel:<redemptionId>}</td></tr>
 *   <tr><td>{@link Release}</td><td>{@code release:<earned entry's key>}</td></tr>
 *   <tr><td>{@link Expiry}</td><td>{@code expire:<lot key>@<instant>}</td></tr>
 *   <tr><td>{@link CreditGrant}</td><td>{@code credit:<eventId>:grant:<grantId>}</td></tr>
 *   <tr><td>{@link CreditSpend}</td><td>{@code credit-spend:<spendId>}</td></tr>
 *   <tr><td>{@link CreditSpendCancellation}</td><td>{@code credit-spend-cancel:<spendId>}</td></tr>
 *   <tr><td>{@link PeriodBonus}</td><td>{@code day:<memberId>:<period>:bonus:<bonusId>}</td></tr>
 *   <tr><td>{@link PeriodReward}</td><td>{@code day:<memberId>:<period>:reward:<reward>}</td></tr>
 *   <tr><td>{@link OrderReward}</td><td>{@code order:<orderId>:reward:<reward>}</td></tr>
 *   <tr><td>{@link RewardRevocation}</td><td>{@code revoke:<grant's key>}</td></tr>
 *   <tr><td>{@link EventBonus}</td><td>{@code event:<eventId>:bonus:<campaignId>}</td></tr>
 *   <tr><td>{@link Other}</td><td>any other text, e.g. the key of a host's {@link LedgerEntry.Adjusted}</td></tr>
 * </table>
 *
 * <p>Campaign and bonus ids never contain {@code :} (campaign files and the rules' collector refuse
 * one), so the kinds ending in one are read from the right and an order or member id may contain
 * {@code :}; a campaign or bonus may even be called {@code base}. The one text two keys share is an
 * order id ending in {@code :campaign} or {@code :bonus} whose base key reads as a campaign's or
 * bonus's key of a shorter order id: {@link #parse} reads it as the latter. A {@link Clawback}'s return id is read up to the first {@code :order:}, {@code
 * :enrol:} or {@code :referral:} that starts a key of an earned entry; a return id containing one of
 * those is read wrongly, which only matters to {@link #parse}: the engine never parses keys.
 *
 * <p>Every implementation is an immutable, thread-safe value.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public sealed interface EntryKey {

  /** {@return the text stored as {@link LedgerEntry#key()}} */
  String text();

  /** A key of an entry an order earned: its base points, a campaign's extra or a bonus. */
  sealed interface OrderEarning extends EntryKey {
    /** {@return the order} */
    String orderId();
  }

  /** A key naming the earned entry it acts on (a clawback or a release). */
  sealed interface OfEarned extends EntryKey {
    /** {@return the key of the earned entry} */
    EntryKey earned();
  }

  /**
   * The base points and qualifying spend of an order.
   *
   * @param orderId the order
   */
  record OrderBase(String orderId) implements OrderEarning {
    /**
     * Validates the id.
     *
     * @param orderId the order
     * @throws LoyaltyException if a component is invalid
     */
    public OrderBase {
      Checks.nonBlank("entry key", "orderId", orderId);
    }

    @Override
    public String text() {
      return "order:" + orderId + ":base";
    }
  }

  /**
   * The extra points a multiplier campaign gave an order.
   *
   * @param orderId the order
   * @param campaignId the campaign
   */
  record OrderCampaign(String orderId, String campaignId) implements OrderEarning {
    /**
     * Validates the ids.
     *
     * @param orderId the order
     * @param campaignId the campaign
     * @throws LoyaltyException if a component is invalid
     */
    public OrderCampaign {
      Checks.nonBlank("entry key", "orderId", orderId);
      component("campaignId", campaignId);
    }

    @Override
    public String text() {
      return "order:" + orderId + ":campaign:" + campaignId;
    }
  }

  /**
   * A fixed bonus an order earned (first order, spend threshold, or one a rule names).
   *
   * @param orderId the order
   * @param bonusId the bonus
   */
  record OrderBonus(String orderId, String bonusId) implements OrderEarning {
    /**
     * Validates the ids.
     *
     * @param orderId the order
     * @param bonusId the bonus
     * @throws LoyaltyException if a component is invalid
     */
    public OrderBonus {
      Checks.nonBlank("entry key", "orderId", orderId);
      component("bonusId", bonusId);
    }

    @Override
    public String text() {
      return "order:" + orderId + ":bonus:" + bonusId;
    }
  }

  /**
   * A bonus credited at enrolment (a welcome bonus).
   *
   * @param memberId the member enrolled
   * @param bonusId the bonus
   */
  record EnrolmentBonus(String memberId, String bonusId) implements EntryKey {
    /**
     * Validates the ids.
     *
     * @param memberId the member enrolled
     * @param bonusId the bonus
     * @throws LoyaltyException if a component is invalid
     */
    public EnrolmentBonus {
      Checks.nonBlank("entry key", "memberId", memberId);
      component("bonusId", bonusId);
    }

    @Override
    public String text() {
      return "enrol:" + memberId + ":bonus:" + bonusId;
    }
  }

  /**
   * A referral bonus in an upline member's ledger; one per referred member and level.
   *
   * @param refereeId the referred member whose order paid it
   * @param level the referral level, 1 for the direct referrer
   */
  record ReferralBonus(String refereeId, int level) implements EntryKey {
    /**
     * Validates the id and level.
     *
     * @param refereeId the referred member whose order paid it
     * @param level the referral level, 1 for the direct referrer
     * @throws LoyaltyException if a component is invalid
     */
    public ReferralBonus {
      Checks.nonBlank("entry key", "refereeId", refereeId);
      Checks.check(level >= 1, "entry key", "level", level, "≥ 1");
    }

    @Override
    public String text() {
      return "referral:" + refereeId + ":level-" + level;
    }
  }

  /**
   * What a return took back from one earned entry.
   *
   * @param returnId the return event
   * @param earned the key of the earned entry clawed back
   */
  record Clawback(String returnId, EntryKey earned) implements OfEarned {
    /**
     * Validates the id and key.
     *
     * @param returnId the return event
     * @param earned the key of the earned entry clawed back
     * @throws LoyaltyException if a component is invalid
     */
    public Clawback {
      Checks.nonBlank("entry key", "returnId", returnId);
      Checks.present("entry key", "earned", earned);
    }

    @Override
    public String text() {
      return "return:" + returnId + ":" + earned.text();
    }
  }

  /**
   * A redemption.
   *
   * @param redemptionId the redemption event
   */
  record Redemption(String redemptionId) implements EntryKey {
    /**
     * Validates the id.
     *
     * @param redemptionId the redemption event
     * @throws LoyaltyException if a component is invalid
     */
    public Redemption {
      Checks.nonBlank("entry key", "redemptionId", redemptionId);
    }

    @Override
    public String text() {
      return "redeem:" + redemptionId;
    }
  }

  /**
   * The cancellation of a redemption.
   *
   * @param redemptionId the redemption cancelled
   */
  record RedemptionCancellation(String redemptionId) implements EntryKey {
    /**
     * Validates the id.
     *
     * @param redemptionId the redemption cancelled
     * @throws LoyaltyException if a component is invalid
     */
    public RedemptionCancellation {
      Checks.nonBlank("entry key", "redemptionId", redemptionId);
    }

    /** {@return the key of the redemption cancelled} */
    public Redemption redemption() {
      return new Redemption(redemptionId);
    }

    @Override
    public String text() {
      return "redeem-cancel:" + redemptionId;
    }
  }

  /**
   * The early release of an earned entry's pending points.
   *
   * @param earned the key of the earned entry released
   */
  record Release(EntryKey earned) implements OfEarned {
    /**
     * Validates the key.
     *
     * @param earned the key of the earned entry released
     * @throws LoyaltyException if a component is invalid
     */
    public Release {
      Checks.present("entry key", "earned", earned);
    }

    @Override
    public String text() {
      return "release:" + earned.text();
    }
  }

  /**
   * What one expiry run expired from one lot.
   *
   * @param lot the key of the lot (the earned entry that opened it)
   * @param at the instant of the run
   */
  record Expiry(EntryKey lot, Instant at) implements EntryKey {
    /**
     * Validates the key and instant.
     *
     * @param lot the key of the lot (the earned entry that opened it)
     * @param at the instant of the run
     * @throws LoyaltyException if a component is invalid
     */
    public Expiry {
      Checks.present("entry key", "lot", lot);
      Checks.instant("entry key", "at", at);
    }

    @Override
    public String text() {
      return "expire:" + lot.text() + "@" + at;
    }
  }

  /**
   * Store credit an event granted (a clawback of it is a {@link Clawback} naming this key, its expiry
   * an {@link Expiry} of it).
   *
   * @param eventId the event whose decision granted it (an order id for credit an order earned)
   * @param grantId the grant, unique among one event's grants
   */
  record CreditGrant(String eventId, String grantId) implements EntryKey {
    /**
     * Validates the ids.
     *
     * @param eventId the event whose decision granted it
     * @param grantId the grant, unique among one event's grants
     * @throws LoyaltyException if a component is invalid
     */
    public CreditGrant {
      Checks.nonBlank("entry key", "eventId", eventId);
      component("grantId", grantId);
    }

    @Override
    public String text() {
      return "credit:" + eventId + ":grant:" + grantId;
    }
  }

  /**
   * A spend of store credit.
   *
   * @param spendId the spend event
   */
  record CreditSpend(String spendId) implements EntryKey {
    /**
     * Validates the id.
     *
     * @param spendId the spend event
     * @throws LoyaltyException if a component is invalid
     */
    public CreditSpend {
      Checks.nonBlank("entry key", "spendId", spendId);
    }

    @Override
    public String text() {
      return "credit-spend:" + spendId;
    }
  }

  /**
   * The cancellation of a spend of store credit.
   *
   * @param spendId the spend cancelled
   */
  record CreditSpendCancellation(String spendId) implements EntryKey {
    /**
     * Validates the id.
     *
     * @param spendId the spend cancelled
     * @throws LoyaltyException if a component is invalid
     */
    public CreditSpendCancellation {
      Checks.nonBlank("entry key", "spendId", spendId);
    }

    /** {@return the key of the spend cancelled} */
    public CreditSpend spend() {
      return new CreditSpend(spendId);
    }

    @Override
    public String text() {
      return "credit-spend-cancel:" + spendId;
    }
  }

  /**
   * A bonus a {@link LoyaltyEvent.DayStarted} paid, once per member, bonus and calendar period: the
   * birthday year ({@code birthday-2026}), the enrolment anniversary ({@code anniversary-3}) or, for a
   * bonus a rule names, the local month ({@code month-2026-03}).
   *
   * @param memberId the member
   * @param period the period, without {@code :}
   * @param bonusId the bonus (campaign id or rule-named id)
   */
  record PeriodBonus(String memberId, String period, String bonusId) implements EntryKey {
    /**
     * Validates the components.
     *
     * @param memberId the member
     * @param period the period, without {@code :}
     * @param bonusId the bonus
     * @throws LoyaltyException if a component is invalid
     */
    public PeriodBonus {
      Checks.nonBlank("entry key", "memberId", memberId);
      component("period", period);
      component("bonusId", bonusId);
    }

    @Override
    public String text() {
      return "day:" + memberId + ":" + period + ":bonus:" + bonusId;
    }
  }

  /**
   * A non-point reward a {@link LoyaltyEvent.DayStarted} granted, once per member, reward and period
   * (periods as for {@link PeriodBonus}).
   *
   * @param memberId the member
   * @param period the period, without {@code :}
   * @param reward the reward code
   */
  record PeriodReward(String memberId, String period, String reward) implements EntryKey {
    /**
     * Validates the components.
     *
     * @param memberId the member
     * @param period the period, without {@code :}
     * @param reward the reward code
     * @throws LoyaltyException if a component is invalid
     */
    public PeriodReward {
      Checks.nonBlank("entry key", "memberId", memberId);
      component("period", period);
      component("reward", reward);
    }

    @Override
    public String text() {
      return "day:" + memberId + ":" + period + ":reward:" + reward;
    }
  }

  /**
   * A non-point reward an order earned (a threshold gift), once per order and reward code.
   *
   * @param orderId the order
   * @param reward the reward code
   */
  record OrderReward(String orderId, String reward) implements EntryKey {
    /**
     * Validates the components.
     *
     * @param orderId the order
     * @param reward the reward code
     * @throws LoyaltyException if a component is invalid
     */
    public OrderReward {
      Checks.nonBlank("entry key", "orderId", orderId);
      component("reward", reward);
    }

    @Override
    public String text() {
      return "order:" + orderId + ":reward:" + reward;
    }
  }

  /**
   * The revocation of a granted reward; one per grant, so a grant is revoked at most once.
   *
   * @param grant the key of the reward-granted entry
   */
  record RewardRevocation(EntryKey grant) implements EntryKey {
    /**
     * Validates the key.
     *
     * @param grant the key of the reward-granted entry
     * @throws LoyaltyException if a component is invalid
     */
    public RewardRevocation {
      Checks.present("entry key", "grant", grant);
    }

    @Override
    public String text() {
      return "revoke:" + grant.text();
    }
  }

  /**
   * A bonus a {@link LoyaltyEvent.CustomEvent} earned from an event-bonus campaign: one per event and
   * campaign, so a redelivered event finds its key and pays nothing more, and the campaign id tells
   * per-member limits and budgets what the campaign already paid.
   *
   * @param eventId the custom event (its id has no {@code :})
   * @param campaignId the campaign
   */
  @org.apiguardian.api.API(status = org.apiguardian.api.API.Status.EXPERIMENTAL, since = "0.1")
  record EventBonus(String eventId, String campaignId) implements EntryKey {
    /**
     * Validates the ids.
     *
     * @param eventId the custom event
     * @param campaignId the campaign
     * @throws LoyaltyException if a component is invalid
     */
    public EventBonus {
      component("eventId", eventId);
      component("campaignId", campaignId);
    }

    @Override
    public String text() {
      return "event:" + eventId + ":bonus:" + campaignId;
    }
  }

  /**
   * A key of no kind the engine makes: a host's adjustment, say.
   *
   * @param text the key
   */
  record Other(String text) implements EntryKey {
    /**
     * Validates the text.
     *
     * @param text the key
     * @throws LoyaltyException if a component is invalid
     */
    public Other {
      Checks.nonBlank("entry key", "text", text);
    }
  }

  /**
   * {@return the key of an order's base entry}
   *
   * @param orderId the order
   * @throws LoyaltyException if an argument is invalid
   */
  static OrderBase orderBase(String orderId) {
    return new OrderBase(orderId);
  }

  /**
   * {@return the key of a campaign's extra points on an order}
   *
   * @param orderId the order
   * @param campaignId the campaign
   * @throws LoyaltyException if an argument is invalid
   */
  static OrderCampaign orderCampaign(String orderId, String campaignId) {
    return new OrderCampaign(orderId, campaignId);
  }

  /**
   * {@return the key of a bonus an order earned}
   *
   * @param orderId the order
   * @param bonusId the bonus campaign
   * @throws LoyaltyException if an argument is invalid
   */
  static OrderBonus orderBonus(String orderId, String bonusId) {
    return new OrderBonus(orderId, bonusId);
  }

  /**
   * {@return the key of a bonus credited when the member enrolled}
   *
   * @param memberId the member who enrolled
   * @param bonusId the bonus campaign
   * @throws LoyaltyException if an argument is invalid
   */
  static EnrolmentBonus enrolmentBonus(String memberId, String bonusId) {
    return new EnrolmentBonus(memberId, bonusId);
  }

  /**
   * {@return the key of the level-{@code level} referral bonus the referee's order paid}
   *
   * @param refereeId the referred member whose order paid the bonus
   * @param level the upline level, 1 for the direct referrer
   * @throws LoyaltyException if an argument is invalid
   */
  static ReferralBonus referralBonus(String refereeId, int level) {
    return new ReferralBonus(refereeId, level);
  }

  /**
   * {@return the key of what return {@code returnId} took back from the entry keyed {@code earned}}
   *
   * @param returnId the return
   * @param earned the key of the earned entry
   * @throws LoyaltyException if an argument is invalid
   */
  static Clawback clawback(String returnId, EntryKey earned) {
    return new Clawback(returnId, earned);
  }

  /**
   * {@return the key of a redemption}
   *
   * @param redemptionId the redemption
   * @throws LoyaltyException if an argument is invalid
   */
  static Redemption redemption(String redemptionId) {
    return new Redemption(redemptionId);
  }

  /**
   * {@return the key of a redemption's cancellation}
   *
   * @param redemptionId the redemption
   * @throws LoyaltyException if an argument is invalid
   */
  static RedemptionCancellation redemptionCancellation(String redemptionId) {
    return new RedemptionCancellation(redemptionId);
  }

  /**
   * {@return the key of the early release of the entry keyed {@code earned}}
   *
   * @param earned the key of the earned entry
   * @throws LoyaltyException if an argument is invalid
   */
  static Release release(EntryKey earned) {
    return new Release(earned);
  }

  /**
   * {@return the key of what the run at {@code at} expired from the lot keyed {@code lot}}
   *
   * @param lot the key of the lot (the earned entry that opened it)
   * @param at the instant of the expiry run
   * @throws LoyaltyException if an argument is invalid
   */
  static Expiry expiry(EntryKey lot, Instant at) {
    return new Expiry(lot, at);
  }

  /**
   * {@return the key of store credit event {@code eventId} granted as {@code grantId}}
   *
   * @param eventId the event whose decision granted it
   * @param grantId the grant, unique among that event's grants
   * @throws LoyaltyException if an argument is invalid
   */
  static CreditGrant creditGrant(String eventId, String grantId) {
    return new CreditGrant(eventId, grantId);
  }

  /**
   * {@return the key of a spend of store credit}
   *
   * @param spendId the spend
   * @throws LoyaltyException if an argument is invalid
   */
  static CreditSpend creditSpend(String spendId) {
    return new CreditSpend(spendId);
  }

  /**
   * {@return the key of a store-credit spend's cancellation}
   *
   * @param spendId the spend
   * @throws LoyaltyException if an argument is invalid
   */
  static CreditSpendCancellation creditSpendCancellation(String spendId) {
    return new CreditSpendCancellation(spendId);
  }

  /**
   * {@return the key of a birthday-month bonus: once per member, bonus and birthday year}
   *
   * @param memberId the member
   * @param year the year of the birthday month
   * @param bonusId the bonus campaign
   * @throws LoyaltyException if an argument is invalid
   */
  static PeriodBonus birthdayBonus(String memberId, int year, String bonusId) {
    return new PeriodBonus(memberId, "birthday-" + year, bonusId);
  }

  /**
   * {@return the key of an enrolment-anniversary bonus: once per member, bonus and anniversary}
   *
   * @param memberId the member
   * @param years which anniversary, 1 for the first
   * @param bonusId the bonus campaign
   * @throws LoyaltyException if an argument is invalid
   */
  static PeriodBonus anniversaryBonus(String memberId, int years, String bonusId) {
    Checks.check(years >= 1, "entry key", "years", years, "≥ 1");
    return new PeriodBonus(memberId, "anniversary-" + years, bonusId);
  }

  /**
   * {@return the key of a bonus a rule names on a day-started event: once per member, bonus and local month}
   *
   * @param memberId the member
   * @param month the local month of the day
   * @param bonusId the bonus
   * @throws LoyaltyException if an argument is invalid
   */
  static PeriodBonus monthBonus(String memberId, java.time.YearMonth month, String bonusId) {
    Checks.present("entry key", "month", month);
    return new PeriodBonus(memberId, "month-" + month, bonusId);
  }

  /**
   * {@return the key of a birthday-month reward: once per member, reward and birthday year}
   *
   * @param memberId the member
   * @param year the year of the birthday month
   * @param reward the reward code
   * @throws LoyaltyException if an argument is invalid
   */
  static PeriodReward birthdayReward(String memberId, int year, String reward) {
    return new PeriodReward(memberId, "birthday-" + year, reward);
  }

  /**
   * {@return the key of a reward a rule names on a day-started event: once per member, reward and local month}
   *
   * @param memberId the member
   * @param month the local month of the day
   * @param reward the reward code
   * @throws LoyaltyException if an argument is invalid
   */
  static PeriodReward monthReward(String memberId, java.time.YearMonth month, String reward) {
    Checks.present("entry key", "month", month);
    return new PeriodReward(memberId, "month-" + month, reward);
  }

  /**
   * {@return the key of a reward an order earned}
   *
   * @param orderId the order
   * @param reward the reward code
   * @throws LoyaltyException if an argument is invalid
   */
  static OrderReward orderReward(String orderId, String reward) {
    return new OrderReward(orderId, reward);
  }

  /**
   * {@return the key of the revocation of the reward granted under {@code grant}}
   *
   * @param grant the key of the reward-granted entry
   * @throws LoyaltyException if an argument is invalid
   */
  static RewardRevocation rewardRevocation(EntryKey grant) {
    return new RewardRevocation(grant);
  }

  /**
   * {@return the key of what a custom event earned from an event-bonus campaign}
   *
   * @param eventId the custom event
   * @param campaignId the campaign
   * @throws LoyaltyException if an argument is invalid
   */
  @org.apiguardian.api.API(status = org.apiguardian.api.API.Status.EXPERIMENTAL, since = "0.1")
  static EventBonus eventBonus(String eventId, String campaignId) {
    return new EventBonus(eventId, campaignId);
  }

  /**
   * Reads a stored key. Never fails on a non-blank text: a text of no known form (or a known
   * prefix with a malformed rest) is an {@link Other}.
   *
   * @param text a key, as in {@link LedgerEntry#key()}
   * @return the typed key, whose {@link #text()} equals {@code text}
   * @throws InvalidValueException if {@code text} is null or blank
   */
  static EntryKey parse(String text) {
    Checks.nonBlank("entry key", "text", text);
    EntryKey parsed = known(text);
    return parsed != null && parsed.text().equals(text) ? parsed : new Other(text);
  }

  private static void component(String field, String id) {
    Checks.nonBlank("entry key", field, id);
    Checks.check(id.indexOf(':') < 0, "entry key", field, id, "an id without ':'");
  }

  /** The reading side of the text forms; null for a text of no known form. */
  private static EntryKey known(String text) {
    try {
      if (text.startsWith("order:")) {
        return orderEarning(text.substring("order:".length()));
      }
      if (text.startsWith("enrol:")) {
        String rest = text.substring("enrol:".length());
        int at = rest.lastIndexOf(":bonus:");
        return at > 0 ? new EnrolmentBonus(rest.substring(0, at), rest.substring(at + ":bonus:".length())) : null;
      }
      if (text.startsWith("referral:")) {
        String rest = text.substring("referral:".length());
        int at = rest.lastIndexOf(":level-");
        String level = at > 0 ? rest.substring(at + ":level-".length()) : "";
        return level.matches("[1-9][0-9]{0,8}") ? new ReferralBonus(rest.substring(0, at), Integer.parseInt(level)) : null;
      }
      if (text.startsWith("return:")) {
        String rest = text.substring("return:".length());
        int at = firstEarnedKey(rest);
        return at > 0 ? new Clawback(rest.substring(0, at), parse(rest.substring(at + 1))) : null;
      }
      if (text.startsWith("redeem-cancel:")) {
        return new RedemptionCancellation(text.substring("redeem-cancel:".length()));
      }
      if (text.startsWith("redeem:")) {
        return new Redemption(text.substring("redeem:".length()));
      }
      if (text.startsWith("release:")) {
        return new Release(EntryKey.parse(text.substring("release:".length())));
      }
      if (text.startsWith("day:")) {
        return periodKey(text.substring("day:".length()));
      }
      if (text.startsWith("revoke:")) {
        return new RewardRevocation(EntryKey.parse(text.substring("revoke:".length())));
      }
      if (text.startsWith("expire:")) {
        String rest = text.substring("expire:".length());
        int at = rest.lastIndexOf('@');
        return at > 0 ? new Expiry(EntryKey.parse(rest.substring(0, at)), Instant.parse(rest.substring(at + 1))) : null;
      }
      if (text.startsWith("credit:")) {
        String rest = text.substring("credit:".length());
        int at = rest.lastIndexOf(":grant:");
        return at > 0 ? new CreditGrant(rest.substring(0, at), rest.substring(at + ":grant:".length())) : null;
      }
      if (text.startsWith("credit-spend-cancel:")) {
        return new CreditSpendCancellation(text.substring("credit-spend-cancel:".length()));
      }
      if (text.startsWith("credit-spend:")) {
        return new CreditSpend(text.substring("credit-spend:".length()));
      }
      if (text.startsWith("event:")) {
        String rest = text.substring("event:".length());
        int at = rest.indexOf(":bonus:");
        return at > 0 ? new EventBonus(rest.substring(0, at), rest.substring(at + ":bonus:".length())) : null;
      }
      return null;
    } catch (InvalidValueException | DateTimeParseException e) {
      return null;
    }
  }

  private static EntryKey orderEarning(String rest) {
    // Components first: their ids never contain ':', so "order:o:campaign:base" is campaign "base"
    // of order "o", not the base entry of an order called "o:campaign".
    int last = rest.lastIndexOf(':');
    if (last > 0) {
      String id = rest.substring(last + 1);
      String head = rest.substring(0, last);
      if (head.endsWith(":campaign") && head.length() > ":campaign".length()) {
        return new OrderCampaign(head.substring(0, head.length() - ":campaign".length()), id);
      }
      if (head.endsWith(":bonus") && head.length() > ":bonus".length()) {
        return new OrderBonus(head.substring(0, head.length() - ":bonus".length()), id);
      }
      if (head.endsWith(":reward") && head.length() > ":reward".length()) {
        return new OrderReward(head.substring(0, head.length() - ":reward".length()), id);
      }
    }
    if (rest.endsWith(":base")) {
      return new OrderBase(rest.substring(0, rest.length() - ":base".length()));
    }
    return null;
  }

  /** {@code <memberId>:<period>:bonus|reward:<id>}, read from the right: period and id never hold ':'. */
  private static EntryKey periodKey(String rest) {
    int last = rest.lastIndexOf(':');
    if (last <= 0) {
      return null;
    }
    String id = rest.substring(last + 1);
    String head = rest.substring(0, last);
    boolean bonus = head.endsWith(":bonus");
    if (!bonus && !head.endsWith(":reward")) {
      return null;
    }
    head = head.substring(0, head.length() - (bonus ? ":bonus" : ":reward").length());
    int at = head.lastIndexOf(':');
    if (at <= 0) {
      return null;
    }
    String member = head.substring(0, at);
    String period = head.substring(at + 1);
    return bonus ? new PeriodBonus(member, period, id) : new PeriodReward(member, period, id);
  }

  private static int firstEarnedKey(String rest) {
    int best = -1;
    for (String prefix : new String[] {":order:", ":enrol:", ":referral:", ":credit:", ":day:", ":event:"}) {
      int at = rest.indexOf(prefix);
      if (at > 0 && (best < 0 || at < best)) {
        best = at;
      }
    }
    return best;
  }
}
