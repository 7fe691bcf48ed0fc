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
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Provenance;

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
  /** Referral chains a host passed with a sample event, used as given instead of the links. */
  private final Map<String, List<MemberState>> givenUplines = new HashMap<>();
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

  /** Adds the members of a host's context, with copies of their ledgers. */
  void join(DecisionContext context) {
    List<MemberState> uplines = new ArrayList<>();
    for (MemberState upline : context.uplines()) {
      PointLedger copy = upline.ledger().copy();
      ledgers.putIfAbsent(upline.member().id(), copy);
      members.putIfAbsent(upline.member().id(), upline.member());
      uplines.add(new MemberState(upline.member(), ledgers.get(upline.member().id())));
    }
    String id = context.member().member().id();
    members.put(id, context.member().member());
    ledgers.put(id, context.member().ledger().copy());
    givenUplines.put(id, uplines);
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
    List<MemberState> given = givenUplines.get(memberId);
    if (given != null) {
      return new DecisionContext(new MemberState(member, ledgers.get(memberId)), given);
    }
    List<MemberState> uplines = new ArrayList<>();
    Optional<String> next = member.referrerId();
    while (next.isPresent() && members.containsKey(next.get()) && uplines.size() < programme.maxReferralLevels()) {
      Member upline = members.get(next.get());
      uplines.add(new MemberState(upline, ledgers.get(upline.id())));
      next = upline.referrerId();
    }
    return new DecisionContext(new MemberState(member, ledgers.get(memberId)), uplines);
  }

  /** Equal inputs, shared with nothing: the same (immutable) members with copies of their ledgers. */
  static DecisionContext copyOf(DecisionContext context) {
    List<MemberState> uplines = new ArrayList<>();
    for (MemberState upline : context.uplines()) {
      uplines.add(new MemberState(upline.member(), upline.ledger().copy()));
    }
    return new DecisionContext(new MemberState(context.member().member(), context.member().ledger().copy()), uplines);
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
