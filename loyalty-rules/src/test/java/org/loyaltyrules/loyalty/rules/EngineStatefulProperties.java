package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.loyalty.rules.Fixtures.bonus;
import static org.loyaltyrules.loyalty.rules.Fixtures.multiplier;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.CurrencyMismatchException;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.InsufficientPointsException;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.NegativeBalancePolicy;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.PointLot;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.UnknownEntryException;
import org.loyaltyrules.loyalty.rules.testkit.LoyaltyGenerators;
import org.loyaltyrules.loyalty.testkit.ActionTally;
import org.loyaltyrules.loyalty.testkit.LedgerInvariants;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;

/**
 * The engine driven by random event sequences across four members (Ann referred Bob, Bob referred
 * Cat; Dan on his own): enrolments, orders, partial and whole returns, redemptions and their
 * cancellation, early releases, expiry runs, tier reviews, redeliveries of earlier events, and
 * invalid events. A reference model predicts, independently of the engine, what every order earns
 * (tier rate, Wednesday double points, first-order and NT$1,499 bonuses, referral bonuses), what
 * every return claws back (per award and line, floor(points × units returned so far / units)),
 * every balance and every tier. After every step: the ledger invariants of every member, balance =
 * model, earned and clawed back per order = model, clawed back ≤ earned, tier = model.
 */
class EngineStatefulProperties {
  private static final Instant T0 = taipei("2025-01-06T10:00");
  private static final long MINIMUM_REDEMPTION = 10;
  private static final List<String> MEMBERS = List.of("ann", "bob", "cat", "dan");
  /**
   * Events per chain. The model counts all net spend as inside the 12-month tier window; gaps
   * average about 3.4 days, so chains of this length stay inside it, and much longer ones would need
   * the window in the model first.
   */
  static final int CHAIN_LENGTH = 30;
  /** Chains per build: 17,100 events in all, each followed by every check. */
  private static final int ALLOW_DEBT_TRIES = 380;
  private static final int CAP_AT_ZERO_TRIES = 190;
  private static final ActionTally ALLOW_DEBT_TALLY = new ActionTally("engine ALLOW_DEBT");
  private static final ActionTally CAP_AT_ZERO_TALLY = new ActionTally("engine CAP_AT_ZERO");

  private static Programme programme(NegativeBalancePolicy policy) {
    return Fixtures.taiwan(
            multiplier("wednesdays", "2", CampaignSchedule.every(DayOfWeek.WEDNESDAY)),
            bonus("welcome", CampaignKind.WELCOME_BONUS, 50, CampaignSchedule.always(), null),
            bonus("first-order", CampaignKind.FIRST_ORDER_BONUS, 100, CampaignSchedule.always(), null),
            bonus("spend-1499", CampaignKind.THRESHOLD_BONUS, 200, CampaignSchedule.always(), "1499"))
        .toBuilder()
        .pendingPeriod(Period.ofDays(7))
        .pointsExpireAfter(Period.ofMonths(2), false)
        .expiryWarning(Period.ofDays(30))
        .negativeBalancePolicy(policy)
        .redemption(Fixtures.twd("1"), Points.of(MINIMUM_REDEMPTION))
        .downgrade(Programme.DowngradePolicy.RECOMPUTE, Period.ZERO)
        .build();
  }

  private static final LoyaltyRulesEngine ALLOW_DEBT = Fixtures.engine(programme(NegativeBalancePolicy.ALLOW_DEBT));
  private static final LoyaltyRulesEngine CAP_AT_ZERO = Fixtures.engine(programme(NegativeBalancePolicy.CAP_AT_ZERO));

  // ------------------------------------------------------------------ properties

  @Property(tries = ALLOW_DEBT_TRIES)
  void engineAndModelAgreeAfterEveryEvent_allowDebt(@ForAll("allowDebtChains") ActionChain<World> chain) {
    ALLOW_DEBT_TALLY.run(checked(chain, ALLOW_DEBT_TALLY));
  }

  @Property(tries = CAP_AT_ZERO_TRIES)
  void engineAndModelAgreeAfterEveryEvent_capAtZero(@ForAll("capAtZeroChains") ActionChain<World> chain) {
    CAP_AT_ZERO_TALLY.run(checked(chain, CAP_AT_ZERO_TALLY));
  }

  /** Reports the measured number of actions and fails if a property ran fewer than its tries promise. */
  @AfterContainer
  static void ranEveryPromisedAction() {
    for (ActionTally tally : List.of(ALLOW_DEBT_TALLY, CAP_AT_ZERO_TALLY)) {
      System.out.println("[random actions] " + tally.summary());
    }
    if (ALLOW_DEBT_TALLY.chains() > 0) {
      assertThat(ALLOW_DEBT_TALLY.actions()).as("engine actions per build, ALLOW_DEBT")
          .isGreaterThanOrEqualTo((long) ALLOW_DEBT_TRIES * CHAIN_LENGTH);
    }
    if (CAP_AT_ZERO_TALLY.chains() > 0) {
      assertThat(CAP_AT_ZERO_TALLY.actions()).as("engine actions per build, CAP_AT_ZERO")
          .isGreaterThanOrEqualTo((long) CAP_AT_ZERO_TRIES * CHAIN_LENGTH);
    }
  }

  @Provide
  Arbitrary<ActionChain<World>> allowDebtChains() {
    return chains(ALLOW_DEBT, ALLOW_DEBT_TALLY);
  }

  @Provide
  Arbitrary<ActionChain<World>> capAtZeroChains() {
    return chains(CAP_AT_ZERO, CAP_AT_ZERO_TALLY);
  }

  /** @return the engine of {@code policy}'s programme, built once per class */
  static LoyaltyRulesEngine engine(NegativeBalancePolicy policy) {
    return policy == NegativeBalancePolicy.ALLOW_DEBT ? ALLOW_DEBT : CAP_AT_ZERO;
  }

  /** @return random chains of {@link #CHAIN_LENGTH} events on {@code engine}, each counted by {@code tally} */
  static Arbitrary<ActionChain<World>> chains(LoyaltyRulesEngine engine, ActionTally tally) {
    return ActionChain.startWith(() -> new World(engine))
        .withAction(2, tally.count("enrol", new Enrol()))
        .withAction(6, tally.count("pay", new Pay()))
        .withAction(3, tally.count("return", new Return()))
        .withAction(2, tally.count("redeem", new Redeem()))
        .withAction(1, tally.count("cancel", new CancelRedemption()))
        .withAction(1, tally.count("release", new Release()))
        .withAction(2, tally.count("expiry", new Expire()))
        .withAction(1, tally.count("review", new Review()))
        .withAction(2, tally.count("redeliver", new Redeliver()))
        .withAction(2, tally.count("invalid", new Invalid()))
        .withMaxTransformations(CHAIN_LENGTH);
  }

  /** @return {@code chain} checked after every event against the model and every ledger invariant */
  static ActionChain<World> checked(ActionChain<World> chain, ActionTally tally) {
    return chain.withInvariant("ledgers, balances, orders and tiers match the model", tally.timedCheck("model", World::checkInvariants));
  }

  // ------------------------------------------------------------------ actions

  private static Arbitrary<String> members() {
    return Arbitraries.of(MEMBERS);
  }

  /**
   * Seconds to the next event: the same instant, within days (inside the 7-day pending period), or
   * weeks later (so that 2-month expiries come due within a chain, which stays inside the 12-month
   * tier window).
   */
  private static Arbitrary<Long> gaps() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, Arbitraries.just(0L)),
        net.jqwik.api.Tuple.of(4, Arbitraries.longs().between(1, 4 * 86_400L).withDistribution(RandomDistribution.uniform())),
        net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(4 * 86_400L, 21 * 86_400L)
            .withDistribution(RandomDistribution.uniform())));
  }

  /** Everyday baskets, and now and then one big enough to move a tier. */
  private static Arbitrary<Order> baskets() {
    Arbitrary<Order> big = Arbitraries.longs().between(5_000, 16_000)
        .map(dollars -> Fixtures.order("x", "x", T0, Long.toString(dollars)));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, RulesArbitraries.orders("x", "x", Arbitraries.just(T0), 4)),
        net.jqwik.api.Tuple.of(1, big));
  }

  static final class Enrol implements Action.Independent<World> {
    @Override
    public Arbitrary<Transformer<World>> transformer() {
      return Combinators.combine(members(), gaps())
          .as((m, gap) -> Transformer.mutate("enrol " + m + " (+" + gap + "s)", w -> w.enrol(m, gap)));
    }
  }

  static final class Pay implements Action.Independent<World> {
    @Override
    public Arbitrary<Transformer<World>> transformer() {
      return Combinators.combine(members(), gaps(), baskets())
          .as((m, gap, basket) -> Transformer.mutate("pay by " + m + " (+" + gap + "s): " + LoyaltyGenerators.describe(basket),
              w -> w.pay(m, gap, basket)));
    }
  }

  static final class Return implements Action.Dependent<World> {
    @Override
    public boolean precondition(World w) {
      return w.hasReturnable();
    }

    @Override
    public Arbitrary<Transformer<World>> transformer(World state) {
      return Combinators.combine(Arbitraries.longs(), gaps(), Arbitraries.of(true, false))
          .as((seed, gap, whole) -> Transformer.mutate((whole ? "whole" : "partial") + " return #" + seed
              + " (+" + gap + "s)", w -> w.returnSomething(seed, gap, whole)));
    }
  }

  static final class Redeem implements Action.Independent<World> {
    @Override
    public Arbitrary<Transformer<World>> transformer() {
      return Combinators.combine(members(), gaps(), Arbitraries.integers().between(0, 100))
          .as((m, gap, percent) -> Transformer.mutate("redeem " + percent + "% of " + m + "'s available (+" + gap + "s)",
              w -> w.redeem(m, gap, percent)));
    }
  }

  static final class CancelRedemption implements Action.Dependent<World> {
    @Override
    public boolean precondition(World w) {
      return w.redemptions.values().stream().anyMatch(r -> !r.cancelled);
    }

    @Override
    public Arbitrary<Transformer<World>> transformer(World state) {
      return Combinators.combine(Arbitraries.longs(), gaps())
          .as((seed, gap) -> Transformer.mutate("cancel redemption #" + seed + " (+" + gap + "s)",
              w -> w.cancel(seed, gap)));
    }
  }

  static final class Release implements Action.Dependent<World> {
    @Override
    public boolean precondition(World w) {
      return !w.orders.isEmpty();
    }

    @Override
    public Arbitrary<Transformer<World>> transformer(World state) {
      return Combinators.combine(Arbitraries.longs(), gaps())
          .as((seed, gap) -> Transformer.mutate("release order #" + seed + " (+" + gap + "s)",
              w -> w.release(seed, gap)));
    }
  }

  static final class Expire implements Action.Independent<World> {
    @Override
    public Arbitrary<Transformer<World>> transformer() {
      return Combinators.combine(members(), gaps())
          .as((m, gap) -> Transformer.mutate("expiry run for " + m + " (+" + gap + "s)", w -> w.expire(m, gap)));
    }
  }

  static final class Review implements Action.Independent<World> {
    @Override
    public Arbitrary<Transformer<World>> transformer() {
      return Combinators.combine(members(), gaps())
          .as((m, gap) -> Transformer.mutate("tier review of " + m + " (+" + gap + "s)", w -> w.review(m, gap)));
    }
  }

  static final class Redeliver implements Action.Dependent<World> {
    @Override
    public boolean precondition(World w) {
      return !w.delivered.isEmpty();
    }

    @Override
    public Arbitrary<Transformer<World>> transformer(World state) {
      return Arbitraries.longs().map(seed -> Transformer.mutate("redeliver event #" + seed, w -> w.redeliver(seed)));
    }
  }

  static final class Invalid implements Action.Independent<World> {
    @Override
    public Arbitrary<Transformer<World>> transformer() {
      return Combinators.combine(Arbitraries.integers().between(0, 6), members(), Arbitraries.longs())
          .as((kind, m, seed) -> Transformer.mutate("invalid event kind " + kind + " for " + m + " #" + seed,
              w -> w.invalid(kind, m, seed)));
    }
  }

  // ------------------------------------------------------------------ the world and its model

  /** The engine with its host, and a reference model of what should happen. */
  static final class World {
    final Shop shop;
    final Programme programme;
    Instant now = T0;
    int counter;

    /** Expected balance per member. */
    final Map<String, Long> balance = new HashMap<>();
    final Map<String, String> tier = new HashMap<>();
    final Map<String, Boolean> welcomed = new HashMap<>();
    final Map<String, Boolean> firstOrderDone = new HashMap<>();
    final Map<String, Boolean> referralPaid = new HashMap<>();
    final Map<String, OrderModel> orders = new LinkedHashMap<>();
    final Map<String, RedemptionModel> redemptions = new LinkedHashMap<>();
    /** Events decided successfully (tier reviews excluded: they are as-of jobs, not deliveries). */
    final List<Map.Entry<LoyaltyEvent, Decision>> delivered = new ArrayList<>();
    /** One incremental invariant checker per member's ledger. */
    private final Map<String, LedgerInvariants.Incremental> checkers = new HashMap<>();

    World(LoyaltyRulesEngine engine) {
      this.shop = new Shop(engine).withoutInvariantChecks();
      this.programme = engine.programme();
      shop.join(Member.of("ann", T0, "member"));
      shop.join(Member.of("bob", T0, "member").withReferrer("ann"));
      shop.join(Member.of("cat", T0, "member").withReferrer("bob"));
      shop.join(Member.of("dan", T0, "member"));
      for (String m : MEMBERS) {
        balance.put(m, 0L);
        tier.put(m, "member");
        welcomed.put(m, false);
        firstOrderDone.put(m, false);
        referralPaid.put(m, false);
      }
    }

    private void advance(long gap) {
      now = now.plusSeconds(gap);
    }

    private Decision deliver(LoyaltyEvent event) {
      Decision decision = shop.apply(event);
      delivered.add(Map.entry(event, decision));
      assertExpiringSoonNotice(event, decision);
      return decision;
    }

    /**
     * Issue 14: the decision's expiring-soon notice is the one the member's ledger gives once the
     * decision is appended (brute force over the ledger, against the engine's shortcut), or none.
     */
    private void assertExpiringSoonNotice(LoyaltyEvent event, Decision decision) {
      java.util.Optional<String> want = shop.programme.expiringSoon(shop.ledger(event.memberId()), event.occurredAt())
          .notice(shop.programme.zone());
      List<String> got = decision.notices().stream()
          .filter(n -> n.startsWith(org.loyaltyrules.loyalty.ExpiringPoints.NOTICE_PREFIX)).toList();
      assertThat(got).as("expiring-soon notice of %s", event.eventId()).isEqualTo(want.stream().toList());
    }

    // -------------------------------------------------------------- enrol

    void enrol(String m, long gap) {
      advance(gap);
      Decision d = deliver(new LoyaltyEvent.MemberEnrolled("enrol-" + (++counter), m, now));
      long expected = welcomed.get(m) ? 0 : 50;
      welcomed.put(m, true);
      assertThat(d.pointsFor(m).value()).as("welcome points").isEqualTo(expected);
      balance.merge(m, expected, Long::sum);
    }

    // -------------------------------------------------------------- orders

    void pay(String m, long gap, Order basket) {
      advance(gap);
      Order order = new Order("o-" + (++counter), m, now, basket.channel(), basket.currency(), basket.lines(),
          basket.orderDiscount(), basket.shipping());
      String tierBefore = tier.get(m);
      BigDecimal base = RulesArbitraries.earningBase(order, programme);
      BigDecimal exact = base.multiply(RulesArbitraries.rate(tierBefore));
      long expected = RulesArbitraries.floor(exact);
      if (now.atZone(Fixtures.TAIPEI).getDayOfWeek() == DayOfWeek.WEDNESDAY) {
        expected += RulesArbitraries.floor(exact);
      }
      if (base.compareTo(new BigDecimal("1499")) >= 0) {
        expected += 200;
      }
      if (base.signum() > 0 && !firstOrderDone.get(m)) {
        firstOrderDone.put(m, true);
        expected += 100;
      }
      OrderModel model = new OrderModel(order, base, expected);
      // Referral: the first order of NT$500 or more pays the referrer 300 and the referrer's referrer 100.
      Map<String, Long> referral = new LinkedHashMap<>();
      if (base.compareTo(new BigDecimal("500")) >= 0 && !referralPaid.get(m)) {
        String up = shop.member(m).referrerId().orElse(null);
        long[] amounts = {300, 100};
        for (int level = 0; level < 2 && up != null; level++) {
          referral.put(up, amounts[level]);
          up = shop.member(up).referrerId().orElse(null);
        }
        if (!referral.isEmpty()) {
          referralPaid.put(m, true);
          model.referral.putAll(referral);
        }
      }

      Decision d = deliver(new LoyaltyEvent.OrderPaid(order));

      assertThat(d.pointsFor(m).value()).as("points of %s at the %s rate", order.id(), tierBefore).isEqualTo(expected);
      for (String other : MEMBERS) {
        if (!other.equals(m)) {
          assertThat(d.pointsFor(other).value()).as("referral points of %s", other)
              .isEqualTo(referral.getOrDefault(other, 0L));
        }
      }
      orders.put(order.id(), model);
      balance.merge(m, expected, Long::sum);
      referral.forEach((up, points) -> balance.merge(up, points, Long::sum));
      String implied = impliedTier(m);
      if (rank(implied) > rank(tierBefore)) {
        assertThat(d.tierChange()).as("upgrade").isPresent();
        tier.put(m, implied);
      } else {
        assertThat(d.tierChange()).as("no upgrade").isEmpty();
      }
    }

    // -------------------------------------------------------------- returns

    boolean hasReturnable() {
      return orders.values().stream().anyMatch(o -> o.hasUnitsLeft(programme));
    }

    void returnSomething(long seed, long gap, boolean whole) {
      Random random = new Random(seed);
      List<OrderModel> returnable = orders.values().stream().filter(o -> o.hasUnitsLeft(programme)).toList();
      if (returnable.isEmpty()) {
        return;
      }
      advance(gap);
      OrderModel model = returnable.get(random.nextInt(returnable.size()));
      List<LoyaltyEvent.ReturnedLine> lines = new ArrayList<>();
      for (OrderLine line : model.order.lines()) {
        int left = line.quantity() - model.returned.getOrDefault(line.lineId(), 0);
        if (left > 0 && programme.isInEarningBase(line) && (whole || random.nextBoolean())) {
          lines.add(new LoyaltyEvent.ReturnedLine(line.lineId(), whole ? left : 1 + random.nextInt(left)));
        }
      }
      if (lines.isEmpty()) {
        OrderLine line = model.order.lines().stream()
            .filter(l -> programme.isInEarningBase(l) && l.quantity() > model.returned.getOrDefault(l.lineId(), 0))
            .findFirst().orElseThrow();
        lines.add(new LoyaltyEvent.ReturnedLine(line.lineId(), 1));
      }
      String m = model.order.memberId();
      boolean fullBefore = model.fullyReturned(programme);
      long clawedBefore = model.clawed;
      lines.forEach(l -> model.returned.merge(l.lineId(), l.quantity(), Integer::sum));
      model.clawed = model.clawTarget(shop.ledger(m));
      BigDecimal spendBack = BigDecimal.ZERO;
      for (LoyaltyEvent.ReturnedLine l : lines) {
        spendBack = spendBack.add(model.reverseSpend(l.lineId(), programme));
      }
      model.remainingSpend = model.remainingSpend.subtract(spendBack);

      Decision d = deliver(LoyaltyEvent.OrderReturned.of("r-" + (++counter), model.order, lines, now));

      long reversed = 0;
      long collected = 0;
      for (LedgerEntry e : d.entriesFor(m)) {
        LedgerEntry.ClawedBack c = (LedgerEntry.ClawedBack) e;
        reversed += c.reversedPoints().value();
        collected -= c.points().value();
      }
      assertThat(reversed).as("points reversed by the return").isEqualTo(model.clawed - clawedBefore);
      balance.merge(m, -collected, Long::sum);
      assertThat(d.tierChange()).as("tiers are kept until review").isEmpty();
      // A full refund of the order that paid referral bonuses claws them back from the uplines.
      boolean rollback = !fullBefore && model.fullyReturned(programme) && !model.referral.isEmpty();
      for (String up : model.referral.keySet()) {
        long upReversed = 0;
        long upCollected = 0;
        for (LedgerEntry e : d.entriesFor(up)) {
          LedgerEntry.ClawedBack c = (LedgerEntry.ClawedBack) e;
          upReversed += c.reversedPoints().value();
          upCollected -= c.points().value();
        }
        assertThat(upReversed).as("referral rollback for %s", up).isEqualTo(rollback ? model.referral.get(up) : 0);
        balance.merge(up, -upCollected, Long::sum);
      }
    }

    // -------------------------------------------------------------- redemptions

    void redeem(String m, long gap, int percent) {
      advance(gap);
      long available = shop.ledger(m).available(now).value();
      long points = Math.max(MINIMUM_REDEMPTION, available * percent / 100);
      if (points > available) {
        // more than is available: refused, nothing changes
        expectRejected(new LoyaltyEvent.PointsRedeemed("redeem-" + (++counter), m, Points.of(points), now),
            InsufficientPointsException.class);
        return;
      }
      Decision d = deliver(new LoyaltyEvent.PointsRedeemed("redeem-" + (++counter), m, Points.of(points), now));
      assertThat(d.pointsFor(m).value()).isEqualTo(-points);
      redemptions.put("redeem-" + counter, new RedemptionModel(m, points));
      balance.merge(m, -points, Long::sum);
    }

    void cancel(long seed, long gap) {
      List<String> open = redemptions.entrySet().stream().filter(e -> !e.getValue().cancelled).map(Map.Entry::getKey)
          .toList();
      if (open.isEmpty()) {
        return;
      }
      advance(gap);
      String id = open.get(new Random(seed).nextInt(open.size()));
      RedemptionModel r = redemptions.get(id);
      Decision d = deliver(new LoyaltyEvent.RedemptionCancelled("cancel-" + (++counter), r.member, id, now));
      assertThat(d.pointsFor(r.member).value()).isEqualTo(r.points);
      r.cancelled = true;
      balance.merge(r.member, r.points, Long::sum);
    }

    // -------------------------------------------------------------- periodic jobs

    void release(long seed, long gap) {
      List<OrderModel> all = new ArrayList<>(orders.values());
      if (all.isEmpty()) {
        return;
      }
      advance(gap);
      OrderModel model = all.get(new Random(seed).nextInt(all.size()));
      String m = model.order.memberId();
      Decision d = deliver(new LoyaltyEvent.PendingReleased("release-" + (++counter), m, model.order.id(), now));
      assertThat(d.pointsFor(m).value()).isZero();
      for (LedgerEntry.Earned earned : shop.ledger(m).earnedFrom(model.order.id())) {
        shop.ledger(m).lot(earned.key()).ifPresent(lot -> assertThat(lot.isReleasedAt(now)).as(lot.key()).isTrue());
      }
    }

    void expire(String m, long gap) {
      advance(gap);
      long due = 0;
      for (PointLot lot : shop.ledger(m).lotsDueToExpire(now)) {
        due += lot.remaining().value();
      }
      Decision d = deliver(new LoyaltyEvent.ExpiryRun("expiry-" + (++counter), m, now));
      assertThat(d.pointsFor(m).value()).isEqualTo(-due);
      assertThat(shop.ledger(m).lotsDueToExpire(now)).isEmpty();
      balance.merge(m, -due, Long::sum);
    }

    void review(String m, long gap) {
      advance(gap);
      String before = tier.get(m);
      String implied = impliedTier(m);
      Decision d = shop.apply(new LoyaltyEvent.TierReview("review-" + (++counter), m, now));
      assertThat(d.entries()).isEmpty();
      assertThat(d.tierChange().isPresent()).as("review changes %s's tier %s → %s", m, before, implied)
          .isEqualTo(!implied.equals(before));
      tier.put(m, implied);
    }

    // -------------------------------------------------------------- redeliveries and invalid events

    void redeliver(long seed) {
      Map.Entry<LoyaltyEvent, Decision> first = delivered.get(new Random(seed).nextInt(delivered.size()));
      Decision again = shop.decide(first.getKey());
      assertThat(again.entries()).as("redelivered %s", first.getKey().eventId()).isEmpty();
      assertThat(again.tierChange()).as("redelivered %s", first.getKey().eventId()).isEmpty();
      for (String m : MEMBERS) {
        assertThat(shop.ledger(m).appendAll(first.getValue().entriesFor(m)))
            .allMatch(r -> r == PointLedger.AppendResult.DUPLICATE);
      }
    }

    void invalid(int kind, String m, long seed) {
      Random random = new Random(seed);
      switch (kind) {
        case 0 -> {
          // an order in another currency than the programme's
          Order hkd = Order.of("o-hkd-" + (++counter), m, now, org.loyaltyrules.loyalty.Channel.POS,
              List.of(OrderLine.of("l1", "SKU-1", "apparel", 1, Money.of("100", "HKD"))));
          expectRejected(new LoyaltyEvent.OrderPaid(hkd), CurrencyMismatchException.class);
        }
        case 1 -> {
          // a return of an order never paid
          Order never = Fixtures.order("o-never-" + (++counter), m, now, "100");
          expectRejected(LoyaltyEvent.OrderReturned.whole("r-" + counter, never, now), UnknownEntryException.class);
        }
        case 2 -> {
          // more units back than are left of a line of which some were already returned
          List<OrderModel> partly = orders.values().stream().filter(o -> o.order.lines().stream().anyMatch(l ->
              programme.isInEarningBase(l) && o.returned.getOrDefault(l.lineId(), 0) > 0)).toList();
          if (partly.isEmpty()) {
            return;
          }
          OrderModel model = partly.get(random.nextInt(partly.size()));
          OrderLine line = model.order.lines().stream().filter(l -> programme.isInEarningBase(l)
              && model.returned.getOrDefault(l.lineId(), 0) > 0).findFirst().orElseThrow();
          int left = line.quantity() - model.returned.get(line.lineId());
          expectRejected(LoyaltyEvent.OrderReturned.of("r-" + (++counter), model.order,
              List.of(new LoyaltyEvent.ReturnedLine(line.lineId(), left + 1)), now), InvalidValueException.class);
        }
        case 3 -> {
          // more than is available, but at least the minimum, so only the balance can refuse it
          long more = Math.max(MINIMUM_REDEMPTION, shop.ledger(m).available(now).value() + 1 + random.nextInt(1_000));
          expectRejected(new LoyaltyEvent.PointsRedeemed("redeem-" + (++counter), m, Points.of(more), now),
              InsufficientPointsException.class);
        }
        case 4 -> expectRejected(new LoyaltyEvent.PointsRedeemed("redeem-" + (++counter), m,
            Points.of(1 + random.nextInt((int) MINIMUM_REDEMPTION - 1)), now), InvalidValueException.class);
        case 5 -> expectRejected(new LoyaltyEvent.RedemptionCancelled("cancel-" + (++counter), m, "redeem-unknown", now),
            UnknownEntryException.class);
        default -> {
          // an event about one member decided with another member's state
          String other = MEMBERS.get((MEMBERS.indexOf(m) + 1) % MEMBERS.size());
          List<String> sizes = snapshot();
          assertThatThrownBy(() -> shop.engine.decide(new LoyaltyEvent.ExpiryRun("expiry-x", m, now),
              DecisionContext.of(shop.member(other), shop.ledger(other))))
              .isInstanceOf(InvalidValueException.class);
          assertThat(snapshot()).isEqualTo(sizes);
        }
      }
    }

    private void expectRejected(LoyaltyEvent event, Class<? extends LoyaltyException> type) {
      List<String> before = snapshot();
      assertThatThrownBy(() -> shop.decide(event)).as("%s", event).isInstanceOf(type);
      assertThat(snapshot()).as("nothing changed by the rejected %s", event.eventId()).isEqualTo(before);
    }

    private List<String> snapshot() {
      List<String> result = new ArrayList<>();
      for (String m : MEMBERS) {
        result.add(m + ":" + shop.ledger(m).size() + ":" + shop.ledger(m).balance() + ":" + shop.member(m).tierCode());
      }
      return result;
    }

    // -------------------------------------------------------------- model helpers

    private String impliedTier(String m) {
      // Everything happens within the 12-month window, so the qualifying spend is all net spend.
      BigDecimal spend = BigDecimal.ZERO;
      for (OrderModel o : orders.values()) {
        if (o.order.memberId().equals(m)) {
          spend = spend.add(o.remainingSpend);
        }
      }
      return spend.compareTo(new BigDecimal("30000")) >= 0 ? "gold"
          : spend.compareTo(new BigDecimal("10000")) >= 0 ? "silver" : "member";
    }

    private static int rank(String tier) {
      return RulesArbitraries.TIERS.indexOf(tier);
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder("World[now=" + now + ", orders=" + orders.keySet() + ", redemptions="
          + redemptions.keySet());
      for (String m : MEMBERS) {
        text.append(", ").append(m).append(": balance ").append(shop.ledger(m).balance()).append(" (model ")
            .append(balance.get(m)).append("), tier ").append(shop.member(m).tierCode()).append(" (model ")
            .append(tier.get(m)).append("), ").append(shop.ledger(m).size()).append(" entries");
      }
      return text.append(']').toString();
    }

    // -------------------------------------------------------------- invariants

    void checkInvariants() {
      for (String m : MEMBERS) {
        PointLedger ledger = shop.ledger(m);
        // Replays only what changed since the last check, and skips a ledger that has not changed.
        checkers.computeIfAbsent(m, k -> LedgerInvariants.incremental()).check(ledger);
        assertThat(ledger.balance().value()).as("%s's balance", m).isEqualTo(balance.get(m));
        assertThat(shop.member(m).tierCode()).as("%s's tier", m).isEqualTo(tier.get(m));
        if (programme.negativeBalancePolicy() == NegativeBalancePolicy.CAP_AT_ZERO) {
          assertThat(ledger.balance().value()).as("%s's balance under CAP_AT_ZERO", m).isNotNegative();
        }
      }
      for (OrderModel o : orders.values()) {
        PointLedger ledger = shop.ledger(o.order.memberId());
        long earned = ledger.earnedPoints(o.order.id()).value();
        long clawed = ledger.reversedPointsOfSource(o.order.id()).value();
        assertThat(earned).as("earned by %s", o.order.id()).isEqualTo(o.earned);
        assertThat(clawed).as("clawed back from %s", o.order.id()).isEqualTo(o.clawed).isLessThanOrEqualTo(earned);
        if (o.fullyReturned(programme)) {
          assertThat(clawed).as("clawed back from the fully returned %s", o.order.id()).isEqualTo(earned);
        }
      }
    }
  }

  /** What the model knows about one paid order. */
  static final class OrderModel {
    final Order order;
    final long earned;
    final Map<String, Integer> returned = new HashMap<>();
    final Map<String, BigDecimal> spendReversed = new HashMap<>();
    final Map<String, Long> referral = new LinkedHashMap<>();
    final Map<String, Money> nets;
    BigDecimal remainingSpend;
    long clawed;

    OrderModel(Order order, BigDecimal earningBase, long earned) {
      this.order = order;
      this.earned = earned;
      this.remainingSpend = earningBase;
      this.nets = order.netAfterOrderDiscount();
    }

    /** Units left to return on a line the ledger recorded: one outside the earning base earned nothing to return. */
    boolean hasUnitsLeft(Programme programme) {
      return order.lines().stream().anyMatch(l -> programme.isInEarningBase(l)
          && l.quantity() > returned.getOrDefault(l.lineId(), 0));
    }

    boolean fullyReturned(Programme programme) {
      boolean any = false;
      for (OrderLine line : order.lines()) {
        if (programme.isInEarningBase(line)) {
          any = true;
          if (returned.getOrDefault(line.lineId(), 0) < line.quantity()) {
            return false;
          }
        }
      }
      return any;
    }

    /** Σ over the order's awards and lines of floor(line points × units returned / units bought). */
    long clawTarget(PointLedger ledger) {
      long total = 0;
      for (LedgerEntry.Earned award : ledger.earnedFrom(order.id())) {
        if (!(EntryKey.parse(award.key()) instanceof EntryKey.OrderEarning earning && earning.orderId().equals(order.id()))) {
          continue;
        }
        for (LineShare share : award.lines()) {
          total += share.points().value() * returned.getOrDefault(share.lineId(), 0) / share.quantity();
        }
      }
      return total;
    }

    /** @return the qualifying spend a return of this line gives back, the model's way */
    BigDecimal reverseSpend(String lineId, Programme programme) {
      OrderLine line = order.line(lineId);
      if (!programme.isInEarningBase(line)) {
        return BigDecimal.ZERO;
      }
      BigDecimal target = nets.get(lineId).amount().multiply(BigDecimal.valueOf(returned.get(lineId)))
          .divide(BigDecimal.valueOf(line.quantity()), 2, RoundingMode.DOWN);
      BigDecimal delta = target.subtract(spendReversed.getOrDefault(lineId, BigDecimal.ZERO));
      spendReversed.put(lineId, target);
      return delta;
    }
  }

  /** A redemption the model remembers. */
  static final class RedemptionModel {
    final String member;
    final long points;
    boolean cancelled;

    RedemptionModel(String member, long points) {
      this.member = member;
      this.points = points;
    }
  }
}
