package org.loyaltyrules.loyalty.rules.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.PointsOverflowException;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;
import org.loyaltyrules.loyalty.rules.Programmes;
import org.loyaltyrules.loyalty.rules.RuleBase;

/** The replay package's typed refusals that RulesApiExtremeValuesProperties found as raw exceptions. */
class ReplayArgumentsTest {
  private static final LoyaltyRulesEngine ENGINE =
      LoyaltyRulesEngine.builder(Programmes.taiwan(List.of())).ruleBase(RuleBase.defaults()).build();
  private static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");

  @Test
  void replayProblem_nullEventId_throwsInvalidValueExceptionNamingTheField() {
    // when
    InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
        () -> new ReplayProblem(0, "x", null, "m-1", ReplayProblem.UNKNOWN_MEMBER, "[x] ..."));

    // then
    assertThat(e).hasMessage("Invalid ReplayProblem: eventId [null]; expected a value");
  }

  @Test
  void replayResult_noLane_throwsInvalidValueExceptionInsteadOfAnEmptyResultWhoseLaneFails() {
    // when
    InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
        () -> new ReplayResult(List.of(), List.of(), List.of(), 0, 0));

    // then
    assertThat(e).hasMessage("Invalid ReplayResult: lanes [[]]; expected at least one lane");
  }

  @Test
  void builderThreads_aboveTheCap_refusedBeforeAnyPartitionIsMade() {
    // given
    Replay.Builder builder = Replay.builder().lane("x", ENGINE);

    // when
    InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
        () -> builder.threads(Replay.MAX_THREADS + 1));

    // then: refused with the range, and the cap itself is accepted
    assertThat(e).hasMessage("Invalid replay: threads [1025]; expected 1 to 1024");
    assertThat(builder.threads(Replay.MAX_THREADS).build().threads()).isEqualTo(Replay.MAX_THREADS);
  }

  @Test
  void builderMembers_nullElement_throwsAndAddsNothing() {
    // given
    Replay.Builder builder = Replay.builder().lane("x", ENGINE).threads(1);

    // when
    InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
        () -> builder.members(Arrays.asList(Member.of("m-1", T0, "member"), null)));

    // then
    assertThat(e).hasMessage("Invalid replay: members[1] [null]; expected a value");
    assertThat(builder.build().members()).isEmpty();
  }

  @Test
  void run_nullEventAfterAnEnrolment_throwsInvalidValueExceptionNamingItsPosition() {
    // given
    Replay replay = Replay.builder().lane("x", ENGINE).threads(1).build();

    // when
    InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
        () -> replay.run(Arrays.asList(new LoyaltyEvent.MemberEnrolled("e-1", "m-1", T0), null)));

    // then
    assertThat(e).hasMessage("Invalid replay session: event [1] [null]; expected a value");
  }

  @Test
  void memberChangeDelta_differenceBeyondLong_throwsPointsOverflowException() {
    // given
    Simulation.MemberChange change = new Simulation.MemberChange("m-1", "member", "gold", Long.MIN_VALUE, 1);

    // when
    PointsOverflowException e = catchThrowableOfType(PointsOverflowException.class, change::delta);

    // then
    assertThat(e.value()).isEqualTo("9223372036854775809");
  }

  @Test
  void simulation_migrationCountsSummingBeyondLong_throwsInvalidValueException() {
    // given
    Lane lane = Replay.builder().lane("x", ENGINE).threads(1).build().run(List.of()).lane();
    Map<String, Map<String, Long>> migration =
        Map.of("member", Map.of("member", Long.MAX_VALUE), "gold", Map.of("member", 1L));

    // when
    InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
        () -> new Simulation(lane, lane, migration, List.of(), Map.of()));

    // then
    assertThat(e.getMessage()).startsWith("Invalid simulation: migration[")
        .endsWith("; expected a member count ≥ 0 whose total with the others fits a long");
  }
}
