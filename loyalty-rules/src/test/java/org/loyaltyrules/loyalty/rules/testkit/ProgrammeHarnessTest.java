package org.loyaltyrules.loyalty.rules.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEngine;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Provenance;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;
import org.loyaltyrules.loyalty.rules.Programmes;
import org.loyaltyrules.loyalty.rules.files.RuleFiles;

/**
 * The harness on a hand-written scenario: a sound engine passes and every step becomes the event it
 * describes; engines broken on purpose fail with the invariant, the event and the member named.
 */
class ProgrammeHarnessTest {
  private static final Programme PROGRAMME = Programmes.taiwan(List.of());
  private static final LoyaltyRulesEngine BUNDLED = RuleFiles.bundled().load(PROGRAMME).engine();
  private static final Instant START = LoyaltyGenerators.DEFAULT_START;

  /** One NT$1,000 online order of two units (10 points at the bundled member rate). */
  private static final Order BASKET = Order.of(LoyaltyGenerators.PLACEHOLDER, LoyaltyGenerators.PLACEHOLDER, START,
      Channel.ONLINE_STORE, List.of(OrderLine.of("l-a", "SKU-1", "apparel", 2, Money.of("500", "TWD"))));

  private static Scenario story(Scenario.Step... steps) {
    return new Scenario(START, List.of(Member.of("m1", START, "member")), List.of(steps));
  }

  /** An engine that does what {@code decide} says, around the bundled one. */
  private static LoyaltyEngine decorated(BiFunction<LoyaltyEvent, DecisionContext, Decision> decide) {
    return new LoyaltyEngine() {
      @Override
      public Decision decide(LoyaltyEvent event, DecisionContext context) {
        return decide.apply(event, context);
      }

      @Override
      public String ruleBaseVersion() {
        return BUNDLED.ruleBaseVersion();
      }
    };
  }

  private static Decision withEntries(Decision decision, List<LedgerEntry> entries) {
    return new Decision(decision.eventId(), decision.ruleBaseVersion(), entries, decision.tierChange(),
        decision.firedRules(), decision.notices());
  }

  @Test
  void replay_soundEngine_deliversEveryResolvableStepAndKeepsEveryInvariant() {
    // given
    Scenario scenario = story(
        new Scenario.Enrol(0, 0),
        new Scenario.Cancel(0, 60),
        new Scenario.Pay(0, 3_600, BASKET),
        new Scenario.Return(0, 3_600, false, 1),
        new Scenario.Release(0, 60),
        new Scenario.Redeliver(1),
        new Scenario.Review(0, 86_400));

    // when
    ProgrammeHarness.Replay replay = ProgrammeHarness.of(BUNDLED).replay(scenario);

    // then: the cancellation had no redemption to cancel and was skipped (its gap too); seed 1 returns one unit
    assertThat(replay.deliveries()).extracting(d -> d.event().getClass().getSimpleName() + " " + d.event().eventId()
            + (d.redelivery() ? " again" : ""))
        .containsExactly("MemberEnrolled enrol-1", "OrderPaid o-3", "OrderReturned r-4", "PendingReleased release-5",
            "OrderPaid o-3 again", "TierReview review-7");
    assertThat(replay.deliveries()).extracting(ProgrammeHarness.Delivery::step).containsExactly(1, 3, 4, 5, 6, 7);
    assertThat(replay.paidOrders()).extracting(Order::id, Order::memberId, Order::paidAt)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("o-3", "m1", START.plusSeconds(3_600)));
    assertThat(replay.decisionOn("o-3").orElseThrow().pointsFor("m1")).isEqualTo(Points.of(10));
    assertThat(replay.host().ledger("m1").earnedPoints("o-3")).isEqualTo(Points.of(10));
    assertThat(replay.host().ledger("m1").reversedPointsOfSource("o-3")).isEqualTo(Points.of(5));
  }

  @Test
  void replay_engineWithMemory_failsDecisionsAreDeterministicNamingTheEventAndMember() {
    // given: an engine that numbers its calls in a notice
    int[] calls = {0};
    LoyaltyEngine forgetful = decorated((event, context) -> {
      Decision d = BUNDLED.decide(event, context);
      List<String> notices = new ArrayList<>(d.notices());
      notices.add("call " + ++calls[0]);
      return new Decision(d.eventId(), d.ruleBaseVersion(), d.entries(), d.tierChange(), d.firedRules(), notices);
    });

    // when / then
    assertThatThrownBy(() -> ProgrammeHarness.of(forgetful, PROGRAMME).replay(story(new Scenario.Enrol(0, 0))))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Event #1, MemberEnrolled [enrol-1] for member [m1] at " + START + ", from step 1")
        .hasMessageContaining("Invariant [decisions-are-deterministic] broken: two decisions on equal inputs differ")
        .hasMessageContaining("call 1")
        .hasMessageContaining("call 2");
  }

  @Test
  void replay_engineThatWritesToTheLedger_failsDecidingLeavesInputsUnchanged() {
    // given: an engine that credits the member's ledger itself while deciding on an order
    LoyaltyEngine meddling = decorated((event, context) -> {
      if (event instanceof LoyaltyEvent.OrderPaid) {
        context.member().ledger().append(new LedgerEntry.Adjusted("meddle-" + context.member().ledger().size(),
            event.memberId(), Points.of(1), event.occurredAt(), Provenance.manual("x", "meddling"), Optional.empty()));
      }
      return BUNDLED.decide(event, context);
    });

    // when / then
    assertThatThrownBy(() -> ProgrammeHarness.of(meddling, PROGRAMME)
            .replay(story(new Scenario.Enrol(0, 0), new Scenario.Pay(0, 60, BASKET))))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Event #2, OrderPaid [o-2] for member [m1]")
        .hasMessageContaining("Invariant [deciding-leaves-inputs-unchanged] broken: ledger of [m1] changed")
        .hasMessageContaining("#1 MemberEnrolled [enrol-1]");
  }

  @Test
  void replay_engineThatPaysAgainOnRedelivery_failsRedeliveryAddsNothing() {
    // given: a goodwill point on every order, keyed by the ledger's size rather than by the event
    LoyaltyEngine generous = decorated((event, context) -> {
      Decision d = BUNDLED.decide(event, context);
      if (!(event instanceof LoyaltyEvent.OrderPaid)) {
        return d;
      }
      List<LedgerEntry> entries = new ArrayList<>(d.entries());
      entries.add(new LedgerEntry.Adjusted("goodwill-" + context.member().ledger().size(), event.memberId(),
          Points.of(1), event.occurredAt(), Provenance.manual(event.eventId(), "goodwill"), Optional.empty()));
      return withEntries(d, entries);
    });

    // when / then
    assertThatThrownBy(() -> ProgrammeHarness.of(generous, PROGRAMME).replay(story(new Scenario.Pay(0, 0, BASKET))))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Event #1, OrderPaid [o-1] for member [m1]")
        .hasMessageContaining("Invariant [redelivery-adds-nothing] broken: event [o-1] decided again gave entries [goodwill-");
  }

  @Test
  void replay_engineThatKeepsThePointsOfReturns_failsClawbackWithinEarned() {
    // given: an engine that decides nothing on returns
    LoyaltyEngine keeping = decorated((event, context) -> event instanceof LoyaltyEvent.OrderReturned
        ? withEntries(BUNDLED.decide(event, context), List.of())
        : BUNDLED.decide(event, context));

    // when / then
    assertThatThrownBy(() -> ProgrammeHarness.of(keeping, PROGRAMME)
            .replay(story(new Scenario.Pay(0, 0, BASKET), new Scenario.Return(0, 60, true, 0))))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Event #2, OrderReturned [r-2] for member [m1]")
        .hasMessageContaining("Invariant [clawback-within-earned] broken: order [o-1] of member [m1] came back in full "
            + "but clawed back [0] points; expected all [10] it earned");
  }

  @Test
  void replay_engineRefusingAValidEvent_failsNamingTheEvent() {
    // given
    LoyaltyEngine refusing = decorated((event, context) -> {
      if (event instanceof LoyaltyEvent.ExpiryRun) {
        throw new IllegalStateException("expiry job is down");
      }
      return BUNDLED.decide(event, context);
    });

    // when / then
    assertThatThrownBy(() -> ProgrammeHarness.of(refusing, PROGRAMME).replay(story(new Scenario.Expire(0, 5))))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Event #1, ExpiryRun [expiry-1] for member [m1] at " + START.plusSeconds(5))
        .hasMessageContaining("the engine refused a valid event: java.lang.IllegalStateException: expiry job is down")
        .hasCauseInstanceOf(IllegalStateException.class);
  }
}
