package org.loyaltyrules.loyalty.examples.merchantcli.input;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.loyaltyrules.loyalty.Channel;

/**
 * One invoice as read from an input file: a sale, a return (cancellation) or both, for a member or a
 * guest. The replay turns its positive lines into a paid order and its negative lines into returns
 * of earlier orders.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param id the invoice (order) id
 * @param memberId the member, or empty for a guest sale
 * @param at when the invoice was made (its earliest line's time)
 * @param channel where it was sold
 * @param lines the lines, in input order
 * @param returnOf for a return, the order it returns, when the input names it; otherwise returned
 *     units match the member's earliest unreturned purchases of the same SKU
 * @param lineNo the input line of the invoice's first row
 */
public record Invoice(
    String id, Optional<String> memberId, Instant at, Channel channel, List<InvoiceLine> lines,
    Optional<String> returnOf, long lineNo) {

  /** Validates and copies the components. */
  public Invoice {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(memberId, "memberId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(returnOf, "returnOf");
    lines = List.copyOf(lines);
  }

  /** @return whether the invoice has no member (a guest sale or an unattributed adjustment) */
  public boolean isGuest() {
    return memberId.isEmpty();
  }
}
