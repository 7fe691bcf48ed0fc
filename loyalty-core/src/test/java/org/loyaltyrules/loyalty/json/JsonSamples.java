package org.loyaltyrules.loyalty.json;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.MonthDay;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerCheckpoint;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.NegativeBalancePolicy;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Provenance;
import org.loyaltyrules.loyalty.RedemptionLimit;
import org.loyaltyrules.loyalty.RedemptionPolicy;
import org.loyaltyrules.loyalty.RedemptionQuote;
import org.loyaltyrules.loyalty.TierChange;

/**
 * One fixed sample of every type and kind with a canonical JSON form, by the name of its golden
 * file under {@code src/test/resources/json/}. The samples use every optional field somewhere,
 * non-ASCII text, a JPY amount (no decimals) and instants with and without fractions of a second.
 */
final class JsonSamples {
  static final Instant PAID = Instant.parse("2026-06-02T08:30:00Z");

  private JsonSamples() {}

  static Map<String, Object> all() {
    Money spend = Money.of("1499.00", "TWD");
    OrderLine tea = new OrderLine("l-1", "sku-tea", "tea", 2, Money.of("600", "TWD"), Money.of("50", "TWD"));
    OrderLine cup = OrderLine.of("l-2", "sku-cup", "cups", 1, Money.of("399", "TWD"));
    Order order = new Order("o-1", "m-1", PAID, Channel.POS, spend.currency(), List.of(tea, cup), Money.of("50", "TWD"),
        Money.of("60", "TWD"));
    String base = EntryKey.orderBase("o-1").text();
    Provenance earning = new Provenance("o-1", "earning: base rate", "rb-7f3a", "1,499 TWD × 1 point per 100 TWD (銀卡)");
    LineShare teaShare = new LineShare("l-1", 2, Points.of(11), Money.of("1100", "TWD"));
    LineShare cupShare = new LineShare("l-2", 1, Points.of(3), Money.of("399", "TWD"));
    LedgerEntry.Earned earned = new LedgerEntry.Earned(base, "m-1", Points.of(14), PAID, earning, spend,
        List.of(teaShare, cupShare), Optional.of(PAID.plus(Duration.ofDays(7))), Optional.of(Instant.parse("2027-06-30T16:00:00Z")));
    LedgerEntry.Earned bonus = new LedgerEntry.Earned(EntryKey.enrolmentBonus("m-1", "welcome").text(), "m-1",
        Points.of(100), Instant.parse("2026-01-05T00:00:00.125Z"),
        new Provenance("enr-1", "welcome: bonus", "rb-7f3a", "Welcome bonus"), Money.zero(spend.currency()), List.of(),
        Optional.empty(), Optional.empty());
    LedgerEntry.Released released = new LedgerEntry.Released(EntryKey.release(EntryKey.orderBase("o-1")).text(), "m-1",
        PAID.plus(Duration.ofDays(3)), new Provenance("rel-1", "pending: released", "rb-7f3a", "Delivered"), base);
    LedgerEntry.Redeemed redeemed = new LedgerEntry.Redeemed(EntryKey.redemption("r-1").text(), "m-1", Points.of(-50),
        PAID.plus(Duration.ofDays(10)), new Provenance("r-1", "redemption", "rb-7f3a", "50 points at checkout"),
        Money.of("50", "JPY"));
    LedgerEntry.RedemptionCancelled cancelled = new LedgerEntry.RedemptionCancelled(
        EntryKey.redemptionCancellation("r-1").text(), "m-1", Points.of(20), PAID.plus(Duration.ofDays(11)),
        new Provenance("c-1", "redemption: cancelled", "rb-7f3a", "Order voided"), EntryKey.redemption("r-1").text());
    LedgerEntry.Expired expired = new LedgerEntry.Expired(
        EntryKey.expiry(EntryKey.orderBase("o-1"), Instant.parse("2027-07-01T00:00:00Z")).text(), "m-1", Points.of(-4),
        Instant.parse("2027-07-01T00:00:00Z"), new Provenance("exp-1", "expiry", "rb-7f3a", "Lot expired"), base);
    LedgerEntry.ClawedBack clawedBack = new LedgerEntry.ClawedBack(
        EntryKey.clawback("ret-1", EntryKey.orderBase("o-1")).text(), "m-1", Points.of(-5),
        PAID.plus(Duration.ofDays(5)), new Provenance("ret-1", "returns: claw back", "rb-7f3a", "1 of 2 tea returned"),
        base, Points.of(1), Money.of("550", "TWD"), List.of(new LineShare("l-1", 1, Points.of(6), Money.of("550", "TWD"))));
    LedgerEntry.Adjusted credit = new LedgerEntry.Adjusted("adj-1", "m-1", Points.of(200), PAID.plus(Duration.ofDays(1)),
        Provenance.manual("ticket-9", "Goodwill \"sorry\" credit"), Optional.of(Instant.parse("2027-12-31T16:00:00Z")));
    TierChange upgrade = new TierChange("m-1", "silver", "gold", PAID, "tier: upgrade", "Spent 50,000 TWD in 12 months");
    Decision decision = new Decision("o-1", "rb-7f3a", List.of(earned, bonus), Optional.of(upgrade),
        List.of("earning: base rate", "tier: upgrade"), List.of("120 TWD more for the spend bonus"));
    Decision quiet = new Decision("exp-9", "rb-7f3a", List.of(), Optional.empty(), List.of(), List.of());
    Member member = new Member("m-1", Instant.parse("2026-01-05T00:00:00Z"), "silver", Optional.of(MonthDay.of(2, 29)),
        Optional.of("m-0"), Set.of("vip", "newsletter"));

    Map<String, Object> samples = new LinkedHashMap<>();
    samples.put("points", Points.of(-9_007_199_254_740_993L));
    samples.put("money", spend);
    samples.put("money-jpy", Money.of("1500", "JPY"));
    samples.put("provenance", earning);
    samples.put("line-share", teaShare);
    samples.put("order-line", tea);
    samples.put("order", order);
    samples.put("order-at-store", order.atStore("taipei-101").paidWith("line-pay"));
    samples.put("member", member);
    samples.put("member-minimal", Member.of("m-2", PAID, "basic"));
    samples.put("tier-change", upgrade);
    samples.put("entry-earned", earned);
    samples.put("entry-earned-minimal", bonus);
    samples.put("entry-released", released);
    samples.put("entry-redeemed", redeemed);
    samples.put("entry-redemption-cancelled", cancelled);
    samples.put("entry-expired", expired);
    samples.put("entry-clawed-back", clawedBack);
    samples.put("entry-adjusted", credit);
    samples.put("decision", decision);
    samples.put("decision-minimal", quiet);
    samples.put("returned-line", new LoyaltyEvent.ReturnedLine("l-1", 1));
    samples.put("event-member-enrolled", new LoyaltyEvent.MemberEnrolled("enr-1", "m-1", Instant.parse("2026-01-05T00:00:00Z")));
    samples.put("event-order-paid", new LoyaltyEvent.OrderPaid(order));
    samples.put("event-order-returned", LoyaltyEvent.OrderReturned.of("ret-1", order,
        List.of(new LoyaltyEvent.ReturnedLine("l-1", 1)), PAID.plus(Duration.ofDays(5))));
    samples.put("event-points-redeemed", new LoyaltyEvent.PointsRedeemed("r-1", "m-1", Points.of(50), PAID.plus(Duration.ofDays(10))));
    samples.put("event-redemption-cancelled", new LoyaltyEvent.RedemptionCancelled("c-1", "m-1", "r-1", PAID.plus(Duration.ofDays(11))));
    samples.put("event-pending-released", new LoyaltyEvent.PendingReleased("rel-1", "m-1", "o-1", PAID.plus(Duration.ofDays(3))));
    samples.put("event-expiry-run", new LoyaltyEvent.ExpiryRun("exp-1", "m-1", Instant.parse("2027-07-01T00:00:00Z")));
    // A checkpoint that drops the welcome bonus (kept as a lifetime key and a lot with points left)
    // and keeps the order, the goodwill credit and a redemption with the lot it took from.
    PointLedger ledger = PointLedger.of("m-1", NegativeBalancePolicy.ALLOW_DEBT, List.of(bonus, earned, credit,
        new LedgerEntry.Redeemed(EntryKey.redemption("r-1").text(), "m-1", Points.of(-50), PAID.plus(Duration.ofDays(10)),
            new Provenance("r-1", "redemption", "rb-7f3a", "50 points at checkout"), Money.of("50", "TWD"))));
    LedgerCheckpoint checkpoint = ledger.checkpoint(PAID.plus(Duration.ofDays(10)), PAID.minus(Duration.ofDays(1)));
    samples.put("point-lot", ledger.lots().get(1));
    samples.put("ledger-checkpoint", checkpoint);
    samples.put("ledger-checkpoint-minimal", PointLedger.empty("m-2", NegativeBalancePolicy.CAP_AT_ZERO)
        .checkpoint(PAID, PAID));
    LedgerEntry.RewardGranted gift = new LedgerEntry.RewardGranted(EntryKey.orderReward("o-1", "thermos-1499").text(),
        "m-1", PAID, new Provenance("o-1", "order-gifts: order reaches the gift threshold", "rb-7f3a", "滿 1,499 送保溫杯"),
        "THERMOS", 1, Optional.of("o-1"), Optional.of(Money.of("1499", "TWD")));
    samples.put("entry-reward-granted", gift);
    samples.put("entry-redeemed-checkout", new LedgerEntry.Redeemed(EntryKey.redemption("r-2").text(), "m-1",
        Points.of(-300), PAID.plus(Duration.ofDays(1)), new Provenance("r-2", "redemption", "rb-7f3a",
        "300 points against order o-1"), Money.of("300", "TWD"), Optional.of("o-1")));
    samples.put("entry-reward-granted-minimal", new LedgerEntry.RewardGranted(
        EntryKey.birthdayReward("m-1", 2026, "bday-coupon").text(), "m-1", Instant.parse("2026-02-28T16:05:00Z"),
        new Provenance("day-1", "calendar-bonuses: birthday-month gift", "rb-7f3a", "Birthday coupon"),
        "COUPON-BDAY-100", 2, Optional.empty(), Optional.empty()));
    samples.put("entry-reward-revoked", new LedgerEntry.RewardRevoked(
        EntryKey.rewardRevocation(EntryKey.orderReward("o-1", "thermos-1499")).text(), "m-1", PAID.plus(Duration.ofDays(5)),
        new Provenance("ret-1", "engine: revoke reward after refund", "rb-7f3a", "order o-1 was fully refunded"),
        gift.key(), "THERMOS", 1));
    samples.put("event-day-started", new LoyaltyEvent.DayStarted("day-1", "m-1", java.time.LocalDate.of(2026, 3, 1),
        Instant.parse("2026-02-28T16:05:00Z")));
    samples.put("event-tier-review", new LoyaltyEvent.TierReview("rev-1", "m-1", Instant.parse("2026-12-31T16:00:00.000000001Z")));
    // Issue 14: an expiring-soon answer (120 points gone at the end of 2027 in Taipei, 30 in mid-January).
    org.loyaltyrules.loyalty.ExpiringPoints.Batch yearEnd = new org.loyaltyrules.loyalty.ExpiringPoints.Batch(
        Instant.parse("2027-12-31T16:00:00Z"), Points.of(120));
    samples.put("expiring-points-batch", yearEnd);
    samples.put("expiring-points", new org.loyaltyrules.loyalty.ExpiringPoints(Instant.parse("2027-12-10T01:00:00Z"),
        Instant.parse("2028-01-09T01:00:00Z"), List.of(yearEnd, new org.loyaltyrules.loyalty.ExpiringPoints.Batch(
            Instant.parse("2028-01-05T07:30:00Z"), Points.of(30)))));
    samples.put("expiring-points-none", new org.loyaltyrules.loyalty.ExpiringPoints(PAID, PAID, List.of()));
    // Redemption (issue 14 item 4): the event at checkout, a policy a host stores, a quote it sends.
    samples.put("event-points-redeemed-checkout", LoyaltyEvent.PointsRedeemed.atCheckout("r-2", order, Points.of(500)));
    samples.put("checkout", new LoyaltyEvent.Checkout("o-1", Money.of("1559", "TWD")));
    RedemptionPolicy policy = RedemptionPolicy.of(Money.of("1", "TWD")).withMaxShareOfOrder(new BigDecimal("0.5"))
        .withMinimumPoints(Points.of(10)).withMaximumPoints(Points.of(5000)).withMinimumOrderValue(Money.of("300", "TWD"))
        .withTierRate("金卡", Money.of("1.2", "TWD"));
    samples.put("redemption-policy", policy);
    samples.put("redemption-policy-minimal", RedemptionPolicy.of(Money.of("100", "JPY")));
    samples.put("redemption-tier-rate", new RedemptionPolicy.TierRate("金卡", Money.of("1.2", "TWD")));
    RedemptionLimit share = new RedemptionLimit(RedemptionLimit.Kind.MAX_SHARE_OF_ORDER, new BigDecimal("0.5"),
        Points.of(779), "points may pay at most 50% of the order value TWD 1559.00 (779.5 TWD); at TWD 1.00 a point"
            + " that is 779 points");
    samples.put("redemption-limit", share);
    samples.put("redemption-quote", new RedemptionQuote(Points.of(779), Money.of("779", "TWD"), Money.of("1", "TWD"),
        Points.of(10), Optional.of(Money.of("1559", "TWD")), List.of(share)));
    samples.put("redemption-quote-minimal", new RedemptionQuote(Points.ZERO, Money.of("0", "JPY"), Money.of("100", "JPY"),
        Points.of(1), Optional.empty(), List.of(new RedemptionLimit(RedemptionLimit.Kind.AVAILABLE_POINTS,
            BigDecimal.ZERO, Points.ZERO, "the member has 0 points available at 2026-06-12T08:30:00Z"))));
    storeCredit(samples, base);
    samples.put("event-custom-event", new LoyaltyEvent.CustomEvent("ev-1", "m-1", "review",
        java.util.Map.of("stars", "5", "sku", "tea-250g", "text", "好喝 \"回購\""), Instant.parse("2026-03-02T01:00:00Z")));
    return samples;
  }

  /** Store credit (購物金): every entry kind, both events, and a checkpoint keeping them. */
  private static void storeCredit(Map<String, Object> samples, String earnedKey) {
    String grant = EntryKey.creditGrant("o-1", "big-basket").text();
    LedgerEntry.CreditGranted granted = new LedgerEntry.CreditGranted(grant, "m-1", Money.of("100", "TWD"), PAID,
        new Provenance("o-1", "store-credit: NT$100 for NT$3,000", "rb-7f3a", "TWD 100.00 of store credit: 滿額送購物金"),
        Optional.of(Instant.parse("2026-09-01T16:00:00Z")));
    LedgerEntry.CreditSpent spent = new LedgerEntry.CreditSpent(EntryKey.creditSpend("s-1").text(), "m-1",
        Money.of("-60.50", "TWD"), PAID.plus(Duration.ofDays(2)),
        new Provenance("s-1", "engine: spend store credit", "rb-7f3a", "TWD 60.50 of store credit spent"));
    LedgerEntry.CreditSpendCancelled cancelled = new LedgerEntry.CreditSpendCancelled(
        EntryKey.creditSpendCancellation("s-1").text(), "m-1", Money.of("60.50", "TWD"), PAID.plus(Duration.ofDays(3)),
        new Provenance("sc-1", "engine: give back a cancelled store-credit spend", "rb-7f3a", "Order voided"),
        EntryKey.creditSpend("s-1").text());
    LedgerEntry.CreditClawedBack clawedBack = new LedgerEntry.CreditClawedBack(
        EntryKey.clawback("ret-1", EntryKey.parse(grant)).text(), "m-1", Money.of("-16.66", "TWD"),
        PAID.plus(Duration.ofDays(5)), new Provenance("ret-1", "engine: claw back store credit of a refunded order",
            "rb-7f3a", "1,000 of 6,000 refunded"), grant, Money.of("0", "TWD"));
    Instant expiry = Instant.parse("2026-09-01T16:00:00Z");
    LedgerEntry.CreditExpired expired = new LedgerEntry.CreditExpired(EntryKey.expiry(EntryKey.parse(grant), expiry).text(),
        "m-1", Money.of("-83.34", "TWD"), expiry,
        new Provenance("exp-1", "engine: expire store credit past its expiry", "rb-7f3a", "Lot expired"), grant);
    samples.put("entry-credit-granted", granted);
    samples.put("entry-credit-spent", spent);
    samples.put("entry-credit-spend-cancelled", cancelled);
    samples.put("entry-credit-clawed-back", clawedBack);
    samples.put("entry-credit-expired", expired);
    samples.put("event-store-credit-spent", new LoyaltyEvent.StoreCreditSpent("s-1", "m-1", Money.of("60.50", "TWD"),
        PAID.plus(Duration.ofDays(2))));
    samples.put("event-store-credit-spend-cancelled", new LoyaltyEvent.StoreCreditSpendCancelled("sc-1", "m-1", "s-1",
        PAID.plus(Duration.ofDays(3))));
    // Every credit entry is kept, even those before the horizon: the credit lots are rebuilt from them.
    PointLedger ledger = PointLedger.of("m-1", NegativeBalancePolicy.ALLOW_DEBT,
        List.of(granted, spent, cancelled, clawedBack, expired));
    samples.put("ledger-checkpoint-store-credit", ledger.checkpoint(expiry, expiry));
  }

  /** The type a host reads a sample back as: the sealed interface for entries and events. */
  static Class<?> readType(Object sample) {
    if (sample instanceof LedgerEntry) {
      return LedgerEntry.class;
    }
    if (sample instanceof LoyaltyEvent) {
      return LoyaltyEvent.class;
    }
    return sample.getClass();
  }
}
