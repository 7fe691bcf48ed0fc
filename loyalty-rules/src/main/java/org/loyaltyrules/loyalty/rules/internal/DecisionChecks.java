package org.loyaltyrules.loyalty.rules.internal;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LimitExceededException;
import org.loyaltyrules.loyalty.Programme;

/**
 * The last checks on every decision before it leaves the engine, whatever the rules decided: each
 * member's total fits a {@code long}, and no member is credited more than the programme allows.
 */
final class DecisionChecks {
  private DecisionChecks() {}

  /**
   * @param decision the decision
   * @param programme the programme and its {@link Programme#maxPointsPerDecision()}
   */
  static void check(Decision decision, Programme programme) {
    checkTotals(decision);
    checkCredits(decision, programme);
  }

  /**
   * Every member's total in a decision fits in a {@code long}, so {@link Decision#pointsFor} and the
   * host's sums never wrap: entries that each fit may not fit together.
   */
  private static void checkTotals(Decision decision) {
    Map<String, Long> totals = new HashMap<>();
    for (LedgerEntry entry : decision.entries()) {
      String member = entry.memberId();
      long before = totals.getOrDefault(member, 0L);
      try {
        totals.put(member, Math.addExact(before, entry.points().value()));
      } catch (ArithmeticException e) {
        BigInteger exact = BigInteger.ZERO;
        for (LedgerEntry each : decision.entriesFor(member)) {
          exact = exact.add(BigInteger.valueOf(each.points().value()));
        }
        throw ExactPoints.overflow("points decision " + decision.eventId() + " credits member " + member,
            entry.provenance().rule(), exact);
      }
    }
  }

  /**
   * No member is credited more than the programme's {@link Programme#maxPointsPerDecision()} by one
   * decision (earned entries: order points, bonuses, welcome and referral bonuses). Reversals and
   * expiry are not credits: an expiry run may take a balance built over many decisions.
   */
  private static void checkCredits(Decision decision, Programme programme) {
    long max = programme.maxPointsPerDecision().value();
    Map<String, Long> credits = new HashMap<>();
    for (LedgerEntry entry : decision.entries()) {
      if (entry instanceof LedgerEntry.Earned earned) {
        long before = credits.getOrDefault(earned.memberId(), 0L);
        long points = earned.points().value();
        // before ≤ max, so max - before never wraps, and neither does the sum below it.
        if (points > max - before) {
          BigInteger all = BigInteger.ZERO;
          for (LedgerEntry each : decision.entriesFor(earned.memberId())) {
            if (each instanceof LedgerEntry.Earned e) {
              all = all.add(BigInteger.valueOf(e.points().value()));
            }
          }
          throw new LimitExceededException("decision", "points credited to member " + earned.memberId()
              + " by event " + decision.eventId(), all, "maxPointsPerDecision", programme.maxPointsPerDecision().toString());
        }
        credits.put(earned.memberId(), before + points);
      }
    }
  }
}
