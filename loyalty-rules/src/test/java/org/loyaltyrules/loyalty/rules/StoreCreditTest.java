package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;
import static org.loyaltyrules.loyalty.rules.Fixtures.twd;

import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EngineRule;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.InsufficientStoreCreditException;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.UnknownEntryException;

/**
 * Worked examples for store credit (購物金): granted by a rule on an order of NT$3,000 or more,
 * spent 1:1, cancelled, expired by the programme's validity and taken back when the order that
 * granted it is refunded. Points are never touched by any of it.
 */
class StoreCreditTest {
  static final String THRESHOLD_CREDIT = """
      // store-credit: NT$100 of store credit for an order of NT$3,000 or more.
      // Facts read: EventFact, OrderFact. Facts emitted: none (calls decisions.storeCredit).
      package org.loyaltyrules.loyalty.rules.credit;

      import org.loyaltyrules.loyalty.rules.facts.EventFact;
      import org.loyaltyrules.loyalty.rules.facts.EventKind;
      import org.loyaltyrules.loyalty.rules.facts.OrderFact;

      global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

      // why: the shop thanks big baskets with money off the next order instead of points.
      rule "store-credit: NT$100 for an order of NT$3,000 or more"
      when
          EventFact( kind == EventKind.ORDER_PAID )
          OrderFact( earningBase >= 3000 )
      then
          decisions.storeCredit("big-basket", 100, "order of NT$3,000 or more");
      end
      """;

  static final String GOLD_GIFT = """
      // gold-gift: NT$200 of store credit on the order that lifts a member to gold.
      // Facts read: MemberFact, TierFact, OrderFact. Facts emitted: none (calls decisions.storeCredit).
      package org.loyaltyrules.loyalty.rules.credit;

      import org.loyaltyrules.loyalty.rules.facts.MemberFact;
      import org.loyaltyrules.loyalty.rules.facts.OrderFact;
      import org.loyaltyrules.loyalty.rules.facts.TierFact;

      global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

      // why: a welcome gift for new gold members, paid once, on the order that reaches gold.
      rule "gold-gift: NT$200 store credit on reaching gold"
      when
          MemberFact( tierRank < 2 )
          TierFact( code == "gold", spendInWindow >= threshold )
          OrderFact()
      then
          decisions.storeCredit("gold-gift", 200, "welcome to gold");
      end
      """;

  private static final Instant JOINED = taipei("2025-01-01T00:00");
  private static final Instant PAID = taipei("2025-03-05T12:00");
  private static final Instant LATER = taipei("2025-03-06T12:00");

  private static Programme programme() {
    return taiwan().toBuilder().storeCreditExpiresAfter(Period.ofDays(90)).build();
  }

  private static Shop shop(Programme programme) {
    Shop shop = new Shop(LoyaltyRulesEngine.builder(programme)
        .ruleBase(Fixtures.defaultsWith("store-credit.drl", THRESHOLD_CREDIT)).build());
    shop.join(Member.of("m-1", JOINED, "member"));
    return shop;
  }

  private static LedgerEntry.CreditGranted grantOf(Decision decision) {
    return decision.entries().stream().filter(LedgerEntry.CreditGranted.class::isInstance)
        .map(LedgerEntry.CreditGranted.class::cast).findFirst().orElseThrow();
  }

  @Test
  void orderPaid_atTheThreshold_grantsCreditExpiringAtTheEndOfDay90() {
    // given
    Shop shop = shop(programme());

    // when
    Decision decision = shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", PAID, "3000")));

    // then
    LedgerEntry.CreditGranted grant = grantOf(decision);
    assertThat(grant.key()).isEqualTo(EntryKey.creditGrant("o-1", "big-basket").text());
    assertThat(grant.credit()).isEqualTo(twd("100"));
    assertThat(grant.points().value()).isZero();
    assertThat(grant.provenance().rule()).isEqualTo("store-credit: NT$100 for an order of NT$3,000 or more");
    // 2025-03-05 + 90 days = 2025-06-03, valid through that day (Taipei)
    assertThat(grant.expiresAt()).contains(taipei("2025-06-04T00:00"));
    PointLedger ledger = shop.ledger("m-1");
    assertThat(ledger.storeCredit(Fixtures.TWD)).isEqualTo(twd("100"));
    assertThat(ledger.balance().value()).isEqualTo(30); // the order's points, untouched by the credit
  }

  @Test
  void orderPaid_belowTheThreshold_grantsNoCredit() {
    // given
    Shop shop = shop(programme());

    // when
    Decision decision = shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", PAID, "2999")));

    // then
    assertThat(decision.entries()).noneMatch(LedgerEntry.StoreCreditEntry.class::isInstance);
    assertThat(shop.ledger("m-1").storeCredit(Fixtures.TWD)).isEqualTo(twd("0"));
  }

  @Test
  void orderPaid_redelivered_grantsTheCreditOnce() {
    // given
    Shop shop = shop(programme());
    LoyaltyEvent.OrderPaid paid = new LoyaltyEvent.OrderPaid(order("o-1", "m-1", PAID, "5000"));
    Decision first = shop.decide(paid);
    shop.append(first, paid);

    // when
    List<PointLedger.AppendResult> again = shop.append(first, paid);
    Decision redecided = shop.apply(paid);

    // then
    assertThat(again).containsOnly(PointLedger.AppendResult.DUPLICATE);
    assertThat(redecided.entries()).isEmpty();
    assertThat(shop.ledger("m-1").storeCredit(Fixtures.TWD)).isEqualTo(twd("100"));
  }

  @Test
  void storeCreditSpent_takesCreditNeverPoints() {
    // given
    Shop shop = shop(programme());
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", PAID, "5000")));
    long points = shop.balance("m-1");

    // when
    Decision decision = shop.apply(new LoyaltyEvent.StoreCreditSpent("spend-1", "m-1", twd("60"), LATER));

    // then
    LedgerEntry.CreditSpent spent = (LedgerEntry.CreditSpent) decision.entries().get(0);
    assertThat(spent.key()).isEqualTo(EntryKey.creditSpend("spend-1").text());
    assertThat(spent.credit()).isEqualTo(twd("-60"));
    assertThat(spent.provenance().rule()).isEqualTo(EngineRule.CREDIT_SPEND);
    assertThat(shop.ledger("m-1").storeCredit(Fixtures.TWD)).isEqualTo(twd("40"));
    assertThat(shop.balance("m-1")).isEqualTo(points);
  }

  @Test
  void storeCreditSpent_beyondTheAvailableCredit_isRefusedAndChangesNothing() {
    // given
    Shop shop = shop(programme());
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", PAID, "5000")));

    // when / then
    assertThatThrownBy(() -> shop.apply(new LoyaltyEvent.StoreCreditSpent("spend-1", "m-1", twd("100.01"), LATER)))
        .isInstanceOfSatisfying(InsufficientStoreCreditException.class, e -> {
          assertThat(e.requested()).isEqualTo(twd("100.01"));
          assertThat(e.available()).isEqualTo(twd("100"));
          assertThat(e.code()).isEqualTo("insufficient-store-credit");
        });
    assertThat(shop.ledger("m-1").storeCredit(Fixtures.TWD)).isEqualTo(twd("100"));
  }

  @Test
  void storeCreditSpendCancelled_givesTheCreditBackToItsLot() {
    // given
    Shop shop = shop(programme());
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", PAID, "5000")));
    shop.apply(new LoyaltyEvent.StoreCreditSpent("spend-1", "m-1", twd("60"), LATER));

    // when
    Decision decision = shop.apply(new LoyaltyEvent.StoreCreditSpendCancelled("cancel-1", "m-1", "spend-1", LATER));
    Decision again = shop.apply(new LoyaltyEvent.StoreCreditSpendCancelled("cancel-2", "m-1", "spend-1", LATER));

    // then
    assertThat(((LedgerEntry.CreditSpendCancelled) decision.entries().get(0)).credit()).isEqualTo(twd("60"));
    assertThat(again.entries()).isEmpty();
    assertThat(shop.ledger("m-1").creditLot(EntryKey.creditGrant("o-1", "big-basket").text()).orElseThrow().remaining())
        .isEqualTo(twd("100"));
  }

  @Test
  void storeCreditSpendCancelled_ofAnUnknownSpend_isRefused() {
    // given
    Shop shop = shop(programme());

    // when / then
    assertThatThrownBy(() -> shop.apply(new LoyaltyEvent.StoreCreditSpendCancelled("cancel-1", "m-1", "nope", LATER)))
        .isInstanceOf(UnknownEntryException.class);
  }

  @Test
  void expiryRun_afterTheValidity_expiresWhatIsLeftOfTheCredit() {
    // given
    Shop shop = shop(programme());
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", PAID, "5000")));
    shop.apply(new LoyaltyEvent.StoreCreditSpent("spend-1", "m-1", twd("30"), LATER));
    long points = shop.balance("m-1");

    // when
    Decision early = shop.apply(new LoyaltyEvent.ExpiryRun("run-1", "m-1", taipei("2025-06-03T23:59")));
    Decision due = shop.apply(new LoyaltyEvent.ExpiryRun("run-2", "m-1", taipei("2025-06-04T00:00")));

    // then
    assertThat(early.entries()).noneMatch(LedgerEntry.StoreCreditEntry.class::isInstance);
    LedgerEntry.CreditExpired expired = (LedgerEntry.CreditExpired) due.entries().stream()
        .filter(LedgerEntry.CreditExpired.class::isInstance).findFirst().orElseThrow();
    assertThat(expired.credit()).isEqualTo(twd("-70"));
    assertThat(expired.provenance().rule()).isEqualTo(EngineRule.CREDIT_EXPIRE);
    assertThat(shop.ledger("m-1").storeCredit(Fixtures.TWD)).isEqualTo(twd("0"));
    assertThat(shop.balance("m-1")).isEqualTo(points); // points have no validity in this programme
  }

  @Test
  void orderReturned_inFull_takesBackTheCreditStillUnspent() {
    // given
    Shop shop = shop(programme());
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", PAID, "5000")));

    // when
    Decision decision = shop.apply(LoyaltyEvent.OrderReturned.whole("r-1", "m-1", "o-1", LATER));

    // then
    LedgerEntry.CreditClawedBack clawback = decision.entries().stream().filter(LedgerEntry.CreditClawedBack.class::isInstance)
        .map(LedgerEntry.CreditClawedBack.class::cast).findFirst().orElseThrow();
    assertThat(clawback.credit()).isEqualTo(twd("-100"));
    assertThat(clawback.uncollected()).isEqualTo(twd("0"));
    assertThat(clawback.provenance().rule()).isEqualTo(EngineRule.CREDIT_REFUND);
    assertThat(shop.ledger("m-1").storeCredit(Fixtures.TWD)).isEqualTo(twd("0"));
    assertThat(shop.balance("m-1")).isZero();
  }

  @Test
  void orderReturned_afterTheCreditWasSpent_recordsTheSpentPartAsUncollected() {
    // given: NT$80 of the NT$100 already spent
    Shop shop = shop(programme());
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", PAID, "5000")));
    shop.apply(new LoyaltyEvent.StoreCreditSpent("spend-1", "m-1", twd("80"), LATER));

    // when
    Decision decision = shop.apply(LoyaltyEvent.OrderReturned.whole("r-1", "m-1", "o-1", LATER));

    // then: the balance never goes below zero; the host may deduct NT$80 from the cash refund
    LedgerEntry.CreditClawedBack clawback = decision.entries().stream().filter(LedgerEntry.CreditClawedBack.class::isInstance)
        .map(LedgerEntry.CreditClawedBack.class::cast).findFirst().orElseThrow();
    assertThat(clawback.credit()).isEqualTo(twd("-20"));
    assertThat(clawback.uncollected()).isEqualTo(twd("80"));
    assertThat(shop.ledger("m-1").storeCredit(Fixtures.TWD)).isEqualTo(twd("0"));
  }

  @Test
  void orderReturned_inPart_takesBackTheRefundedShareRoundedDown() {
    // given: NT$1,000 + NT$2,000 + NT$3,000 = NT$6,000, NT$100 of credit
    Shop shop = shop(programme());
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", PAID, Channel.ONLINE_STORE,
        Fixtures.line("l1", "A", "apparel", 1, "1000"), Fixtures.line("l2", "B", "apparel", 1, "2000"),
        Fixtures.line("l3", "C", "apparel", 1, "3000"))));

    // when: NT$1,000 of 6,000 refunded, then the rest
    Decision partial = shop.apply(new LoyaltyEvent.OrderReturned("r-1", "m-1", "o-1",
        List.of(new LoyaltyEvent.ReturnedLine("l1", 1)), LATER));
    Decision rest = shop.apply(LoyaltyEvent.OrderReturned.whole("r-2", "m-1", "o-1", LATER));

    // then: 100 × 1000 / 6000 = 16.666… → NT$16.66, then the remaining NT$83.34
    assertThat(creditOf(partial)).isEqualTo(twd("-16.66"));
    assertThat(creditOf(rest)).isEqualTo(twd("-83.34"));
    assertThat(shop.ledger("m-1").storeCredit(Fixtures.TWD)).isEqualTo(twd("0"));
  }

  @Test
  void creditLots_spendOldestGrantFirst() {
    // given: two orders, each granting NT$100
    Shop shop = shop(programme());
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", PAID, "5000")));
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-2", "m-1", LATER, "5000")));

    // when
    shop.apply(new LoyaltyEvent.StoreCreditSpent("spend-1", "m-1", twd("150"), LATER));

    // then
    PointLedger ledger = shop.ledger("m-1");
    assertThat(ledger.creditLot(EntryKey.creditGrant("o-1", "big-basket").text()).orElseThrow().remaining())
        .isEqualTo(twd("0"));
    assertThat(ledger.creditLot(EntryKey.creditGrant("o-2", "big-basket").text()).orElseThrow().remaining())
        .isEqualTo(twd("50"));
  }

  @Test
  void programme_withoutCreditValidity_grantsCreditThatNeverExpires() {
    // given
    Shop shop = shop(taiwan());

    // when
    Decision decision = shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", PAID, "5000")));

    // then
    assertThat(grantOf(decision).expiresAt()).isEqualTo(Optional.empty());
  }

  @Test
  void orderPaid_reachingGold_grantsTheTierUpGiftOnce() {
    // given: NT$20,000 spent, then NT$15,000 reaches the NT$30,000 gold threshold
    Shop shop = new Shop(LoyaltyRulesEngine.builder(programme())
        .ruleBase(Fixtures.defaultsWith("gold-gift.drl", GOLD_GIFT)).build());
    shop.join(Member.of("m-1", JOINED, "member"));
    Decision silver = shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", PAID, "20000")));

    // when
    Decision gold = shop.apply(new LoyaltyEvent.OrderPaid(order("o-2", "m-1", LATER, "15000")));
    Decision next = shop.apply(new LoyaltyEvent.OrderPaid(order("o-3", "m-1", LATER.plusSeconds(60), "5000")));

    // then
    assertThat(silver.entries()).noneMatch(LedgerEntry.StoreCreditEntry.class::isInstance);
    assertThat(gold.tierChange()).hasValueSatisfying(c -> assertThat(c.to()).isEqualTo("gold"));
    assertThat(grantOf(gold).key()).isEqualTo(EntryKey.creditGrant("o-2", "gold-gift").text());
    assertThat(grantOf(gold).credit()).isEqualTo(twd("200"));
    assertThat(next.entries()).noneMatch(LedgerEntry.StoreCreditEntry.class::isInstance);
    assertThat(shop.ledger("m-1").storeCredit(Fixtures.TWD)).isEqualTo(twd("200"));
  }

  private static org.loyaltyrules.loyalty.Money creditOf(Decision decision) {
    return decision.entries().stream().filter(LedgerEntry.CreditClawedBack.class::isInstance)
        .map(LedgerEntry.CreditClawedBack.class::cast).findFirst().orElseThrow().credit();
  }
}
