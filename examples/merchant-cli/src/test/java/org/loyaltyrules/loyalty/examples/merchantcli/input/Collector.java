package org.loyaltyrules.loyalty.examples.merchantcli.input;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** Collects what a reader reads, for tests. */
final class Collector implements InvoiceListener {
  final List<Invoice> invoices = new ArrayList<>();
  final List<String> problems = new ArrayList<>();
  long lines;

  @Override
  public void invoice(Invoice invoice) {
    invoices.add(invoice);
  }

  @Override
  public void problem(long lineNo, String code, String message) {
    problems.add(lineNo + " " + code + ": " + message);
  }

  static Collector read(InvoiceReader reader, String text) throws IOException {
    Collector c = new Collector();
    c.lines = reader.read(new BufferedReader(new StringReader(text)), c);
    return c;
  }

  Invoice invoice(String id) {
    return invoices.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow(() ->
        new AssertionError("no invoice " + id + " in " + invoices.stream().map(Invoice::id).toList()));
  }
}
