package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;

/**
 * Invariants of deciding with hostile rules (the trusted file of {@link HostileRulesTest}): a forged
 * fact always fails its event and leaves the engine serving.
 */
class HostileRulesProperties {
  private static final Instant PAID = taipei("2025-03-05T12:00");
  private static final RuleBase HOSTILE = Fixtures.defaultsWith("hostile.drl", HostileRulesTest.HOSTILE);

  private static Shop shop() {
    Shop shop = new Shop(LoyaltyRulesEngine.builder(Fixtures.taiwan()).ruleBase(HOSTILE).build())
        .withoutInvariantChecks();
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    return shop;
  }

  /** An order of whole-dollar lines, one of them with the given SKU. */
  private static LoyaltyEvent.OrderPaid paid(String id, String sku, List<Integer> amounts, int skuAt) {
    List<OrderLine> lines = new ArrayList<>();
    for (int i = 0; i < amounts.size(); i++) {
      lines.add(Fixtures.line("l" + i, i == skuAt % amounts.size() ? sku : "SKU-" + i, "apparel", 1,
          Integer.toString(amounts.get(i))));
    }
    return new LoyaltyEvent.OrderPaid(new Order(id, "m-1", PAID, Channel.ONLINE_STORE, Fixtures.TWD, lines,
        Fixtures.twd("0"), Fixtures.twd("0")));
  }

  @Provide
  Arbitrary<List<Integer>> amounts() {
    return Arbitraries.integers().between(1, 50_000).list().ofMinSize(1).ofMaxSize(5);
  }

  @Property(tries = 60)
  void aForgedFactAlwaysFailsItsEventAndTheEngineDecidesTheNext(
      @ForAll("forgeries") String sku, @ForAll("amounts") List<Integer> amounts, @ForAll @IntRange(max = 4) int at) {
    // given
    Shop shop = shop();

    // when
    Throwable thrown = catchThrowable(() -> shop.apply(paid("o-1", sku, amounts, at)));

    // then
    assertThat(thrown).isInstanceOfSatisfying(RuleEvaluationException.class,
        e -> assertThat(e.code()).isEqualTo("forged-fact"));
    assertThat(shop.ledger("m-1").size()).isZero();
    Decision next = shop.apply(new LoyaltyEvent.OrderPaid(Fixtures.order("o-2", "m-1", PAID, "1000")));
    assertThat(next.pointsFor("m-1").value()).isEqualTo(10);
  }

  @Provide
  Arbitrary<String> forgeries() {
    return Arbitraries.of("FORGE-LINE", "FORGE-CAMPAIGN", "FORGE-MULTIPLIER", "FORGE-TIER", "FORGE-UPLINE",
        "FORGE-CATCH");
  }
}
