package org.loyaltyrules.loyalty.rules.replay;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.PointsOverflowException;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * Two rule sets compared over the same events: a replay with a baseline lane and a candidate lane,
 * and the difference in tiers, balances and points by rule.
 *
 * <pre>{@code
 * ReplayResult both = Replay.builder().lane("current", current).lane("proposed", proposed)
 *     .members(members).build().run(events);
 * Simulation sim = Simulation.compare(both, 10);
 * sim.liabilityDelta();     // what the proposal adds to the outstanding liability
 * }</pre>
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param baseline the rules in force
 * @param candidate the rules tried
 * @param migration members by baseline tier (rows) and candidate tier (columns), in ladder order
 * @param affected the members whose balance changed most, largest change first (ties in member order)
 * @param rules every rule of either side with its net points, by the rule's name as written
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Simulation(Lane baseline, Lane candidate, Map<String, Map<String, Long>> migration,
    List<MemberChange> affected, Map<String, RulePoints> rules) {

  /**
   * Copies the collections.
   *
   * @param baseline the rules in force
   * @param candidate the rules tried
   * @param migration members by baseline tier (rows) and candidate tier (columns), in ladder order
   * @param affected the members whose balance changed most, largest change first (ties in member order)
   * @param rules every rule of either side with its net points, by the rule's name as written
   * @throws InvalidValueException if a component, a key, a value or a list element is null, or a
   *     migration count is negative or the counts' total exceeds a {@code long}
   */
  public Simulation {
    Checks.present("simulation", "baseline", baseline);
    Checks.present("simulation", "candidate", candidate);
    migration = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(migratedCounts(migration)));
    affected = Checks.elements("simulation", "affected", affected);
    Checks.present("simulation", "rules", rules);
    rules.forEach((rule, points) -> {
      Checks.present("simulation", "rules key", rule);
      Checks.present("simulation", "rules[" + rule + "]", points);
    });
    rules = java.util.Collections.unmodifiableMap(new TreeMap<>(rules));
  }

  /**
   * Checks the migration table: every key, row and count present, counts ≥ 0 and their total within
   * a {@code long}, so {@link #membersChangingTier()} (a part of that total) cannot overflow.
   */
  private static Map<String, Map<String, Long>> migratedCounts(Map<String, Map<String, Long>> migration) {
    Checks.present("simulation", "migration", migration);
    Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
    long total = 0;
    for (Map.Entry<String, Map<String, Long>> row : migration.entrySet()) {
      String from = Checks.present("simulation", "migration key", row.getKey());
      Checks.present("simulation", "migration[" + from + "]", row.getValue());
      Map<String, Long> cells = new LinkedHashMap<>();
      for (Map.Entry<String, Long> cell : row.getValue().entrySet()) {
        String field = "migration[" + from + "][" + cell.getKey() + "]";
        Checks.present("simulation", "migration[" + from + "] key", cell.getKey());
        long count = Checks.present("simulation", field, cell.getValue());
        Checks.check(count >= 0 && total <= Long.MAX_VALUE - count, "simulation", field, count,
            "a member count ≥ 0 whose total with the others fits a long");
        total += count;
        cells.put(cell.getKey(), count);
      }
      copy.put(from, java.util.Collections.unmodifiableMap(cells));
    }
    return copy;
  }

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
    /**
     * Validates the components.
     *
     * @param memberId the member
     * @param baselineTier the tier under the baseline
     * @param candidateTier the tier under the candidate
     * @param baselineBalance the balance under the baseline
     * @param candidateBalance the balance under the candidate
     * @throws InvalidValueException if an id or tier is null
     */
    public MemberChange {
      Checks.present("simulation member change", "memberId", memberId);
      Checks.present("simulation member change", "baselineTier", baselineTier);
      Checks.present("simulation member change", "candidateTier", candidateTier);
    }

    /**
     * {@return candidate minus baseline balance}
     *
     * @throws PointsOverflowException if the difference exceeds a {@code long}
     */
    public long delta() {
      return Checks.subtractPoints("simulation member change " + memberId, "delta", candidateBalance, baselineBalance);
    }
  }

  /**
   * One rule's net points (earned less clawed back) on each side.
   *
   * @param baseline under the baseline
   * @param candidate under the candidate
   */
  public record RulePoints(long baseline, long candidate) {
    RulePoints plus(long b, long c) {
      return new RulePoints(Checks.addPoints("simulation rule points", "baseline", baseline, b),
          Checks.addPoints("simulation rule points", "candidate", candidate, c));
    }
  }

  /**
   * Compares the two lanes of a replay, ties between equally affected members in member id order.
   *
   * @param replay a replay with exactly two lanes, baseline first
   * @param top how many members to list as most affected, ≥ 0
   * @return the comparison
   * @throws InvalidValueException if {@code replay} is null or has not two lanes, or {@code top} is
   *     negative
   * @throws PointsOverflowException if a balance difference or a rule's points exceed a {@code long}
   */
  public static Simulation compare(ReplayResult replay, int top) {
    return compare(replay, top, Comparator.naturalOrder());
  }

  /**
   * Compares the two lanes of a replay.
   *
   * @param replay a replay with exactly two lanes, baseline first
   * @param top how many members to list as most affected, ≥ 0
   * @param memberOrder the order of members whose balance changed equally (a report's own order)
   * @return the comparison
   * @throws InvalidValueException if {@code replay} or {@code memberOrder} is null, the replay has
   *     not two lanes, or {@code top} is negative
   * @throws PointsOverflowException if a balance difference or a rule's points exceed a {@code long}
   */
  public static Simulation compare(ReplayResult replay, int top, Comparator<String> memberOrder) {
    Checks.present("simulation", "replay", replay);
    Checks.present("simulation", "memberOrder", memberOrder);
    if (replay.lanes().size() != 2) {
      throw new InvalidValueException("simulation", "replay.lanes", replay.lanes().size(), "2 (baseline, candidate)");
    }
    if (top < 0) {
      throw new InvalidValueException("simulation", "top", top, "≥ 0");
    }
    Lane base = replay.lanes().get(0);
    Lane cand = replay.lanes().get(1);
    Map<String, Map<String, Long>> migration = new LinkedHashMap<>();
    for (String from : base.programme().tiers().codes()) {
      Map<String, Long> row = new LinkedHashMap<>();
      for (String to : cand.programme().tiers().codes()) {
        row.put(to, 0L);
      }
      migration.put(from, row);
    }
    List<MemberChange> changes = new ArrayList<>();
    for (MemberAccount b : base.accounts().values()) {
      MemberAccount c = cand.accounts().get(b.member().id());
      if (c == null) {
        continue;
      }
      migration.get(b.member().tierCode()).merge(c.member().tierCode(), 1L, Long::sum);
      changes.add(new MemberChange(b.member().id(), b.member().tierCode(), c.member().tierCode(),
          b.ledger().balance().value(), c.ledger().balance().value()));
    }
    changes.sort(Comparator.comparingLong((MemberChange m) -> -Math.abs(m.delta()))
        .thenComparing(MemberChange::memberId, memberOrder));
    List<MemberChange> affected = new ArrayList<>();
    for (MemberChange m : changes) {
      if (affected.size() == top || m.delta() == 0 && m.baselineTier().equals(m.candidateTier())) {
        break;
      }
      affected.add(m);
    }
    // A merchant's copy of a bundled rule is recorded as "name (file.drl)": compared here by the
    // name the merchant sees in the file, so editing one number shows as a change, not a swap.
    Map<String, RulePoints> rules = new TreeMap<>();
    RulePoints none = new RulePoints(0, 0);
    base.pointsByRule().forEach((rule, points) -> rules.merge(asWritten(rule), none.plus(points, 0),
        (x, y) -> x.plus(y.baseline(), y.candidate())));
    cand.pointsByRule().forEach((rule, points) -> rules.merge(asWritten(rule), none.plus(0, points),
        (x, y) -> x.plus(y.baseline(), y.candidate())));
    return new Simulation(base, cand, migration, affected, rules);
  }

  private static final Pattern FILE_SUFFIX = Pattern.compile(" \\([A-Za-z0-9][A-Za-z0-9._-]*\\.drl\\)$");

  /**
   * @param recordedRule a rule name as a ledger entry records it
   * @return the name as written in its file, without the file the engine records beside it
   */
  static String asWritten(String recordedRule) {
    return FILE_SUFFIX.matcher(recordedRule).replaceFirst("");
  }

  /** {@return members whose final tier differs between the two sides} */
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

  /** {@return the liability change, candidate minus baseline} */
  public BigDecimal liabilityDelta() {
    return candidate.liability().amount().subtract(baseline.liability().amount());
  }
}
