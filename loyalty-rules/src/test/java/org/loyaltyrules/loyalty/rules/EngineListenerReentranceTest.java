package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Programme;

/**
 * A listener is called on the deciding thread after the decision is made, holding no lock of the
 * engine's: one that decides again from inside its callback gets a decision of its own and changes
 * neither, and both are reported.
 */
class EngineListenerReentranceTest {
  private static final Programme TAIWAN = Programmes.taiwan(List.of());

  /** Decides {@code next} on the same engine from inside its first decisionMade callback. */
  private static final class Reentering implements EngineListener {
    Shop shop;
    LoyaltyEvent next;
    Decision inner;
    final List<DecisionMade> made = new ArrayList<>();

    @Override
    public void decisionMade(DecisionMade report) {
      made.add(report);
      if (inner == null && next != null) {
        LoyaltyEvent event = next;
        next = null;
        inner = shop.decide(event);
      }
    }
  }

  private static Shop shop(LoyaltyRulesEngine engine) {
    Shop shop = new Shop(engine);
    shop.join(Member.of("m-1", taipei("2024-01-01T00:00"), "member"));
    return shop;
  }

  @Test
  void decide_listenerDecidingAgainFromItsCallback_bothDecisionsAsWithoutListenersAndBothReported() {
    // given
    Reentering listener = new Reentering();
    Shop listened = shop(LoyaltyRulesEngine.builder(TAIWAN).ruleBase(Fixtures.defaults()).listener(listener).build());
    Shop plain = shop(Fixtures.engine(TAIWAN));
    LoyaltyEvent.OrderPaid first = new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-03-04T12:00"), "1000"));
    LoyaltyEvent.OrderPaid second = new LoyaltyEvent.OrderPaid(order("o-2", "m-1", taipei("2025-03-05T12:00"), "2500"));
    listener.shop = listened;
    listener.next = second;

    // when
    Decision outer = listened.decide(first);

    // then: the inner decision is reported first, as it finished first
    assertThat(outer).isEqualTo(plain.decide(first));
    assertThat(listener.inner).isEqualTo(plain.decide(second));
    assertThat(listener.made).extracting(EngineListener.DecisionMade::entries)
        .containsExactly(listener.inner.entries().size(), outer.entries().size());
  }
}
