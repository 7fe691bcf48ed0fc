package org.loyaltyrules.loyalty.examples.benchmarks.naive;

/**
 * The global the naive rules write into, the way tutorials accumulate results: a rate and a sum of
 * extra multipliers per line, and bonus points.
 */
public final class NaiveResult {
  private final double[] rate;
  private final double[] extra;
  private long bonus;

  /**
   * @param lines the number of lines
   */
  public NaiveResult(int lines) {
    this.rate = new double[lines];
    this.extra = new double[lines];
  }

  /**
   * @param line a line
   * @param pointsPerHundred points per 100 of net spend
   */
  public void rate(NaiveLine line, double pointsPerHundred) {
    rate[line.getIndex()] = pointsPerHundred / 100;
  }

  /**
   * @param line a line
   * @param multiplier a campaign's multiplier
   */
  public void multiply(NaiveLine line, double multiplier) {
    extra[line.getIndex()] += multiplier - 1;
  }

  /**
   * @param points bonus points
   */
  public void bonus(long points) {
    bonus += points;
  }

  /**
   * @param lines the lines, in index order
   * @return the order's points, rounded down
   */
  public long points(NaiveLine[] lines) {
    double sum = 0;
    for (int i = 0; i < lines.length; i++) {
      sum += lines[i].getNet() * rate[i] * (1 + extra[i]);
    }
    return (long) Math.floor(sum) + bonus;
  }
}
