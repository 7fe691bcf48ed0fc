package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Example;
import org.loyaltyrules.loyalty.NegativeBalancePolicy;
import org.loyaltyrules.loyalty.testkit.ActionTally;
import org.loyaltyrules.loyalty.testkit.Soak;

/**
 * The soak run of {@link EngineStatefulProperties}: the same random event chains, model and checks
 * after every event, alternating the two negative-balance policies chain by chain, for as many
 * events as {@code soak.actions × soak.engineShare}. Not part of {@code mvn verify}; run with
 * {@code mvn -B -ntp -o -Psoak test -pl loyalty-rules -am -Dsoak.actions=N -Dsoak.seed=S} (see
 * docs/reliability.md).
 */
class EngineSoak {

  @Example
  void engineAndModelAgreeAfterEveryEventForMillionsOfEvents() {
    // given
    ActionTally tally = new ActionTally("engine soak");
    Soak soak = new Soak("engine", tally, true, "mvn -B -ntp -o -Psoak test -pl loyalty-rules -am");

    // when
    soak.run(index -> EngineStatefulProperties.chains(
            EngineStatefulProperties.engine(index % 2 == 0 ? NegativeBalancePolicy.ALLOW_DEBT : NegativeBalancePolicy.CAP_AT_ZERO), tally),
        chain -> EngineStatefulProperties.checked(chain, tally), end -> { });

    // then
    assertThat(soak.stoppedByTime() || tally.actions() >= soak.actions()).as("ran %,d actions", tally.actions()).isTrue();
  }
}
