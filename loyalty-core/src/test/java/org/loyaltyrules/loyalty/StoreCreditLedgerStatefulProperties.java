package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.loyaltyrules.loyalty.json.LoyaltyJson;

/**
 * Random sequences mixing point and store-credit actions on one ledger, checked after every action
 * against a small reference model of the credit lots: grant (expiring or not), spend, overspend
 * (refused), cancel a spend, expiry run, clawback of a grant (collected and uncollected), earn and
 * redeem points, advance time, redeliver an earlier entry, and take a checkpoint and go on from the
 * ledger rebuilt from it (through its JSON form).
 *
 * <p>After every action: the credit balance is the sum of every credit entry and of the lots'
 * remainders, never negative; each lot holds what the model says (so spends took the oldest lots
 * first); the points balance is the sum of the point entries; a credit action left every point lot
 * as it was and a point action every credit lot.
 */
class StoreCreditLedgerStatefulProperties {
  private static final String MEMBER = "m-1";
  private static final Currency TWD = Currency.getInstance("TWD");
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @Property(tries = 500)
  void creditAndPointsStayApartAndCreditKeepsItsInvariantsAfterEveryAction(@ForAll("chains") ActionChain<Machine> chain) {
    chain.withInvariant("credit invariants", Machine::check).run();
  }

  @Provide
  Arbitrary<ActionChain<Machine>> chains() {
    return Arbitraries.of(NegativeBalancePolicy.class)
        .flatMap(policy -> ActionChain.startWith(() -> new Machine(policy))
            .withAction(5, new Grant())
            .withAction(4, new Spend())
            .withAction(2, new Overspend())
            .withAction(2, new CancelSpend())
            .withAction(2, new ExpiryRun())
            .withAction(3, new ClawBack())
            .withAction(3, new EarnPoints())
            .withAction(2, new RedeemPoints())
            .withAction(3, new Advance())
            .withAction(2, new Redeliver())
            .withAction(1, new Checkpoint())
            .withMaxTransformations(30));
  }

  static Money twd(long minor) {
    return Money.of(BigDecimal.valueOf(minor, 2), TWD);
  }

  /** The ledger, the model of its credit lots, and the run's clock. */
  static final class Machine {
    final List<LedgerEntry> appended = new ArrayList<>();
    final Map<String, ModelLot> lots = new LinkedHashMap<>();
    final Map<String, Long> spends = new LinkedHashMap<>();
    PointLedger ledger;
    Instant now = START;
    long points;
    int seq;
    /** Point lots and credit lots before the action, to show each kind left the other alone. */
    List<PointLot> pointLotsBefore = List.of();
    List<CreditLot> creditLotsBefore = List.of();
    boolean creditAction;
    boolean pointAction;

    Machine(NegativeBalancePolicy policy) {
      ledger = PointLedger.empty(MEMBER, policy);
    }

    void begin(boolean credit) {
      pointLotsBefore = ledger.lots();
      creditLotsBefore = ledger.creditLots();
      creditAction = credit;
      pointAction = !credit;
    }

    void append(LedgerEntry entry) {
      assertThat(ledger.append(entry)).isEqualTo(PointLedger.AppendResult.APPENDED);
      appended.add(entry);
    }

    long available() {
      long sum = 0;
      for (ModelLot lot : lots.values()) {
        if (!lot.expiredAt(now)) {
          sum += lot.remaining;
        }
      }
      return sum;
    }

    void check() {
      long sumOfEntries = 0;
      long sumOfPoints = 0;
      for (LedgerEntry entry : ledger.entries()) {
        if (entry instanceof LedgerEntry.StoreCreditEntry c) {
          sumOfEntries += c.credit().minorUnits();
          assertThat(c.points()).isEqualTo(Points.ZERO);
        } else {
          sumOfPoints += entry.points().value();
        }
      }
      long remaining = 0;
      for (CreditLot lot : ledger.creditLots()) {
        remaining += lot.remaining().minorUnits();
        assertThat(lot.remaining().minorUnits()).as("lot " + lot.key()).isEqualTo(lots.get(lot.key()).remaining);
      }
      Money balance = ledger.storeCredit(TWD);
      assertThat(balance.isNegative()).isFalse();
      assertThat(balance.minorUnits()).isEqualTo(remaining);
      if (ledger.horizon().isEmpty()) {
        assertThat(balance.minorUnits()).isEqualTo(sumOfEntries);
        assertThat(ledger.balance().value()).isEqualTo(sumOfPoints);
      }
      assertThat(ledger.balance().value()).isEqualTo(points);
      assertThat(ledger.storeCreditAvailable(now, TWD).minorUnits()).isEqualTo(available());
      if (creditAction) {
        assertThat(ledger.lots()).as("point lots after a credit action").isEqualTo(pointLotsBefore);
      }
      if (pointAction) {
        assertThat(ledger.creditLots()).as("credit lots after a point action").isEqualTo(creditLotsBefore);
      }
      creditAction = false;
      pointAction = false;
    }
  }

  /** The model of one credit lot. */
  static final class ModelLot {
    final String key;
    final Instant createdAt;
    final Instant expiresAt;
    final long original;
    final long seq;
    long remaining;
    long reversed;

    ModelLot(String key, Instant createdAt, Instant expiresAt, long original, long seq) {
      this.key = key;
      this.createdAt = createdAt;
      this.expiresAt = expiresAt;
      this.original = original;
      this.seq = seq;
      this.remaining = original;
    }

    boolean expiredAt(Instant at) {
      return expiresAt != null && !expiresAt.isAfter(at);
    }
  }

  /** Unexpired lots in spending order: oldest grant, then earliest expiry (never last), then appended first. */
  static List<ModelLot> spendingOrder(Machine m, ModelLot first) {
    List<ModelLot> order = new ArrayList<>();
    for (ModelLot lot : m.lots.values()) {
      if (lot != first && !lot.expiredAt(m.now) && lot.remaining > 0) {
        order.add(lot);
      }
    }
    order.sort(Comparator.<ModelLot, Instant>comparing(l -> l.createdAt)
        .thenComparing(l -> l.expiresAt, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparingLong(l -> l.seq));
    return order;
  }

  static void take(Machine m, long amount, ModelLot first) {
    List<ModelLot> order = new ArrayList<>();
    if (first != null) {
      order.add(first);
    }
    order.addAll(spendingOrder(m, first));
    for (ModelLot lot : order) {
      long taken = Math.min(amount, lot.remaining);
      lot.remaining -= taken;
      amount -= taken;
    }
  }

  static Provenance provenance(String source) {
    return new Provenance(source, "test", "rb-1", "stateful store credit");
  }

  static final class Grant implements Action.Independent<Machine> {
    @Override
    public Arbitrary<Transformer<Machine>> transformer() {
      return Arbitraries.longs().between(1, 20_000).flatMap(minor -> Arbitraries.integers().between(0, 72)
          .map(hours -> Transformer.mutate("grant " + minor + " expiring in " + hours + "h", (Machine m) -> {
            m.begin(true);
            String source = "o-" + m.seq++;
            String key = EntryKey.creditGrant(source, "gift").text();
            Instant expiresAt = hours == 0 ? null : m.now.plus(Duration.ofHours(hours));
            m.append(new LedgerEntry.CreditGranted(key, MEMBER, twd(minor), m.now, provenance(source),
                Optional.ofNullable(expiresAt)));
            m.lots.put(key, new ModelLot(key, m.now, expiresAt, minor, m.lots.size()));
          })));
    }
  }

  static final class Spend implements Action.Dependent<Machine> {
    @Override
    public boolean precondition(Machine state) {
      return state.available() > 0;
    }

    @Override
    public Arbitrary<Transformer<Machine>> transformer(Machine state) {
      return Arbitraries.longs().between(1, state.available()).map(minor -> Transformer.mutate("spend " + minor, (Machine m) -> {
        m.begin(true);
        String key = EntryKey.creditSpend("s-" + m.seq++).text();
        m.append(new LedgerEntry.CreditSpent(key, MEMBER, twd(-minor), m.now, provenance(key)));
        take(m, minor, null);
        m.spends.put(key, minor);
      }));
    }
  }

  static final class Overspend implements Action.Independent<Machine> {
    @Override
    public Arbitrary<Transformer<Machine>> transformer() {
      return Arbitraries.longs().between(1, 1_000).map(extra -> Transformer.mutate("overspend by " + extra, (Machine m) -> {
        m.begin(true);
        List<LedgerEntry> before = List.copyOf(m.ledger.entries());
        String key = EntryKey.creditSpend("s-" + m.seq++).text();
        Throwable thrown = catchThrowable(() -> m.ledger.append(
            new LedgerEntry.CreditSpent(key, MEMBER, twd(-(m.available() + extra)), m.now, provenance(key))));
        assertThat(thrown).isInstanceOf(InsufficientStoreCreditException.class);
        assertThat(m.ledger.entries()).isEqualTo(before);
      }));
    }
  }

  static final class CancelSpend implements Action.Dependent<Machine> {
    @Override
    public boolean precondition(Machine state) {
      return state.ledger.horizon().isEmpty() && state.spends.values().stream().anyMatch(v -> v > 0);
    }

    @Override
    public Arbitrary<Transformer<Machine>> transformer(Machine state) {
      List<String> open = new ArrayList<>();
      state.spends.forEach((key, amount) -> {
        if (amount > 0) {
          open.add(key);
        }
      });
      return Arbitraries.of(open).map(spendKey -> Transformer.mutate("cancel " + spendKey, (Machine m) -> {
        m.begin(true);
        long amount = m.spends.get(spendKey);
        String id = ((EntryKey.CreditSpend) EntryKey.parse(spendKey)).spendId();
        m.append(new LedgerEntry.CreditSpendCancelled(EntryKey.creditSpendCancellation(id).text(), MEMBER, twd(amount),
            m.now, provenance(id), spendKey));
        // Back to the lots it took from: replay the model from the ledger's own lots.
        for (CreditLot lot : m.ledger.creditLots()) {
          m.lots.get(lot.key()).remaining = lot.remaining().minorUnits();
        }
        long restored = 0;
        for (CreditLot lot : m.ledger.creditLots()) {
          restored += lot.remaining().minorUnits();
        }
        assertThat(restored).isEqualTo(m.ledger.storeCredit(TWD).minorUnits());
        m.spends.put(spendKey, 0L);
      }));
    }
  }

  static final class ExpiryRun implements Action.Independent<Machine> {
    @Override
    public Arbitrary<Transformer<Machine>> transformer() {
      return Arbitraries.just(Transformer.mutate("expiry run", (Machine m) -> {
        m.begin(true);
        for (CreditLot lot : m.ledger.creditLotsDueToExpire(m.now)) {
          String key = EntryKey.expiry(EntryKey.parse(lot.key()), m.now).text();
          if (m.ledger.contains(key)) {
            continue;
          }
          m.append(new LedgerEntry.CreditExpired(key, MEMBER, lot.remaining().negated(), m.now, provenance("run"), lot.key()));
          m.lots.get(lot.key()).remaining = 0;
        }
      }));
    }
  }

  static final class ClawBack implements Action.Dependent<Machine> {
    @Override
    public boolean precondition(Machine state) {
      return state.lots.values().stream().anyMatch(l -> l.reversed < l.original);
    }

    @Override
    public Arbitrary<Transformer<Machine>> transformer(Machine state) {
      List<ModelLot> open = state.lots.values().stream().filter(l -> l.reversed < l.original).toList();
      return Arbitraries.of(open).flatMap(lot -> Arbitraries.longs().between(1, lot.original - lot.reversed)
          .map(minor -> Transformer.mutate("claw back " + minor + " of " + lot.key, (Machine m) -> {
            m.begin(true);
            ModelLot model = m.lots.get(lot.key);
            CreditClawbackPlan plan = m.ledger.planCreditClawback(lot.key, twd(minor), m.now);
            long own = Math.min(minor, model.remaining);
            long others = 0;
            for (ModelLot other : spendingOrder(m, model)) {
              others += other.remaining;
            }
            long collected = own + Math.min(minor - own, others);
            assertThat(plan.collected().minorUnits()).isEqualTo(collected);
            assertThat(plan.uncollected().minorUnits()).isEqualTo(minor - collected);
            m.append(new LedgerEntry.CreditClawedBack(EntryKey.clawback("ret-" + m.seq++, EntryKey.parse(lot.key)).text(),
                MEMBER, plan.collected().negated(), m.now, provenance("ret"), lot.key, plan.uncollected()));
            take(m, collected, model);
            model.reversed += minor;
          })));
    }
  }

  static final class EarnPoints implements Action.Independent<Machine> {
    @Override
    public Arbitrary<Transformer<Machine>> transformer() {
      return Arbitraries.longs().between(1, 500).map(p -> Transformer.mutate("earn " + p, (Machine m) -> {
        m.begin(false);
        String id = "p-" + m.seq++;
        m.append(new LedgerEntry.Earned(EntryKey.orderBase(id).text(), MEMBER, Points.of(p), m.now, provenance(id),
            Money.of(BigDecimal.valueOf(p * 100), TWD), List.of(), Optional.empty(), Optional.empty()));
        m.points += p;
      }));
    }
  }

  static final class RedeemPoints implements Action.Dependent<Machine> {
    @Override
    public boolean precondition(Machine state) {
      return state.ledger.available(state.now).value() > 0;
    }

    @Override
    public Arbitrary<Transformer<Machine>> transformer(Machine state) {
      return Arbitraries.longs().between(1, state.ledger.available(state.now).value())
          .map(p -> Transformer.mutate("redeem " + p, (Machine m) -> {
            m.begin(false);
            String id = "r-" + m.seq++;
            m.append(new LedgerEntry.Redeemed(EntryKey.redemption(id).text(), MEMBER, Points.of(-p), m.now, provenance(id),
                Money.of(BigDecimal.valueOf(p), TWD)));
            m.points -= p;
          }));
    }
  }

  static final class Advance implements Action.Independent<Machine> {
    @Override
    public Arbitrary<Transformer<Machine>> transformer() {
      return Arbitraries.integers().between(1, 48)
          .map(hours -> Transformer.mutate("advance " + hours + "h", (Machine m) -> m.now = m.now.plus(Duration.ofHours(hours))));
    }
  }

  static final class Redeliver implements Action.Dependent<Machine> {
    @Override
    public boolean precondition(Machine state) {
      return !state.appended.isEmpty();
    }

    @Override
    public Arbitrary<Transformer<Machine>> transformer(Machine state) {
      return Arbitraries.of(List.copyOf(state.appended)).map(entry -> Transformer.mutate("redeliver " + entry.key(), (Machine m) -> {
        m.begin(entry instanceof LedgerEntry.StoreCreditEntry);
        List<LedgerEntry> before = List.copyOf(m.ledger.entries());
        Throwable thrown = catchThrowable(() -> assertThat(m.ledger.append(entry)).isEqualTo(PointLedger.AppendResult.DUPLICATE));
        // A ledger rebuilt from a checkpoint refuses an entry before its horizon instead.
        if (thrown != null) {
          assertThat(thrown).isInstanceOf(BeyondHorizonException.class);
        }
        assertThat(m.ledger.entries()).isEqualTo(before);
        m.pointAction = true;
        m.creditAction = true;
      }));
    }
  }

  static final class Checkpoint implements Action.Independent<Machine> {
    @Override
    public Arbitrary<Transformer<Machine>> transformer() {
      return Arbitraries.just(Transformer.mutate("checkpoint and rebuild", (Machine m) -> {
        // A checkpoint drops empty point lots, so the point lots are compared by those with points left.
        LedgerCheckpoint checkpoint = m.ledger.checkpoint(m.now, m.now);
        LedgerCheckpoint read = LoyaltyJson.read(LoyaltyJson.write(checkpoint), LedgerCheckpoint.class);
        assertThat(read).isEqualTo(checkpoint);
        PointLedger rebuilt = PointLedger.fromCheckpoint(read, List.of());
        assertThat(rebuilt.storeCredit(TWD)).isEqualTo(m.ledger.storeCredit(TWD));
        assertThat(rebuilt.storeCreditAvailable(m.now, TWD)).isEqualTo(m.ledger.storeCreditAvailable(m.now, TWD));
        assertThat(rebuilt.creditLots()).isEqualTo(m.ledger.creditLots());
        assertThat(rebuilt.balance()).isEqualTo(m.ledger.balance());
        assertThat(rebuilt.lots().stream().filter(l -> l.remaining().isPositive()).toList())
            .isEqualTo(m.ledger.lots().stream().filter(l -> l.remaining().isPositive()).toList());
        m.ledger = rebuilt;
      }));
    }
  }
}
