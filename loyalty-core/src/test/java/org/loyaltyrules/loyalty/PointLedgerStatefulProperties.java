package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.loyaltyrules.loyalty.LedgerReferenceModel.Plan;
import org.loyaltyrules.loyalty.PointLedger.AppendResult;
import org.loyaltyrules.loyalty.testkit.ActionTally;
import org.loyaltyrules.loyalty.testkit.LedgerInvariants;
import org.loyaltyrules.loyalty.testkit.LedgerSnapshot;
import org.loyaltyrules.loyalty.testkit.LoyaltyArbitraries;

/**
 * Random sequences of ledger operations, valid and deliberately invalid, checked against {@link
 * LedgerReferenceModel} and {@link LedgerInvariants} after every action.
 *
 * <p>Valid actions: earn (held or not, expiring or not, per line or not, on time or late), advance
 * time, release a held lot, redeem, run expiry (twice), claw back (partial lines, full returns),
 * cancel a redemption (in parts), adjust up or down, redeliver an earlier entry. Invalid actions:
 * overspend, over-clawback (points, line quantity, spend), a reused key with different content,
 * unknown lots, earned entries and redemptions, early expiry, a second release, over-cancellation,
 * another member, another currency, a clawback that is not as planned, a negative adjustment
 * beyond holdings under {@code CAP_AT_ZERO}, and a batch with an invalid tail. Each invalid action
 * must throw its typed exception and leave the ledger exactly as it was.
 *
 * <p>Actions draw their choices as numbers and resolve them against the state when they run, so a
 * chain stays meaningful while jqwik shrinks it.
 */
class PointLedgerStatefulProperties {

  private static final String MEMBER = "m-1";
  private static final Currency TWD = LoyaltyArbitraries.TWD;
  /** Transformations per chain: deep enough for lots to be held, released, spent, expired and clawed back in turn. */
  static final int CHAIN_LENGTH = 25;
  /** Chains per build: with {@link #CHAIN_LENGTH}, 187,500 actions, each followed by every invariant. */
  private static final int TRIES = 7_500;
  private static final ActionTally TALLY = new ActionTally("ledger");

  @Property(tries = TRIES)
  void ledgerAgreesWithTheReferenceModelAndKeepsItsInvariantsAfterEveryAction(
      @ForAll("chains") ActionChain<Machine> chain) {
    Machine end = TALLY.run(checked(chain, TALLY));
    // The incremental checker ran after every action; the full one (a fresh replay) runs once at the end.
    LedgerInvariants.check(end.ledger);
  }

  /** Reports the measured number of actions and fails if the property ran fewer than its tries promise. */
  @AfterContainer
  static void ranEveryPromisedAction() {
    System.out.println("[random actions] " + TALLY.summary());
    if (TALLY.chains() > 0) {
      assertThat(TALLY.actions()).as("ledger actions per build").isGreaterThanOrEqualTo((long) TRIES * CHAIN_LENGTH);
    }
  }

  @Provide
  Arbitrary<ActionChain<Machine>> chains() {
    return chains(TALLY, CHAIN_LENGTH);
  }

  /** @return random chains of at most {@code length} actions, each counted by {@code tally} */
  static Arbitrary<ActionChain<Machine>> chains(ActionTally tally, int length) {
    return Arbitraries.of(NegativeBalancePolicy.class)
        .flatMap(policy -> ActionChain.startWith(() -> new Machine(policy))
            .withAction(6, tally.count("earn", new Earn()))
            .withAction(2, tally.count("advance", new AdvanceTime()))
            .withAction(1, tally.count("release", new Release()))
            .withAction(4, tally.count("redeem", new Redeem()))
            .withAction(2, tally.count("expiry", new ExpiryRun()))
            .withAction(3, tally.count("clawback", new ClawBack()))
            .withAction(2, tally.count("cancel", new CancelRedemption()))
            .withAction(2, tally.count("adjust", new Adjust()))
            .withAction(1, tally.count("redeliver", new Redeliver()))
            .withAction(4, tally.count("invalid", new Invalid()))
            .withMaxTransformations(length));
  }

  /** @return {@code chain} checked after every action against the model and every ledger invariant */
  static ActionChain<Machine> checked(ActionChain<Machine> chain, ActionTally tally) {
    return chain
        .withInvariant("agrees with the reference model", tally.timedCheck("model", Machine::assertAgreesWithModel))
        .withInvariant("ledger invariants", tally.timedCheck("invariants", machine -> machine.invariants.check(machine.ledger)));
  }

  // ---------------------------------------------------------------- the system and its model

  /** The ledger under test, its reference model and the clock of the run. */
  static final class Machine {
    final NegativeBalancePolicy policy;
    final PointLedger ledger;
    final LedgerReferenceModel model;
    final List<LedgerEntry> appended = new ArrayList<>();
    final LedgerInvariants.Incremental invariants = LedgerInvariants.incremental();
    Instant now = LoyaltyArbitraries.START;
    private int seq;

    Machine(NegativeBalancePolicy policy) {
      this.policy = policy;
      this.ledger = PointLedger.empty(MEMBER, policy);
      this.model = new LedgerReferenceModel(policy);
    }

    /** Moves the clock one minute on and returns a fresh key. */
    String tick(String prefix) {
      now = now.plusSeconds(60);
      return prefix + "-" + ++seq;
    }

    Provenance why(String source, String reason) {
      return new Provenance(source, "stateful: " + reason, "rb-1", reason);
    }

    void appendValid(LedgerEntry entry) {
      AppendResult result = ledger.append(entry);
      assertThat(result).as("appending %s", entry).isEqualTo(AppendResult.APPENDED);
      appended.add(entry);
    }

    /** Asserts that {@code call} throws exactly {@code type}, passes {@code checks} and changes nothing. */
    <E extends LoyaltyException> void assertRejected(Class<E> type, ThrowingCallable call, Consumer<E> checks) {
      LedgerSnapshot before = LedgerSnapshot.of(ledger);
      Throwable thrown = catchThrowable(call);
      assertThat(thrown).isExactlyInstanceOf(type);
      checks.accept(type.cast(thrown));
      assertThat(LedgerSnapshot.of(ledger)).as("ledger after a rejected %s", type.getSimpleName()).isEqualTo(before);
    }

    /** Expiring-soon (issue 14) against a brute-force sum over the model's lots, per expiry instant. */
    void assertExpiringSoonAgreesWithModel(Instant asOf, Instant until) {
      java.util.TreeMap<Instant, Long> want = new java.util.TreeMap<>();
      for (LedgerReferenceModel.Lot lot : model.lots) {
        if (lot.remaining > 0 && lot.expiresAt != null && lot.expiresAt.isAfter(asOf) && !lot.expiresAt.isAfter(until)) {
          want.merge(lot.expiresAt, lot.remaining, Math::addExact);
        }
      }
      ExpiringPoints got = ledger.expiringSoon(asOf, until);
      Map<Instant, Long> gotByInstant = new java.util.TreeMap<>();
      got.batches().forEach(b -> gotByInstant.put(b.expiresAt(), b.points().value()));
      if (!gotByInstant.equals(want)) {
        assertThat(gotByInstant).as("expiringSoon(%s, %s)", asOf, until).isEqualTo(want);
      }
      long total = want.values().stream().mapToLong(Long::longValue).sum();
      if (got.total().value() != total) {
        assertThat(got.total().value()).as("expiringSoon total").isEqualTo(total);
      }
    }

    void assertAgreesWithModel() {
      assertThat(ledger.balance().value()).as("balance").isEqualTo(model.balance);
      assertThat(ledger.debt().value()).as("debt").isEqualTo(model.debt);
      assertThat(ledger.size()).as("size").isEqualTo(model.entries);
      assertThat(ledger.available(now).value()).as("available(now)").isEqualTo(model.available(now));
      assertThat(ledger.pending(now).value()).as("pending(now)").isEqualTo(model.pending(now));
      assertExpiringSoonAgreesWithModel(now, now.plus(Duration.ofHours(24)));
      assertExpiringSoonAgreesWithModel(Limits.EARLIEST_INSTANT, now.plus(Duration.ofDays(400)));
      List<PointLot> lots = ledger.lots();
      assertThat(lots).as("lots").hasSameSizeAs(model.lots);
      for (int i = 0; i < lots.size(); i++) {
        PointLot lot = lots.get(i);
        LedgerReferenceModel.Lot want = model.lots.get(i);
        // Compared plainly first: AssertJ's descriptions and diffs cost more than the comparison, and
        // this runs after every action; on a mismatch the assertions below name what differs.
        if (lot.key().equals(want.key) && lot.original().value() == want.original && lot.remaining().value() == want.remaining
            && lot.expired().value() == want.expired && lot.createdAt().equals(want.createdAt)
            && lot.pendingUntil().equals(Optional.ofNullable(want.pendingUntil)) && lot.releasedAt().equals(Optional.ofNullable(want.releasedAt))
            && lot.expiresAt().equals(Optional.ofNullable(want.expiresAt))) {
          continue;
        }
        assertThat(List.of(lot.key(), lot.original().value(), lot.remaining().value(), lot.expired().value(), lot.createdAt()))
            .as("lot %s (key, original, remaining, expired, created)", i)
            .containsExactly(want.key, want.original, want.remaining, want.expired, want.createdAt);
        assertThat(lot.pendingUntil()).as("lot %s pendingUntil", i).isEqualTo(Optional.ofNullable(want.pendingUntil));
        assertThat(lot.releasedAt()).as("lot %s releasedAt", i).isEqualTo(Optional.ofNullable(want.releasedAt));
        assertThat(lot.expiresAt()).as("lot %s expiresAt", i).isEqualTo(Optional.ofNullable(want.expiresAt));
      }
      for (LedgerReferenceModel.Earned e : model.earned.values()) {
        assertThat(ledger.reversedPoints(e.key).value()).as("reversedPoints(%s)", e.key).isEqualTo(e.reversedPoints);
        Map<String, LineShare> lines = ledger.reversedLines(e.key);
        for (LedgerReferenceModel.Line line : e.lines) {
          LineShare got = lines.get(line.id);
          List<Long> reversed = got == null
              ? List.of(0L, 0L, 0L)
              : List.of((long) got.quantity(), got.points().value(), got.spend().minorUnits());
          List<Long> want = List.of((long) line.reversedQuantity, line.reversedPoints, line.reversedSpend);
          if (!reversed.equals(want)) {
            assertThat(reversed).as("reversed line %s of %s", line.id, e.key).containsExactlyElementsOf(want);
          }
        }
      }
      for (Map.Entry<String, Long> source : model.earnedBySource.entrySet()) {
        assertThat(ledger.earnedPoints(source.getKey()).value()).isEqualTo(source.getValue());
        assertThat(ledger.reversedPointsOfSource(source.getKey()).value())
            .isEqualTo(model.reversedBySource.getOrDefault(source.getKey(), 0L));
      }
      assertThat(ledger.qualifyingSpend(Instant.MIN, Instant.MAX, TWD).minorUnits()).as("net spend").isEqualTo(model.netSpend);
    }

    @Override
    public String toString() {
      return "Machine[" + policy + ", now=" + now + ", " + ledger + "]";
    }
  }

  private static Money twd(long minor) {
    return LoyaltyArbitraries.ofMinor(minor, TWD);
  }

  private static <T> T pick(List<T> candidates, int choice) {
    return candidates.get(Math.floorMod(choice, candidates.size()));
  }

  // ---------------------------------------------------------------- valid actions

  record EarnParams(long points, long spend, List<Integer> quantities, int source, int pendingHours, int expiryHours,
      int backdateHours) {}

  static final class Earn implements Action.Independent<Machine> {
    @Override
    public Arbitrary<Transformer<Machine>> transformer() {
      return Combinators.combine(
              Arbitraries.longs().between(0, 1_000),
              Arbitraries.longs().between(0, 100_000),
              Arbitraries.integers().between(1, 4).list().ofMaxSize(3),
              Arbitraries.integers().between(0, 3),
              Arbitraries.integers().between(-1, 24 * 10),
              Arbitraries.integers().between(0, 24 * 40),
              Arbitraries.of(0, 0, 0, 0, 24, 24 * 30))
          .as(EarnParams::new)
          .map(p -> Transformer.mutate("earn " + p, (Machine m) -> earn(m, p)));
    }

    static void earn(Machine m, EarnParams p) {
      String key = m.tick("earn");
      Instant at = m.now.minus(Duration.ofHours(p.backdateHours()));
      Instant expiresAt = p.expiryHours() > 0 ? at.plus(Duration.ofHours(p.expiryHours())) : null;
      Instant pendingUntil = p.pendingHours() >= 0 ? at.plus(Duration.ofHours(p.pendingHours())) : null;
      if (expiresAt != null && pendingUntil != null && !pendingUntil.isBefore(expiresAt)) {
        pendingUntil = null;
      }
      List<LineShare> shares = new ArrayList<>();
      List<LedgerReferenceModel.Line> lines = new ArrayList<>();
      int total = p.quantities().stream().mapToInt(Integer::intValue).sum();
      long pointsLeft = p.points();
      long spendLeft = p.spend();
      for (int i = 0; i < p.quantities().size(); i++) {
        int q = p.quantities().get(i);
        boolean last = i == p.quantities().size() - 1;
        long points = last ? pointsLeft : p.points() * q / total;
        long spend = last ? spendLeft : p.spend() * q / total;
        pointsLeft -= points;
        spendLeft -= spend;
        shares.add(new LineShare("L" + (i + 1), q, Points.of(points), twd(spend)));
        lines.add(new LedgerReferenceModel.Line("L" + (i + 1), q, points, spend));
      }
      String source = "order-" + p.source();
      m.appendValid(new LedgerEntry.Earned(key, MEMBER, Points.of(p.points()), at, m.why(source, "earn"), twd(p.spend()), shares,
          Optional.ofNullable(pendingUntil), Optional.ofNullable(expiresAt)));
      m.model.earn(key, source, p.points(), p.spend(), lines, at, pendingUntil, expiresAt);
    }
  }

  static final class AdvanceTime implements Action.Independent<Machine> {
    @Override
    public Arbitrary<Transformer<Machine>> transformer() {
      return Arbitraries.integers().between(1, 60 * 24 * 20)
          .map(minutes -> Transformer.mutate("advance " + minutes + " min", (Machine m) -> m.now = m.now.plus(Duration.ofMinutes(minutes))));
    }
  }

  static final class Release implements Action.Dependent<Machine> {
    @Override
    public boolean precondition(Machine m) {
      return m.model.lots.stream().anyMatch(l -> l.pendingUntil != null && l.releasedAt == null);
    }

    @Override
    public Arbitrary<Transformer<Machine>> transformer(Machine state) {
      return Arbitraries.integers().between(0, 100).map(choice -> Transformer.mutate("release #" + choice, (Machine m) -> {
        List<LedgerReferenceModel.Lot> held = m.model.lots.stream().filter(l -> l.pendingUntil != null && l.releasedAt == null).toList();
        if (held.isEmpty()) {
          return;
        }
        LedgerReferenceModel.Lot lot = pick(held, choice);
        String key = m.tick("release");
        m.appendValid(new LedgerEntry.Released(key, MEMBER, m.now, m.why("window-" + key, "release"), lot.key));
        m.model.release(lot.key, m.now);
      }));
    }
  }

  static final class Redeem implements Action.Dependent<Machine> {
    @Override
    public boolean precondition(Machine m) {
      return m.model.available(m.now.plusSeconds(60)) > 0;
    }

    @Override
    public Arbitrary<Transformer<Machine>> transformer(Machine state) {
      long available = Math.max(1, state.model.available(state.now.plusSeconds(60)));
      return Arbitraries.longs().between(1, available).map(amount -> Transformer.mutate("redeem " + amount, (Machine m) -> {
        String key = m.tick("redeem");
        long take = Math.min(amount, m.model.available(m.now));
        if (take <= 0) {
          return;
        }
        m.appendValid(new LedgerEntry.Redeemed(key, MEMBER, Points.of(-take), m.now, m.why("checkout-" + key, "redeem"), twd(take)));
        m.model.redeem(key, take, m.now);
      }));
    }
  }

  static final class ExpiryRun implements Action.Independent<Machine> {
    @Override
    public Arbitrary<Transformer<Machine>> transformer() {
      return Arbitraries.just(Transformer.mutate("expiry run", (Machine m) -> {
        m.tick("expiry");
        Instant asOf = m.now;
        List<String> due = m.ledger.lotsDueToExpire(asOf).stream().map(PointLot::key).toList();
        // Issue 14: the run takes exactly what expiring-soon said expires by its instant.
        Points said = m.ledger.expiringSoon(Limits.EARLIEST_INSTANT, asOf).total();
        Points balanceBefore = m.ledger.balance();
        assertThat(due).as("lots due at %s", asOf).isEqualTo(m.model.dueToExpire(asOf).stream().map(l -> l.key).toList());
        List<LedgerEntry> run = new ArrayList<>();
        for (LedgerReferenceModel.Lot lot : m.model.dueToExpire(asOf)) {
          run.add(new LedgerEntry.Expired("expire-" + lot.key + "@" + asOf, MEMBER, Points.of(-lot.remaining), asOf,
              m.why("expiry-run@" + asOf, "expire"), lot.key));
        }
        assertThat(m.ledger.appendAll(run)).hasSize(run.size()).allMatch(r -> r == AppendResult.APPENDED);
        for (LedgerEntry entry : run) {
          m.appended.add(entry);
          m.model.expire(((LedgerEntry.Expired) entry).lotKey(), -entry.points().value());
        }
        assertThat(m.ledger.balance().value()).as("balance after the run").isEqualTo(balanceBefore.value() - said.value());
        assertThat(m.ledger.expiringSoon(Limits.EARLIEST_INSTANT, asOf).isEmpty()).as("expiring by the run's instant, after it").isTrue();
        LedgerSnapshot afterFirstRun = LedgerSnapshot.of(m.ledger);
        assertThat(m.ledger.lotsDueToExpire(asOf)).as("due after the run").isEmpty();
        assertThat(m.ledger.appendAll(run)).as("the same run again").allMatch(r -> r == AppendResult.DUPLICATE);
        assertThat(LedgerSnapshot.of(m.ledger)).isEqualTo(afterFirstRun);
      }));
    }
  }

  static final class ClawBack implements Action.Dependent<Machine> {
    @Override
    public boolean precondition(Machine m) {
      return m.model.earned.values().stream().anyMatch(LedgerReferenceModel.Earned::hasSomethingToReverse);
    }

    @Override
    public Arbitrary<Transformer<Machine>> transformer(Machine state) {
      return Combinators.combine(Arbitraries.integers().between(0, 100), Arbitraries.integers().between(1, 100))
          .as((choice, percent) -> Transformer.mutate("claw back #" + choice + " " + percent + "%", (Machine m) -> clawBack(m, choice, percent)));
    }

    static void clawBack(Machine m, int choice, int percent) {
      List<LedgerReferenceModel.Earned> candidates =
          m.model.earned.values().stream().filter(LedgerReferenceModel.Earned::hasSomethingToReverse).toList();
      if (candidates.isEmpty()) {
        return;
      }
      LedgerReferenceModel.Earned e = pick(candidates, choice);
      String key = m.tick("clawback");
      boolean full = percent == 100;
      long points = 0;
      long spend = 0;
      List<LineShare> shares = new ArrayList<>();
      Map<String, long[]> modelShares = new HashMap<>();
      if (e.lines.isEmpty()) {
        points = full ? e.points - e.reversedPoints : (e.points - e.reversedPoints) * percent / 100;
        spend = full ? e.spend - e.reversedSpend : (e.spend - e.reversedSpend) * percent / 100;
      } else {
        for (LedgerReferenceModel.Line line : e.lines) {
          int quantityLeft = line.quantity - line.reversedQuantity;
          int quantity = full ? quantityLeft : Math.max(quantityLeft > 0 && shares.isEmpty() ? 1 : 0, quantityLeft * percent / 100);
          if (quantity == 0) {
            continue;
          }
          long pointsLeft = line.points - line.reversedPoints;
          long spendLeft = line.spend - line.reversedSpend;
          long linePoints = quantity == quantityLeft ? pointsLeft : pointsLeft * quantity / quantityLeft;
          long lineSpend = quantity == quantityLeft ? spendLeft : spendLeft * quantity / quantityLeft;
          shares.add(new LineShare(line.id, quantity, Points.of(linePoints), twd(lineSpend)));
          modelShares.put(line.id, new long[] {quantity, linePoints, lineSpend});
          points += linePoints;
          spend += lineSpend;
        }
      }
      Plan plan = m.model.plan(e, points, m.now);
      ClawbackPlan planned = m.ledger.planClawback(e.key, Points.of(points), m.now);
      assertThat(planned).as("planClawback(%s, %s)", e.key, points)
          .isEqualTo(new ClawbackPlan(Points.of(plan.collected(m.policy)), Points.of(plan.uncollected(m.policy))));
      m.appendValid(new LedgerEntry.ClawedBack(key, MEMBER, planned.collected().negated(), m.now, m.why("return-" + key, "claw back"),
          e.key, planned.uncollected(), twd(spend), shares));
      m.model.clawBack(e, points, spend, modelShares, m.now);
      if (full) {
        assertThat(m.ledger.reversedPoints(e.key).value()).as("after a full return of %s", e.key).isEqualTo(e.points);
      }
    }
  }

  static final class CancelRedemption implements Action.Dependent<Machine> {
    @Override
    public boolean precondition(Machine m) {
      return m.model.redemptions.values().stream().anyMatch(r -> r.restorable() > 0);
    }

    @Override
    public Arbitrary<Transformer<Machine>> transformer(Machine state) {
      return Combinators.combine(Arbitraries.integers().between(0, 100), Arbitraries.integers().between(1, 100))
          .as((choice, percent) -> Transformer.mutate("cancel redemption #" + choice + " " + percent + "%", (Machine m) -> {
            List<LedgerReferenceModel.Redemption> open = m.model.redemptions.values().stream().filter(r -> r.restorable() > 0).toList();
            if (open.isEmpty()) {
              return;
            }
            LedgerReferenceModel.Redemption redemption = pick(open, choice);
            long amount = Math.max(1, redemption.restorable() * percent / 100);
            String key = m.tick("cancel");
            m.appendValid(new LedgerEntry.RedemptionCancelled(key, MEMBER, Points.of(amount), m.now, m.why("void-" + key, "cancel"),
                redemption.key));
            m.model.cancel(redemption.key, amount);
          }));
    }
  }

  static final class Adjust implements Action.Independent<Machine> {
    @Override
    public Arbitrary<Transformer<Machine>> transformer() {
      return Combinators.combine(Arbitraries.longs().between(-1_500, 1_500).filter(p -> p != 0), Arbitraries.integers().between(0, 24 * 30))
          .as((points, expiryHours) -> Transformer.mutate("adjust " + points, (Machine m) -> adjust(m, points, expiryHours)));
    }

    static void adjust(Machine m, long points, int expiryHours) {
      String key = m.tick("adjust");
      if (points > 0) {
        Instant expiresAt = expiryHours > 0 ? m.now.plus(Duration.ofHours(expiryHours)) : null;
        m.appendValid(new LedgerEntry.Adjusted(key, MEMBER, Points.of(points), m.now, Provenance.manual("ticket-" + key, "goodwill"),
            Optional.ofNullable(expiresAt)));
        m.model.adjustUp(key, points, m.now, expiresAt);
        return;
      }
      long amount = -points;
      LedgerEntry.Adjusted debit =
          new LedgerEntry.Adjusted(key, MEMBER, Points.of(points), m.now, Provenance.manual("ticket-" + key, "fraud"), Optional.empty());
      long deductible = m.model.deductible(m.now, null);
      if (m.policy == NegativeBalancePolicy.CAP_AT_ZERO && amount > deductible) {
        m.assertRejected(InsufficientPointsException.class, () -> m.ledger.append(debit), e -> {
          assertThat(e.requested().value()).isEqualTo(amount);
          assertThat(e.available().value()).isEqualTo(deductible);
        });
        return;
      }
      m.appendValid(debit);
      m.model.adjustDown(amount, m.now);
    }
  }

  static final class Redeliver implements Action.Dependent<Machine> {
    @Override
    public boolean precondition(Machine m) {
      return !m.appended.isEmpty();
    }

    @Override
    public Arbitrary<Transformer<Machine>> transformer(Machine state) {
      return Arbitraries.integers().between(0, 1000).map(choice -> Transformer.mutate("redeliver #" + choice, (Machine m) -> {
        if (m.appended.isEmpty()) {
          return;
        }
        LedgerEntry entry = pick(m.appended, choice);
        LedgerSnapshot before = LedgerSnapshot.of(m.ledger);
        assertThat(m.ledger.append(entry)).as("redelivering %s", entry.key()).isEqualTo(AppendResult.DUPLICATE);
        assertThat(LedgerSnapshot.of(m.ledger)).isEqualTo(before);
      }));
    }
  }

  // ---------------------------------------------------------------- invalid actions

  enum Mistake {
    OVERSPEND, OVER_CLAWBACK_POINTS, OVER_CLAWBACK_LINE, OVER_CLAWBACK_SPEND, REUSED_KEY, UNKNOWN_LOT_RELEASE, UNKNOWN_LOT_EXPIRY,
    UNKNOWN_EARNED, UNKNOWN_REDEMPTION, EARLY_EXPIRY, SECOND_RELEASE, OVER_CANCELLATION, OTHER_MEMBER, OTHER_CURRENCY,
    CLAWBACK_NOT_AS_PLANNED, NEGATIVE_ADJUSTMENT_BEYOND_HOLDINGS, BATCH_WITH_INVALID_TAIL
  }

  static final class Invalid implements Action.Independent<Machine> {
    @Override
    public Arbitrary<Transformer<Machine>> transformer() {
      return Combinators.combine(Arbitraries.of(Mistake.class), Arbitraries.integers().between(0, 100), Arbitraries.longs().between(0, 50))
          .as((mistake, choice, extra) -> Transformer.mutate("invalid " + mistake + " #" + choice + " +" + extra,
              (Machine m) -> {
                if (!attempt(m, mistake, choice, extra)) {
                  attempt(m, Mistake.OVERSPEND, choice, extra);
                }
              }));
    }

    /** Makes the mistake and checks it is rejected; false when the state offers no way to make it. */
    static boolean attempt(Machine m, Mistake mistake, int choice, long extra) {
      String key = m.tick("bad");
      Instant t = m.now;
      List<LedgerReferenceModel.Earned> earned = new ArrayList<>(m.model.earned.values());
      switch (mistake) {
        case OVERSPEND -> {
          long available = Math.max(0, m.model.available(t));
          long amount = available + 1 + extra;
          m.assertRejected(InsufficientPointsException.class,
              () -> m.ledger.append(new LedgerEntry.Redeemed(key, MEMBER, Points.of(-amount), t, m.why("checkout", "overspend"), twd(0))),
              e -> {
                assertThat(e.requested().value()).isEqualTo(amount);
                assertThat(e.available().value()).isEqualTo(available);
                assertThat(e.memberId()).isEqualTo(MEMBER);
                assertThat(e.code()).isEqualTo("insufficient-points");
              });
          return true;
        }
        case OVER_CLAWBACK_POINTS -> {
          if (earned.isEmpty()) {
            return false;
          }
          LedgerReferenceModel.Earned e = pick(earned, choice);
          long left = e.points - e.reversedPoints;
          long reversed = left + 1 + extra;
          m.assertRejected(ClawbackExceedsEarnedException.class,
              () -> m.ledger.append(new LedgerEntry.ClawedBack(key, MEMBER, Points.of(-reversed), t, m.why("return", "too much"), e.key,
                  Points.ZERO, twd(0), List.of())),
              x -> {
                assertThat(x.earnedKey()).isEqualTo(e.key);
                assertThat(x.field()).isEqualTo("points");
                assertThat(x.requested()).isEqualTo(Long.toString(reversed));
                assertThat(x.remaining()).isEqualTo(Long.toString(left));
                assertThat(x.code()).isEqualTo("clawback-exceeds-earned");
              });
          return true;
        }
        case OVER_CLAWBACK_LINE -> {
          List<LedgerReferenceModel.Earned> withLines = earned.stream().filter(e -> !e.lines.isEmpty()).toList();
          if (withLines.isEmpty()) {
            return false;
          }
          LedgerReferenceModel.Earned e = pick(withLines, choice);
          LedgerReferenceModel.Line line = pick(e.lines, choice);
          int quantity = line.quantity - line.reversedQuantity + 1 + (int) extra;
          m.assertRejected(ClawbackExceedsEarnedException.class,
              () -> m.ledger.append(new LedgerEntry.ClawedBack(key, MEMBER, Points.ZERO, t, m.why("return", "too many units"), e.key,
                  Points.ZERO, twd(0), List.of(new LineShare(line.id, quantity, Points.ZERO, twd(0))))),
              x -> {
                assertThat(x.earnedKey()).isEqualTo(e.key);
                assertThat(x.field()).isEqualTo("lines[0].quantity");
                assertThat(x.requested()).isEqualTo(Integer.toString(quantity));
              });
          return true;
        }
        case OVER_CLAWBACK_SPEND -> {
          if (earned.isEmpty()) {
            return false;
          }
          LedgerReferenceModel.Earned e = pick(earned, choice);
          long spend = e.spend - e.reversedSpend + 1 + extra;
          m.assertRejected(ClawbackExceedsEarnedException.class,
              () -> m.ledger.append(new LedgerEntry.ClawedBack(key, MEMBER, Points.ZERO, t, m.why("return", "too much spend"), e.key,
                  Points.ZERO, twd(spend), List.of())),
              x -> {
                assertThat(x.field()).isEqualTo("spend");
                assertThat(x.requested()).isEqualTo(twd(spend).toString());
                assertThat(x.remaining()).isEqualTo(twd(e.spend - e.reversedSpend).toString());
              });
          return true;
        }
        case REUSED_KEY -> {
          if (m.appended.isEmpty()) {
            return false;
          }
          LedgerEntry original = pick(m.appended, choice);
          LedgerEntry tampered = withReason(original, "tampered " + key);
          m.assertRejected(DuplicateEventException.class, () -> m.ledger.append(tampered), x -> {
            assertThat(x.key()).isEqualTo(original.key());
            assertThat(x.existing()).isEqualTo(original);
            assertThat(x.attempted()).isEqualTo(tampered);
            assertThat(x.code()).isEqualTo("duplicate-event");
          });
          return true;
        }
        case UNKNOWN_LOT_RELEASE -> {
          m.assertRejected(UnknownEntryException.class,
              () -> m.ledger.append(new LedgerEntry.Released(key, MEMBER, t, m.why("window", "ghost"), "ghost-" + key)),
              x -> assertUnknown(x, "lotKey", "ghost-" + key));
          return true;
        }
        case UNKNOWN_LOT_EXPIRY -> {
          m.assertRejected(UnknownEntryException.class,
              () -> m.ledger.append(new LedgerEntry.Expired(key, MEMBER, Points.of(-1), t, m.why("expiry", "ghost"), "ghost-" + key)),
              x -> assertUnknown(x, "lotKey", "ghost-" + key));
          return true;
        }
        case UNKNOWN_EARNED -> {
          String target = m.model.redemptions.isEmpty() ? "ghost-" + key : pick(new ArrayList<>(m.model.redemptions.keySet()), choice);
          m.assertRejected(UnknownEntryException.class,
              () -> m.ledger.append(new LedgerEntry.ClawedBack(key, MEMBER, Points.ZERO, t, m.why("return", "ghost"), target, Points.ZERO,
                  twd(0), List.of())),
              x -> assertUnknown(x, "earnedKey", target));
          return true;
        }
        case UNKNOWN_REDEMPTION -> {
          String target = earned.isEmpty() ? "ghost-" + key : pick(earned, choice).key;
          m.assertRejected(UnknownEntryException.class,
              () -> m.ledger.append(new LedgerEntry.RedemptionCancelled(key, MEMBER, Points.of(1), t, m.why("void", "ghost"), target)),
              x -> assertUnknown(x, "redemptionKey", target));
          return true;
        }
        case EARLY_EXPIRY -> {
          List<LedgerReferenceModel.Lot> notDue = m.model.lots.stream().filter(l -> l.remaining > 0 && !l.expiredAt(t)).toList();
          if (notDue.isEmpty()) {
            return false;
          }
          LedgerReferenceModel.Lot lot = pick(notDue, choice);
          m.assertRejected(InvalidValueException.class,
              () -> m.ledger.append(new LedgerEntry.Expired(key, MEMBER, Points.of(-lot.remaining), t, m.why("expiry", "early"), lot.key)),
              x -> {
                assertThat(x.field()).isEqualTo("occurredAt");
                assertThat(x.value()).isEqualTo(t.toString());
              });
          return true;
        }
        case SECOND_RELEASE -> {
          List<LedgerReferenceModel.Lot> released = m.model.lots.stream().filter(l -> l.releasedAt != null).toList();
          if (released.isEmpty()) {
            return false;
          }
          LedgerReferenceModel.Lot lot = pick(released, choice);
          m.assertRejected(InvalidValueException.class,
              () -> m.ledger.append(new LedgerEntry.Released(key, MEMBER, t, m.why("window", "again"), lot.key)),
              x -> {
                assertThat(x.field()).isEqualTo("lotKey");
                assertThat(x.value()).isEqualTo(lot.key);
              });
          return true;
        }
        case OVER_CANCELLATION -> {
          if (m.model.redemptions.isEmpty()) {
            return false;
          }
          LedgerReferenceModel.Redemption r = pick(new ArrayList<>(m.model.redemptions.values()), choice);
          long amount = r.restorable() + 1 + extra;
          m.assertRejected(InvalidValueException.class,
              () -> m.ledger.append(new LedgerEntry.RedemptionCancelled(key, MEMBER, Points.of(amount), t, m.why("void", "too much"), r.key)),
              x -> {
                assertThat(x.field()).isEqualTo("points");
                assertThat(x.value()).isEqualTo(Long.toString(amount));
              });
          return true;
        }
        case OTHER_MEMBER -> {
          m.assertRejected(InvalidValueException.class,
              () -> m.ledger.append(new LedgerEntry.Adjusted(key, "m-2", Points.of(5), t, Provenance.manual("t", "wrong member"),
                  Optional.empty())),
              x -> {
                assertThat(x.field()).isEqualTo("memberId");
                assertThat(x.value()).isEqualTo("m-2");
              });
          return true;
        }
        case OTHER_CURRENCY -> {
          if (earned.isEmpty()) {
            return false; // the ledger takes its currency from the first earned entry
          }
          m.assertRejected(CurrencyMismatchException.class,
              () -> m.ledger.append(new LedgerEntry.Earned(key, MEMBER, Points.of(1), t, m.why("order-hk", "hkd"), Money.of("1", "HKD"),
                  List.of(), Optional.empty(), Optional.empty())),
              x -> {
                assertThat(x.expectedCurrency()).isEqualTo(TWD);
                assertThat(x.actualCurrency()).isEqualTo(LoyaltyArbitraries.HKD);
              });
          return true;
        }
        case CLAWBACK_NOT_AS_PLANNED -> {
          List<LedgerReferenceModel.Earned> reversible = earned.stream().filter(e -> e.points > e.reversedPoints).toList();
          if (reversible.isEmpty()) {
            return false;
          }
          LedgerReferenceModel.Earned e = pick(reversible, choice);
          long reversed = e.points - e.reversedPoints;
          Plan plan = m.model.plan(e, reversed, t);
          long collected = plan.collected(m.policy);
          long wrongCollected = collected > 0 ? collected - 1 : 1;
          long wrongUncollected = reversed - wrongCollected;
          if (wrongUncollected < 0) {
            return false;
          }
          m.assertRejected(InvalidValueException.class,
              () -> m.ledger.append(new LedgerEntry.ClawedBack(key, MEMBER, Points.of(-wrongCollected), t, m.why("return", "mis-planned"),
                  e.key, Points.of(wrongUncollected), twd(0), List.of())),
              x -> assertThat(x.field()).isEqualTo("points/uncollected"));
          return true;
        }
        case NEGATIVE_ADJUSTMENT_BEYOND_HOLDINGS -> {
          if (m.policy != NegativeBalancePolicy.CAP_AT_ZERO) {
            return false;
          }
          long deductible = m.model.deductible(t, null);
          long amount = deductible + 1 + extra;
          m.assertRejected(InsufficientPointsException.class,
              () -> m.ledger.append(new LedgerEntry.Adjusted(key, MEMBER, Points.of(-amount), t, Provenance.manual("t", "too much"),
                  Optional.empty())),
              x -> assertThat(x.available().value()).isEqualTo(deductible));
          return true;
        }
        case BATCH_WITH_INVALID_TAIL -> {
          LedgerEntry valid = new LedgerEntry.Adjusted(key + "-ok", MEMBER, Points.of(10), t, Provenance.manual("t", "fine"), Optional.empty());
          long amount = Math.max(0, m.model.available(t)) + 11 + extra;
          LedgerEntry invalid = new LedgerEntry.Redeemed(key + "-bad", MEMBER, Points.of(-amount), t, m.why("checkout", "tail"), twd(0));
          m.assertRejected(InsufficientPointsException.class, () -> m.ledger.appendAll(List.of(valid, invalid)),
              x -> assertThat(m.ledger.contains(valid.key())).isFalse());
          return true;
        }
        default -> throw new IllegalStateException("unhandled " + mistake);
      }
    }

    private static void assertUnknown(UnknownEntryException x, String field, String value) {
      assertThat(x.field()).isEqualTo(field);
      assertThat(x.value()).isEqualTo(value);
      assertThat(x.code()).isEqualTo("unknown-entry");
    }

    /** The same entry with another reason: same key, different content. */
    private static LedgerEntry withReason(LedgerEntry entry, String reason) {
      Provenance p = entry.provenance();
      Provenance changed = new Provenance(p.sourceEventId(), p.rule(), p.ruleBaseVersion(), reason);
      if (entry instanceof LedgerEntry.Earned e) {
        return new LedgerEntry.Earned(e.key(), e.memberId(), e.points(), e.occurredAt(), changed, e.spend(), e.lines(), e.pendingUntil(),
            e.expiresAt());
      } else if (entry instanceof LedgerEntry.Released e) {
        return new LedgerEntry.Released(e.key(), e.memberId(), e.occurredAt(), changed, e.lotKey());
      } else if (entry instanceof LedgerEntry.Redeemed e) {
        return new LedgerEntry.Redeemed(e.key(), e.memberId(), e.points(), e.occurredAt(), changed, e.cashValue());
      } else if (entry instanceof LedgerEntry.RedemptionCancelled e) {
        return new LedgerEntry.RedemptionCancelled(e.key(), e.memberId(), e.points(), e.occurredAt(), changed, e.redemptionKey());
      } else if (entry instanceof LedgerEntry.Expired e) {
        return new LedgerEntry.Expired(e.key(), e.memberId(), e.points(), e.occurredAt(), changed, e.lotKey());
      } else if (entry instanceof LedgerEntry.ClawedBack e) {
        return new LedgerEntry.ClawedBack(e.key(), e.memberId(), e.points(), e.occurredAt(), changed, e.earnedKey(), e.uncollected(),
            e.spend(), e.lines());
      } else {
        LedgerEntry.Adjusted e = (LedgerEntry.Adjusted) entry;
        return new LedgerEntry.Adjusted(e.key(), e.memberId(), e.points(), e.occurredAt(), changed, e.expiresAt());
      }
    }
  }
}
