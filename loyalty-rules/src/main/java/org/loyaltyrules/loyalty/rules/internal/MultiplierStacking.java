package org.loyaltyrules.loyalty.rules.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.StackingPolicy;
import org.loyaltyrules.loyalty.rules.facts.CampaignFact;

/**
 * How the multiplier campaigns on one order's lines add up: per line, the best campaign of each
 * exclusive group survives, then the programme's stacking (additive, multiplicative or best-of)
 * gives each surviving campaign its exact extra points on that line.
 * Immutable and thread-safe.
 */
final class MultiplierStacking {
  private final StackingPolicy stacking;

  MultiplierStacking(StackingPolicy stacking) {
    this.stacking = stacking;
  }

  /**
   * @param base each line's exact base points (zero for an excluded line)
   * @param excluded whether each line is excluded
   * @param multipliers campaign id → line index → the campaign's fact, as the rules matched them
   * @return campaign id → each line's exact extra points, in campaign-id order
   */
  Map<String, BigDecimal[]> extraPoints(List<BigDecimal> base, List<Boolean> excluded,
      Map<String, Map<Integer, CampaignFact>> multipliers) {
    int n = base.size();
    Map<String, BigDecimal[]> extra = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      if (excluded.get(i) || base.get(i).signum() == 0) {
        continue;
      }
      List<CampaignFact> onLine = new ArrayList<>();
      for (Map<Integer, CampaignFact> byLine : multipliers.values()) {
        CampaignFact fact = byLine.get(i);
        if (fact != null) {
          onLine.add(fact);
        }
      }
      List<CampaignFact> survivors = bestOfGroups(onLine);
      if (survivors.isEmpty()) {
        continue;
      }
      if (stacking == StackingPolicy.BEST_OF) {
        survivors = List.of(best(survivors));
      }
      BigDecimal running = base.get(i);
      for (CampaignFact c : survivors) {
        BigDecimal amount = (stacking == StackingPolicy.MULTIPLICATIVE ? running : base.get(i))
            .multiply(c.getMultiplier().subtract(BigDecimal.ONE));
        extra.computeIfAbsent(c.getId(), k -> zeros(n))[i] = amount;
        running = running.multiply(c.getMultiplier());
      }
    }
    return extra;
  }

  /** The survivors of one line: every campaign outside a group, the best of each group; by id. */
  private List<CampaignFact> bestOfGroups(List<CampaignFact> onLine) {
    Map<String, CampaignFact> bestOfGroup = new TreeMap<>();
    List<CampaignFact> result = new ArrayList<>();
    for (CampaignFact fact : onLine) {
      Optional<String> group = fact.campaign() instanceof Campaign.Multiplier m ? m.exclusiveGroup() : Optional.empty();
      if (group.isEmpty()) {
        result.add(fact);
        continue;
      }
      CampaignFact best = bestOfGroup.get(group.get());
      // onLine is in campaign-id order, so on equal multipliers the smaller id stays.
      if (best == null || fact.getMultiplier().compareTo(best.getMultiplier()) > 0) {
        bestOfGroup.put(group.get(), fact);
      }
    }
    result.addAll(bestOfGroup.values());
    result.sort((a, b) -> a.getId().compareTo(b.getId()));
    return result;
  }

  private static CampaignFact best(List<CampaignFact> survivors) {
    CampaignFact best = survivors.get(0);
    for (CampaignFact c : survivors) {
      if (c.getMultiplier().compareTo(best.getMultiplier()) > 0) {
        best = c;
      }
    }
    return best;
  }

  private static BigDecimal[] zeros(int n) {
    BigDecimal[] result = new BigDecimal[n];
    Arrays.fill(result, BigDecimal.ZERO);
    return result;
  }
}
