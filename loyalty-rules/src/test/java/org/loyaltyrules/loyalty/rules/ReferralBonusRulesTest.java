package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.loyalty.rules.Fixtures.earned;
import static org.loyaltyrules.loyalty.rules.Fixtures.keysOf;
import static org.loyaltyrules.loyalty.rules.Fixtures.line;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.EngineRule;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;

/**
 * Worked examples for {@code referral-bonus.drl}: when a referred member's first order of at least
 * NT$500 is paid, the referrer earns 300 points and the referrer's referrer 100, once per referee;
 * when that order is fully refunded, both are clawed back.
 *
 * <p>Ann referred Bob, Bob referred Cat.
 */
class ReferralBonusRulesTest {
  private static final String MEMBER_RATE = "earning: base rate for member tier";
  /** One rule pays every level, each from its referral campaign. */
  private static final String LEVEL_1 = "referral-bonus: upline at the campaign's level";
  private static final String LEVEL_2 = LEVEL_1;
  private static final Instant DAY = taipei("2025-03-05T12:00");

  private static Shop shop(Programme programme) {
    Shop shop = new Shop(programme);
    Instant enrolled = taipei("2025-01-01T00:00");
    shop.join(Member.of("ann", enrolled, "member"));
    shop.join(Member.of("bob", enrolled, "member").withReferrer("ann"));
    shop.join(Member.of("cat", enrolled, "member").withReferrer("bob"));
    return shop;
  }

  private static LoyaltyEvent.OrderPaid paid(Order order) {
    return new LoyaltyEvent.OrderPaid(order);
  }

  @Test
  void referral_firstQualifyingOrder_paysBothLevels() {
    // given
    Shop shop = shop(taiwan());

    // when
    Decision decision = shop.apply(paid(order("o-1", "cat", DAY, "600")));

    // then
    assertThat(decision.firedRules()).containsExactlyInAnyOrder(MEMBER_RATE, LEVEL_1, LEVEL_2);
    assertThat(keysOf(decision)).containsExactly(EntryKey.orderBase("o-1").text(), EntryKey.referralBonus("cat", 1).text(), EntryKey.referralBonus("cat", 2).text());
    LedgerEntry.Earned bob = earned(decision, EntryKey.referralBonus("cat", 1));
    assertThat(bob.memberId()).isEqualTo("bob");
    assertThat(bob.points()).isEqualTo(Points.of(300));
    assertThat(bob.provenance().rule()).isEqualTo(LEVEL_1);
    assertThat(bob.provenance().sourceEventId()).isEqualTo("o-1");
    assertThat(bob.provenance().reason()).isEqualTo("referral bonus, level 1: 300 points for member cat's first qualifying order o-1");
    assertThat(bob.spend().isZero()).isTrue();
    assertThat(earned(decision, EntryKey.referralBonus("cat", 2)).memberId()).isEqualTo("ann");
    assertThat(decision.entriesFor("cat")).extracting(LedgerEntry::key).containsExactly(EntryKey.orderBase("o-1").text());
    assertThat(shop.balance("cat")).isEqualTo(6);
    assertThat(shop.balance("bob")).isEqualTo(300);
    assertThat(shop.balance("ann")).isEqualTo(100);
  }

  @Test
  void referral_amountsAndMinimumFromCampaignData_changeTheBonusWithoutARuleEdit() {
    // given: the bundled rules, with referral campaigns of 1,000 points from NT$2,000 (level 1 only)
    Programme programme = taiwan(org.loyaltyrules.loyalty.Campaign.referralBonus("friends-2026", "Friends 2026", 1,
        Points.of(1000), Fixtures.twd("2000"), org.loyaltyrules.loyalty.CampaignSchedule.always()));
    Shop shop = shop(programme);

    // when
    Decision below = shop.apply(paid(order("o-1", "cat", DAY, "1999")));
    Decision reaching = shop.apply(paid(order("o-2", "cat", DAY.plusSeconds(60), "2000")));

    // then: the data's amount and minimum, no default 300/100 from NT$500, and no second level
    assertThat(keysOf(below)).containsExactly(EntryKey.orderBase("o-1").text());
    assertThat(keysOf(reaching)).containsExactly(EntryKey.orderBase("o-2").text(), EntryKey.referralBonus("cat", 1).text());
    assertThat(earned(reaching, EntryKey.referralBonus("cat", 1)).points()).isEqualTo(Points.of(1000));
    assertThat(shop.balance("bob")).isEqualTo(1000);
    assertThat(shop.balance("ann")).isZero();
  }

  @Test
  void referral_defaultCampaigns_carryTodaysAmounts() {
    // when
    List<org.loyaltyrules.loyalty.Campaign> defaults = Programmes.defaultReferrals(Fixtures.TWD);

    // then: 300 to the direct referrer and 100 to the next one up, from NT$500
    assertThat(defaults).extracting(c -> (org.loyaltyrules.loyalty.Campaign.ReferralBonus) c)
        .extracting(r -> r.level(), r -> r.points().value(), r -> r.qualifyingSpend())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 300L, Fixtures.twd("500")),
            org.assertj.core.groups.Tuple.tuple(2, 100L, Fixtures.twd("500")));
    assertThat(taiwan().campaigns()).containsAll(defaults);
  }

  @Test
  void referral_secondOrder_paysNothingMore() {
    // given
    Shop shop = shop(taiwan());
    shop.apply(paid(order("o-1", "cat", DAY, "600")));

    // when
    Decision second = shop.apply(paid(order("o-2", "cat", DAY.plusSeconds(60), "5000")));

    // then
    assertThat(second.firedRules()).containsExactly(MEMBER_RATE);
    assertThat(keysOf(second)).containsExactly(EntryKey.orderBase("o-2").text());
    assertThat(shop.balance("bob")).isEqualTo(300);
  }

  @Test
  void referral_ordersBelowNt500_waitForTheFirstQualifyingOne() {
    // given
    Shop shop = shop(taiwan());

    // when
    Decision small = shop.apply(paid(order("o-1", "cat", DAY, "499")));
    Decision exactly500 = shop.apply(paid(order("o-2", "cat", DAY.plusSeconds(60), "500")));

    // then
    assertThat(small.firedRules()).containsExactly(MEMBER_RATE);
    assertThat(exactly500.firedRules()).containsExactlyInAnyOrder(MEMBER_RATE, LEVEL_1, LEVEL_2);
    assertThat(shop.balance("bob")).isEqualTo(300);
  }

  @Test
  void referral_thirdLevel_earnsNothingUnderTheBundledRules() {
    // given: Dan was referred by Cat
    Shop shop = shop(taiwan());
    shop.join(Member.of("dan", taipei("2025-01-01T00:00"), "member").withReferrer("cat"));

    // when
    Decision decision = shop.apply(paid(order("o-1", "dan", DAY, "600")));

    // then
    assertThat(decision.entriesFor("cat")).extracting(LedgerEntry::points).containsExactly(Points.of(300));
    assertThat(decision.entriesFor("bob")).extracting(LedgerEntry::points).containsExactly(Points.of(100));
    assertThat(decision.entriesFor("ann")).isEmpty();
  }

  @Test
  void referral_programmeLookingOneLevelUp_paysOnlyTheDirectReferrer() {
    // given
    Shop shop = shop(taiwan().toBuilder().referrals(Programme.ReferralRefundPolicy.CLAW_BACK_ON_FULL_REFUND, 1).build());

    // when
    Decision decision = shop.apply(paid(order("o-1", "cat", DAY, "600")));

    // then
    assertThat(decision.firedRules()).containsExactlyInAnyOrder(MEMBER_RATE, LEVEL_1);
    assertThat(keysOf(decision)).containsExactly(EntryKey.orderBase("o-1").text(), EntryKey.referralBonus("cat", 1).text());
  }

  @Test
  void referral_selfReferral_cannotBeRecorded() {
    assertThatThrownBy(() -> Member.of("ann", DAY, "member").withReferrer("ann"))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo("referrerId");
          assertThat(e.value()).isEqualTo("ann");
        });
  }

  @Test
  void referral_cycleInTheUplines_isRefusedWithANotice() {
    // given: Xia and Yu claim to have referred each other
    Shop shop = new Shop(Fixtures.withoutTierProgress(taiwan()));
    shop.join(Member.of("xia", taipei("2025-01-01T00:00"), "member").withReferrer("yu"));
    shop.join(Member.of("yu", taipei("2025-01-01T00:00"), "member").withReferrer("xia"));

    // when: the host passes the chain it finds, three levels deep: Yu, Xia herself, Yu again
    assertThat(shop.context("xia").uplines()).extracting(s -> s.member().id()).containsExactly("yu", "xia", "yu");
    Decision decision = shop.apply(paid(order("o-1", "xia", DAY, "600")));

    // then: Yu is paid as direct referrer; nothing goes round the cycle back to Xia
    assertThat(decision.firedRules()).containsExactlyInAnyOrder(MEMBER_RATE, LEVEL_1);
    assertThat(keysOf(decision)).containsExactly(EntryKey.orderBase("o-1").text(), EntryKey.referralBonus("xia", 1).text());
    assertThat(decision.entriesFor("xia")).extracting(LedgerEntry::key).containsExactly(EntryKey.orderBase("o-1").text());
    assertThat(decision.notices()).containsExactly(
        "referral chain refused beyond level 1: member xia appears twice (a referral cycle)");
  }

  @Test
  void referral_uplinesThatAreNotTheReferrers_areRejected() {
    // given: the host passes Ann as Cat's direct referrer
    Shop shop = shop(taiwan());
    DecisionContext wrong = DecisionContext.withUplineLedgers(new MemberState(shop.member("cat"), shop.ledger("cat")),
        List.of(new MemberState(shop.member("ann"), shop.ledger("ann"))));

    // then
    assertThatThrownBy(() -> shop.engine.decide(paid(order("o-1", "cat", DAY, "600")), wrong))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo("uplines[0].member.id");
          assertThat(e.value()).isEqualTo("ann");
        });
  }

  @Test
  void referral_fullRefund_clawsBackBothBonuses() {
    // given: Cat's qualifying order in two lines
    Shop shop = shop(taiwan());
    Order order = order("o-1", "cat", DAY, Channel.ONLINE_STORE, line("l1", "SKU-1", "apparel", 1, "400"),
        line("l2", "SKU-2", "apparel", 1, "400"));
    shop.apply(paid(order));

    // when: one line comes back, then the other
    Decision partial = shop.apply(LoyaltyEvent.OrderReturned.of("r-1", order,
        List.of(new LoyaltyEvent.ReturnedLine("l1", 1)), DAY.plusSeconds(3600)));
    Decision rest = shop.apply(LoyaltyEvent.OrderReturned.of("r-2", order,
        List.of(new LoyaltyEvent.ReturnedLine("l2", 1)), DAY.plusSeconds(7200)));

    // then: only the return that completes the refund rolls the bonuses back
    assertThat(partial.entriesFor("bob")).isEmpty();
    assertThat(partial.notices()).isEmpty();
    assertThat(rest.entriesFor("bob")).singleElement().satisfies(e -> {
      LedgerEntry.ClawedBack clawback = (LedgerEntry.ClawedBack) e;
      assertThat(clawback.key()).isEqualTo(EntryKey.clawback("r-2", EntryKey.referralBonus("cat", 1)).text());
      assertThat(clawback.points()).isEqualTo(Points.of(-300));
      assertThat(clawback.earnedKey()).isEqualTo(EntryKey.referralBonus("cat", 1).text());
      assertThat(clawback.provenance().rule()).isEqualTo(EngineRule.REFERRAL_ROLLBACK);
      assertThat(clawback.provenance().reason()).isEqualTo("order o-1 of member cat was fully refunded; the level-1"
          + " referral bonus of 300 points is clawed back");
    });
    assertThat(rest.entriesFor("ann")).extracting(LedgerEntry::points).containsExactly(Points.of(-100));
    assertThat(rest.notices()).containsExactly("referral bonus of member bob (level 1) clawed back",
        "referral bonus of member ann (level 2) clawed back");
    assertThat(shop.balance("bob")).isZero();
    assertThat(shop.balance("ann")).isZero();
    assertThat(shop.balance("cat")).isZero();
  }

  @Test
  void referral_afterRollback_isNeverPaidAgainForThatReferee() {
    // given
    Shop shop = shop(taiwan());
    Order order = order("o-1", "cat", DAY, "600");
    shop.apply(paid(order));
    shop.apply(LoyaltyEvent.OrderReturned.whole("r-1", order, DAY.plusSeconds(3600)));

    // when
    Decision next = shop.apply(paid(order("o-2", "cat", DAY.plusSeconds(7200), "900")));

    // then
    assertThat(next.firedRules()).containsExactly(MEMBER_RATE);
    assertThat(shop.balance("bob")).isZero();
  }

  @Test
  void referral_keepPolicy_leavesTheBonusesAfterAFullRefund() {
    // given
    Shop shop = shop(taiwan().toBuilder().referrals(Programme.ReferralRefundPolicy.KEEP, 3).build());
    Order order = order("o-1", "cat", DAY, "600");
    shop.apply(paid(order));

    // when
    Decision refund = shop.apply(LoyaltyEvent.OrderReturned.whole("r-1", order, DAY.plusSeconds(3600)));

    // then
    assertThat(refund.entriesFor("bob")).isEmpty();
    assertThat(shop.balance("bob")).isEqualTo(300);
  }

  @Test
  void referral_refundOfAnotherOrder_leavesTheBonuses() {
    // given
    Shop shop = shop(taiwan());
    shop.apply(paid(order("o-1", "cat", DAY, "600")));
    Order later = order("o-2", "cat", DAY.plusSeconds(60), "800");
    shop.apply(paid(later));

    // when
    Decision refund = shop.apply(LoyaltyEvent.OrderReturned.whole("r-1", later, DAY.plusSeconds(3600)));

    // then
    assertThat(refund.entriesFor("bob")).isEmpty();
    assertThat(shop.balance("bob")).isEqualTo(300);
  }

  @Test
  void referral_rollbackOfASpentBonus_leavesTheReferrerInDebt() {
    // given: Bob spent his 300 points before Cat's refund
    Shop shop = shop(taiwan());
    Order order = order("o-1", "cat", DAY, "600");
    shop.apply(paid(order));
    shop.apply(new LoyaltyEvent.PointsRedeemed("redeem-1", "bob", Points.of(300), DAY.plusSeconds(60)));

    // when
    shop.apply(LoyaltyEvent.OrderReturned.whole("r-1", order, DAY.plusSeconds(3600)));

    // then: the programme allows debt, which Bob's next points repay
    assertThat(shop.balance("bob")).isEqualTo(-300);
    assertThat(shop.ledger("bob").debt()).isEqualTo(Points.of(300));
  }
}
