package org.loyaltyrules.loyalty.examples.merchantcli.input;

import java.io.BufferedReader;
import java.io.IOException;

/** Reads invoices from text in one input layout. Implementations keep no state between reads. */
public interface InvoiceReader {

  /**
   * Reads every invoice and reports every rejected row.
   *
   * @param in the text, positioned at its first line (the header, for CSV layouts)
   * @param listener receives invoices, problems and progress
   * @return the number of lines read, header included
   * @throws IOException if reading fails
   */
  long read(BufferedReader in, InvoiceListener listener) throws IOException;
}
