package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.Entries.MEMBER;
import static org.loyaltyrules.loyalty.Entries.day;
import static org.loyaltyrules.loyalty.Entries.earnedExpiring;
import static org.loyaltyrules.loyalty.Entries.twd;

import java.time.Period;
import java.time.ZoneId;
import java.util.Currency;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * Redemptions, their cancellations, releases and expiry runs decide on the ledger and the programme
 * alone: no rule base is built anywhere in this class.
 */
class LedgerOnlyDecisionsTest {
  private static final Programme PROGRAMME = Programme.builder(Currency.getInstance("TWD"), ZoneId.of("Asia/Taipei"),
          TierLadder.of(Tier.of("member", 0, twd("0"), Period.ofMonths(12))))
      .redemption(twd("0.5"), Points.of(10))
      .build();
  private static final String VERSION = "test-version";

  private static MemberState state(LedgerEntry... entries) {
    PointLedger ledger = PointLedger.empty(MEMBER, NegativeBalancePolicy.CAP_AT_ZERO);
    for (LedgerEntry entry : entries) {
      ledger.append(entry);
    }
    return new MemberState(Member.of(MEMBER, day(0), "member"), ledger);
  }

  @Test
  void decide_redemptionWithinAvailable_debitsPointsAtTheCashValue() {
    // given
    MemberState state = state(Entries.earned(EntryKey.orderBase("o-1").text(), 100, day(1)));

    // when
    Decision decision = LedgerOnlyDecisions.decide(
        new LoyaltyEvent.PointsRedeemed("r-1", MEMBER, Points.of(40), day(2)), state, PROGRAMME, VERSION);

    // then
    assertThat(decision.entries()).singleElement().isInstanceOfSatisfying(LedgerEntry.Redeemed.class, r -> {
      assertThat(r.key()).isEqualTo(EntryKey.redemption("r-1").text());
      assertThat(r.points()).isEqualTo(Points.of(-40));
      assertThat(r.cashValue()).isEqualTo(twd("20"));
      assertThat(r.provenance().rule()).isEqualTo(EngineRule.REDEEM);
    });
    assertThat(decision.ruleBaseVersion()).isEqualTo(VERSION);
    assertThat(decision.firedRules()).isEmpty();
  }

  @Test
  void decide_secondExpiryRunAtTheSameInstantAfterACancellation_addsNoConflictingEntryAndALaterRunExpiresTheRest() {
    // given: 200 points expiring on day 10, 67 redeemed, a run on day 12 expired the other 133, and
    // the redemption was cancelled at that same instant, putting 67 back into the expired lot
    String lot = EntryKey.orderBase("o-1").text();
    MemberState state = state(earnedExpiring(lot, 200, day(1), day(10)),
        Entries.redeemed(EntryKey.redemption("r-1").text(), 67, day(2)));
    state.ledger().appendAll(LedgerOnlyDecisions.decide(
        new LoyaltyEvent.ExpiryRun("run-1", MEMBER, day(12)), state, PROGRAMME, VERSION).entries());
    state.ledger().appendAll(LedgerOnlyDecisions.decide(
        new LoyaltyEvent.RedemptionCancelled("c-1", MEMBER, "r-1", day(12)), state, PROGRAMME, VERSION).entries());

    // when: another run at the same instant, then one a day later
    Decision sameInstant = LedgerOnlyDecisions.decide(
        new LoyaltyEvent.ExpiryRun("run-2", MEMBER, day(12)), state, PROGRAMME, VERSION);
    state.ledger().appendAll(sameInstant.entries());
    Decision later = LedgerOnlyDecisions.decide(
        new LoyaltyEvent.ExpiryRun("run-3", MEMBER, day(13)), state, PROGRAMME, VERSION);
    state.ledger().appendAll(later.entries());

    // then: the same-instant run decides nothing (its key was taken), the later one expires the 67
    assertThat(sameInstant.entries()).isEmpty();
    assertThat(later.entries()).singleElement().satisfies(e -> {
      assertThat(e.key()).isEqualTo(EntryKey.expiry(EntryKey.parse(lot), day(13)).text());
      assertThat(e.points()).isEqualTo(Points.of(-67));
    });
    assertThat(state.ledger().balance()).isEqualTo(Points.ZERO);
  }

  @Test
  void decide_cancellationOfARedemption_givesItsPointsBack() {
    // given
    MemberState state = state(Entries.earned(EntryKey.orderBase("o-1").text(), 100, day(1)), Entries.redeemed(EntryKey.redemption("r-1").text(), 40, day(2)));

    // when
    Decision decision = LedgerOnlyDecisions.decide(
        new LoyaltyEvent.RedemptionCancelled("c-1", MEMBER, "r-1", day(3)), state, PROGRAMME, VERSION);

    // then
    assertThat(decision.entries()).singleElement().isInstanceOfSatisfying(LedgerEntry.RedemptionCancelled.class, c -> {
      assertThat(c.key()).isEqualTo(EntryKey.redemptionCancellation("r-1").text());
      assertThat(c.points()).isEqualTo(Points.of(40));
      assertThat(c.redemptionKey()).isEqualTo(EntryKey.redemption("r-1").text());
      assertThat(c.provenance().rule()).isEqualTo(EngineRule.REDEEM_CANCEL);
    });
  }

  @Test
  void decide_releaseOfAPendingOrder_releasesItsLot() {
    // given
    LedgerEntry.Earned pending = new LedgerEntry.Earned(EntryKey.orderBase("o-1").text(), MEMBER, Points.of(50), day(1),
        new Provenance("o-1", "earning: base rate", "rb-1", "test"), twd("50"), java.util.List.of(),
        java.util.Optional.of(day(30)), java.util.Optional.empty());
    MemberState state = state(pending);

    // when
    Decision decision = LedgerOnlyDecisions.decide(
        new LoyaltyEvent.PendingReleased("rel-1", MEMBER, "o-1", day(2)), state, PROGRAMME, VERSION);

    // then
    assertThat(decision.entries()).singleElement().isInstanceOfSatisfying(LedgerEntry.Released.class, r -> {
      assertThat(r.key()).isEqualTo(EntryKey.release(EntryKey.orderBase("o-1")).text());
      assertThat(r.lotKey()).isEqualTo(EntryKey.orderBase("o-1").text());
      assertThat(r.provenance().rule()).isEqualTo(EngineRule.RELEASE);
    });
  }

  @Test
  void decide_expiryRunAfterALotExpired_expiresWhatIsLeft() {
    // given
    MemberState state = state(earnedExpiring(EntryKey.orderBase("o-1").text(), 70, day(1), day(10)));

    // when
    Decision decision = LedgerOnlyDecisions.decide(new LoyaltyEvent.ExpiryRun("x-1", MEMBER, day(11)), state, PROGRAMME,
        VERSION);

    // then
    assertThat(decision.entries()).singleElement().isInstanceOfSatisfying(LedgerEntry.Expired.class, x -> {
      assertThat(x.key()).isEqualTo(EntryKey.expiry(EntryKey.orderBase("o-1"), day(11)).text());
      assertThat(x.points()).isEqualTo(Points.of(-70));
      assertThat(x.provenance().rule()).isEqualTo(EngineRule.EXPIRE);
    });
  }

  @Test
  void decide_eventOfAnotherKind_isRefusedAsInvalid() {
    // given
    MemberState state = state();

    // when / then
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LedgerOnlyDecisions.decide(
            new LoyaltyEvent.TierReview("t-1", MEMBER, day(2)), state, PROGRAMME, VERSION))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("event"));
  }

  @Property(tries = 200)
  void redeemThenCancelRestoresAvailablePoints(@ForAll @LongRange(min = 10, max = 10_000) long earned,
      @ForAll @LongRange(min = 10, max = 10_000) long redeemed) {
    // given
    long points = Math.min(earned, redeemed);
    MemberState state = state(Entries.earned(EntryKey.orderBase("o-1").text(), earned, day(1)));
    Points before = state.ledger().available(day(5));

    // when
    state.ledger().appendAll(LedgerOnlyDecisions.decide(
        new LoyaltyEvent.PointsRedeemed("r-1", MEMBER, Points.of(points), day(2)), state, PROGRAMME, VERSION).entries());
    Points during = state.ledger().available(day(5));
    state.ledger().appendAll(LedgerOnlyDecisions.decide(
        new LoyaltyEvent.RedemptionCancelled("c-1", MEMBER, "r-1", day(3)), state, PROGRAMME, VERSION).entries());

    // then
    assertThat(during).isEqualTo(Points.of(earned - points));
    assertThat(state.ledger().available(day(5))).isEqualTo(before);
  }
}
