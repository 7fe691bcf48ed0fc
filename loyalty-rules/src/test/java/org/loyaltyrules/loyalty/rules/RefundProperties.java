package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.bonus;
import static org.loyaltyrules.loyalty.rules.Fixtures.multiplier;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.NegativeBalancePolicy;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.testkit.LedgerInvariants;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;

/**
 * Properties of returns: whatever the order, campaigns, policy and sequence of partial returns,
 * each award is clawed back line by line as floor(line points × units returned so far / units
 * bought), so never more than was earned, and exactly what was earned once everything is back.
 */
class RefundProperties {
  private static final Campaign[] CAMPAIGNS = {
      multiplier("double", "2", CampaignSchedule.always()),
      multiplier("shoes-x3", "3", CampaignSchedule.always()).targeting(Set.of(), Set.of("shoes")),
      bonus("first-order", CampaignKind.FIRST_ORDER_BONUS, 100, CampaignSchedule.always(), null),
      bonus("spend-1499", CampaignKind.THRESHOLD_BONUS, 200, CampaignSchedule.always(), "1499")};
  private static final Instant PAID = taipei("2025-03-05T12:00");
  /** Every programme here has the Taiwanese earning base (gift cards outside it). */
  private static final Programme EARNING_BASE = Fixtures.taiwan();

  private static Programme programme(NegativeBalancePolicy policy) {
    return Fixtures.taiwan(CAMPAIGNS).toBuilder().negativeBalancePolicy(policy).build();
  }

  @Provide
  Arbitrary<Order> orders() {
    return RulesArbitraries.orders("o-1", "m-1", Arbitraries.just(PAID), 5);
  }

  @Provide
  Arbitrary<String> tiers() {
    return Arbitraries.of(RulesArbitraries.TIERS);
  }

  private static Shop paid(Programme programme, String tier, Order order) {
    Shop shop = new Shop(programme);
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), tier));
    shop.apply(new LoyaltyEvent.OrderPaid(order));
    return shop;
  }

  @Property(tries = 200)
  void wholeRefundReturnsEveryPointTheOrderEarned(@ForAll("orders") Order order, @ForAll("tiers") String tier) {
    // given
    Shop shop = paid(programme(NegativeBalancePolicy.ALLOW_DEBT), tier, order);
    PointLedger ledger = shop.ledger("m-1");

    // when
    shop.apply(LoyaltyEvent.OrderReturned.whole("r-1", order, PAID.plusSeconds(3_600)));

    // then
    assertThat(ledger.reversedPointsOfSource("o-1")).isEqualTo(ledger.earnedPoints("o-1"));
    for (LedgerEntry.Earned earned : ledger.earnedFrom("o-1")) {
      assertThat(ledger.reversedPoints(earned.key())).isEqualTo(earned.points());
    }
    assertThat(ledger.balance()).isEqualTo(Points.ZERO);
    assertThat(ledger.qualifyingSpend(PAID, PAID, Fixtures.TWD).isZero()).isTrue();
  }

  @Property(tries = 200)
  void anySequenceOfPartialRefundsClawsBackAtMostWhatWasEarnedAndExactlyThatWhenAllIsBack(
      @ForAll("orders") Order order, @ForAll("tiers") String tier, @ForAll NegativeBalancePolicy policy,
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 100) int redeemPercent) {
    // given: the order paid, some of its points possibly spent
    Shop shop = paid(programme(policy), tier, order);
    PointLedger ledger = shop.ledger("m-1");
    long redeem = ledger.balance().value() * redeemPercent / 100;
    if (redeem > 0) {
      shop.apply(new LoyaltyEvent.PointsRedeemed("redeem-1", "m-1", Points.of(redeem), PAID.plusSeconds(60)));
    }
    List<LedgerEntry.Earned> awards = ledger.earnedFrom("o-1");
    List<List<LoyaltyEvent.ReturnedLine>> returns = partialReturns(order, new Random(seed));
    Map<String, Integer> returnedSoFar = new HashMap<>();

    for (int r = 0; r < returns.size(); r++) {
      // when
      shop.apply(LoyaltyEvent.OrderReturned.of("r-" + r, order, returns.get(r), PAID.plusSeconds(3_600L * (r + 1))));
      returns.get(r).forEach(l -> returnedSoFar.merge(l.lineId(), l.quantity(), Integer::sum));

      // then: each award's reversal per line is its cumulative prorated share
      for (LedgerEntry.Earned award : awards) {
        Map<String, LineShare> reversed = ledger.reversedLines(award.key());
        long total = 0;
        for (LineShare share : award.lines()) {
          int units = returnedSoFar.getOrDefault(share.lineId(), 0);
          long expected = share.points().value() * units / share.quantity();
          long actual = reversed.containsKey(share.lineId()) ? reversed.get(share.lineId()).points().value() : 0;
          assertThat(actual).as("%s line %s after %d of %d units", award.key(), share.lineId(), units, share.quantity())
              .isEqualTo(expected);
          total += expected;
        }
        assertThat(ledger.reversedPoints(award.key()).value()).isEqualTo(total).isLessThanOrEqualTo(award.points().value());
      }
      if (policy == NegativeBalancePolicy.CAP_AT_ZERO) {
        assertThat(ledger.balance().value()).isGreaterThanOrEqualTo(0);
      }
    }

    // then: everything back
    assertThat(ledger.reversedPointsOfSource("o-1")).isEqualTo(ledger.earnedPoints("o-1"));
    assertThat(ledger.qualifyingSpend(PAID, PAID, Fixtures.TWD).isZero()).isTrue();
    LedgerInvariants.check(ledger);
  }

  /** Every unit of every line, in random chunks, grouped into returns of one to three lines. */
  static List<List<LoyaltyEvent.ReturnedLine>> partialReturns(Order order, Random random) {
    List<LoyaltyEvent.ReturnedLine> chunks = new ArrayList<>();
    for (OrderLine line : order.lines()) {
      // Only lines in the earning base are on the ledger; a gift card earned nothing to return.
      int left = EARNING_BASE.isInEarningBase(line) ? line.quantity() : 0;
      while (left > 0) {
        int chunk = 1 + random.nextInt(left);
        chunks.add(new LoyaltyEvent.ReturnedLine(line.lineId(), chunk));
        left -= chunk;
      }
    }
    Collections.shuffle(chunks, random);
    List<List<LoyaltyEvent.ReturnedLine>> returns = new ArrayList<>();
    while (!chunks.isEmpty()) {
      Map<String, LoyaltyEvent.ReturnedLine> one = new LinkedHashMap<>();
      int size = 1 + random.nextInt(3);
      for (var it = chunks.iterator(); it.hasNext() && one.size() < size; ) {
        LoyaltyEvent.ReturnedLine chunk = it.next();
        if (!one.containsKey(chunk.lineId())) {
          one.put(chunk.lineId(), chunk);
          it.remove();
        }
      }
      returns.add(List.copyOf(one.values()));
    }
    return returns;
  }

  @Property(tries = 100)
  void refundAfterRulesAndCampaignsChangedClawsBackTheOriginalAwards(@ForAll("orders") Order order,
      @ForAll("tiers") String tier, @ForAll long seed) {
    // given: paid under the bundled rules and four campaigns
    Shop shop = paid(programme(NegativeBalancePolicy.ALLOW_DEBT), tier, order);
    PointLedger ledger = shop.ledger("m-1");
    Points earned = ledger.earnedPoints("o-1");
    // and returned, in parts, under rules earning five times as much with no campaigns at all
    LoyaltyRulesEngine changed = LoyaltyRulesEngine.builder(Fixtures.taiwan()).ruleBase(Fixtures.defaultsWith("earning.drl",
        RuleBase.defaultSources().get(0).content().replace("decisions.baseRate($line, 1, 100);",
            "decisions.baseRate($line, 5, 100);"))).build();
    Shop later = new Shop(changed);
    later.join(shop.member("m-1"));
    PointLedger laterLedger = later.ledger("m-1");
    laterLedger.appendAll(ledger.entries());

    // when
    List<List<LoyaltyEvent.ReturnedLine>> returns = partialReturns(order, new Random(seed));
    for (int r = 0; r < returns.size(); r++) {
      later.apply(LoyaltyEvent.OrderReturned.of("r-" + r, order, returns.get(r), PAID.plus(Duration.ofDays(30 + r))));
    }

    // then
    assertThat(laterLedger.reversedPointsOfSource("o-1")).isEqualTo(earned);
    assertThat(laterLedger.balance()).isEqualTo(Points.ZERO);
  }
}
