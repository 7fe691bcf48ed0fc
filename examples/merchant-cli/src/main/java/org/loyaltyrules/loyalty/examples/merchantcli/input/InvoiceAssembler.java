package org.loyaltyrules.loyalty.examples.merchantcli.input;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.loyaltyrules.loyalty.Channel;

/**
 * Groups the rows of line-per-row layouts into invoices. Rows of one invoice are expected close
 * together: an invoice stays open while fewer than {@link #WINDOW} newer invoices have started, so
 * a few interleaved rows (the Online Retail file has one such invoice) still join their invoice.
 * Invoices are emitted in the order they started, which keeps a cancellation after the invoice it
 * cancels. Rows of an invoice that arrive after it was emitted make a second invoice with the id
 * suffixed {@code #2} (and so on), reported as a {@code split-invoice} problem.
 *
 * <p>Not thread-safe.
 */
public final class InvoiceAssembler {
  /** How many invoices may be open at once before the oldest is emitted. */
  public static final int WINDOW = 8;

  private final InvoiceListener listener;
  private final LinkedHashMap<String, Open> open = new LinkedHashMap<>();
  private final Map<String, Integer> emitted = new HashMap<>();
  private Open last;

  /** An invoice being assembled. */
  private static final class Open {
    final String key;
    final String id;
    final Optional<String> memberId;
    final Channel channel;
    final Optional<String> returnOf;
    final long lineNo;
    Instant at;
    final List<InvoiceLine> lines = new ArrayList<>(8);

    Open(String key, String id, Optional<String> memberId, Instant at, Channel channel, Optional<String> returnOf,
        long lineNo) {
      this.key = key;
      this.id = id;
      this.memberId = memberId;
      this.at = at;
      this.channel = channel;
      this.returnOf = returnOf;
      this.lineNo = lineNo;
    }
  }

  /**
   * @param listener receives the invoices and problems
   */
  public InvoiceAssembler(InvoiceListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Adds one row.
   *
   * @param invoiceId the invoice id
   * @param memberId the member, empty for a guest
   * @param at the row's time
   * @param channel the sales channel
   * @param returnOf the order a return names, if any
   * @param line the row's line
   * @return whether the row was added (false: it contradicts its invoice's member; reported)
   */
  public boolean add(String invoiceId, Optional<String> memberId, Instant at, Channel channel,
      Optional<String> returnOf, InvoiceLine line) {
    Open invoice = last != null && last.key.equals(invoiceId) ? last : open.get(invoiceId);
    if (invoice == null) {
      Integer parts = emitted.get(invoiceId);
      String id = invoiceId;
      if (parts != null) {
        id = invoiceId + "#" + (parts + 1);
        listener.problem(line.lineNo(), "split-invoice", "rows of invoice [" + invoiceId
            + "] resume after other invoices; expected an invoice's rows together. They are decided as invoice " + id);
      }
      invoice = new Open(invoiceId, id, memberId, at, channel, returnOf, line.lineNo());
      open.put(invoiceId, invoice);
      if (open.size() > WINDOW) {
        emitOldest();
      }
    } else if (!invoice.memberId.equals(memberId)) {
      listener.problem(line.lineNo(), "malformed-row", "customer [" + memberId.orElse("") + "] of invoice ["
          + invoiceId + "] differs from customer [" + invoice.memberId.orElse("") + "] on its first row (line "
          + invoice.lineNo + "); expected one customer per invoice");
      return false;
    } else if (at.isBefore(invoice.at)) {
      invoice.at = at;
    }
    invoice.lines.add(line);
    last = invoice;
    return true;
  }

  private void emitOldest() {
    Iterator<Open> it = open.values().iterator();
    Open oldest = it.next();
    it.remove();
    emit(oldest);
  }

  private void emit(Open invoice) {
    if (invoice == last) {
      last = null;
    }
    emitted.merge(invoice.key, 1, Integer::sum);
    listener.invoice(new Invoice(invoice.id, invoice.memberId, invoice.at, invoice.channel, invoice.lines,
        invoice.returnOf, invoice.lineNo));
  }

  /** Emits every open invoice, oldest first. Call at the end of the input. */
  public void finish() {
    while (!open.isEmpty()) {
      emitOldest();
    }
  }
}
