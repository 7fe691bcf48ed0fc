package org.loyaltyrules.loyalty.examples.merchantcli.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.examples.merchantcli.input.ByteCounter;
import org.loyaltyrules.loyalty.examples.merchantcli.input.InputFormat;
import org.loyaltyrules.loyalty.examples.merchantcli.input.Invoice;
import org.loyaltyrules.loyalty.examples.merchantcli.input.InvoiceLine;
import org.loyaltyrules.loyalty.examples.merchantcli.input.InvoiceListener;
import org.loyaltyrules.loyalty.rules.replay.Replay;
import org.loyaltyrules.loyalty.rules.replay.ReplayProblem;
import org.loyaltyrules.loyalty.rules.replay.ReplayResult;

/**
 * The CLI's side of a replay: reads invoices, turns each member invoice's sold lines into one paid
 * order and its returned lines into returns of the member's earlier orders, and feeds those events
 * to the library's {@link Replay}, which decides them per lane and partition. This is the path
 * behind {@code replay}, {@code simulate} and {@code demo}.
 *
 * <pre>{@code
 * InvoiceReplay replay = InvoiceReplay.of(Replay.builder().lane("default", engine).build());
 * InvoiceReplayResult result = replay.run(Path.of("online-retail.csv.gz"), InputFormat.ONLINE_RETAIL);
 * }</pre>
 *
 * <ul>
 *   <li>Guest invoices (no member) are counted, never earned on.
 *   <li>Non-product lines (as the input layout defines them) are counted and left out of orders.
 *   <li>Returned units match the member's earliest unreturned purchases of the same SKU (or of the
 *       order the input names); units matching nothing are reported as {@code unmatched-return}.
 *   <li>Members listed in advance are enrolled first (at their enrolment instant); others are
 *       enrolled in the entry tier at their first paid order.
 * </ul>
 *
 * <p>Lanes, members, threads and what to do on an error are the library replay's settings; with
 * {@link Replay.OnError#FAIL} a malformed row or an invalid order stops the run too. Each run starts
 * from empty ledgers.
 */
public final class InvoiceReplay {

  /** Receives progress while a run reads its input. Calls come from the running thread. */
  public interface Progress {
    /**
     * @param bytesRead bytes of the file read so far (compressed bytes for .gz files); 0 when unknown
     * @param totalBytes the file's size; 0 when unknown
     * @param lines lines read so far
     */
    void update(long bytesRead, long totalBytes, long lines);

    /** The input is fully read. */
    default void done() {}

    /** Reports nothing. */
    Progress NONE = (bytesRead, totalBytes, lines) -> {};
  }

  private final Replay replay;
  private final Progress progress;
  private final Programme programme;

  private InvoiceReplay(Replay replay, Progress progress) {
    this.replay = Objects.requireNonNull(replay, "replay");
    this.progress = Objects.requireNonNull(progress, "progress");
    this.programme = replay.programme();
  }

  /**
   * @param replay the library replay: lanes, members known in advance, threads, on-error
   * @return an invoice replay over it, reporting no progress
   */
  public static InvoiceReplay of(Replay replay) {
    return new InvoiceReplay(replay, Progress.NONE);
  }

  /**
   * @param progress receives progress while reading
   * @return this replay reporting to it
   */
  public InvoiceReplay withProgress(Progress progress) {
    return new InvoiceReplay(replay, progress);
  }

  /** @return the first lane's programme; its currency and zone are the input's */
  public Programme programme() {
    return programme;
  }

  /**
   * Replays a file: gzip is read directly when the name ends in {@code .gz}.
   *
   * @param file the orders file
   * @param format its layout
   * @return the result
   * @throws IOException if the file cannot be read
   */
  public InvoiceReplayResult run(Path file, InputFormat format) throws IOException {
    long size = Files.size(file);
    ByteCounter counter = new ByteCounter();
    try (BufferedReader in = InputFormat.open(file, counter)) {
      return run(file.getFileName().toString(), in, format, counter, size);
    }
  }

  /**
   * Replays text already opened.
   *
   * @param source a name for reports
   * @param in the text
   * @param format its layout
   * @return the result
   * @throws IOException if reading fails
   */
  public InvoiceReplayResult run(String source, BufferedReader in, InputFormat format) throws IOException {
    return run(source, in, format, null, 0);
  }

  private InvoiceReplayResult run(String source, BufferedReader in, InputFormat format, ByteCounter counter,
      long size) throws IOException {
    long started = System.nanoTime();
    try (Run run = new Run(counter, size)) {
      run.stats.lines = format.reader(programme.currency(), programme.zone()).read(in, run);
      progress.done();
      return run.finish(source, started);
    }
  }

  /**
   * Replays invoices made in memory (the demo's generated sample), in the order given.
   *
   * @param source a name for reports
   * @param invoices the invoices, oldest first
   * @return the result
   */
  public InvoiceReplayResult run(String source, Iterable<Invoice> invoices) {
    long started = System.nanoTime();
    try (Run run = new Run(null, 0)) {
      for (Invoice invoice : invoices) {
        run.stats.lines += invoice.lines().size();
        run.invoice(invoice);
      }
      return run.finish(source, started);
    }
  }

  private static boolean isError(String code) {
    return code.equals("malformed-row") || code.equals("invalid-order") || code.equals("engine-error");
  }

  /** A problem with the position it takes among problems of the same line (the events submitted before it). */
  private record Found(InputProblem problem, long order) {}

  /**
   * One run: turns invoices into events on the calling thread and submits them to the library's
   * session, remembering each event's input line so the library's problems can name it.
   */
  private final class Run implements InvoiceListener, AutoCloseable {
    final InputStats stats = new InputStats();
    final List<Found> problems = new ArrayList<>();
    final Replay.Session session = replay.start();
    final ReturnMatcher matcher = new ReturnMatcher();
    final Set<String> customers = new HashSet<>();
    final Set<String> enrolled = new HashSet<>();
    final List<String> lineIds = new ArrayList<>();
    final Money zero = Money.zero(programme.currency());
    final ByteCounter counter;
    final long size;
    long[] lineOf = new long[1024];
    long submitted;

    Run(ByteCounter counter, long size) {
      this.counter = counter;
      this.size = size;
      for (Member member : replay.members()) {
        customers.add(member.id());
        enrolled.add(member.id());
        submit(new LoyaltyEvent.MemberEnrolled("enrol-" + member.id(), member.id(), member.enrolledAt()), 0);
      }
    }

    private void submit(LoyaltyEvent event, long lineNo) {
      long seq;
      try {
        seq = session.submit(event);
      } catch (org.loyaltyrules.loyalty.rules.replay.ReplayAbortedException e) {
        ReplayProblem p = e.problem();
        throw new ReplayAbortedException(new InputProblem(lineNo, p.code(), p.message()));
      }
      if (seq >= lineOf.length) {
        lineOf = Arrays.copyOf(lineOf, lineOf.length * 2);
      }
      lineOf[(int) seq] = lineNo;
      submitted = seq + 1;
    }

    InvoiceReplayResult finish(String source, long started) {
      ReplayResult result = session.finish();
      List<Found> all = new ArrayList<>(problems);
      for (ReplayProblem p : result.problems()) {
        all.add(new Found(new InputProblem(lineOf[(int) p.sequence()], p.code(), p.message()), p.sequence()));
      }
      all.sort(Comparator.comparingLong((Found f) -> f.problem().lineNo()).thenComparingLong(Found::order));
      stats.customersSeen = customers.size();
      return new InvoiceReplayResult(source, stats, all.stream().map(Found::problem).toList(), result.lanes(),
          System.nanoTime() - started);
    }

    @Override
    public void close() {
      session.close();
    }

    @Override
    public void progress(long lines) {
      progress.update(counter == null ? 0 : counter.count(), size, lines);
    }

    @Override
    public void problem(long lineNo, String code, String message) {
      if (code.equals("malformed-row")) {
        stats.rows++;
        stats.malformedRows++;
      } else if (code.equals("split-invoice")) {
        stats.splitInvoices++;
      }
      report(new InputProblem(lineNo, code, message));
    }

    /** Reader-side problems sort after the events submitted before them, as a partition would have reported them. */
    private void report(InputProblem problem) {
      problems.add(new Found(problem, submitted));
      if (replay.onError() == Replay.OnError.FAIL && isError(problem.code())) {
        throw new ReplayAbortedException(problem);
      }
    }

    private String lineId(int i) {
      while (lineIds.size() <= i) {
        lineIds.add(Integer.toString(lineIds.size() + 1));
      }
      return lineIds.get(i);
    }

    @Override
    public void invoice(Invoice invoice) {
      stats.invoices++;
      stats.rows += invoice.lines().size();
      if (invoice.isGuest()) {
        stats.guestInvoices++;
        stats.guestLines += invoice.lines().size();
        return;
      }
      List<InvoiceLine> lines = invoice.lines();
      String memberId = invoice.memberId().get();
      customers.add(memberId);
      List<OrderLine> sold = new ArrayList<>(lines.size());
      List<InvoiceLine> returned = null;
      try {
        for (InvoiceLine line : lines) {
          if (line.nonProduct()) {
            stats.nonProductLines++;
          } else if (line.quantity() > 0) {
            Money price = line.unitPrice().orElseThrow();
            sold.add(new OrderLine(lineId(sold.size()), line.sku(), line.category(), line.quantity(), price,
                line.discount().orElse(zero)));
          } else {
            if (returned == null) {
              returned = new ArrayList<>(4);
            }
            returned.add(line);
          }
        }
      } catch (RuntimeException e) {
        stats.skippedInvoices++;
        report(new InputProblem(invoice.lineNo(), "invalid-order", "invoice " + invoice.id() + ": " + e.getMessage()));
        return;
      }
      if (!sold.isEmpty()) {
        Order order;
        try {
          order = new Order(invoice.id(), memberId, invoice.at(), invoice.channel(), programme.currency(), sold,
              zero, zero);
        } catch (RuntimeException e) {
          stats.skippedInvoices++;
          report(new InputProblem(invoice.lineNo(), "invalid-order", "invoice " + invoice.id() + ": " + e.getMessage()));
          return;
        }
        stats.paidInvoices++;
        stats.productLines += sold.size();
        for (OrderLine line : sold) {
          stats.unitsSold += line.quantity();
        }
        if (enrolled.add(memberId)) {
          submit(new LoyaltyEvent.MemberEnrolled("enrol-" + memberId, memberId, invoice.at()), invoice.lineNo());
        }
        submit(new LoyaltyEvent.OrderPaid(order), invoice.lineNo());
        matcher.bought(order);
        if (returned != null) {
          stats.mixedInvoices++;
        }
      } else if (returned != null) {
        stats.returnInvoices++;
      } else {
        stats.skippedInvoices++;
      }
      if (returned != null) {
        returns(invoice, memberId, returned);
      }
    }

    private void returns(Invoice invoice, String memberId, List<InvoiceLine> returned) {
      // The orders a return takes units back from, in match order. Compared by identity: hashing an
      // Order hashes every line, and a cancellation invoice rarely touches more than a few orders.
      List<Order> orders = new ArrayList<>(2);
      List<Map<String, Integer>> unitsByLine = new ArrayList<>(2);
      for (InvoiceLine line : returned) {
        int units = -line.quantity();
        stats.returnLines++;
        stats.unitsReturned += units;
        int unmatched = matcher.match(memberId, line.sku(), units, invoice.returnOf(), (slot, taken) -> {
          int i = indexOf(orders, slot.order);
          if (i < 0) {
            orders.add(slot.order);
            unitsByLine.add(new LinkedHashMap<>());
            i = orders.size() - 1;
          }
          unitsByLine.get(i).merge(slot.lineId, taken, Integer::sum);
        });
        if (unmatched > 0) {
          stats.unitsReturnedUnmatched += unmatched;
          report(new InputProblem(line.lineNo(), "unmatched-return", "return " + invoice.id() + ": " + unmatched
              + " of " + units + " units of " + line.sku() + " match no earlier unreturned purchase of member "
              + memberId + invoice.returnOf().map(o -> " in order " + o).orElse("") + "; nothing clawed back for them"));
        }
      }
      for (int i = 0; i < orders.size(); i++) {
        Order order = orders.get(i);
        List<LoyaltyEvent.ReturnedLine> lines = new ArrayList<>(unitsByLine.get(i).size());
        for (Map.Entry<String, Integer> line : unitsByLine.get(i).entrySet()) {
          // A line outside the earning base (a gift card) earned nothing: the ledger has nothing of it to return.
          if (programme.isInEarningBase(order.line(line.getKey()))) {
            lines.add(new LoyaltyEvent.ReturnedLine(line.getKey(), line.getValue()));
          }
        }
        if (lines.isEmpty()) {
          continue;
        }
        submit(LoyaltyEvent.OrderReturned.of(invoice.id() + "/" + order.id(), order, lines, invoice.at()),
            invoice.lineNo());
      }
    }

    private static int indexOf(List<Order> orders, Order order) {
      for (int i = 0; i < orders.size(); i++) {
        if (orders.get(i) == order) {
          return i;
        }
      }
      return -1;
    }
  }
}
