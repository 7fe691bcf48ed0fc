package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EventTimeException;
import org.loyaltyrules.loyalty.InsufficientPointsException;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;

/**
 * What {@link EngineListener}s hear: one report per decision, failure, refusal and reload, with the
 * right kind and counts, and nothing a listener does changes what the engine decides.
 */
class EngineListenerTest {
  private static final Programme TAIWAN = Programmes.taiwan(List.of());

  /** Compiles and passes the checker; throws on a free order (day 0 of a month), as the trial's. */
  private static final RuleSource THROWS_ON_FREE_ORDERS = RuleSource.of("boom.drl", """
      // boom: a bonus that fails on free orders
      // Facts read: OrderFact. Facts emitted: bonus.
      package org.acme.loyalty;

      import org.loyaltyrules.loyalty.rules.facts.OrderFact;
      import java.time.LocalDate;

      global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

      // why: a merchant's bug for the tests
      rule "boom: day of the earning base"
      when
          $order : OrderFact()
      then
          decisions.bonus("boom", LocalDate.of(2025, 1, Math.min(31, $order.getEarningBase().intValue())).getDayOfMonth(), "boom");
      end
      """);

  static RuleBase throwsOnFreeOrders() {
    List<RuleSource> sources = new ArrayList<>(RuleBase.defaultSources());
    sources.add(THROWS_ON_FREE_ORDERS);
    return RuleBase.compile(sources);
  }

  private static Shop shop(LoyaltyRulesEngine engine) {
    Shop shop = new Shop(engine);
    shop.join(Member.of("m-1", taipei("2024-01-01T00:00"), "member"));
    return shop;
  }

  private static LoyaltyRulesEngine listened(RuleBase ruleBase, EngineListener... listeners) {
    LoyaltyRulesEngine.Builder builder = LoyaltyRulesEngine.builder(TAIWAN).ruleBase(ruleBase);
    for (EngineListener listener : listeners) {
      builder.listener(listener);
    }
    return builder.build();
  }

  // ------------------------------------------------------------------ decisions

  @Test
  void decide_orderPaid_listenerHearsOneDecisionWithKindFiringsEntriesAndDuration() {
    // given
    RecordingListener heard = new RecordingListener();
    Shop shop = shop(listened(Fixtures.defaults(), heard));

    // when
    long before = System.nanoTime();
    Decision decision = shop.decide(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-03-04T12:00"), "1000")));
    long elapsed = System.nanoTime() - before;

    // then
    assertThat(heard.failed).isEmpty();
    assertThat(heard.made).singleElement().satisfies(made -> {
      assertThat(made.eventKind()).isEqualTo("order-paid");
      assertThat(made.ruleFirings()).isEqualTo(decision.firedRules().size()).isPositive();
      assertThat(made.entries()).isEqualTo(decision.entries().size()).isPositive();
      assertThat(made.tierChanged()).isFalse();
      assertThat(made.ruleBaseVersion()).isEqualTo(decision.ruleBaseVersion());
      assertThat(made.durationNanos()).isBetween(0L, elapsed);
    });
  }

  @Test
  void decide_eachEventKind_listenerHearsItsKindOnce() {
    // given
    RecordingListener heard = new RecordingListener();
    Shop shop = shop(listened(Fixtures.defaults(), heard));

    // when
    shop.apply(new LoyaltyEvent.MemberEnrolled("enr-1", "m-1", taipei("2024-01-01T00:00")));
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-03-04T12:00"), "40000")));
    shop.apply(new LoyaltyEvent.PendingReleased("rel-1", "m-1", "o-1", taipei("2025-03-05T12:00")));
    shop.apply(new LoyaltyEvent.PointsRedeemed("red-1", "m-1", Points.of(10), taipei("2025-03-06T12:00")));
    shop.apply(new LoyaltyEvent.RedemptionCancelled("can-1", "m-1", "red-1", taipei("2025-03-07T12:00")));
    shop.apply(new LoyaltyEvent.ExpiryRun("exp-1", "m-1", taipei("2025-03-08T12:00")));
    shop.apply(new LoyaltyEvent.TierReview("rev-1", "m-1", taipei("2025-03-09T12:00")));

    // then: an order of NT$40,000 moves the member to gold; the bundled rules decide orders and reviews
    assertThat(heard.made).extracting(EngineListener.DecisionMade::eventKind).containsExactly("member-enrolled",
        "order-paid", "pending-released", "points-redeemed", "redemption-cancelled", "expiry-run", "tier-review");
    assertThat(heard.made.get(1).tierChanged()).isTrue();
    assertThat(heard.made.get(3).ruleFirings()).as("a redemption is decided by no rule").isZero();
    assertThat(heard.failed).isEmpty();
  }

  @Test
  void decide_ruleThrows_listenerHearsOneFailureOfTheRules() {
    // given
    RecordingListener heard = new RecordingListener();
    Shop shop = shop(listened(throwsOnFreeOrders(), heard));

    // when
    RuleEvaluationException e = catchThrowableOfType(RuleEvaluationException.class,
        () -> shop.decide(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-03-04T12:00"), "0"))));

    // then
    assertThat(e).isNotNull();
    assertThat(heard.made).isEmpty();
    assertThat(heard.failed).singleElement().satisfies(failed -> {
      assertThat(failed.eventKind()).isEqualTo("order-paid");
      assertThat(failed.errorType()).isEqualTo(RuleEvaluationException.class);
      assertThat(failed.code()).isEqualTo(e.code()).isEqualTo(RuleEvaluationException.RULE_ERROR);
      assertThat(failed.refused()).isFalse();
    });
  }

  @Test
  void decide_runaway_listenerHearsRuleRunaway() {
    // given: one firing allowed, none per fact; an order's base rate alone fires once per line
    RecordingListener heard = new RecordingListener();
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(TAIWAN).ruleBase(Fixtures.defaults()).maxRuleFirings(1)
        .ruleFiringsPerFact(0).listener(heard).build();
    Shop shop = shop(engine);

    // when
    assertThatThrownBy(() -> shop.decide(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-03-04T12:00"),
        org.loyaltyrules.loyalty.Channel.POS, Fixtures.line("l1", "A", "tea", 1, "600"),
        Fixtures.line("l2", "B", "tea", 1, "600")))))
        .isInstanceOf(RuleEvaluationException.class);

    // then
    assertThat(heard.failed).singleElement().extracting(EngineListener.EvaluationFailed::code,
        EngineListener.EvaluationFailed::refused).containsExactly(RuleEvaluationException.RULE_RUNAWAY, false);
  }

  @Test
  void decide_refusedEvents_listenerHearsRefusalsWithTheirCodes() {
    // given
    RecordingListener heard = new RecordingListener();
    Shop shop = shop(listened(Fixtures.defaults(), heard));

    // when: more points than the member has, and an order paid before the member enrolled
    assertThatThrownBy(() -> shop.decide(new LoyaltyEvent.PointsRedeemed("red-1", "m-1", Points.of(500),
        taipei("2025-03-04T12:00")))).isInstanceOf(InsufficientPointsException.class);
    assertThatThrownBy(() -> shop.decide(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2023-03-04T12:00"),
        "100")))).isInstanceOf(EventTimeException.class);

    // then
    assertThat(heard.made).isEmpty();
    assertThat(heard.failed).extracting(EngineListener.EvaluationFailed::eventKind,
            EngineListener.EvaluationFailed::errorType, EngineListener.EvaluationFailed::refused)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("points-redeemed", InsufficientPointsException.class, true),
            org.assertj.core.groups.Tuple.tuple("order-paid", EventTimeException.class, true));
  }

  @Test
  void decide_nullEvent_listenerHearsNothing() {
    // given
    RecordingListener heard = new RecordingListener();
    LoyaltyRulesEngine engine = listened(Fixtures.defaults(), heard);
    Shop shop = shop(engine);

    // when
    assertThatThrownBy(() -> engine.decide(null, shop.context("m-1"))).isInstanceOf(InvalidValueException.class);

    // then: there is no event to report
    assertThat(heard.total()).isZero();
  }

  @Test
  void decide_throwingListenerFirst_decisionUnchangedAndLaterListenersStillHear() {
    // given
    RecordingListener.Throwing throwing = new RecordingListener.Throwing();
    RecordingListener heard = new RecordingListener();
    Shop listenedShop = shop(listened(Fixtures.defaults(), throwing, heard));
    Shop plainShop = shop(Fixtures.engine(TAIWAN));
    LoyaltyEvent.OrderPaid paid = new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-03-04T12:00"), "1000"));
    LoyaltyEvent.OrderPaid free = new LoyaltyEvent.OrderPaid(order("o-2", "m-1", taipei("2023-03-04T12:00"), "0"));

    // when
    Decision decision = listenedShop.decide(paid);
    Throwable refusal = catchThrowableOfType(EventTimeException.class, () -> listenedShop.decide(free));

    // then: the throwing listener was called each time, and neither result changed
    assertThat(decision).isEqualTo(plainShop.decide(paid));
    assertThat(refusal).hasMessage(catchThrowableOfType(EventTimeException.class, () -> plainShop.decide(free))
        .getMessage());
    assertThat(throwing.calls).isEqualTo(2);
    assertThat(heard.made).hasSize(1);
    assertThat(heard.failed).hasSize(1);
  }

  @Test
  void decide_listenerOutOfMemory_passesOnInsteadOfBeingLogged() {
    // given: a listener whose call finds the JVM out of memory
    EngineListener outOfMemory = new EngineListener() {
      @Override
      public void decisionMade(DecisionMade made) {
        throw new OutOfMemoryError("listener's heap");
      }
    };
    Shop listenedShop = shop(listened(Fixtures.defaults(), outOfMemory));
    LoyaltyEvent.OrderPaid paid = new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-03-04T12:00"), "1000"));

    // when
    Throwable thrown = catchThrowable(() -> listenedShop.decide(paid));

    // then: the JVM's distress is not swallowed as a listener's fault
    assertThat(thrown).isInstanceOf(OutOfMemoryError.class).hasMessage("listener's heap");
  }

  @Test
  void builder_sameListenerTwice_refused() {
    // given
    RecordingListener heard = new RecordingListener();
    LoyaltyRulesEngine.Builder builder = LoyaltyRulesEngine.builder(TAIWAN).listener(heard);

    // when / then
    assertThatThrownBy(() -> builder.listener(heard)).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("each listener added once");
  }

  // ------------------------------------------------------------------ reloads

  @Test
  void reload_validRules_listenerHearsAcceptedWithVersionsAndRuleCount() {
    // given
    RecordingListener heard = new RecordingListener();
    LoyaltyRulesEngine engine = listened(Fixtures.defaults(), heard);
    String before = engine.ruleBaseVersion();
    Programme other = TAIWAN.toBuilder().pointsExpireAfter(java.time.Period.ofMonths(6), true).build();

    // when
    String after = engine.reload(Fixtures.defaults(), other);

    // then
    assertThat(heard.accepted).singleElement().extracting(EngineListener.ReloadAccepted::version,
        EngineListener.ReloadAccepted::previousVersion, EngineListener.ReloadAccepted::ruleCount)
        .containsExactly(after, before, Fixtures.defaults().ruleNames().size());
    assertThat(heard.rejected).isEmpty();
  }

  @Test
  void reload_rulesFailingTheTrial_listenerHearsRejectedOnceAndTheOldVersionServes() {
    // given
    RecordingListener.Throwing throwing = new RecordingListener.Throwing();
    RecordingListener heard = new RecordingListener();
    LoyaltyRulesEngine engine = listened(Fixtures.defaults(), throwing, heard);
    String before = engine.ruleBaseVersion();
    RuleBase broken = throwsOnFreeOrders();

    // when
    RuleFileException e = catchThrowableOfType(RuleFileException.class, () -> engine.reload(broken));

    // then
    assertThat(e).isNotNull();
    assertThat(engine.ruleBaseVersion()).isEqualTo(before);
    assertThat(heard.accepted).isEmpty();
    assertThat(heard.rejected).singleElement().satisfies(rejected -> {
      assertThat(rejected.keptVersion()).isEqualTo(before);
      assertThat(rejected.problems()).isEqualTo(e.problems());
    });
  }

  @Test
  void watcher_changedFiles_listenerHearsEachReloadAndRejectionOnce(@TempDir Path dir) throws Exception {
    // given
    RecordingListener heard = new RecordingListener();
    LoyaltyRulesEngine engine = listened(Fixtures.defaults(), heard);
    RuleDirectoryWatcher watcher = new RuleDirectoryWatcher(engine, dir, true, TAIWAN,
        new RuleDirectoryWatcher.Listener() {
          @Override
          public void reloaded(String version, List<RuleFileProblem> warnings) {}

          @Override
          public void rejected(List<RuleFileProblem> problems) {}
        });

    // when: the first poll loads; a file that does not parse; the same file again; a file failing the trial
    RuleDirectoryWatcher.Outcome first = watcher.poll();
    Files.writeString(dir.resolve("broken.drl"), "package org.acme.loyalty;\nrule \"broken\"\nwhen\nthen\n",
        StandardCharsets.UTF_8);
    RuleDirectoryWatcher.Outcome unparsable = watcher.poll();
    RuleDirectoryWatcher.Outcome again = watcher.poll();
    Files.delete(dir.resolve("broken.drl"));
    Files.writeString(dir.resolve("boom.drl"), THROWS_ON_FREE_ORDERS.content(), StandardCharsets.UTF_8);
    RuleDirectoryWatcher.Outcome failingTrial = watcher.poll();

    // then
    assertThat(List.of(first, unparsable, again, failingTrial)).containsExactly(RuleDirectoryWatcher.Outcome.RELOADED,
        RuleDirectoryWatcher.Outcome.REJECTED, RuleDirectoryWatcher.Outcome.UNCHANGED,
        RuleDirectoryWatcher.Outcome.REJECTED);
    assertThat(heard.accepted).singleElement().extracting(EngineListener.ReloadAccepted::version)
        .isEqualTo(engine.ruleBaseVersion());
    assertThat(heard.rejected).hasSize(2).allSatisfy(rejected -> {
      assertThat(rejected.keptVersion()).isEqualTo(engine.ruleBaseVersion());
      assertThat(rejected.problems()).isNotEmpty();
    });
    assertThat(heard.rejected.get(0).problems()).extracting(RuleFileProblem::file).contains("broken.drl");
    assertThat(heard.rejected.get(1).problems()).extracting(RuleFileProblem::file).contains("boom.drl");
  }
}
