package org.loyaltyrules.loyalty.examples.merchantcli.input;

/**
 * Receives what an {@link InvoiceReader} reads: whole invoices in input order, rows it had to
 * reject, and a count of lines read for progress reports.
 */
public interface InvoiceListener {

  /**
   * An invoice is complete.
   *
   * @param invoice the invoice
   */
  void invoice(Invoice invoice);

  /**
   * A row could not be read and was left out. Implementations may throw to stop the read.
   *
   * @param lineNo the 1-based line in the input
   * @param code a stable kind of problem, e.g. {@code malformed-row}
   * @param message what is wrong, naming the field and value
   */
  void problem(long lineNo, String code, String message);

  /**
   * Called every few thousand lines and at the end.
   *
   * @param lines the lines read so far (header included)
   */
  default void progress(long lines) {}
}
