package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.line;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Programme;

/**
 * Session reuse carries nothing from one decision to the next: decisions made on one engine by
 * several threads at once, with reloads between rounds, rules that fail, rules that run away and
 * rules that stash state in working memory, equal the decisions of a new session each time.
 */
class SessionReuseProperties {
  /** Hostile and misbehaving rules, compiled without the compiled-code check (it refuses {@code insert}). */
  static final String HOSTILE = """
      // reuse-hostile: rules that try to carry state from one decision to the next, fail or run away.
      // Facts read: OrderFact, LineFact. Facts emitted: Stash, HeldCollector (declared here).
      package org.loyaltyrules.loyalty.rules.reuse;

      import org.loyaltyrules.loyalty.rules.facts.OrderFact;
      import org.loyaltyrules.loyalty.rules.facts.LineFact;
      import org.loyaltyrules.loyalty.rules.facts.Decisions;

      global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

      declare Stash
          orderId : String
      end

      declare HeldCollector
          orderId : String
          collector : Decisions
      end

      rule "reuse: stash the order and the collector in working memory"
      when
          $order : OrderFact()
      then
          insert(new Stash($order.getId()));
          insert(new HeldCollector($order.getId(), decisions));
      end

      rule "reuse: a stash of another decision is seen"
      when
          $order : OrderFact()
          $stash : Stash( orderId != $order.id )
      then
          decisions.notice("leak: saw the stash of order " + $stash.getOrderId());
      end

      rule "reuse: a collector of another decision is seen"
      when
          $order : OrderFact()
          $held : HeldCollector( orderId != $order.id )
      then
          decisions.notice("leak: saw the collector of order " + $held.getOrderId());
          $held.getCollector().notice("leak: written into an earlier decision's collector");
      end

      rule "reuse: a consequence that fails"
      when
          // Only this test's orders: the reload's trial generates orders with the rules' SKUs.
          $line : LineFact( sku == "FAIL", orderId str[startsWith] "o-" )
      then
          decisions.bonus("fail", 1 / ($line.getQuantity() - 1), "a division by zero");
      end

      rule "reuse: fire for every triple of lines"
      when
          $line : LineFact( sku == "LOOP", orderId str[startsWith] "o-" )
          LineFact()
          LineFact()
          LineFact()
      then
          if ($line.getQuantity() < 0) {
              decisions.notice("never: firings without outputs");
          }
      end
      """;
  private static final Programme PROGRAMME = Fixtures.taiwan();
  private static final List<String> TIERS = List.of("member", "silver", "gold");
  private static final int THREADS = 3;

  private static RuleBase[] pooled;
  private static LoyaltyRulesEngine[] reference;
  private static ExecutorService threads;

  @BeforeContainer
  static void compile() {
    RuleBase hostile = Fixtures.defaultsWithUncheckedCode("reuse-hostile.drl", HOSTILE);
    pooled = new RuleBase[] {Fixtures.defaults(), hostile};
    reference = new LoyaltyRulesEngine[pooled.length];
    for (int i = 0; i < pooled.length; i++) {
      reference[i] = LoyaltyRulesEngine.builder(PROGRAMME).ruleBase(pooled[i]).freshSessionsForTests().build();
    }
    threads = Executors.newFixedThreadPool(THREADS);
  }

  @AfterContainer
  static void stop() {
    if (threads != null) {
      threads.shutdownNow();
    }
  }

  /** What an order looks like to the misbehaving rules. */
  enum Shape { PLAIN, FAILS, RUNS_AWAY }

  /** One decision: a member (by tier and earlier order) and an order. */
  record Step(int member, String tier, boolean earlierOrder, Shape shape, int lines, int amount) {}

  /** Steps decided together on several threads on one rule base; {@code base} picks it. */
  record Round(int base, List<Step> steps) {}

  @Provide
  Arbitrary<List<Round>> rounds() {
    Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.of(TIERS),
        Arbitraries.of(true, false), Arbitraries.of(Shape.PLAIN, Shape.PLAIN, Shape.PLAIN, Shape.FAILS, Shape.RUNS_AWAY),
        Arbitraries.integers().between(1, 6), Arbitraries.integers().between(0, 3_000)).as(Step::new);
    Arbitrary<Round> round = Combinators.combine(Arbitraries.integers().between(0, 1), step.list().ofMinSize(1).ofMaxSize(24))
        .as(Round::new);
    return round.list().ofMinSize(1).ofMaxSize(5);
  }

  private static Order order(String id, String memberId, Step step) {
    List<OrderLine> lines = new ArrayList<>();
    String first = switch (step.shape()) {
      case PLAIN -> "SKU-1";
      case FAILS -> "FAIL";
      case RUNS_AWAY -> "LOOP";
    };
    // A runaway needs enough lines: 25 lines fire 15,625 times, past 10,000 + 10 per fact.
    int count = step.shape() == Shape.RUNS_AWAY ? 25 : step.lines();
    for (int i = 0; i < count; i++) {
      lines.add(line("l" + i, i == 0 ? first : "SKU-" + (i % 3), i % 2 == 0 ? "apparel" : "tea", 1 + i % 2,
          String.valueOf(step.amount() + 10 * i)));
    }
    return Order.of(id, memberId, taipei("2025-11-11T10:00").plus(Duration.ofMinutes(step.member())),
        Channel.ONLINE_STORE, lines);
  }

  /** The decision as compared: the decision itself, or the failure's class and message. */
  private static Object decide(LoyaltyRulesEngine engine, String id, Step step) {
    String memberId = "m-" + step.member();
    Member member = Member.of(memberId, taipei("2025-01-01T00:00"), step.tier());
    PointLedger ledger = PROGRAMME.newLedger(memberId);
    if (step.earlierOrder()) {
      // Decided by the reference, so an earlier order makes the same ledger whichever engine decides next.
      Order earlier = Fixtures.order("earlier-" + id, memberId, taipei("2025-06-01T10:00"), "1200");
      List<LedgerEntry> entries = reference[0].decide(new LoyaltyEvent.OrderPaid(earlier),
          DecisionContext.of(member, ledger)).entries();
      ledger.appendAll(entries);
    }
    try {
      return engine.decide(new LoyaltyEvent.OrderPaid(order(id, memberId, step)), DecisionContext.of(member, ledger));
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  @Property(tries = 30)
  void reusedSessions_decideAsFreshSessions_acrossThreadsReloadsFailuresAndStashes(
      @ForAll("rounds") List<Round> rounds) throws Exception {
    // given: one engine, reloaded between rounds as the rounds say
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(PROGRAMME).ruleBase(pooled[rounds.get(0).base()]).build();
    List<Object> actual = new ArrayList<>();
    List<Object> expected = new ArrayList<>();
    for (int r = 0; r < rounds.size(); r++) {
      Round round = rounds.get(r);
      if (r > 0) {
        engine.reload(pooled[round.base()], PROGRAMME);
      }

      // when: the round's steps decided on several threads at once
      int idle = pooled[round.base()].sessionPool().idle();
      long reused = pooled[round.base()].sessionPool().reusedCount();
      List<Future<Object>> futures = new ArrayList<>();
      for (int s = 0; s < round.steps().size(); s++) {
        String id = "o-" + r + "-" + s;
        Step step = round.steps().get(s);
        futures.add(threads.submit(() -> decide(engine, id, step)));
      }
      for (Future<Object> future : futures) {
        actual.add(future.get());
      }
      if (idle > 0) {
        assertThat(pooled[round.base()].sessionPool().reusedCount())
            .as("a session was idle, so the round reused one: the comparison tests reuse").isGreaterThan(reused);
      }
      for (int s = 0; s < round.steps().size(); s++) {
        expected.add(decide(reference[round.base()], "o-" + r + "-" + s, round.steps().get(s)));
      }
    }

    // then: equal to a fresh session each time, and no decision saw another's stash
    assertThat(actual).isEqualTo(expected);
    assertThat(actual).noneMatch(d -> String.valueOf(d).contains("leak:"));
  }
}
