package org.loyaltyrules.loyalty.rules.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.TierChange;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;
import org.loyaltyrules.loyalty.rules.Programmes;
import org.loyaltyrules.loyalty.rules.RuleBase;

/**
 * Properties of the library replay on random member sets with random referral forests and random
 * events (enrolments, orders, returns, and events for members nobody enrolled): the result does not
 * depend on the thread count, partitioning keeps every referral family together, and each member's
 * final ledger is what deciding the events one by one through the engine gives.
 */
class ReplayProperties {
  private static final Programme PROGRAMME = Programmes.taiwan(List.of());
  private static final LoyaltyRulesEngine ENGINE =
      LoyaltyRulesEngine.builder(PROGRAMME).ruleBase(RuleBase.defaults()).build();
  private static final Instant START = Instant.parse("2025-03-01T02:00:00Z");

  /** A member set: referrer[i] is the index of member i's referrer (always an earlier member), or -1. */
  record Forest(List<Integer> referrer) {
    List<Member> members() {
      List<Member> members = new ArrayList<>();
      for (int i = 0; i < referrer.size(); i++) {
        Member m = Member.of("m" + i, START.minusSeconds(86_400), "member");
        members.add(referrer.get(i) < 0 ? m : m.withReferrer("m" + referrer.get(i)));
      }
      return members;
    }
  }

  /** One step: 0 an order, 1 a return of the member's latest order, 2 an order by an unlisted member. */
  record Step(int kind, int member, int units, int price) {}

  @Provide
  Arbitrary<Forest> forests() {
    return Arbitraries.integers().between(1, 12).flatMap(n -> {
      List<Arbitrary<Integer>> refs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        refs.add(i == 0 ? Arbitraries.just(-1) : Arbitraries.integers().between(-1, i - 1));
      }
      return Combinators.combine(refs).as(Forest::new);
    });
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    return Combinators.combine(Arbitraries.of(0, 0, 0, 1, 2), Arbitraries.integers().between(0, 11),
            Arbitraries.integers().between(1, 3), Arbitraries.integers().between(50, 2_500))
        .as(Step::new).list().ofMaxSize(30);
  }

  /** The events of a run, oldest first: listed members' enrolments, then the steps an hour apart. */
  static List<LoyaltyEvent> events(Forest forest, List<Step> steps) {
    List<LoyaltyEvent> events = new ArrayList<>();
    int n = forest.referrer().size();
    for (Member m : forest.members()) {
      events.add(new LoyaltyEvent.MemberEnrolled("enrol-" + m.id(), m.id(), m.enrolledAt()));
    }
    Map<String, Order> latest = new HashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      Instant at = START.plusSeconds(3_600L * i);
      String member = step.kind() == 2 ? "guest" + step.member() % 3 : "m" + step.member() % n;
      if (step.kind() == 1 && latest.containsKey(member)) {
        Order order = latest.get(member);
        events.add(LoyaltyEvent.OrderReturned.of("r" + i, order,
            List.of(new LoyaltyEvent.ReturnedLine("1", Math.min(step.units(), order.lines().get(0).quantity()))), at));
        continue;
      }
      if (step.kind() == 2 && step.units() == 1) {
        // An unlisted member enrolled by an event; their later events decide, earlier ones do not.
        events.add(new LoyaltyEvent.MemberEnrolled("enrol-" + member + "-" + i, member, at));
      }
      Money price = Money.of(BigDecimal.valueOf(step.price()), PROGRAMME.currency());
      Order order = new Order("o" + i, member, at.plusSeconds(60), Channel.ONLINE_STORE, PROGRAMME.currency(),
          List.of(OrderLine.of("1", "sku" + step.price() % 7, "home", step.units(), price)),
          Money.zero(PROGRAMME.currency()), Money.zero(PROGRAMME.currency()));
      events.add(new LoyaltyEvent.OrderPaid(order));
      latest.put(member, order);
    }
    return events;
  }

  static ReplayResult replay(List<Member> members, List<LoyaltyEvent> events, int threads) {
    return Replay.builder().lane("a", ENGINE).lane("b", ENGINE).members(members).threads(threads)
        .recordDecisions(true).build().run(events);
  }

  /** Everything a result holds, as comparable values (lanes and accounts have no equals of their own). */
  static List<Object> contents(ReplayResult result) {
    List<Object> all = new ArrayList<>();
    for (Lane lane : result.lanes()) {
      all.add(List.of(lane.name(), lane.ordersDecided(), lane.returnsDecided(), lane.enrolmentsDecided(),
          lane.eventsFailed(), lane.pointsIssued(), lane.pointsClawedBack(), lane.pointsUncollected(), lane.upgrades(),
          lane.downgrades(), lane.pointsByRule(), lane.firings(), lane.tierDistribution()));
      List<String> ids = new ArrayList<>(lane.accounts().keySet());
      all.add(ids);
      for (MemberAccount a : lane.accounts().values()) {
        all.add(List.of(a.member(), a.ledger().entries(), a.orders(), a.returns(), a.earned(), a.clawedBack(),
            a.tierHistory()));
      }
    }
    all.add(result.problems());
    all.add(result.decisions());
    all.add(result.events());
    return all;
  }

  @Property(tries = 60)
  void replayGivesTheSameResultOnOneTwoAndFourThreads(@ForAll("forests") Forest forest,
      @ForAll("steps") List<Step> steps) {
    // given
    List<Member> members = forest.members();
    List<LoyaltyEvent> events = events(forest, steps);

    // when
    List<Object> one = contents(replay(members, events, 1));
    List<Object> two = contents(replay(members, events, 2));
    List<Object> four = contents(replay(members, events, 4));

    // then
    assertThat(two).isEqualTo(one);
    assertThat(four).isEqualTo(one);
  }

  @Property(tries = 300)
  void partitioningNeverSplitsAReferralFamily(@ForAll("forests") Forest forest,
      @ForAll @IntRange(min = 1, max = 8) int partitions, @ForAll long shuffleSeed) {
    // given: the same members listed in another order
    List<Member> members = forest.members();
    List<Member> shuffled = new ArrayList<>(members);
    Collections.shuffle(shuffled, new java.util.Random(shuffleSeed));

    // when
    ReferralFamilies families = new ReferralFamilies(members);
    ReferralFamilies reordered = new ReferralFamilies(shuffled);

    // then: a member and their referrer share a family and a partition, whatever the listing order
    for (Member m : members) {
      assertThat(reordered.family(m.id())).isEqualTo(families.family(m.id()));
      assertThat(families.partition(m.id(), partitions)).isBetween(0, partitions - 1);
      m.referrerId().ifPresent(referrer -> {
        assertThat(families.family(m.id())).isEqualTo(families.family(referrer));
        assertThat(families.partition(m.id(), partitions)).isEqualTo(families.partition(referrer, partitions));
      });
    }
  }

  @Property(tries = 60)
  void everyLedgerEqualsDecidingTheEventsOneByOneThroughTheEngine(@ForAll("forests") Forest forest,
      @ForAll("steps") List<Step> steps) {
    // given
    List<Member> members = forest.members();
    List<LoyaltyEvent> events = events(forest, steps);

    // when
    ReplayResult result = replay(members, events, 4);
    Map<String, MemberState> reference = decideOneByOne(members, events);

    // then
    for (Lane lane : result.lanes()) {
      assertThat(lane.accounts().keySet()).containsExactlyInAnyOrderElementsOf(reference.keySet());
      reference.forEach((id, state) -> {
        MemberAccount account = lane.accounts().get(id);
        assertThat(account.ledger().entries()).as(id).isEqualTo(state.ledger().entries());
        assertThat(account.member()).as(id).isEqualTo(state.member());
      });
    }
  }

  /**
   * The reference model: one map of members, every event decided in stream order on this thread with
   * the member's referral chain as context, every entry appended to the ledger it names, tier changes
   * applied. Events the engine refuses, or for members nobody enrolled, change nothing.
   */
  static Map<String, MemberState> decideOneByOne(List<Member> listed, List<LoyaltyEvent> events) {
    Map<String, MemberState> states = new LinkedHashMap<>();
    for (Member m : listed) {
      states.put(m.id(), new MemberState(m, PROGRAMME.newLedger(m.id())));
    }
    for (LoyaltyEvent event : events) {
      MemberState state = states.get(event.memberId());
      if (state == null) {
        if (!(event instanceof LoyaltyEvent.MemberEnrolled)) {
          continue;
        }
        state = new MemberState(Member.of(event.memberId(), event.occurredAt(), "member"),
            PROGRAMME.newLedger(event.memberId()));
        states.put(event.memberId(), state);
      }
      List<MemberState> uplines = new ArrayList<>();
      Optional<String> up = state.member().referrerId();
      while (up.isPresent() && states.containsKey(up.get()) && uplines.size() < PROGRAMME.maxReferralLevels()
          && !up.get().equals(event.memberId())) {
        MemberState upline = states.get(up.get());
        uplines.add(upline);
        up = upline.member().referrerId();
      }
      Decision decision;
      try {
        decision = ENGINE.decide(event, DecisionContext.withUplineLedgers(state, uplines));
      } catch (RuntimeException refused) {
        continue;
      }
      for (LedgerEntry entry : decision.entries()) {
        PointLedger ledger = states.get(entry.memberId()).ledger();
        ledger.append(entry);
      }
      Optional<TierChange> change = decision.tierChange();
      if (change.isPresent()) {
        MemberState target = states.get(change.get().memberId());
        states.put(target.member().id(), new MemberState(target.member().withTier(change.get().to()), target.ledger()));
      }
    }
    return states;
  }
}
