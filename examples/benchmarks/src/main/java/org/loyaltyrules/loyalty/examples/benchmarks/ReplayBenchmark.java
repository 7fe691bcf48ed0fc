package org.loyaltyrules.loyalty.examples.benchmarks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;
import org.loyaltyrules.loyalty.rules.Programmes;
import org.loyaltyrules.loyalty.rules.RuleBase;
import org.loyaltyrules.loyalty.rules.replay.Replay;
import org.loyaltyrules.loyalty.rules.replay.ReplayResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Item 7: the library replay ({@link Replay}) over a seeded year of events: {@value #MEMBERS}
 * members in referral families, their enrolments, {@value #ORDERS} paid orders of the {@link
 * Workload} mix in time order, and a return of one unit for every tenth order, through the default
 * rules on 1 and 2 threads. Events per second = events / the time per replay.
 *
 * <p>This measures deciding and ledger accounting only. Reading a file is the caller's part: the
 * merchant CLI's end-to-end replay of the Online Retail data set is timed with {@code time java -jar
 * merchant-cli.jar replay …} (see docs/performance.md), not here, because examples do not share
 * code and a copy of the CLI's reader here would drift from it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ReplayBenchmark {
  /** Members in the replay. */
  public static final int MEMBERS = 2_000;
  /** Paid orders in the replay. */
  public static final int ORDERS = 20_000;

  /** Partitions deciding in parallel. */
  @Param({"1", "2"})
  public int threads;

  private Replay replay;
  private List<LoyaltyEvent> events;

  /** Builds the engine, the members and the events (not timed). */
  @Setup(Level.Trial)
  public void setUp() {
    Programme programme = Programmes.taiwan(Workload.defaultCampaigns());
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(programme).ruleBase(RuleBase.defaults()).build();
    List<Member> members = members(new Random(Scenario.SEED));
    events = events(members, new Workload(Scenario.SEED), new Random(Scenario.SEED + 1));
    replay = Replay.builder().lane("default", engine).members(members).threads(threads).build();
  }

  /** @return the replay's result */
  @Benchmark
  public ReplayResult replayYear() {
    return replay.run(events);
  }

  /** Members enrolled over January; about a third referred by an earlier member. */
  static List<Member> members(Random random) {
    List<Member> members = new ArrayList<>(MEMBERS);
    Instant january = LocalDate.of(Workload.YEAR, 1, 1).atStartOfDay(Workload.TAIPEI).toInstant();
    for (int i = 0; i < MEMBERS; i++) {
      Member member = Member.of("m" + i, january.plusSeconds(i * 1_000L), "member");
      if (i > 0 && random.nextInt(3) == 0) {
        member = member.withReferrer("m" + random.nextInt(i));
      }
      members.add(member);
    }
    return members;
  }

  /** Enrolments, then orders spread over February to December in time order, each tenth returned a day later. */
  static List<LoyaltyEvent> events(List<Member> members, Workload workload, Random random) {
    List<LoyaltyEvent> events = new ArrayList<>();
    for (Member m : members) {
      events.add(new LoyaltyEvent.MemberEnrolled("enrol-" + m.id(), m.id(), m.enrolledAt()));
    }
    Instant start = LocalDate.of(Workload.YEAR, 2, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    long step = 300 * 86_400L / ORDERS;
    List<LoyaltyEvent.OrderReturned> returns = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      Instant at = start.plusSeconds(i * step);
      while (!returns.isEmpty() && !returns.get(0).occurredAt().isAfter(at)) {
        events.add(returns.remove(0));
      }
      Order order = workload.order("o" + i, members.get(random.nextInt(MEMBERS)).id(), at);
      events.add(new LoyaltyEvent.OrderPaid(order));
      if (i % 10 == 0) {
        returns.add(LoyaltyEvent.OrderReturned.of("r" + i, order,
            List.of(new LoyaltyEvent.ReturnedLine(order.lines().get(0).lineId(), 1)), at.plusSeconds(86_400)));
      }
    }
    events.addAll(returns);
    return events;
  }
}
