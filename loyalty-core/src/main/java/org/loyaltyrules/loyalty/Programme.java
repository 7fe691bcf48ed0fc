// Longer than 400 lines because the public API keeps its nested types here (Programme.Builder and the policy enums, which callers name); the canonical form lives in ProgrammeFingerprint.
package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * A loyalty programme's settings: everything the rule files do not say. Currency, time zone and
 * tier ladder are required; everything else has a documented default. Build one with
 * {@link #builder(Currency, ZoneId, TierLadder)}.
 *
 * <p>Programmes are values: {@link #equals} compares every setting, and {@link #fingerprint()} is a
 * canonical digest of them all, which the rule engine records as part of each decision's version.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Programme {

  /** Whether points are rounded per order line or once per order. */
  public enum RoundingScope {
    /** Each line's points are rounded, then added up. */
    PER_LINE,
    /** The order's points are added up exactly and rounded once; lines get whole shares by largest remainder. */
    PER_ORDER
  }

  /** What a tier review does when the member's spend no longer holds their tier. */
  public enum DowngradePolicy {
    /** Down one tier per review. */
    ONE_LEVEL,
    /** Straight to the tier the spend supports. */
    RECOMPUTE
  }

  /** What a refund does to a tier the refunded order helped reach. */
  public enum TierRefundPolicy {
    /** The tier is kept until the next review re-evaluates it. */
    KEEP_UNTIL_REVIEW,
    /** The tier is recomputed at once from the spend that remains (a downgrade can follow the refund). */
    RECOMPUTE_ON_REFUND
  }

  /** What a full refund of a referee's first qualifying order does to the referral bonuses it paid. */
  public enum ReferralRefundPolicy {
    /** The bonuses are clawed back from every upline that received one. */
    CLAW_BACK_ON_FULL_REFUND,
    /** The bonuses stay. */
    KEEP
  }

  private final Currency currency;
  private final ZoneId zone;
  private final TierLadder tiers;
  private final RoundingMode rounding;
  private final RoundingScope roundingScope;
  private final Optional<Period> pendingPeriod;
  private final Optional<Period> pointsValidity;
  private final boolean expireAtEndOfMonth;
  private final NegativeBalancePolicy negativeBalancePolicy;
  private final RedemptionPolicy redemption;
  private final StackingPolicy stackingPolicy;
  private final DowngradePolicy downgradePolicy;
  private final Period downgradeGrace;
  private final TierRefundPolicy tierRefundPolicy;
  private final ReferralRefundPolicy referralRefundPolicy;
  private final int maxReferralLevels;
  private final Set<String> excludedSkus;
  private final Set<String> excludedCategories;
  private final List<Campaign> campaigns;
  private final int maxQuantityPerLine;
  private final Money maxUnitPrice;
  private final Money maxOrderTotal;
  private final int maxLinesPerOrder;
  private final Points maxPointsPerDecision;
  // segments and tier progress (issue 14, items 8 and 9)
  private final SegmentPolicy segmentPolicy;
  private final boolean tierProgressNotices;
  private final Optional<Period> storeCreditValidity;
  // Derived from the settings above and cached on first use (racy but idempotent, as String.hash):
  // transient marks them as not part of the value, so ProgrammeFingerprintTest skips them.
  private transient String fingerprint;
  private transient int hash;

  /**
   * Default of {@link #maxQuantityPerLine()}: 100,000 units. A real order line (a pallet of screws, a
   * wholesale carton count) stays far below; {@code Integer.MAX_VALUE} units do not.
   */
  public static final int DEFAULT_MAX_QUANTITY_PER_LINE = 100_000;
  /**
   * Default of {@link #maxLinesPerOrder()}: 100,000 lines, ten times the largest order the engine's
   * bounds are tested with (10,000 lines decide in well under a second).
   */
  public static final int DEFAULT_MAX_LINES_PER_ORDER = 100_000;
  /**
   * Default of {@link #maxUnitPrice()}, in major units of the programme's currency: 10,000,000,000.
   * Chosen for the currency with the smallest unit in common use (VND, IDR: about 25,000 to the US
   * dollar), where it is still about US$400,000 a unit; in TWD or USD no shop reaches it.
   */
  public static final BigDecimal DEFAULT_MAX_UNIT_PRICE = new BigDecimal("10000000000");
  /**
   * Default of {@link #maxOrderTotal()}, in major units of the programme's currency:
   * 1,000,000,000,000 (about US$40 million in VND, a thousand times more in TWD), so that an order
   * total stays some seven orders of magnitude below where points would overflow a {@code long}.
   */
  public static final BigDecimal DEFAULT_MAX_ORDER_TOTAL = new BigDecimal("1000000000000");
  /**
   * Default of {@link #maxPointsPerDecision()}: 1,000,000,000 points. At the common rate of one point
   * per 100 units of currency that is a NT$100 billion order; the 2,147,483,647 units at NT$450
   * (9,663,676,411 points) is refused, and a member's balance stays nine orders of magnitude below
   * {@code Long.MAX_VALUE} after a billion such decisions.
   */
  public static final long DEFAULT_MAX_POINTS_PER_DECISION = 1_000_000_000L;

  private Programme(Builder b) {
    this.currency = b.currency;
    this.zone = b.zone;
    this.tiers = b.tiers;
    this.rounding = b.rounding;
    this.roundingScope = b.roundingScope;
    this.pendingPeriod = b.pendingPeriod;
    this.pointsValidity = b.pointsValidity;
    this.expireAtEndOfMonth = b.expireAtEndOfMonth;
    this.negativeBalancePolicy = b.negativeBalancePolicy;
    this.redemption = b.redemption == null ? RedemptionPolicy.of(Money.of(BigDecimal.ONE, currency)) : b.redemption;
    this.stackingPolicy = b.stackingPolicy;
    this.downgradePolicy = b.downgradePolicy;
    this.downgradeGrace = b.downgradeGrace;
    this.tierRefundPolicy = b.tierRefundPolicy;
    this.referralRefundPolicy = b.referralRefundPolicy;
    this.maxReferralLevels = b.maxReferralLevels;
    this.excludedSkus = Set.copyOf(b.excludedSkus);
    this.excludedCategories = Set.copyOf(b.excludedCategories);
    this.campaigns = List.copyOf(b.campaigns);
    this.maxQuantityPerLine = b.maxQuantityPerLine;
    this.maxUnitPrice = b.maxUnitPrice == null ? Money.of(DEFAULT_MAX_UNIT_PRICE, currency) : b.maxUnitPrice;
    this.maxOrderTotal = b.maxOrderTotal == null ? Money.of(DEFAULT_MAX_ORDER_TOTAL, currency) : b.maxOrderTotal;
    this.maxLinesPerOrder = b.maxLinesPerOrder;
    this.maxPointsPerDecision = b.maxPointsPerDecision;
    this.segmentPolicy = b.segmentPolicy == null ? SegmentPolicy.defaults(currency) : b.segmentPolicy;
    this.tierProgressNotices = b.tierProgressNotices;
    this.storeCreditValidity = b.storeCreditValidity;
  }

  /**
   * Starts a builder.
   *
   * @param currency the programme's currency; every order and threshold is in it
   * @param zone the programme's time zone: which local day an instant falls on
   * @param tiers the tier ladder
   * @return a builder
   */
  public static Builder builder(Currency currency, ZoneId zone, TierLadder tiers) {
    return new Builder(currency, zone, tiers);
  }

  /** {@return a builder holding this programme's settings} */
  public Builder toBuilder() {
    Builder b = new Builder(currency, zone, tiers);
    b.rounding = rounding;
    b.roundingScope = roundingScope;
    b.pendingPeriod = pendingPeriod;
    b.pointsValidity = pointsValidity;
    b.expireAtEndOfMonth = expireAtEndOfMonth;
    b.negativeBalancePolicy = negativeBalancePolicy;
    b.redemption = redemption;
    b.stackingPolicy = stackingPolicy;
    b.downgradePolicy = downgradePolicy;
    b.downgradeGrace = downgradeGrace;
    b.tierRefundPolicy = tierRefundPolicy;
    b.referralRefundPolicy = referralRefundPolicy;
    b.maxReferralLevels = maxReferralLevels;
    b.excludedSkus = excludedSkus;
    b.excludedCategories = excludedCategories;
    b.campaigns.addAll(campaigns);
    b.maxQuantityPerLine = maxQuantityPerLine;
    b.maxUnitPrice = maxUnitPrice;
    b.maxOrderTotal = maxOrderTotal;
    b.maxLinesPerOrder = maxLinesPerOrder;
    b.maxPointsPerDecision = maxPointsPerDecision;
    b.segmentPolicy = segmentPolicy;
    b.tierProgressNotices = tierProgressNotices;
    b.storeCreditValidity = storeCreditValidity;
    return b;
  }

  /**
   * {@return the RFM cut-offs and window of the segments rules and campaigns see (default {@link
   * SegmentPolicy#defaults})}
   */
  public SegmentPolicy segmentPolicy() {
    return segmentPolicy;
  }

  /**
   * {@return whether order and tier-review decisions carry {@code tier-progress: } notices, built from
   * {@link TierProgress} (default false; {@code Programmes.taiwan} turns them on)}
   */
  public boolean tierProgressNotices() {
    return tierProgressNotices;
  }

  /** {@return the currency} */
  public Currency currency() {
    return currency;
  }

  /** {@return the time zone for calendar questions} */
  public ZoneId zone() {
    return zone;
  }

  /** {@return the tier ladder} */
  public TierLadder tiers() {
    return tiers;
  }

  /** {@return how money-to-points conversions round (default {@link RoundingMode#DOWN})} */
  public RoundingMode rounding() {
    return rounding;
  }

  /** {@return where rounding happens (default {@link RoundingScope#PER_ORDER})} */
  public RoundingScope roundingScope() {
    return roundingScope;
  }

  /** {@return how long earned points stay pending (the return window); empty: spendable at once} */
  public Optional<Period> pendingPeriod() {
    return pendingPeriod;
  }

  /** {@return how long earned points stay valid; empty: they never expire} */
  public Optional<Period> pointsValidity() {
    return pointsValidity;
  }

  /** {@return whether expiry moves to the end of the month the validity ends in} */
  public boolean expireAtEndOfMonth() {
    return expireAtEndOfMonth;
  }

  /** {@return the negative-balance policy (default {@link NegativeBalancePolicy#ALLOW_DEBT})} */
  public NegativeBalancePolicy negativeBalancePolicy() {
    return negativeBalancePolicy;
  }

  /**
   * {@return the cash value of one point at redemption (default 1 unit of the currency): the
   * policy's rate for members without a tier rate of their own}
   */
  public Money cashValuePerPoint() {
    return redemption.valuePerPoint();
  }

  /** {@return the fewest points one redemption may spend (default 1)} */
  public Points minimumRedemption() {
    return redemption.minimumPoints();
  }

  /**
   * {@return how points pay for orders: rates and limits per redemption (default {@link
   * RedemptionPolicy#of(Money)} at 1 unit of the currency a point: at least 1 point, at most the
   * whole order value)}
   */
  public RedemptionPolicy redemption() {
    return redemption;
  }

  /** {@return how multiplier campaigns combine (default {@link StackingPolicy#ADDITIVE})} */
  public StackingPolicy stackingPolicy() {
    return stackingPolicy;
  }

  /**
   * {@return what a review does when the tier no longer holds (default {@link DowngradePolicy#ONE_LEVEL})}
   */
  public DowngradePolicy downgradePolicy() {
    return downgradePolicy;
  }

  /** {@return how long after a review decides a downgrade it takes effect (default none)} */
  public Period downgradeGrace() {
    return downgradeGrace;
  }

  /** {@return what refunds do to tiers (default {@link TierRefundPolicy#KEEP_UNTIL_REVIEW})} */
  public TierRefundPolicy tierRefundPolicy() {
    return tierRefundPolicy;
  }

  /**
   * {@return what refunds do to referral bonuses (default {@link ReferralRefundPolicy#CLAW_BACK_ON_FULL_REFUND})}
   */
  public ReferralRefundPolicy referralRefundPolicy() {
    return referralRefundPolicy;
  }

  /** {@return how many referral levels are looked at (default 3)} */
  public int maxReferralLevels() {
    return maxReferralLevels;
  }

  /** {@return SKUs outside the earning base: they earn nothing and add no qualifying spend} */
  public Set<String> excludedSkus() {
    return excludedSkus;
  }

  /** {@return categories outside the earning base (e.g. gift cards)} */
  public Set<String> excludedCategories() {
    return excludedCategories;
  }

  /**
   * {@return whether the line is part of the earning base (not an excluded SKU or category)}
   *
   * @param line an order line
   */
  public boolean isInEarningBase(OrderLine line) {
    Checks.present("programme", "line", line);
    return !excludedSkus.contains(line.sku()) && !excludedCategories.contains(line.category());
  }

  /** {@return the campaign calendar} */
  public List<Campaign> campaigns() {
    return campaigns;
  }

  /**
   * {@return the most units one order line may have (default {@value #DEFAULT_MAX_QUANTITY_PER_LINE});
   * an order with a line above it is refused at decision}
   */
  public int maxQuantityPerLine() {
    return maxQuantityPerLine;
  }

  /**
   * {@return the highest unit price an order line may have (default {@link #DEFAULT_MAX_UNIT_PRICE}
   * major units); an order with a line above it is refused at decision}
   */
  public Money maxUnitPrice() {
    return maxUnitPrice;
  }

  /**
   * {@return the highest total an order may have (default {@link #DEFAULT_MAX_ORDER_TOTAL} major
   * units); an order above it is refused at decision}
   */
  public Money maxOrderTotal() {
    return maxOrderTotal;
  }

  /**
   * {@return the most lines one order may have (default {@value #DEFAULT_MAX_LINES_PER_ORDER}); an
   * order with more is refused at decision}
   */
  public int maxLinesPerOrder() {
    return maxLinesPerOrder;
  }

  /**
   * {@return the most points one decision may credit to one member, and one redemption may spend
   * (default {@value #DEFAULT_MAX_POINTS_PER_DECISION}); a decision above it is refused}
   */
  public Points maxPointsPerDecision() {
    return maxPointsPerDecision;
  }

  /** {@return how long granted store credit stays valid; empty when it never expires (the default)} */
  public Optional<Period> storeCreditValidity() {
    return storeCreditValidity;
  }

  /**
   * {@return when store credit granted at that instant expires, if it does: at the end of the local
   * day (in the programme's zone) the validity ends on, i.e. the start of the next day}
   *
   * @param instant an instant in {@link Limits}' range
   * @throws InvalidValueException if the instant, or the expiry, is outside {@link Limits}' range
   */
  public Optional<Instant> creditExpiryFor(Instant instant) {
    Checks.instant("programme", "grantedAt", instant);
    return storeCreditValidity.map(p -> Checks.instant("programme", "creditExpiresAt",
        instant.atZone(zone).toLocalDate().plus(p).plusDays(1).atStartOfDay(zone).toInstant()));
  }

  /**
   * {@return when points earned at that instant stop being pending, if they are held}
   *
   * @param instant an instant in {@link Limits}' range
   * @throws InvalidValueException if the instant, or the end of the pending period, is outside
   *     {@link Limits}' range
   */
  public Optional<Instant> pendingUntil(Instant instant) {
    Checks.instant("programme", "pendingFrom", instant);
    return pendingPeriod.map(p -> Checks.instant("programme", "pendingUntil", instant.atZone(zone).plus(p).toInstant()));
  }

  /**
   * {@return when points earned at that instant expire, if they do}
   *
   * @param instant an instant in {@link Limits}' range
   * @throws InvalidValueException if the instant, or the expiry, is outside {@link Limits}' range
   */
  public Optional<Instant> expiryFor(Instant instant) {
    Checks.instant("programme", "earnedAt", instant);
    return pointsValidity.map(p -> {
      // Both periods are bounded by the builder and the instant by Limits, so no DateTimeException:
      // at worst the expiry lands past the range and is refused by name.
      ZonedDateTime end = instant.atZone(zone).plus(p);
      if (expireAtEndOfMonth) {
        end = end.with(TemporalAdjusters.firstDayOfNextMonth()).toLocalDate().atStartOfDay(zone);
      }
      return Checks.instant("programme", "expiresAt", end.toInstant());
    });
  }

  /**
   * The earliest instant whose qualifying spend a decision at {@code at} reads: the start of the
   * longest window among the tiers above the entry tier (the engine asks the ledger for the spend of
   * each such tier's window ending at the event).
   *
   * @param at the instant of an event, in {@link Limits}' range
   * @return that window start; {@code at} itself when the ladder has only the entry tier
   * @throws InvalidValueException if {@code at} is outside {@link Limits}' range
   */
  public Instant earliestTierWindowStart(Instant at) {
    Checks.instant("programme", "at", at);
    Instant start = at;
    for (Tier tier : tiers.tiers()) {
      if (tier.rank() > 0) {
        Instant from = at.atZone(zone).minus(tier.window()).toInstant();
        start = from.isBefore(start) ? from : start;
      }
    }
    return start;
  }

  /**
   * A horizon for {@link PointLedger#checkpoint(Instant, Instant)} taken as of {@code asOf}: the
   * start of the local day on which the longest tier window of an event dated {@code lateness}
   * before {@code asOf} begins. A ledger rebuilt from such a checkpoint refuses no event dated at or
   * after {@code asOf - lateness} that refers only to orders and redemptions from then on (an expiry
   * run must still not precede {@code asOf}).
   *
   * @param asOf the instant the checkpoint is taken as of, in {@link Limits}' range
   * @param lateness how late an event may still arrive and how old an order may be when it is
   *     returned; ≥ 0, at most 100 years and 36,600 days
   * @return the horizon
   * @throws InvalidValueException if an argument is out of range, or the horizon falls before {@link
   *     Limits}' range
   */
  public Instant checkpointHorizon(Instant asOf, Period lateness) {
    Checks.instant("programme", "asOf", asOf);
    Checks.period("programme", "lateness", lateness, false);
    Instant earliestEvent = Checks.instant("programme", "asOf - lateness", asOf.atZone(zone).minus(lateness).toInstant());
    Instant start = earliestTierWindowStart(earliestEvent);
    return Checks.instant("programme", "horizon", start.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant());
  }

  /**
   * {@return an empty ledger for the member under this programme's policy}
   *
   * @param memberId a member
   */
  public PointLedger newLedger(String memberId) {
    return PointLedger.empty(memberId, negativeBalancePolicy);
  }

  /**
   * Returns a fingerprint of every setting: the lower-case hex SHA-256 (64 characters) of a
   * canonical, versioned text of the programme (first line {@code loyalty-programme v1}, then one
   * line per setting in a fixed order, campaigns in id order; strings length-prefixed, amounts with
   * their scale, dates and periods in ISO-8601). Equal programmes have equal fingerprints on every
   * JVM, whatever its default time zone or locale; any difference in a setting changes it. The
   * rule engine records it (shortened) in each decision's rule-base version.
   *
   * @return the fingerprint
   */
  public String fingerprint() {
    String f = fingerprint;
    if (f == null) {
      f = ProgrammeFingerprint.of(this);
      fingerprint = f;
    }
    return f;
  }

  /**
   * Two programmes are equal when every setting is: currency, zone, tiers, rounding, periods,
   * policies, exclusions, limits, and the same campaigns. The calendar is compared by content, not
   * by the order campaigns were added in: decisions look campaigns up by date and id, never by
   * position.
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Programme)) {
      return false;
    }
    Programme p = (Programme) o;
    return currency.equals(p.currency) && zone.equals(p.zone) && tiers.equals(p.tiers) && rounding == p.rounding
        && roundingScope == p.roundingScope && pendingPeriod.equals(p.pendingPeriod)
        && pointsValidity.equals(p.pointsValidity) && expireAtEndOfMonth == p.expireAtEndOfMonth
        && negativeBalancePolicy == p.negativeBalancePolicy && redemption.equals(p.redemption)
        && stackingPolicy == p.stackingPolicy
        && downgradePolicy == p.downgradePolicy && downgradeGrace.equals(p.downgradeGrace)
        && tierRefundPolicy == p.tierRefundPolicy && referralRefundPolicy == p.referralRefundPolicy
        && maxReferralLevels == p.maxReferralLevels && excludedSkus.equals(p.excludedSkus)
        && excludedCategories.equals(p.excludedCategories) && maxQuantityPerLine == p.maxQuantityPerLine
        && maxUnitPrice.equals(p.maxUnitPrice) && maxOrderTotal.equals(p.maxOrderTotal)
        && maxLinesPerOrder == p.maxLinesPerOrder && maxPointsPerDecision.equals(p.maxPointsPerDecision)
        && segmentPolicy.equals(p.segmentPolicy) && tierProgressNotices == p.tierProgressNotices
        && storeCreditValidity.equals(p.storeCreditValidity)
        && sameCampaigns(campaigns, p.campaigns);
  }

  /** Ids are unique within a calendar, so equal sizes and one containing the other mean the same set. */
  private static boolean sameCampaigns(List<Campaign> a, List<Campaign> b) {
    return a.size() == b.size() && (a.equals(b) || new HashSet<>(a).containsAll(b));
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      // Campaigns enter as a sum, so the order they were added in does not matter (as in equals).
      int campaignHash = 0;
      for (Campaign campaign : campaigns) {
        campaignHash += campaign.hashCode();
      }
      h = Objects.hash(currency, zone, tiers, rounding, roundingScope, pendingPeriod, pointsValidity,
          expireAtEndOfMonth, negativeBalancePolicy, redemption, stackingPolicy,
          downgradePolicy, downgradeGrace, tierRefundPolicy, referralRefundPolicy, maxReferralLevels, excludedSkus,
          excludedCategories, maxQuantityPerLine, maxUnitPrice, maxOrderTotal, maxLinesPerOrder,
          maxPointsPerDecision, segmentPolicy, tierProgressNotices, campaignHash, storeCreditValidity);
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    return "Programme[" + currency + ", " + zone + ", tiers=" + tiers.codes() + ", campaigns=" + campaigns.size()
        + ", limits=" + limitsText() + "]";
  }

  /**
   * {@return the sanity limits as text, for logs and messages: every setting that can refuse an
   * event is in it (the rule-base version uses {@link #fingerprint()}, which covers them too)}
   */
  public String limitsText() {
    return "maxQuantityPerLine=" + maxQuantityPerLine + ", maxUnitPrice=" + maxUnitPrice + ", maxOrderTotal="
        + maxOrderTotal + ", maxLinesPerOrder=" + maxLinesPerOrder + ", maxPointsPerDecision=" + maxPointsPerDecision;
  }

  /** Builds a {@link Programme}. Each setting may be set once; setting it again is a mistake and throws. */
  public static final class Builder {
    private final Currency currency;
    private final ZoneId zone;
    private TierLadder tiers;
    private RoundingMode rounding = RoundingMode.DOWN;
    private RoundingScope roundingScope = RoundingScope.PER_ORDER;
    private Optional<Period> pendingPeriod = Optional.empty();
    private Optional<Period> pointsValidity = Optional.empty();
    private boolean expireAtEndOfMonth;
    private NegativeBalancePolicy negativeBalancePolicy = NegativeBalancePolicy.ALLOW_DEBT;
    private RedemptionPolicy redemption;
    private StackingPolicy stackingPolicy = StackingPolicy.ADDITIVE;
    private DowngradePolicy downgradePolicy = DowngradePolicy.ONE_LEVEL;
    private Period downgradeGrace = Period.ZERO;
    private TierRefundPolicy tierRefundPolicy = TierRefundPolicy.KEEP_UNTIL_REVIEW;
    private ReferralRefundPolicy referralRefundPolicy = ReferralRefundPolicy.CLAW_BACK_ON_FULL_REFUND;
    private int maxReferralLevels = 3;
    private Set<String> excludedSkus = Set.of();
    private Set<String> excludedCategories = Set.of();
    private final List<Campaign> campaigns = new ArrayList<>();
    private int maxQuantityPerLine = DEFAULT_MAX_QUANTITY_PER_LINE;
    private Money maxUnitPrice;
    private Money maxOrderTotal;
    private int maxLinesPerOrder = DEFAULT_MAX_LINES_PER_ORDER;
    private Points maxPointsPerDecision = Points.of(DEFAULT_MAX_POINTS_PER_DECISION);
    private SegmentPolicy segmentPolicy;
    private boolean tierProgressNotices;
    private Optional<Period> storeCreditValidity = Optional.empty();
    private final Set<String> set = new HashSet<>();

    private Builder(Currency currency, ZoneId zone, TierLadder tiers) {
      this.currency = Checks.present("programme", "currency", currency);
      this.zone = Checks.present("programme", "zone", zone);
      this.tiers = Checks.present("programme", "tiers", tiers);
      if (!tiers.top().threshold().currency().equals(currency)) {
        throw new CurrencyMismatchException("programme", "tiers.threshold", currency, tiers.top().threshold().currency());
      }
    }

    /** Refuses a second setting; {@link #settled} marks it only once every check passed. */
    private void once(String setting, Object value) {
      Checks.present("programme", setting, value);
      if (set.contains(setting)) {
        throw new InvalidValueException("programme builder", setting, value, "to be set once (it was already set)");
      }
    }

    /** Marks a setting as set: a refused value leaves the builder as it was, so it can be set again. */
    private Builder settled(String setting) {
      set.add(setting);
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param mode how money-to-points conversions round
     * @param scope where rounding happens
     */
    public Builder rounding(RoundingMode mode, RoundingScope scope) {
      once("rounding", mode);
      Checks.present("programme", "roundingScope", scope);
      Checks.check(mode != RoundingMode.UNNECESSARY, "programme", "rounding", mode, "a mode that can round");
      this.rounding = mode;
      this.roundingScope = scope;
      return settled("rounding");
    }

    /**
     * {@return this builder}
     *
     * @param period how long earned points stay pending; positive, at most 100 years and 36,600 days
     */
    public Builder pendingPeriod(Period period) {
      once("pendingPeriod", period);
      Checks.period("programme", "pendingPeriod", period, true);
      this.pendingPeriod = Optional.of(period);
      return settled("pendingPeriod");
    }

    /**
     * {@return this builder}
     *
     * @param validity how long earned points stay valid; positive, at most 100 years and 36,600 days
     * @param endOfMonth whether expiry moves to the end of that month
     */
    public Builder pointsExpireAfter(Period validity, boolean endOfMonth) {
      once("pointsValidity", validity);
      Checks.period("programme", "pointsValidity", validity, true);
      this.pointsValidity = Optional.of(validity);
      this.expireAtEndOfMonth = endOfMonth;
      return settled("pointsValidity");
    }

    /**
     * {@return this builder}
     *
     * @param policy the negative-balance policy
     */
    public Builder negativeBalancePolicy(NegativeBalancePolicy policy) {
      once("negativeBalancePolicy", policy);
      this.negativeBalancePolicy = policy;
      return settled("negativeBalancePolicy");
    }

    /**
     * Sets the rate and minimum of redemptions, with no other limit: a shortcut for {@link
     * #redemption(RedemptionPolicy)} with {@code RedemptionPolicy.of(valuePerPoint).withMinimumPoints(minimum)}.
     *
     * @param valuePerPoint the cash value of one point, &gt; 0, in the programme's currency
     * @param minimum the fewest points one redemption may spend, &gt; 0
     * @return this builder
     */
    public Builder redemption(Money valuePerPoint, Points minimum) {
      once("redemption", valuePerPoint);
      if (!valuePerPoint.currency().equals(currency)) {
        throw new CurrencyMismatchException("programme", "cashValuePerPoint", currency, valuePerPoint.currency());
      }
      Checks.check(valuePerPoint.isPositive(), "programme", "cashValuePerPoint", valuePerPoint, "> 0");
      Checks.check(Checks.present("programme", "minimumRedemption", minimum).isPositive(), "programme", "minimumRedemption", minimum, "> 0");
      return redemption(RedemptionPolicy.of(valuePerPoint).withMinimumPoints(minimum));
    }

    /**
     * Sets how points pay for orders: rates (per tier too) and the limits of one redemption. Its
     * tier rates must name tiers of the ladder the programme is built with.
     *
     * @param policy the policy, in the programme's currency
     * @return this builder
     */
    public Builder redemption(RedemptionPolicy policy) {
      once("redemption", policy);
      if (!policy.valuePerPoint().currency().equals(currency)) {
        throw new CurrencyMismatchException("programme", "redemption.valuePerPoint", currency,
            policy.valuePerPoint().currency());
      }
      this.redemption = policy;
      return settled("redemption");
    }

    /**
     * {@return this builder}
     *
     * @param policy how multiplier campaigns combine
     */
    public Builder stacking(StackingPolicy policy) {
      once("stacking", policy);
      this.stackingPolicy = policy;
      return settled("stacking");
    }

    /**
     * {@return this builder}
     *
     * @param policy what a review does when the tier no longer holds
     * @param grace how long after the review a downgrade takes effect; ≥ 0, at most 100 years and
     *     36,600 days
     */
    public Builder downgrade(DowngradePolicy policy, Period grace) {
      once("downgrade", policy);
      Checks.period("programme", "downgradeGrace", grace, false);
      this.downgradePolicy = policy;
      this.downgradeGrace = grace;
      return settled("downgrade");
    }

    /**
     * {@return this builder}
     *
     * @param policy what refunds do to tiers
     */
    public Builder tierRefundPolicy(TierRefundPolicy policy) {
      once("tierRefundPolicy", policy);
      this.tierRefundPolicy = policy;
      return settled("tierRefundPolicy");
    }

    /**
     * {@return this builder}
     *
     * @param policy what refunds do to referral bonuses
     * @param maxLevels how many referral levels are looked at, 1 to 10
     */
    public Builder referrals(ReferralRefundPolicy policy, int maxLevels) {
      once("referrals", policy);
      Checks.check(maxLevels >= 1 && maxLevels <= 10, "programme", "maxReferralLevels", maxLevels, "1 to 10");
      this.referralRefundPolicy = policy;
      this.maxReferralLevels = maxLevels;
      return settled("referrals");
    }

    /**
     * Declares what is outside the earning base. Shipping is always outside; so are these.
     *
     * @param skus SKUs that earn nothing and add no qualifying spend
     * @param categories categories that earn nothing and add no qualifying spend (e.g. {@code gift-card})
     * @return this builder
     */
    public Builder excludeFromEarning(Set<String> skus, Set<String> categories) {
      once("excludeFromEarning", skus);
      Set<String> excludedSkus = Set.copyOf(Checks.elements("programme", "excludedSkus", new ArrayList<>(skus)));
      this.excludedCategories = Set.copyOf(Checks.elements("programme", "excludedCategories",
          new ArrayList<>(Checks.present("programme", "excludedCategories", categories))));
      this.excludedSkus = excludedSkus;
      return settled("excludeFromEarning");
    }

    /**
     * Replaces the tier ladder, e.g. with one a merchant edits in a file.
     *
     * @param ladder the ladder; its thresholds must be in the programme's currency
     * @return this builder
     */
    public Builder tiers(TierLadder ladder) {
      Checks.present("programme", "tiers", ladder);
      if (!ladder.top().threshold().currency().equals(currency)) {
        throw new CurrencyMismatchException("programme", "tiers.threshold", currency, ladder.top().threshold().currency());
      }
      this.tiers = ladder;
      return this;
    }

    /**
     * Removes every campaign from the calendar, e.g. before adding a replacement calendar.
     *
     * @return this builder
     */
    public Builder clearCampaigns() {
      campaigns.clear();
      return this;
    }

    /**
     * Adds campaigns to the calendar.
     *
     * @param campaigns the campaigns; ids must be unique across the calendar
     * @return this builder
     */
    public Builder campaigns(List<Campaign> campaigns) {
      Checks.present("programme", "campaigns", campaigns);
      Set<String> ids = new HashSet<>();
      for (Campaign existing : this.campaigns) {
        ids.add(existing.id());
      }
      for (int i = 0; i < campaigns.size(); i++) {
        Campaign campaign = Checks.present("programme", "campaigns[" + i + "]", campaigns.get(i));
        Checks.check(ids.add(campaign.id()), "programme", "campaigns[" + i + "].id", campaign.id(), "an id no other campaign uses");
        campaign.minSpend().ifPresent(m -> {
          if (!m.currency().equals(currency)) {
            throw new CurrencyMismatchException("programme", "campaigns[" + campaign.id() + "].minSpend", currency, m.currency());
          }
        });
      }
      this.campaigns.addAll(campaigns);
      return this;
    }

    /**
     * Adds campaigns to the calendar.
     *
     * @param campaigns the campaigns
     * @return this builder
     */
    public Builder campaigns(Campaign... campaigns) {
      // Arrays.asList, not List.of: a null element gets the list overload's named refusal
      return campaigns(java.util.Arrays.asList(Checks.present("programme", "campaigns", campaigns)));
    }

    /**
     * Sets the most units one order line may have; a larger line is refused at decision with an
     * {@link InvalidValueException} naming the line. Guards against typing errors and hostile input
     * (2,147,483,647 units) rather than real orders.
     *
     * @param max the most units per line, ≥ 1 (default {@value Programme#DEFAULT_MAX_QUANTITY_PER_LINE})
     * @return this builder
     */
    public Builder maxQuantityPerLine(int max) {
      once("maxQuantityPerLine", max);
      Checks.check(max >= 1, "programme", "maxQuantityPerLine", max, "≥ 1");
      this.maxQuantityPerLine = max;
      return settled("maxQuantityPerLine");
    }

    /**
     * Sets the highest unit price an order line may have; a line above it is refused at decision.
     *
     * @param max the highest unit price, > 0, in the programme's currency (default {@link
     *     Programme#DEFAULT_MAX_UNIT_PRICE} major units)
     * @return this builder
     */
    public Builder maxUnitPrice(Money max) {
      once("maxUnitPrice", max);
      if (!max.currency().equals(currency)) {
        throw new CurrencyMismatchException("programme", "maxUnitPrice", currency, max.currency());
      }
      Checks.check(max.isPositive(), "programme", "maxUnitPrice", max, "> 0");
      this.maxUnitPrice = max;
      return settled("maxUnitPrice");
    }

    /**
     * Sets the highest total an order may have; an order above it is refused at decision.
     *
     * @param max the highest order total, > 0, in the programme's currency (default {@link
     *     Programme#DEFAULT_MAX_ORDER_TOTAL} major units)
     * @return this builder
     */
    public Builder maxOrderTotal(Money max) {
      once("maxOrderTotal", max);
      if (!max.currency().equals(currency)) {
        throw new CurrencyMismatchException("programme", "maxOrderTotal", currency, max.currency());
      }
      Checks.check(max.isPositive(), "programme", "maxOrderTotal", max, "> 0");
      this.maxOrderTotal = max;
      return settled("maxOrderTotal");
    }

    /**
     * Sets the most lines one order may have; a longer order is refused at decision.
     *
     * @param max the most lines, ≥ 1 (default {@value Programme#DEFAULT_MAX_LINES_PER_ORDER})
     * @return this builder
     */
    public Builder maxLinesPerOrder(int max) {
      once("maxLinesPerOrder", max);
      Checks.check(max >= 1, "programme", "maxLinesPerOrder", max, "≥ 1");
      this.maxLinesPerOrder = max;
      return settled("maxLinesPerOrder");
    }

    /**
     * Sets the most points one decision may credit to one member (earned entries, welcome and
     * referral bonuses included) and one redemption may spend; a decision above it is refused.
     *
     * @param max the most points, > 0 (default {@value Programme#DEFAULT_MAX_POINTS_PER_DECISION})
     * @return this builder
     */
    public Builder maxPointsPerDecision(Points max) {
      once("maxPointsPerDecision", max);
      Checks.check(max.isPositive(), "programme", "maxPointsPerDecision", max, "> 0");
      this.maxPointsPerDecision = max;
      return settled("maxPointsPerDecision");
    }

    /**
     * {@return this builder}
     *
     * @param policy the RFM cut-offs and window; its high-value amount in the programme currency
     * @throws CurrencyMismatchException if the amount is in another currency
     */
    public Builder segments(SegmentPolicy policy) {
      once("segmentPolicy", policy);
      if (!policy.highValueSpend().currency().equals(currency)) {
        throw new CurrencyMismatchException("programme", "segmentPolicy.highValueSpend", currency,
            policy.highValueSpend().currency());
      }
      this.segmentPolicy = policy;
      return settled("segmentPolicy");
    }

    /**
     * {@return this builder}
     *
     * @param on whether order and tier-review decisions carry {@code tier-progress: } notices
     */
    public Builder tierProgressNotices(boolean on) {
      once("tierProgressNotices", on);
      this.tierProgressNotices = on;
      return settled("tierProgressNotices");
    }

    /**
     * {@return this builder}
     *
     * @param validity how long granted store credit stays valid: it expires at the end of the local
     *     day this period after the grant; positive, at most 100 years and 36,600 days
     */
    public Builder storeCreditExpiresAfter(Period validity) {
      once("storeCreditValidity", validity);
      Checks.period("programme", "storeCreditValidity", validity, true);
      this.storeCreditValidity = Optional.of(validity);
      return settled("storeCreditValidity");
    }

    /**
     * {@return the programme}
     *
     * @throws InvalidValueException if points could still be pending when they expire: the pending
     *     period must be shorter than the validity on every calendar (a month counted as 28 days)
     */
    public Programme build() {
      if (pendingPeriod.isPresent() && pointsValidity.isPresent()) {
        Period pending = pendingPeriod.get();
        Period validity = pointsValidity.get();
        // toTotalMonths counts the years too; a month is 28 to 31 days.
        long longestPending = pending.toTotalMonths() * 31L + pending.getDays();
        long shortestValidity = validity.toTotalMonths() * 28L + validity.getDays();
        Checks.check(longestPending < shortestValidity, "programme", "pendingPeriod", pending,
            "shorter than the points validity " + validity + " on every calendar (a month counts as 28 days)");
      }
      if (redemption != null) {
        for (RedemptionPolicy.TierRate rate : redemption.tierRates()) {
          Checks.check(tiers.codes().contains(rate.tierCode()), "programme", "redemption.tierRates.tierCode",
              rate.tierCode(), "a tier of the ladder " + tiers.codes());
        }
      }
      return new Programme(this);
    }
  }
}
