package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.loyaltyrules.loyalty.Entries.MEMBER;
import static org.loyaltyrules.loyalty.Entries.day;
import static org.loyaltyrules.loyalty.Entries.twd;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * The quote is the maximum a redemption may use, its value is the points at the rate and never above
 * the share of the order, and decisions agree with quotes, over random policies, ledgers and orders,
 * and over sequences of earning, redeeming at the quote, refused redemptions above it and
 * cancellations.
 */
class RedemptionQuotesProperties {
  private static final TierLadder LADDER = TierLadder.of(Tier.of("member", 0, twd("0"), Period.ofMonths(12)),
      Tier.of("gold", 1, twd("30000"), Period.ofMonths(12)));

  /** One random case: a programme, a member with some points, and an order value or none. */
  record Case(Programme programme, String tier, long points, Optional<Money> orderValue) {
    MemberState state() {
      PointLedger ledger = PointLedger.empty(MEMBER, NegativeBalancePolicy.CAP_AT_ZERO);
      if (points > 0) {
        ledger.append(Entries.earned(EntryKey.orderBase("o-0").text(), points, day(1)));
      }
      return new MemberState(Member.of(MEMBER, day(0), tier), ledger);
    }

    LoyaltyEvent.PointsRedeemed redeem(String id, long requested) {
      return new LoyaltyEvent.PointsRedeemed(id, MEMBER, Points.of(requested), day(2),
          orderValue.map(v -> new LoyaltyEvent.Checkout("o-1", v)));
    }
  }

  @Provide
  Arbitrary<RedemptionPolicy> policies() {
    Arbitrary<Money> rates = Arbitraries.of("0.01", "0.25", "0.5", "1", "1.2", "3", "10").map(Entries::twd);
    Arbitrary<Long> minimums = Arbitraries.oneOf(Arbitraries.just(1L), Arbitraries.longs().between(1, 500));
    Arbitrary<Optional<Long>> extraMaximum = Arbitraries.longs().between(0, 2_000).optional(0.4);
    Arbitrary<BigDecimal> shares = Arbitraries.oneOf(Arbitraries.of("1", "0.5", "0.3", "0.333333").map(BigDecimal::new),
        Arbitraries.integers().between(1, 100).map(p -> BigDecimal.valueOf(p, 2)));
    Arbitrary<Optional<Money>> minimumOrders = Arbitraries.longs().between(1, 3_000).map(v -> twd(Long.toString(v)))
        .optional(0.3);
    Arbitrary<Optional<Money>> goldRates = Arbitraries.of("0.5", "1.2", "2").map(Entries::twd).optional(0.5);
    return Combinators.combine(rates, minimums, extraMaximum, shares, minimumOrders, goldRates)
        .as((rate, min, extra, share, minOrder, gold) -> {
          RedemptionPolicy policy = RedemptionPolicy.of(rate).withMinimumPoints(Points.of(min))
              .withMaxShareOfOrder(share);
          if (extra.isPresent()) {
            policy = policy.withMaximumPoints(Points.of(min + extra.get()));
          }
          if (minOrder.isPresent()) {
            policy = policy.withMinimumOrderValue(minOrder.get());
          }
          if (gold.isPresent()) {
            policy = policy.withTierRate("gold", gold.get());
          }
          return policy;
        });
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<Optional<Money>> orderValues = Arbitraries.longs().between(0, 500_000)
        .map(cents -> Money.of(BigDecimal.valueOf(cents, 2), Currency.getInstance("TWD"))).optional(0.8);
    Arbitrary<Long> maxPerDecision = Arbitraries.oneOf(Arbitraries.just(Programme.DEFAULT_MAX_POINTS_PER_DECISION),
        Arbitraries.longs().between(1, 3_000));
    return Combinators.combine(policies(), Arbitraries.of("member", "gold"), Arbitraries.longs().between(0, 5_000),
            orderValues, maxPerDecision)
        .as((policy, tier, points, orderValue, perDecision) -> new Case(
            Programme.builder(Currency.getInstance("TWD"), ZoneId.of("Asia/Taipei"), LADDER).redemption(policy)
                .maxPointsPerDecision(Points.of(perDecision)).build(),
            tier, points, orderValue));
  }

  @Property
  void quotedPointsRedeemAndOneMoreIsRefusedByALimit(@ForAll("cases") Case c) {
    // given
    MemberState state = c.state();
    RedemptionQuote quote = RedemptionQuotes.quote(c.programme(), state, c.orderValue(), day(2));

    // when / then: the quote redeems as it stands, one point more is refused by a typed limit
    if (quote.isUsable()) {
      Decision decision = LedgerOnlyDecisions.decide(c.redeem("r-q", quote.points().value()), state, c.programme(), "v");
      assertThat(((LedgerEntry.Redeemed) decision.entries().get(0)).cashValue()).isEqualTo(quote.value());
    }
    long above = Math.max(quote.points().value() + 1, quote.points().isZero() ? 1 : 0);
    Throwable refused = catchThrowable(() -> LedgerOnlyDecisions.decide(c.redeem("r-a", above), state, c.programme(), "v"));
    assertThat(refused).isInstanceOfAny(RedemptionLimitException.class, InsufficientPointsException.class,
        LimitExceededException.class);
    assertThat(quote.limits()).isNotEmpty();
  }

  @Property
  void everyRequestFromTheMinimumToTheQuoteIsAcceptedAndNoneOutside(@ForAll("cases") Case c,
      @ForAll @IntRange(min = 0, max = 1_000) int perMille) {
    // given
    MemberState state = c.state();
    RedemptionQuote quote = RedemptionQuotes.quote(c.programme(), state, c.orderValue(), day(2));
    long upper = Math.max(quote.points().value(), quote.minimumPoints().value()) + 10;
    long requested = 1 + upper * perMille / 1_000;

    // when
    Throwable thrown = catchThrowable(() -> LedgerOnlyDecisions.decide(c.redeem("r-1", requested), state,
        c.programme(), "v"));

    // then: a decision and a quote never disagree
    boolean withinQuote = quote.isUsable() && requested >= quote.minimumPoints().value()
        && requested <= quote.points().value();
    assertThat(thrown).as("requested %s against %s", requested, quote).matches(t -> (t == null) == withinQuote);
    assertThat(state.ledger().entries()).hasSize(c.points() > 0 ? 1 : 0);
  }

  @Property
  void quoteValueIsThePointsAtTheRateExactlyAndNeverAboveTheShareCap(@ForAll("cases") Case c) {
    // when
    RedemptionQuote quote = RedemptionQuotes.quote(c.programme(), c.state(), c.orderValue(), day(2));

    // then
    RedemptionPolicy policy = c.programme().redemption();
    Money rate = policy.valuePerPoint(c.tier());
    assertThat(quote.valuePerPoint()).isEqualTo(rate);
    assertThat(quote.value().amount())
        .isEqualByComparingTo(rate.amount().multiply(BigDecimal.valueOf(quote.points().value())));
    assertThat(quote.points().value()).isLessThanOrEqualTo(c.points());
    if (c.orderValue().isPresent()) {
      BigDecimal cap = c.orderValue().get().amount().multiply(policy.maxShareOfOrder());
      assertThat(quote.value().amount()).isLessThanOrEqualTo(cap);
      // and when the cap binds, it allows the most points within it: one more would pass it
      quote.limit(RedemptionLimit.Kind.MAX_SHARE_OF_ORDER).ifPresent(limit -> {
        BigDecimal oneMore = rate.amount().multiply(BigDecimal.valueOf(limit.maximum().value() + 1));
        assertThat(oneMore).isGreaterThan(cap);
        assertThat(rate.amount().multiply(BigDecimal.valueOf(limit.maximum().value()))).isLessThanOrEqualTo(cap);
      });
    }
  }

  @Property
  void aLargerOrderOrMorePointsNeverLowerTheQuote(@ForAll("cases") Case c,
      @ForAll @IntRange(min = 0, max = 100_000) int moreCents, @ForAll @IntRange(min = 0, max = 5_000) int morePoints) {
    // given
    Case richer = new Case(c.programme(), c.tier(), c.points() + morePoints,
        c.orderValue().map(v -> v.plus(Money.of(BigDecimal.valueOf(moreCents, 2), v.currency()))));

    // when
    RedemptionQuote before = RedemptionQuotes.quote(c.programme(), c.state(), c.orderValue(), day(2));
    RedemptionQuote after = RedemptionQuotes.quote(richer.programme(), richer.state(), richer.orderValue(), day(2));

    // then
    assertThat(after.points()).isGreaterThanOrEqualTo(before.points());
    assertThat(after.value()).isGreaterThanOrEqualTo(before.value());
  }

  // ---------------------------------------------------------------- stateful: earn, redeem, cancel

  @Property(tries = 200)
  void sequencesOfRedemptionsAtTheQuoteAndCancellationsKeepQuoteAndLedgerAgreeing(
      @ForAll("chains") ActionChain<Shop> chain) {
    chain.withInvariant("quote within the ledger and the cap", Shop::quoteAgrees)
        .withInvariant("each order's redeemed total within its limits", Shop::ordersWithinLimits).run();
  }

  @Provide
  Arbitrary<ActionChain<Shop>> chains() {
    return policies().flatMap(policy -> ActionChain.startWith(() -> new Shop(policy))
        .withAction(3, new Earn())
        .withAction(4, new RedeemAtQuote())
        .withAction(2, new RedeemAboveQuote())
        .withAction(2, new Cancel())
        .withAction(4, new RedeemSplitAgainstAFewOrders())
        .withMaxTransformations(30));
  }

  /** A member's ledger and the programme, deciding redemptions through {@link LedgerOnlyDecisions}. */
  static final class Shop {
    final Programme programme;
    final MemberState state;
    final List<String> redemptions = new ArrayList<>();
    /** Accepted, not cancelled redemptions against the few fixed orders: redemption id → order id and points. */
    final Map<String, Map.Entry<String, Long>> splitRedemptions = new HashMap<>();
    Instant now = day(1);
    int seq;

    Shop(RedemptionPolicy policy) {
      this.programme = Programme.builder(Currency.getInstance("TWD"), ZoneId.of("Asia/Taipei"), LADDER)
          .redemption(policy).build();
      this.state = new MemberState(Member.of(MEMBER, day(0), "gold"),
          PointLedger.empty(MEMBER, NegativeBalancePolicy.CAP_AT_ZERO));
    }

    String next(String prefix) {
      now = now.plusSeconds(60);
      return prefix + "-" + ++seq;
    }

    Order order(long total) {
      return Order.of(next("o"), MEMBER, now, Channel.ONLINE_STORE,
          List.of(OrderLine.of("1", "sku", "goods", 1, twd(Long.toString(total)))));
    }

    RedemptionQuote quote(Order order) {
      return RedemptionQuotes.quote(programme, state, order);
    }

    /** The few orders split redemptions go against, with their values. */
    static final Map<String, Long> FIXED_ORDERS = Map.of("fixed-600", 600L, "fixed-1000", 1_000L, "fixed-2500", 2_500L);

    /** The most points the policy lets all redemptions against one order use together. */
    long allowedFor(long total) {
      RedemptionPolicy policy = programme.redemption();
      Money value = twd(Long.toString(total));
      if (policy.minimumOrderValue().isPresent() && value.isLessThan(policy.minimumOrderValue().get())) {
        return 0;
      }
      BigDecimal rate = policy.valuePerPoint(state.member().tierCode()).amount();
      long byShare = value.amount().multiply(policy.maxShareOfOrder()).divide(rate, 0, RoundingMode.DOWN).longValueExact();
      return Math.min(byShare, policy.maximumPoints().map(Points::value).orElse(Long.MAX_VALUE));
    }

    void ordersWithinLimits() {
      for (Map.Entry<String, Long> order : FIXED_ORDERS.entrySet()) {
        long modelled = splitRedemptions.values().stream().filter(r -> r.getKey().equals(order.getKey()))
            .mapToLong(Map.Entry::getValue).sum();
        assertThat(state.ledger().redeemedAgainst(order.getKey())).as("redeemed against " + order.getKey())
            .isEqualTo(Points.of(modelled));
        assertThat(modelled).as("redeemed against " + order.getKey()).isLessThanOrEqualTo(allowedFor(order.getValue()));
      }
    }

    void quoteAgrees() {
      Order order = Order.of("probe", MEMBER, now.plusSeconds(1), Channel.ONLINE_STORE,
          List.of(OrderLine.of("1", "sku", "goods", 1, twd("1000"))));
      RedemptionQuote quote = quote(order);
      long available = Math.max(0, state.ledger().available(order.paidAt()).value());
      assertThat(quote.points().value()).isLessThanOrEqualTo(available);
      assertThat(quote.value().amount())
          .isLessThanOrEqualTo(new BigDecimal("1000").multiply(programme.redemption().maxShareOfOrder()));
      assertThat(quote.value()).isEqualTo(quote.valuePerPoint()
          .multipliedBy(BigDecimal.valueOf(quote.points().value()), RoundingMode.UNNECESSARY));
    }
  }

  static final class Earn implements Action.Independent<Shop> {
    @Override
    public Arbitrary<Transformer<Shop>> transformer() {
      return Arbitraries.longs().between(1, 3_000).map(points -> Transformer.mutate("earn " + points, (Shop shop) -> {
        String id = shop.next("earn");
        shop.state.ledger().append(Entries.earned(EntryKey.orderBase(id).text(), points, shop.now));
      }));
    }
  }

  static final class RedeemAtQuote implements Action.Independent<Shop> {
    @Override
    public Arbitrary<Transformer<Shop>> transformer() {
      return Arbitraries.longs().between(0, 5_000).map(total -> Transformer.mutate("redeem the quote on " + total,
          (Shop shop) -> {
            Order order = shop.order(total);
            RedemptionQuote quote = shop.quote(order);
            if (!quote.isUsable()) {
              return;
            }
            String id = shop.next("r");
            long before = shop.state.ledger().available(order.paidAt()).value();
            Decision decision = LedgerOnlyDecisions.decide(LoyaltyEvent.PointsRedeemed.atCheckout(id, order,
                quote.points()), shop.state, shop.programme, "v");
            shop.state.ledger().appendAll(decision.entries());
            shop.redemptions.add(id);
            assertThat(shop.state.ledger().available(order.paidAt()).value()).as("available after spending the quote")
                .isEqualTo(before - quote.points().value());
          }));
    }
  }

  static final class RedeemAboveQuote implements Action.Independent<Shop> {
    @Override
    public Arbitrary<Transformer<Shop>> transformer() {
      return Arbitraries.longs().between(0, 5_000).map(total -> Transformer.mutate("redeem above the quote on " + total,
          (Shop shop) -> {
            Order order = shop.order(total);
            RedemptionQuote quote = shop.quote(order);
            int entries = shop.state.ledger().entries().size();
            long above = quote.points().value() + 1;
            assertThatThrownBy(() -> LedgerOnlyDecisions.decide(LoyaltyEvent.PointsRedeemed.atCheckout(shop.next("r"),
                order, Points.of(above)), shop.state, shop.programme, "v"))
                .isInstanceOfAny(RedemptionLimitException.class, InsufficientPointsException.class);
            assertThat(shop.state.ledger().entries()).hasSize(entries);
          }));
    }
  }

  /** Redeems random points against one of a few orders again and again: the order's limits bind the total. */
  static final class RedeemSplitAgainstAFewOrders implements Action.Independent<Shop> {
    @Override
    public Arbitrary<Transformer<Shop>> transformer() {
      return Combinators.combine(Arbitraries.of(Shop.FIXED_ORDERS.keySet().stream().sorted().toList()),
              Arbitraries.longs().between(1, 800))
          .as((orderId, points) -> Transformer.mutate("redeem " + points + " against " + orderId, (Shop shop) -> {
            long total = Shop.FIXED_ORDERS.get(orderId);
            Order order = Order.of(orderId, MEMBER, shop.now, Channel.ONLINE_STORE,
                List.of(OrderLine.of("1", "sku", "goods", 1, twd(Long.toString(total)))));
            String id = shop.next("r");
            int entries = shop.state.ledger().entries().size();
            Decision decision;
            try {
              decision = LedgerOnlyDecisions.decide(LoyaltyEvent.PointsRedeemed.atCheckout(id, order, Points.of(points)),
                  shop.state, shop.programme, "v");
            } catch (RedemptionLimitException | InsufficientPointsException refused) {
              // Refused only for a reason: the order's total, the minimum, or the points available.
              long earlier = shop.state.ledger().redeemedAgainst(orderId).value();
              long available = shop.state.ledger().available(shop.now).value();
              assertThat(earlier + points > shop.allowedFor(total)
                  || points < shop.programme.redemption().minimumPoints().value() || points > available)
                  .as("refused %s: %s", points, refused.getMessage()).isTrue();
              assertThat(shop.state.ledger().entries()).hasSize(entries);
              return;
            }
            shop.state.ledger().appendAll(decision.entries());
            shop.redemptions.add(id);
            shop.splitRedemptions.put(id, Map.entry(orderId, points));
          }));
    }
  }

  static final class Cancel implements Action.Dependent<Shop> {
    @Override
    public boolean precondition(Shop shop) {
      return !shop.redemptions.isEmpty();
    }

    @Override
    public Arbitrary<Transformer<Shop>> transformer(Shop state) {
      return Arbitraries.integers().between(0, state.redemptions.size() - 1).map(i -> Transformer.mutate("cancel " + i,
          (Shop shop) -> {
            String redemption = shop.redemptions.remove((int) i);
            shop.splitRedemptions.remove(redemption);
            long before = shop.state.ledger().available(shop.now.plusSeconds(60)).value();
            Decision decision = LedgerOnlyDecisions.decide(new LoyaltyEvent.RedemptionCancelled(shop.next("c"), MEMBER,
                redemption, shop.now), shop.state, shop.programme, "v");
            shop.state.ledger().appendAll(decision.entries());
            assertThat(shop.state.ledger().available(shop.now).value()).isGreaterThan(before);
          }));
    }
  }
}
