package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Programme;

class EngineSmokeTest {
  @Test
  void orderPaid_doublePointsDay_doublesBase() {
    // given
    Programme programme = Programmes.taiwan(List.of(
        Campaign.multiplier("double-1111", "Double points 11/11", BigDecimal.valueOf(2),
            CampaignSchedule.yearlyOn(MonthDay.of(11, 11)))));
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(programme).build();
    Member member = Member.of("m-1", Instant.parse("2024-01-01T00:00:00Z"), "gold");
    PointLedger ledger = programme.newLedger("m-1");
    Order order = Order.of("o-1", "m-1", Instant.parse("2025-11-10T16:30:00Z"), Channel.ONLINE_STORE,
        List.of(OrderLine.of("l1", "SKU-1", "apparel", 2, Money.of("750", "TWD")),
            OrderLine.of("l2", "GC-500", "gift-card", 1, Money.of("500", "TWD"))));
    // when
    Decision decision = engine.decide(new LoyaltyEvent.OrderPaid(order), DecisionContext.of(member, ledger));
    // then
    decision.entries().forEach(e -> System.out.println(e.key() + " " + e.points() + " " + e.provenance()));
    System.out.println(decision.firedRules() + " " + decision.notices());
    assertThat(decision.pointsFor("m-1").value()).isEqualTo(60);
  }
}
