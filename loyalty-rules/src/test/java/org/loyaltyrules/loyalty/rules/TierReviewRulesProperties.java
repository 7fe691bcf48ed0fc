package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Tier;
import org.loyaltyrules.loyalty.TierChange;
import org.loyaltyrules.loyalty.TierLadder;

/**
 * Properties of {@code tier-review.drl}, and the cross-cutting law that the tier a host ends up
 * with after any sequence of orders, refunds and reviews is the tier the ledger implies.
 */
class TierReviewRulesProperties {
  private static final Programme RECOMPUTE = Fixtures.taiwan().toBuilder()
      .downgrade(Programme.DowngradePolicy.RECOMPUTE, Period.ZERO)
      .tierRefundPolicy(Programme.TierRefundPolicy.RECOMPUTE_ON_REFUND).build();
  private static final Programme ONE_LEVEL = Fixtures.taiwan();
  private static final LoyaltyRulesEngine RECOMPUTING = Fixtures.engine(RECOMPUTE);
  private static final LoyaltyRulesEngine ONE_LEVEL_ENGINE = Fixtures.engine(ONE_LEVEL);
  private static final TierLadder LADDER = ONE_LEVEL.tiers();

  @Provide
  Arbitrary<List<Order>> histories() {
    return TierUpgradeRulesProperties.histories("m-1", 6);
  }

  @Provide
  Arbitrary<String> tiers() {
    return Arbitraries.of(RulesArbitraries.TIERS);
  }

  private static Shop shopAfter(LoyaltyRulesEngine engine, List<Order> orders, String tier) {
    Shop shop = new Shop(engine).withoutInvariantChecks();
    shop.join(Member.of("m-1", TierUpgradeRulesProperties.START, "member"));
    for (Order order : orders) {
      shop.apply(new LoyaltyEvent.OrderPaid(order));
    }
    shop.setTier("m-1", tier);
    return shop;
  }

  private static Instant last(List<Order> orders) {
    return orders.get(orders.size() - 1).paidAt();
  }

  private static Tier implied(Shop shop, Instant at) {
    return LADDER.qualifyingTier(shop.ledger("m-1"), at, Fixtures.TAIPEI);
  }

  @Property(tries = 200)
  void recomputeReviewLandsOnTheTierTheLedgerImplies(@ForAll("histories") List<Order> orders,
      @ForAll("tiers") String tier, @ForAll @IntRange(min = 0, max = 500) int daysLater) {
    // given
    Shop shop = shopAfter(RECOMPUTING, orders, tier);
    Instant at = last(orders).plus(Duration.ofDays(daysLater));

    // when
    Decision decision = shop.apply(new LoyaltyEvent.TierReview("review", "m-1", at));

    // then
    assertThat(shop.member("m-1").tierCode()).isEqualTo(implied(shop, at).code());
    assertThat(decision.tierChange().isPresent()).isEqualTo(!tier.equals(implied(shop, at).code()));
    assertThat(decision.entries()).isEmpty();
  }

  @Property(tries = 200)
  void oneLevelReviewsStepDownOneTierAtATimeToTheTierTheLedgerImplies(@ForAll("histories") List<Order> orders,
      @ForAll("tiers") String tier, @ForAll @IntRange(min = 0, max = 500) int daysLater) {
    // given
    Shop shop = shopAfter(ONE_LEVEL_ENGINE, orders, tier);
    Instant at = last(orders).plus(Duration.ofDays(daysLater));
    Tier target = implied(shop, at);

    for (int review = 0; review < LADDER.tiers().size(); review++) {
      Tier before = LADDER.byCode(shop.member("m-1").tierCode());

      // when
      Decision decision = shop.apply(new LoyaltyEvent.TierReview("review-" + review, "m-1", at));

      // then: down one level while above the ledger's tier, straight up when below it
      Tier after = LADDER.byCode(shop.member("m-1").tierCode());
      if (before.rank() > target.rank()) {
        assertThat(after.rank()).isEqualTo(before.rank() - 1);
        assertThat(decision.firedRules()).contains("tier-review: current tier under review");
      } else {
        assertThat(after).isEqualTo(target);
      }
    }
    assertThat(shop.member("m-1").tierCode()).isEqualTo(target.code());
  }

  @Property(tries = 100)
  void graceDelaysTheDowngradeByExactlyTheGracePeriodOnTheTaipeiCalendar(@ForAll("histories") List<Order> orders,
      @ForAll @IntRange(min = 0, max = 500) int daysLater, @ForAll("graces") Period grace) {
    // given
    Programme programme = Fixtures.taiwan().toBuilder().downgrade(Programme.DowngradePolicy.ONE_LEVEL, grace).build();
    Shop shop = shopAfter(Fixtures.engine(programme), orders, "gold");
    Instant at = last(orders).plus(Duration.ofDays(daysLater));

    // when
    Decision decision = shop.decide(new LoyaltyEvent.TierReview("review", "m-1", at));

    // then
    if (implied(shop, at).rank() < 2) {
      assertThat(decision.tierChange().map(TierChange::effectiveAt))
          .contains(at.atZone(Fixtures.TAIPEI).plus(grace).toInstant());
    } else {
      assertThat(decision.tierChange()).isEmpty();
    }
  }

  @Provide
  Arbitrary<Period> graces() {
    return Arbitraries.of(Period.ZERO, Period.ofDays(1), Period.ofMonths(1), Period.ofMonths(3));
  }

  // ------------------------------------------------------------------ any event sequence

  /** One step of a member's history: pay an order, return part or all of an earlier one, or review. */
  record Step(int kind, int days, int which, boolean whole) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    return Combinators.combine(Arbitraries.of(0, 0, 0, 1, 2), Arbitraries.integers().between(0, 90),
            Arbitraries.integers().between(0, 20), Arbitraries.of(true, false))
        .as(Step::new).list().ofMinSize(1).ofMaxSize(15);
  }

  @Property(tries = 150)
  void tierAfterAnyEventSequenceIsTheTierTheLedgerImplies(@ForAll("steps") List<Step> steps,
      @ForAll("histories") List<Order> baskets) {
    // given: upgrades on orders, recompute on refunds and at reviews, no grace
    Shop shop = new Shop(RECOMPUTING).withoutInvariantChecks();
    shop.join(Member.of("m-1", TierUpgradeRulesProperties.START, "member"));
    List<Order> paid = new ArrayList<>();
    Instant now = TierUpgradeRulesProperties.START;
    int events = 0;

    for (Step step : steps) {
      now = now.plus(Duration.ofDays(step.days())).plusSeconds(1);
      Tier before = LADDER.byCode(shop.member("m-1").tierCode());
      events++;
      if (step.kind() == 0 || paid.isEmpty()) {
        // when: an order
        Order basket = baskets.get(paid.size() % baskets.size());
        Order order = new Order("o-" + paid.size(), "m-1", now, basket.channel(), basket.currency(), basket.lines(),
            basket.orderDiscount(), basket.shipping());
        shop.apply(new LoyaltyEvent.OrderPaid(order));
        paid.add(order);
        // then: never below the ledger's tier; an upgrade lands exactly on it
        Tier after = LADDER.byCode(shop.member("m-1").tierCode());
        assertThat(after.rank()).isGreaterThanOrEqualTo(implied(shop, now).rank());
        if (after.rank() != before.rank()) {
          assertThat(after).isEqualTo(implied(shop, now));
        }
      } else if (step.kind() == 1) {
        // when: a refund of what is left of an earlier order
        Order order = paid.get(step.which() % paid.size());
        LoyaltyEvent.OrderReturned refund = returnOf(shop, order, "r-" + events, now, step.whole());
        if (refund != null) {
          shop.apply(refund);
          // then: recomputed at once, never up
          Tier after = LADDER.byCode(shop.member("m-1").tierCode());
          assertThat(after.rank()).isLessThanOrEqualTo(before.rank());
          assertThat(after.rank()).isEqualTo(Math.min(before.rank(), implied(shop, now).rank()));
        }
      } else {
        // when: a review; then: exactly the ledger's tier
        shop.apply(new LoyaltyEvent.TierReview("review-" + events, "m-1", now));
        assertThat(shop.member("m-1").tierCode()).isEqualTo(implied(shop, now).code());
      }
    }

    // when: a final review
    shop.apply(new LoyaltyEvent.TierReview("review-final", "m-1", now));

    // then
    assertThat(shop.member("m-1").tierCode()).isEqualTo(implied(shop, now).code());
  }

  /** @return a return of the first line with units left (all of them when {@code whole}), or null */
  static LoyaltyEvent.OrderReturned returnOf(Shop shop, Order order, String id, Instant at, boolean whole) {
    var reversed = shop.ledger(order.memberId()).reversedLines(EntryKey.orderBase(order.id()).text());
    List<LoyaltyEvent.ReturnedLine> lines = new ArrayList<>();
    for (var line : order.lines()) {
      if (!shop.programme.isInEarningBase(line)) {
        continue;
      }
      int done = reversed.containsKey(line.lineId()) ? reversed.get(line.lineId()).quantity() : 0;
      int left = line.quantity() - done;
      if (left > 0) {
        lines.add(new LoyaltyEvent.ReturnedLine(line.lineId(), whole ? left : 1));
        if (!whole) {
          break;
        }
      }
    }
    return lines.isEmpty() ? null : LoyaltyEvent.OrderReturned.of(id, order, lines, at);
  }
}
