package org.loyaltyrules.loyalty.rules.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;
import org.loyaltyrules.loyalty.rules.Programmes;
import org.loyaltyrules.loyalty.rules.RuleBase;

class ReplayTest {
  private static final Programme PROGRAMME = Programmes.taiwan(List.of());
  private static final LoyaltyRulesEngine ENGINE =
      LoyaltyRulesEngine.builder(PROGRAMME).ruleBase(RuleBase.defaults()).build();
  private static final Instant T0 = Instant.parse("2025-03-01T02:00:00Z");

  private static LoyaltyEvent.OrderPaid paid(String id, String memberId, Instant at, int price) {
    Money unit = Money.of(BigDecimal.valueOf(price), PROGRAMME.currency());
    return new LoyaltyEvent.OrderPaid(new Order(id, memberId, at, Channel.ONLINE_STORE, PROGRAMME.currency(),
        List.of(OrderLine.of("1", "sku", "home", 1, unit)), Money.zero(PROGRAMME.currency()),
        Money.zero(PROGRAMME.currency())));
  }

  @Test
  void run_referralCycle_decidesBothMembersInOnePartitionWhateverTheThreads() {
    // given: a and b name each other as referrer (a cycle a chain walk would split in two)
    List<Member> members = List.of(Member.of("a", T0, "member").withReferrer("b"),
        Member.of("b", T0, "member").withReferrer("a"));
    List<LoyaltyEvent> events = List.of(new LoyaltyEvent.MemberEnrolled("e-a", "a", T0),
        new LoyaltyEvent.MemberEnrolled("e-b", "b", T0), paid("o-1", "b", T0.plusSeconds(60), 2_000));

    // when
    ReplayResult one = Replay.builder().lane("x", ENGINE).members(members).threads(1).build().run(events);
    ReplayResult eight = Replay.builder().lane("x", ENGINE).members(members).threads(8).build().run(events);

    // then
    ReferralFamilies families = new ReferralFamilies(members);
    assertThat(families.family("a")).isEqualTo(families.family("b")).isEqualTo("a");
    assertThat(eight.problems()).isEqualTo(one.problems());
    for (String id : List.of("a", "b")) {
      assertThat(eight.lane().accounts().get(id).ledger().entries())
          .isEqualTo(one.lane().accounts().get(id).ledger().entries());
    }
  }

  @Test
  void run_eventOfAMemberNobodyEnrolled_isReportedAndDecidesNothing() {
    // given
    List<LoyaltyEvent> events = List.of(paid("o-1", "ghost", T0, 500));

    // when
    ReplayResult result = Replay.builder().lane("x", ENGINE).build().run(events);

    // then
    assertThat(result.problems()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(ReplayProblem.UNKNOWN_MEMBER);
      assertThat(p.sequence()).isZero();
      assertThat(p.memberId()).isEqualTo("ghost");
    });
    assertThat(result.lane().accounts()).isEmpty();
    assertThat(result.lane().ordersDecided()).isZero();
  }

  @Test
  void run_onErrorFail_stopsAtTheFirstRejectedEventWithItsPosition() {
    // given: the order is paid before the member enrolled, which the engine refuses
    List<LoyaltyEvent> events = List.of(new LoyaltyEvent.MemberEnrolled("e-m", "m", T0),
        paid("o-1", "m", T0.minusSeconds(3_600), 500), paid("o-2", "m", T0.plusSeconds(60), 500));
    Replay replay = Replay.builder().lane("x", ENGINE).onError(Replay.OnError.FAIL).threads(4).build();

    // when
    ReplayAbortedException e = catchThrowableOfType(ReplayAbortedException.class, () -> replay.run(events));

    // then
    assertThat(replay.threads()).isEqualTo(1);
    assertThat(e.code()).isEqualTo(ReplayAbortedException.CODE);
    assertThat(e.problem().sequence()).isEqualTo(1);
    assertThat(e.problem().code()).isEqualTo(ReplayProblem.ENGINE_ERROR);
    assertThat(e.getMessage()).startsWith("Replay stopped: event [1]; expected no problem (on-error fail): [x] OrderPaid o-1 rejected: ");
  }

  @Test
  void listener_receivesEveryDecisionTheResultRecords() {
    // given
    List<ReplayDecision> heard = new ArrayList<>();
    List<LoyaltyEvent> events = List.of(new LoyaltyEvent.MemberEnrolled("e-m", "m", T0),
        paid("o-1", "m", T0.plusSeconds(60), 800));

    // when: one thread, so the listener's calls come in stream order
    ReplayResult result = Replay.builder().lane("x", ENGINE).threads(1).recordDecisions(true)
        .listener(heard::add).build().run(events);

    // then
    assertThat(heard).isEqualTo(result.decisions()).extracting(ReplayDecision::sequence).containsExactly(0L, 1L);
    assertThat(result.lane().accounts().get("m").ledger().balance().value()).isPositive();
  }

  @Test
  void session_submitAfterFinish_throwsInvalidValue() {
    // given
    Replay.Session session = Replay.builder().lane("x", ENGINE).build().start();
    session.finish();

    // when
    InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
        () -> session.submit(new LoyaltyEvent.MemberEnrolled("e-m", "m", T0)));

    // then
    assertThat(e.field()).isEqualTo("state");
  }

  @Test
  void builder_noLaneOrZeroThreads_throwsInvalidValue() {
    // when
    InvalidValueException noLane = catchThrowableOfType(InvalidValueException.class, () -> Replay.builder().build());
    InvalidValueException zero = catchThrowableOfType(InvalidValueException.class, () -> Replay.builder().threads(0));

    // then
    assertThat(noLane.field()).isEqualTo("lanes");
    assertThat(zero.field()).isEqualTo("threads");
    assertThat(zero.value()).isEqualTo("0");
  }
}
