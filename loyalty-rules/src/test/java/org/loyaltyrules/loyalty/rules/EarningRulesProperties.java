package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.bonus;
import static org.loyaltyrules.loyalty.rules.Fixtures.multiplier;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;

/** Properties of {@code earning.drl} and of the order accounting every award goes through. */
class EarningRulesProperties {
  /** Campaigns of every shape, so that monotonicity and line-order laws cover them too. */
  private static final Programme WITH_CAMPAIGNS = Fixtures.taiwan(
      multiplier("tuesdays", "2", CampaignSchedule.every(java.time.DayOfWeek.TUESDAY)),
      multiplier("shoes-x3", "3", CampaignSchedule.always()).targeting(Set.of(), Set.of("shoes")),
      multiplier("tea-x1.5", "1.5", CampaignSchedule.always()).targeting(Set.of("TEA-01"), Set.of()),
      multiplier("pos-x2", "2", CampaignSchedule.always()).onChannels(Set.of(org.loyaltyrules.loyalty.Channel.POS)),
      multiplier("mixed-x2", "2", CampaignSchedule.always()).targeting(Set.of("SH-1"), Set.of("tea")),
      bonus("first-order", CampaignKind.FIRST_ORDER_BONUS, 100, CampaignSchedule.always(), null),
      bonus("spend-1499", CampaignKind.THRESHOLD_BONUS, 200, CampaignSchedule.always(), "1499"));
  private static final LoyaltyRulesEngine ENGINE = Fixtures.engine(WITH_CAMPAIGNS);
  private static final Instant WEEK = taipei("2025-03-03T00:00");

  private static Decision decide(LoyaltyRulesEngine engine, String tier, Order order) {
    Member member = Member.of("m-1", taipei("2024-01-01T00:00"), tier);
    return engine.decide(new LoyaltyEvent.OrderPaid(order),
        DecisionContext.of(member, engine.programme().newLedger("m-1")));
  }

  @Provide
  Arbitrary<Order> orders() {
    return RulesArbitraries.orders("o-1", "m-1", RulesArbitraries.around(WEEK.plus(Duration.ofDays(3)), Duration.ofDays(3)), 5);
  }

  @Provide
  Arbitrary<String> tiers() {
    return Arbitraries.of(RulesArbitraries.TIERS);
  }

  @Property(tries = 300)
  void basePointsAreTheEarningBaseTimesTheTierRateRoundedDownOnce(@ForAll("orders") Order order,
      @ForAll("tiers") String tier) {
    // when
    Decision decision = decide(ENGINE, tier, order);

    // then
    BigDecimal base = RulesArbitraries.earningBase(order, WITH_CAMPAIGNS);
    LedgerEntry.Earned entry = Fixtures.earned(decision, EntryKey.orderBase("o-1"));
    assertThat(entry.points().value()).isEqualTo(RulesArbitraries.floor(base.multiply(RulesArbitraries.rate(tier))));
    assertThat(entry.spend().amount()).isEqualByComparingTo(base);
    assertThat(entry.lines()).extracting(LineShare::lineId).containsExactlyElementsOf(order.lines().stream()
        .filter(WITH_CAMPAIGNS::isInEarningBase).map(OrderLine::lineId).toList());
    if (entry.lines().isEmpty()) {
      // no line to rate; only the threshold's near-miss rule may speak (an empty base is short of it)
      assertThat(decision.firedRules()).allMatch("order-bonuses: order falls short of the spend threshold"::equals);
      assertThat(entry.provenance().reason()).isEqualTo("no earning rule matched; qualifying spend recorded");
    } else {
      assertThat(entry.provenance().reason()).contains(" earning base × ").contains(" point(s) per TWD 100 (" + tier
          + " tier)").endsWith(" points (rounded down per order)");
    }
  }

  @Property(tries = 200)
  void perLineRoundingRoundsEachLine(@ForAll("orders") Order order, @ForAll("tiers") String tier) {
    // given
    Programme perLine = WITH_CAMPAIGNS.toBuilder().rounding(RoundingMode.HALF_UP, Programme.RoundingScope.PER_LINE).build();

    // when
    Decision decision = decide(Fixtures.engine(perLine), tier, order);

    // then
    Map<String, Money> nets = order.netAfterOrderDiscount();
    for (LineShare share : Fixtures.earned(decision, EntryKey.orderBase("o-1")).lines()) {
      BigDecimal exact = nets.get(share.lineId()).amount().multiply(RulesArbitraries.rate(tier));
      assertThat(share.points().value()).isEqualTo(exact.setScale(0, RoundingMode.HALF_UP).longValueExact());
    }
  }

  @Property(tries = 300)
  void pointsNeverDecreaseWhenSpendIncreases(@ForAll("orders") Order order, @ForAll("tiers") String tier,
      @ForAll @IntRange(min = 0, max = 4) int lineIndex, @ForAll @LongRange(min = 1, max = 200_000) long moreCents,
      @ForAll boolean byQuantity) {
    // given: the same order with one line's unit price or quantity raised, all else equal
    int i = lineIndex % order.lines().size();
    OrderLine line = order.lines().get(i);
    OrderLine bigger = byQuantity
        ? new OrderLine(line.lineId(), line.sku(), line.category(), line.quantity() + 1, line.unitPrice(), line.discount())
        : new OrderLine(line.lineId(), line.sku(), line.category(), line.quantity(),
            line.unitPrice().plus(RulesArbitraries.minor(moreCents)), line.discount());
    List<OrderLine> lines = new ArrayList<>(order.lines());
    lines.set(i, bigger);
    Order more = new Order(order.id(), order.memberId(), order.paidAt(), order.channel(), order.currency(), lines,
        order.orderDiscount(), order.shipping());

    // when
    long before = decide(ENGINE, tier, order).pointsFor("m-1").value();
    long after = decide(ENGINE, tier, more).pointsFor("m-1").value();

    // then
    assertThat(after).isGreaterThanOrEqualTo(before);
  }

  @Property(tries = 300)
  void lineOrderDecidesOnlyWhichTiedLineGetsAPoint(@ForAll("orders") Order order, @ForAll("tiers") String tier,
      @ForAll long seed) {
    // given
    List<OrderLine> shuffled = new ArrayList<>(order.lines());
    Collections.shuffle(shuffled, new java.util.Random(seed));
    Order permuted = new Order(order.id(), order.memberId(), order.paidAt(), order.channel(), order.currency(),
        shuffled, order.orderDiscount(), order.shipping());

    // when
    Decision original = decide(ENGINE, tier, order);
    Decision reordered = decide(ENGINE, tier, permuted);

    // then: the same entries and totals; a line's share moves by at most the one point a tie between
    // equal remainders gives to the earlier line (issue 14: ties by position, not by id text)
    List<LedgerEntry> a = normalised(original.entries());
    List<LedgerEntry> b = normalised(reordered.entries());
    assertThat(withoutLinePoints(b)).isEqualTo(withoutLinePoints(a));
    for (int k = 0; k < a.size(); k++) {
      if (a.get(k) instanceof LedgerEntry.Earned x && b.get(k) instanceof LedgerEntry.Earned y) {
        for (int i = 0; i < x.lines().size(); i++) {
          assertThat(y.lines().get(i).points().value()).as("%s line %s", x.key(), x.lines().get(i).lineId())
              .isBetween(x.lines().get(i).points().value() - 1, x.lines().get(i).points().value() + 1);
        }
      }
    }
    assertThat(sorted(reordered.firedRules())).isEqualTo(sorted(original.firedRules()));
    assertThat(reordered.notices()).isEqualTo(original.notices());
    assertThat(reordered.tierChange()).isEqualTo(original.tierChange());
  }

  /** The entries as text with each line share's points left out: everything but which tied line got a point. */
  private static List<String> withoutLinePoints(List<LedgerEntry> entries) {
    List<String> result = new ArrayList<>();
    for (LedgerEntry entry : entries) {
      if (entry instanceof LedgerEntry.Earned e) {
        List<String> lines = new ArrayList<>();
        for (LineShare s : e.lines()) {
          lines.add(s.lineId() + " × " + s.quantity() + " " + s.spend());
        }
        result.add(e.key() + " " + e.points() + " " + e.occurredAt() + " " + e.provenance() + " " + e.spend() + " "
            + lines + " " + e.pendingUntil() + " " + e.expiresAt());
      } else {
        result.add(entry.toString());
      }
    }
    return result;
  }

  static List<LedgerEntry> normalised(List<LedgerEntry> entries) {
    List<LedgerEntry> result = new ArrayList<>();
    for (LedgerEntry entry : entries) {
      if (entry instanceof LedgerEntry.Earned e) {
        List<LineShare> lines = new ArrayList<>(e.lines());
        lines.sort(Comparator.comparing(LineShare::lineId));
        result.add(new LedgerEntry.Earned(e.key(), e.memberId(), e.points(), e.occurredAt(), e.provenance(), e.spend(),
            lines, e.pendingUntil(), e.expiresAt()));
      } else {
        result.add(entry);
      }
    }
    result.sort(Comparator.comparing(LedgerEntry::key));
    return result;
  }

  private static List<String> sorted(List<String> values) {
    List<String> copy = new ArrayList<>(values);
    Collections.sort(copy);
    return copy;
  }
}
