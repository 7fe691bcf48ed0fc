package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.InsufficientPointsException;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.NegativeBalancePolicy;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Provenance;
import org.loyaltyrules.loyalty.RedemptionLimitException;
import org.loyaltyrules.loyalty.RedemptionQuote;
import org.loyaltyrules.loyalty.RedemptionQuotes;

/**
 * Through the rules engine, under {@link Programmes#taiwan}'s default policy with a gold rate: its
 * quote is the core calculator's, the quoted points redeem at checkout and one point more is refused.
 */
class RedemptionQuoteProperties {
  private static final Programme PROGRAMME = Fixtures.taiwan().toBuilder()
      .redemption(Programmes.taiwanRedemption().withTierRate("gold", Fixtures.twd("1.2"))).build();
  private static final LoyaltyRulesEngine ENGINE = Fixtures.engine(PROGRAMME);
  private static final Instant AT = taipei("2025-06-01T20:00");

  @Property(tries = 300)
  void engineQuoteRedeemsAtCheckoutAndOnePointMoreIsRefused(@ForAll @LongRange(min = 0, max = 20_000) long balance,
      @ForAll @LongRange(min = 0, max = 2_000_000) long totalCents, @ForAll @IntRange(min = 0, max = 2) int tierIndex) {
    // given
    String tier = new String[] {"member", "silver", "gold"}[tierIndex];
    PointLedger ledger = PointLedger.empty("m-1", NegativeBalancePolicy.ALLOW_DEBT);
    if (balance > 0) {
      ledger.append(new LedgerEntry.Adjusted("opening-1", "m-1", Points.of(balance), taipei("2025-05-01T00:00"),
          Provenance.manual("opening-1", "opening balance"), Optional.empty()));
    }
    MemberState member = MemberState.of(Member.of("m-1", taipei("2025-01-01T00:00"), tier), ledger);
    Order checkout = order("o-1", "m-1", AT, BigDecimal.valueOf(totalCents, 2).toPlainString());

    // when
    RedemptionQuote quote = ENGINE.quote(checkout, member);

    // then: the engine's quote is the calculator's, within half the order
    assertThat(quote).isEqualTo(RedemptionQuotes.quote(PROGRAMME, member, checkout));
    assertThat(quote.value().amount().multiply(BigDecimal.valueOf(2))).isLessThanOrEqualTo(checkout.total().amount());
    if (quote.isUsable()) {
      assertThat(ENGINE.decide(LoyaltyEvent.PointsRedeemed.atCheckout("r-1", checkout, quote.points()),
          DecisionContext.of(member)).entries()).singleElement()
          .satisfies(e -> assertThat(((LedgerEntry.Redeemed) e).cashValue()).isEqualTo(quote.value()));
    }
    Throwable refused = catchThrowable(() -> ENGINE.decide(LoyaltyEvent.PointsRedeemed.atCheckout("r-2", checkout,
        Points.of(quote.points().value() + 1)), DecisionContext.of(member)));
    assertThat(refused).isInstanceOfAny(RedemptionLimitException.class, InsufficientPointsException.class);
    assertThat(member.ledger().size()).isEqualTo(balance > 0 ? 1 : 0);
  }
}
