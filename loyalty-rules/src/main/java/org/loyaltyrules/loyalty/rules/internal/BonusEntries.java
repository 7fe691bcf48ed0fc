package org.loyaltyrules.loyalty.rules.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Provenance;
import org.loyaltyrules.loyalty.Upline;
import org.loyaltyrules.loyalty.rules.facts.Decisions;

/**
 * The entries of bonuses not tied to an order's lines: welcome bonuses at enrolment and referral
 * bonuses in the uplines' ledgers. Each is credited once per key, whatever the rules repeat.
 * Immutable and thread-safe.
 */
final class BonusEntries {
  private final Programme programme;
  private final Explanations explain;
  private final String version;

  BonusEntries(Programme programme, Explanations explain, String version) {
    this.programme = programme;
    this.explain = explain;
    this.version = version;
  }

  /** One entry per welcome bonus the rules gave that the member's ledger does not hold yet. */
  List<LedgerEntry> welcome(RuleOutputs out, LoyaltyEvent.MemberEnrolled event, MemberState state) {
    Member member = state.member();
    List<LedgerEntry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Decisions.Bonus bonus : out.bonuses()) {
      if (!seen.add(bonus.id())) {
        continue;
      }
      EntryKey key = EntryKey.enrolmentBonus(member.id(), bonus.id());
      if (state.ledger().contains(key)) {
        continue;
      }
      entries.add(new LedgerEntry.Earned(key.text(), member.id(), Points.of(bonus.points()), event.occurredAt(),
          new Provenance(event.eventId(), bonus.rule(), version, explain.welcomeBonus(bonus.reason(), bonus.points())),
          Money.zero(programme.currency()), List.of(), Optional.empty(), programme.expiryFor(event.occurredAt(), false)));
    }
    return entries;
  }

  /** One entry per referral level the rules paid, in that level's upline's ledger. */
  List<LedgerEntry> referral(RuleOutputs out, Member referee, Order order, List<Upline> uplines) {
    Map<Integer, Decisions.ReferralBonus> byLevel = new TreeMap<>();
    for (Decisions.ReferralBonus r : out.referralBonuses()) {
      if (!r.upline().isBonusPaid()) {
        byLevel.putIfAbsent(r.upline().getLevel(), r);
      }
    }
    List<LedgerEntry> entries = new ArrayList<>();
    Instant at = order.paidAt();
    for (Decisions.ReferralBonus bonus : byLevel.values()) {
      int level = bonus.upline().getLevel();
      Upline upline = uplines.get(level - 1);
      entries.add(new LedgerEntry.Earned(EntryKey.referralBonus(referee.id(), level).text(), upline.member().id(),
          Points.of(bonus.points()), at,
          new Provenance(order.id(), bonus.rule(), version, explain.referralBonus(level, bonus.points(), referee.id(), order.id())),
          Money.zero(programme.currency()), List.of(), programme.pendingUntil(at), programme.expiryFor(at)));
    }
    return entries;
  }
}
