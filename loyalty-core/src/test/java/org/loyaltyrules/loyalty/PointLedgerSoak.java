package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Example;
import org.loyaltyrules.loyalty.testkit.ActionTally;
import org.loyaltyrules.loyalty.testkit.LedgerInvariants;
import org.loyaltyrules.loyalty.testkit.Soak;

/**
 * The soak run of {@link PointLedgerStatefulProperties}: the same random chains, model and
 * invariants after every action, for millions of actions. Not part of {@code mvn verify}; run with
 * {@code mvn -B -ntp -o -Psoak test -pl loyalty-rules -am -Dsoak.actions=N -Dsoak.seed=S} (see
 * docs/reliability.md).
 */
class PointLedgerSoak {

  @Example
  void ledgerAgreesWithTheModelAndKeepsItsInvariantsForMillionsOfActions() {
    // given
    ActionTally tally = new ActionTally("ledger soak");
    Soak soak = new Soak("ledger", tally, false, "mvn -B -ntp -o -Psoak test -pl loyalty-core");

    // when
    soak.run(index -> PointLedgerStatefulProperties.chains(tally, PointLedgerStatefulProperties.CHAIN_LENGTH),
        chain -> PointLedgerStatefulProperties.checked(chain, tally), end -> LedgerInvariants.check(end.ledger));

    // then
    assertThat(soak.stoppedByTime() || tally.actions() >= soak.actions()).as("ran %,d actions", tally.actions()).isTrue();
  }
}
