package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Programme;

/**
 * Properties of {@code referral-bonus.drl}: Ann referred Bob, Bob referred Cat; whatever Cat buys,
 * returns or has delivered twice, Bob earns 300 and Ann 100 at most once for Cat, on Cat's first
 * order of NT$500 or more, and lose them exactly when that order is fully refunded.
 */
class ReferralBonusRulesProperties {
  private static final Programme PROGRAMME = Fixtures.taiwan();
  private static final LoyaltyRulesEngine ENGINE = Fixtures.engine(PROGRAMME);
  private static final Instant START = taipei("2025-03-01T10:00");
  private static final BigDecimal MINIMUM = new BigDecimal("500");

  /** Cat's actions: 0 buy, 1 return something, 2 deliver an earlier order again. */
  record Step(int kind, int which, boolean whole, Order basket) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    return Combinators.combine(Arbitraries.of(0, 0, 1, 2), Arbitraries.integers().between(0, 10),
            Arbitraries.of(true, false), RulesArbitraries.orders("x", "cat", Arbitraries.just(START), 3))
        .as(Step::new).list().ofMinSize(1).ofMaxSize(12);
  }

  private static long net(PointLedger ledger, EntryKey key) {
    return ledger.entry(key).map(e -> e.points().value()).orElse(0L) - ledger.reversedPoints(key.text()).value();
  }

  @Property(tries = 200)
  void referralBonusIsPaidAtMostOncePerRefereeOnItsFirstQualifyingOrderAndRolledBackOnlyWithIt(
      @ForAll("steps") List<Step> steps) {
    // given
    Shop shop = new Shop(ENGINE).withoutInvariantChecks();
    shop.join(Member.of("ann", START, "member"));
    shop.join(Member.of("bob", START, "member").withReferrer("ann"));
    shop.join(Member.of("cat", START, "member").withReferrer("bob"));
    List<Order> paid = new ArrayList<>();
    String qualifying = null;
    long bonusesPaid = 0;
    Instant now = START;

    for (Step step : steps) {
      now = now.plusSeconds(3_600);
      Decision decision;
      if (step.kind() == 0 || paid.isEmpty()) {
        Order b = step.basket();
        Order order = new Order("o-" + paid.size(), "cat", now, b.channel(), b.currency(), b.lines(), b.orderDiscount(),
            b.shipping());
        paid.add(order);
        if (qualifying == null && RulesArbitraries.earningBase(order, PROGRAMME).compareTo(MINIMUM) >= 0) {
          qualifying = order.id();
        }
        decision = shop.apply(new LoyaltyEvent.OrderPaid(order));
      } else if (step.kind() == 1) {
        LoyaltyEvent.OrderReturned refund = TierReviewRulesProperties.returnOf(shop, paid.get(step.which() % paid.size()),
            "r-" + now.getEpochSecond(), now, step.whole());
        if (refund == null) {
          continue;
        }
        decision = shop.apply(refund);
      } else {
        decision = shop.apply(new LoyaltyEvent.OrderPaid(paid.get(step.which() % paid.size())));
        assertThat(decision.entries()).isEmpty();
      }
      bonusesPaid += decision.entries().stream().filter(e -> EntryKey.parse(e.key()) instanceof EntryKey.ReferralBonus
          && e instanceof LedgerEntry.Earned).count();

      // then, after every step
      assertThat(bonusesPaid).isLessThanOrEqualTo(2);
      if (qualifying == null) {
        assertThat(shop.ledger("bob").size()).isZero();
        assertThat(shop.ledger("ann").size()).isZero();
        continue;
      }
      LedgerEntry bob = shop.ledger("bob").entry(EntryKey.referralBonus("cat", 1)).orElseThrow();
      assertThat(bob.points().value()).isEqualTo(300);
      assertThat(bob.provenance().sourceEventId()).isEqualTo(qualifying);
      assertThat(shop.ledger("ann").entry(EntryKey.referralBonus("cat", 2)).orElseThrow().provenance().sourceEventId())
          .isEqualTo(qualifying);
      boolean fullyReturned = fullyReturned(shop.ledger("cat"), qualifying);
      assertThat(net(shop.ledger("bob"), EntryKey.referralBonus("cat", 1))).isEqualTo(fullyReturned ? 0 : 300);
      assertThat(net(shop.ledger("ann"), EntryKey.referralBonus("cat", 2))).isEqualTo(fullyReturned ? 0 : 100);
    }
  }

  private static boolean fullyReturned(PointLedger ledger, String orderId) {
    LedgerEntry.Earned base = (LedgerEntry.Earned) ledger.entry(EntryKey.orderBase(orderId)).orElseThrow();
    var reversed = ledger.reversedLines(base.key());
    return base.lines().stream().allMatch(s -> reversed.containsKey(s.lineId())
        && reversed.get(s.lineId()).quantity() == s.quantity());
  }
}
