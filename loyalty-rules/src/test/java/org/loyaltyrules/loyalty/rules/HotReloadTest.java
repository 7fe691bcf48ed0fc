package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.Programme;

/**
 * Hot reload under load: evaluations on four threads while rule sets are swapped, and no leak of
 * rule bases across many build-and-swap cycles. Everything here counts outcomes; nothing is timed.
 */
class HotReloadTest {
  private static final Programme PROGRAMME = Programmes.taiwan(List.of());
  private static RuleBase defaults;
  private static RuleBase doubled;

  @BeforeAll
  static void compileRuleSets() {
    defaults = RuleBase.defaults();
    List<RuleSource> sources = new ArrayList<>();
    for (RuleSource source : RuleBase.defaultSources()) {
      sources.add(source.name().equals("earning.drl")
          ? new RuleSource(source.name(), source.content().replace("decisions.baseRate($line, 1, 100);",
              "decisions.baseRate($line, 2, 100);"), true)
          : source);
    }
    doubled = RuleBase.compile(sources);
  }

  private static List<RuleSource> broken() {
    List<RuleSource> sources = new ArrayList<>(RuleBase.defaultSources());
    sources.add(RuleSource.of("broken.drl", "package org.example;\nrule \"broken: no end\"\nwhen\nthen\n"));
    return sources;
  }

  private static Order order(int n) {
    return Order.of("o-" + n, "m-1", Instant.parse("2025-03-04T05:00:00Z"), Channel.POS,
        List.of(OrderLine.of("l1", "SKU-" + (n % 7), "tea", 1 + n % 3, Money.of("1000", "TWD"))));
  }

  @Test
  void reload_underLoad_noFailedOrMixedDecisions_versionChangesOnlyOnValidReloads() throws Exception {
    // given
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(PROGRAMME).ruleBase(defaults).build();
    String versionA = engine.ruleBaseVersion();
    String versionB = engine.reload(doubled);
    engine.reload(defaults);
    Member member = Member.of("m-1", Instant.parse("2024-01-01T00:00:00Z"), "member");
    int threads = 4;
    int perThread = 5_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger failures = new AtomicInteger();
    AtomicInteger mixed = new AtomicInteger();
    Set<String> seen = ConcurrentHashMap.newKeySet();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      futures.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < perThread; i++) {
          try {
            Order order = order(thread * perThread + i);
            Decision d = engine.decide(new LoyaltyEvent.OrderPaid(order),
                DecisionContext.of(member, PROGRAMME.newLedger("m-1")));
            seen.add(d.ruleBaseVersion());
            long base = order.lines().get(0).quantity() * 10L;
            boolean consistent = d.ruleBaseVersion().equals(versionA) && d.pointsFor("m-1").value() == base
                || d.ruleBaseVersion().equals(versionB) && d.pointsFor("m-1").value() == 2 * base;
            for (LedgerEntry e : d.entries()) {
              consistent &= e.provenance().ruleBaseVersion().equals(d.ruleBaseVersion());
            }
            if (!consistent) {
              mixed.incrementAndGet();
            }
          } catch (RuntimeException e) {
            failures.incrementAndGet();
          }
        }
        return null;
      }));
    }

    // when: 50 reloads alternate valid and invalid rule sets while the threads evaluate
    start.countDown();
    List<String> activeAfterEachReload = new ArrayList<>();
    int rejected = 0;
    for (int r = 0; r < 50; r++) {
      if (r % 2 == 0) {
        engine.reload(r % 4 == 0 ? doubled : defaults);
      } else {
        String before = engine.ruleBaseVersion();
        try {
          engine.reload(RuleBase.compile(broken()));
        } catch (RuleFileException e) {
          rejected++;
        }
        assertThat(engine.ruleBaseVersion()).isEqualTo(before);
      }
      activeAfterEachReload.add(engine.ruleBaseVersion());
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();

    // then
    assertThat(failures).hasValue(0);
    assertThat(mixed).hasValue(0);
    assertThat(rejected).isEqualTo(25);
    assertThat(seen).isSubsetOf(Set.of(versionA, versionB));
    for (int r = 0; r < 50; r += 2) {
      assertThat(activeAfterEachReload.get(r)).isEqualTo(r % 4 == 0 ? versionB : versionA);
    }
  }

  @Test
  void reload_brokenRules_keepsServingLastGoodBase() {
    // given
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(PROGRAMME).ruleBase(defaults).build();
    String before = engine.ruleBaseVersion();
    // when / then
    assertThatThrownBy(() -> engine.reload(RuleBase.compile(broken())))
        .isInstanceOfSatisfying(RuleFileException.class,
            e -> assertThat(e.problems()).anySatisfy(p -> assertThat(p.file()).isEqualTo("broken.drl")));
    assertThat(engine.ruleBaseVersion()).isEqualTo(before);
    Decision d = engine.decide(new LoyaltyEvent.OrderPaid(order(1)),
        DecisionContext.of(Member.of("m-1", Instant.parse("2024-01-01T00:00:00Z"), "member"), PROGRAMME.newLedger("m-1")));
    assertThat(d.ruleBaseVersion()).isEqualTo(before);
    assertThat(d.pointsFor("m-1").value()).isEqualTo(20);
  }

  @Test
  void buildAndSwap_200Cycles_oldRuleBasesAreCollected() throws InterruptedException {
    // given: a small rule set, so 200 builds stay quick; each cycle changes its text, so each is a new base
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(PROGRAMME).ruleBase(defaults).build();
    List<WeakReference<RuleBase>> old = new ArrayList<>();
    Member member = Member.of("m-1", Instant.parse("2024-01-01T00:00:00Z"), "member");
    // when
    for (int cycle = 0; cycle < 200; cycle++) {
      RuleBase next = RuleBase.compile(List.of(RuleSource.of("earning.drl", """
          // earning: one rate for everyone, cycle %d.
          // Facts read: LineFact. Facts emitted: none.
          package org.example.reload;
          import org.loyaltyrules.loyalty.rules.facts.LineFact;
          global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;
          rule "earning: flat rate %d"
          when
              $line : LineFact()
          then
              decisions.baseRate($line, %d, 100);
          end
          """.formatted(cycle, cycle, 1 + cycle % 5))));
      engine.reload(next);
      Decision d = engine.decide(new LoyaltyEvent.OrderPaid(order(cycle)), DecisionContext.of(member, PROGRAMME.newLedger("m-1")));
      assertThat(d.ruleBaseVersion()).startsWith(next.version());
      old.add(new WeakReference<>(next));
    }
    engine.reload(defaults);
    // then: once the engine no longer holds them, every one of the 200 bases can be collected
    int alive = Integer.MAX_VALUE;
    for (int attempt = 0; attempt < 20 && alive > 0; attempt++) {
      System.gc();
      Thread.sleep(50);
      alive = (int) old.stream().filter(ref -> ref.get() != null).count();
    }
    assertThat(alive).isZero();
  }
}
