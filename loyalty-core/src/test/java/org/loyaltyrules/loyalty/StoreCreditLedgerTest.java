package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.loyalty.Entries.MEMBER;
import static org.loyaltyrules.loyalty.Entries.TWD;
import static org.loyaltyrules.loyalty.Entries.day;
import static org.loyaltyrules.loyalty.Entries.earned;
import static org.loyaltyrules.loyalty.Entries.provenance;
import static org.loyaltyrules.loyalty.Entries.twd;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Worked examples of the store-credit rules a ledger enforces on append. */
class StoreCreditLedgerTest {

  private static LedgerEntry.CreditGranted grant(String source, String amount, Instant at, Instant expiresAt) {
    return new LedgerEntry.CreditGranted(EntryKey.creditGrant(source, "gift").text(), MEMBER, twd(amount), at,
        provenance(source), Optional.ofNullable(expiresAt));
  }

  private static LedgerEntry.CreditSpent spend(String id, String amount, Instant at) {
    return new LedgerEntry.CreditSpent(EntryKey.creditSpend(id).text(), MEMBER, twd(amount).negated(), at, provenance(id));
  }

  private static PointLedger ledger(LedgerEntry... entries) {
    return PointLedger.of(MEMBER, NegativeBalancePolicy.ALLOW_DEBT, List.of(entries));
  }

  @Test
  void spend_takesTheOldestGrantFirstThenTheEarliestExpiry() {
    // given: two grants on day 1 (the later-appended one expires first) and one on day 0
    PointLedger ledger = ledger(grant("o-0", "10", day(0), null), grant("o-1", "50", day(1), null),
        grant("o-2", "50", day(1), day(30)));

    // when
    ledger.append(spend("s-1", "70", day(2)));

    // then: day 0's 10, then the NT$50 expiring on day 30, then 10 of the one that never expires
    assertThat(ledger.creditLots()).extracting(l -> l.remaining().amount().toPlainString())
        .containsExactly("0.00", "40.00", "0.00");
    assertThat(ledger.storeCredit(TWD)).isEqualTo(twd("40"));
  }

  @Test
  void spend_ofExpiredCredit_isRefusedAndChangesNothing() {
    // given
    PointLedger ledger = ledger(grant("o-1", "100", day(0), day(10)));

    // when / then
    assertThatThrownBy(() -> ledger.append(spend("s-1", "1", day(10))))
        .isInstanceOfSatisfying(InsufficientStoreCreditException.class, e -> {
          assertThat(e.available()).isEqualTo(twd("0"));
          assertThat(e).hasMessage("Invalid store-credit spend for member m-1: credit [TWD 1.00]; expected ≤ TWD 0.00 "
              + "available store credit");
        });
    assertThat(ledger.size()).isEqualTo(1);
    assertThat(ledger.storeCredit(TWD)).isEqualTo(twd("100"));
  }

  @Test
  void creditEntry_inAnotherCurrency_isRefused() {
    // given: the ledger's spend is in TWD
    PointLedger ledger = ledger(earned(EntryKey.orderBase("o-1").text(), 10, day(0)));

    // when / then
    assertThatThrownBy(() -> ledger.append(new LedgerEntry.CreditGranted(EntryKey.creditGrant("o-2", "gift").text(), MEMBER,
        Money.of("5", "USD"), day(1), provenance("o-2"), Optional.empty())))
        .isInstanceOf(CurrencyMismatchException.class);
    assertThat(ledger.creditLots()).isEmpty();
  }

  @Test
  void creditEntries_neverChangePointsAndPointEntriesNeverChangeCredit() {
    // given
    PointLedger ledger = ledger(earned(EntryKey.orderBase("o-1").text(), 40, day(0)), grant("o-1", "100", day(0), null));

    // when
    ledger.append(spend("s-1", "30", day(1)));
    ledger.append(new LedgerEntry.Redeemed(EntryKey.redemption("r-1").text(), MEMBER, Points.of(-25), day(1),
        provenance("r-1"), twd("25")));

    // then
    assertThat(ledger.balance()).isEqualTo(Points.of(15));
    assertThat(ledger.storeCredit(TWD)).isEqualTo(twd("70"));
  }

  @Test
  void spendCancelled_forLessThanTheSpend_isRefused() {
    // given
    PointLedger ledger = ledger(grant("o-1", "100", day(0), null), spend("s-1", "60", day(1)));

    // when / then
    assertThatThrownBy(() -> ledger.append(new LedgerEntry.CreditSpendCancelled(
        EntryKey.creditSpendCancellation("s-1").text(), MEMBER, twd("59"), day(2), provenance("c-1"),
        EntryKey.creditSpend("s-1").text())))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("a spend is cancelled in full, once");
  }

  @Test
  void creditExpired_beforeTheLotsExpiry_isRefused() {
    // given
    PointLedger ledger = ledger(grant("o-1", "100", day(0), day(10)));
    String lot = EntryKey.creditGrant("o-1", "gift").text();

    // when / then
    assertThatThrownBy(() -> ledger.append(new LedgerEntry.CreditExpired(EntryKey.expiry(EntryKey.parse(lot), day(9)).text(),
        MEMBER, twd("-100"), day(9), provenance("run"), lot)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("at or after the lot's expiry");
  }

  @Test
  void creditClawedBack_notAsPlanned_isRefused() {
    // given: NT$80 of the NT$100 spent, so a clawback of it collects 20 and leaves 80 uncollected
    PointLedger ledger = ledger(grant("o-1", "100", day(0), null), spend("s-1", "80", day(1)));
    String lot = EntryKey.creditGrant("o-1", "gift").text();
    CreditClawbackPlan plan = ledger.planCreditClawback(lot, twd("100"), day(2));

    // when / then
    assertThat(plan).isEqualTo(new CreditClawbackPlan(twd("20"), twd("80")));
    assertThatThrownBy(() -> ledger.append(new LedgerEntry.CreditClawedBack(
        EntryKey.clawback("ret-1", EntryKey.parse(lot)).text(), MEMBER, twd("-100"), day(2), provenance("ret-1"), lot,
        twd("0")))).isInstanceOf(InvalidValueException.class);
    assertThat(ledger.storeCredit(TWD)).isEqualTo(twd("20"));
  }

  @Test
  void creditKeys_readBackAsTheirKinds() {
    // given
    EntryKey grant = EntryKey.creditGrant("o:1", "gift");

    // when / then
    assertThat(EntryKey.parse(grant.text())).isEqualTo(grant);
    assertThat(EntryKey.parse(EntryKey.creditSpend("s-1").text())).isEqualTo(EntryKey.creditSpend("s-1"));
    assertThat(EntryKey.parse(EntryKey.creditSpendCancellation("s-1").text()))
        .isEqualTo(EntryKey.creditSpendCancellation("s-1"));
    assertThat(EntryKey.parse(EntryKey.clawback("ret-1", grant).text())).isEqualTo(EntryKey.clawback("ret-1", grant));
  }

  @Test
  void programme_creditExpiry_isTheEndOfTheLocalDayTheValidityEndsOn() {
    // given
    Programme plain = Programme.builder(TWD, ZoneId.of("Asia/Taipei"),
        TierLadder.of(Tier.of("member", 0, twd("0"), Period.ofYears(1)))).build();
    Programme programme = plain.toBuilder().storeCreditExpiresAfter(Period.ofDays(90)).build();

    // when
    Optional<Instant> expiry = programme.creditExpiryFor(Instant.parse("2025-03-05T04:00:00Z"));

    // then: 2025-03-05 (Taipei) + 90 days = 2025-06-03, valid through that day
    assertThat(expiry).contains(Instant.parse("2025-06-03T16:00:00Z"));
    assertThat(plain.creditExpiryFor(Instant.parse("2025-03-05T04:00:00Z"))).isEmpty();
    assertThat(programme).isNotEqualTo(plain);
    assertThat(programme.fingerprint()).isNotEqualTo(plain.fingerprint());
    assertThat(programme.toBuilder().build()).isEqualTo(programme);
  }
}
