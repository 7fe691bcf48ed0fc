package org.loyaltyrules.loyalty.examples.benchmarks;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Each benchmark thread walks the scenario's orders from its own position. */
@State(Scope.Thread)
public class Cursor {
  private static int threads;
  private int next;

  /** Starts threads at different orders. */
  public Cursor() {
    synchronized (Cursor.class) {
      next = (threads++ * 1_031) % Scenario.ORDERS;
    }
  }

  /**
   * @param cases the cases
   * @return the next case, round robin
   */
  public Workload.Case next(Workload.Case[] cases) {
    Workload.Case c = cases[next];
    next = next + 1 == cases.length ? 0 : next + 1;
    return c;
  }
}
