package org.loyaltyrules.loyalty.examples.merchantcli.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.InvoiceReplayResult;
import org.loyaltyrules.loyalty.rules.replay.Lane;
import org.loyaltyrules.loyalty.rules.replay.ReplayResult;

/**
 * The CLI's view of a simulation: the library's comparison of the two lanes ({@link
 * org.loyaltyrules.loyalty.rules.replay.Simulation}) with what was read and the names to print.
 *
 * @param result the replay with two lanes, baseline first
 * @param baselineName a description of the baseline rules
 * @param candidateName a description of the candidate rules
 * @param comparison the library's comparison of the two lanes
 */
public record Simulation(InvoiceReplayResult result, String baselineName, String candidateName,
    org.loyaltyrules.loyalty.rules.replay.Simulation comparison) {

  /**
   * Compares the two lanes of a replay, members with equal changes in the statements' member order.
   *
   * @param result a replay with exactly two lanes, baseline first
   * @param baselineName a description of the baseline
   * @param candidateName a description of the candidate
   * @param top how many members to list as most affected
   * @return the comparison
   */
  public static Simulation of(InvoiceReplayResult result, String baselineName, String candidateName, int top) {
    ReplayResult lanes = new ReplayResult(result.lanes(), List.of(), List.of(), 0, result.elapsedNanos());
    return new Simulation(result, baselineName, candidateName,
        org.loyaltyrules.loyalty.rules.replay.Simulation.compare(lanes, top, ReplayOutput.MEMBER_ORDER));
  }

  /** @return the baseline lane */
  public Lane baseline() {
    return comparison.baseline();
  }

  /** @return the candidate lane */
  public Lane candidate() {
    return comparison.candidate();
  }

  /** @return members by baseline tier (rows) and candidate tier (columns), in ladder order */
  public Map<String, Map<String, Long>> migration() {
    return comparison.migration();
  }

  /** @return the members whose balance changed most, largest change first */
  public List<org.loyaltyrules.loyalty.rules.replay.Simulation.MemberChange> affected() {
    return comparison.affected();
  }

  /** @return every rule of either side with its net points (baseline, candidate) */
  public Map<String, org.loyaltyrules.loyalty.rules.replay.Simulation.RulePoints> rules() {
    return comparison.rules();
  }

  /** @return members whose final tier differs between the two sides */
  public long membersChangingTier() {
    return comparison.membersChangingTier();
  }

  /** @return the liability change, candidate minus baseline */
  public BigDecimal liabilityDelta() {
    return comparison.liabilityDelta();
  }
}
