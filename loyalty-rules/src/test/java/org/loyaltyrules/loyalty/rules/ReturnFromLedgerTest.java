package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.EventTimeException;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.UnknownEntryException;

/**
 * Returns decided from what the member's ledger recorded of the order, with no copy of the order:
 * the member id, the order id and the returned lines are enough, and every refusal names the line,
 * the value and the limit, and changes nothing.
 */
class ReturnFromLedgerTest {
  private static final Instant PAID = taipei("2025-03-05T12:00");
  private static final Instant LATER = PAID.plusSeconds(3600);

  /** Two units of apparel, one of shoes and a gift card (outside the earning base). */
  private static final Order ORDER = order("o-1", "m-1", PAID, Channel.ONLINE_STORE,
      line("l1", "SKU-1", "apparel", 2, "500"), line("l2", "SH-1", "shoes", 1, "800"),
      line("gc", "GC-1", "gift-card", 1, "1000"));

  private static Shop paid() {
    Shop shop = new Shop(taiwan());
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    shop.apply(new LoyaltyEvent.OrderPaid(ORDER));
    return shop;
  }

  private static LoyaltyEvent.OrderReturned byIds(String id, List<LoyaltyEvent.ReturnedLine> lines, Instant at) {
    return new LoyaltyEvent.OrderReturned(id, "m-1", "o-1", lines, at);
  }

  private static LoyaltyEvent.ReturnedLine units(String lineId, int quantity) {
    return new LoyaltyEvent.ReturnedLine(lineId, quantity);
  }

  @Test
  void returnByIds_withoutTheOrder_decidesAsTheReturnBuiltFromTheOrder() {
    // given
    Shop withIds = paid();
    Shop withOrder = paid();

    // when
    Decision fromLedger = withIds.apply(byIds("r-1", List.of(units("l1", 1)), LATER));
    Decision fromOrder = withOrder.apply(LoyaltyEvent.OrderReturned.of("r-1", ORDER, List.of(units("l1", 1)), LATER));

    // then
    assertThat(fromLedger).isEqualTo(fromOrder);
    assertThat(fromLedger.pointsFor("m-1").value()).isEqualTo(-5);
    assertThat(fromLedger.entries().get(0).provenance().reason()).isEqualTo("refund r-1 of order o-1: 1 of 2 units"
        + " of line l1 (5 points) returned; claws back 5 of the 18 points of order:o-1:base");
  }

  @Test
  void returnOfAnOrderTheLedgerNeverRecorded_isRefused_andChangesNothing() {
    // given
    Shop shop = paid();
    int entries = shop.ledger("m-1").size();

    // when / then
    assertThatThrownBy(() -> shop.apply(new LoyaltyEvent.OrderReturned("r-1", "m-1", "o-9", List.of(units("l1", 1)),
        LATER))).isInstanceOfSatisfying(UnknownEntryException.class, e -> {
          assertThat(e.field()).isEqualTo("orderId");
          assertThat(e.value()).isEqualTo("o-9");
          assertThat(e.getMessage()).contains("no entry " + EntryKey.orderBase("o-9").text());
        });
    assertThat(shop.ledger("m-1").size()).isEqualTo(entries);
  }

  @Test
  void returnOfALineTheLedgerNeverRecorded_isRefusedNamingTheLine_andChangesNothing() {
    // given
    Shop shop = paid();
    int entries = shop.ledger("m-1").size();

    // when / then
    assertThatThrownBy(() -> shop.apply(byIds("r-1", List.of(units("l1", 1), units("l7", 1)), LATER)))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo("lines[1].lineId");
          assertThat(e.value()).isEqualTo("l7");
          assertThat(e.getMessage()).contains("a line the ledger recorded for order o-1 (2 earning-base lines");
        });
    assertThat(shop.ledger("m-1").size()).isEqualTo(entries);
  }

  @Test
  void returnOfAGiftCardLine_isRefused_becauseItEarnedNothingToReturn() {
    // given: the gift card is in the order but outside the earning base, so not on the ledger
    Shop shop = paid();

    // when / then
    assertThatThrownBy(() -> shop.apply(LoyaltyEvent.OrderReturned.of("r-1", ORDER, List.of(units("gc", 1)), LATER)))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo("lines[0].lineId");
          assertThat(e.value()).isEqualTo("gc");
          assertThat(e.getMessage()).contains("a line outside the earning base earned nothing to return");
        });
  }

  @Test
  void overReturn_afterAnEarlierReturn_isRefusedNamingLineValueAndLimit_andChangesNothing() {
    // given: one of the two units of l1 already came back
    Shop shop = paid();
    shop.apply(byIds("r-1", List.of(units("l1", 1)), LATER));
    int entries = shop.ledger("m-1").size();

    // when / then
    assertThatThrownBy(() -> shop.apply(byIds("r-2", List.of(units("l2", 1), units("l1", 2)), LATER.plusSeconds(60))))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo("lines[1].quantity");
          assertThat(e.value()).isEqualTo("2");
          assertThat(e.getMessage()).contains("≤ 1 units of line l1 not yet returned");
        });
    assertThat(shop.ledger("m-1").size()).isEqualTo(entries);
  }

  @Test
  void returnBeforeThePaymentTheLedgerRecorded_isRefused() {
    // given
    Shop shop = paid();

    // when / then
    assertThatThrownBy(() -> shop.apply(byIds("r-1", List.of(units("l1", 1)), PAID.minusSeconds(1))))
        .isInstanceOfSatisfying(EventTimeException.class, e -> {
          assertThat(e.field()).isEqualTo("occurredAt");
          assertThat(e.getMessage()).contains("the payment of order o-1");
        });
  }

  @Test
  void wholeReturnFromTheLedger_afterAPartialOne_takesBackOnlyWhatIsLeft() {
    // given
    Shop shop = paid();
    shop.apply(byIds("r-1", List.of(units("l1", 1)), LATER));

    // when
    Decision rest = shop.apply(LoyaltyEvent.OrderReturned.whole("r-2", "m-1", "o-1", LATER.plusSeconds(60)));

    // then: 1 more unit of l1 and the unit of l2; the order gave everything back
    assertThat(keysOf(rest)).containsExactly(EntryKey.clawback("r-2", EntryKey.orderBase("o-1")).text());
    assertThat(rest.entries().get(0).provenance().reason()).startsWith("refund r-2 of order o-1: 1 of 2 units of"
        + " line l1 (5 points), 1 of 1 units of line l2 (8 points) returned; claws back 13 of the 18 points");
    assertThat(shop.ledger("m-1").reversedPointsOfSource("o-1")).isEqualTo(shop.ledger("m-1").earnedPoints("o-1"));
  }

  @Test
  void wholeReturn_ofAnOrderAlreadyReturnedInFull_isANoOpWithANotice() {
    // given
    Shop shop = paid();
    shop.apply(LoyaltyEvent.OrderReturned.whole("r-1", ORDER, LATER));

    // when
    Decision again = shop.apply(LoyaltyEvent.OrderReturned.whole("r-2", "m-1", "o-1", LATER.plusSeconds(60)));

    // then
    assertThat(again.entries()).isEmpty();
    assertThat(again.tierChange()).isEmpty();
    assertThat(again.notices()).containsExactly("order o-1 has no unit left to return (earlier returns took back every"
        + " unit); nothing to claw back");
  }

  @Test
  void wholeReturn_ofAGiftCardOnlyOrder_isANoOpWithANotice() {
    // given: an order the ledger recorded with zero spend and no line
    Shop shop = paid();
    Order giftCard = order("o-2", "m-1", PAID, Channel.ONLINE_STORE, line("gc", "GC-1", "gift-card", 1, "1000"));
    shop.apply(new LoyaltyEvent.OrderPaid(giftCard));

    // when
    Decision refund = shop.apply(LoyaltyEvent.OrderReturned.whole("r-1", giftCard, LATER));

    // then
    assertThat(refund.entries()).isEmpty();
    assertThat(refund.notices()).containsExactly("order o-2 has no unit left to return (the ledger recorded no line of"
        + " it in the earning base); nothing to claw back");
  }

  @Test
  void returnFactory_withALineNotInTheOrder_isRefusedBeforeTheEngine() {
    // when / then
    assertThatThrownBy(() -> LoyaltyEvent.OrderReturned.of("r-1", ORDER, List.of(units("l1", 3)), LATER))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo("lines[0].quantity");
          assertThat(e.getMessage()).contains("≤ 2 bought on line l1");
        });
    assertThatThrownBy(() -> byIds("r-1", List.of(units("l1", 1), units("l1", 1)), LATER))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("lines[1].lineId"));
  }
}
