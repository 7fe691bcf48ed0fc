package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.loyalty.rules.Fixtures.line;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;
import static org.loyaltyrules.loyalty.rules.Fixtures.twd;

import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.CurrencyMismatchException;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EventTimeException;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LimitExceededException;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;

/**
 * Issue 11, "nothing absurd is decided". Tried as a new user would, main decided an order paid a
 * month before the member enrolled (10 points), a return dated before its order and a redemption
 * before enrolment; a line of 2,147,483,647 units at NT$450 earned 9,663,676,411 points and made
 * the member gold; a unit price of 1e30 and a year of +999999999 ended in raw {@code
 * ArithmeticException} and {@code DateTimeException}. Each event is now refused at decide with a
 * typed {@link InvalidValueException} naming field, value and rule, and the ledger is unchanged.
 */
class DomainSanityTest {
  private static final Instant ENROLLED = taipei("2026-06-01T00:00");
  private static final Instant BEFORE = taipei("2026-05-01T12:00");
  private static final Instant PAID = taipei("2026-06-05T12:00");

  private static Shop shop(Programme programme) {
    Shop shop = new Shop(programme);
    shop.join(Member.of("m-1", ENROLLED, "member"));
    return shop;
  }

  private static Shop shopWithAnOrder(Programme programme) {
    Shop shop = shop(programme);
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", PAID, "50000")));
    return shop;
  }

  // ------------------------------------------------------------------ event times

  @Test
  void orderPaid_beforeTheMemberEnrolled_isRefusedAndChangesNothing() {
    // given: the reproduction, enrolled 2026-06-01, order paid 2026-05-01
    Shop shop = shop(taiwan());

    // then
    assertThatThrownBy(() -> shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", BEFORE, "1000"))))
        .isInstanceOfSatisfying(EventTimeException.class, e -> {
          assertThat(e.code()).isEqualTo("event-before-reference");
          assertThat(e.field()).isEqualTo("order.paidAt");
          assertThat(e.at()).isEqualTo(BEFORE);
          assertThat(e.notBefore()).isEqualTo(ENROLLED);
        })
        .hasMessage("Invalid order-paid event: order.paidAt [2026-05-01T04:00:00Z]; expected not before the"
            + " member's enrolment at 2026-05-31T16:00:00Z");
    assertThat(shop.ledger("m-1").size()).isZero();
  }

  @Test
  void orderPaid_atTheInstantOfEnrolment_decides() {
    // given
    Shop shop = shop(taiwan());

    // when
    Decision decision = shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", ENROLLED, "1000")));

    // then
    assertThat(decision.pointsFor("m-1").value()).isEqualTo(10);
  }

  @Test
  void orderReturned_beforeItsOrderWasPaid_isRefused() {
    // given
    Shop shop = shopWithAnOrder(taiwan());
    Order order = order("o-1", "m-1", PAID, "50000");
    int before = shop.ledger("m-1").size();

    // then
    assertThatThrownBy(() -> shop.apply(LoyaltyEvent.OrderReturned.whole("r-1", order, PAID.minusSeconds(1))))
        .isInstanceOfSatisfying(EventTimeException.class, e -> {
          assertThat(e.field()).isEqualTo("occurredAt");
          assertThat(e.reference()).isEqualTo("the payment of order o-1");
          assertThat(e.notBefore()).isEqualTo(PAID);
        });
    assertThat(shop.ledger("m-1").size()).isEqualTo(before);
  }

  @Test
  void pointsRedeemed_beforeTheMemberEnrolled_isRefused() {
    // given
    Shop shop = shopWithAnOrder(taiwan());

    // then
    assertThatThrownBy(() -> shop.apply(new LoyaltyEvent.PointsRedeemed("x-1", "m-1", Points.of(10), BEFORE)))
        .isInstanceOfSatisfying(EventTimeException.class, e -> {
          assertThat(e.reference()).isEqualTo("the member's enrolment");
          assertThat(e.notBefore()).isEqualTo(ENROLLED);
        });
    assertThat(shop.balance("m-1")).isEqualTo(500);
  }

  @Test
  void redemptionCancelled_beforeTheRedemption_isRefused() {
    // given
    Shop shop = shopWithAnOrder(taiwan());
    Instant redeemedAt = PAID.plusSeconds(3_600);
    shop.apply(new LoyaltyEvent.PointsRedeemed("x-1", "m-1", Points.of(100), redeemedAt));

    // then
    assertThatThrownBy(() -> shop.apply(new LoyaltyEvent.RedemptionCancelled("c-1", "m-1", "x-1", PAID)))
        .isInstanceOfSatisfying(EventTimeException.class, e -> {
          assertThat(e.reference()).isEqualTo("redemption x-1");
          assertThat(e.notBefore()).isEqualTo(redeemedAt);
        });
    assertThat(shop.balance("m-1")).isEqualTo(400);
  }

  @Test
  void pendingReleased_beforeItsOrder_isRefused() {
    // given: points pending for 14 days
    Shop shop = shopWithAnOrder(taiwan().toBuilder().pendingPeriod(Period.ofDays(14)).build());

    // then
    assertThatThrownBy(() -> shop.apply(new LoyaltyEvent.PendingReleased("p-1", "m-1", "o-1", PAID.minusSeconds(60))))
        .isInstanceOfSatisfying(EventTimeException.class, e -> {
          assertThat(e.reference()).isEqualTo("the payment of order o-1");
          assertThat(e.notBefore()).isEqualTo(PAID);
        });
    assertThat(shop.ledger("m-1").available(PAID.plusSeconds(60)).value()).isZero();
  }

  @Test
  void expiryRunAndTierReview_beforeTheMemberEnrolled_areRefused() {
    // given
    Shop shop = shopWithAnOrder(taiwan());

    // then
    assertThatThrownBy(() -> shop.apply(new LoyaltyEvent.ExpiryRun("e-1", "m-1", BEFORE)))
        .isInstanceOfSatisfying(EventTimeException.class, e -> assertThat(e.subject()).isEqualTo("expiry-run event"));
    assertThatThrownBy(() -> shop.apply(new LoyaltyEvent.TierReview("t-1", "m-1", BEFORE)))
        .isInstanceOfSatisfying(EventTimeException.class, e -> assertThat(e.subject()).isEqualTo("tier-review event"));
    assertThat(shop.balance("m-1")).isEqualTo(500);
  }

  @Test
  void orderPaid_inTheYear999999999_isRefusedTyped() {
    // given
    Shop shop = shop(taiwan());

    // then: refused by the event's range (or, once loyalty-core checks it, by the order itself)
    assertThatThrownBy(() -> shop.apply(new LoyaltyEvent.OrderPaid(
            order("o-1", "m-1", Instant.parse("+999999999-06-01T00:00:00Z"), "1000"))))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.code()).isEqualTo("invalid-value");
          assertThat(e.field()).endsWith("paidAt");
        });
    assertThat(shop.ledger("m-1").size()).isZero();
  }

  @Test
  void orderPaid_inTheLastYearWhosePointsWouldExpirePastTheRange_isRefusedAsAnInvalidPaidAt() {
    // given: Taiwan's points are valid 12 months to the month's end, so they would expire in 10000
    Shop shop = shop(taiwan());
    shop.join(Member.of("m-late", Instant.parse("9999-01-01T00:00:00Z"), "member"));

    // then: refused before the rules run, naming the field, not an evaluation error
    assertThatThrownBy(() -> shop.apply(new LoyaltyEvent.OrderPaid(
            order("o-1", "m-late", Instant.parse("9999-06-01T00:00:00Z"), "1000"))))
        .isExactlyInstanceOf(InvalidValueException.class)
        .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("order.paidAt"))
        .hasMessageContaining("expiresAt would be +10000-");
    assertThat(shop.ledger("m-late").size()).isZero();
  }

  // ------------------------------------------------------------------ limits

  @Test
  void orderPaid_maxIntUnitsAtNt450_isRefusedAndTheMemberStaysMember() {
    // given: the reproduction, which earned 9,663,676,411 points and made the member gold
    Shop shop = shop(taiwan());
    Order order = order("o-1", "m-1", PAID, Channel.ONLINE_STORE,
        line("l1", "SKU-1", "apparel", 1, "100"), line("l2", "SKU-2", "apparel", Integer.MAX_VALUE, "450"));

    // then
    assertThatThrownBy(() -> shop.apply(new LoyaltyEvent.OrderPaid(order)))
        .isInstanceOfSatisfying(LimitExceededException.class, e -> {
          assertThat(e.code()).isEqualTo("limit-exceeded");
          assertThat(e.field()).isEqualTo("order.lines[1].quantity");
          assertThat(e.value()).isEqualTo("2147483647");
          assertThat(e.setting()).isEqualTo("maxQuantityPerLine");
          assertThat(e.limit()).isEqualTo("100000");
        })
        .hasMessage("Invalid order-paid event: order.lines[1].quantity [2147483647]; expected ≤ 100000 (the"
            + " programme's maxQuantityPerLine)");
    assertThat(shop.ledger("m-1").size()).isZero();
    assertThat(shop.member("m-1").tierCode()).isEqualTo("member");
  }

  @Test
  void orderPaid_unitPriceOf1e30_isRefusedTypedBeforeAndAtDecide() {
    // given: 1e30 is past what Money holds at all, so the line cannot even be built
    assertThatThrownBy(() -> line("l1", "SKU-1", "apparel", 1, "1000000000000000000000000000000"))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("amount"));
    // and a price Money holds but no shop charges (NT$10^12) is refused by the programme's limit
    Shop shop = shop(taiwan());
    Order order = order("o-1", "m-1", PAID, Channel.ONLINE_STORE,
        line("l1", "SKU-1", "apparel", 1, "1000000000000"));

    // then
    assertThatThrownBy(() -> shop.apply(new LoyaltyEvent.OrderPaid(order)))
        .isInstanceOfSatisfying(LimitExceededException.class, e -> {
          assertThat(e.field()).isEqualTo("order.lines[0].unitPrice");
          assertThat(e.setting()).isEqualTo("maxUnitPrice");
          assertThat(e.limit()).isEqualTo(Money.of(Programme.DEFAULT_MAX_UNIT_PRICE, Fixtures.TWD).toString());
        });
    assertThat(shop.ledger("m-1").size()).isZero();
  }

  @Test
  void orderPaid_moreLinesThanTheLimit_isRefused() {
    // given
    Shop shop = shop(taiwan().toBuilder().maxLinesPerOrder(3).build());
    List<OrderLine> lines = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      lines.add(line("l" + i, "SKU-" + i, "apparel", 1, "100"));
    }

    // then
    assertThatThrownBy(() -> shop.apply(new LoyaltyEvent.OrderPaid(Order.of("o-1", "m-1", PAID, Channel.ONLINE_STORE,
            lines))))
        .isInstanceOfSatisfying(LimitExceededException.class, e -> {
          assertThat(e.field()).isEqualTo("order.lines.size");
          assertThat(e.value()).isEqualTo("4");
          assertThat(e.limit()).isEqualTo("3");
        });
  }

  @Test
  void orderPaid_totalAboveTheLimit_isRefused() {
    // given: two lines within the unit price limit whose total is not
    Shop shop = shop(taiwan().toBuilder().maxUnitPrice(twd("1000")).maxOrderTotal(twd("1500")).build());
    Order order = order("o-1", "m-1", PAID, Channel.ONLINE_STORE,
        line("l1", "SKU-1", "apparel", 1, "1000"), line("l2", "SKU-2", "apparel", 1, "600"));

    // then
    assertThatThrownBy(() -> shop.apply(new LoyaltyEvent.OrderPaid(order)))
        .isInstanceOfSatisfying(LimitExceededException.class, e -> {
          assertThat(e.field()).isEqualTo("order.total");
          assertThat(e.value()).isEqualTo("TWD 1600.00");
          assertThat(e.setting()).isEqualTo("maxOrderTotal");
        });
  }

  @Test
  void orderPaid_creditingMoreThanThePointsLimit_isRefused() {
    // given: NT$50,000 earns 500 points; at most 499 per decision
    Shop shop = shop(taiwan().toBuilder().maxPointsPerDecision(Points.of(499)).build());

    // then
    assertThatThrownBy(() -> shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", PAID, "50000"))))
        .isInstanceOfSatisfying(LimitExceededException.class, e -> {
          assertThat(e.field()).isEqualTo("points credited to member m-1 by event o-1");
          assertThat(e.value()).isEqualTo("500");
          assertThat(e.limit()).isEqualTo("499");
        });
    assertThat(shop.ledger("m-1").size()).isZero();
  }

  @Test
  void orderPaid_exactlyAtEveryLimit_decides() {
    // given
    Shop shop = shop(taiwan().toBuilder().maxQuantityPerLine(2).maxUnitPrice(twd("25000")).maxOrderTotal(twd("50000"))
        .maxLinesPerOrder(1).maxPointsPerDecision(Points.of(500)).build());

    // when
    Decision decision = shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", PAID, Channel.ONLINE_STORE,
        line("l1", "SKU-1", "apparel", 2, "25000"))));

    // then
    assertThat(decision.pointsFor("m-1").value()).isEqualTo(500);
  }

  @Test
  void pointsRedeemed_aboveThePointsLimit_isRefused() {
    // given
    Shop shop = shopWithAnOrder(taiwan().toBuilder().maxPointsPerDecision(Points.of(500)).build());

    // then
    assertThatThrownBy(() -> shop.apply(new LoyaltyEvent.PointsRedeemed("x-1", "m-1", Points.of(501), PAID)))
        .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.field()).isEqualTo("points"));
    assertThat(shop.balance("m-1")).isEqualTo(500);
  }

  // ------------------------------------------------------------------ settings

  @Test
  void programme_defaultLimits_areDocumentedValues() {
    // when
    Programme programme = taiwan();

    // then
    assertThat(programme.maxQuantityPerLine()).isEqualTo(100_000);
    assertThat(programme.maxLinesPerOrder()).isEqualTo(100_000);
    assertThat(programme.maxUnitPrice()).isEqualTo(twd("10000000000"));
    assertThat(programme.maxOrderTotal()).isEqualTo(twd("1000000000000"));
    assertThat(programme.maxPointsPerDecision()).isEqualTo(Points.of(1_000_000_000));
  }

  @Test
  void programmeBuilder_invalidLimits_areRefusedTyped() {
    // given
    Programme.Builder builder = taiwan().toBuilder();

    // then
    assertThatThrownBy(() -> builder.maxQuantityPerLine(0))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("maxQuantityPerLine"));
    assertThatThrownBy(() -> taiwan().toBuilder().maxLinesPerOrder(-1))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("maxLinesPerOrder"));
    assertThatThrownBy(() -> taiwan().toBuilder().maxUnitPrice(twd("0")))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("maxUnitPrice"));
    assertThatThrownBy(() -> taiwan().toBuilder().maxOrderTotal(Money.of("10", "USD")))
        .isInstanceOf(CurrencyMismatchException.class);
    assertThatThrownBy(() -> taiwan().toBuilder().maxPointsPerDecision(Points.of(0)))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("maxPointsPerDecision"));
    assertThatThrownBy(() -> taiwan().toBuilder().maxQuantityPerLine(5).maxQuantityPerLine(6))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.expected()).contains("set once"));
  }

  @Test
  void engineVersion_changesWithEveryLimit() {
    // given
    String base = Fixtures.engine(taiwan()).ruleBaseVersion();
    List<Programme> changed = List.of(
        taiwan().toBuilder().maxQuantityPerLine(99).build(),
        taiwan().toBuilder().maxUnitPrice(twd("99")).build(),
        taiwan().toBuilder().maxOrderTotal(twd("99")).build(),
        taiwan().toBuilder().maxLinesPerOrder(99).build(),
        taiwan().toBuilder().maxPointsPerDecision(Points.of(99)).build());

    // then
    List<String> versions = new ArrayList<>();
    for (Programme programme : changed) {
      versions.add(Fixtures.engine(programme).ruleBaseVersion());
    }
    assertThat(versions).doesNotContain(base).doesNotHaveDuplicates();
  }
}
