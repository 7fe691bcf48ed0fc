package org.loyaltyrules.loyalty.examples.benchmarks;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Tier;
import org.loyaltyrules.loyalty.rules.RuleBase;
import org.loyaltyrules.loyalty.rules.facts.CampaignFact;
import org.loyaltyrules.loyalty.rules.facts.Decisions;
import org.loyaltyrules.loyalty.rules.facts.EventFact;
import org.loyaltyrules.loyalty.rules.facts.LineFact;
import org.loyaltyrules.loyalty.rules.facts.MemberFact;
import org.loyaltyrules.loyalty.rules.facts.OrderFact;
import org.loyaltyrules.loyalty.rules.facts.TierFact;
import org.loyaltyrules.loyalty.rules.internal.CampaignIndex;
import org.loyaltyrules.loyalty.rules.internal.EvaluationBound;
import org.loyaltyrules.loyalty.rules.internal.SessionPool;
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
 * Where an engine decision's time goes: the engine's phases re-enacted one by one on the same
 * orders (fact building as {@code Evaluator.orderPaid} does it, the session life cycle of
 * {@code Evaluator.fire}), a new session against the engine's {@link SessionPool}, and no listener. Campaign facts are those the engine inserts: active on the order's date and, when
 * targeted, naming a SKU or category of one of its lines. Each phase runs on
 * the engine's own {@link KieBase} and {@link CampaignIndex}. The accounting after the rules
 * fired is {@code decide − facts − fire}.
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

  /** The engine's default output bound. */
  private static final EvaluationBound OUTPUTS = new EvaluationBound(10_000, 10);

  /** Attributes outputs to rules, as the engine's listener does (one per session). */
  private static final class Attribution extends DefaultAgendaEventListener {
    private final Decisions.Recorder recorder;

    Attribution(Decisions.Recorder recorder) {
      this.recorder = recorder;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
      recorder.enterRule(event.getMatch().getRule().getName());
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
      recorder.leaveRule();
    }
  }

  private Scenario scenario;
  private Programme programme;
  private KieBase kieBase;
  private CampaignIndex index;
  private SessionPool pool;
  /** Per case: the facts the engine inserts. */
  private List<List<Object>> facts;
  private long campaignFacts;

  /** Builds the scenario and precomputes every order's facts. */
  @Setup(Level.Trial)
  public void setUp() {
    scenario = Scenario.of(campaigns);
    programme = scenario.programme();
    kieBase = scenario.engine().ruleBase().kieBase();
    index = new CampaignIndex(programme.campaigns());
    pool = scenario.engine().ruleBase().sessionPool();
    facts = new ArrayList<>();
    for (Workload.Case c : scenario.cases()) {
      List<Object> all = facts(c);
      facts.add(all);
      campaignFacts += all.stream().filter(f -> f instanceof CampaignFact).count();
    }
    System.out.printf(java.util.Locale.ROOT, "%n[phases] %d campaigns: %.1f campaign facts per order%n",
        campaigns, (double) campaignFacts / facts.size());
  }

  /** The facts {@code Evaluator.orderPaid} inserts for one order. */
  private List<Object> facts(Workload.Case c) {
    Order order = c.order();
    Member member = c.context().member().member();
    PointLedger ledger = c.context().member().ledger();
    Tier tier = programme.tiers().byCode(member.tierCode());
    Instant at = order.paidAt();
    LocalDate date = at.atZone(programme.zone()).toLocalDate();
    boolean birthdayMonth = member.birthday().map(b -> b.getMonth() == date.getMonth()).orElse(false);
    Map<String, Money> nets = order.netAfterOrderDiscount();
    List<Object> result = new ArrayList<>();
    List<LineFact> lines = new ArrayList<>();
    Set<String> skus = new HashSet<>();
    Set<String> categories = new HashSet<>();
    BigDecimal spend = BigDecimal.ZERO;
    for (OrderLine line : order.lines()) {
      if (programme.isInEarningBase(line)) {
        BigDecimal net = nets.get(line.lineId()).amount();
        lines.add(new LineFact(order.id(), line.lineId(), line.sku(), line.category(), line.quantity(), net));
        skus.add(line.sku());
        categories.add(line.category());
        spend = spend.add(net);
      }
    }
    boolean firstOrder = spend.signum() > 0 && ledger.firstQualifyingOrder().isEmpty();
    result.add(new EventFact("ORDER_PAID", order.id(), date));
    result.add(new MemberFact(member.id(), tier.code(), tier.rank(), birthdayMonth,
        member.enrolledAt().atZone(programme.zone()).toLocalDate(), member.tags(), member.referrerId().isPresent()));
    result.add(new OrderFact(order.id(), order.channel().code(), date, spend, order.currency().getCurrencyCode(),
        order.lines().size(), firstOrder));
    result.addAll(lines);
    for (Campaign campaign : index.activeForOrder(date, order.channel(), tier.code(), birthdayMonth, skus, categories)) {
      if (campaign.kind() == Campaign.Kind.MULTIPLIER && campaign.minSpend().isPresent()
          && campaign.minSpend().get().amount().compareTo(spend) > 0) {
        continue;
      }
      result.add(new CampaignFact(campaign.id(), campaign.name(), campaign.kind().name(), campaign.multiplier(),
          campaign.bonus().value(), campaign.skus(), campaign.categories(),
          campaign.minSpend().map(Money::amount).orElse(BigDecimal.ZERO)));
    }
    result.addAll(tierFacts(ledger, at, spend));
    return result;
  }

  private List<TierFact> tierFacts(PointLedger ledger, Instant at, BigDecimal extraSpend) {
    List<TierFact> result = new ArrayList<>();
    for (Tier tier : programme.tiers().tiers()) {
      Instant from = at.atZone(programme.zone()).minus(tier.window()).toInstant();
      BigDecimal spend = ledger.qualifyingSpend(from, at, programme.currency()).amount().add(extraSpend);
      result.add(new TierFact(tier.code(), tier.rank(), tier.threshold().amount(), spend));
    }
    return result;
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

  /** @return the facts of one order, built as the engine builds them */
  @Benchmark
  public List<Object> buildFacts() {
    return facts(scenario.cases()[nextIndex()]);
  }

  /** @return the campaign index lookup alone */
  @Benchmark
  public List<Campaign> campaignIndex() {
    Workload.Case c = scenario.cases()[nextIndex()];
    Member member = c.context().member().member();
    LocalDate date = c.order().paidAt().atZone(programme.zone()).toLocalDate();
    Set<String> skus = new HashSet<>();
    Set<String> categories = new HashSet<>();
    for (OrderLine line : c.order().lines()) {
      skus.add(line.sku());
      categories.add(line.category());
    }
    return index.activeForOrder(date, c.order().channel(), member.tierCode(), false, skus, categories);
  }

  /** @return the tier facts alone: one qualifying-spend scan of the ledger per tier */
  @Benchmark
  public List<TierFact> tierFacts() {
    Workload.Case c = scenario.cases()[nextIndex()];
    return tierFacts(c.context().member().ledger(), c.order().paidAt(), BigDecimal.ZERO);
  }

  /** @return a new session, disposed at once */
  @Benchmark
  public KieSession sessionOnly() {
    KieSession session = kieBase.newKieSession();
    session.dispose();
    return session;
  }

  /**
   * @return the session life cycle of one evaluation: collector (with the identity set of its
   *     facts), new session, global, listener, inserts, fire, dispose
   */
  @Benchmark
  public Decisions.Recorder fire() {
    return fire(facts.get(nextIndex()), true);
  }

  /** @return the same without the attribution listener */
  @Benchmark
  public Decisions.Recorder fireNoListener() {
    return fire(facts.get(nextIndex()), false);
  }

  /** @return the same on a session borrowed from the engine's own pool (reset and given back) */
  @Benchmark
  public Decisions.Recorder firePooled() {
    List<Object> orderFacts = facts.get(nextIndex());
    Decisions.Recorder out = Decisions.record(orderFacts, OUTPUTS);
    KieSession session = pool.borrow();
    session.setGlobal(RuleBase.OUTPUT_GLOBAL, out.decisions());
    session.addEventListener(new Attribution(out));
    for (Object fact : orderFacts) {
      session.insert(fact);
    }
    session.fireAllRules(10_001);
    pool.giveBack(session);
    return out;
  }

  private Decisions.Recorder fire(List<Object> orderFacts, boolean listener) {
    Decisions.Recorder out = Decisions.record(orderFacts, OUTPUTS);
    KieSession session = kieBase.newKieSession();
    try {
      session.setGlobal(RuleBase.OUTPUT_GLOBAL, out.decisions());
      if (listener) {
        session.addEventListener(new Attribution(out));
      }
      for (Object fact : orderFacts) {
        session.insert(fact);
      }
      session.fireAllRules(10_001);
      return out;
    } finally {
      session.dispose();
    }
  }
}
