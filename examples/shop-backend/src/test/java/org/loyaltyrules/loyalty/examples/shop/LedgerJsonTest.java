package org.loyaltyrules.loyalty.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Provenance;

/** What the database stores rebuilds the library's values exactly. */
class LedgerJsonTest {
  private static final Instant AT = Instant.parse("2026-03-05T04:00:00.123456789Z");
  private static final Provenance WHY = new Provenance("o-1", "earning: base rate", "abc.123", "reason, with \"quotes\" ✓");

  @Test
  void write_thenRead_givesAnEqualEntryOfEveryKind() {
    // given
    List<LedgerEntry> entries = List.of(
        new LedgerEntry.Earned(EntryKey.orderBase("o-1").text(), "m-1", Points.of(19), AT, WHY, Money.of("1999.50", "TWD"),
            List.of(new LineShare("L1", 3, Points.of(9), Money.of("999.50", "TWD")),
                new LineShare("L2", 1, Points.of(10), Money.of("1000", "TWD"))),
            Optional.of(AT.plusSeconds(86_400)), Optional.of(AT.plusSeconds(31_536_000))),
        new LedgerEntry.Earned(EntryKey.enrolmentBonus("m-1", "w").text(), "m-1", Points.of(50), AT, WHY, Money.zero(Money.of("0", "TWD").currency()),
            List.of(), Optional.empty(), Optional.empty()),
        new LedgerEntry.Released(EntryKey.release(EntryKey.orderBase("o-1")).text(), "m-1", AT, WHY, EntryKey.orderBase("o-1").text()),
        new LedgerEntry.Redeemed(EntryKey.redemption("rd-1").text(), "m-1", Points.of(-30), AT, WHY, Money.of("30", "TWD")),
        new LedgerEntry.RedemptionCancelled(EntryKey.redemptionCancellation("rd-1").text(), "m-1", Points.of(30), AT, WHY, EntryKey.redemption("rd-1").text()),
        new LedgerEntry.Expired(EntryKey.expiry(EntryKey.orderBase("o-1"), AT).text(), "m-1", Points.of(-4), AT, WHY, EntryKey.orderBase("o-1").text()),
        new LedgerEntry.ClawedBack(EntryKey.clawback("r-1", EntryKey.orderBase("o-1")).text(), "m-1", Points.of(-2), AT, WHY, EntryKey.orderBase("o-1").text(),
            Points.of(1), Money.of("333.16", "TWD"), List.of(new LineShare("L1", 1, Points.of(3), Money.of("333.16", "TWD")))),
        new LedgerEntry.Adjusted("goodwill:t-9", "m-1", Points.of(25), AT, Provenance.manual("t-9", "goodwill"),
            Optional.of(AT.plusSeconds(60))),
        new LedgerEntry.Adjusted("fraud:t-10", "m-1", Points.of(-5), AT, Provenance.manual("t-10", "fraud"),
            Optional.empty()));

    for (LedgerEntry entry : entries) {
      // when
      LedgerEntry read = LedgerJson.read(LedgerJson.write(entry));

      // then
      assertThat(read).as(entry.kind()).isEqualTo(entry);
    }
  }

  @Test
  void write_thenRead_givesAnEqualOrderAndReturn() {
    // given
    OrderLine tea = new OrderLine("L1", "TEA-01", "tea", 3, Money.of("333.33", "TWD"), Money.of("0.99", "TWD"));
    OrderLine card = OrderLine.of("L2", "GC-500", "gift-card", 1, Money.of("500", "TWD"));
    Order order = new Order("o-1", "m-1", AT, Channel.POS, Money.of("0", "TWD").currency(), List.of(tea, card),
        Money.of("10", "TWD"), Money.of("60", "TWD"));
    OrderJson.StoredReturn stored = new OrderJson.StoredReturn("o-1", AT, List.of(),
        List.of(new LoyaltyEvent.ReturnedLine("L1", 3), new LoyaltyEvent.ReturnedLine("L2", 1)));

    // when / then
    assertThat(OrderJson.read(OrderJson.write(order))).isEqualTo(order);
    assertThat(OrderJson.readReturn(OrderJson.write(stored))).isEqualTo(stored);
  }
}
