package org.loyaltyrules.loyalty.rules.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BinaryOperator;
import org.kie.api.KieBase;
import org.loyaltyrules.loyalty.CurrencyMismatchException;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.ExpiryNotices;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LedgerOnlyDecisions;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Tier;
import org.loyaltyrules.loyalty.TierChange;
import org.loyaltyrules.loyalty.TierProgress;
import org.loyaltyrules.loyalty.rules.RuleEvaluationException;
import org.loyaltyrules.loyalty.rules.facts.Decisions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides one event against one (rule base, programme) snapshot, by dispatching it: facts from
 * {@link FactBuilder}, the rules in a {@link RuleSession}, their outputs sorted by kind once in
 * {@link RuleOutputs}, the entries from {@link OrderAccounting}, {@link BonusEntries},
 * {@link TierChanges} or {@link ReturnAccounting}; events no rule decides go to
 * {@link LedgerOnlyDecisions}. Every decision passes {@link DecisionChecks} before it leaves.
 * Immutable and thread-safe.
 */
public final class Evaluator {
  private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

  private final Programme programme;
  private final String version;
  private final RuleSession session;
  private final FactBuilder facts;
  private final OrderAccounting orders;
  private final ReturnAccounting returns;
  private final BonusEntries bonuses;
  private final TierChanges tiers;
  private final Explanations explain;
  private final StoreCreditAccounting credit;
  private final EventBonuses eventBonuses;

  /**
   * @param kieBase the compiled rules
   * @param sessions the pool of sessions of {@code kieBase}
   * @param programme the programme
   * @param campaigns the programme's campaign index
   * @param version the version recorded on decisions
   * @param firingBound the most rule firings per evaluation, by the facts inserted
   * @param outputBound the most outputs per evaluation, by the facts inserted
   * @param ruleNames the name decisions record for a rule, from its package (or {@code null}) and name
   */
  public Evaluator(KieBase kieBase, SessionPool sessions, Programme programme, CampaignIndex campaigns, String version,
      EvaluationBound firingBound, EvaluationBound outputBound, BinaryOperator<String> ruleNames) {
    this.programme = programme;
    this.version = version;
    this.session = new RuleSession(kieBase, sessions, firingBound, outputBound, ruleNames);
    this.facts = new FactBuilder(programme, campaigns);
    this.explain = new Explanations(programme);
    this.orders = new OrderAccounting(programme, explain, version);
    this.credit = new StoreCreditAccounting(programme, version);
    this.returns = new ReturnAccounting(programme, version, credit);
    this.bonuses = new BonusEntries(programme, explain, version);
    this.tiers = new TierChanges(programme, explain);
    this.eventBonuses = new EventBonuses(programme, version);
  }

  /**
   * @param event the event
   * @param context the member state
   * @return the decision
   */
  public Decision decide(LoyaltyEvent event, DecisionContext context) {
    EventSanity.check(event, context, programme);
    Decision decision;
    if (event instanceof LoyaltyEvent.OrderPaid paid) {
      decision = orderPaid(paid.order(), context);
    } else if (event instanceof LoyaltyEvent.OrderReturned returned) {
      decision = orderReturned(returned, context);
    } else if (event instanceof LoyaltyEvent.MemberEnrolled enrolled) {
      decision = memberEnrolled(enrolled, context);
    } else if (LedgerOnlyDecisions.handles(event)) {
      decision = LedgerOnlyDecisions.decide(event, context.member(), programme, version);
    } else if (event instanceof LoyaltyEvent.TierReview review) {
      decision = tierReview(review, context);
    } else if (event instanceof LoyaltyEvent.CustomEvent custom) {
      decision = customEvent(custom, context);
    } else if (event instanceof LoyaltyEvent.DayStarted day) {
      decision = dayStarted(day, context);
    } else {
      throw new IllegalStateException("unknown event kind " + event.getClass());
    }
    // Every decision warns of the member's points expiring soon, as they stand once it is appended.
    decision = ExpiryNotices.withNotice(decision, context.member().ledger(), programme, event.occurredAt());
    DecisionChecks.check(decision, programme);
    if (LOG.isDebugEnabled()) {
      LOG.debug("decided {} {} for member {}: {} entries, tier change {}, rules {}", event.getClass().getSimpleName(),
          event.eventId(), event.memberId(), decision.entries().size(), decision.tierChange().isPresent(),
          decision.firedRules());
    }
    return decision;
  }

  private Decision orderPaid(Order order, DecisionContext context) {
    Member member = context.member().member();
    if (!order.currency().equals(programme.currency())) {
      throw new CurrencyMismatchException("order", "currency", programme.currency(), order.currency());
    }
    EntryKey baseKey = EntryKey.orderBase(order.id());
    if (context.member().ledger().contains(baseKey)) {
      return nothing(order.id(), "order " + order.id() + " was already decided (entry " + baseKey.text()
          + " exists); nothing more to credit");
    }
    FactBuilder.OrderFacts in = facts.orderPaid(order, context);
    Decisions.Recorder out = session.fire(in.facts());
    try {
      RuleOutputs sorted = RuleOutputs.of(out.outputs());
      List<LedgerEntry> entries = orders.entries(order, in, sorted, member.id(), context.member().ledger());
      Optional<TierChange> tierChange = tiers.upgrade(sorted, member, in.tier(), order.paidAt());
      entries.addAll(bonuses.referral(sorted, member, order, in.uplines()));
      entries.addAll(credit.grants(sorted, order.id(), member.id(), order.paidAt(), context.member().ledger()));
      entries.addAll(RewardAccounting.orderPaid(version, order, sorted));
      List<String> notices = new ArrayList<>(in.notices());
      notices.addAll(sorted.notices()); // near misses included: a bundled rule gives them
      String tierAfter = tierChange.map(TierChange::to).orElse(in.tier().code());
      notices.addAll(tierProgress(context, tierAfter, order.paidAt(), Money.of(in.spend(), programme.currency())));
      return new Decision(order.id(), version, entries, tierChange, out.firedRules(), notices);
    } catch (RuleEvaluationException e) {
      throw e;
    } catch (Throwable e) {
      throw RuleSession.accountingFailed(order.id(), e);
    }
  }

  private Decision memberEnrolled(LoyaltyEvent.MemberEnrolled event, DecisionContext context) {
    Decisions.Recorder out = session.fire(facts.memberEnrolled(event, context.member().member(), context.member().ledger()));
    try {
      RuleOutputs sorted = RuleOutputs.of(out.outputs());
      List<LedgerEntry> entries = new ArrayList<>(bonuses.welcome(sorted, event, context.member()));
      entries.addAll(credit.grants(sorted, event.eventId(), event.memberId(), event.occurredAt(), context.member().ledger()));
      return new Decision(event.eventId(), version, entries, Optional.empty(), out.firedRules(), sorted.notices());
    } catch (RuleEvaluationException e) {
      throw e;
    } catch (Throwable e) {
      throw RuleSession.accountingFailed(event.eventId(), e);
    }
  }

  private Decision tierReview(LoyaltyEvent.TierReview event, DecisionContext context) {
    Member member = context.member().member();
    Tier current = programme.tiers().byCode(member.tierCode());
    Decisions.Recorder out = session.fire(facts.tierReview(event, member, context.member().ledger()));
    try {
      RuleOutputs sorted = RuleOutputs.of(out.outputs());
      Optional<TierChange> change = tiers.review(sorted, member, current, event.occurredAt());
      List<LedgerEntry> entries = credit.grants(sorted, event.eventId(), event.memberId(), event.occurredAt(),
          context.member().ledger());
      List<String> notices = new ArrayList<>(sorted.notices());
      notices.addAll(tierProgress(context, change.map(TierChange::to).orElse(current.code()), event.occurredAt(),
          Money.zero(programme.currency())));
      return new Decision(event.eventId(), version, entries, change, out.firedRules(), notices);
    } catch (RuleEvaluationException e) {
      throw e;
    } catch (Throwable e) {
      throw RuleSession.accountingFailed(event.eventId(), e);
    }
  }

  private Decision dayStarted(LoyaltyEvent.DayStarted event, DecisionContext context) {
    FactBuilder.DayFacts in = facts.dayStarted(event, context.member().member(), context.member().ledger());
    Decisions.Recorder out = session.fire(in.facts());
    try {
      RuleOutputs sorted = RuleOutputs.of(out.outputs());
      List<LedgerEntry> entries = RewardAccounting.dayStarted(programme, version, event, in.day(), sorted,
          context.member().ledger());
      return new Decision(event.eventId(), version, entries, Optional.empty(), out.firedRules(), sorted.notices());
    } catch (RuleEvaluationException e) {
      throw e;
    } catch (Throwable e) {
      throw RuleSession.accountingFailed(event.eventId(), e);
    }
  }

  /**
   * The clawbacks of a return; then, if the programme recomputes tiers on refunds, the rules decide
   * which tiers the spend left still qualifies for, as they do after an order and at a review.
   */
  private Decision orderReturned(LoyaltyEvent.OrderReturned event, DecisionContext context) {
    ReturnAccounting.Refund refund = returns.orderReturned(event, context);
    Decision decision = refund.decision();
    Member member = context.member().member();
    Tier current = programme.tiers().byCode(member.tierCode());
    if (refund.after().isEmpty() || current.rank() == 0
        || programme.tierRefundPolicy() != Programme.TierRefundPolicy.RECOMPUTE_ON_REFUND) {
      return decision;
    }
    Decisions.Recorder out = session.fire(facts.orderReturned(event, member, refund.after().get()));
    try {
      RuleOutputs sorted = RuleOutputs.of(out.outputs());
      Optional<TierChange> change = tiers.afterRefund(sorted, member, current, event.eventId(), event.occurredAt());
      List<String> notices = new ArrayList<>(decision.notices());
      notices.addAll(sorted.notices());
      return new Decision(decision.eventId(), version, decision.entries(), change, out.firedRules(), notices);
    } catch (RuleEvaluationException e) {
      throw e;
    } catch (Throwable e) {
      throw RuleSession.accountingFailed(event.eventId(), e);
    }
  }

  /**
   * A custom event: the event-bonus campaigns the rules apply, each within its limits and budgets
   * ({@link EventBonuses}); a redelivered event finds its keys and pays nothing more.
   */
  private Decision customEvent(LoyaltyEvent.CustomEvent event, DecisionContext context) {
    FactBuilder.CustomFacts in = facts.customEvent(event, context.member().member(), context.member().ledger());
    eventBonuses.checkHorizon(in.campaigns(), event, context.member().ledger());
    Decisions.Recorder out = session.fire(in.facts());
    try {
      RuleOutputs sorted = RuleOutputs.of(out.outputs());
      EventBonuses.Result result = eventBonuses.entries(sorted, event, context, in.campaigns());
      List<String> notices = new ArrayList<>(sorted.notices());
      notices.addAll(result.notices());
      return new Decision(event.eventId(), version, result.entries(), Optional.empty(), out.firedRules(), notices);
    } catch (RuleEvaluationException e) {
      throw e;
    } catch (Throwable e) {
      throw RuleSession.accountingFailed(event.eventId(), e);
    }
  }

  /**
   * The {@code tier-progress: } notices when the programme asks for them: what the member, in
   * {@code tierCode} after the decision, has to spend to keep it and to reach the next tier.
   */
  private List<String> tierProgress(DecisionContext context, String tierCode, java.time.Instant at, Money spendAt) {
    if (!programme.tierProgressNotices()) {
      return List.of();
    }
    List<String> notices = new ArrayList<>();
    for (TierProgress progress : TierProgress.of(programme.tiers(), context.member().ledger(), tierCode, at,
        programme.zone(), spendAt)) {
      notices.add(progress.notice());
    }
    return notices;
  }

  private Decision nothing(String eventId, String notice) {
    return new Decision(eventId, version, List.of(), Optional.empty(), List.of(), List.of(notice));
  }
}
