package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.math.BigDecimal;
import java.time.Instant;
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
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Programme;

/**
 * Threshold gifts (滿 1,499 送保溫杯) under random sequences of payments, partial and whole returns and
 * redeliveries of both. After every step: each order that reached NT$1,499 holds exactly one grant and
 * every other order none (however often it was redelivered); a grant is revoked at most once, never
 * without a return of its order, and is revoked exactly when the programme's policy says so for what
 * the returns left.
 */
class RewardsStatefulProperties {
  private static final BigDecimal THRESHOLD = new BigDecimal("1499");
  private static final LoyaltyRulesEngine BELOW_THRESHOLD = Fixtures.engine(Fixtures.taiwan(OrderGiftsRulesTest.THERMOS));
  private static final LoyaltyRulesEngine FULL_REFUND = Fixtures.engine(Fixtures.taiwan(OrderGiftsRulesTest.THERMOS)
      .toBuilder().rewardRefundPolicy(Programme.RewardRefundPolicy.REVOKE_ON_FULL_REFUND).build());

  @Property(tries = 40)
  void giftsGrantedOnceRevokedAtMostOnceAndOnlyByARefund_revokeWhenBelowThreshold(
      @ForAll("belowThresholdChains") ActionChain<World> chain) {
    chain.withInvariant("gifts match the payments, returns and policy", World::check).run();
  }

  @Property(tries = 40)
  void giftsGrantedOnceRevokedAtMostOnceAndOnlyByARefund_revokeOnFullRefund(
      @ForAll("fullRefundChains") ActionChain<World> chain) {
    chain.withInvariant("gifts match the payments, returns and policy", World::check).run();
  }

  @Provide
  Arbitrary<ActionChain<World>> belowThresholdChains() {
    return chains(BELOW_THRESHOLD);
  }

  @Provide
  Arbitrary<ActionChain<World>> fullRefundChains() {
    return chains(FULL_REFUND);
  }

  static Arbitrary<ActionChain<World>> chains(LoyaltyRulesEngine engine) {
    return ActionChain.startWith(() -> new World(engine))
        .withAction(3, new Pay())
        .withAction(1, new RedeliverPay())
        .withAction(3, new Return())
        .withAction(1, new RedeliverReturn())
        .withMaxTransformations(25);
  }

  /** One paid order as the model sees it: its lines' unit prices and the units not yet returned. */
  static final class Paid {
    final Order order;
    final Map<String, Integer> unitsLeft = new LinkedHashMap<>();
    int returns;

    Paid(Order order) {
      this.order = order;
      order.lines().forEach(l -> unitsLeft.put(l.lineId(), l.quantity()));
    }

    BigDecimal base() {
      return order.lines().stream().map(l -> l.unitPrice().amount().multiply(BigDecimal.valueOf(l.quantity())))
          .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    BigDecimal left() {
      return order.lines().stream().map(l -> l.unitPrice().amount().multiply(BigDecimal.valueOf(unitsLeft.get(l.lineId()))))
          .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    boolean fullyReturned() {
      return unitsLeft.values().stream().allMatch(u -> u == 0);
    }
  }

  static final class World {
    final Shop shop;
    final Programme.RewardRefundPolicy policy;
    final List<Paid> orders = new ArrayList<>();
    Instant now = taipei("2026-05-01T10:00");
    LoyaltyEvent.OrderReturned lastReturn;

    World(LoyaltyRulesEngine engine) {
      this.shop = new Shop(engine);
      this.policy = engine.programme().rewardRefundPolicy();
      shop.join(Member.of("m-1", taipei("2025-01-01T10:00"), "member"));
    }

    void pay(List<OrderLine> lines) {
      now = now.plusSeconds(3600);
      Order order = Order.of("o-" + orders.size(), "m-1", now, Channel.ONLINE_STORE, lines);
      shop.apply(new LoyaltyEvent.OrderPaid(order));
      orders.add(new Paid(order));
    }

    void redeliverPay(int pick) {
      Paid paid = orders.get(pick % orders.size());
      Decision again = shop.decide(new LoyaltyEvent.OrderPaid(paid.order));
      assertThat(again.entries()).isEmpty();
    }

    void returnSome(int pick, boolean whole) {
      List<Paid> open = orders.stream().filter(p -> !p.fullyReturned()).toList();
      Paid paid = open.get(pick % open.size());
      now = now.plusSeconds(600);
      String id = "r-" + paid.order.id() + "-" + paid.returns;
      LoyaltyEvent.OrderReturned event;
      if (whole) {
        event = LoyaltyEvent.OrderReturned.whole(id, paid.order, now);
        paid.unitsLeft.replaceAll((line, units) -> 0);
      } else {
        String line = paid.unitsLeft.entrySet().stream().filter(e -> e.getValue() > 0).toList()
            .get(pick % (int) paid.unitsLeft.values().stream().filter(u -> u > 0).count()).getKey();
        event = LoyaltyEvent.OrderReturned.of(id, paid.order, List.of(new LoyaltyEvent.ReturnedLine(line, 1)), now);
        paid.unitsLeft.merge(line, -1, Integer::sum);
      }
      shop.apply(event);
      paid.returns++;
      lastReturn = event;
    }

    void redeliverReturn() {
      Decision again = shop.decide(lastReturn);
      assertThat(again.entries()).isEmpty();
    }

    void check() {
      PointLedger ledger = shop.ledger("m-1");
      for (Paid paid : orders) {
        List<LedgerEntry.RewardGranted> grants = ledger.entries().stream()
            .filter(LedgerEntry.RewardGranted.class::isInstance).map(LedgerEntry.RewardGranted.class::cast)
            .filter(g -> g.sourceOrderId().equals(java.util.Optional.of(paid.order.id()))).toList();
        boolean reached = paid.base().compareTo(THRESHOLD) >= 0;
        assertThat(grants).as("grants of %s (base %s)", paid.order.id(), paid.base()).hasSize(reached ? 1 : 0);
        for (LedgerEntry.RewardGranted grant : grants) {
          long revocations = ledger.entries().stream().filter(LedgerEntry.RewardRevoked.class::isInstance)
              .map(LedgerEntry.RewardRevoked.class::cast).filter(r -> r.grantKey().equals(grant.key())).count();
          assertThat(revocations).as("revocations of %s", grant.key()).isLessThanOrEqualTo(1);
          if (revocations == 1) {
            assertThat(paid.returns).as("returns of %s, whose gift was revoked", paid.order.id()).isPositive();
          }
          boolean expected = paid.fullyReturned() || (policy == Programme.RewardRefundPolicy.REVOKE_WHEN_BELOW_THRESHOLD
              && paid.left().compareTo(THRESHOLD) < 0);
          assertThat(revocations == 1).as("%s revoked with %s left of %s", grant.key(), paid.left(), paid.base())
              .isEqualTo(expected);
        }
      }
    }
  }

  static final class Pay implements Action.Independent<World> {
    @Override
    public Arbitrary<Transformer<World>> transformer() {
      Arbitrary<OrderLine> line = Combinators.combine(Arbitraries.of("300", "500", "800", "1000"),
          Arbitraries.integers().between(1, 2)).as((price, quantity) -> Fixtures.line("x", "SKU-" + price, "kitchen",
              quantity, price));
      return line.list().ofMinSize(1).ofMaxSize(3).map(lines -> {
        List<OrderLine> numbered = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
          OrderLine l = lines.get(i);
          numbered.add(OrderLine.of("l" + i, l.sku(), l.category(), l.quantity(), l.unitPrice()));
        }
        return Transformer.mutate("pay " + numbered.stream().map(l -> l.quantity() + "×" + l.unitPrice().amount())
            .toList(), w -> w.pay(numbered));
      });
    }
  }

  static final class RedeliverPay implements Action.Dependent<World> {
    @Override
    public boolean precondition(World w) {
      return !w.orders.isEmpty();
    }

    @Override
    public Arbitrary<Transformer<World>> transformer(World state) {
      return Arbitraries.integers().between(0, 99).map(p -> Transformer.mutate("redeliver payment #" + p,
          w -> w.redeliverPay(p)));
    }
  }

  static final class Return implements Action.Dependent<World> {
    @Override
    public boolean precondition(World w) {
      return w.orders.stream().anyMatch(p -> !p.fullyReturned());
    }

    @Override
    public Arbitrary<Transformer<World>> transformer(World state) {
      return Combinators.combine(Arbitraries.integers().between(0, 99), Arbitraries.of(true, false, false))
          .as((p, whole) -> Transformer.mutate((whole ? "whole" : "one-unit") + " return #" + p,
              w -> w.returnSome(p, whole)));
    }
  }

  static final class RedeliverReturn implements Action.Dependent<World> {
    @Override
    public boolean precondition(World w) {
      return w.lastReturn != null;
    }

    @Override
    public Arbitrary<Transformer<World>> transformer(World state) {
      return Arbitraries.just(Transformer.mutate("redeliver the last return", World::redeliverReturn));
    }
  }
}
