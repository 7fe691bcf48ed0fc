package org.loyaltyrules.loyalty.rules.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignBudgets;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEngine;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.TierChange;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;
import org.loyaltyrules.loyalty.testkit.LedgerInvariants;

/**
 * A shop's host system in miniature, for tests: it keeps members and their ledgers in memory, asks
 * the engine for decisions with the context a real host would pass (the member's state and their
 * chain of referrers), appends each decision's entries to the ledger of every member it names, and
 * applies tier changes that are already effective at the event's instant (a change effective later,
 * after a downgrade grace period, is left to the host's scheduler and ignored here).
 *
 * <p>By default every ledger an append touches is checked with {@link LedgerInvariants#check}
 * afterwards; {@link #withoutInvariantChecks()} turns that off for loops that check on their own.
 *
 * <pre>{@code
 * MerchantHost host = new MerchantHost(engine);
 * host.join(Member.of("ann", enrolledAt, "member"));
 * Decision decision = host.apply(new LoyaltyEvent.OrderPaid(order));
 * assertThat(host.ledger("ann").balance()).isEqualTo(decision.pointsFor("ann"));
 * }</pre>
 *
 * <p>This class is mutable and not thread-safe: one host per test or per property try.
 */
public final class MerchantHost {
  private final LoyaltyEngine engine;
  private final Programme programme;
  private final Map<String, Member> members = new LinkedHashMap<>();
  private final Map<String, PointLedger> ledgers = new LinkedHashMap<>();
  private boolean checkInvariants = true;
  /** What each event-bonus campaign paid across all members: the host's budget counters. */
  private final Map<String, Long> budgetUsed = new java.util.TreeMap<>();

  /**
   * A host with no members.
   *
   * @param engine the engine that decides; its programme opens the ledgers
   */
  public MerchantHost(LoyaltyRulesEngine engine) {
    this(engine, engine.programme());
  }

  /**
   * A host with no members, for any engine (a host's own decorator around the rules engine, say).
   *
   * @param engine the engine that decides
   * @param programme the programme it decides for; it opens the ledgers and bounds the referral chain
   */
  public MerchantHost(LoyaltyEngine engine, Programme programme) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.programme = Objects.requireNonNull(programme, "programme");
  }

  /** @return the engine that decides */
  public LoyaltyEngine engine() {
    return engine;
  }

  /** @return the programme */
  public Programme programme() {
    return programme;
  }

  /**
   * Skips the ledger invariant check after each append (it replays the ledger, which is costly in
   * long property loops that check on their own).
   *
   * @return this host
   */
  public MerchantHost withoutInvariantChecks() {
    checkInvariants = false;
    return this;
  }

  /**
   * Adds a member with an empty ledger under the programme's negative-balance policy. Joining says
   * nothing to the engine: deliver a {@link LoyaltyEvent.MemberEnrolled} for the welcome bonus.
   *
   * @param member the member; an earlier member with the same id is replaced, ledger and all
   * @return the member
   */
  public Member join(Member member) {
    members.put(member.id(), member);
    ledgers.put(member.id(), programme().newLedger(member.id()));
    return member;
  }

  /**
   * @param id a member id
   * @return whether that member joined
   */
  public boolean isMember(String id) {
    return members.containsKey(id);
  }

  /**
   * @param id a member id
   * @return the member as the host knows them now (tier changes applied)
   * @throws IllegalArgumentException if no member has that id
   */
  public Member member(String id) {
    return known(members, id);
  }

  /**
   * @param id a member id
   * @return the member's live ledger (appending to it changes the host's state)
   * @throws IllegalArgumentException if no member has that id
   */
  public PointLedger ledger(String id) {
    return known(ledgers, id);
  }

  /** @return the ids of every member, in joining order (unmodifiable) */
  public Set<String> memberIds() {
    return Collections.unmodifiableSet(members.keySet());
  }

  /**
   * Puts a member on a tier, as a host's back office would.
   *
   * @param memberId the member
   * @param tierCode the new tier code
   */
  public void setTier(String memberId, String tierCode) {
    members.put(memberId, member(memberId).withTier(tierCode));
  }

  /**
   * The context a host passes: the member's state and the chain of their referrers' states, as far
   * as the programme looks. The chain is followed as the members' links say, so a referral cycle
   * reaches the engine.
   *
   * @param memberId the member an event is about
   * @return the context
   * @throws IllegalArgumentException if no member has that id
   */
  public DecisionContext context(String memberId) {
    Member member = member(memberId);
    List<MemberState> uplines = new ArrayList<>();
    Optional<String> next = member.referrerId();
    while (next.isPresent() && members.containsKey(next.get())
        && uplines.size() < programme().maxReferralLevels()) {
      Member upline = members.get(next.get());
      uplines.add(new MemberState(upline, ledgers.get(upline.id())));
      next = upline.referrerId();
    }
    return DecisionContext.withUplineLedgers(new MemberState(member, ledgers.get(memberId)), uplines)
        .withBudgets(budgets());
  }

  /**
   * {@return the host's budget counters as the engine reads them: every campaign of the programme
   * with a total budget, at what it used so far (0 at first)}
   */
  public CampaignBudgets budgets() {
    Map<String, Points> used = new java.util.TreeMap<>();
    for (Campaign campaign : programme.campaigns()) {
      if (campaign instanceof Campaign.EventBonus bonus && bonus.limits().totalBudget().isPresent()) {
        used.put(bonus.id(), Points.of(budgetUsed.getOrDefault(bonus.id(), 0L)));
      }
    }
    return CampaignBudgets.of(used);
  }

  /**
   * {@return what the campaign paid all members so far, by the host's counter}
   *
   * @param campaignId a campaign id
   */
  public long budgetUsed(String campaignId) {
    return budgetUsed.getOrDefault(campaignId, 0L);
  }

  /**
   * Decides without appending anything.
   *
   * @param event the event
   * @return the decision
   */
  public Decision decide(LoyaltyEvent event) {
    return engine.decide(event, context(event.memberId()));
  }

  /**
   * Decides, then appends and applies the decision.
   *
   * @param event the event
   * @return the decision
   */
  public Decision apply(LoyaltyEvent event) {
    Decision decision = decide(event);
    append(decision, event);
    return decision;
  }

  /**
   * Appends a decision's entries to each member's ledger and applies a tier change that is
   * effective at the event's instant; then, unless turned off, checks every touched ledger.
   *
   * @param decision the decision
   * @param event the event it was decided on
   * @return the append results of every entry, grouped by member in order of first mention
   * @throws IllegalArgumentException if the decision names a member who never joined
   */
  public List<PointLedger.AppendResult> append(Decision decision, LoyaltyEvent event) {
    List<PointLedger.AppendResult> results = new ArrayList<>();
    Set<String> touched = touchedBy(decision);
    for (String id : touched) {
      List<LedgerEntry> entries = decision.entriesFor(id);
      List<PointLedger.AppendResult> appended = ledger(id).appendAll(entries);
      // As a real host does in its transaction: only entries actually appended use budget.
      for (int i = 0; i < entries.size(); i++) {
        if (appended.get(i) == PointLedger.AppendResult.APPENDED
            && EntryKey.parse(entries.get(i).key()) instanceof EntryKey.EventBonus key) {
          budgetUsed.merge(key.campaignId(), entries.get(i).points().value(), Math::addExact);
        }
      }
      results.addAll(appended);
    }
    decision.tierChange().ifPresent(change -> applyTier(change, event));
    if (checkInvariants) {
      for (String id : touched) {
        LedgerInvariants.check(ledgers.get(id));
      }
    }
    return results;
  }

  /**
   * @param decision a decision
   * @return the members whose ledgers its entries go to, in order of first mention
   */
  static Set<String> touchedBy(Decision decision) {
    Set<String> touched = new LinkedHashSet<>();
    for (LedgerEntry entry : decision.entries()) {
      touched.add(entry.memberId());
    }
    return touched;
  }

  private void applyTier(TierChange change, LoyaltyEvent event) {
    if (!change.effectiveAt().isAfter(event.occurredAt())) {
      setTier(change.memberId(), change.to());
    }
  }

  private static <T> T known(Map<String, T> byId, String id) {
    T value = byId.get(id);
    if (value == null) {
      throw new IllegalArgumentException("Unknown member: id [" + id + "]; expected one of " + byId.keySet());
    }
    return value;
  }
}
