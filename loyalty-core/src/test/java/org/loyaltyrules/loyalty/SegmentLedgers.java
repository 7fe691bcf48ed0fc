package org.loyaltyrules.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Ledgers of orders and refunds for the segment and tier-progress tests: every order earns 0 points. */
final class SegmentLedgers {
  private SegmentLedgers() {}

  /**
   * One order and what was refunded of it.
   *
   * @param id the order id
   * @param at when it was paid
   * @param spend its qualifying spend, whole NT$
   * @param refunded how much of it was refunded (0 for none)
   * @param refundedAt when
   */
  record PaidOrder(String id, Instant at, long spend, long refunded, Instant refundedAt) {
    BigDecimal netAsOf(Instant asOf) {
      return BigDecimal.valueOf(spend - (refunded > 0 && !refundedAt.isAfter(asOf) ? refunded : 0));
    }
  }

  /** The member's ledger holding each order's base entry and refund clawback, in time order. */
  static PointLedger ledger(List<PaidOrder> orders) {
    record Timed(Instant at, LedgerEntry entry) {}
    List<Timed> timed = new ArrayList<>();
    for (PaidOrder order : orders) {
      EntryKey base = EntryKey.orderBase(order.id());
      timed.add(new Timed(order.at(), new LedgerEntry.Earned(base.text(), "m-1", Points.ZERO, order.at(),
          new Provenance(order.id(), "earning", "rb", "order"), Money.of(BigDecimal.valueOf(order.spend()), Entries.TWD),
          List.of(), Optional.empty(), Optional.empty())));
      if (order.refunded() > 0) {
        timed.add(new Timed(order.refundedAt(), new LedgerEntry.ClawedBack(
            EntryKey.clawback("ret-" + order.id(), base).text(), "m-1", Points.ZERO, order.refundedAt(),
            new Provenance("ret-" + order.id(), "refund", "rb", "refund"), base.text(), Points.ZERO,
            Money.of(BigDecimal.valueOf(order.refunded()), Entries.TWD), List.of())));
      }
    }
    timed.sort(Comparator.comparing(Timed::at));
    return PointLedger.of("m-1", NegativeBalancePolicy.ALLOW_DEBT, timed.stream().map(Timed::entry).toList());
  }
}
