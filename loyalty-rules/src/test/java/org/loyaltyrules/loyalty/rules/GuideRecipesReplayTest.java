package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.replay.Lane;
import org.loyaltyrules.loyalty.rules.replay.Replay;
import org.loyaltyrules.loyalty.rules.replay.ReplayResult;
import org.loyaltyrules.loyalty.rules.replay.ReviewSchedule;

/**
 * Runs recipes 7.20 (review schedule in a replay) and 7.21 (how a refund is shared over lines) of
 * docs/writing-rules.md: their Java blocks are the regions between the snippet markers below, and
 * every number their prose gives is asserted here.
 */
class GuideRecipesReplayTest {

  private static LoyaltyEvent.OrderPaid paid(String id, String memberId, Instant at, String amount) {
    return new LoyaltyEvent.OrderPaid(Fixtures.order(id, memberId, at, amount));
  }

  @Test
  void reviewSchedule_aYearOfHistory_endsInTheTierAndBalanceOfARunningShop() {
    // given: a member reaches silver with NT$12,000 in January 2025 (120 points) and buys nothing
    // more; another member orders in March 2026
    LoyaltyRulesEngine engine = Fixtures.engine(PROGRAMME);
    List<LoyaltyEvent> events = List.of(
        new LoyaltyEvent.MemberEnrolled("e-1", "m-1", taipei("2025-01-10T10:00")),
        paid("o-1", "m-1", taipei("2025-01-15T12:00"), "12000"),
        new LoyaltyEvent.MemberEnrolled("e-2", "m-2", taipei("2026-03-10T09:00")),
        paid("o-2", "m-2", taipei("2026-03-10T10:00"), "500"));

    // when
    // snippet-start review-schedule/Replay.java
    Replay replay = Replay.builder()
        .lane("default", engine)
        .reviews(ReviewSchedule.defaultFor(engine.programme()))  // MONTHLY for Programmes.taiwan
        .build();
    ReplayResult result = replay.run(events);  // orders and returns, oldest first

    Lane lane = result.lane();
    lane.reviews();        // MONTHLY
    lane.reviewsRun();     // 14: 2025-02-01 … 2026-03-01
    lane.pointsExpired();  // 120, on 2026-02-01
    lane.downgrades();     // 1: silver → member on 2026-02-01
    // snippet-end

    // then
    assertThat(lane.reviews()).isEqualTo(ReviewSchedule.MONTHLY);
    assertThat(lane.reviewsRun()).isEqualTo(14);
    assertThat(lane.expiryRuns()).isEqualTo(14);
    assertThat(lane.pointsExpired()).isEqualTo(120);
    assertThat(lane.downgrades()).isEqualTo(1);
    assertThat(lane.accounts().get("m-1").member().tierCode()).isEqualTo("member");
    assertThat(lane.accounts().get("m-1").tierHistory().get(1).effectiveAt()).isEqualTo(taipei("2026-02-01T00:00"));

    // and without a schedule, or yearly, as the prose says
    Lane none = Replay.builder().lane("default", engine).build().run(events).lane();
    assertThat(none.reviews()).isEqualTo(ReviewSchedule.NONE);
    assertThat(none.accounts().get("m-1").member().tierCode()).isEqualTo("silver");
    assertThat(none.accounts().get("m-1").ledger().balance().value()).isEqualTo(120);
    Lane yearly = Replay.builder().lane("default", engine).reviews(ReviewSchedule.YEARLY).build().run(events).lane();
    assertThat(yearly.reviewsRun()).isEqualTo(1);
    assertThat(yearly.accounts().get("m-1").member().tierCode()).isEqualTo("silver");
    assertThat(yearly.pointsExpired()).isZero();
  }

  @Test
  void refundShares_fourLines_shareFivePointsFourZeroOneZero() {
    // given
    LoyaltyRulesEngine engine = Fixtures.engine(PROGRAMME);
    Instant paidAt = taipei("2025-03-05T12:00");
    MemberState member = MemberState.of(Member.of("m-1", taipei("2025-01-01T00:00"), "member"),
        engine.programme().newLedger("m-1"));

    // when
    // snippet-start refund-shares/Order.java
    Order order = Order.of("o-1", "m-1", paidAt, Channel.ONLINE_STORE, List.of(
        OrderLine.of("1", "SKU-1", "apparel", 1, Money.of("453", "TWD")),
        OrderLine.of("2", "SKU-2", "apparel", 1, Money.of("15", "TWD")),
        OrderLine.of("9", "SKU-9", "apparel", 1, Money.of("50", "TWD")),
        OrderLine.of("10", "SKU-10", "apparel", 1, Money.of("50", "TWD"))));
    Decision paid = engine.decide(new LoyaltyEvent.OrderPaid(order), DecisionContext.of(member));
    // base points: 5.68 → 5, shared 1: 4, 2: 0, 9: 1, 10: 0
    // snippet-end

    // then
    LedgerEntry.Earned base = Fixtures.earned(paid, EntryKey.orderBase("o-1"));
    assertThat(base.points().value()).isEqualTo(5);
    assertThat(base.lines()).extracting(s -> s.lineId() + ": " + s.points().value())
        .containsExactly("1: 4", "2: 0", "9: 1", "10: 0");

    // and returning line 1 claws back its 4 points, not 5
    PointLedger ledger = member.ledger();
    ledger.appendAll(paid.entries());
    Decision refund = engine.decide(LoyaltyEvent.OrderReturned.of("r-1", order,
        List.of(new LoyaltyEvent.ReturnedLine("1", 1)), paidAt.plusSeconds(3_600)), DecisionContext.of(member));
    LedgerEntry.ClawedBack clawback = (LedgerEntry.ClawedBack) refund.entries().get(0);
    assertThat(clawback.points().value()).isEqualTo(-4);
    assertThat(clawback.lines()).extracting(LineShare::lineId).containsExactly("1");
  }

  /**
   * Today's {@code Programmes.taiwan} tiers and expiry (12 months, to the end of the month), no
   * pending period, pinned so the guide's figures do not move with its defaults.
   */
  private static final Programme PROGRAMME = Programme.builder(Fixtures.TWD, Fixtures.TAIPEI,
          Programmes.taiwan(List.of()).tiers())
      .pointsExpireAfter(Period.ofMonths(12), true)
      .excludeFromEarning(Set.of(), Set.of("gift-card"))
      .campaigns(Programmes.defaultReferrals(Fixtures.TWD))
      .build();
}
