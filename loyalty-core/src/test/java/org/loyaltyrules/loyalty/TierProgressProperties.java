package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.loyaltyrules.loyalty.SegmentLedgers.PaidOrder;

/**
 * Tier progress against the ledger's own qualifying spend: the amount plus the spend it was computed
 * from reaches the threshold exactly, and spending it before the deadline is enough.
 */
class TierProgressProperties {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  @Property(tries = 300)
  void reachAmountPlusWindowSpendIsTheThresholdAndSpendingItBeforeTheDeadlineQualifies(
      @ForAll("orders") List<PaidOrder> orders, @ForAll @IntRange(min = 30, max = 400) int windowDays,
      @ForAll("zones") ZoneId zone, @ForAll @IntRange(min = 0, max = 1) int tierRank) {
    // given
    TierLadder ladder = ladder(Period.ofDays(windowDays));
    PointLedger ledger = SegmentLedgers.ledger(orders);
    Instant asOf = T0.plus(Duration.ofDays(500));
    Tier next = ladder.tiers().get(tierRank + 1);

    // when
    Optional<TierProgress> reach = TierProgress.of(ladder, ledger, ladder.tiers().get(tierRank).code(), asOf, zone,
        Money.zero(Entries.TWD)).stream().filter(p -> !p.keep()).findFirst();

    // then
    Money spend = ledger.qualifyingSpend(start(asOf, next, zone), asOf, Entries.TWD);
    if (!spend.isLessThan(next.threshold())) {
      assertThat(reach).isEmpty();
      return;
    }
    assertThat(reach).isPresent();
    assertThat(reach.get().amount().plus(spend)).isEqualTo(next.threshold());
    Instant spendAt = reach.get().deadline().orElse(asOf.plusSeconds(1));
    List<PaidOrder> more = new ArrayList<>(orders);
    more.add(new PaidOrder("extra", spendAt, reach.get().amount().amount().longValueExact(), 0, null));
    assertThat(SegmentLedgers.ledger(more).qualifyingSpend(start(spendAt, next, zone), spendAt, Entries.TWD))
        .isEqualTo(next.threshold());
    reach.get().deadline().ifPresent(deadline ->
        assertThat(reach.get().byDate()).contains(deadline.atZone(zone).toLocalDate().minusDays(1)));
  }

  @Property(tries = 300)
  void keepAmountPlusWhatIsLeftAfterTheDeadlineIsTheThreshold(@ForAll("orders") List<PaidOrder> orders,
      @ForAll @IntRange(min = 30, max = 400) int windowDays, @ForAll @IntRange(min = 1, max = 2) int tierRank) {
    // given: UTC and day windows, so "just after the deadline" is one second later exactly
    ZoneId zone = ZoneOffset.UTC;
    TierLadder ladder = ladder(Period.ofDays(windowDays));
    Tier tier = ladder.tiers().get(tierRank);
    PointLedger ledger = SegmentLedgers.ledger(orders);
    Instant asOf = T0.plus(Duration.ofDays(500));

    // when
    TierProgress keep = TierProgress.of(ladder, ledger, tier.code(), asOf, zone, Money.zero(Entries.TWD)).get(0);

    // then
    assertThat(keep.keep()).isTrue();
    Money now = ledger.qualifyingSpend(start(asOf, tier, zone), asOf, Entries.TWD);
    if (now.isLessThan(tier.threshold())) {
      assertThat(keep.amount().plus(now)).isEqualTo(tier.threshold());
      return;
    }
    Instant after = keep.deadline().orElseThrow().plusSeconds(1);
    Money left = ledger.qualifyingSpend(start(after, tier, zone), asOf, Entries.TWD);
    assertThat(keep.amount().plus(left)).isEqualTo(tier.threshold());
    // Spending it now keeps the member qualifying just after the deadline.
    List<PaidOrder> more = new ArrayList<>(orders);
    more.add(new PaidOrder("extra", asOf.plusSeconds(1), keep.amount().amount().longValueExact(), 0, null));
    assertThat(SegmentLedgers.ledger(more).qualifyingSpend(start(after, tier, zone), after, Entries.TWD))
        .isEqualTo(tier.threshold());
  }

  private static Instant start(Instant at, Tier tier, ZoneId zone) {
    return at.atZone(zone).minus(tier.window()).toInstant();
  }

  private static TierLadder ladder(Period window) {
    return TierLadder.of(Tier.of("member", 0, Money.zero(Entries.TWD), window),
        Tier.of("silver", 1, Money.of("10000", "TWD"), window),
        Tier.of("gold", 2, Money.of("30000", "TWD"), window));
  }

  @Provide
  Arbitrary<ZoneId> zones() {
    return Arbitraries.of(ZoneId.of("Asia/Taipei"), ZoneId.of("Pacific/Chatham"), ZoneId.of("America/New_York"));
  }

  @Provide
  Arbitrary<List<PaidOrder>> orders() {
    Arbitrary<PaidOrder> order = Combinators.combine(
        Arbitraries.integers().between(0, 500 * 24), Arbitraries.longs().between(1, 9_000),
        Arbitraries.integers().between(0, 100)).as((hours, spend, pct) -> {
          Instant at = T0.plus(Duration.ofHours(hours));
          long refunded = pct > 70 ? spend * (pct - 70) / 30 : 0;
          return new PaidOrder("o", at, spend, refunded, at.plus(Duration.ofHours(1)).isAfter(T0.plus(Duration.ofDays(500)))
              ? at : at.plus(Duration.ofHours(1)));
        });
    return order.list().ofMaxSize(10).map(list -> {
      List<PaidOrder> named = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        PaidOrder o = list.get(i);
        named.add(new PaidOrder("o-" + i, o.at(), o.spend(), o.refunded(), o.refundedAt()));
      }
      return named;
    });
  }

}
