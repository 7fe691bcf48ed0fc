package org.loyaltyrules.loyalty.rules.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.loyaltyrules.loyalty.CreditClawbackPlan;
import org.loyaltyrules.loyalty.EngineRule;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LimitExceededException;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Provenance;
import org.loyaltyrules.loyalty.rules.facts.Decisions;

/**
 * The store-credit entries of a decision: the grants rules made (once per event and grant id,
 * bounded by the programme's {@code maxOrderTotal} per decision), and, when an order is refunded,
 * the clawback of the credit that order granted. Immutable and thread-safe.
 *
 * <p>Refund policy: after each return, the credit clawed back of a grant is the grant times the
 * share of the order's qualifying spend refunded so far, rounded down to the currency's minor unit
 * (the member keeps the fraction), and the whole grant once every unit is returned. Credit already
 * spent or expired is recorded as uncollected: store credit never goes below zero.
 */
final class StoreCreditAccounting {
  private final Programme programme;
  private final String version;

  StoreCreditAccounting(Programme programme, String version) {
    this.programme = programme;
    this.version = version;
  }

  /** One grant per id the rules named that the ledger does not hold yet for this event. */
  List<LedgerEntry> grants(RuleOutputs out, String eventId, String memberId, Instant at, PointLedger ledger) {
    List<LedgerEntry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Money total = Money.zero(programme.currency());
    for (Decisions.StoreCredit grant : out.storeCredits()) {
      if (!seen.add(grant.id())) {
        continue;
      }
      EntryKey.CreditGrant key = EntryKey.creditGrant(eventId, grant.id());
      if (ledger.contains(key)) {
        continue;
      }
      Money credit = Money.of(BigDecimal.valueOf(grant.amount()), programme.currency());
      total = total.plus(credit);
      if (total.isGreaterThan(programme.maxOrderTotal())) {
        throw new LimitExceededException("decision", "store credit granted to member " + memberId + " by event " + eventId,
            total, "maxOrderTotal", programme.maxOrderTotal().toString());
      }
      entries.add(new LedgerEntry.CreditGranted(key.text(), memberId, credit, at,
          new Provenance(eventId, grant.rule(), version, credit + " of store credit: " + grant.reason()),
          programme.creditExpiryFor(at)));
    }
    return entries;
  }

  /**
   * The clawbacks of the credit order {@code orderId} granted, after a return; appended to {@code
   * scratch} (the ledger with the return's point clawbacks) as they are made.
   */
  List<LedgerEntry> clawbacks(String returnId, String orderId, LedgerEntry.Earned base, boolean fullyReturned,
      PointLedger scratch, Instant at) {
    List<LedgerEntry> entries = new ArrayList<>();
    Money orderSpend = base.spend();
    Money refunded = Money.zero(orderSpend.currency());
    for (LineShare share : scratch.reversedLines(base.key()).values()) {
      refunded = refunded.plus(share.spend());
    }
    List<LedgerEntry.CreditGranted> grants = new ArrayList<>();
    for (LedgerEntry entry : scratch.entries()) {
      if (entry instanceof LedgerEntry.CreditGranted g && EntryKey.parse(g.key()) instanceof EntryKey.CreditGrant k
          && k.eventId().equals(orderId)) {
        grants.add(g);
      }
    }
    for (LedgerEntry.CreditGranted grant : grants) {
      Money target;
      if (fullyReturned) {
        target = grant.credit();
      } else if (!orderSpend.isPositive()) {
        continue;
      } else {
        BigDecimal share = grant.credit().amount().multiply(refunded.amount())
            .divide(orderSpend.amount(), grant.credit().currency().getDefaultFractionDigits(), RoundingMode.DOWN);
        target = Money.of(share.min(grant.credit().amount()), grant.credit().currency());
      }
      Money delta = target.minus(scratch.reversedCredit(grant.key(), grant.credit().currency()));
      if (!delta.isPositive()) {
        continue;
      }
      CreditClawbackPlan plan = scratch.planCreditClawback(grant.key(), delta, at);
      LedgerEntry.CreditClawedBack clawback = new LedgerEntry.CreditClawedBack(
          EntryKey.clawback(returnId, EntryKey.parse(grant.key())).text(), grant.memberId(), plan.collected().negated(),
          at, new Provenance(returnId, EngineRule.CREDIT_REFUND, version, "order " + orderId + " refunded "
              + refunded + " of " + orderSpend + "; " + delta + " of the " + grant.credit() + " store credit it granted ("
              + grant.key() + ") taken back" + (plan.uncollected().isPositive()
                  ? ", " + plan.uncollected() + " of it uncollected (already spent or expired)" : "")),
          grant.key(), plan.uncollected());
      scratch.append(clawback);
      entries.add(clawback);
    }
    return entries;
  }
}
