package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.twd;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Programme;

/**
 * Store credit through the engine, on random sequences of orders, spends, cancellations, returns and
 * expiry runs, each event delivered twice: the same sequence runs on a shop whose rules grant credit
 * and on one whose rules do not, and after every event both hold exactly the same points (balance
 * and lots): credit never changes points. The redelivered event adds nothing; credit never goes
 * below zero; and what was clawed back of a grant never exceeds it.
 */
class StoreCreditRulesProperties {
  private static final Programme PROGRAMME = Fixtures.taiwan().toBuilder().storeCreditExpiresAfter(Period.ofDays(10)).build();
  private static final LoyaltyRulesEngine WITH_CREDIT = LoyaltyRulesEngine.builder(PROGRAMME)
      .ruleBase(Fixtures.defaultsWith("store-credit.drl", StoreCreditTest.THRESHOLD_CREDIT)).build();
  private static final LoyaltyRulesEngine WITHOUT_CREDIT = Fixtures.engine(PROGRAMME);
  private static final Instant T0 = taipei("2025-03-05T12:00");

  /** One step: kind 0 order, 1 spend, 2 cancel a spend, 3 return an order in full, 4 expiry run. */
  record Step(int kind, int amount, int pick, int hours) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(1, 8_000),
        Arbitraries.integers().between(0, 50), Arbitraries.integers().between(0, 96)).as(Step::new).list().ofMaxSize(14);
  }

  @Property(tries = 60)
  void creditNeverChangesPointsAndEveryEventCountsOnce(@ForAll("steps") List<Step> steps) {
    Shop credit = new Shop(WITH_CREDIT);
    Shop plain = new Shop(WITHOUT_CREDIT);
    credit.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    plain.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    List<String> orders = new ArrayList<>();
    List<String> spends = new ArrayList<>();
    Instant now = T0;
    int n = 0;
    for (Step step : steps) {
      now = now.plus(Duration.ofHours(step.hours()));
      String id = "e-" + n++;
      LoyaltyEvent event = null;
      boolean creditOnly = false;
      if (step.kind() == 0) {
        event = new LoyaltyEvent.OrderPaid(Fixtures.order(id, "m-1", now, Integer.toString(step.amount())));
        orders.add(id);
      } else if (step.kind() == 1) {
        Money available = credit.ledger("m-1").storeCreditAvailable(now, Fixtures.TWD);
        if (available.isPositive()) {
          long minor = 1 + (long) step.pick() * available.minorUnits() / 51;
          event = new LoyaltyEvent.StoreCreditSpent(id, "m-1", Money.of(java.math.BigDecimal.valueOf(minor, 2), Fixtures.TWD), now);
          spends.add(id);
          creditOnly = true;
        }
      } else if (step.kind() == 2 && !spends.isEmpty()) {
        event = new LoyaltyEvent.StoreCreditSpendCancelled(id, "m-1", spends.get(step.pick() % spends.size()), now);
        creditOnly = true;
      } else if (step.kind() == 3 && !orders.isEmpty()) {
        event = LoyaltyEvent.OrderReturned.whole(id, "m-1", orders.get(step.pick() % orders.size()), now);
      } else if (step.kind() == 4) {
        event = new LoyaltyEvent.ExpiryRun(id, "m-1", now);
      }
      if (event == null) {
        continue;
      }
      Decision first = credit.decide(event);
      credit.append(first, event);
      assertThat(credit.append(first, event)).doesNotContain(PointLedger.AppendResult.APPENDED);
      Decision again = credit.decide(event);
      assertThat(again.entries()).as("redelivered " + event).isEmpty();
      if (!creditOnly) {
        plain.apply(event);
      }
      PointLedger withCredit = credit.ledger("m-1");
      PointLedger without = plain.ledger("m-1");
      assertThat(withCredit.balance()).isEqualTo(without.balance());
      assertThat(withCredit.lots()).isEqualTo(without.lots());
      assertThat(without.creditLots()).isEmpty();
      assertThat(withCredit.storeCredit(Fixtures.TWD).isNegative()).isFalse();
      for (LedgerEntry entry : withCredit.entries()) {
        if (entry instanceof LedgerEntry.CreditGranted grant) {
          assertThat(withCredit.reversedCredit(grant.key(), Fixtures.TWD).isGreaterThan(grant.credit())).isFalse();
        }
      }
    }
    // The balance is what the lots hold.
    Money inLots = twd("0");
    for (org.loyaltyrules.loyalty.CreditLot lot : credit.ledger("m-1").creditLots()) {
      inLots = inLots.plus(lot.remaining());
    }
    assertThat(credit.ledger("m-1").storeCredit(Fixtures.TWD)).isEqualTo(inLots);
  }
}
