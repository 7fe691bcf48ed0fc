package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.BeyondHorizonException;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerCheckpoint;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.NegativeBalancePolicy;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.json.LoyaltyJson;

/**
 * Birthday points and gifts survive a ledger checkpoint: a birthday bonus paid before the horizon is kept
 * as a lifetime key, so a later day of the same birthday month pays nothing; a gift granted before the
 * horizon is kept as an entry (the host still sees what it owes), and a refund of its order, paid before
 * the horizon, is refused as every such refund is, changing nothing.
 */
class CalendarCheckpointTest {
  private static final Member MEMBER = Member.of("m-1", taipei("2025-03-05T12:00"), "member")
      .withBirthday(MonthDay.of(3, 15));

  private static LoyaltyEvent.DayStarted day(String date) {
    return new LoyaltyEvent.DayStarted("day:" + date, "m-1", LocalDate.parse(date), taipei(date + "T00:05"));
  }

  private static Decision decide(LoyaltyRulesEngine engine, LoyaltyEvent event, PointLedger ledger) {
    Decision decision = engine.decide(event, DecisionContext.of(MemberState.of(MEMBER, ledger)));
    ledger.appendAll(decision.entries());
    return decision;
  }

  private static PointLedger throughCheckpoint(PointLedger ledger, Instant asOf, Instant horizon) {
    LedgerCheckpoint checkpoint = LoyaltyJson.read(LoyaltyJson.write(ledger.checkpoint(asOf, horizon)),
        LedgerCheckpoint.class);
    return PointLedger.fromCheckpoint(checkpoint, List.of());
  }

  @Test
  void birthdayBonus_beforeTheHorizon_isNotPaidAgainLaterThatMonth() {
    // given: paid on 1 March, checkpoint with its horizon on 10 March
    LoyaltyRulesEngine engine = Fixtures.engine(Fixtures.taiwan(CalendarBonusesRulesTest.BIRTHDAY_200,
        CalendarBonusesRulesTest.COUPON));
    PointLedger ledger = PointLedger.empty("m-1", NegativeBalancePolicy.ALLOW_DEBT);
    decide(engine, day("2026-03-01"), ledger);
    PointLedger rebuilt = throughCheckpoint(ledger, taipei("2026-03-10T00:00"), taipei("2026-03-10T00:00"));

    // when
    Decision later = decide(engine, day("2026-03-20"), rebuilt);

    // then
    assertThat(rebuilt.contains(EntryKey.birthdayBonus("m-1", 2026, "bday-200"))).isTrue();
    assertThat(later.entries()).isEmpty();
    assertThat(rebuilt.balance().value()).isEqualTo(200);
    assertThat(rebuilt.outstandingRewards()).extracting(r -> r.reward()).containsExactly("COUPON-BDAY-100");
  }

  @Test
  void thresholdGift_beforeTheHorizon_isKeptAndItsOrdersRefundIsRefused() {
    // given: the gift granted on 10 May, checkpoint with its horizon on 11 May
    LoyaltyRulesEngine engine = Fixtures.engine(Fixtures.taiwan(OrderGiftsRulesTest.THERMOS));
    PointLedger ledger = PointLedger.empty("m-1", NegativeBalancePolicy.ALLOW_DEBT);
    decide(engine, new LoyaltyEvent.OrderPaid(OrderGiftsRulesTest.ORDER), ledger);
    PointLedger rebuilt = throughCheckpoint(ledger, taipei("2026-05-11T00:00"), taipei("2026-05-11T00:00"));
    LoyaltyEvent.OrderReturned refund = LoyaltyEvent.OrderReturned.whole("r-1", OrderGiftsRulesTest.ORDER,
        taipei("2026-05-12T10:00"));

    // when / then
    assertThat(rebuilt.outstandingRewards()).extracting(r -> r.key())
        .containsExactly(EntryKey.orderReward("o-1", "thermos-1499").text());
    assertThatThrownBy(() -> engine.decide(refund, DecisionContext.of(MemberState.of(MEMBER, rebuilt))))
        .isInstanceOf(BeyondHorizonException.class);
    assertThat(rebuilt.outstandingRewards()).hasSize(1);
  }
}
