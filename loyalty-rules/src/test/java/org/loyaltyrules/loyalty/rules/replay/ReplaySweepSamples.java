package org.loyaltyrules.loyalty.rules.replay;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;
import org.loyaltyrules.loyalty.rules.Programmes;
import org.loyaltyrules.loyalty.rules.RuleBase;

/**
 * Samples of the replay package's types for {@code RulesApiExtremeValuesProperties}: replays of
 * six events on one partition (no threads), so building them costs milliseconds. Each call builds
 * fresh replays, builders and sessions (they change when called); results are shared (immutable).
 */
public final class ReplaySweepSamples {
  private static final Programme PROGRAMME = Programmes.taiwan(List.of());
  private static final LoyaltyRulesEngine ENGINE =
      LoyaltyRulesEngine.builder(PROGRAMME).ruleBase(RuleBase.defaults()).build();
  /** Double points on everything: a candidate that differs, so the simulation has changes to list. */
  private static final LoyaltyRulesEngine DOUBLE = LoyaltyRulesEngine.builder(Programmes.taiwan(List.of(
      Campaign.multiplier("double", "Double", BigDecimal.valueOf(2), CampaignSchedule.always()))))
      .ruleBase(RuleBase.defaults()).build();
  private static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");
  private static final List<Member> MEMBERS =
      List.of(Member.of("m-0", T0, "member"), Member.of("m-2", T0, "member").withReferrer("m-0"));
  /** An enrolment, an order and its return, a referred member's order, a stranger and an order before enrolment. */
  private static final List<LoyaltyEvent> EVENTS = List.of(new LoyaltyEvent.MemberEnrolled("e-1", "m-1", T0),
      paid("o-1", "m-1", T0.plusSeconds(60), 2_000),
      LoyaltyEvent.OrderReturned.whole("ret-1", "m-1", "o-1", T0.plusSeconds(3_600)),
      paid("o-2", "m-2", T0.plusSeconds(120), 1_500), paid("o-3", "ghost", T0.plusSeconds(180), 500),
      paid("o-4", "m-1", T0.minusSeconds(3_600), 500));
  private static final ReplayResult ONE = replay().recordDecisions(true).build().run(EVENTS);
  private static final ReplayResult TWO = replay().lane("candidate", DOUBLE).recordDecisions(true).build().run(EVENTS);
  /** Monthly jobs over the same events: a lane with reviews and expiry runs counted. */
  private static final ReplayResult SCHEDULED =
      replay().reviews(ReviewSchedule.MONTHLY).build().run(EVENTS);
  private static final Simulation SIMULATION = Simulation.compare(TWO, 10);
  private static final ReplayAbortedException ABORTED = aborted();

  private ReplaySweepSamples() {}

  private static LoyaltyEvent.OrderPaid paid(String id, String memberId, Instant at, int price) {
    Money unit = Money.of(BigDecimal.valueOf(price), PROGRAMME.currency());
    return new LoyaltyEvent.OrderPaid(new Order(id, memberId, at, Channel.ONLINE_STORE, PROGRAMME.currency(),
        List.of(OrderLine.of("1", "sku", "home", 1, unit)), Money.zero(PROGRAMME.currency()),
        Money.zero(PROGRAMME.currency())));
  }

  private static Replay.Builder replay() {
    return Replay.builder().lane("baseline", ENGINE).members(MEMBERS).threads(1);
  }

  private static ReplayAbortedException aborted() {
    try {
      replay().onError(Replay.OnError.FAIL).build().run(EVENTS);
    } catch (ReplayAbortedException e) {
      return e;
    }
    throw new IllegalStateException("the order before enrolment should have stopped the run");
  }

  /**
   * Samples of a replay type, or of the JDK types only its API takes ({@code Map}, {@code
   * Comparator}).
   *
   * @param type the parameter or receiver type
   * @return its samples, possibly empty
   */
  public static List<Object> of(Class<?> type) {
    List<Object> all = new ArrayList<>();
    all.add(Replay.builder().lane("baseline", ENGINE).threads(1).build());
    all.add(replay().build());
    all.add(replay().onError(Replay.OnError.FAIL).build());
    all.add(replay().lane("candidate", DOUBLE).recordDecisions(true).build());
    all.add(Replay.builder());
    all.add(replay());
    all.add(replay().build().start());
    all.add(Replay.builder().lane("baseline", ENGINE).threads(1).build().start());
    all.add(ONE);
    all.add(TWO);
    for (ReplayResult result : List.of(ONE, TWO)) {
      for (Lane lane : result.lanes()) {
        all.add(lane);
        all.addAll(lane.accounts().values());
      }
      all.addAll(result.decisions());
      all.addAll(result.problems());
    }
    all.add(SIMULATION);
    all.addAll(SIMULATION.affected());
    all.addAll(SIMULATION.rules().values());
    all.add(new Simulation.MemberChange("m-8", "member", "silver", 100, 250));
    all.add(new Simulation.MemberChange("m-9", "member", "gold", Long.MAX_VALUE, Long.MIN_VALUE));
    all.add(new Simulation.RulePoints(Long.MIN_VALUE, Long.MAX_VALUE));
    all.add(ABORTED);
    all.addAll(List.of(Replay.OnError.values()));
    all.addAll(List.of(ReviewSchedule.values()));
    all.add(replay().reviews(ReviewSchedule.MONTHLY).build());
    all.add(SCHEDULED);
    all.add(SCHEDULED.lane());
    all.add(Replay.DecisionListener.NONE);
    all.add((Replay.DecisionListener) decision -> {});
    return all.stream().filter(type::isInstance).toList();
  }

  /** {@return maps for {@code Simulation}'s components: empty, a null key and value, a null row} */
  public static List<Object> maps() {
    Map<String, Object> nulls = new HashMap<>();
    nulls.put(null, null);
    Map<String, Object> nullValue = new HashMap<>();
    nullValue.put("member", null);
    return List.of(new HashMap<>(), nulls, nullValue);
  }
}
