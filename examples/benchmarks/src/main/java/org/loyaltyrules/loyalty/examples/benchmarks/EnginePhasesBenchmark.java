package org.loyaltyrules.loyalty.examples.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.facts.CampaignFact;
import org.loyaltyrules.loyalty.rules.facts.Decisions;
import org.loyaltyrules.loyalty.rules.profiling.EnginePhases;
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
 * Where an engine decision's time goes: the engine's own phases run one by one on the same orders
 * ({@link EnginePhases}: the facts it inserts, the rules fired on a session from its pool or on a
 * new one), beside the whole decision. Nothing of the engine is re-enacted here. The accounting
 * after the rules fired is {@code decide − buildFacts − fire}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class EnginePhasesBenchmark {
  /** The calendar size. */
  @Param({"10", "10000"})
  public int campaigns;

  private Scenario scenario;
  private Programme programme;
  private KieBase kieBase;
  private EnginePhases phases;
  /** Per case: the facts the engine inserts. */
  private List<List<Object>> facts;

  /** Builds the scenario and precomputes every order's facts. */
  @Setup(Level.Trial)
  public void setUp() {
    scenario = Scenario.of(campaigns);
    programme = scenario.programme();
    kieBase = scenario.engine().ruleBase().kieBase();
    phases = new EnginePhases(scenario.engine().ruleBase(), programme);
    facts = new ArrayList<>();
    long campaignFacts = 0;
    for (Workload.Case c : scenario.cases()) {
      List<Object> all = phases.orderFacts(c.order(), c.context());
      facts.add(all);
      campaignFacts += all.stream().filter(f -> f instanceof CampaignFact).count();
    }
    System.out.printf(java.util.Locale.ROOT, "%n[phases] %d campaigns: %.1f campaign facts per order%n",
        campaigns, (double) campaignFacts / facts.size());
  }

  private int next;

  private int nextIndex() {
    int i = next;
    next = i + 1 == facts.size() ? 0 : i + 1;
    return i;
  }

  /** @return the whole engine decision (the reference) */
  @Benchmark
  public Decision decide() {
    Workload.Case c = scenario.cases()[nextIndex()];
    return scenario.engine().decide(c.event(), c.context());
  }

  /** @return the facts of one order, built by the engine's fact builder */
  @Benchmark
  public List<Object> buildFacts() {
    Workload.Case c = scenario.cases()[nextIndex()];
    return phases.orderFacts(c.order(), c.context());
  }

  /** @return the campaign index lookup alone (with the order's date, SKUs and categories) */
  @Benchmark
  public List<Campaign> campaignIndex() {
    Workload.Case c = scenario.cases()[nextIndex()];
    Member member = c.context().member().member();
    return phases.activeCampaigns(c.order(), member.tierCode(), false);
  }

  /** @return a new session, disposed at once */
  @Benchmark
  public KieSession sessionOnly() {
    KieSession session = kieBase.newKieSession();
    session.dispose();
    return session;
  }

  /** @return the rules fired as the engine fires them: a session from the rule base's pool */
  @Benchmark
  public Decisions.Recorder fire() {
    return phases.fire(facts.get(nextIndex()));
  }

  /** @return the same on a new session per order (the engine before session reuse) */
  @Benchmark
  public Decisions.Recorder fireOnNewSession() {
    return phases.fireOnNewSession(facts.get(nextIndex()));
  }
}
