package org.loyaltyrules.loyalty.rules.replay;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.internal.Checks;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;

/**
 * Replays a time-ordered stream of events through one or more rule sets ("lanes") against
 * in-memory ledgers: "what would these rules have done to last year's orders".
 *
 * <pre>{@code
 * Replay replay = Replay.builder()
 *     .lane("current", engine)
 *     .members(members)              // known in advance: tier, birthday, referrer
 *     .threads(4)
 *     .build();
 * ReplayResult result = replay.run(events);   // oldest first
 * PointLedger ledger = result.lane().accounts().get("m-1").ledger();
 * }</pre>
 *
 * <p><b>Members.</b> A listed member has an empty ledger from the start; their {@link
 * LoyaltyEvent.MemberEnrolled} is an event like any other. A {@code MemberEnrolled} for a member not
 * listed opens their account in the entry tier. Any other event for a member with no account is
 * reported as {@link ReplayProblem#UNKNOWN_MEMBER} and decided nowhere.
 *
 * <p><b>Partitions.</b> Members are grouped into referral families (everyone connected by referrer
 * links), because a referral bonus writes to an upline's ledger. Families are spread over {@link
 * Builder#threads} partitions; each partition decides its events in stream order on its own thread,
 * and the partitions' lanes are merged in a fixed order at the end, so the result is the same for
 * any thread count. The submitting thread only routes events, so it can read input meanwhile.
 *
 * <p><b>Periodic jobs.</b> With {@link Builder#reviews(ReviewSchedule)} the replay also runs what
 * a running shop runs on a schedule: at each boundary after the first event (the first of a month or
 * a year, 00:00 in the programme's zone) every member enrolled by then gets an expiry run and a tier
 * review as of that instant, before the first event dated at or after it, so a year of history ends
 * in the tiers and balances the shop would have. Their ids derive from the boundary's date and the
 * member ({@code expiry-run/2011-01-01/m-1}), their problems carry the position of the event they
 * precede, and a boundary after the last event is not run. Default {@link ReviewSchedule#NONE}: the
 * events given are all that is decided.
 *
 * <p><b>Problems.</b> An event the engine rejects is reported ({@link ReplayProblem#ENGINE_ERROR})
 * and changes nothing; with {@link OnError#FAIL} the run stops at the first problem instead (on one
 * thread, so it is the first in stream order) with {@link ReplayAbortedException}.
 *
 * <p>A {@code Replay} holds only its engines and settings: each run starts from empty ledgers, so
 * one instance can run many times, also concurrently. This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Replay {

  /** What to do with an event a lane cannot decide. */
  public enum OnError {
    /** Report it and go on. */
    SKIP,
    /** Stop the run ({@link ReplayAbortedException}); the run uses one thread. */
    FAIL
  }

  /** Receives each decision as it is made, for streaming results out instead of keeping them. */
  @FunctionalInterface
  public interface DecisionListener {
    /**
     * Called on the thread of the partition that decided, after the decision was appended. Calls
     * for one referral family come in stream order; calls for different families may interleave.
     *
     * @param decision the decision, its event and lane
     */
    void decided(ReplayDecision decision);

    /** Receives nothing. */
    DecisionListener NONE = decision -> {};
  }

  private final List<String> names;
  private final List<LoyaltyRulesEngine> engines;
  private final List<Programme> programmes;
  private final List<Member> members;
  private final ReferralFamilies families;
  private final OnError onError;
  private final DecisionListener listener;
  private final boolean recordDecisions;
  private final ReviewSchedule reviews;
  /** The most partitions a replay runs in parallel. */
  public static final int MAX_THREADS = 1024;

  private final int threads;

  private Replay(Builder b) {
    this.names = List.copyOf(b.names);
    this.engines = List.copyOf(b.engines);
    this.programmes = engines.stream().map(LoyaltyRulesEngine::programme).toList();
    this.members = List.copyOf(b.members);
    this.families = new ReferralFamilies(members);
    this.onError = b.onError;
    this.listener = b.listener;
    this.recordDecisions = b.recordDecisions;
    this.reviews = b.reviews;
    this.threads = onError == OnError.FAIL ? 1 : b.threads;
  }

  /** {@return a builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the first lane's programme; its currency and zone are every lane's} */
  public Programme programme() {
    return programmes.get(0);
  }

  /** {@return the members known in advance, as given} */
  public List<Member> members() {
    return members;
  }

  /** {@return what a run does with an event a lane cannot decide} */
  public OnError onError() {
    return onError;
  }

  /** {@return the schedule of tier reviews and expiry runs a run adds to the events} */
  public ReviewSchedule reviews() {
    return reviews;
  }

  /** {@return how many partitions a run uses (one with {@link OnError#FAIL})} */
  public int threads() {
    return threads;
  }

  /**
   * Replays events, oldest first.
   *
   * @param events the events in time order
   * @return what every lane decided
   * @throws ReplayAbortedException with {@link OnError#FAIL}, at the first problem
   * @throws InvalidValueException if {@code events} or one of them is null (the events before it
   *     were decided; the run's ledgers are discarded)
   */
  public ReplayResult run(Iterable<? extends LoyaltyEvent> events) {
    Checks.present("replay", "events", events);
    try (Session session = start()) {
      for (LoyaltyEvent event : events) {
        session.submit(event);
      }
      return session.finish();
    }
  }

  /**
   * Starts a run fed one event at a time, for input too large to hold: submit the events oldest
   * first, then {@link Session#finish()}. Close the session (try-with-resources) so a run that fails
   * half-way stops its threads.
   *
   * @return the running session
   */
  public Session start() {
    return new Session();
  }

  /** One run in progress. Submit from one thread; not thread-safe. */
  public final class Session implements AutoCloseable {
    private final long started = System.nanoTime();
    private final Partition[] partitions;
    private long sequence;
    private boolean done;
    /** The next schedule boundary; null before the first event and when there is none. */
    private Instant nextBoundary;

    private Session() {
      partitions = new Partition[threads];
      for (int i = 0; i < threads; i++) {
        partitions[i] = new Partition(i, threads > 1, names, engines, programmes, reviews, listener,
            recordDecisions, onError == OnError.FAIL);
      }
      for (Member member : members) {
        partitions[families.partition(member.id(), threads)].register(member);
      }
      for (Partition p : partitions) {
        p.start();
      }
    }

    /**
     * Hands one event to the partition of its member's referral family.
     *
     * @param event the next event in time order
     * @return its 0-based position in the stream, as problems and decisions name it
     * @throws ReplayAbortedException with {@link OnError#FAIL}, when the event could not be decided
     * @throws InvalidValueException if {@code event} is null or the session has finished
     */
    public long submit(LoyaltyEvent event) {
      Checks.present("replay session", "event [" + sequence + "]", event);
      if (done) {
        throw new InvalidValueException("replay session", "state", "finished", "submit before finish()");
      }
      long at = sequence;
      schedule(at, event.occurredAt());
      sequence++;
      partitions[families.partition(event.memberId(), partitions.length)].submit(at, event);
      return at;
    }

    /** Runs, in every partition, the jobs of each boundary up to {@code until} not yet run. */
    private void schedule(long at, Instant until) {
      if (reviews == ReviewSchedule.NONE) {
        return;
      }
      if (at == 0) {
        nextBoundary = reviews.next(until, programme().zone()).orElse(null);
        return;
      }
      while (nextBoundary != null && !until.isBefore(nextBoundary)) {
        for (Partition p : partitions) {
          p.scheduled(at, nextBoundary);
        }
        nextBoundary = reviews.next(nextBoundary, programme().zone()).orElse(null);
      }
    }

    /**
     * Waits for every partition and merges them, partition by partition in index order.
     *
     * @return the result
     */
    public ReplayResult finish() {
      done = true;
      for (Partition p : partitions) {
        p.close();
      }
      for (Partition p : partitions) {
        p.await();
      }
      List<Lane> lanes = new ArrayList<>();
      for (int l = 0; l < engines.size(); l++) {
        lanes.add(new Lane(names.get(l), engines.get(l), programmes.get(l), reviews, true));
      }
      List<ReplayProblem> problems = new ArrayList<>();
      List<ReplayDecision> decisions = new ArrayList<>();
      for (Partition p : partitions) {
        for (int l = 0; l < lanes.size(); l++) {
          lanes.get(l).absorb(p.lanes.get(l));
        }
        problems.addAll(p.problems);
        decisions.addAll(p.decisions);
      }
      // Stable sorts: within one event, a partition already holds its lanes in lane order.
      problems.sort(Comparator.comparingLong(ReplayProblem::sequence));
      decisions.sort(Comparator.comparingLong(ReplayDecision::sequence));
      return new ReplayResult(lanes, problems, decisions, sequence, System.nanoTime() - started);
    }

    /** Stops the partitions if the run did not finish (a failure half-way). */
    @Override
    public void close() {
      if (!done) {
        done = true;
        for (Partition p : partitions) {
          p.abort();
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
    private DecisionListener listener = DecisionListener.NONE;
    private boolean recordDecisions;
    private ReviewSchedule reviews = ReviewSchedule.NONE;
    private int threads = Math.min(Runtime.getRuntime().availableProcessors(), MAX_THREADS);

    private Builder() {}

    /**
     * Adds a rule set to replay through. Every lane must use the same currency and zone.
     *
     * @param name the lane's name in reports
     * @param engine its engine, built once (its programme is read now)
     * @return this builder
     * @throws InvalidValueException if {@code name} is blank or null, {@code engine} is null, or its
     *     currency or zone differs from the first lane's
     */
    public Builder lane(String name, LoyaltyRulesEngine engine) {
      Checks.nonBlank("replay lane", "name", name);
      Checks.present("replay lane", name + ".engine", engine);
      if (!engines.isEmpty()) {
        Programme first = engines.get(0).programme();
        Programme p = engine.programme();
        if (!first.currency().equals(p.currency()) || !first.zone().equals(p.zone())) {
          throw new InvalidValueException("replay lane", name + ".programme", p.currency() + "/" + p.zone(),
              first.currency() + "/" + first.zone() + " as lane " + names.get(0));
        }
      }
      names.add(name);
      engines.add(engine);
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param members members known before the replay (enrolment, tier, birthday, referrer); added to
     *     any given before
     * @throws InvalidValueException if {@code members} or one of them is null (nothing is added)
     */
    public Builder members(List<Member> members) {
      this.members.addAll(Checks.elements("replay", "members", members));
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param threads how many partitions decide in parallel (default: the available processors);
     *     the result is the same for any count
     * @throws InvalidValueException if below 1 or above {@value #MAX_THREADS}
     */
    public Builder threads(int threads) {
      if (threads < 1 || threads > MAX_THREADS) {
        // Each partition holds its own engines and thread: an unbounded count exhausts memory.
        throw new InvalidValueException("replay", "threads", threads, "1 to " + MAX_THREADS);
      }
      this.threads = threads;
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param onError what to do with an event a lane cannot decide (default {@link OnError#SKIP})
     * @throws InvalidValueException if {@code onError} is null
     */
    public Builder onError(OnError onError) {
      this.onError = Checks.present("replay", "onError", onError);
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param listener receives every decision as it is made (default none)
     * @throws InvalidValueException if {@code listener} is null
     */
    public Builder listener(DecisionListener listener) {
      this.listener = Checks.present("replay", "listener", listener);
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param record whether the result keeps every decision (default false: a year of orders makes
     *     many; use a {@link DecisionListener} to stream them instead)
     */
    public Builder recordDecisions(boolean record) {
      this.recordDecisions = record;
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param reviews when to run tier reviews and expiry runs for every member (default {@link
     *     ReviewSchedule#NONE}; {@link ReviewSchedule#defaultFor(Programme)} is what the programme's
     *     shop would run)
     * @throws InvalidValueException if {@code reviews} is null
     */
    public Builder reviews(ReviewSchedule reviews) {
      this.reviews = Checks.present("replay", "reviews", reviews);
      return this;
    }

    /**
     * {@return the replay}
     *
     * @throws InvalidValueException if no lane was added
     */
    public Replay build() {
      if (engines.isEmpty()) {
        throw new InvalidValueException("replay", "lanes", 0, "at least one lane");
      }
      return new Replay(this);
    }
  }
}
