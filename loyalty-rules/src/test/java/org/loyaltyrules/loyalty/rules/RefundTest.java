package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.loyalty.rules.Fixtures.bonus;
import static org.loyaltyrules.loyalty.rules.Fixtures.keysOf;
import static org.loyaltyrules.loyalty.rules.Fixtures.line;
import static org.loyaltyrules.loyalty.rules.Fixtures.multiplier;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;
import static org.loyaltyrules.loyalty.rules.Fixtures.twd;

import java.time.Instant;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EngineRule;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.NegativeBalancePolicy;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.UnknownEntryException;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;

/**
 * Worked examples for returns: points are clawed back from the original awards of the returned
 * units (base, campaign and bonus shares alike), cumulatively, so that any sequence of partial
 * returns never takes more than was earned and a full return takes exactly that, whatever the
 * rules and campaigns say on the day of the return.
 */
class RefundTest {
  private static final Instant PAID = taipei("2025-03-05T12:00");
  private static final Campaign DOUBLE = multiplier("double", "2", CampaignSchedule.on(java.time.LocalDate.of(2025, 3, 5)));

  private static Shop shop(Programme programme) {
    Shop shop = new Shop(programme);
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    return shop;
  }

  private static LoyaltyEvent.OrderReturned returned(String id, Order order, String lineId, int quantity, int hours) {
    return LoyaltyEvent.OrderReturned.of(id, order, List.of(new LoyaltyEvent.ReturnedLine(lineId, quantity)),
        PAID.plusSeconds(3600L * hours));
  }

  private static LedgerEntry.ClawedBack clawback(Decision decision, EntryKey key) {
    return decision.entries().stream().filter(e -> e.key().equals(key.text())).map(LedgerEntry.ClawedBack.class::cast)
        .findFirst().orElseThrow(() -> new AssertionError("no " + key + " in " + keysOf(decision)));
  }

  @Test
  void partialReturns_clawBackCumulativelyFromTheOriginalShares() {
    // given: 3 × NT$350 on a double-points day: 10 base (10.5 rounded down) + 10 campaign points
    Shop shop = shop(taiwan(DOUBLE));
    Order order = order("o-1", "m-1", PAID, Channel.ONLINE_STORE, line("l1", "SKU-1", "apparel", 3, "350"));
    shop.apply(new LoyaltyEvent.OrderPaid(order));

    // when: the units come back one at a time
    Decision first = shop.apply(returned("r-1", order, "l1", 1, 1));
    Decision second = shop.apply(returned("r-2", order, "l1", 1, 2));
    Decision third = shop.apply(returned("r-3", order, "l1", 1, 3));

    // then: 10 × 1/3 → 3, 10 × 2/3 → 6 (3 more), 10 × 3/3 → 10 (4 more), for each award
    assertThat(first.firedRules()).isEmpty();
    assertThat(keysOf(first)).containsExactly(EntryKey.clawback("r-1", EntryKey.orderBase("o-1")).text(), EntryKey.clawback("r-1", EntryKey.orderCampaign("o-1", "double")).text());
    LedgerEntry.ClawedBack base1 = clawback(first, EntryKey.clawback("r-1", EntryKey.orderBase("o-1")));
    assertThat(base1.points()).isEqualTo(Points.of(-3));
    assertThat(base1.earnedKey()).isEqualTo(EntryKey.orderBase("o-1").text());
    assertThat(base1.lines()).containsExactly(new LineShare("l1", 1, Points.of(3), twd("350")));
    assertThat(base1.spend()).isEqualTo(twd("350"));
    assertThat(base1.provenance().rule()).isEqualTo(EngineRule.REFUND);
    assertThat(base1.provenance().reason()).isEqualTo("refund r-1 of order o-1: 1 of 3 units of line l1 (3 points)"
        + " returned; claws back 3 of the 10 points of order:o-1:base");
    assertThat(second.pointsFor("m-1").value()).isEqualTo(-6);
    assertThat(third.pointsFor("m-1").value()).isEqualTo(-8);
    assertThat(shop.balance("m-1")).isZero();
    assertThat(shop.ledger("m-1").reversedPointsOfSource("o-1")).isEqualTo(shop.ledger("m-1").earnedPoints("o-1"));
    assertThat(shop.ledger("m-1").qualifyingSpend(PAID, PAID, Fixtures.TWD)).isEqualTo(twd("0"));
  }

  @Test
  void wholeReturn_clawsBackBaseCampaignAndBonus() {
    // given: NT$1,500 on a double-points day with the NT$1,499 threshold bonus: 15 + 15 + 200
    Campaign threshold = bonus("spend-1499", CampaignKind.THRESHOLD_BONUS, 200, CampaignSchedule.always(), "1499");
    Shop shop = shop(taiwan(DOUBLE, threshold));
    Order order = order("o-1", "m-1", PAID, Channel.ONLINE_STORE, line("l1", "SKU-1", "apparel", 1, "1000"),
        line("l2", "SKU-2", "apparel", 2, "250"));
    Decision paid = shop.apply(new LoyaltyEvent.OrderPaid(order));

    // when
    Decision refund = shop.apply(LoyaltyEvent.OrderReturned.whole("r-1", order, PAID.plusSeconds(3600)));

    // then
    assertThat(paid.pointsFor("m-1").value()).isEqualTo(230);
    assertThat(keysOf(refund)).containsExactly(EntryKey.clawback("r-1", EntryKey.orderBase("o-1")).text(), EntryKey.clawback("r-1", EntryKey.orderCampaign("o-1", "double")).text(),
        EntryKey.clawback("r-1", EntryKey.orderBonus("o-1", "spend-1499")).text());
    assertThat(refund.pointsFor("m-1").value()).isEqualTo(-230);
    assertThat(shop.balance("m-1")).isZero();
  }

  @Test
  void partialReturn_takesTheLinesShareOfTheBonus() {
    // given: NT$1,000 + NT$500 with the threshold bonus spread 133 / 67
    Campaign threshold = bonus("spend-1499", CampaignKind.THRESHOLD_BONUS, 200, CampaignSchedule.always(), "1499");
    Shop shop = shop(taiwan(threshold));
    Order order = order("o-1", "m-1", PAID, Channel.ONLINE_STORE, line("l1", "SKU-1", "apparel", 1, "1000"),
        line("l2", "SKU-2", "apparel", 1, "500"));
    shop.apply(new LoyaltyEvent.OrderPaid(order));

    // when: the NT$500 line comes back
    Decision refund = shop.apply(returned("r-1", order, "l2", 1, 1));

    // then: 5 base points and the line's 67 bonus points
    assertThat(clawback(refund, EntryKey.clawback("r-1", EntryKey.orderBase("o-1"))).points()).isEqualTo(Points.of(-5));
    assertThat(clawback(refund, EntryKey.clawback("r-1", EntryKey.orderBonus("o-1", "spend-1499"))).points()).isEqualTo(Points.of(-67));
    assertThat(shop.balance("m-1")).isEqualTo(10 + 133);
  }

  @Test
  void refund_afterRulesAndCampaignsChanged_clawsBackTheOriginalAwards() {
    // given: paid on a double-points day at 1 point per NT$100: 10 + 10
    LoyaltyRulesEngine engine = Fixtures.engine(taiwan(DOUBLE));
    Shop shop = new Shop(engine);
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    Order order = order("o-1", "m-1", PAID, "1000");
    Decision paid = shop.apply(new LoyaltyEvent.OrderPaid(order));
    String versionAtPayment = engine.ruleBaseVersion();

    // when: the merchant quintuples the member rate and drops every campaign, then the order is returned
    engine.reload(Fixtures.defaultsWith("earning.drl", RuleBase.defaultSources().get(0).content()
        .replace("decisions.baseRate($line, 1, 100);", "decisions.baseRate($line, 5, 100);")), taiwan());
    Decision refund = shop.apply(LoyaltyEvent.OrderReturned.whole("r-1", order, PAID.plusSeconds(86_400)));

    // then: today's rules would give 50; the return takes back exactly the 20 that were earned
    assertThat(engine.ruleBaseVersion()).isNotEqualTo(versionAtPayment);
    assertThat(paid.pointsFor("m-1").value()).isEqualTo(20);
    assertThat(refund.pointsFor("m-1").value()).isEqualTo(-20);
    assertThat(clawback(refund, EntryKey.clawback("r-1", EntryKey.orderCampaign("o-1", "double"))).points()).isEqualTo(Points.of(-10));
    assertThat(refund.ruleBaseVersion()).isEqualTo(engine.ruleBaseVersion());
    assertThat(shop.balance("m-1")).isZero();
    // and a new order earns at the new rate
    assertThat(shop.apply(new LoyaltyEvent.OrderPaid(order("o-2", "m-1", PAID.plusSeconds(90_000), "1000")))
        .pointsFor("m-1").value()).isEqualTo(50);
  }

  @Test
  void refundOfSpentPoints_allowDebt_leavesADebt() {
    // given: 10 points earned and redeemed
    Shop shop = shop(taiwan());
    Order order = order("o-1", "m-1", PAID, "1000");
    shop.apply(new LoyaltyEvent.OrderPaid(order));
    shop.apply(new LoyaltyEvent.PointsRedeemed("redeem-1", "m-1", Points.of(10), PAID.plusSeconds(60)));

    // when
    Decision refund = shop.apply(LoyaltyEvent.OrderReturned.whole("r-1", order, PAID.plusSeconds(3600)));

    // then
    LedgerEntry.ClawedBack clawback = clawback(refund, EntryKey.clawback("r-1", EntryKey.orderBase("o-1")));
    assertThat(clawback.points()).isEqualTo(Points.of(-10));
    assertThat(clawback.uncollected()).isEqualTo(Points.ZERO);
    assertThat(shop.balance("m-1")).isEqualTo(-10);
    assertThat(shop.ledger("m-1").debt()).isEqualTo(Points.of(10));
  }

  @Test
  void refundOfSpentPoints_capAtZero_recordsWhatCannotBeCollected() {
    // given
    Shop shop = shop(taiwan().toBuilder().negativeBalancePolicy(NegativeBalancePolicy.CAP_AT_ZERO).build());
    Order order = order("o-1", "m-1", PAID, "1000");
    shop.apply(new LoyaltyEvent.OrderPaid(order));
    shop.apply(new LoyaltyEvent.PointsRedeemed("redeem-1", "m-1", Points.of(10), PAID.plusSeconds(60)));

    // when
    Decision refund = shop.apply(LoyaltyEvent.OrderReturned.whole("r-1", order, PAID.plusSeconds(3600)));

    // then: reversed in full on paper, nothing taken from the member
    LedgerEntry.ClawedBack clawback = clawback(refund, EntryKey.clawback("r-1", EntryKey.orderBase("o-1")));
    assertThat(clawback.points()).isEqualTo(Points.ZERO);
    assertThat(clawback.uncollected()).isEqualTo(Points.of(10));
    assertThat(clawback.reversedPoints()).isEqualTo(Points.of(10));
    assertThat(clawback.provenance().reason()).endsWith("claws back 10 of the 10 points of order:o-1:base"
        + " (10 not collected: already expired or capped at zero)");
    assertThat(shop.balance("m-1")).isZero();
    assertThat(shop.ledger("m-1").debt()).isEqualTo(Points.ZERO);
  }

  @Test
  void refundOfSpentPoints_capAtZero_takesWhatOtherLotsHold() {
    // given: 10 points spent, 5 more from another order still there
    Shop shop = shop(taiwan().toBuilder().negativeBalancePolicy(NegativeBalancePolicy.CAP_AT_ZERO).build());
    Order order = order("o-1", "m-1", PAID, "1000");
    shop.apply(new LoyaltyEvent.OrderPaid(order));
    shop.apply(new LoyaltyEvent.PointsRedeemed("redeem-1", "m-1", Points.of(10), PAID.plusSeconds(60)));
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-2", "m-1", PAID.plusSeconds(120), "500")));

    // when
    Decision refund = shop.apply(LoyaltyEvent.OrderReturned.whole("r-1", order, PAID.plusSeconds(3600)));

    // then
    LedgerEntry.ClawedBack clawback = clawback(refund, EntryKey.clawback("r-1", EntryKey.orderBase("o-1")));
    assertThat(clawback.points()).isEqualTo(Points.of(-5));
    assertThat(clawback.uncollected()).isEqualTo(Points.of(5));
    assertThat(shop.balance("m-1")).isZero();
  }

  @Test
  void refund_moreUnitsThanAreLeft_isRejected() {
    // given: 3 units bought, 2 returned
    Shop shop = shop(taiwan());
    Order order = order("o-1", "m-1", PAID, Channel.ONLINE_STORE, line("l1", "SKU-1", "apparel", 3, "350"));
    shop.apply(new LoyaltyEvent.OrderPaid(order));
    shop.apply(returned("r-1", order, "l1", 2, 1));
    long balance = shop.balance("m-1");

    // then
    assertThatThrownBy(() -> shop.decide(returned("r-2", order, "l1", 2, 2)))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo("lines[0].quantity");
          assertThat(e.value()).isEqualTo("2");
        })
        .hasMessage("Invalid order-returned event: lines[0].quantity [2]; expected ≤ 1 units of line l1 not yet returned");
    assertThat(shop.balance("m-1")).isEqualTo(balance);
  }

  @Test
  void refund_ofAnOrderNeverDecided_isRejected() {
    // given
    Shop shop = shop(taiwan());
    Order order = order("o-9", "m-1", PAID, "1000");

    // then
    assertThatThrownBy(() -> shop.decide(LoyaltyEvent.OrderReturned.whole("r-1", order, PAID)))
        .isInstanceOfSatisfying(UnknownEntryException.class, e -> {
          assertThat(e.field()).isEqualTo("orderId");
          assertThat(e.value()).isEqualTo("o-9");
        });
  }

  @Test
  void refund_deliveredTwice_clawsBackOnce() {
    // given
    Shop shop = shop(taiwan());
    Order order = order("o-1", "m-1", PAID, "1000");
    shop.apply(new LoyaltyEvent.OrderPaid(order));
    Decision first = shop.apply(LoyaltyEvent.OrderReturned.whole("r-1", order, PAID.plusSeconds(3600)));

    // when
    Decision again = shop.decide(LoyaltyEvent.OrderReturned.whole("r-1", order, PAID.plusSeconds(3600)));

    // then
    assertThat(again.entries()).isEmpty();
    assertThat(again.notices()).containsExactly("return r-1 was already decided; nothing more to claw back");
    assertThat(shop.ledger("m-1").appendAll(first.entries())).containsOnly(org.loyaltyrules.loyalty.PointLedger.AppendResult.DUPLICATE);
    assertThat(shop.balance("m-1")).isZero();
  }

  @Test
  void refund_ofAGiftCardLine_isRefusedAsALineTheLedgerNeverRecorded_andTheWholeReturnSkipsIt() {
    // given: the gift card is outside the earning base, so the ledger has no record of it
    Shop shop = shop(taiwan());
    Order order = order("o-1", "m-1", PAID, Channel.ONLINE_STORE, line("l1", "SKU-1", "apparel", 1, "1000"),
        line("l2", "GC-1", "gift-card", 1, "500"));
    shop.apply(new LoyaltyEvent.OrderPaid(order));

    // when / then: a return that names it is refused and changes nothing
    assertThatThrownBy(() -> shop.apply(returned("r-1", order, "l2", 1, 1)))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo("lines[0].lineId");
          assertThat(e.value()).isEqualTo("l2");
        });
    assertThat(shop.balance("m-1")).isEqualTo(10);

    // and a whole return takes back the earning line only
    Decision whole = shop.apply(LoyaltyEvent.OrderReturned.whole("r-2", order, PAID.plusSeconds(7200)));
    assertThat(whole.entries()).singleElement().satisfies(e -> assertThat(((LedgerEntry.ClawedBack) e).lines())
        .extracting(LineShare::lineId).containsExactly("l1"));
    assertThat(shop.balance("m-1")).isZero();
  }

  /**
   * Regression: a unit whose proportional share rounds to zero points (and carries no spend, as
   * campaign and bonus shares do not) used to leave no trace, so the returned quantity was never
   * recorded and the last unit's return computed its target from the wrong cumulative quantity: the
   * campaign point of a 3-unit line returned unit by unit was never clawed back.
   */
  @Test
  void partialReturns_unitsWhoseShareRoundsToZero_stillCountTowardsTheFullReturn() {
    // given: 3 × NT$50 on a double-points day: 1 base point (1.5 rounded down) and 1 campaign point
    Shop shop = shop(taiwan(DOUBLE));
    Order order = order("o-1", "m-1", PAID, Channel.ONLINE_STORE, line("l1", "SKU-1", "apparel", 3, "50"));
    shop.apply(new LoyaltyEvent.OrderPaid(order));

    // when
    shop.apply(returned("r-1", order, "l1", 1, 1));
    shop.apply(returned("r-2", order, "l1", 1, 2));
    shop.apply(returned("r-3", order, "l1", 1, 3));

    // then
    assertThat(shop.ledger("m-1").earnedPoints("o-1")).isEqualTo(Points.of(2));
    assertThat(shop.ledger("m-1").reversedPointsOfSource("o-1")).isEqualTo(Points.of(2));
    assertThat(shop.balance("m-1")).isZero();
  }

  /**
   * Regression: the same missing trace let a zero-point unit be returned twice: after returning
   * one of three NT$0.01 units (nothing to claw back) the engine still accepted three more.
   */
  @Test
  void partialReturns_unitsWithNothingToClawBack_areStillCounted() {
    // given: 3 × NT$0.01 earns nothing
    Shop shop = shop(taiwan());
    Order order = order("o-1", "m-1", PAID, Channel.ONLINE_STORE, line("l1", "SKU-1", "apparel", 3, "0.01"));
    shop.apply(new LoyaltyEvent.OrderPaid(order));
    shop.apply(returned("r-1", order, "l1", 1, 1));

    // then
    assertThatThrownBy(() -> shop.decide(returned("r-2", order, "l1", 3, 2)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("expected ≤ 2 units of line l1 not yet returned");
  }

  /**
   * Regression: the spend reversed for one of three units was computed with the ratio 1/3 cut to
   * twelve digits before multiplying, so one of three NT$300 units gave back NT$299.99 of qualifying
   * spend instead of NT$300.
   */
  @Test
  void partialReturn_reversesTheReturnedUnitsShareOfSpendExactly() {
    // given
    Shop shop = shop(taiwan());
    Order order = order("o-1", "m-1", PAID, Channel.ONLINE_STORE, line("l1", "SKU-1", "apparel", 3, "300"));
    shop.apply(new LoyaltyEvent.OrderPaid(order));

    // when
    Decision refund = shop.apply(returned("r-1", order, "l1", 1, 1));

    // then
    assertThat(clawback(refund, EntryKey.clawback("r-1", EntryKey.orderBase("o-1"))).spend()).isEqualTo(twd("300"));
    assertThat(shop.ledger("m-1").qualifyingSpend(PAID, PAID, Fixtures.TWD)).isEqualTo(twd("600"));
  }

  @Test
  void refund_ofPendingPoints_takesThemFromTheHeldLot() {
    // given
    Shop shop = shop(taiwan().toBuilder().pendingPeriod(Period.ofDays(14)).build());
    Order order = order("o-1", "m-1", PAID, "1000");
    shop.apply(new LoyaltyEvent.OrderPaid(order));

    // when
    shop.apply(LoyaltyEvent.OrderReturned.whole("r-1", order, PAID.plusSeconds(3600)));

    // then
    assertThat(shop.balance("m-1")).isZero();
    assertThat(shop.ledger("m-1").pending(PAID.plusSeconds(7200))).isEqualTo(Points.ZERO);
    assertThat(shop.ledger("m-1").debt()).isEqualTo(Points.ZERO);
  }
}
