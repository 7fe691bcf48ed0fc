package org.loyaltyrules.loyalty.rules.trial;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.loyaltyrules.loyalty.ClawbackPlan;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Provenance;
import org.loyaltyrules.loyalty.Upline;

/**
 * The state one trial story runs on, kept as a host keeps it: members, their ledgers (fresh, or
 * copies of what a host passed with a sample event), the referral links between them. The trial
 * appends every decision here, never to a host's own ledgers.
 *
 * <p>This class is mutable and not thread-safe: one per story.
 */
final class TrialHost {
  private final Programme programme;
  private final Map<String, Member> members = new LinkedHashMap<>();
  private final Map<String, PointLedger> ledgers = new HashMap<>();
  /** Referral chains (upline ids, nearest first) a host passed with a sample event, used instead of the links. */
  private final Map<String, List<String>> givenUplines = new HashMap<>();
  private final Map<String, Map<String, Integer>> returned = new HashMap<>();
  private final Set<String> decided = new HashSet<>();
  private final Set<Class<?>> kinds = new HashSet<>();
  private int credits;

  TrialHost(Programme programme) {
    this.programme = programme;
  }

  Programme programme() {
    return programme;
  }

  /** Adds a member with an empty ledger under the programme's policy. */
  void join(Member member) {
    members.put(member.id(), member);
    ledgers.put(member.id(), programme.newLedger(member.id()));
  }

  /**
   * Adds the members of a host's context: the member with a copy of their ledger; each upline with
   * the only rows the context gives of theirs (the referral bonus paid for this member and what was
   * clawed back of it), so that the trial's appends and redeliveries see the bonus as the host would.
   */
  void join(DecisionContext context) {
    String id = context.member().member().id();
    List<String> uplines = new ArrayList<>();
    for (Upline upline : context.uplines()) {
      String uplineId = upline.member().id();
      members.putIfAbsent(uplineId, upline.member());
      ledgers.computeIfAbsent(uplineId, k -> givenRows(upline, id));
      uplines.add(uplineId);
    }
    members.put(id, context.member().member());
    ledgers.put(id, context.member().ledger().copy());
    givenUplines.put(id, uplines);
  }

  /** An upline's ledger holding the paid bonus and its reversal, as far as they can be rebuilt alone. */
  private PointLedger givenRows(Upline upline, String refereeId) {
    PointLedger ledger = programme.newLedger(upline.member().id());
    if (upline.paidBonus().isEmpty()) {
      return ledger;
    }
    LedgerEntry.Earned bonus = upline.paidBonus().get();
    try {
      ledger.append(bonus);
      if (upline.reversed().isPositive()) {
        EntryKey key = EntryKey.referralBonus(refereeId, upline.level());
        ClawbackPlan plan = ledger.planClawback(bonus.key(), upline.reversed(), bonus.occurredAt());
        ledger.append(new LedgerEntry.ClawedBack(EntryKey.clawback("trial-given", key).text(), upline.member().id(),
            plan.collected().negated(), bonus.occurredAt(),
            Provenance.manual("trial-given", "trial: reversal the host reported"), bonus.key(), plan.uncollected(),
            Money.zero(programme.currency()), List.of()));
      }
    } catch (LoyaltyException e) {
      // A row the ledger refuses alone: the trial decides with what it could rebuild; the engine checks the rest.
    }
    return ledger;
  }

  boolean knows(String memberId) {
    return members.containsKey(memberId);
  }

  Member member(String id) {
    return members.get(id);
  }

  PointLedger ledger(String id) {
    return ledgers.get(id);
  }

  void setTier(String memberId, String tierCode) {
    members.put(memberId, members.get(memberId).withTier(tierCode));
  }

  /**
   * The context a host passes: the member and, as far as the programme pays levels, their chain of
   * referrers as the links say (so a referral cycle reaches the engine, which must refuse it).
   */
  DecisionContext context(String memberId) {
    Member member = members.get(memberId);
    List<MemberState> uplines = new ArrayList<>();
    List<String> given = givenUplines.get(memberId);
    if (given != null) {
      for (String id : given) {
        uplines.add(new MemberState(members.get(id), ledgers.get(id)));
      }
      return DecisionContext.withUplineLedgers(new MemberState(member, ledgers.get(memberId)), uplines);
    }
    Optional<String> next = member.referrerId();
    while (next.isPresent() && members.containsKey(next.get()) && uplines.size() < programme.maxReferralLevels()) {
      Member upline = members.get(next.get());
      uplines.add(new MemberState(upline, ledgers.get(upline.id())));
      next = upline.referrerId();
    }
    return DecisionContext.withUplineLedgers(new MemberState(member, ledgers.get(memberId)), uplines);
  }

  /**
   * Equal inputs, shared with nothing mutable: the member's ledger copied; the uplines are values
   * already (their planners only read).
   */
  static DecisionContext copyOf(DecisionContext context) {
    return new DecisionContext(new MemberState(context.member().member(), context.member().ledger().copy()),
        context.uplines());
  }

  /** Credits points by hand, as a host's goodwill adjustment would: state built in Java, not by rules. */
  void credit(String memberId, long points, Instant at) {
    String key = "trial-credit-" + ++credits;
    ledgers.get(memberId).append(new LedgerEntry.Adjusted(key, memberId, Points.of(points), at,
        Provenance.manual(key, "trial: points to redeem"), programme.expiryFor(at)));
  }

  /** @return whether no event of this one's kind was seen before in this story (and marks it seen) */
  boolean firstOfItsKind(org.loyaltyrules.loyalty.LoyaltyEvent event) {
    return kinds.add(event.getClass());
  }

  void markDecided(String eventId) {
    decided.add(eventId);
  }

  /** @return whether an event with this id was decided and appended in this story */
  boolean decided(String eventId) {
    return decided.contains(eventId);
  }

  /** @return line id to units of an order returned so far in this story (live, for updating) */
  Map<String, Integer> returned(String orderId) {
    return returned.computeIfAbsent(orderId, k -> new HashMap<>());
  }
}
