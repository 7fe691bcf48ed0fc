package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.loyaltyrules.loyalty.SegmentLedgers.PaidOrder;

/**
 * Segments against a brute-force recomputation from the orders themselves, and the RFM class as a
 * total, monotone function of the values and the cut-offs.
 */
class MemberSegmentProperties {
  private static final ZoneId ZONE = ZoneId.of("Pacific/Chatham");
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  @Property(tries = 300)
  void segmentEqualsABruteForceRecomputationFromTheOrders(@ForAll("orders") List<PaidOrder> orders,
      @ForAll @IntRange(min = 0, max = 800) int asOfHours, @ForAll("policies") SegmentPolicy policy) {
    // given
    PointLedger ledger = SegmentLedgers.ledger(orders);
    Instant asOf = T0.plus(Duration.ofHours(asOfHours * 3L));

    // when
    MemberSegment segment = MemberSegment.of(ledger, T0, asOf, ZONE, policy);

    // then: recomputed from the order list, not the ledger
    Instant windowStart = asOf.atZone(ZONE).minus(policy.window()).toInstant();
    LocalDate today = asOf.atZone(ZONE).toLocalDate();
    int frequency = 0;
    BigDecimal monetary = BigDecimal.ZERO;
    BigDecimal lifetime = BigDecimal.ZERO;
    Instant first = T0;
    Instant last = T0;
    boolean any = false;
    for (PaidOrder order : orders) {
      BigDecimal net = order.netAsOf(asOf);
      if (order.at().isAfter(asOf) || net.signum() <= 0) {
        continue;
      }
      first = any && first.isBefore(order.at()) ? first : order.at();
      last = any && last.isAfter(order.at()) ? last : order.at();
      any = true;
      lifetime = lifetime.add(net);
      if (!order.at().isBefore(windowStart)) {
        frequency++;
        monetary = monetary.add(net);
      }
    }
    long recency = Math.max(0, ChronoUnit.DAYS.between(last.atZone(ZONE).toLocalDate(), today));
    long sinceFirst = Math.max(0, ChronoUnit.DAYS.between(first.atZone(ZONE).toLocalDate(), today));
    assertThat(segment.frequency()).isEqualTo(frequency);
    assertThat(segment.monetary().amount()).isEqualByComparingTo(monetary);
    assertThat(segment.lifetimeValue().amount()).isEqualByComparingTo(lifetime);
    assertThat(segment.recencyDays()).isEqualTo(recency);
    assertThat(segment.daysSinceFirstOrder()).isEqualTo(Math.max(sinceFirst, recency));
    assertThat(segment.rfmClass()).isEqualTo(policy.classify(recency, Math.max(sinceFirst, recency), segment.monetary()));
  }

  @Property
  void everyMemberIsInExactlyTheClassTheCutOffsDescribe(@ForAll("policies") SegmentPolicy policy,
      @ForAll @LongRange(min = 0, max = 40_000) long recency, @ForAll @LongRange(min = 0, max = 40_000) long extra,
      @ForAll @LongRange(min = 0, max = 100_000) long spend) {
    // given
    Money monetary = Money.of(BigDecimal.valueOf(spend), Entries.TWD);
    long sinceFirst = recency + extra;

    // when
    RfmClass rfm = policy.classify(recency, sinceFirst, monetary);

    // then: exactly one description holds, and it is the one returned
    boolean recent = recency <= policy.activeDays();
    boolean high = !monetary.isLessThan(policy.highValueSpend());
    List<RfmClass> holding = new ArrayList<>();
    if (recency > policy.dormantDays()) {
      holding.add(RfmClass.CHURNED);
    }
    if (recency > policy.atRiskDays() && recency <= policy.dormantDays()) {
      holding.add(RfmClass.DORMANT);
    }
    if (recency > policy.activeDays() && recency <= policy.atRiskDays()) {
      holding.add(RfmClass.AT_RISK);
    }
    if (recent && high) {
      holding.add(RfmClass.HIGH_VALUE);
    }
    if (recent && !high && sinceFirst <= policy.newDays()) {
      holding.add(RfmClass.NEW);
    }
    if (recent && !high && sinceFirst > policy.newDays()) {
      holding.add(RfmClass.ACTIVE);
    }
    assertThat(holding).containsExactly(rfm);
  }

  @Property
  void theClassOnlyMovesTowardsChurnedAsRecencyGrows(@ForAll("policies") SegmentPolicy policy,
      @ForAll @LongRange(min = 0, max = 40_000) long recency, @ForAll @LongRange(min = 1, max = 400) long later,
      @ForAll @LongRange(min = 0, max = 100_000) long spend) {
    // given
    Money monetary = Money.of(BigDecimal.valueOf(spend), Entries.TWD);

    // when
    RfmClass before = policy.classify(recency, recency, monetary);
    RfmClass after = policy.classify(recency + later, recency + later, monetary);

    // then: lapse order NEW/ACTIVE/HIGH_VALUE < AT_RISK < DORMANT < CHURNED never goes back
    assertThat(lapse(after)).isGreaterThanOrEqualTo(lapse(before));
  }

  @Property
  void aRecentHighValueMemberStaysHighValueAsSpendGrows(@ForAll("policies") SegmentPolicy policy,
      @ForAll @LongRange(min = 0, max = 100_000) long spend, @ForAll @LongRange(min = 0, max = 100_000) long more) {
    // given
    Money monetary = Money.of(BigDecimal.valueOf(spend), Entries.TWD);
    Money larger = Money.of(BigDecimal.valueOf(spend + more), Entries.TWD);

    // when
    RfmClass before = policy.classify(policy.activeDays(), 40_000, monetary);
    RfmClass after = policy.classify(policy.activeDays(), 40_000, larger);

    // then
    if (before == RfmClass.HIGH_VALUE) {
      assertThat(after).isEqualTo(RfmClass.HIGH_VALUE);
    }
  }

  private static int lapse(RfmClass rfm) {
    return switch (rfm) {
      case NEW, ACTIVE, HIGH_VALUE -> 0;
      case AT_RISK -> 1;
      case DORMANT -> 2;
      case CHURNED -> 3;
    };
  }

  @Provide
  Arbitrary<SegmentPolicy> policies() {
    Arbitrary<Integer> months = Arbitraries.integers().between(1, 24);
    Arbitrary<Integer> newDays = Arbitraries.integers().between(0, 120);
    Arbitrary<Integer> active = Arbitraries.integers().between(0, 200);
    Arbitrary<Integer> gap1 = Arbitraries.integers().between(1, 200);
    Arbitrary<Integer> gap2 = Arbitraries.integers().between(1, 400);
    Arbitrary<Integer> high = Arbitraries.integers().between(1, 50_000);
    return Combinators.combine(months, newDays, active, gap1, gap2, high).as((m, n, a, g1, g2, h) ->
        new SegmentPolicy(Period.ofMonths(m), n, a, a + g1, a + g1 + g2, Money.of(BigDecimal.valueOf(h), Entries.TWD)));
  }

  @Provide
  Arbitrary<List<PaidOrder>> orders() {
    Arbitrary<PaidOrder> order = Combinators.combine(
        Arbitraries.integers().between(0, 800), Arbitraries.longs().between(1, 20_000),
        Arbitraries.integers().between(0, 100), Arbitraries.integers().between(0, 200)).as((hours, spend, pct, delay) -> {
          Instant at = T0.plus(Duration.ofHours(hours * 3L));
          long refunded = spend * pct / 100;
          return new PaidOrder("o", at, spend, refunded, at.plus(Duration.ofHours(delay)));
        });
    return order.list().ofMaxSize(12).map(list -> {
      List<PaidOrder> named = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        PaidOrder o = list.get(i);
        named.add(new PaidOrder("o-" + i, o.at(), o.spend(), o.refunded(), o.refundedAt()));
      }
      return named;
    });
  }
}
