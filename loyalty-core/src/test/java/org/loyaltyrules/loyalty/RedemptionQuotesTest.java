package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.loyalty.Entries.MEMBER;
import static org.loyaltyrules.loyalty.Entries.day;
import static org.loyaltyrules.loyalty.Entries.twd;

import java.math.BigDecimal;
import java.time.Period;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.RedemptionLimit.Kind;

/**
 * The redemption policy's limits, quoted and applied by the redemption decision: no rule base is
 * built anywhere in this class. Worked examples of issue 14 item 4 (折抵上限, minimum order value,
 * tier rates, maximum per redemption).
 */
class RedemptionQuotesTest {
  private static final TierLadder LADDER = TierLadder.of(Tier.of("member", 0, twd("0"), Period.ofMonths(12)),
      Tier.of("gold", 1, twd("30000"), Period.ofMonths(12)));
  /** 1 point = NT$1, points pay at most half an order. */
  private static final RedemptionPolicy HALF = RedemptionPolicy.of(twd("1")).withMaxShareOfOrder(new BigDecimal("0.5"));

  private static Programme programme(RedemptionPolicy policy) {
    return Programme.builder(Currency.getInstance("TWD"), ZoneId.of("Asia/Taipei"), LADDER).redemption(policy).build();
  }

  private static MemberState member(String tier, long points) {
    PointLedger ledger = PointLedger.empty(MEMBER, NegativeBalancePolicy.CAP_AT_ZERO);
    ledger.append(Entries.earned(EntryKey.orderBase("o-0").text(), points, day(1)));
    return new MemberState(Member.of(MEMBER, day(0), tier), ledger);
  }

  private static Order order(String total) {
    return Order.of("o-1", MEMBER, day(2), Channel.ONLINE_STORE,
        List.of(OrderLine.of("1", "sku-1", "cups", 1, twd(total))));
  }

  @Test
  void quote_halfShareCapAndMorePointsThanHalf_usesHalfTheOrder() {
    // given: 800 points, an order of NT$1,000, points pay at most 50%
    MemberState state = member("member", 800);

    // when
    RedemptionQuote quote = RedemptionQuotes.quote(programme(HALF), state, order("1000"));

    // then
    assertThat(quote.points()).isEqualTo(Points.of(500));
    assertThat(quote.value()).isEqualTo(twd("500"));
    assertThat(quote.orderValue()).contains(twd("1000"));
    assertThat(quote.limits()).singleElement().satisfies(limit -> {
      assertThat(limit.kind()).isEqualTo(Kind.MAX_SHARE_OF_ORDER);
      assertThat(limit.figure()).isEqualByComparingTo("0.5");
      assertThat(limit.maximum()).isEqualTo(Points.of(500));
      assertThat(limit.reason()).isEqualTo("points may pay at most 50% of the order value TWD 1000.00 (500 TWD);"
          + " at TWD 1.00 a point that is 500 points");
    });
  }

  @Test
  void quote_fewerPointsThanTheCap_usesEveryAvailablePoint() {
    // given
    MemberState state = member("member", 300);

    // when
    RedemptionQuote quote = RedemptionQuotes.quote(programme(HALF), state, order("1000"));

    // then
    assertThat(quote.points()).isEqualTo(Points.of(300));
    assertThat(quote.value()).isEqualTo(twd("300"));
    assertThat(quote.limits()).extracting(RedemptionLimit::kind).containsExactly(Kind.AVAILABLE_POINTS);
  }

  @Test
  void quote_goldTierRate_paysMorePerPointAndNeedsFewerPoints() {
    // given: gold members' points pay NT$1.20
    RedemptionPolicy policy = HALF.withTierRate("gold", twd("1.2"));
    MemberState state = member("gold", 800);

    // when
    RedemptionQuote quote = RedemptionQuotes.quote(programme(policy), state, order("1000"));

    // then: ⌊500 / 1.2⌋ = 416 points, worth NT$499.20
    assertThat(quote.valuePerPoint()).isEqualTo(twd("1.2"));
    assertThat(quote.points()).isEqualTo(Points.of(416));
    assertThat(quote.value()).isEqualTo(twd("499.20"));
  }

  @Test
  void quote_orderBelowTheMinimumOrderValue_allowsNoPoints() {
    // given
    RedemptionPolicy policy = HALF.withMinimumOrderValue(twd("500"));

    // when
    RedemptionQuote quote = RedemptionQuotes.quote(programme(policy), member("member", 800), order("499"));

    // then
    assertThat(quote.isUsable()).isFalse();
    assertThat(quote.points()).isEqualTo(Points.ZERO);
    assertThat(quote.value()).isEqualTo(twd("0"));
    assertThat(quote.limits()).extracting(RedemptionLimit::kind).containsExactly(Kind.MIN_ORDER_VALUE);
    assertThat(quote.limit(Kind.MIN_ORDER_VALUE).orElseThrow().figure()).isEqualByComparingTo("500");
  }

  @Test
  void quote_fewerUsablePointsThanTheMinimum_allowsNoneAndSaysWhy() {
    // given: at least 100 points per redemption, 60 available
    RedemptionPolicy policy = HALF.withMinimumPoints(Points.of(100));

    // when
    RedemptionQuote quote = RedemptionQuotes.quote(programme(policy), member("member", 60), order("1000"));

    // then
    assertThat(quote.points()).isEqualTo(Points.ZERO);
    assertThat(quote.limits()).extracting(RedemptionLimit::kind)
        .containsExactly(Kind.AVAILABLE_POINTS, Kind.MIN_POINTS);
  }

  @Test
  void quote_maximumPerRedemption_bindsBeforeTheShare() {
    // given
    RedemptionPolicy policy = HALF.withMaximumPoints(Points.of(200));

    // when
    RedemptionQuote quote = RedemptionQuotes.quote(programme(policy), member("member", 800), order("1000"));

    // then
    assertThat(quote.points()).isEqualTo(Points.of(200));
    assertThat(quote.limits()).extracting(RedemptionLimit::kind).containsExactly(Kind.MAX_POINTS);
  }

  @Test
  void quote_pendingPoints_areNotAvailable() {
    // given: 500 points still pending (七天鑑賞期) and 100 released
    PointLedger ledger = PointLedger.empty(MEMBER, NegativeBalancePolicy.CAP_AT_ZERO);
    ledger.append(Entries.earnedPending(EntryKey.orderBase("o-0").text(), 500, day(1), day(8)));
    ledger.append(Entries.earned(EntryKey.orderBase("o-00").text(), 100, day(1)));
    MemberState state = new MemberState(Member.of(MEMBER, day(0), "member"), ledger);

    // when
    RedemptionQuote quote = RedemptionQuotes.quote(programme(HALF), state, order("1000"));

    // then
    assertThat(quote.points()).isEqualTo(Points.of(100));
    assertThat(quote.limits()).extracting(RedemptionLimit::kind).containsExactly(Kind.AVAILABLE_POINTS);
  }

  @Test
  void decide_quotedPointsAtCheckout_areRedeemedAgainstTheOrder() {
    // given
    Programme programme = programme(HALF);
    MemberState state = member("member", 800);
    Order order = order("1000");
    RedemptionQuote quote = RedemptionQuotes.quote(programme, state, order);

    // when
    Decision decision = LedgerOnlyDecisions.decide(LoyaltyEvent.PointsRedeemed.atCheckout("r-1", order, quote.points()),
        state, programme, "v");

    // then
    assertThat(decision.entries()).singleElement().isInstanceOfSatisfying(LedgerEntry.Redeemed.class, r -> {
      assertThat(r.points()).isEqualTo(Points.of(-500));
      assertThat(r.cashValue()).isEqualTo(quote.value());
      assertThat(r.provenance().reason())
          .isEqualTo("500 points redeemed for TWD 500.00 at TWD 1.00 per point against order o-1 of TWD 1000.00");
    });
  }

  @Test
  void decide_onePointAboveTheShareCap_isRefusedNamingTheLimit() {
    // given
    Programme programme = programme(HALF);
    MemberState state = member("member", 800);
    LoyaltyEvent.PointsRedeemed redeemed = LoyaltyEvent.PointsRedeemed.atCheckout("r-1", order("1000"), Points.of(501));

    // then: the whole message once, the accessors structurally
    assertThatThrownBy(() -> LedgerOnlyDecisions.decide(redeemed, state, programme, "v"))
        .isInstanceOfSatisfying(RedemptionLimitException.class, e -> {
          assertThat(e.code()).isEqualTo("redemption-limit");
          assertThat(e.kind()).isEqualTo(Kind.MAX_SHARE_OF_ORDER);
          assertThat(e.requested()).isEqualTo(Points.of(501));
          assertThat(e.limit().maximum()).isEqualTo(Points.of(500));
          assertThat(e.field()).isEqualTo("points");
          assertThat(e.getMessage()).isEqualTo("Invalid points-redeemed event: points [501]; expected ≤ 500"
              + " (max-share-of-order: points may pay at most 50% of the order value TWD 1000.00 (500 TWD);"
              + " at TWD 1.00 a point that is 500 points)");
        });
    assertThat(state.ledger().available(day(3))).isEqualTo(Points.of(800));
  }

  private static Order order(String id, String total) {
    return Order.of(id, MEMBER, day(2), Channel.ONLINE_STORE, List.of(OrderLine.of("1", "sku-1", "cups", 1, twd(total))));
  }

  private static void redeem(MemberState state, Programme programme, String eventId, Order order, long points) {
    state.ledger().appendAll(LedgerOnlyDecisions.decide(LoyaltyEvent.PointsRedeemed.atCheckout(eventId, order,
        Points.of(points)), state, programme, "v").entries());
  }

  @Test
  void decide_secondRedemptionAgainstTheSameOrderPastTheShareCap_isRefusedNamingEarlierPoints() {
    // given: 300 of the 300 points NT$600 allows are already redeemed against o-1
    Programme programme = programme(HALF);
    MemberState state = member("member", 800);
    redeem(state, programme, "r-1", order("o-1", "600"), 300);
    LoyaltyEvent.PointsRedeemed second = LoyaltyEvent.PointsRedeemed.atCheckout("r-2", order("o-1", "600"), Points.of(200));

    // then
    assertThatThrownBy(() -> LedgerOnlyDecisions.decide(second, state, programme, "v"))
        .isInstanceOfSatisfying(RedemptionLimitException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.MAX_SHARE_OF_ORDER);
          assertThat(e.limit().maximum()).isEqualTo(Points.ZERO);
          assertThat(e.getMessage()).isEqualTo("Invalid points-redeemed event: points [200]; expected ≤ 0"
              + " (max-share-of-order: points may pay at most 50% of the order value TWD 600.00 (300 TWD);"
              + " at TWD 1.00 a point that is 300 points; 300 already redeemed against order o-1 leave 0)");
        });
    assertThat(state.ledger().redeemedAgainst("o-1")).isEqualTo(Points.of(300));
    assertThat(state.ledger().available(day(3))).isEqualTo(Points.of(500));
  }

  @Test
  void quote_afterARedemptionUsingTheWholeShare_isZeroForThatOrderOnly() {
    // given
    Programme programme = programme(HALF);
    MemberState state = member("member", 800);
    redeem(state, programme, "r-1", order("o-1", "600"), 300);

    // when
    RedemptionQuote same = RedemptionQuotes.quote(programme, state, order("o-1", "600"));
    RedemptionQuote other = RedemptionQuotes.quote(programme, state, order("o-2", "600"));

    // then
    assertThat(same.points()).isEqualTo(Points.ZERO);
    assertThat(other.points()).isEqualTo(Points.of(300));
  }

  @Test
  void decide_splitRedemptionsWithinTheShareCap_areBothAccepted() {
    // given
    Programme programme = programme(HALF);
    MemberState state = member("member", 800);

    // when
    redeem(state, programme, "r-1", order("o-1", "600"), 200);
    redeem(state, programme, "r-2", order("o-1", "600"), 100);

    // then
    assertThat(state.ledger().redeemedAgainst("o-1")).isEqualTo(Points.of(300));
    assertThat(RedemptionQuotes.quote(programme, state, order("o-1", "600")).points()).isEqualTo(Points.ZERO);
  }

  @Test
  void decide_cancelledEarlierRedemption_freesItsShareOfTheOrder() {
    // given
    Programme programme = programme(HALF);
    MemberState state = member("member", 800);
    redeem(state, programme, "r-1", order("o-1", "600"), 300);
    state.ledger().appendAll(LedgerOnlyDecisions.decide(new LoyaltyEvent.RedemptionCancelled("c-1", MEMBER, "r-1",
        day(3)), state, programme, "v").entries());

    // when
    redeem(state, programme, "r-2", order("o-1", "600"), 300);

    // then
    assertThat(state.ledger().redeemedAgainst("o-1")).isEqualTo(Points.of(300));
  }

  @Test
  void decide_maximumPointsAcrossSplitRedemptions_boundsTheOrderTotal() {
    // given: at most 100 points per order, 60 already redeemed against o-1
    Programme programme = programme(HALF.withMaximumPoints(Points.of(100)));
    MemberState state = member("member", 800);
    redeem(state, programme, "r-1", order("o-1", "1000"), 60);
    LoyaltyEvent.PointsRedeemed second = LoyaltyEvent.PointsRedeemed.atCheckout("r-2", order("o-1", "1000"), Points.of(50));

    // then
    assertThatThrownBy(() -> LedgerOnlyDecisions.decide(second, state, programme, "v"))
        .isInstanceOfSatisfying(RedemptionLimitException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.MAX_POINTS);
          assertThat(e.limit().maximum()).isEqualTo(Points.of(40));
          assertThat(e.limit().reason()).contains("60 already redeemed against order o-1");
        });
  }

  @Test
  void checkpoint_oldCheckoutRedemption_stillCountsTowardsItsOrder() {
    // given: a redemption against o-1 long before the checkpoint's horizon
    Programme programme = programme(HALF);
    MemberState state = member("member", 800);
    redeem(state, programme, "r-1", order("o-1", "600"), 300);
    PointLedger ledger = state.ledger();

    // when
    PointLedger restored = PointLedger.fromCheckpoint(ledger.checkpoint(day(40), day(30)), List.of());

    // then
    assertThat(restored.redeemedAgainst("o-1")).isEqualTo(Points.of(300));
    assertThat(RedemptionQuotes.quote(programme, new MemberState(state.member(), restored), order("o-1", "600"))
        .points()).isEqualTo(Points.ZERO);
  }

  @Test
  void decide_orderBelowTheMinimumOrderValue_isRefused() {
    // given
    Programme programme = programme(HALF.withMinimumOrderValue(twd("500")));
    LoyaltyEvent.PointsRedeemed redeemed = LoyaltyEvent.PointsRedeemed.atCheckout("r-1", order("499"), Points.of(10));

    // then
    assertThatThrownBy(() -> LedgerOnlyDecisions.decide(redeemed, member("member", 800), programme, "v"))
        .isInstanceOfSatisfying(RedemptionLimitException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.MIN_ORDER_VALUE);
          assertThat(e.field()).isEqualTo("checkout.orderValue");
          assertThat(e.value()).isEqualTo("TWD 499.00");
        });
  }

  @Test
  void decide_belowTheMinimumPoints_isRefusedByMinPoints() {
    // given
    Programme programme = programme(HALF.withMinimumPoints(Points.of(50)));
    LoyaltyEvent.PointsRedeemed redeemed = new LoyaltyEvent.PointsRedeemed("r-1", MEMBER, Points.of(49), day(2));

    // then
    assertThatThrownBy(() -> LedgerOnlyDecisions.decide(redeemed, member("member", 800), programme, "v"))
        .isInstanceOfSatisfying(RedemptionLimitException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.MIN_POINTS);
          assertThat(e.expected()).startsWith("≥ 50");
        });
  }

  @Test
  void decide_redemptionAgainstNoOrder_isBoundByPointLimitsAlone() {
    // given: no checkout, so the 50% share does not apply
    Programme programme = programme(HALF);

    // when
    Decision decision = LedgerOnlyDecisions.decide(new LoyaltyEvent.PointsRedeemed("r-1", MEMBER, Points.of(800), day(2)),
        member("member", 800), programme, "v");

    // then
    assertThat(decision.entries()).singleElement().satisfies(e -> assertThat(e.points()).isEqualTo(Points.of(-800)));
  }

  @Test
  void quote_withoutAnOrder_isBoundByAvailablePoints() {
    // when
    RedemptionQuote quote = RedemptionQuotes.quote(programme(HALF), member("member", 800), Optional.empty(), day(2));

    // then
    assertThat(quote.points()).isEqualTo(Points.of(800));
    assertThat(quote.orderValue()).isEmpty();
    assertThat(quote.limits()).extracting(RedemptionLimit::kind).containsExactly(Kind.AVAILABLE_POINTS);
  }

  @Test
  void policy_shareAboveOne_isRefused() {
    assertThatThrownBy(() -> HALF.withMaxShareOfOrder(new BigDecimal("1.01")))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo("maxShareOfOrder");
          assertThat(e.value()).isEqualTo("1.01");
        });
    assertThatThrownBy(() -> HALF.withMaxShareOfOrder(BigDecimal.ZERO)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> HALF.withMaxShareOfOrder(new BigDecimal("0.1234567")))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.expected()).contains("6 decimals"));
  }

  @Test
  void policy_shareWithTrailingZeros_equalsTheShareWithout() {
    assertThat(HALF.withMaxShareOfOrder(new BigDecimal("0.50"))).isEqualTo(HALF);
    assertThat(HALF.withMaxShareOfOrder(new BigDecimal("1.00")).maxShareOfOrder()).isEqualTo(BigDecimal.ONE);
  }

  @Test
  void policy_maximumBelowTheMinimum_isRefused() {
    assertThatThrownBy(() -> HALF.withMinimumPoints(Points.of(100)).withMaximumPoints(Points.of(99)))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("maximumPoints"));
  }

  @Test
  void policy_secondRateForATier_isRefused() {
    assertThatThrownBy(() -> HALF.withTierRate("gold", twd("1.2")).withTierRate("gold", twd("1.5")))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.value()).isEqualTo("gold"));
  }

  @Test
  void policy_amountInAnotherCurrency_isRefused() {
    assertThatThrownBy(() -> HALF.withMinimumOrderValue(Money.of("500", "HKD")))
        .isInstanceOf(CurrencyMismatchException.class);
  }

  @Test
  void programme_tierRateForATierOutsideTheLadder_isRefused() {
    assertThatThrownBy(() -> programme(HALF.withTierRate("platinum", twd("2"))))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo("redemption.tierRates.tierCode");
          assertThat(e.value()).isEqualTo("platinum");
        });
  }

  @Test
  void programme_oldRedemptionShortcut_isAPolicyWithThatRateAndMinimum() {
    // when
    Programme programme = Programme.builder(Currency.getInstance("TWD"), ZoneId.of("Asia/Taipei"), LADDER)
        .redemption(twd("0.5"), Points.of(10)).build();

    // then
    assertThat(programme.redemption()).isEqualTo(RedemptionPolicy.of(twd("0.5")).withMinimumPoints(Points.of(10)));
    assertThat(programme.cashValuePerPoint()).isEqualTo(twd("0.5"));
    assertThat(programme.minimumRedemption()).isEqualTo(Points.of(10));
  }
}
