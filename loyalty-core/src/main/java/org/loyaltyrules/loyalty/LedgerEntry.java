package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

// Longer than 400 lines because it is the sealed ledger-entry API in one file: every kind of entry is a
// record here, and each record documents its components twice (record and validating constructor).
/**
 * One immutable line of a member's {@link PointLedger}. Entries are never edited or deleted: a
 * correction is a new entry. Every entry has an idempotency {@link #key()}: appending an entry whose
 * key is already in the ledger with equal content does nothing, with different content it fails.
 *
 * <p>{@link #points()} is signed: credits are positive, debits negative. Every instant of an entry
 * ({@code occurredAt}, {@code pendingUntil}, {@code expiresAt}) lies within {@link Limits}' instant
 * range. Every implementation is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public sealed interface LedgerEntry
    permits LedgerEntry.Earned,
        LedgerEntry.Released,
        LedgerEntry.Redeemed,
        LedgerEntry.RedemptionCancelled,
        LedgerEntry.Expired,
        LedgerEntry.ClawedBack,
        LedgerEntry.Adjusted,
        LedgerEntry.StoreCreditEntry,
        LedgerEntry.RewardGranted,
        LedgerEntry.RewardRevoked {

  /** {@return the idempotency key, unique within the member's ledger} */
  String key();

  /** {@return the member whose ledger this entry belongs to} */
  String memberId();

  /** {@return the signed change to the balance} */
  Points points();

  /** {@return when the entry takes effect} */
  Instant occurredAt();

  /** {@return the event, rule, rule-base version and reason behind the entry} */
  Provenance provenance();

  /** {@return a stable lower-case name of the entry's kind, e.g. {@code earned}} */
  String kind();

  /**
   * Points credited for spend or a bonus. Positive points open a lot that redemptions and expiry
   * consume oldest first. While {@code pendingUntil} lies ahead (and no {@link Released} entry
   * released it early), the lot is pending: counted in the balance, not yet spendable.
   *
   * @param key the idempotency key
   * @param memberId the member
   * @param points points credited, ≥ 0 (zero records qualifying spend that earned nothing)
   * @param occurredAt when the points were earned
   * @param provenance the event, rule and reason
   * @param spend qualifying spend this entry contributes toward tiers, ≥ 0
   * @param lines per-line shares of points and spend; empty for entries not tied to order lines
   * @param pendingUntil until when the points are pending, if they are held at all
   * @param expiresAt when the points expire, if they do; after {@code occurredAt}
   */
  record Earned(
      String key,
      String memberId,
      Points points,
      Instant occurredAt,
      Provenance provenance,
      Money spend,
      List<LineShare> lines,
      Optional<Instant> pendingUntil,
      Optional<Instant> expiresAt)
      implements LedgerEntry {
    private static final String SUBJECT = "earned entry";

    /**
     * Validates every component and that line shares add up to the totals.
     *
     * @param key the idempotency key
     * @param memberId the member
     * @param points points credited, ≥ 0 (zero records qualifying spend that earned nothing)
     * @param occurredAt when the points were earned
     * @param provenance the event, rule and reason
     * @param spend qualifying spend this entry contributes toward tiers, ≥ 0
     * @param lines per-line shares of points and spend; empty for entries not tied to order lines
     * @param pendingUntil until when the points are pending, if they are held at all
     * @param expiresAt when the points expire, if they do; after {@code occurredAt}
     * @throws LoyaltyException if a component is invalid
     */
    public Earned {
      checkCommon(SUBJECT, key, memberId, points, occurredAt, provenance);
      Checks.check(!points.isNegative(), SUBJECT, "points", points, "≥ 0");
      Checks.present(SUBJECT, "spend", spend);
      Checks.check(!spend.isNegative(), SUBJECT, "spend", spend, "≥ 0");
      lines = checkShares(SUBJECT, lines, points, spend);
      Checks.present(SUBJECT, "pendingUntil", pendingUntil);
      Checks.present(SUBJECT, "expiresAt", expiresAt);
      pendingUntil.ifPresent(p -> Checks.instant(SUBJECT, "pendingUntil", p));
      expiresAt.ifPresent(x -> Checks.instant(SUBJECT, "expiresAt", x));
      if (expiresAt.isPresent()) {
        if (!expiresAt.get().isAfter(occurredAt)) {
          throw new InvalidValueException(SUBJECT, "expiresAt", expiresAt.get(), "after occurredAt " + occurredAt);
        }
        if (pendingUntil.isPresent()) {
          if (!pendingUntil.get().isBefore(expiresAt.get())) {
            throw new InvalidValueException(SUBJECT, "pendingUntil", pendingUntil.get(), "before expiresAt " + expiresAt.get());
          }
        }
      }
    }

    @Override
    public String kind() {
      return "earned";
    }
  }

  /**
   * Releases a pending lot before its {@code pendingUntil} (for example when the return window was
   * closed early). Changes no balance.
   *
   * @param key the idempotency key
   * @param memberId the member
   * @param occurredAt when the lot becomes spendable
   * @param provenance the event, rule and reason
   * @param lotKey the key of the {@link Earned} entry whose lot is released
   */
  record Released(String key, String memberId, Instant occurredAt, Provenance provenance, String lotKey)
      implements LedgerEntry {
    private static final String SUBJECT = "released entry";

    /**
     * Validates every component.
     *
     * @param key the idempotency key
     * @param memberId the member
     * @param occurredAt when the lot becomes spendable
     * @param provenance the event, rule and reason
     * @param lotKey the key of the {@link Earned} entry whose lot is released
     * @throws LoyaltyException if a component is invalid
     */
    public Released {
      checkCommon(SUBJECT, key, memberId, Points.ZERO, occurredAt, provenance);
      Checks.nonBlank(SUBJECT, "lotKey", lotKey);
    }

    @Override
    public Points points() {
      return Points.ZERO;
    }

    @Override
    public String kind() {
      return "released";
    }
  }

  /**
   * Points spent, for example as cash value at checkout. Consumes available lots oldest first.
   *
   * @param key the idempotency key
   * @param memberId the member
   * @param points points spent, negative
   * @param occurredAt when they were spent
   * @param provenance the event, rule and reason
   * @param cashValue the money value the points were exchanged for, ≥ 0
   * @param checkoutOrderId the order the points paid at checkout, if any: the redemption policy's
   *     order limits apply to all redemptions against one order together
   */
  record Redeemed(
      String key, String memberId, Points points, Instant occurredAt, Provenance provenance, Money cashValue,
      Optional<String> checkoutOrderId)
      implements LedgerEntry {
    private static final String SUBJECT = "redeemed entry";

    /**
     * A redemption against no checkout order.
     *
     * @param key the idempotency key
     * @param memberId the member
     * @param points points spent, negative
     * @param occurredAt when they were spent
     * @param provenance the event, rule and reason
     * @param cashValue the money value the points were exchanged for, ≥ 0
     * @throws LoyaltyException if a component is invalid
     */
    public Redeemed(
        String key, String memberId, Points points, Instant occurredAt, Provenance provenance, Money cashValue) {
      this(key, memberId, points, occurredAt, provenance, cashValue, Optional.empty());
    }

    /**
     * Validates every component.
     *
     * @param key the idempotency key
     * @param memberId the member
     * @param points points spent, negative
     * @param occurredAt when they were spent
     * @param provenance the event, rule and reason
     * @param cashValue the money value the points were exchanged for, ≥ 0
     * @param checkoutOrderId the order the points paid at checkout, if any
     * @throws LoyaltyException if a component is invalid
     */
    public Redeemed {
      checkCommon(SUBJECT, key, memberId, points, occurredAt, provenance);
      Checks.check(points.isNegative(), SUBJECT, "points", points, "< 0");
      Checks.present(SUBJECT, "cashValue", cashValue);
      Checks.check(!cashValue.isNegative(), SUBJECT, "cashValue", cashValue, "≥ 0");
      Checks.present(SUBJECT, "checkoutOrderId", checkoutOrderId);
      checkoutOrderId.ifPresent(o -> Checks.nonBlank(SUBJECT, "checkoutOrderId", o));
    }

    @Override
    public String kind() {
      return "redeemed";
    }
  }

  /**
   * Gives back points of a redemption that was cancelled (order voided before fulfilment). The
   * points return to the lots they were taken from, keeping those lots' expiry.
   *
   * @param key the idempotency key
   * @param memberId the member
   * @param points points given back, positive, at most what the redemption took and was not yet given back
   * @param occurredAt when the cancellation happened
   * @param provenance the event, rule and reason
   * @param redemptionKey the key of the {@link Redeemed} entry
   */
  record RedemptionCancelled(
      String key, String memberId, Points points, Instant occurredAt, Provenance provenance, String redemptionKey)
      implements LedgerEntry {
    private static final String SUBJECT = "redemption-cancelled entry";

    /**
     * Validates every component.
     *
     * @param key the idempotency key
     * @param memberId the member
     * @param points points given back, positive, at most what the redemption took and was not yet given back
     * @param occurredAt when the cancellation happened
     * @param provenance the event, rule and reason
     * @param redemptionKey the key of the {@link Redeemed} entry
     * @throws LoyaltyException if a component is invalid
     */
    public RedemptionCancelled {
      checkCommon(SUBJECT, key, memberId, points, occurredAt, provenance);
      Checks.check(points.isPositive(), SUBJECT, "points", points, "> 0");
      Checks.nonBlank(SUBJECT, "redemptionKey", redemptionKey);
    }

    @Override
    public String kind() {
      return "redemption-cancelled";
    }
  }

  /**
   * Points of one lot that reached its expiry unspent.
   *
   * @param key the idempotency key
   * @param memberId the member
   * @param points points expired, negative, at most the lot's remainder
   * @param occurredAt when the expiry run took effect, at or after the lot's expiry
   * @param provenance the event, rule and reason
   * @param lotKey the key of the entry whose lot expired
   */
  record Expired(String key, String memberId, Points points, Instant occurredAt, Provenance provenance, String lotKey)
      implements LedgerEntry {
    private static final String SUBJECT = "expired entry";

    /**
     * Validates every component.
     *
     * @param key the idempotency key
     * @param memberId the member
     * @param points points expired, negative, at most the lot's remainder
     * @param occurredAt when the expiry run took effect, at or after the lot's expiry
     * @param provenance the event, rule and reason
     * @param lotKey the key of the entry whose lot expired
     * @throws LoyaltyException if a component is invalid
     */
    public Expired {
      checkCommon(SUBJECT, key, memberId, points, occurredAt, provenance);
      Checks.check(points.isNegative(), SUBJECT, "points", points, "< 0");
      Checks.nonBlank(SUBJECT, "lotKey", lotKey);
    }

    @Override
    public String kind() {
      return "expired";
    }
  }

  /**
   * Takes back points of an {@link Earned} entry because what earned them was refunded. {@code
   * points} is what was actually deducted; {@code uncollected} is the part of the reversal that was
   * not deducted: points of that lot that had already expired, and under
   * {@link NegativeBalancePolicy#CAP_AT_ZERO} the part that would have driven the balance below
   * zero. Plan it with {@link PointLedger#planClawback}.
   *
   * @param key the idempotency key
   * @param memberId the member
   * @param points points deducted, ≤ 0
   * @param occurredAt when the refund happened
   * @param provenance the refund event, rule and reason
   * @param earnedKey the key of the {@link Earned} entry being reversed
   * @param uncollected reversed points that were not deducted, ≥ 0
   * @param spend qualifying spend reversed, ≥ 0
   * @param lines per-line shares reversed (their points add up to deducted plus uncollected)
   */
  record ClawedBack(
      String key,
      String memberId,
      Points points,
      Instant occurredAt,
      Provenance provenance,
      String earnedKey,
      Points uncollected,
      Money spend,
      List<LineShare> lines)
      implements LedgerEntry {
    private static final String SUBJECT = "clawed-back entry";

    /**
     * Validates every component.
     *
     * @param key the idempotency key
     * @param memberId the member
     * @param points points deducted, ≤ 0
     * @param occurredAt when the refund happened
     * @param provenance the refund event, rule and reason
     * @param earnedKey the key of the {@link Earned} entry being reversed
     * @param uncollected reversed points that were not deducted, ≥ 0
     * @param spend qualifying spend reversed, ≥ 0
     * @param lines per-line shares reversed (their points add up to deducted plus uncollected)
     * @throws LoyaltyException if a component is invalid
     */
    public ClawedBack {
      checkCommon(SUBJECT, key, memberId, points, occurredAt, provenance);
      Checks.check(!points.isPositive(), SUBJECT, "points", points, "≤ 0");
      Checks.nonBlank(SUBJECT, "earnedKey", earnedKey);
      Checks.present(SUBJECT, "uncollected", uncollected);
      Checks.check(!uncollected.isNegative(), SUBJECT, "uncollected", uncollected, "≥ 0");
      Checks.present(SUBJECT, "spend", spend);
      Checks.check(!spend.isNegative(), SUBJECT, "spend", spend, "≥ 0");
      lines = checkShares(SUBJECT, lines, reversed(points, uncollected), spend);
    }

    private static Points reversed(Points points, Points uncollected) {
      return points == null || uncollected == null ? Points.ZERO : points.negated().plus(uncollected);
    }

    /** {@return deducted plus uncollected: the whole amount of the earned entry this reverses} */
    public Points reversedPoints() {
      return reversed(points, uncollected);
    }

    @Override
    public String kind() {
      return "clawed-back";
    }
  }

  /**
   * A manual correction made by the host (goodwill credit, fraud debit), always with a reason. A
   * positive adjustment opens a lot; a negative one consumes lots like a redemption.
   *
   * @param key the idempotency key
   * @param memberId the member
   * @param points the signed change, not zero
   * @param occurredAt when it takes effect
   * @param provenance the event, who made it and why
   * @param expiresAt when credited points expire; only for positive adjustments
   */
  record Adjusted(
      String key, String memberId, Points points, Instant occurredAt, Provenance provenance, Optional<Instant> expiresAt)
      implements LedgerEntry {
    private static final String SUBJECT = "adjusted entry";

    /**
     * Validates every component.
     *
     * @param key the idempotency key
     * @param memberId the member
     * @param points the signed change, not zero
     * @param occurredAt when it takes effect
     * @param provenance the event, who made it and why
     * @param expiresAt when credited points expire; only for positive adjustments
     * @throws LoyaltyException if a component is invalid
     */
    public Adjusted {
      checkCommon(SUBJECT, key, memberId, points, occurredAt, provenance);
      Checks.check(!points.isZero(), SUBJECT, "points", points, "not 0");
      Checks.present(SUBJECT, "expiresAt", expiresAt);
      if (expiresAt.isPresent()) {
        Checks.instant(SUBJECT, "expiresAt", expiresAt.get());
        Checks.check(points.isPositive(), SUBJECT, "expiresAt", expiresAt.get(), "absent for a negative adjustment");
        if (!expiresAt.get().isAfter(occurredAt)) {
          throw new InvalidValueException(SUBJECT, "expiresAt", expiresAt.get(), "after occurredAt " + occurredAt);
        }
      }
    }

    @Override
    public String kind() {
      return "adjusted";
    }
  }

  /**
   * An entry of the member's store credit (購物金): money-valued credit kept beside the points and
   * never mixed with them. Its {@link #points()} is always zero, so no store-credit entry changes the
   * points balance, a point lot or the qualifying spend; {@link #credit()} is its signed change to the
   * store-credit balance, in the programme currency. See {@link PointLedger#storeCredit(java.util.Currency)}
   * for the rules an append enforces.
   */
  sealed interface StoreCreditEntry extends LedgerEntry
      permits CreditGranted, CreditSpent, CreditSpendCancelled, CreditExpired, CreditClawedBack {
    /** {@return the signed change to the store-credit balance: grants and cancellations positive} */
    Money credit();

    /** {@return zero: store credit never changes points} */
    @Override
    default Points points() {
      return Points.ZERO;
    }
  }

  /**
   * Store credit granted (by a rule, at an order, enrolment or tier review). Opens a credit lot that
   * spends and expiry consume.
   *
   * @param key the idempotency key ({@link EntryKey#creditGrant})
   * @param memberId the member
   * @param credit the credit granted, &gt; 0
   * @param occurredAt when it was granted
   * @param provenance the event, rule and reason; its source event is the order a refund of which
   *     takes the credit back
   * @param expiresAt when the credit expires, if it does; after {@code occurredAt}
   */
  record CreditGranted(
      String key, String memberId, Money credit, Instant occurredAt, Provenance provenance, Optional<Instant> expiresAt)
      implements StoreCreditEntry {
    private static final String SUBJECT = "credit-granted entry";

    /**
     * Validates every component.
     *
     * @param key the idempotency key
     * @param memberId the member
     * @param credit the credit granted, &gt; 0
     * @param occurredAt when it was granted
     * @param provenance the event, rule and reason
     * @param expiresAt when the credit expires, if it does; after {@code occurredAt}
     * @throws LoyaltyException if a component is invalid
     */
    public CreditGranted {
      checkCommon(SUBJECT, key, memberId, Points.ZERO, occurredAt, provenance);
      Checks.present(SUBJECT, "credit", credit);
      Checks.check(credit.isPositive(), SUBJECT, "credit", credit, "> 0");
      Checks.present(SUBJECT, "expiresAt", expiresAt);
      if (expiresAt.isPresent()) {
        Checks.instant(SUBJECT, "expiresAt", expiresAt.get());
        if (!expiresAt.get().isAfter(occurredAt)) {
          throw new InvalidValueException(SUBJECT, "expiresAt", expiresAt.get(), "after occurredAt " + occurredAt);
        }
      }
    }

    @Override
    public String kind() {
      return "credit-granted";
    }
  }

  /**
   * Store credit spent (1:1 as money off an order). Consumes unexpired credit lots oldest first.
   *
   * @param key the idempotency key ({@link EntryKey#creditSpend})
   * @param memberId the member
   * @param credit the credit spent, &lt; 0
   * @param occurredAt when it was spent
   * @param provenance the event, rule and reason
   */
  record CreditSpent(String key, String memberId, Money credit, Instant occurredAt, Provenance provenance)
      implements StoreCreditEntry {
    private static final String SUBJECT = "credit-spent entry";

    /**
     * Validates every component.
     *
     * @param key the idempotency key
     * @param memberId the member
     * @param credit the credit spent, &lt; 0
     * @param occurredAt when it was spent
     * @param provenance the event, rule and reason
     * @throws LoyaltyException if a component is invalid
     */
    public CreditSpent {
      checkCommon(SUBJECT, key, memberId, Points.ZERO, occurredAt, provenance);
      Checks.present(SUBJECT, "credit", credit);
      Checks.check(credit.isNegative(), SUBJECT, "credit", credit, "< 0");
    }

    @Override
    public String kind() {
      return "credit-spent";
    }
  }

  /**
   * Gives back store credit of a cancelled spend. The credit returns to the lots it was taken from,
   * keeping their expiry (an expired lot's returned credit is expired by the next expiry run).
   *
   * @param key the idempotency key ({@link EntryKey#creditSpendCancellation})
   * @param memberId the member
   * @param credit the credit given back, &gt; 0: what the spend took
   * @param occurredAt when the cancellation happened
   * @param provenance the event, rule and reason
   * @param spendKey the key of the {@link CreditSpent} entry
   */
  record CreditSpendCancelled(
      String key, String memberId, Money credit, Instant occurredAt, Provenance provenance, String spendKey)
      implements StoreCreditEntry {
    private static final String SUBJECT = "credit-spend-cancelled entry";

    /**
     * Validates every component.
     *
     * @param key the idempotency key
     * @param memberId the member
     * @param credit the credit given back, &gt; 0
     * @param occurredAt when the cancellation happened
     * @param provenance the event, rule and reason
     * @param spendKey the key of the {@link CreditSpent} entry
     * @throws LoyaltyException if a component is invalid
     */
    public CreditSpendCancelled {
      checkCommon(SUBJECT, key, memberId, Points.ZERO, occurredAt, provenance);
      Checks.present(SUBJECT, "credit", credit);
      Checks.check(credit.isPositive(), SUBJECT, "credit", credit, "> 0");
      Checks.nonBlank(SUBJECT, "spendKey", spendKey);
    }

    @Override
    public String kind() {
      return "credit-spend-cancelled";
    }
  }

  /**
   * Store credit of one lot that reached its expiry unspent.
   *
   * @param key the idempotency key ({@link EntryKey#expiry} of the lot)
   * @param memberId the member
   * @param credit the credit expired, &lt; 0, at most the lot's remainder
   * @param occurredAt when the expiry run took effect, at or after the lot's expiry
   * @param provenance the event, rule and reason
   * @param lotKey the key of the {@link CreditGranted} entry whose lot expired
   */
  record CreditExpired(String key, String memberId, Money credit, Instant occurredAt, Provenance provenance, String lotKey)
      implements StoreCreditEntry {
    private static final String SUBJECT = "credit-expired entry";

    /**
     * Validates every component.
     *
     * @param key the idempotency key
     * @param memberId the member
     * @param credit the credit expired, &lt; 0
     * @param occurredAt when the expiry run took effect
     * @param provenance the event, rule and reason
     * @param lotKey the key of the {@link CreditGranted} entry whose lot expired
     * @throws LoyaltyException if a component is invalid
     */
    public CreditExpired {
      checkCommon(SUBJECT, key, memberId, Points.ZERO, occurredAt, provenance);
      Checks.present(SUBJECT, "credit", credit);
      Checks.check(credit.isNegative(), SUBJECT, "credit", credit, "< 0");
      Checks.nonBlank(SUBJECT, "lotKey", lotKey);
    }

    @Override
    public String kind() {
      return "credit-expired";
    }
  }

  /**
   * Takes back store credit of a {@link CreditGranted} entry because the order that granted it was
   * refunded. {@code credit} is what was deducted; {@code uncollected} is the part not deducted
   * because it was already spent or expired: store credit never goes below zero, so the host
   * recovers an uncollected part (if it wants to) from the cash it refunds. Plan it with {@link
   * PointLedger#planCreditClawback}.
   *
   * @param key the idempotency key ({@link EntryKey#clawback} of the grant's key)
   * @param memberId the member
   * @param credit the credit deducted, ≤ 0
   * @param occurredAt when the refund happened
   * @param provenance the refund event, rule and reason
   * @param grantKey the key of the {@link CreditGranted} entry being reversed
   * @param uncollected the reversed credit that was not deducted, ≥ 0
   */
  record CreditClawedBack(
      String key, String memberId, Money credit, Instant occurredAt, Provenance provenance, String grantKey,
      Money uncollected)
      implements StoreCreditEntry {
    private static final String SUBJECT = "credit-clawed-back entry";

    /**
     * Validates every component.
     *
     * @param key the idempotency key
     * @param memberId the member
     * @param credit the credit deducted, ≤ 0
     * @param occurredAt when the refund happened
     * @param provenance the refund event, rule and reason
     * @param grantKey the key of the {@link CreditGranted} entry being reversed
     * @param uncollected the reversed credit that was not deducted, ≥ 0, in the currency of {@code credit}
     * @throws LoyaltyException if a component is invalid
     */
    public CreditClawedBack {
      checkCommon(SUBJECT, key, memberId, Points.ZERO, occurredAt, provenance);
      Checks.present(SUBJECT, "credit", credit);
      Checks.check(!credit.isPositive(), SUBJECT, "credit", credit, "≤ 0");
      Checks.nonBlank(SUBJECT, "grantKey", grantKey);
      Checks.present(SUBJECT, "uncollected", uncollected);
      Checks.check(!uncollected.isNegative(), SUBJECT, "uncollected", uncollected, "≥ 0");
      if (!uncollected.currency().equals(credit.currency())) {
        throw new CurrencyMismatchException(SUBJECT, "uncollected", credit.currency(), uncollected.currency());
      }
      Checks.check(credit.isNegative() || uncollected.isPositive(), SUBJECT, "uncollected", uncollected,
          "> 0 when nothing was deducted (a clawback reverses something)");
    }

    /** {@return deducted plus uncollected: the part of the grant this reverses, &gt; 0} */
    public Money reversed() {
      return credit.negated().plus(uncollected);
    }

    @Override
    public String kind() {
      return "credit-clawed-back";
    }
  }

  /**
   * A reward that is not points: a gift (滿額贈 thermos), a coupon, free shipping. Changes no balance;
   * the host fulfils it (ships the gift, issues the coupon) from this entry. Keyed per order, or per
   * calendar period for rewards of a {@link LoyaltyEvent.DayStarted}, so a redelivered event grants
   * nothing more. A refund may revoke it by the programme's {@link Programme.RewardRefundPolicy}.
   *
   * @param key the idempotency key
   * @param memberId the member
   * @param occurredAt when it was granted
   * @param provenance the event, rule and reason
   * @param reward the reward code the host fulfils: 1 to {@value #MAX_CODE_LENGTH} letters, digits,
   *     {@code .}, {@code _} or {@code -}, starting with a letter or digit
   * @param quantity how many, from 1 to {@value #MAX_QUANTITY}
   * @param sourceOrderId the order that earned it, if an order did
   * @param minSpend the order's earning base the reward required, if it had a threshold
   */
  record RewardGranted(
      String key,
      String memberId,
      Instant occurredAt,
      Provenance provenance,
      String reward,
      int quantity,
      Optional<String> sourceOrderId,
      Optional<Money> minSpend)
      implements LedgerEntry {
    /** The most units of one reward one entry grants, 1,000. */
    public static final int MAX_QUANTITY = 1_000;
    /** The longest reward code, 64 characters. */
    public static final int MAX_CODE_LENGTH = 64;
    private static final String SUBJECT = "reward-granted entry";

    /**
     * Validates every component.
     *
     * @param key the idempotency key
     * @param memberId the member
     * @param occurredAt when it was granted
     * @param provenance the event, rule and reason
     * @param reward the reward code
     * @param quantity how many, from 1 to {@value #MAX_QUANTITY}
     * @param sourceOrderId the order that earned it, if an order did
     * @param minSpend the order's earning base the reward required, if it had a threshold
     * @throws LoyaltyException if a component is invalid
     */
    public RewardGranted {
      checkCommon(SUBJECT, key, memberId, Points.ZERO, occurredAt, provenance);
      checkRewardCode(SUBJECT, reward);
      Checks.check(quantity >= 1 && quantity <= MAX_QUANTITY, SUBJECT, "quantity", quantity, "1 to " + MAX_QUANTITY);
      Checks.present(SUBJECT, "sourceOrderId", sourceOrderId);
      sourceOrderId.ifPresent(o -> Checks.nonBlank(SUBJECT, "sourceOrderId", o));
      Checks.present(SUBJECT, "minSpend", minSpend);
      minSpend.ifPresent(m -> Checks.check(!m.isNegative(), SUBJECT, "minSpend", m, "≥ 0"));
    }

    /**
     * {@return whether {@code code} is a valid reward code: 1 to {@value #MAX_CODE_LENGTH} letters,
     * digits, {@code .}, {@code _} or {@code -}, starting with a letter or digit}
     *
     * @param code a text, or null
     */
    public static boolean isValidCode(String code) {
      if (code == null || code.isEmpty() || code.length() > MAX_CODE_LENGTH) {
        return false;
      }
      for (int i = 0; i < code.length(); i++) {
        char c = code.charAt(i);
        boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
          return false;
        }
      }
      return true;
    }

    @Override
    public Points points() {
      return Points.ZERO;
    }

    @Override
    public String kind() {
      return "reward-granted";
    }
  }

  /**
   * Takes back a {@link RewardGranted} because its order was refunded (by the programme's {@link
   * Programme.RewardRefundPolicy}); the host recalls the gift or cancels the coupon. Changes no
   * balance. A grant is revoked at most once: its key is {@link EntryKey#rewardRevocation(EntryKey)}
   * of the grant's key.
   *
   * @param key the idempotency key
   * @param memberId the member
   * @param occurredAt when the refund happened
   * @param provenance the refund event, rule and reason
   * @param grantKey the key of the {@link RewardGranted} revoked
   * @param reward the revoked grant's reward code
   * @param quantity the revoked grant's quantity
   */
  record RewardRevoked(
      String key, String memberId, Instant occurredAt, Provenance provenance, String grantKey, String reward, int quantity)
      implements LedgerEntry {
    private static final String SUBJECT = "reward-revoked entry";

    /**
     * Validates every component.
     *
     * @param key the idempotency key
     * @param memberId the member
     * @param occurredAt when the refund happened
     * @param provenance the refund event, rule and reason
     * @param grantKey the key of the {@link RewardGranted} revoked
     * @param reward the revoked grant's reward code
     * @param quantity the revoked grant's quantity
     * @throws LoyaltyException if a component is invalid
     */
    public RewardRevoked {
      checkCommon(SUBJECT, key, memberId, Points.ZERO, occurredAt, provenance);
      Checks.nonBlank(SUBJECT, "grantKey", grantKey);
      checkRewardCode(SUBJECT, reward);
      Checks.check(quantity >= 1 && quantity <= RewardGranted.MAX_QUANTITY, SUBJECT, "quantity", quantity,
          "1 to " + RewardGranted.MAX_QUANTITY);
    }

    @Override
    public Points points() {
      return Points.ZERO;
    }

    @Override
    public String kind() {
      return "reward-revoked";
    }
  }

  private static void checkRewardCode(String subject, String reward) {
    Checks.check(RewardGranted.isValidCode(reward), subject, "reward", reward, "1 to " + RewardGranted.MAX_CODE_LENGTH
        + " letters, digits, '.', '_' or '-', starting with a letter or digit");
  }

  private static void checkCommon(
      String subject, String key, String memberId, Points points, Instant occurredAt, Provenance provenance) {
    Checks.nonBlank(subject, "key", key);
    Checks.check(key.length() <= 256, subject, "key", key, "at most 256 characters");
    Checks.nonBlank(subject, "memberId", memberId);
    Checks.present(subject, "points", points);
    Checks.instant(subject, "occurredAt", occurredAt);
    Checks.present(subject, "provenance", provenance);
  }

  private static List<LineShare> checkShares(String subject, List<LineShare> lines, Points points, Money spend) {
    Checks.present(subject, "lines", lines);
    if (lines.isEmpty()) {
      return List.of();
    }
    Points pointSum = Points.ZERO;
    Money spendSum = Money.zero(spend.currency());
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      LineShare share = lines.get(i);
      if (share == null) {
        throw new InvalidValueException(subject, "lines[" + i + "]", "null", "a value");
      }
      if (!ids.add(share.lineId())) {
        throw new InvalidValueException(subject, "lines[" + i + "].lineId", share.lineId(), "a line id listed once");
      }
      if (!share.spend().currency().equals(spend.currency())) {
        throw new CurrencyMismatchException(subject, "lines[" + i + "].spend", spend.currency(), share.spend().currency());
      }
      pointSum = pointSum.plus(share.points());
      spendSum = spendSum.plus(share.spend());
    }
    if (!pointSum.equals(points)) {
      throw new InvalidValueException(subject, "lines.points (sum)", pointSum, "equal to the entry's points " + points);
    }
    if (!spendSum.equals(spend)) {
      throw new InvalidValueException(subject, "lines.spend (sum)", spendSum, "equal to the entry's spend " + spend);
    }
    return List.copyOf(lines);
  }
}
