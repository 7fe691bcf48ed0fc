package org.loyaltyrules.loyalty.examples.merchantcli.replay;

/**
 * What the replay read, independent of the rules: lines, invoices by outcome, line kinds and
 * returned units. Every invoice is exactly one of paid, return, guest or skipped.
 *
 * <p>Mutable while a replay runs; read it from its {@link InvoiceReplayResult} afterwards.
 */
public final class InputStats {
  long lines;
  long rows;
  long malformedRows;
  long invoices;
  long paidInvoices;
  long returnInvoices;
  long guestInvoices;
  long skippedInvoices;
  long mixedInvoices;
  long splitInvoices;
  long productLines;
  long returnLines;
  long nonProductLines;
  long guestLines;
  long unitsSold;
  long unitsReturned;
  long unitsReturnedUnmatched;
  long customersSeen;

  /** @return the lines read, header included */
  public long lines() {
    return lines;
  }

  /** @return the data rows (or JSON records) read, malformed ones included */
  public long rows() {
    return rows;
  }

  /** @return the rows left out because they could not be read */
  public long malformedRows() {
    return malformedRows;
  }

  /** @return the invoices read */
  public long invoices() {
    return invoices;
  }

  /** @return member invoices that sold at least one product: decided as a paid order */
  public long paidInvoices() {
    return paidInvoices;
  }

  /** @return member invoices that only took products back: cancellations and returns */
  public long returnInvoices() {
    return returnInvoices;
  }

  /** @return invoices without a member: guest sales (and guest cancellations); they earn nothing */
  public long guestInvoices() {
    return guestInvoices;
  }

  /** @return member invoices with no product line (postage, fees, vouchers only) or that could not become an order */
  public long skippedInvoices() {
    return skippedInvoices;
  }

  /** @return paid invoices that also took units back (counted as paid) */
  public long mixedInvoices() {
    return mixedInvoices;
  }

  /** @return invoices whose rows came in two or more separate runs */
  public long splitInvoices() {
    return splitInvoices;
  }

  /** @return product lines sold to members */
  public long productLines() {
    return productLines;
  }

  /** @return product lines of members taking units back */
  public long returnLines() {
    return returnLines;
  }

  /** @return member lines with a non-product code (never earn) */
  public long nonProductLines() {
    return nonProductLines;
  }

  /** @return lines of guest invoices */
  public long guestLines() {
    return guestLines;
  }

  /** @return product units sold to members */
  public long unitsSold() {
    return unitsSold;
  }

  /** @return product units members took back */
  public long unitsReturned() {
    return unitsReturned;
  }

  /** @return returned units that matched no earlier unreturned purchase (reported, not clawed back) */
  public long unitsReturnedUnmatched() {
    return unitsReturnedUnmatched;
  }

  /** @return distinct member ids in the input */
  public long customersSeen() {
    return customersSeen;
  }
}
