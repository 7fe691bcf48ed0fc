package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.bonus;
import static org.loyaltyrules.loyalty.rules.Fixtures.multiplier;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.twd;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.loyaltyrules.loyalty.BeyondHorizonException;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LedgerCheckpoint;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.NegativeBalancePolicy;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.PointLot;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Tier;
import org.loyaltyrules.loyalty.TierLadder;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;
import org.loyaltyrules.loyalty.rules.files.RuleFiles;
import org.loyaltyrules.loyalty.testkit.ActionTally;

/**
 * Every decision made from a checkpoint and the rows after it equals the one made from the full
 * history. One member's random history (enrolment, orders of several lines on Wednesday double-points
 * days and others, with first-order and threshold bonuses, a daily cap and tier upgrades; partial
 * and whole returns with tier recompute; redemptions and their cancellation; early releases; expiry
 * runs; tier reviews; late-arriving orders; redeliveries of earlier events) is decided twice after
 * each random checkpoint: on the full ledger, and on a ledger rebuilt from the checkpoint. After each
 * event:
 *
 * <ul>
 *   <li>the rebuilt ledger either refuses it with a {@link BeyondHorizonException}, and then the
 *       event reaches back near or before the horizon (it is never refused when it is dated a tier
 *       window and a day after the horizon and refers only to orders and redemptions since the
 *       horizon), or it decides exactly as the full ledger (the same decision, or the same error);
 *   <li>an event that reaches before the horizon (dated before it, returning or releasing an order
 *       paid before it, cancelling a redemption made before it) and that the full ledger would
 *       decide is always refused: a redelivered old order never mints points again;
 *   <li>every view agrees: balance, available, pending, debt, live lots, lots due to expire,
 *       qualifying spend and the day's order points from the horizon on, first qualifying order;
 *       and so does a ledger rebuilt afresh from the checkpoint and the rows stored after it;
 *   <li>a checkpoint taken of the rebuilt ledger equals the one taken of the full ledger.
 * </ul>
 *
 * A refused event is decided from the full history, as a host would, and a new checkpoint is taken.
 */
class LedgerCheckpointStatefulProperties {
  private static final Instant T0 = taipei("2025-01-06T10:00");
  private static final String ANN = "ann";
  static final int CHAIN_LENGTH = 40;
  private static final int TRIES = 150;
  private static final ActionTally ALLOW_DEBT_TALLY = new ActionTally("checkpoint ALLOW_DEBT");
  private static final ActionTally CAP_AT_ZERO_TALLY = new ActionTally("checkpoint CAP_AT_ZERO");
  /** What the chains did, summed over the build: decided equal, refused, refusals required. */
  private static final Map<String, Long> OUTCOMES = new java.util.concurrent.ConcurrentHashMap<>();

  private static final String DAILY_CAP = """
      // daily-cap: no member earns more than 900 points from the orders of one day.
      // Facts read: OrderFact. Facts emitted: none (calls decisions.capDailyPoints).
      package shop.rules;

      import org.loyaltyrules.loyalty.rules.facts.OrderFact;

      global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

      // why: the cap reads the day's order points, which a checkpoint must keep.
      rule "daily-cap: at most 900 points a day"
      when
          OrderFact()
      then
          decisions.capDailyPoints(900, "at most 900 points a day");
      end
      """;

  /** Tier windows of one and two months, so that a chain's checkpoints leave room after the horizon. */
  static Programme programme(NegativeBalancePolicy policy) {
    return Fixtures.taiwan(
            multiplier("wednesdays", "2", CampaignSchedule.every(DayOfWeek.WEDNESDAY)),
            bonus("welcome", CampaignKind.WELCOME_BONUS, 50, CampaignSchedule.always(), null),
            bonus("first-order", CampaignKind.FIRST_ORDER_BONUS, 100, CampaignSchedule.always(), null),
            bonus("spend-1499", CampaignKind.THRESHOLD_BONUS, 200, CampaignSchedule.always(), "1499"))
        .toBuilder()
        .tiers(TierLadder.of(Tier.of("member", 0, twd("0"), Period.ofMonths(1)),
            Tier.of("silver", 1, twd("6000"), Period.ofMonths(1)), Tier.of("gold", 2, twd("15000"), Period.ofMonths(2))))
        .pendingPeriod(Period.ofDays(7))
        .pointsExpireAfter(Period.ofMonths(2), false)
        .negativeBalancePolicy(policy)
        .redemption(twd("1"), Points.of(10))
        .downgrade(Programme.DowngradePolicy.RECOMPUTE, Period.ZERO)
        .tierRefundPolicy(Programme.TierRefundPolicy.RECOMPUTE_ON_REFUND)
        .build();
  }

  private static LoyaltyRulesEngine engine(NegativeBalancePolicy policy) {
    Programme programme = programme(policy);
    RuleBase rules = RuleFiles.of(List.of(RuleSource.of("daily-cap.drl", DAILY_CAP))).over(RuleFiles.bundled())
        .load(programme).ruleBase();
    return LoyaltyRulesEngine.builder(programme).ruleBase(rules).build();
  }

  private static final class Engines {
    static final LoyaltyRulesEngine ALLOW_DEBT = engine(NegativeBalancePolicy.ALLOW_DEBT);
    static final LoyaltyRulesEngine CAP_AT_ZERO = engine(NegativeBalancePolicy.CAP_AT_ZERO);
  }

  // ------------------------------------------------------------------ properties

  @Property(tries = TRIES)
  void decisionsFromCheckpointAndTailEqualThoseFromFullHistory_allowDebt(
      @ForAll("allowDebtChains") ActionChain<World> chain) {
    ALLOW_DEBT_TALLY.run(chain.withInvariant("views agree", World::checkViews));
  }

  @Property(tries = TRIES)
  void decisionsFromCheckpointAndTailEqualThoseFromFullHistory_capAtZero(
      @ForAll("capAtZeroChains") ActionChain<World> chain) {
    CAP_AT_ZERO_TALLY.run(chain.withInvariant("views agree", World::checkViews));
  }

  /** Reports what was exercised and fails if the chains never compared, refused or required a refusal. */
  @AfterContainer
  static void exercisedEveryOutcome() {
    for (ActionTally tally : List.of(ALLOW_DEBT_TALLY, CAP_AT_ZERO_TALLY)) {
      System.out.println("[random actions] " + tally.summary());
    }
    System.out.println("[checkpoint outcomes] " + new java.util.TreeMap<>(OUTCOMES));
    if (ALLOW_DEBT_TALLY.chains() + CAP_AT_ZERO_TALLY.chains() >= 2 * TRIES) {
      assertThat(OUTCOMES.getOrDefault("decided equal on a rebuilt ledger", 0L)).isGreaterThan(1_000L);
      assertThat(OUTCOMES.getOrDefault("refused, beyond the horizon", 0L)).isGreaterThan(50L);
      assertThat(OUTCOMES.getOrDefault("refused, as required (reaches before the horizon)", 0L)).isGreaterThan(10L);
      assertThat(OUTCOMES.getOrDefault("checkpoints of rebuilt ledgers compared", 0L)).isGreaterThan(100L);
    }
  }

  @Provide
  Arbitrary<ActionChain<World>> allowDebtChains() {
    return chains(() -> new World(Engines.ALLOW_DEBT), ALLOW_DEBT_TALLY);
  }

  @Provide
  Arbitrary<ActionChain<World>> capAtZeroChains() {
    return chains(() -> new World(Engines.CAP_AT_ZERO), CAP_AT_ZERO_TALLY);
  }

  private static Arbitrary<ActionChain<World>> chains(java.util.function.Supplier<World> start, ActionTally tally) {
    return ActionChain.startWith(start)
        .withAction(7, tally.count("pay", action(Combinators.combine(gaps(), baskets(), lateness())
            .as((gap, basket, late) -> Transformer.mutate("pay (+" + gap + "s, " + late + "s late): " + basket.lines().size()
                + " lines", w -> w.pay(gap, basket, late))))))
        .withAction(3, tally.count("return", dependent(w -> !w.orders.isEmpty(),
            Combinators.combine(seeds(), gaps(), Arbitraries.of(true, false)).as((seed, gap, whole) -> Transformer.mutate(
                (whole ? "whole" : "partial") + " return #" + seed + " (+" + gap + "s)", w -> w.returnSome(seed, gap, whole))))))
        .withAction(2, tally.count("redeem", action(Combinators.combine(gaps(), Arbitraries.integers().between(1, 100))
            .as((gap, percent) -> Transformer.mutate("redeem " + percent + "% (+" + gap + "s)", w -> w.redeem(gap, percent))))))
        .withAction(1, tally.count("cancel", dependent(w -> !w.redemptions.isEmpty(),
            Combinators.combine(seeds(), gaps()).as((seed, gap) -> Transformer.mutate("cancel redemption #" + seed
                + " (+" + gap + "s)", w -> w.cancel(seed, gap))))))
        .withAction(1, tally.count("release", dependent(w -> !w.orders.isEmpty(),
            Combinators.combine(seeds(), gaps()).as((seed, gap) -> Transformer.mutate("release order #" + seed
                + " (+" + gap + "s)", w -> w.release(seed, gap))))))
        .withAction(2, tally.count("expiry", action(gaps().map(gap -> Transformer.mutate("expiry run (+" + gap + "s)",
            w -> w.expire(gap))))))
        .withAction(1, tally.count("review", action(gaps().map(gap -> Transformer.mutate("tier review (+" + gap + "s)",
            w -> w.review(gap))))))
        .withAction(2, tally.count("redeliver", dependent(w -> !w.delivered.isEmpty(),
            seeds().map(seed -> Transformer.mutate("redeliver event #" + seed, w -> w.redeliver(seed))))))
        .withAction(2, tally.count("checkpoint", action(Combinators.combine(Arbitraries.integers().between(0, 60),
                Arbitraries.of(true, false))
            .as((days, byProgramme) -> Transformer.mutate("checkpoint, horizon " + (byProgramme ? "by the programme, "
                + days / 3 + " days late" : days + " days back"), w -> w.checkpoint(days, byProgramme))))))
        .withMaxTransformations(CHAIN_LENGTH);
  }

  private static Action.Independent<World> action(Arbitrary<Transformer<World>> transformer) {
    return () -> transformer;
  }

  private static Action.Dependent<World> dependent(java.util.function.Predicate<World> precondition,
      Arbitrary<Transformer<World>> transformer) {
    return new Action.Dependent<>() {
      @Override
      public boolean precondition(World w) {
        return precondition.test(w);
      }

      @Override
      public Arbitrary<Transformer<World>> transformer(World w) {
        return transformer;
      }
    };
  }

  private static Arbitrary<Long> seeds() {
    return Arbitraries.longs().between(0, Long.MAX_VALUE);
  }

  /** Seconds to the next event: the same instant, within days, or weeks later (past expiries and windows). */
  private static Arbitrary<Long> gaps() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(0L)),
        Tuple.of(4, Arbitraries.longs().between(1, 4 * 86_400L).withDistribution(RandomDistribution.uniform())),
        Tuple.of(2, Arbitraries.longs().between(4 * 86_400L, 21 * 86_400L).withDistribution(RandomDistribution.uniform())));
  }

  /** Mostly on time; now and then an order paid up to ten days ago arrives late. */
  private static Arbitrary<Long> lateness() {
    return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(0L)),
        Tuple.of(1, Arbitraries.longs().between(1, 10 * 86_400L).withDistribution(RandomDistribution.uniform())));
  }

  private static Arbitrary<Order> baskets() {
    Arbitrary<Order> big = Arbitraries.longs().between(3_000, 16_000)
        .map(dollars -> Fixtures.order("x", "x", T0, Long.toString(dollars)));
    return Arbitraries.frequencyOf(Tuple.of(4, RulesArbitraries.orders("x", "x", Arbitraries.just(T0), 4)),
        Tuple.of(1, big));
  }

  // ------------------------------------------------------------------ the world

  /** One member's full ledger, the ledger rebuilt from the latest checkpoint, and what was delivered. */
  static final class World {
    final LoyaltyRulesEngine engine;
    final Programme programme;
    Member member = Member.of(ANN, T0, "member");
    final PointLedger full;
    /** Null until the first checkpoint. */
    PointLedger rebuilt;
    LedgerCheckpoint checkpoint;
    Instant now = T0;
    int counter;
    final List<Order> orders = new ArrayList<>();
    final Map<String, Instant> redemptions = new LinkedHashMap<>();
    /** When the order each return returns was paid (the event names the order, the model knows it). */
    final Map<LoyaltyEvent, Instant> returnedOrderPaidAt = new java.util.HashMap<>();
    final List<LoyaltyEvent> delivered = new ArrayList<>();

    World(LoyaltyRulesEngine engine) {
      this.engine = engine;
      this.programme = engine.programme();
      this.full = programme.newLedger(ANN);
      deliver(new LoyaltyEvent.MemberEnrolled("enrol-1", ANN, T0));
    }

    @Override
    public String toString() {
      return "World[now=" + now + ", entries=" + full.size() + ", checkpoint="
          + (checkpoint == null ? "none" : checkpoint.asOf() + " horizon " + checkpoint.horizon()) + "]";
    }

    // -------------------------------------------------------------- events

    void pay(long gap, Order basket, long lateSeconds) {
      now = now.plusSeconds(gap);
      Instant at = now.minusSeconds(lateSeconds).isBefore(T0) ? T0 : now.minusSeconds(lateSeconds);
      Order order = new Order("o-" + (++counter), ANN, at, basket.channel(), basket.currency(), basket.lines(),
          basket.orderDiscount(), basket.shipping());
      if (deliver(new LoyaltyEvent.OrderPaid(order))) {
        orders.add(order);
      }
    }

    void returnSome(long seed, long gap, boolean whole) {
      now = now.plusSeconds(gap);
      Order order = orders.get((int) (seed % orders.size()));
      Instant at = order.paidAt().isAfter(now) ? order.paidAt() : now;
      LoyaltyEvent event;
      if (whole) {
        event = LoyaltyEvent.OrderReturned.whole("ret-" + (++counter), order, at);
      } else {
        OrderLine line = order.lines().get((int) (seed / 7 % order.lines().size()));
        event = LoyaltyEvent.OrderReturned.of("ret-" + (++counter), order,
            List.of(new LoyaltyEvent.ReturnedLine(line.lineId(), 1 + (int) (seed / 11 % line.quantity()))), at);
      }
      returnedOrderPaidAt.put(event, order.paidAt());
      deliver(event);
    }

    void redeem(long gap, int percent) {
      now = now.plusSeconds(gap);
      long points = Math.max(10, full.available(now).value() * percent / 100);
      String id = "red-" + (++counter);
      if (deliver(new LoyaltyEvent.PointsRedeemed(id, ANN, Points.of(points), now))) {
        redemptions.put(id, now);
      }
    }

    void cancel(long seed, long gap) {
      now = now.plusSeconds(gap);
      List<String> ids = new ArrayList<>(redemptions.keySet());
      deliver(new LoyaltyEvent.RedemptionCancelled("cancel-" + (++counter), ANN, ids.get((int) (seed % ids.size())), now));
    }

    void release(long seed, long gap) {
      now = now.plusSeconds(gap);
      Order order = orders.get((int) (seed % orders.size()));
      deliver(new LoyaltyEvent.PendingReleased("release-" + (++counter), ANN, order.id(), now));
    }

    void expire(long gap) {
      now = now.plusSeconds(gap);
      deliver(new LoyaltyEvent.ExpiryRun("expiry-" + (++counter), ANN, now));
    }

    void review(long gap) {
      now = now.plusSeconds(gap);
      deliver(new LoyaltyEvent.TierReview("review-" + (++counter), ANN, now));
    }

    void redeliver(long seed) {
      deliver(delivered.get((int) (seed % delivered.size())));
    }

    /**
     * Takes a checkpoint as of now of the full ledger and, when its horizon is not before the
     * rebuilt ledger's, of the rebuilt one too (they must be equal); then rebuilds from it.
     */
    void checkpoint(int days, boolean byProgramme) {
      Instant horizon = byProgramme ? programme.checkpointHorizon(now, Period.ofDays(days / 3))
          : now.minus(Duration.ofDays(days));
      horizon = horizon.isBefore(T0) ? T0 : horizon;
      take(horizon);
    }

    private void take(Instant horizon) {
      LedgerCheckpoint fromFull = full.checkpoint(now, horizon);
      if (rebuilt != null && !horizon.isBefore(checkpoint.horizon())) {
        assertThat(rebuilt.checkpoint(now, horizon)).as("checkpoint of the rebuilt ledger").isEqualTo(fromFull);
        OUTCOMES.merge("checkpoints of rebuilt ledgers compared", 1L, Long::sum);
      }
      checkpoint = fromFull;
      rebuilt = PointLedger.fromCheckpoint(fromFull, List.of());
    }

    // -------------------------------------------------------------- deciding twice

    /** An engine's answer: a decision or a typed refusal. */
    private record Outcome(Decision decision, LoyaltyException error) {}

    private Outcome decide(LoyaltyEvent event, PointLedger ledger) {
      try {
        return new Outcome(engine.decide(event, DecisionContext.of(member, ledger)), null);
      } catch (LoyaltyException e) {
        return new Outcome(null, e);
      }
    }

    /** Decides on both ledgers, compares, appends; returns whether the full history decided it. */
    private boolean deliver(LoyaltyEvent event) {
      Outcome onFull = decide(event, full);
      boolean refused = false;
      if (rebuilt != null) {
        Outcome onRebuilt = decide(event, rebuilt);
        if (onRebuilt.error() instanceof BeyondHorizonException e) {
          refused = true;
          OUTCOMES.merge("refused, beyond the horizon", 1L, Long::sum);
          assertThat(clearlyDecidable(event)).as("%s refused though dated well after the horizon %s: %s", event,
              checkpoint.horizon(), e.getMessage()).isFalse();
          if (reachesBeforeHorizon(event) && onFull.error() == null) {
            OUTCOMES.merge("refused, as required (reaches before the horizon)", 1L, Long::sum);
          }
        } else {
          assertThat(reachesBeforeHorizon(event) && onFull.error() == null)
              .as("%s reaches before the horizon %s but was decided: %s", event, checkpoint.horizon(), onRebuilt)
              .isFalse();
          if (onFull.error() != null) {
            assertThat(onRebuilt.error()).as("%s: the full history refused it with %s", event, onFull.error()).isNotNull();
            assertThat(onRebuilt.error().getClass()).isEqualTo(onFull.error().getClass());
            assertThat(onRebuilt.error().getMessage()).isEqualTo(onFull.error().getMessage());
          } else {
            assertThat(onRebuilt.error()).as("%s: refused on the rebuilt ledger only", event).isNull();
            assertThat(onRebuilt.decision()).as("decision on %s", event).isEqualTo(onFull.decision());
            OUTCOMES.merge("decided equal on a rebuilt ledger", 1L, Long::sum);
          }
        }
      }
      if (onFull.error() == null) {
        full.appendAll(onFull.decision().entries());
        if (rebuilt != null && !refused) {
          rebuilt.appendAll(onFull.decision().entries());
        }
        onFull.decision().tierChange().ifPresent(change -> member = member.withTier(change.to()));
        if (!(event instanceof LoyaltyEvent.TierReview)) {
          delivered.add(event);
        }
      }
      if (refused) {
        // The host decided it from the full history; the checkpoint it keeps is one taken since
        // (the rebuilt ledger missed the refused event's entries, so it is not compared).
        rebuilt = null;
        take(checkpoint.horizon());
      }
      return onFull.error() == null;
    }

    /** Dated a whole longest tier window and a day after the horizon, referring to nothing before it. */
    private boolean clearlyDecidable(LoyaltyEvent event) {
      Instant h = checkpoint.horizon();
      Instant safe = h.plus(Duration.ofDays(62 + 1));
      if (event.occurredAt().isBefore(safe)) {
        return false;
      }
      if (event instanceof LoyaltyEvent.OrderReturned) {
        return !returnedOrderPaidAt.get(event).isBefore(h);
      } else if (event instanceof LoyaltyEvent.PendingReleased r) {
        return orders.stream().anyMatch(o -> o.id().equals(r.orderId()) && !o.paidAt().isBefore(h));
      } else if (event instanceof LoyaltyEvent.RedemptionCancelled c) {
        return redemptions.containsKey(c.redemptionId()) && !redemptions.get(c.redemptionId()).isBefore(h);
      } else if (event instanceof LoyaltyEvent.ExpiryRun) {
        return !event.occurredAt().isBefore(checkpoint.asOf());
      }
      return true;
    }

    /** Dated before the horizon, or returning, releasing or cancelling what happened before it. */
    private boolean reachesBeforeHorizon(LoyaltyEvent event) {
      Instant h = checkpoint.horizon();
      if (event.occurredAt().isBefore(h)) {
        return true;
      }
      if (event instanceof LoyaltyEvent.OrderReturned) {
        return returnedOrderPaidAt.get(event).isBefore(h);
      } else if (event instanceof LoyaltyEvent.PendingReleased r) {
        return orders.stream().anyMatch(o -> o.id().equals(r.orderId()) && o.paidAt().isBefore(h));
      } else if (event instanceof LoyaltyEvent.RedemptionCancelled c) {
        return redemptions.containsKey(c.redemptionId()) && redemptions.get(c.redemptionId()).isBefore(h);
      }
      return false;
    }

    // -------------------------------------------------------------- views

    void checkViews() {
      if (rebuilt == null) {
        return;
      }
      // The host's path: the checkpoint and the rows stored after the ones it covers.
      PointLedger fromRows = PointLedger.fromCheckpoint(checkpoint,
          full.entries().subList((int) checkpoint.coveredEntries(), full.size()));
      for (PointLedger ledger : List.of(rebuilt, fromRows)) {
        sameViews(ledger);
      }
      assertThat(fromRows.checkpoint(now, checkpoint.horizon())).isEqualTo(full.checkpoint(now, checkpoint.horizon()));
    }

    private void sameViews(PointLedger ledger) {
      Instant h = checkpoint.horizon();
      assertThat(ledger.rowCount()).as("rows").isEqualTo(full.size());
      assertThat(ledger.balance()).as("balance").isEqualTo(full.balance());
      assertThat(ledger.debt()).as("debt").isEqualTo(full.debt());
      for (Instant t : List.of(now, now.plus(Duration.ofDays(5)), now.plus(Duration.ofDays(70)))) {
        assertThat(ledger.available(t)).as("available at %s", t).isEqualTo(full.available(t));
        assertThat(ledger.pending(t)).as("pending at %s", t).isEqualTo(full.pending(t));
        assertThat(ledger.lotsDueToExpire(t)).as("lots due to expire at %s", t).isEqualTo(full.lotsDueToExpire(t));
      }
      assertThat(live(ledger)).as("lots with points left").isEqualTo(live(full));
      for (Instant from : List.of(h, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(61)))) {
        if (!from.isBefore(h)) {
          assertThat(ledger.qualifyingSpend(from, now, programme.currency())).as("spend from %s", from)
              .isEqualTo(full.qualifyingSpend(from, now, programme.currency()));
        }
      }
      LocalDate today = now.atZone(programme.zone()).toLocalDate();
      if (!today.atStartOfDay(programme.zone()).toInstant().isBefore(h)) {
        assertThat(ledger.earnedByOrdersOn(today, programme.zone())).as("order points today")
            .isEqualTo(full.earnedByOrdersOn(today, programme.zone()));
      }
      assertThat(ledger.firstQualifyingOrder()).as("first qualifying order").isEqualTo(full.firstQualifyingOrder());
      assertThat(programme.tiers().qualifyingTier(ledger, now.plus(Duration.ofDays(62)), programme.zone()))
          .isEqualTo(programme.tiers().qualifyingTier(full, now.plus(Duration.ofDays(62)), programme.zone()));
      for (LedgerEntry entry : ledger.entries()) {
        assertThat(full.entry(entry.key())).contains(entry);
      }
    }

    private static List<PointLot> live(PointLedger ledger) {
      return ledger.lots().stream().filter(l -> l.remaining().isPositive()).toList();
    }
  }
}
