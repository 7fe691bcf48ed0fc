package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.line;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;

import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.Programme;

/**
 * Worked examples for how an order's rounded points are shared over its lines, which is what a
 * return of a line claws back (issue 14, item 11): the rounded total is split in proportion to the
 * lines' exact points (Hamilton's largest remainder), ties to the earlier line.
 */
class RefundSharesTest {
  private static final Instant PAID = taipei("2025-03-05T12:00");

  /** NT$453, NT$15, NT$50 and NT$50 at 1 point per NT$100: 5.68 exact points, 5 rounded down. */
  private static Order fourLines() {
    return order("o-1", "m-1", PAID, Channel.ONLINE_STORE,
        line("1", "SKU-1", "apparel", 1, "453"), line("2", "SKU-2", "apparel", 1, "15"),
        line("9", "SKU-9", "apparel", 1, "50"), line("10", "SKU-10", "apparel", 1, "50"));
  }

  private static Shop shop(Programme programme) {
    Shop shop = new Shop(programme);
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    return shop;
  }

  private static List<String> shares(List<LineShare> lines) {
    return lines.stream().map(s -> s.lineId() + "=" + s.points().value()).toList();
  }

  @Test
  void orderShares_roundedDownTotal_areSplitInProportionNotByFlooringEachLine() {
    // given
    Shop shop = shop(taiwan());

    // when
    Decision decision = shop.apply(new LoyaltyEvent.OrderPaid(fourLines()));

    // then: 5 × 453/568 = 3.99 for line 1 (flooring 4.53 and giving it the leftover made it 5, a
    // whole point beyond its part); the tied .44 remainders of lines 9 and 10 go to line 9, the
    // earlier line, though "10" sorts first as text
    LedgerEntry.Earned base = Fixtures.earned(decision, EntryKey.orderBase("o-1"));
    assertThat(base.points().value()).isEqualTo(5);
    assertThat(shares(base.lines())).containsExactly("1=4", "2=0", "9=1", "10=0");
  }

  @Test
  void fullReturn_ofTheLargestLine_clawsBackItsProportionalShareOnly() {
    // given
    Shop shop = shop(taiwan());
    Order order = fourLines();
    shop.apply(new LoyaltyEvent.OrderPaid(order));

    // when: line 1 (79.8 % of the order's value) comes back
    Decision refund = shop.apply(LoyaltyEvent.OrderReturned.of("r-1", order,
        List.of(new LoyaltyEvent.ReturnedLine("1", 1)), PAID.plusSeconds(3600)));

    // then: 4 of the order's 5 points, not 5
    LedgerEntry.ClawedBack clawback = (LedgerEntry.ClawedBack) refund.entries().get(0);
    assertThat(clawback.points().value()).isEqualTo(-4);
    assertThat(shares(clawback.lines())).containsExactly("1=4");
    assertThat(shop.ledger("m-1").balance().value()).isEqualTo(1);
  }

  @Test
  void orderShares_tiedLinesInAnotherOrder_thePointFollowsThePosition() {
    // given: the same lines with 10 listed before 9
    Order swapped = order("o-1", "m-1", PAID, Channel.ONLINE_STORE,
        line("1", "SKU-1", "apparel", 1, "453"), line("2", "SKU-2", "apparel", 1, "15"),
        line("10", "SKU-10", "apparel", 1, "50"), line("9", "SKU-9", "apparel", 1, "50"));

    // when
    Decision decision = shop(taiwan()).apply(new LoyaltyEvent.OrderPaid(swapped));

    // then
    assertThat(shares(Fixtures.earned(decision, EntryKey.orderBase("o-1")).lines()))
        .containsExactly("1=4", "2=0", "10=1", "9=0");
  }

  @Test
  void orderShares_totalRoundedUp_giveEachLineAtMostItsProportionPlusLessThanOne() {
    // given: rounded up per order, 5.68 → 6
    Programme up = taiwan().toBuilder().rounding(RoundingMode.UP, Programme.RoundingScope.PER_ORDER).build();

    // when
    Decision decision = shop(up).apply(new LoyaltyEvent.OrderPaid(fourLines()));

    // then: quotas 4.79, 0.16, 0.53, 0.53: floors 4, 0, 0, 0 and two leftover points to the largest
    // remainders (.79, then .53 of line 9 by position)
    assertThat(shares(Fixtures.earned(decision, EntryKey.orderBase("o-1")).lines()))
        .containsExactly("1=5", "2=0", "9=1", "10=0");
  }
}
