package org.loyaltyrules.loyalty.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.TierChange;
import org.loyaltyrules.loyalty.testkit.LedgerInvariants;

/**
 * A host in miniature: keeps members and their ledgers, asks the engine for decisions with the
 * right context (the referral chain from the members' referrer links), appends each decision's
 * entries to every member's ledger it names, applies tier changes that are already effective, and
 * checks every touched ledger's invariants after each applied decision.
 */
final class Shop {
  final LoyaltyRulesEngine engine;
  final Programme programme;
  private final Map<String, Member> members = new LinkedHashMap<>();
  private final Map<String, PointLedger> ledgers = new LinkedHashMap<>();
  private boolean checkInvariants = true;

  Shop(Programme programme) {
    this(Fixtures.engine(programme));
  }

  Shop(LoyaltyRulesEngine engine) {
    this.engine = engine;
    this.programme = engine.programme();
  }

  /** Skips the (replaying) invariant check after each decision; for hot property loops. */
  Shop withoutInvariantChecks() {
    checkInvariants = false;
    return this;
  }

  Member join(Member member) {
    members.put(member.id(), member);
    ledgers.put(member.id(), programme.newLedger(member.id()));
    return member;
  }

  Member member(String id) {
    return members.get(id);
  }

  PointLedger ledger(String id) {
    return ledgers.get(id);
  }

  Set<String> memberIds() {
    return members.keySet();
  }

  void setTier(String memberId, String tier) {
    members.put(memberId, members.get(memberId).withTier(tier));
  }

  long balance(String memberId) {
    return ledgers.get(memberId).balance().value();
  }

  /**
   * The context a host would pass: the member's state and the chain of referrers (their states), as
   * far as the programme looks. The chain is followed blindly, so a referral cycle reaches the engine.
   */
  DecisionContext context(String memberId) {
    Member member = members.get(memberId);
    List<MemberState> uplines = new ArrayList<>();
    Optional<String> next = member.referrerId();
    while (next.isPresent() && members.containsKey(next.get()) && uplines.size() < programme.maxReferralLevels()) {
      Member upline = members.get(next.get());
      uplines.add(new MemberState(upline, ledgers.get(upline.id())));
      next = upline.referrerId();
    }
    return new DecisionContext(new MemberState(member, ledgers.get(memberId)), uplines);
  }

  /** Decides without appending anything. */
  Decision decide(LoyaltyEvent event) {
    return engine.decide(event, context(event.memberId()));
  }

  /** Decides, then appends and applies the decision. */
  Decision apply(LoyaltyEvent event) {
    Decision decision = decide(event);
    append(decision, event);
    return decision;
  }

  /**
   * Appends a decision's entries to each member's ledger and applies a tier change that is effective
   * at the event's instant.
   *
   * @return the append results of every entry, in decision order
   */
  List<PointLedger.AppendResult> append(Decision decision, LoyaltyEvent event) {
    List<PointLedger.AppendResult> results = new ArrayList<>();
    Set<String> touched = new HashSet<>();
    for (LedgerEntry entry : decision.entries()) {
      touched.add(entry.memberId());
    }
    for (String id : touched) {
      results.addAll(ledgers.get(id).appendAll(decision.entriesFor(id)));
    }
    decision.tierChange().ifPresent(change -> applyTier(change, event));
    if (checkInvariants) {
      for (String id : touched) {
        LedgerInvariants.check(ledgers.get(id));
      }
    }
    return results;
  }

  private void applyTier(TierChange change, LoyaltyEvent event) {
    if (!change.effectiveAt().isAfter(event.occurredAt())) {
      setTier(change.memberId(), change.to());
    }
  }

  Points pointsOf(String memberId) {
    return ledgers.get(memberId).balance();
  }
}
