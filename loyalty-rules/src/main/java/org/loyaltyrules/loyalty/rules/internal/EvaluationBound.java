package org.loyaltyrules.loyalty.rules.internal;

/**
 * A count bound per evaluation (rule firings, outputs) that grows with the event: {@code base +
 * perFact × facts inserted}. Each line of a large order legitimately takes a few firings and
 * outputs (a base rate, a campaign or two), so the bound follows the facts; a rule whose work grows
 * faster than the facts (one firing per pair of lines) still runs into it.
 *
 * @param base the bound for an event with no facts, ≥ 1
 * @param perFact the allowance added per fact inserted, ≥ 0
 */
public record EvaluationBound(int base, int perFact) {

  /**
   * @param facts the number of facts inserted
   * @return {@code base + perFact × facts}, at most {@code Integer.MAX_VALUE - 1} (Drools counts
   *     firings in an {@code int}, and the engine asks it for one firing past the bound)
   */
  public int limit(int facts) {
    long limit = base + (long) perFact * facts;
    return (int) Math.min(limit, Integer.MAX_VALUE - 1);
  }

  /**
   * @param facts the number of facts inserted
   * @return the expectation for messages, e.g. {@code ≤ 1260 per evaluation of 26 facts (1000 + 10
   *     per fact)}
   */
  public String expectation(int facts) {
    return "≤ " + limit(facts) + " per evaluation of " + facts + " facts (" + base + " + " + perFact + " per fact)";
  }
}
