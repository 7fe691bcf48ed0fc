package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.earned;
import static org.loyaltyrules.loyalty.rules.Fixtures.keysOf;
import static org.loyaltyrules.loyalty.rules.Fixtures.line;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.sharePoints;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;
import static org.loyaltyrules.loyalty.rules.Fixtures.twd;

import java.math.RoundingMode;
import java.time.Instant;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EngineRule;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Tier;
import org.loyaltyrules.loyalty.TierLadder;

/**
 * Worked examples for {@code earning.drl}: 1 point per NT$100 for members, 1.5 for silver, 2 for
 * gold, on the earning base (line nets after line and order discounts; shipping and gift cards
 * excluded), rounded down once per order unless the programme says otherwise.
 */
class EarningRulesTest {
  private static final String MEMBER_RATE = "earning: base rate for member tier";
  private static final String SILVER_RATE = "earning: base rate for silver tier";
  private static final String GOLD_RATE = "earning: base rate for gold tier";
  /** A Wednesday with no campaign. */
  private static final Instant PAID = taipei("2025-03-05T12:00");

  private static Decision earn(Programme programme, String tier, LoyaltyEvent.OrderPaid event) {
    Shop shop = new Shop(programme);
    shop.join(Member.of("m-1", taipei("2024-01-01T00:00"), tier));
    return shop.apply(event);
  }

  private static LoyaltyEvent.OrderPaid paid(org.loyaltyrules.loyalty.Order order) {
    return new LoyaltyEvent.OrderPaid(order);
  }

  @ParameterizedTest(name = "{0}: NT$1,250 earns {1} points")
  @CsvSource({
      "member, 12, 12.5, 1, " + MEMBER_RATE,
      "silver, 18, 18.75, 1.5, " + SILVER_RATE,
      "gold,   25, 25, 2, " + GOLD_RATE})
  void earn_byTier_ratePerHundredRoundedDown(String tier, long points, String exact, String rate, String rule) {
    // given
    LoyaltyEvent.OrderPaid event = paid(order("o-1", "m-1", PAID, "1250"));

    // when
    Decision decision = earn(taiwan(), tier, event);

    // then
    assertThat(decision.firedRules()).containsExactly(rule);
    assertThat(keysOf(decision)).containsExactly(EntryKey.orderBase("o-1").text());
    LedgerEntry.Earned base = earned(decision, EntryKey.orderBase("o-1"));
    assertThat(base.points()).isEqualTo(Points.of(points));
    assertThat(base.spend()).isEqualTo(twd("1250"));
    assertThat(base.lines()).containsExactly(new LineShare("l1", 1, Points.of(points), twd("1250")));
    assertThat(base.provenance().rule()).isEqualTo(rule);
    assertThat(base.provenance().sourceEventId()).isEqualTo("o-1");
    assertThat(base.provenance().reason()).isEqualTo("TWD 1250.00 earning base × " + rate + " point(s) per TWD 100 ("
        + tier + " tier) = " + exact + " → " + points + " points (rounded down per order)");
  }

  @Test
  void earn_threeLinesOfNt150_roundsOncePerOrderByDefault() {
    // given: 3 × NT$150 at 1 point per NT$100 is 4.5 points
    LoyaltyEvent.OrderPaid event = paid(order("o-1", "m-1", PAID, Channel.ONLINE_STORE,
        line("l1", "SKU-1", "apparel", 1, "150"), line("l2", "SKU-2", "apparel", 1, "150"),
        line("l3", "SKU-3", "apparel", 1, "150")));

    // when
    Decision decision = earn(taiwan(), "member", event);

    // then: rounded once (4.5 → 4); the whole point left over goes to the first line on a tie
    assertThat(decision.firedRules()).containsExactly(MEMBER_RATE, MEMBER_RATE, MEMBER_RATE);
    LedgerEntry.Earned base = earned(decision, EntryKey.orderBase("o-1"));
    assertThat(base.points()).isEqualTo(Points.of(4));
    assertThat(sharePoints(base)).containsExactly("l1=2", "l2=1", "l3=1");
    assertThat(base.provenance().reason()).contains("= 4.5 → 4 points (rounded down per order)");
  }

  @Test
  void earn_threeLinesOfNt150_roundsEachLineWhenProgrammeSaysPerLine() {
    // given
    Programme perLine = taiwan().toBuilder().rounding(RoundingMode.DOWN, Programme.RoundingScope.PER_LINE).build();
    LoyaltyEvent.OrderPaid event = paid(order("o-1", "m-1", PAID, Channel.ONLINE_STORE,
        line("l1", "SKU-1", "apparel", 1, "150"), line("l2", "SKU-2", "apparel", 1, "150"),
        line("l3", "SKU-3", "apparel", 1, "150")));

    // when
    Decision decision = earn(perLine, "member", event);

    // then: each line's 1.5 rounds down to 1, so the order earns 3, not 4
    LedgerEntry.Earned base = earned(decision, EntryKey.orderBase("o-1"));
    assertThat(base.points()).isEqualTo(Points.of(3));
    assertThat(sharePoints(base)).containsExactly("l1=1", "l2=1", "l3=1");
    assertThat(base.provenance().reason()).endsWith("= 4.5 → 3 points (rounded down per line)");
  }

  @Test
  void earn_halfUpPerLine_roundsEachHalfUp() {
    // given
    Programme halfUp = taiwan().toBuilder().rounding(RoundingMode.HALF_UP, Programme.RoundingScope.PER_LINE).build();
    LoyaltyEvent.OrderPaid event = paid(order("o-1", "m-1", PAID, Channel.ONLINE_STORE,
        line("l1", "SKU-1", "apparel", 1, "150"), line("l2", "SKU-2", "apparel", 1, "149")));

    // when
    Decision decision = earn(halfUp, "member", event);

    // then: 1.5 → 2 and 1.49 → 1
    LedgerEntry.Earned base = earned(decision, EntryKey.orderBase("o-1"));
    assertThat(sharePoints(base)).containsExactly("l1=2", "l2=1");
    assertThat(base.provenance().reason()).endsWith("(rounded half up per line)");
  }

  @Test
  void earn_orderDiscount_splitOverLinesByNet() {
    // given: NT$600 + NT$400 with NT$100 off the order: the lines net NT$540 and NT$360
    LoyaltyEvent.OrderPaid event = paid(order("o-1", "m-1", PAID, Channel.ONLINE_STORE, "100", "0",
        line("l1", "SKU-1", "apparel", 1, "600"), line("l2", "SKU-2", "apparel", 1, "400")));

    // when
    Decision decision = earn(taiwan(), "member", event);

    // then: NT$900 earns 9 points; 5.4 and 3.6 become 5 and 4 (the larger remainder gets the point)
    LedgerEntry.Earned base = earned(decision, EntryKey.orderBase("o-1"));
    assertThat(base.spend()).isEqualTo(twd("900"));
    assertThat(base.points()).isEqualTo(Points.of(9));
    assertThat(base.lines()).containsExactly(
        new LineShare("l1", 1, Points.of(5), twd("540")),
        new LineShare("l2", 1, Points.of(4), twd("360")));
    assertThat(base.provenance().reason()).startsWith("TWD 900.00 earning base × 1 point(s) per TWD 100");
  }

  @Test
  void earn_lineDiscount_earnsOnTheNet() {
    // given: 2 × NT$750 with NT$100 off the line
    LoyaltyEvent.OrderPaid event = paid(order("o-1", "m-1", PAID, Channel.ONLINE_STORE,
        line("l1", "SKU-1", "apparel", 2, "750", "100")));

    // when
    Decision decision = earn(taiwan(), "member", event);

    // then: NT$1,400 → 14 points
    assertThat(earned(decision, EntryKey.orderBase("o-1")).points()).isEqualTo(Points.of(14));
  }

  @Test
  void earn_shippingAndGiftCards_outsideTheEarningBase() {
    // given: NT$1,000 of apparel, a NT$500 gift card and NT$80 shipping
    LoyaltyEvent.OrderPaid event = paid(order("o-1", "m-1", PAID, Channel.ONLINE_STORE, "0", "80",
        line("l1", "SKU-1", "apparel", 1, "1000"), line("l2", "GC-500", "gift-card", 1, "500")));

    // when
    Decision decision = earn(taiwan(), "gold", event);

    // then: only the apparel earns (2 × 10 = 20) and only it counts as qualifying spend
    assertThat(decision.firedRules()).containsExactly(GOLD_RATE);
    LedgerEntry.Earned base = earned(decision, EntryKey.orderBase("o-1"));
    assertThat(base.points()).isEqualTo(Points.of(20));
    assertThat(base.spend()).isEqualTo(twd("1000"));
    assertThat(base.lines()).extracting(LineShare::lineId).containsExactly("l1");
  }

  @Test
  void earn_centsInPrices_roundedDownOnce() {
    // given: 3 × NT$99.99 = NT$299.97
    LoyaltyEvent.OrderPaid event = paid(order("o-1", "m-1", PAID, Channel.ONLINE_STORE,
        line("l1", "SKU-1", "apparel", 3, "99.99")));

    // when
    Decision decision = earn(taiwan(), "member", event);

    // then
    LedgerEntry.Earned base = earned(decision, EntryKey.orderBase("o-1"));
    assertThat(base.points()).isEqualTo(Points.of(2));
    assertThat(base.provenance().reason()).contains("= 2.9997 → 2 points");
  }

  @Test
  void earn_pointsExpireTwelveMonthsLaterAtMonthEnd() {
    // given
    LoyaltyEvent.OrderPaid event = paid(order("o-1", "m-1", PAID, "1000"));

    // when
    Decision decision = earn(taiwan(), "member", event);

    // then: paid 5 March 2025 (Taipei) → valid until the end of March 2026, Taipei time
    LedgerEntry.Earned base = earned(decision, EntryKey.orderBase("o-1"));
    assertThat(base.expiresAt()).contains(taipei("2026-04-01T00:00"));
    assertThat(base.pendingUntil()).isEmpty();
  }

  @Test
  void earn_pendingPeriod_holdsThePoints() {
    // given
    Programme held = taiwan().toBuilder().pendingPeriod(Period.ofDays(14)).build();
    LoyaltyEvent.OrderPaid event = paid(order("o-1", "m-1", PAID, "1000"));

    // when
    Decision decision = earn(held, "member", event);

    // then
    assertThat(earned(decision, EntryKey.orderBase("o-1")).pendingUntil()).contains(taipei("2025-03-19T12:00"));
  }

  @Test
  void earn_tierWithoutEarningRule_recordsSpendOnly() {
    // given: a ladder whose codes no bundled earning rule names
    TierLadder ladder = TierLadder.of(Tier.of("bronze", 0, Money.of("0", "TWD"), Period.ofMonths(12)));
    Programme programme = Programme.builder(Fixtures.TWD, Fixtures.TAIPEI, ladder).build();
    LoyaltyEvent.OrderPaid event = paid(order("o-1", "m-1", PAID, "1000"));

    // when
    Decision decision = earn(programme, "bronze", event);

    // then: no points, but the qualifying spend is on the ledger
    assertThat(decision.firedRules()).isEmpty();
    LedgerEntry.Earned base = earned(decision, EntryKey.orderBase("o-1"));
    assertThat(base.points()).isEqualTo(Points.ZERO);
    assertThat(base.spend()).isEqualTo(twd("1000"));
    assertThat(base.provenance().rule()).isEqualTo(EngineRule.SPEND);
    assertThat(base.provenance().reason()).isEqualTo("no earning rule matched; qualifying spend recorded");
  }

  @Test
  void earn_everyEntryRecordsTheRuleBaseVersion() {
    // given
    Shop shop = new Shop(taiwan());
    shop.join(Member.of("m-1", taipei("2024-01-01T00:00"), "member"));

    // when
    Decision decision = shop.apply(paid(order("o-1", "m-1", PAID, "1000")));

    // then
    assertThat(decision.ruleBaseVersion()).isEqualTo(shop.engine.ruleBaseVersion())
        .startsWith(Fixtures.defaults().version());
    assertThat(decision.entries()).allSatisfy(
        e -> assertThat(e.provenance().ruleBaseVersion()).isEqualTo(decision.ruleBaseVersion()));
    assertThat(decision.eventId()).isEqualTo("o-1");
  }
}
