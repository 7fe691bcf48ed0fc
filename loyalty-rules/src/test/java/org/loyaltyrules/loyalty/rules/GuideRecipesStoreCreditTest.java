package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.twd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.NegativeBalancePolicy;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.files.RuleFiles;

/**
 * Runs recipe 7.14 of docs/writing-rules.md (store credit): its DRL block read from the guide, its
 * Java block the region between the snippet markers below, and every number its prose gives.
 */
class GuideRecipesStoreCreditTest {
  private static final Instant PAID = taipei("2025-03-05T12:00");
  private static final Instant LATER = taipei("2025-03-06T12:00");

  /** The recipe's DRL block, as the guide prints it. */
  static String bigBasketDrl() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("..", "docs", "writing-rules.md"), StandardCharsets.UTF_8);
    int marker = lines.indexOf("<!-- snippet: store-credit/big-basket.drl -->");
    assertThat(marker).as("marker of store-credit/big-basket.drl").isNotNegative();
    int end = lines.subList(marker + 2, lines.size()).indexOf("```") + marker + 2;
    return String.join("\n", lines.subList(marker + 2, end)) + "\n";
  }

  private static RuleBase rules() throws IOException {
    return RuleFiles.of(List.of(RuleSource.of("big-basket.drl", bigBasketDrl()))).over(RuleFiles.bundled())
        .load(Fixtures.taiwan()).ruleBase();
  }

  @Test
  void storeCredit_orderOf3000_grants100ValidFor90DaysAndSpending60Leaves40() throws IOException {
    // given
    RuleBase rules = rules();
    Order order = order("o-1", "m-1", PAID, "3000");
    Instant later = LATER;
    PointLedger ledger = PointLedger.empty("m-1", NegativeBalancePolicy.ALLOW_DEBT);
    MemberState member = MemberState.of(Member.of("m-1", taipei("2025-01-01T00:00"), "member"), ledger);

    // when
    // snippet-start store-credit/StoreCredit.java
    Programme programme = Programmes.taiwan(List.of()).toBuilder()
        .storeCreditExpiresAfter(Period.ofDays(90))  // valid 90 days, to the end of that day
        .build();
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(programme).ruleBase(rules).build();

    ledger.appendAll(engine.decide(new LoyaltyEvent.OrderPaid(order), DecisionContext.of(member)).entries());
    ledger.storeCredit(programme.currency());     // TWD 100.00, besides 30 points
    ledger.creditLots().get(0).expiresAt();       // 2025-06-03T16:00:00Z: midnight after 3 June, Taipei

    LoyaltyEvent spend = new LoyaltyEvent.StoreCreditSpent("spend-1", "m-1", Money.of("60", "TWD"), later);
    ledger.appendAll(engine.decide(spend, DecisionContext.of(member)).entries());
    ledger.storeCredit(programme.currency());     // TWD 40.00; the 30 points are untouched
    // snippet-end

    // then
    assertThat(ledger.creditLots().get(0).original()).isEqualTo(twd("100"));
    assertThat(ledger.creditLots().get(0).expiresAt()).contains(Instant.parse("2025-06-03T16:00:00Z"));
    assertThat(ledger.creditLots().get(0).expiresAt()).contains(taipei("2025-06-04T00:00"));
    assertThat(ledger.storeCredit(programme.currency())).isEqualTo(twd("40"));
    assertThat(ledger.balance().value()).isEqualTo(30);

    // and: a NT$2,999 order earns 29 points and no credit
    Decision small = engine.decide(new LoyaltyEvent.OrderPaid(order("o-2", "m-1", PAID, "2999")), DecisionContext.of(member));
    assertThat(small.pointsFor("m-1").value()).isEqualTo(29);
    assertThat(small.entries()).noneMatch(LedgerEntry.StoreCreditEntry.class::isInstance);

    // and: returning the NT$3,000 order takes back the NT$40 left, NT$60 uncollected
    Decision refund = engine.decide(LoyaltyEvent.OrderReturned.whole("r-1", "m-1", "o-1", later), DecisionContext.of(member));
    LedgerEntry.CreditClawedBack clawback = refund.entries().stream().filter(LedgerEntry.CreditClawedBack.class::isInstance)
        .map(LedgerEntry.CreditClawedBack.class::cast).findFirst().orElseThrow();
    assertThat(clawback.credit()).isEqualTo(twd("-40"));
    assertThat(clawback.uncollected()).isEqualTo(twd("60"));

    // and: an expiry run on 4 June expires the NT$40 left
    Decision run = engine.decide(new LoyaltyEvent.ExpiryRun("run-1", "m-1", taipei("2025-06-04T00:00")),
        DecisionContext.of(member));
    assertThat(run.entries()).filteredOn(LedgerEntry.CreditExpired.class::isInstance).singleElement()
        .satisfies(e -> assertThat(((LedgerEntry.CreditExpired) e).credit()).isEqualTo(twd("-40")));
  }

  @Test
  void storeCredit_1000Of6000Returned_takesBack16_66() throws IOException {
    // given
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(Programmes.taiwan(List.of())).ruleBase(rules()).build();
    Shop shop = new Shop(engine);
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", PAID, Channel.ONLINE_STORE,
        Fixtures.line("l1", "A", "apparel", 1, "1000"), Fixtures.line("l2", "B", "apparel", 1, "5000"))));

    // when
    Decision refund = shop.apply(new LoyaltyEvent.OrderReturned("r-1", "m-1", "o-1",
        List.of(new LoyaltyEvent.ReturnedLine("l1", 1)), LATER));

    // then
    assertThat(refund.entries()).filteredOn(LedgerEntry.CreditClawedBack.class::isInstance).singleElement()
        .satisfies(e -> assertThat(((LedgerEntry.CreditClawedBack) e).credit()).isEqualTo(twd("-16.66")));
    assertThat(shop.ledger("m-1").storeCredit(Fixtures.TWD)).isEqualTo(twd("83.34"));
  }
}
