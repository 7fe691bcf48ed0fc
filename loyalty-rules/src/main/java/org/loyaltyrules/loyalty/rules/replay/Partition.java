package org.loyaltyrules.loyalty.rules.replay;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;

/**
 * Decides the events of one share of the referral families, in stream order, against lanes (and
 * so ledgers) no other partition touches. With a thread of its own it takes events in batches from
 * a bounded queue, so the submitting thread reads ahead while partitions decide; without one it
 * decides on the submitting thread.
 *
 * <p>Not thread-safe beyond that hand-over: everything else is owned by the partition's thread
 * until {@link #await()} returns.
 */
final class Partition implements Runnable {
  /** Events per hand-over: large enough that queue traffic is noise, small enough to keep both sides busy. */
  private static final int BATCH = 128;
  private static final Batch END = new Batch(0);

  /**
   * Events handed over together, with their stream positions; a slot with no event and a boundary
   * is a scheduled run of the periodic jobs.
   */
  private static final class Batch {
    final long[] sequences;
    final LoyaltyEvent[] events;
    final Instant[] boundaries;
    int size;

    Batch(int capacity) {
      sequences = new long[capacity];
      events = new LoyaltyEvent[capacity];
      boundaries = new Instant[capacity];
    }
  }

  final List<Lane> lanes = new ArrayList<>();
  final List<ReplayProblem> problems = new ArrayList<>();
  final List<ReplayDecision> decisions = new ArrayList<>();
  private final Replay.DecisionListener listener;
  private final boolean record;
  private final boolean failFast;
  private final BlockingQueue<Batch> queue;
  private final Thread thread;
  private Batch batch = new Batch(BATCH);
  private volatile Throwable failure;
  private volatile boolean aborted;

  Partition(int index, boolean threaded, List<String> names, List<LoyaltyRulesEngine> engines,
      List<Programme> programmes, ReviewSchedule reviews, Replay.DecisionListener listener, boolean record,
      boolean failFast) {
    for (int i = 0; i < engines.size(); i++) {
      lanes.add(new Lane(names.get(i), engines.get(i), programmes.get(i), reviews, false));
    }
    this.listener = listener;
    this.record = record;
    this.failFast = failFast;
    this.queue = threaded ? new ArrayBlockingQueue<>(64) : null;
    this.thread = threaded ? new Thread(this, "replay-partition-" + index) : null;
    if (thread != null) {
      thread.setDaemon(true);
    }
  }

  void register(Member member) {
    for (Lane lane : lanes) {
      lane.register(member);
    }
  }

  void start() {
    if (thread != null) {
      thread.start();
    }
  }

  void submit(long sequence, LoyaltyEvent event) {
    if (thread == null) {
      decide(sequence, event);
      return;
    }
    handOver(sequence, event, null);
  }

  /**
   * Runs the periodic jobs as of a schedule boundary, before the event at {@code sequence}.
   *
   * @param sequence the stream position of the event that follows (problems name it)
   * @param boundary the instant the jobs run as of
   */
  void scheduled(long sequence, Instant boundary) {
    if (thread == null) {
      runJobs(sequence, boundary);
      return;
    }
    handOver(sequence, null, boundary);
  }

  private void handOver(long sequence, LoyaltyEvent event, Instant boundary) {
    batch.sequences[batch.size] = sequence;
    batch.boundaries[batch.size] = boundary;
    batch.events[batch.size++] = event;
    if (batch.size == BATCH) {
      put(batch);
      batch = new Batch(BATCH);
    }
  }

  private void put(Batch b) {
    try {
      queue.put(b);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      aborted = true;
      throw new LoyaltyException("replay-interrupted", "Replay interrupted: thread [" + Thread.currentThread().getName()
          + "]; expected to hand events to a partition", e);
    }
  }

  /** Hands over the last batch and the end marker. */
  void close() {
    if (thread != null) {
      if (batch.size > 0) {
        put(batch);
      }
      put(END);
    }
  }

  /** Waits for the partition's thread; rethrows what it failed with. */
  void await() {
    if (thread != null) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LoyaltyException("replay-interrupted", "Replay interrupted: thread [" + Thread.currentThread().getName()
            + "]; expected to wait for partition " + thread.getName(), e);
      }
    }
    Throwable f = failure;
    if (f instanceof RuntimeException r) {
      throw r;
    }
    if (f instanceof Error e) {
      throw e;
    }
  }

  /** Stops the partition without deciding what is queued. */
  void abort() {
    if (thread != null) {
      aborted = true;
      queue.clear();
      queue.offer(END);
    }
  }

  @Override
  public void run() {
    try {
      while (true) {
        Batch b = queue.take();
        if (b == END) {
          return;
        }
        if (failure == null && !aborted) {
          for (int i = 0; i < b.size; i++) {
            if (b.events[i] == null) {
              runJobs(b.sequences[i], b.boundaries[i]);
            } else {
              decide(b.sequences[i], b.events[i]);
            }
          }
          Arrays.fill(b.events, 0, b.size, null);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable t) {
      failure = t;
      drain();
    }
  }

  /** Keeps taking batches after a failure so the submitting thread never blocks on a full queue. */
  private void drain() {
    try {
      while (queue.take() != END) {
        // discard
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The periodic jobs of a running shop as of {@code boundary}, for every member of this partition
   * enrolled by then, in member id order: the expiry run, then the tier review. Their ids derive from
   * the boundary's local date and the member, so each runs once per member and boundary.
   */
  private void runJobs(long sequence, Instant boundary) {
    Lane first = lanes.get(0);
    LocalDate date = boundary.atZone(first.programme().zone()).toLocalDate();
    List<String> members = new ArrayList<>();
    for (MemberAccount account : first.accounts().values()) {
      if (!account.member().enrolledAt().isAfter(boundary)) {
        members.add(account.member().id());
      }
    }
    members.sort(null);
    for (String member : members) {
      decide(sequence, new LoyaltyEvent.ExpiryRun("expiry-run/" + date + "/" + member, member, boundary));
      decide(sequence, new LoyaltyEvent.TierReview("tier-review/" + date + "/" + member, member, boundary));
    }
  }

  /** Decides one event in every lane, lane by lane. */
  private void decide(long sequence, LoyaltyEvent event) {
    for (Lane lane : lanes) {
      MemberAccount account = lane.account(event.memberId());
      if (account == null) {
        if (!(event instanceof LoyaltyEvent.MemberEnrolled enrolled)) {
          report(new ReplayProblem(sequence, lane.name(), event.eventId(), event.memberId(), ReplayProblem.UNKNOWN_MEMBER,
              "[" + lane.name() + "] " + event.getClass().getSimpleName() + " " + event.eventId() + " names member "
                  + event.memberId() + ", who was neither listed nor enrolled by an earlier event"));
          continue;
        }
        account = lane.enrolNew(enrolled);
      }
      Decision decision;
      try {
        decision = lane.decide(event, account);
      } catch (RuntimeException e) {
        lane.failed();
        report(new ReplayProblem(sequence, lane.name(), event.eventId(), event.memberId(), ReplayProblem.ENGINE_ERROR,
            "[" + lane.name() + "] " + event.getClass().getSimpleName() + " " + event.eventId() + " rejected: "
                + e.getMessage()));
        continue;
      }
      if (record || listener != Replay.DecisionListener.NONE) {
        ReplayDecision decided = new ReplayDecision(sequence, lane.name(), event, decision);
        if (record) {
          decisions.add(decided);
        }
        listener.decided(decided);
      }
    }
  }

  private void report(ReplayProblem problem) {
    problems.add(problem);
    if (failFast) {
      throw new ReplayAbortedException(problem);
    }
  }
}
