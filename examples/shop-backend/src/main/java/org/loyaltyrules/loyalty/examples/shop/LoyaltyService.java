package org.loyaltyrules.loyalty.examples.shop;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.loyaltyrules.loyalty.BeyondHorizonException;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Tier;
import org.loyaltyrules.loyalty.json.LoyaltyJson;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The shop's loyalty use cases. Each one runs the same way, in one database transaction:
 *
 * <ol>
 *   <li>lock the member row, and the rows of the referral chain the engine may credit, in id order
 *       ({@code SELECT ... FOR UPDATE}; a fixed order means two requests never wait on each other
 *       in a cycle);
 *   <li>load those members' {@link PointLedger}s, each from its latest checkpoint and the rows after
 *       it ({@link MemberLedgers});
 *   <li>ask the engine for a {@link Decision};
 *   <li>append the decision's entries to the in-memory ledgers ({@link PointLedger#appendAll} checks
 *       every ledger rule again and tells a new entry from an equal one already stored), insert the
 *       new ones, and apply the tier change.
 * </ol>
 *
 * <p><b>Why a lock and not an optimistic version check.</b> Every order of a member reads the whole
 * ledger (first order? tier spend? points available?) and appends to it, so two concurrent orders
 * for one member always conflict; under optimistic checking one of them would always be retried.
 * The lock makes the second wait a few milliseconds instead, with no retry loop, and works the same
 * on H2 and PostgreSQL. Requests for different members do not wait on each other.
 *
 * <p><b>Retries.</b> A request is recognised by its id (order id, return id, redemption id, member
 * id): the same id with the same content is replayed through the engine, which decides nothing new,
 * and answers {@code replayed: true}; with different content it fails with
 * {@link ConflictingRequestException}. The unique constraint on (member, idempotency key) is the
 * last guard: if two requests ever raced past the checks, the second transaction fails on it, rolls
 * back whole, and is run once more, when it sees the first one's rows.
 */
@Service
class LoyaltyService {
  private static final Logger LOG = LoggerFactory.getLogger(LoyaltyService.class);
  private static final int ATTEMPTS = 3;

  private final ShopStore store;
  private final MemberLedgers memberLedgers;
  private final ShopRules rules;
  private final TransactionTemplate tx;
  private final TransactionTemplate readOnly;
  private final Clock clock;

  LoyaltyService(ShopStore store, MemberLedgers memberLedgers, ShopRules rules, PlatformTransactionManager transactions,
      Clock clock) {
    this.store = store;
    this.memberLedgers = memberLedgers;
    this.rules = rules;
    this.tx = new TransactionTemplate(transactions);
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
    this.clock = clock;
  }

  private LoyaltyRulesEngine engine() {
    return rules.engine();
  }

  // ------------------------------------------------------------------ use cases

  ShopApi.DecisionView enrol(ShopApi.EnrolRequest request) {
    request.check();
    Programme programme = engine().programme();
    Instant enrolledAt = request.enrolledAt();
    if (enrolledAt != null && enrolledAt.getNano() % 1_000 != 0) {
      // The members table keeps timestamps to the microsecond (as PostgreSQL does).
      throw new InvalidValueException("enrol request", "enrolledAt", enrolledAt, "an instant to the microsecond at most");
    }
    Member member = new Member(request.id(), request.enrolledAt(), programme.tiers().entry().code(),
        request.birthdayValue(), Optional.ofNullable(request.referrerId()), Set.of());
    return inTransaction(history -> {
      Optional<Member> existing = store.lockMember(member.id());
      boolean replayed = existing.isPresent();
      if (replayed) {
        Member stored = existing.get();
        if (!stored.enrolledAt().equals(member.enrolledAt()) || !stored.birthday().equals(member.birthday())
            || !stored.referrerId().equals(member.referrerId())) {
          throw new ConflictingRequestException("memberId", member.id(), describe(stored), describe(member));
        }
      } else {
        if (member.referrerId().isPresent() && store.findMember(member.referrerId().get()).isEmpty()) {
          throw new NotFoundException("enrol request", "referrerId", member.referrerId().get(), "an enrolled member");
        }
        store.insertMember(member);
      }
      Locked locked = lock(List.of(member.id()), history);
      LoyaltyEvent event = new LoyaltyEvent.MemberEnrolled("enrol-" + member.id(), member.id(), member.enrolledAt());
      return decideAndStore(event, DecisionContext.of(locked.state(member.id())), locked, replayed);
    });
  }

  ShopApi.DecisionView orderPaid(ShopApi.OrderRequest request) {
    Order order = request.toOrder(engine().programme().currency());
    return inTransaction(history -> {
      Member member = store.findMember(order.memberId())
          .orElseThrow(() -> new NotFoundException("order-paid request", "memberId", order.memberId(), "an enrolled member"));
      List<String> chain = uplineIds(member);
      Locked locked = lock(concat(member.id(), chain), history);
      Optional<Order> stored = store.findOrder(order.id());
      if (stored.isPresent() && !stored.get().equals(order)) {
        throw new ConflictingRequestException("orderId", order.id(), LoyaltyJson.write(stored.get()), LoyaltyJson.write(order));
      }
      if (stored.isEmpty()) {
        store.insertOrder(order);
      }
      return decideAndStore(new LoyaltyEvent.OrderPaid(order), context(locked, member.id(), chain), locked,
          stored.isPresent());
    });
  }

  ShopApi.DecisionView orderReturned(String orderId, ShopApi.ReturnRequest request) {
    String subject = "return request";
    ShopApi.checkId(subject, "orderId", orderId);
    String returnId = ShopApi.checkId(subject, "returnId", ShopApi.present(subject, "returnId", request.returnId()));
    Instant at = ShopApi.present(subject, "occurredAt", request.occurredAt());
    List<LoyaltyEvent.ReturnedLine> requested = request.requestedLines();
    return inTransaction(history -> {
      Order order = store.findOrder(orderId)
          .orElseThrow(() -> new NotFoundException(subject, "orderId", orderId, "the id of a paid order"));
      Member member = store.findMember(order.memberId()).orElseThrow();
      List<String> chain = uplineIds(member);
      Locked locked = lock(concat(member.id(), chain), history);
      Optional<ShopStore.StoredReturn> prior = store.findReturn(returnId);
      ShopStore.StoredReturn accepted;
      if (prior.isPresent()) {
        accepted = prior.get();
        ShopStore.StoredReturn attempt = new ShopStore.StoredReturn(orderId, at, requested, accepted.resolved());
        if (!accepted.equals(attempt)) {
          throw new ConflictingRequestException("returnId", returnId, ShopStore.json(accepted), ShopStore.json(attempt));
        }
      } else {
        accepted = new ShopStore.StoredReturn(orderId, at, requested, resolve(order, requested));
        store.insertReturn(returnId, member.id(), accepted);
      }
      LoyaltyEvent event = LoyaltyEvent.OrderReturned.of(returnId, order, accepted.resolved(), at);
      return decideAndStore(event, context(locked, member.id(), chain), locked, prior.isPresent());
    });
  }

  ShopApi.DecisionView redeem(String memberId, ShopApi.RedemptionRequest request) {
    ShopApi.checkId("redemption request", "memberId", memberId);
    LoyaltyEvent.PointsRedeemed event = new LoyaltyEvent.PointsRedeemed(request.redemptionId(), memberId,
        Points.of(request.pointsValue()), request.occurredAt());
    return inTransaction(history -> {
      Locked locked = lock(List.of(memberId), history);
      Optional<LedgerEntry> prior = locked.ledgers.get(memberId).entry(EntryKey.redemption(event.eventId()));
      if (prior.isPresent() && (!prior.get().points().equals(event.points().negated())
          || !prior.get().occurredAt().equals(event.occurredAt()))) {
        throw new ConflictingRequestException("redemptionId", event.eventId(),
            prior.get().points().negated() + " points at " + prior.get().occurredAt(),
            event.points() + " points at " + event.occurredAt());
      }
      return decideAndStore(event, DecisionContext.of(locked.state(memberId)), locked, prior.isPresent());
    });
  }

  ShopApi.StatementView statement(String memberId, Instant asOf) {
    ShopApi.checkId("statement request", "memberId", memberId);
    Instant at = asOf == null ? clock.instant() : asOf;
    return readOnly.execute(status -> {
      Member member = store.findMember(memberId)
          .orElseThrow(() -> new NotFoundException("statement request", "memberId", memberId, "an enrolled member"));
      Programme programme = engine().programme();
      List<ShopStore.StoredEntry> rows = store.ledger(memberId);
      PointLedger ledger = PointLedger.of(memberId, programme.negativeBalancePolicy(),
          rows.stream().map(ShopStore.StoredEntry::entry).toList());
      Tier tier = programme.tiers().byCode(member.tierCode());
      Instant windowStart = at.atZone(programme.zone()).minus(tier.window()).toInstant();
      return new ShopApi.StatementView(member.id(), member.tierCode(), member.enrolledAt(),
          member.referrerId().orElse(null), at, ledger.balance().value(), ledger.available(at).value(),
          ledger.pending(at).value(), ledger.debt().value(),
          ledger.qualifyingSpend(windowStart, at, programme.currency()).toString(),
          rows.stream().map(r -> ShopApi.EntryView.of(r.seq(), r.entry())).toList(),
          store.tierChanges(memberId).stream().map(ShopApi.TierChangeView::of).toList());
    });
  }

  // ------------------------------------------------------------------ the common path

  private ShopApi.DecisionView decideAndStore(LoyaltyEvent event, DecisionContext context, Locked locked,
      boolean replayed) {
    Decision decision = engine().decide(event, context);
    List<ShopApi.EntryView> stored = new ArrayList<>();
    Map<String, List<LedgerEntry>> byMember = new LinkedHashMap<>();
    for (LedgerEntry entry : decision.entries()) {
      byMember.computeIfAbsent(entry.memberId(), k -> new ArrayList<>()).add(entry);
    }
    List<ShopStore.StoredEntry> rows = new ArrayList<>();
    for (Map.Entry<String, List<LedgerEntry>> mine : byMember.entrySet()) {
      PointLedger ledger = locked.ledgers.get(mine.getKey());
      if (ledger == null) {
        throw new IllegalStateException("decision " + decision.eventId() + " has entries for member " + mine.getKey()
            + ", whose row this request did not lock");
      }
      // Throws DuplicateEventException for a key reused with other content, and any ledger rule broken.
      List<PointLedger.AppendResult> results = ledger.appendAll(mine.getValue());
      for (int i = 0; i < results.size(); i++) {
        if (results.get(i) == PointLedger.AppendResult.APPENDED) {
          long seq = locked.nextSeq(mine.getKey());
          rows.add(new ShopStore.StoredEntry(seq, mine.getValue().get(i)));
          stored.add(ShopApi.EntryView.of(seq, mine.getValue().get(i)));
        }
      }
    }
    store.insertEntries(rows);
    Programme programme = engine().programme();
    for (String id : locked.ledgers.keySet()) {
      memberLedgers.checkpointIfDue(locked.loaded.get(id), locked.ledgers.get(id), locked.lastSeq.get(id), programme);
    }
    decision.tierChange().ifPresent(change -> {
      store.updateTier(change.memberId(), change.to());
      store.insertTierChange(decision.eventId(), change);
    });
    String memberId = event.memberId();
    PointLedger ledger = locked.ledgers.get(memberId);
    LOG.debug("{} {}: stored {} entries (replayed {}), rules {}", event.getClass().getSimpleName(), event.eventId(),
        stored.size(), replayed, decision.ruleBaseVersion());
    return new ShopApi.DecisionView(decision.eventId(), memberId, replayed, decision.ruleBaseVersion(), stored,
        decision.tierChange().map(ShopApi.TierChangeView::of).orElse(null), decision.firedRules(), decision.notices(),
        ledger.balance().value(), ledger.available(event.occurredAt()).value());
  }

  /** The members whose rows this transaction locked, with their rebuilt ledgers. */
  private static final class Locked {
    final Map<String, Member> members = new HashMap<>();
    final Map<String, PointLedger> ledgers = new HashMap<>();
    final Map<String, MemberLedgers.Loaded> loaded = new HashMap<>();
    final Map<String, Long> lastSeq = new HashMap<>();

    MemberState state(String id) {
      return MemberState.of(members.get(id), ledgers.get(id));
    }

    long nextSeq(String id) {
      long next = lastSeq.get(id) + 1;
      lastSeq.put(id, next);
      return next;
    }
  }

  private Locked lock(Collection<String> ids, MemberLedgers.History history) {
    Locked locked = new Locked();
    Programme programme = engine().programme();
    for (String id : new TreeSet<>(ids)) {
      Member member = store.lockMember(id)
          .orElseThrow(() -> new NotFoundException("request", "memberId", id, "an enrolled member"));
      locked.members.put(id, member);
    }
    for (String id : locked.members.keySet()) {
      MemberLedgers.Loaded loaded = memberLedgers.load(id, programme, history);
      locked.loaded.put(id, loaded);
      locked.ledgers.put(id, loaded.ledger());
      locked.lastSeq.put(id, loaded.lastSeq());
    }
    return locked;
  }

  /**
   * The member's referrers, nearest first, as far as the programme pays referral levels. Read without
   * locks: a member's referrer is set at enrolment and never changes.
   */
  private List<String> uplineIds(Member member) {
    int levels = engine().programme().maxReferralLevels();
    List<String> chain = new ArrayList<>();
    Set<String> seen = new HashSet<>(Set.of(member.id()));
    Optional<String> next = member.referrerId();
    while (next.isPresent() && chain.size() < levels && seen.add(next.get())) {
      chain.add(next.get());
      next = store.findMember(next.get()).flatMap(Member::referrerId);
    }
    return chain;
  }

  private static DecisionContext context(Locked locked, String memberId, List<String> chain) {
    return DecisionContext.withUplineLedgers(locked.state(memberId), chain.stream().map(locked::state).toList());
  }

  /** The lines a return takes back: as requested, or every unit not yet returned. */
  private List<LoyaltyEvent.ReturnedLine> resolve(Order order, List<LoyaltyEvent.ReturnedLine> requested) {
    Map<String, Integer> before = new HashMap<>();
    for (ShopStore.StoredReturn earlier : store.returnsOf(order.id())) {
      for (LoyaltyEvent.ReturnedLine line : earlier.resolved()) {
        before.merge(line.lineId(), line.quantity(), Integer::sum);
      }
    }
    if (requested.isEmpty()) {
      List<LoyaltyEvent.ReturnedLine> rest = new ArrayList<>();
      for (OrderLine line : order.lines()) {
        int left = line.quantity() - before.getOrDefault(line.lineId(), 0);
        if (left > 0) {
          rest.add(new LoyaltyEvent.ReturnedLine(line.lineId(), left));
        }
      }
      if (rest.isEmpty()) {
        throw new InvalidValueException("return request", "lines", "(the rest)",
            "units not yet returned; every unit of order " + order.id() + " has been returned");
      }
      return List.copyOf(rest);
    }
    for (int i = 0; i < requested.size(); i++) {
      LoyaltyEvent.ReturnedLine line = requested.get(i);
      int left = order.line(line.lineId()).quantity() - before.getOrDefault(line.lineId(), 0);
      if (line.quantity() > left) {
        throw new InvalidValueException("return request", "lines[" + i + "].quantity", line.quantity(),
            "≤ " + left + " units of line " + line.lineId() + " not yet returned");
      }
    }
    return requested;
  }

  /**
   * Runs {@code work} in a transaction, on the members' checkpoints and the rows after them. A
   * unique-key violation rolls the whole transaction back and runs it again: the second run sees the
   * rows the other request committed and treats them as a retry (or a conflict). An event that
   * reaches before a checkpoint's horizon ({@link BeyondHorizonException}: a late event, an old
   * request retried) rolls back too and runs again on the full history, as the library advises.
   */
  private <T> T inTransaction(Function<MemberLedgers.History, T> work) {
    MemberLedgers.History history = MemberLedgers.History.CHECKPOINT;
    for (int attempt = 1; ; attempt++) {
      MemberLedgers.History reads = history;
      try {
        return tx.execute(status -> work.apply(reads));
      } catch (DuplicateKeyException e) {
        if (attempt >= ATTEMPTS) {
          throw e;
        }
        LOG.debug("unique key violated by a concurrent request; running attempt {} of {}", attempt + 1, ATTEMPTS, e);
      } catch (BeyondHorizonException e) {
        if (history == MemberLedgers.History.FULL) {
          throw e;
        }
        LOG.debug("the request reaches before a checkpoint's horizon; running it on the full history", e);
        history = MemberLedgers.History.FULL;
      }
    }
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  private static String describe(Member member) {
    return "member " + member.id() + " enrolled at " + member.enrolledAt() + ", birthday "
        + member.birthday().map(ShopApi::monthDay).orElse("none") + ", referrer " + member.referrerId().orElse("none");
  }
}
