package org.loyaltyrules.loyalty.examples.merchantcli.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.Lane;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.MemberAccount;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.ReplayResult;

/**
 * The difference between two rule sets replayed over the same orders: totals, liability, tier
 * migration, the members most affected and each rule's contribution.
 *
 * @param result the replay with two lanes, baseline first
 * @param baselineName a description of the baseline rules
 * @param candidateName a description of the candidate rules
 * @param migration members by baseline tier (rows) and candidate tier (columns), in ladder order
 * @param affected the members whose balance changed most, largest change first
 * @param rules every rule of either side with its net points (baseline, candidate)
 */
public record Simulation(ReplayResult result, String baselineName, String candidateName,
    Map<String, Map<String, Long>> migration, List<MemberChange> affected, Map<String, long[]> rules) {

  /**
   * One member's outcome under both rule sets.
   *
   * @param memberId the member
   * @param baselineTier the tier under the baseline
   * @param candidateTier the tier under the candidate
   * @param baselineBalance the balance under the baseline
   * @param candidateBalance the balance under the candidate
   */
  public record MemberChange(String memberId, String baselineTier, String candidateTier, long baselineBalance,
      long candidateBalance) {
    /** @return candidate minus baseline balance */
    public long delta() {
      return candidateBalance - baselineBalance;
    }
  }

  /** @return the baseline lane */
  public Lane baseline() {
    return result.lanes().get(0);
  }

  /** @return the candidate lane */
  public Lane candidate() {
    return result.lanes().get(1);
  }

  /**
   * Compares the two lanes of a replay.
   *
   * @param result a replay with exactly two lanes, baseline first
   * @param baselineName a description of the baseline
   * @param candidateName a description of the candidate
   * @param top how many members to list as most affected
   * @return the comparison
   */
  public static Simulation of(ReplayResult result, String baselineName, String candidateName, int top) {
    if (result.lanes().size() != 2) {
      throw new IllegalArgumentException("a simulation compares 2 lanes; got " + result.lanes().size());
    }
    Lane base = result.lanes().get(0);
    Lane cand = result.lanes().get(1);
    Map<String, Map<String, Long>> migration = new LinkedHashMap<>();
    List<String> codes = base.programme().tiers().codes();
    for (String from : codes) {
      Map<String, Long> row = new LinkedHashMap<>();
      for (String to : cand.programme().tiers().codes()) {
        row.put(to, 0L);
      }
      migration.put(from, row);
    }
    List<MemberChange> changes = new ArrayList<>();
    for (MemberAccount b : ReplayOutput.sortedAccounts(base)) {
      MemberAccount c = cand.accounts().get(b.member().id());
      if (c == null) {
        continue;
      }
      migration.get(b.member().tierCode()).merge(c.member().tierCode(), 1L, Long::sum);
      changes.add(new MemberChange(b.member().id(), b.member().tierCode(), c.member().tierCode(),
          b.ledger().balance().value(), c.ledger().balance().value()));
    }
    changes.sort(Comparator.comparingLong((MemberChange m) -> -Math.abs(m.delta()))
        .thenComparing(MemberChange::memberId, ReplayOutput.MEMBER_ORDER));
    List<MemberChange> affected = new ArrayList<>();
    for (MemberChange m : changes) {
      if (affected.size() == top || m.delta() == 0 && m.baselineTier().equals(m.candidateTier())) {
        break;
      }
      affected.add(m);
    }
    // A merchant's copy of a bundled rule is recorded as "name (file.drl)": compared here by the
    // name the merchant sees in the file, so editing one number shows as a change, not a swap.
    Map<String, long[]> rules = new java.util.TreeMap<>();
    base.pointsByRule().forEach((rule, points) -> rules.computeIfAbsent(asWritten(rule), k -> new long[2])[0] += points);
    cand.pointsByRule().forEach((rule, points) -> rules.computeIfAbsent(asWritten(rule), k -> new long[2])[1] += points);
    return new Simulation(result, baselineName, candidateName, migration, List.copyOf(affected), rules);
  }

  private static final java.util.regex.Pattern FILE_SUFFIX = java.util.regex.Pattern.compile(" \\([A-Za-z0-9][A-Za-z0-9._-]*\\.drl\\)$");

  /** @return the rule's name as written in its file, without the file the engine records beside it */
  static String asWritten(String recordedRule) {
    return FILE_SUFFIX.matcher(recordedRule).replaceFirst("");
  }

  /** @return members whose final tier differs between the two sides */
  public long membersChangingTier() {
    long n = 0;
    for (Map.Entry<String, Map<String, Long>> row : migration.entrySet()) {
      for (Map.Entry<String, Long> cell : row.getValue().entrySet()) {
        if (!row.getKey().equals(cell.getKey())) {
          n += cell.getValue();
        }
      }
    }
    return n;
  }

  /** @return the liability change, candidate minus baseline */
  public BigDecimal liabilityDelta() {
    return candidate().liability().amount().subtract(baseline().liability().amount());
  }
}
