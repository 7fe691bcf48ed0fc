package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;
import static org.loyaltyrules.loyalty.rules.Fixtures.twd;

import java.time.Instant;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EngineRule;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.InsufficientPointsException;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.UnknownEntryException;

/** Worked examples for redemptions (1 point = NT$1 by default) and their cancellation. */
class RedemptionTest {
  private static final Instant PAID = taipei("2025-03-05T12:00");
  private static final Instant LATER = taipei("2025-03-06T12:00");

  /** A member with 500 points from a NT$50,000 order. */
  private static Shop shopWith500Points(Programme programme) {
    Shop shop = new Shop(programme);
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", PAID, "50000")));
    shop.setTier("m-1", "member");
    return shop;
  }

  private static LoyaltyEvent.PointsRedeemed redeem(String id, long points) {
    return new LoyaltyEvent.PointsRedeemed(id, "m-1", Points.of(points), LATER);
  }

  @Test
  void redeem_debitsThePointsAtTheirCashValue() {
    // given
    Shop shop = shopWith500Points(taiwan());

    // when
    Decision decision = shop.apply(redeem("redeem-1", 100));

    // then
    assertThat(decision.firedRules()).isEmpty();
    LedgerEntry.Redeemed entry = (LedgerEntry.Redeemed) decision.entries().get(0);
    assertThat(decision.entries()).hasSize(1);
    assertThat(entry.key()).isEqualTo(EntryKey.redemption("redeem-1").text());
    assertThat(entry.points()).isEqualTo(Points.of(-100));
    assertThat(entry.cashValue()).isEqualTo(twd("100"));
    assertThat(entry.provenance().rule()).isEqualTo(EngineRule.REDEEM);
    assertThat(entry.provenance().reason()).isEqualTo("100 points redeemed for TWD 100.00 at TWD 1.00 per point");
    assertThat(shop.balance("m-1")).isEqualTo(400);
  }

  @Test
  void redeem_programmeCashValue_isApplied() {
    // given: 1 point = NT$0.50, at least 50 points
    Shop shop = shopWith500Points(taiwan().toBuilder().redemption(twd("0.5"), Points.of(50)).build());

    // when
    Decision decision = shop.apply(redeem("redeem-1", 75));

    // then
    assertThat(((LedgerEntry.Redeemed) decision.entries().get(0)).cashValue()).isEqualTo(twd("37.50"));
  }

  @Test
  void redeem_belowTheMinimum_isRejected() {
    // given
    Shop shop = shopWith500Points(taiwan().toBuilder().redemption(twd("1"), Points.of(50)).build());

    // then
    assertThatThrownBy(() -> shop.decide(redeem("redeem-1", 49)))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo("points");
          assertThat(e.value()).isEqualTo("49");
        });
  }

  @Test
  void redeem_moreThanAvailable_throwsInsufficientPoints() {
    // given
    Shop shop = shopWith500Points(taiwan());

    // then
    assertThatThrownBy(() -> shop.decide(redeem("redeem-1", 501)))
        .isInstanceOf(InsufficientPointsException.class)
        .hasMessageContaining("501")
        .hasMessageContaining("500");
    assertThat(shop.balance("m-1")).isEqualTo(500);
  }

  @Test
  void redeem_pendingPoints_areNotAvailable() {
    // given: points held 14 days
    Shop shop = shopWith500Points(taiwan().toBuilder().pendingPeriod(Period.ofDays(14)).build());

    // then
    assertThatThrownBy(() -> shop.decide(redeem("redeem-1", 1))).isInstanceOf(InsufficientPointsException.class);
    assertThat(shop.decide(new LoyaltyEvent.PointsRedeemed("redeem-2", "m-1", Points.of(500), taipei("2025-03-19T12:00")))
        .entries()).hasSize(1);
  }

  @Test
  void redeem_deliveredTwice_debitsOnce() {
    // given
    Shop shop = shopWith500Points(taiwan());
    Decision first = shop.apply(redeem("redeem-1", 100));

    // when
    Decision again = shop.decide(redeem("redeem-1", 100));

    // then
    assertThat(again.entries()).isEmpty();
    assertThat(again.notices()).containsExactly("redemption redeem-1 was already decided");
    assertThat(shop.ledger("m-1").appendAll(first.entries())).containsOnly(PointLedger.AppendResult.DUPLICATE);
    assertThat(shop.balance("m-1")).isEqualTo(400);
  }

  @Test
  void cancel_givesThePointsBack() {
    // given
    Shop shop = shopWith500Points(taiwan());
    shop.apply(redeem("redeem-1", 100));

    // when
    Decision decision = shop.apply(new LoyaltyEvent.RedemptionCancelled("cancel-1", "m-1", "redeem-1", LATER.plusSeconds(60)));

    // then
    LedgerEntry.RedemptionCancelled entry = (LedgerEntry.RedemptionCancelled) decision.entries().get(0);
    assertThat(entry.key()).isEqualTo(EntryKey.redemptionCancellation("redeem-1").text());
    assertThat(entry.points()).isEqualTo(Points.of(100));
    assertThat(entry.redemptionKey()).isEqualTo(EntryKey.redemption("redeem-1").text());
    assertThat(entry.provenance().rule()).isEqualTo(EngineRule.REDEEM_CANCEL);
    assertThat(shop.balance("m-1")).isEqualTo(500);
  }

  @Test
  void cancel_twice_givesBackOnce() {
    // given
    Shop shop = shopWith500Points(taiwan());
    shop.apply(redeem("redeem-1", 100));
    shop.apply(new LoyaltyEvent.RedemptionCancelled("cancel-1", "m-1", "redeem-1", LATER.plusSeconds(60)));

    // when: another cancellation of the same redemption
    Decision again = shop.decide(new LoyaltyEvent.RedemptionCancelled("cancel-2", "m-1", "redeem-1", LATER.plusSeconds(120)));

    // then
    assertThat(again.entries()).isEmpty();
    assertThat(again.notices()).containsExactly("redemption redeem-1 was already cancelled");
  }

  @Test
  void cancel_unknownRedemption_isRejected() {
    // given
    Shop shop = shopWith500Points(taiwan());

    // then
    assertThatThrownBy(() -> shop.decide(new LoyaltyEvent.RedemptionCancelled("cancel-1", "m-1", "redeem-9", LATER)))
        .isInstanceOfSatisfying(UnknownEntryException.class, e -> {
          assertThat(e.field()).isEqualTo("redemptionId");
          assertThat(e.value()).isEqualTo("redeem-9");
        });
  }
}
