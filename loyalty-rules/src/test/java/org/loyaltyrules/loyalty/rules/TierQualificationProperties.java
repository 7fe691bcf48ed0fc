package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Tier;

/**
 * After any refund under {@code RECOMPUTE_ON_REFUND}, the member's tier is one the rules'
 * qualification allows: never above the highest tier qualified on the spend left, and never moved
 * down while their tier still qualifies. Checked for the bundled rule and for a merchant's edit
 * (gold from 80% of its threshold), each against a one-line reference of what that rule qualifies.
 */
class TierQualificationProperties {
  private static final Programme PROGRAMME =
      Fixtures.taiwan().toBuilder().tierRefundPolicy(Programme.TierRefundPolicy.RECOMPUTE_ON_REFUND).build();

  /** The rule files, and what their qualification rule says, as a reference. */
  enum Rules {
    BUNDLED((tier, spend) -> spend.compareTo(tier.threshold().amount()) >= 0) {
      @Override
      RuleBase ruleBase() {
        return Fixtures.defaults();
      }
    },
    GOLD_AT_80_PERCENT((tier, spend) -> spend.compareTo(
        tier.code().equals("gold") ? new BigDecimal("24000") : tier.threshold().amount()) >= 0) {
      @Override
      RuleBase ruleBase() {
        return Fixtures.defaultsWith("tier-upgrade.drl", TierQualificationTest.GOLD_AT_80_PERCENT);
      }
    };

    final BiPredicate<Tier, BigDecimal> qualifies;

    Rules(BiPredicate<Tier, BigDecimal> qualifies) {
      this.qualifies = qualifies;
    }

    abstract RuleBase ruleBase();
  }

  @Provide
  Arbitrary<List<Order>> histories() {
    return TierUpgradeRulesProperties.histories("m-1", 6);
  }

  @Property(tries = 150)
  void afterARefundTheTierIsOneTheRulesQualificationAllows(@ForAll Rules rules,
      @ForAll("histories") List<Order> orders, @ForAll("returns") List<Integer> returned) {
    // given
    Shop shop = new Shop(LoyaltyRulesEngine.builder(PROGRAMME).ruleBase(rules.ruleBase()).build())
        .withoutInvariantChecks();
    shop.join(Member.of("m-1", TierUpgradeRulesProperties.START, "member"));
    for (Order order : orders) {
      shop.apply(new LoyaltyEvent.OrderPaid(order));
    }
    Instant at = orders.get(orders.size() - 1).paidAt();

    Set<String> done = new HashSet<>();
    for (int pick : returned) {
      Order order = orders.get(pick % orders.size());
      at = at.plus(Duration.ofHours(1));
      if (!done.add(order.id())) {
        continue; // returned already
      }
      Tier before = tierOf(shop);

      // when
      Decision decision = shop.apply(LoyaltyEvent.OrderReturned.whole("r-" + order.id(), order, at));

      // then
      Tier after = tierOf(shop);
      Tier highest = highestQualified(rules, shop.ledger("m-1"), at);
      assertThat(after.rank()).as("tier after the refund").isLessThanOrEqualTo(highest.rank());
      if (qualified(rules, before, shop.ledger("m-1"), at)) {
        assertThat(after).as("a tier still qualified is kept").isEqualTo(before);
        assertThat(decision.tierChange()).isEmpty();
      } else {
        assertThat(after).as("an unqualified tier moves to the highest qualified below it")
            .isEqualTo(highestQualifiedBelow(rules, before, shop.ledger("m-1"), at));
      }
    }
  }

  @Provide
  Arbitrary<List<Integer>> returns() {
    return Arbitraries.integers().between(0, 5).list().ofMinSize(1).ofMaxSize(4);
  }

  private static Tier tierOf(Shop shop) {
    return PROGRAMME.tiers().byCode(shop.member("m-1").tierCode());
  }

  private static boolean qualified(Rules rules, Tier tier, PointLedger ledger, Instant at) {
    if (tier.rank() == 0) {
      return true;
    }
    Instant from = at.atZone(PROGRAMME.zone()).minus(tier.window()).toInstant();
    return rules.qualifies.test(tier, ledger.qualifyingSpend(from, at, PROGRAMME.currency()).amount());
  }

  private static Tier highestQualified(Rules rules, PointLedger ledger, Instant at) {
    Tier highest = PROGRAMME.tiers().entry();
    for (Tier tier : PROGRAMME.tiers().tiers()) {
      if (qualified(rules, tier, ledger, at)) {
        highest = tier;
      }
    }
    return highest;
  }

  private static Tier highestQualifiedBelow(Rules rules, Tier current, PointLedger ledger, Instant at) {
    Tier highest = PROGRAMME.tiers().entry();
    for (Tier tier : PROGRAMME.tiers().tiers()) {
      if (tier.rank() < current.rank() && qualified(rules, tier, ledger, at)) {
        highest = tier;
      }
    }
    return highest;
  }
}
