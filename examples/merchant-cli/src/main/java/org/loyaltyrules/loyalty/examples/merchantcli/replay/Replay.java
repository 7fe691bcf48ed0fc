package org.loyaltyrules.loyalty.examples.merchantcli.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;

/**
 * Replays orders through one or more rule sets ("lanes"): reads invoices, turns each member
 * invoice's sold lines into one paid order and its returned lines into returns of the member's
 * earlier orders, decides each event once per lane with that lane's engine, and appends the
 * decisions to in-memory ledgers. This is the path behind the CLI's {@code replay},
 * {@code simulate} and {@code demo}, and what the benchmark measures.
 *
 * <pre>{@code
 * Replay replay = Replay.builder().lane("default", engine).build();
 * ReplayResult result = replay.run(Path.of("online-retail.csv.gz"), InputFormat.ONLINE_RETAIL);
 * }</pre>
 *
 * <p>A {@code Replay} holds only its engines and settings: each {@code run} starts from empty
 * ledgers, so one instance can run many times (engines are built once, and are thread-safe). The
 * calling thread reads and assembles invoices; members are split between {@link Builder#threads}
 * workers by referral family, each deciding its members' events in input order against ledgers it
 * alone holds, so the result does not depend on the thread count.
 *
 * <ul>
 *   <li>Guest invoices (no member) are counted, never earned on.
 *   <li>Non-product lines (as the input layout defines them) are counted and left out of orders.
 *   <li>Returned units match the member's earliest unreturned purchases of the same SKU (or of the
 *       order the input names); units matching nothing are reported as {@code unmatched-return}.
 *   <li>Members not listed in advance are enrolled in the entry tier at their first order.
 * </ul>
 */
public final class Replay {

  /** What to do with a malformed row, an invalid order or an event the engine rejects. */
  public enum OnError {
    /** Report it with its line number and go on. */
    SKIP,
    /** Report it and stop the run ({@link ReplayAbortedException}). */
    FAIL
  }

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

  private final List<String> laneNames;
  private final List<LoyaltyRulesEngine> engines;
  private final List<Member> members;
  private final OnError onError;
  private final Progress progress;
  private final Programme programme;
  private final int threads;

  private Replay(Builder b) {
    this.laneNames = List.copyOf(b.names);
    this.engines = List.copyOf(b.engines);
    this.members = List.copyOf(b.members);
    this.onError = b.onError;
    this.progress = b.progress;
    this.programme = engines.get(0).programme();
    this.threads = b.threads;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
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
  public ReplayResult run(Path file, InputFormat format) throws IOException {
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
  public ReplayResult run(String source, BufferedReader in, InputFormat format) throws IOException {
    return run(source, in, format, null, 0);
  }

  private ReplayResult run(String source, BufferedReader in, InputFormat format, ByteCounter counter, long size)
      throws IOException {
    long started = System.nanoTime();
    Run run = new Run(counter, size);
    try {
      run.stats.lines = format.reader(programme.currency(), programme.zone()).read(in, run);
      run.finish();
    } finally {
      run.stop();
    }
    progress.done();
    return run.result(source, started);
  }

  /**
   * Replays invoices made in memory (the demo's generated sample), in the order given.
   *
   * @param source a name for reports
   * @param invoices the invoices, oldest first
   * @return the result
   */
  public ReplayResult run(String source, Iterable<Invoice> invoices) {
    long started = System.nanoTime();
    Run run = new Run(null, 0);
    try {
      for (Invoice invoice : invoices) {
        run.stats.lines += invoice.lines().size();
        run.invoice(invoice);
      }
      run.finish();
    } finally {
      run.stop();
    }
    return run.result(source, started);
  }

  /** How many workers a run uses: one when a problem must stop the run at the first in input order. */
  private int workerCount() {
    return onError == OnError.FAIL ? 1 : Math.max(1, threads);
  }

  /**
   * One run: reads and assembles invoices on the calling thread, counts guests, and hands each
   * member invoice to the worker that owns the member. Members are split between workers by their
   * referral family (a member and everyone up their referral chain share a worker), so each worker
   * decides its members' events in input order against ledgers no other worker touches.
   */
  private final class Run implements InvoiceListener {
    final InputStats stats = new InputStats();
    final List<InputProblem> problems = new ArrayList<>();
    final Worker[] workers;
    final Map<String, String> families = new HashMap<>();
    final ByteCounter counter;
    final long size;
    boolean finished;

    Run(ByteCounter counter, long size) {
      this.counter = counter;
      this.size = size;
      Map<String, Member> byId = new HashMap<>();
      for (Member member : members) {
        byId.put(member.id(), member);
      }
      for (Member member : members) {
        families.put(member.id(), family(member, byId));
      }
      int n = workerCount();
      workers = new Worker[n];
      for (int i = 0; i < n; i++) {
        workers[i] = new Worker(i, n > 1);
      }
      for (Member member : members) {
        worker(member.id()).register(member);
      }
      for (Worker worker : workers) {
        worker.enrolAll();
        worker.start();
      }
    }

    /** The id at the top of the member's referral chain (cycle-safe). */
    private String family(Member member, Map<String, Member> byId) {
      Set<String> seen = new HashSet<>();
      Member m = member;
      while (m.referrerId().isPresent() && seen.add(m.id())) {
        Member up = byId.get(m.referrerId().get());
        if (up == null) {
          break;
        }
        m = up;
      }
      return m.id();
    }

    private Worker worker(String memberId) {
      if (workers.length == 1) {
        return workers[0];
      }
      String key = families.getOrDefault(memberId, memberId);
      return workers[Math.floorMod(key.hashCode(), workers.length)];
    }

    ReplayResult result(String source, long started) {
      List<Lane> merged = new ArrayList<>();
      List<InputProblem> all = new ArrayList<>(problems);
      for (int l = 0; l < engines.size(); l++) {
        merged.add(new Lane(laneNames.get(l), engines.get(l)));
      }
      for (Worker worker : workers) {
        worker.stats.customersSeen = worker.customers.size();
        stats.add(worker.stats);
        all.addAll(worker.problems);
        for (int l = 0; l < merged.size(); l++) {
          merged.get(l).absorb(worker.lanes.get(l));
        }
      }
      all.sort(Comparator.comparingLong(InputProblem::lineNo));
      return new ReplayResult(source, stats, all, merged, System.nanoTime() - started);
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
      InputProblem problem = new InputProblem(lineNo, code, message);
      problems.add(problem);
      if (onError == OnError.FAIL && isError(code)) {
        throw new ReplayAbortedException(problem);
      }
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
      worker(invoice.memberId().get()).submit(invoice);
    }

    /** Hands over the last batches and waits for every worker; rethrows a worker's failure. */
    void finish() {
      for (Worker worker : workers) {
        worker.close();
      }
      for (Worker worker : workers) {
        worker.await();
      }
      finished = true;
      for (Worker worker : workers) {
        worker.rethrow();
      }
    }

    /** Stops the workers when the read failed. */
    void stop() {
      if (!finished) {
        for (Worker worker : workers) {
          worker.abort();
        }
      }
    }
  }

  private static boolean isError(String code) {
    return code.equals("malformed-row") || code.equals("invalid-order") || code.equals("engine-error");
  }

  /** The end-of-input marker on a worker's queue. */
  private static final List<Invoice> END = List.of();
  private static final int BATCH = 64;

  /** Decides the events of one share of the members, on its own thread when the run has several. */
  private final class Worker implements Runnable {
    final InputStats stats = new InputStats();
    final List<InputProblem> problems = new ArrayList<>();
    final List<Lane> lanes = new ArrayList<>();
    final List<Member> registered = new ArrayList<>();
    final ReturnMatcher matcher = new ReturnMatcher();
    final Set<String> customers = new HashSet<>();
    final List<String> lineIds = new ArrayList<>();
    final Money zero = Money.zero(programme.currency());
    final BlockingQueue<List<Invoice>> queue;
    final Thread thread;
    List<Invoice> batch = new ArrayList<>(BATCH);
    volatile Throwable failure;
    volatile boolean aborted;

    Worker(int index, boolean threaded) {
      for (int i = 0; i < engines.size(); i++) {
        lanes.add(new Lane(laneNames.get(i), engines.get(i)));
      }
      queue = threaded ? new ArrayBlockingQueue<>(256) : null;
      thread = threaded ? new Thread(this, "replay-worker-" + index) : null;
      if (thread != null) {
        thread.setDaemon(true);
      }
    }

    void register(Member member) {
      registered.add(member);
      customers.add(member.id());
      for (Lane lane : lanes) {
        lane.enrol(member);
      }
    }

    void enrolAll() {
      for (Member member : registered) {
        for (Lane lane : lanes) {
          lane.decide(new LoyaltyEvent.MemberEnrolled("enrol-" + member.id(), member.id(), member.enrolledAt()),
              lane.account(member.id()), problems, 0);
        }
      }
    }

    void start() {
      if (thread != null) {
        thread.start();
      }
    }

    void submit(Invoice invoice) {
      if (thread == null) {
        invoice(invoice);
        return;
      }
      batch.add(invoice);
      if (batch.size() == BATCH) {
        put(batch);
        batch = new ArrayList<>(BATCH);
      }
    }

    private void put(List<Invoice> invoices) {
      try {
        queue.put(invoices);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while handing invoices to a replay worker", e);
      }
    }

    void close() {
      if (thread != null) {
        if (!batch.isEmpty()) {
          put(batch);
        }
        put(END);
      }
    }

    void await() {
      if (thread != null) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for a replay worker", e);
        }
      }
    }

    void abort() {
      if (thread != null) {
        aborted = true;
        queue.clear();
        queue.offer(END);
      }
    }

    void rethrow() {
      Throwable f = failure;
      if (f instanceof RuntimeException r) {
        throw r;
      }
      if (f instanceof Error e) {
        throw e;
      }
    }

    @Override
    public void run() {
      try {
        while (true) {
          List<Invoice> invoices = queue.take();
          if (invoices == END) {
            return;
          }
          if (failure == null && !aborted) {
            for (Invoice invoice : invoices) {
              invoice(invoice);
            }
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Throwable t) {
        failure = t;
        // Keep taking batches so the reader never blocks on a full queue.
        try {
          while (queue.take() != END) {
            // discard
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private void report(InputProblem problem) {
      problems.add(problem);
      if (onError == OnError.FAIL && isError(problem.code())) {
        throw new ReplayAbortedException(problem);
      }
    }

    private String lineId(int i) {
      while (lineIds.size() <= i) {
        lineIds.add(Integer.toString(lineIds.size() + 1));
      }
      return lineIds.get(i);
    }

    void invoice(Invoice invoice) {
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
        for (Lane lane : lanes) {
          int before = problems.size();
          MemberAccount account = lane.accountFor(memberId, invoice.at(), problems, invoice.lineNo());
          lane.decide(new LoyaltyEvent.OrderPaid(order), account, problems, invoice.lineNo());
          checkFailure(before);
        }
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

    private void checkFailure(int before) {
      if (onError == OnError.FAIL && problems.size() > before) {
        throw new ReplayAbortedException(problems.get(before));
      }
    }

    private void returns(Invoice invoice, String memberId, List<InvoiceLine> returned) {
      Map<Order, Map<String, Integer>> byOrder = new LinkedHashMap<>();
      for (InvoiceLine line : returned) {
        int units = -line.quantity();
        stats.returnLines++;
        stats.unitsReturned += units;
        int unmatched = matcher.match(memberId, line.sku(), units, invoice.returnOf(),
            (slot, taken) -> byOrder.computeIfAbsent(slot.order, k -> new LinkedHashMap<>())
                .merge(slot.lineId, taken, Integer::sum));
        if (unmatched > 0) {
          stats.unitsReturnedUnmatched += unmatched;
          report(new InputProblem(line.lineNo(), "unmatched-return", "return " + invoice.id() + ": " + unmatched
              + " of " + units + " units of " + line.sku() + " match no earlier unreturned purchase of member "
              + memberId + invoice.returnOf().map(o -> " in order " + o).orElse("") + "; nothing clawed back for them"));
        }
      }
      for (Map.Entry<Order, Map<String, Integer>> e : byOrder.entrySet()) {
        Order order = e.getKey();
        List<LoyaltyEvent.ReturnedLine> lines = new ArrayList<>(e.getValue().size());
        for (Map.Entry<String, Integer> line : e.getValue().entrySet()) {
          lines.add(new LoyaltyEvent.ReturnedLine(line.getKey(), line.getValue()));
        }
        LoyaltyEvent.OrderReturned event =
            new LoyaltyEvent.OrderReturned(invoice.id() + "/" + order.id(), order, lines, invoice.at());
        for (Lane lane : lanes) {
          MemberAccount account = lane.account(memberId);
          int before = problems.size();
          if (account != null) {
            lane.decide(event, account, problems, invoice.lineNo());
          }
          checkFailure(before);
        }
      }
    }
  }

  /** Builds a {@link Replay}. */
  public static final class Builder {
    private final List<String> names = new ArrayList<>();
    private final List<LoyaltyRulesEngine> engines = new ArrayList<>();
    private final List<Member> members = new ArrayList<>();
    private OnError onError = OnError.SKIP;
    private Progress progress = Progress.NONE;
    private int threads = Runtime.getRuntime().availableProcessors();

    private Builder() {}

    /**
     * @param threads how many threads decide events (default: the available processors); members
     *     are split between them, so the result is the same for any count. {@link OnError#FAIL}
     *     always uses one, to stop at the first problem in input order.
     * @return this builder
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads [" + threads + "]; expected ≥ 1");
      }
      this.threads = threads;
      return this;
    }

    /**
     * Adds a rule set to replay through. Every lane must use the same currency and zone.
     *
     * @param name the lane's name in reports
     * @param engine its engine, built once
     * @return this builder
     */
    public Builder lane(String name, LoyaltyRulesEngine engine) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(engine, "engine");
      if (!engines.isEmpty()) {
        Programme first = engines.get(0).programme();
        if (!first.currency().equals(engine.programme().currency()) || !first.zone().equals(engine.programme().zone())) {
          throw new IllegalArgumentException("lane " + name + " uses " + engine.programme().currency() + "/"
              + engine.programme().zone() + "; expected " + first.currency() + "/" + first.zone() + " as lane "
              + names.get(0));
        }
      }
      names.add(name);
      engines.add(engine);
      return this;
    }

    /**
     * @param members members known before the replay (enrolment, tier, birthday, referrer)
     * @return this builder
     */
    public Builder members(List<Member> members) {
      this.members.addAll(members);
      return this;
    }

    /**
     * @param onError what to do with malformed rows and rejected events (default skip)
     * @return this builder
     */
    public Builder onError(OnError onError) {
      this.onError = Objects.requireNonNull(onError, "onError");
      return this;
    }

    /**
     * @param progress receives progress while reading (default none)
     * @return this builder
     */
    public Builder progress(Progress progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /** @return the replay */
    public Replay build() {
      if (engines.isEmpty()) {
        throw new IllegalStateException("a replay needs at least one lane");
      }
      return new Replay(this);
    }
  }
}
