package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Upline;

/**
 * Referral facts without upline ledgers: an {@link Upline} filled from the upline's member row and
 * the one row keyed by the referee and level decides as the upline's full ledger does; rolling a
 * bonus back also needs the upline ledger's clawback planner, and without it the return is refused.
 */
class UplineFactsTest {
  private static final Instant DAY = taipei("2025-03-05T12:00");

  private static Shop shop() {
    Shop shop = new Shop(taiwan());
    Instant enrolled = taipei("2025-01-01T00:00");
    shop.join(Member.of("ann", enrolled, "member"));
    shop.join(Member.of("bob", enrolled, "member").withReferrer("ann"));
    shop.join(Member.of("cat", enrolled, "member").withReferrer("bob"));
    return shop;
  }

  /** What a host reads per upline: its member row, the bonus row for cat at its level, the sum of that row's clawbacks. */
  private static DecisionContext fromRows(Shop shop, boolean withPlanner) {
    List<Upline> chain = new ArrayList<>();
    String[] ids = {"bob", "ann"};
    for (int level = 1; level <= ids.length; level++) {
      PointLedger ledger = shop.ledger(ids[level - 1]);
      String key = EntryKey.referralBonus("cat", level).text();
      Optional<LedgerEntry> row = ledger.entry(key);
      long reversed = 0;
      for (LedgerEntry entry : ledger.entries()) {
        if (entry instanceof LedgerEntry.ClawedBack c && c.earnedKey().equals(key)) {
          reversed += c.reversedPoints().value();
        }
      }
      Member member = shop.member(ids[level - 1]);
      chain.add(row.isEmpty() ? Upline.unpaid(member, level)
          : Upline.paid(member, level, (LedgerEntry.Earned) row.get(), Points.of(reversed),
              withPlanner ? ledger::planClawback : null));
    }
    return new DecisionContext(new MemberState(shop.member("cat"), shop.ledger("cat")), chain);
  }

  @Test
  void orderPaid_withUplinesFromRows_decidesAsWithFullLedgers() {
    // given
    Shop shop = shop();
    Order order = order("o-1", "cat", DAY, "600");

    // when
    Decision lite = shop.engine.decide(new LoyaltyEvent.OrderPaid(order), fromRows(shop, false));
    Decision full = shop.decide(new LoyaltyEvent.OrderPaid(order));

    // then
    assertThat(lite).isEqualTo(full);
    assertThat(lite.entriesFor("bob")).isNotEmpty();
  }

  @Test
  void secondOrder_withThePaidBonusRow_paysNoBonusAgain() {
    // given
    Shop shop = shop();
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "cat", DAY, "600")));

    // when
    Decision lite = shop.engine.decide(new LoyaltyEvent.OrderPaid(order("o-2", "cat", DAY.plusSeconds(60), "900")),
        fromRows(shop, false));

    // then
    assertThat(lite.entriesFor("bob")).isEmpty();
    assertThat(lite.entriesFor("ann")).isEmpty();
  }

  @Test
  void fullRefund_withRowsAndPlanners_rollsBackAsWithFullLedgers_andTheEntriesAppend() {
    // given
    Shop shop = shop();
    Order order = order("o-1", "cat", DAY, "600");
    shop.apply(new LoyaltyEvent.OrderPaid(order));
    LoyaltyEvent.OrderReturned refund = LoyaltyEvent.OrderReturned.whole("r-1", "cat", "o-1", DAY.plusSeconds(3600));

    // when
    Decision lite = shop.engine.decide(refund, fromRows(shop, true));
    Decision full = shop.decide(refund);

    // then
    assertThat(lite).isEqualTo(full);
    assertThat(lite.entriesFor("bob")).hasSize(1);
    shop.append(lite, refund);
    assertThat(shop.balance("bob")).isZero();
    assertThat(shop.balance("ann")).isZero();
  }

  @Test
  void fullRefund_withoutAPlanner_isRefusedNamingTheUpline_andChangesNothing() {
    // given
    Shop shop = shop();
    Order order = order("o-1", "cat", DAY, "600");
    shop.apply(new LoyaltyEvent.OrderPaid(order));
    long bob = shop.balance("bob");

    // when / then
    assertThatThrownBy(() -> shop.engine.decide(LoyaltyEvent.OrderReturned.whole("r-1", "cat", "o-1",
        DAY.plusSeconds(3600)), fromRows(shop, false)))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo("uplines[0].planner");
          assertThat(e.getMessage()).contains("the ledger of member bob");
        });
    assertThat(shop.balance("bob")).isEqualTo(bob);
  }

  @Test
  void uplineWithTheBonusRowOfAnotherReferee_isRefused() {
    // given: bob's row for a different referee passed as if it were cat's
    Shop shop = shop();
    shop.join(Member.of("dan", taipei("2025-01-01T00:00"), "member").withReferrer("bob"));
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-9", "dan", DAY, "600")));
    LedgerEntry.Earned dans = (LedgerEntry.Earned) shop.ledger("bob").entry(EntryKey.referralBonus("dan", 1)).orElseThrow();
    DecisionContext wrong = new DecisionContext(new MemberState(shop.member("cat"), shop.ledger("cat")),
        List.of(Upline.paid(shop.member("bob"), 1, dans, Points.ZERO, null)));

    // when / then
    assertThatThrownBy(() -> shop.engine.decide(new LoyaltyEvent.OrderPaid(order("o-1", "cat", DAY, "600")), wrong))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo("uplines[0].paidBonus.key");
          assertThat(e.value()).isEqualTo(EntryKey.referralBonus("dan", 1).text());
        });
  }

  @Test
  void upline_refusesAReversalAboveTheBonusAndALevelOutOfPlace() {
    // given
    Shop shop = shop();
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "cat", DAY, "600")));
    LedgerEntry.Earned bonus = (LedgerEntry.Earned) shop.ledger("bob").entry(EntryKey.referralBonus("cat", 1)).orElseThrow();

    // when / then
    assertThatThrownBy(() -> Upline.paid(shop.member("bob"), 1, bonus, bonus.points().plus(Points.of(1)), null))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("reversed"));
    assertThatThrownBy(() -> new DecisionContext(new MemberState(shop.member("cat"), shop.ledger("cat")),
        List.of(Upline.unpaid(shop.member("ann"), 2))))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("uplines[0].level"));
  }
}
