package org.loyaltyrules.loyalty.rules.replay;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Tier;
import org.loyaltyrules.loyalty.TierChange;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;

/**
 * One rule set's side of a replay: its engine, every member's account, and the totals. A replay
 * feeds the same events to each lane; lanes never share state, so a {@link Simulation} can compare
 * them.
 *
 * <p>While a replay runs, each partition decides into a lane of its own; the result holds one lane
 * per rule set, merged from the partitions' in a fixed order, with the accounts sorted by member id.
 * Read it from the {@link ReplayResult}, when nothing changes it any more.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Lane {
  private final String name;
  private final LoyaltyRulesEngine engine;
  private final Programme programme;
  private final Map<String, MemberAccount> accounts;
  private final Map<String, Long> pointsByRule = new TreeMap<>();
  private final Map<String, Long> firings = new TreeMap<>();
  private final String entryTier;
  private final ReviewSchedule reviews;
  long ordersDecided;
  long returnsDecided;
  long enrolmentsDecided;
  long eventsFailed;
  long pointsIssued;
  long pointsClawedBack;
  long pointsUncollected;
  long upgrades;
  long downgrades;
  long reviewsRun;
  long expiryRuns;
  long pointsExpired;

  /**
   * @param reviews the schedule of tier reviews and expiry runs the replay adds
   * @param sorted whether accounts are kept sorted by member id (the merged result) or hashed (a
   *     partition's working lane, looked up once per decision)
   */
  Lane(String name, LoyaltyRulesEngine engine, Programme programme, ReviewSchedule reviews, boolean sorted) {
    this.name = name;
    this.reviews = reviews;
    this.engine = engine;
    this.programme = programme;
    this.entryTier = programme.tiers().entry().code();
    this.accounts = sorted ? new TreeMap<>() : new HashMap<>();
  }

  /** Adds another part of this lane (a partition's members, disjoint from these) to this one. */
  void absorb(Lane o) {
    accounts.putAll(o.accounts);
    o.pointsByRule.forEach((k, v) -> pointsByRule.merge(k, v, Long::sum));
    o.firings.forEach((k, v) -> firings.merge(k, v, Long::sum));
    ordersDecided += o.ordersDecided;
    returnsDecided += o.returnsDecided;
    enrolmentsDecided += o.enrolmentsDecided;
    eventsFailed += o.eventsFailed;
    pointsIssued += o.pointsIssued;
    pointsClawedBack += o.pointsClawedBack;
    pointsUncollected += o.pointsUncollected;
    upgrades += o.upgrades;
    downgrades += o.downgrades;
    reviewsRun += o.reviewsRun;
    expiryRuns += o.expiryRuns;
    pointsExpired += o.pointsExpired;
  }

  /** {@return the lane's name, e.g. {@code baseline}} */
  public String name() {
    return name;
  }

  /** {@return the engine that decided} */
  public LoyaltyRulesEngine engine() {
    return engine;
  }

  /** {@return the programme the lane decided under} */
  public Programme programme() {
    return programme;
  }

  /** {@return the version of the rule base and programme that decided (the same on every entry)} */
  public String version() {
    return engine.ruleBaseVersion();
  }

  /** {@return every member with a ledger, by member id, in id order} */
  public Map<String, MemberAccount> accounts() {
    return Collections.unmodifiableMap(accounts);
  }

  /** {@return members with a ledger} */
  public long members() {
    return accounts.size();
  }

  /** {@return paid orders decided} */
  public long ordersDecided() {
    return ordersDecided;
  }

  /** {@return returns decided (one per returned order per return invoice)} */
  public long returnsDecided() {
    return returnsDecided;
  }

  /** {@return enrolments decided} */
  public long enrolmentsDecided() {
    return enrolmentsDecided;
  }

  /** {@return events the engine rejected (reported as problems)} */
  public long eventsFailed() {
    return eventsFailed;
  }

  /** {@return points credited by every earned entry} */
  public long pointsIssued() {
    return pointsIssued;
  }

  /** {@return points deducted by clawbacks} */
  public long pointsClawedBack() {
    return pointsClawedBack;
  }

  /** {@return points a clawback reversed but could not deduct (already expired, or capped at zero)} */
  public long pointsUncollected() {
    return pointsUncollected;
  }

  /** {@return the sum of every member's balance} */
  public long pointsOutstanding() {
    long sum = 0;
    for (MemberAccount account : accounts.values()) {
      sum += account.ledger().balance().value();
    }
    return sum;
  }

  /** {@return outstanding points times the programme's cash value per point} */
  public Money liability() {
    return programme.cashValuePerPoint().multipliedBy(BigDecimal.valueOf(pointsOutstanding()), RoundingMode.HALF_EVEN);
  }

  /** {@return tier upgrades decided} */
  public long upgrades() {
    return upgrades;
  }

  /** {@return tier downgrades decided} */
  public long downgrades() {
    return downgrades;
  }

  /** {@return the schedule of tier reviews and expiry runs the replay added to the events given} */
  public ReviewSchedule reviews() {
    return reviews;
  }

  /** {@return tier reviews decided, scheduled or given as events} */
  public long reviewsRun() {
    return reviewsRun;
  }

  /** {@return expiry runs decided, scheduled or given as events} */
  public long expiryRuns() {
    return expiryRuns;
  }

  /** {@return points taken off by expiry (the expired entries' points, as a positive number)} */
  public long pointsExpired() {
    return pointsExpired;
  }

  /** {@return members per tier, in ladder order, every tier listed} */
  public Map<String, Long> tierDistribution() {
    Map<String, Long> result = new LinkedHashMap<>();
    for (Tier tier : programme.tiers().tiers()) {
      result.put(tier.code(), 0L);
    }
    for (MemberAccount account : accounts.values()) {
      result.merge(account.member().tierCode(), 1L, Long::sum);
    }
    return result;
  }

  /**
   * {@return net points by the rule that produced them: each earned entry's points under its rule,
   * less what clawbacks took back from entries of that rule; sums to the outstanding points}
   */
  public Map<String, Long> pointsByRule() {
    return Collections.unmodifiableMap(pointsByRule);
  }

  /** {@return how often each rule fired} */
  public Map<String, Long> firings() {
    return Collections.unmodifiableMap(firings);
  }

  // ------------------------------------------------------------------ deciding

  MemberAccount account(String memberId) {
    return accounts.get(memberId);
  }

  /** Registers a member known in advance; their enrolment is an event like any other. */
  void register(Member member) {
    accounts.put(member.id(), new MemberAccount(member, programme.newLedger(member.id())));
  }

  /** Opens the account of a member first met in their enrolment event, in the entry tier. */
  MemberAccount enrolNew(LoyaltyEvent.MemberEnrolled event) {
    MemberAccount account =
        new MemberAccount(Member.of(event.memberId(), event.occurredAt(), entryTier), programme.newLedger(event.memberId()));
    accounts.put(event.memberId(), account);
    return account;
  }

  /**
   * Decides one event for a member and appends the decision to the ledgers it names.
   *
   * @return the decision
   * @throws RuntimeException whatever the engine or the ledger threw; nothing was counted
   */
  Decision decide(LoyaltyEvent event, MemberAccount account) {
    Decision decision = engine.decide(event, context(account));
    apply(decision, account);
    if (event instanceof LoyaltyEvent.OrderPaid) {
      ordersDecided++;
      account.orders++;
    } else if (event instanceof LoyaltyEvent.OrderReturned) {
      returnsDecided++;
      account.returns++;
    } else if (event instanceof LoyaltyEvent.MemberEnrolled) {
      enrolmentsDecided++;
    } else if (event instanceof LoyaltyEvent.TierReview) {
      reviewsRun++;
    } else if (event instanceof LoyaltyEvent.ExpiryRun) {
      expiryRuns++;
    }
    return decision;
  }

  /** Counts an event the engine rejected. */
  void failed() {
    eventsFailed++;
  }

  private DecisionContext context(MemberAccount account) {
    Optional<String> referrer = account.member().referrerId();
    if (referrer.isEmpty()) {
      return new DecisionContext(account.state(), List.of());
    }
    List<MemberState> uplines = new ArrayList<>(2);
    int levels = programme.maxReferralLevels();
    while (referrer.isPresent() && uplines.size() < levels) {
      MemberAccount upline = accounts.get(referrer.get());
      if (upline == null || upline == account) {
        break;
      }
      uplines.add(upline.state());
      referrer = upline.member().referrerId();
    }
    return DecisionContext.withUplineLedgers(account.state(), uplines);
  }

  private void apply(Decision decision, MemberAccount account) {
    List<LedgerEntry> entries = decision.entries();
    boolean single = true;
    for (LedgerEntry entry : entries) {
      single &= entry.memberId().equals(account.member().id());
    }
    if (single) {
      account.ledger().appendAll(entries);
    } else {
      // Referral bonuses land in other members' ledgers: append per member, the event's member first.
      Map<String, List<LedgerEntry>> byMember = new LinkedHashMap<>();
      byMember.put(account.member().id(), new ArrayList<>());
      for (LedgerEntry entry : entries) {
        byMember.computeIfAbsent(entry.memberId(), k -> new ArrayList<>()).add(entry);
      }
      for (Map.Entry<String, List<LedgerEntry>> e : byMember.entrySet()) {
        MemberAccount target = accounts.get(e.getKey());
        if (target == null) {
          throw new IllegalStateException("decision names member " + e.getKey() + " who has no ledger");
        }
        target.ledger().appendAll(e.getValue());
      }
    }
    for (LedgerEntry entry : entries) {
      MemberAccount target = single ? account : accounts.get(entry.memberId());
      long points = entry.points().value();
      if (entry instanceof LedgerEntry.Earned) {
        pointsIssued += points;
        target.earned += points;
        if (points != 0) {
          pointsByRule.merge(entry.provenance().rule(), points, Long::sum);
        }
      } else if (entry instanceof LedgerEntry.ClawedBack clawback) {
        pointsClawedBack -= points;
        pointsUncollected += clawback.uncollected().value();
        target.clawedBack -= points;
        if (points != 0) {
          String rule = target.ledger().entry(clawback.earnedKey()).map(e -> e.provenance().rule())
              .orElse(entry.provenance().rule());
          pointsByRule.merge(rule, points, Long::sum);
        }
      } else if (points != 0) {
        if (entry instanceof LedgerEntry.Expired) {
          pointsExpired -= points;
        }
        pointsByRule.merge(entry.provenance().rule(), points, Long::sum);
      }
    }
    Optional<TierChange> change = decision.tierChange();
    if (change.isPresent()) {
      TierChange tc = change.get();
      MemberAccount target = accounts.get(tc.memberId());
      int from = programme.tiers().byCode(tc.from()).rank();
      int to = programme.tiers().byCode(tc.to()).rank();
      if (to > from) {
        upgrades++;
      } else {
        downgrades++;
      }
      target.member(target.member().withTier(tc.to()));
      target.tierHistory.add(tc);
    }
    for (String rule : decision.firedRules()) {
      firings.merge(rule, 1L, Long::sum);
    }
  }
}
