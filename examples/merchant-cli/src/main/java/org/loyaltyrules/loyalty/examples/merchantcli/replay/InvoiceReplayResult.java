package org.loyaltyrules.loyalty.examples.merchantcli.replay;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.loyaltyrules.loyalty.rules.replay.Lane;

/**
 * What an invoice replay read and what each lane decided (the lanes come from the library's {@link
 * org.loyaltyrules.loyalty.rules.replay.ReplayResult}).
 *
 * @param source a description of the input (file name, or "generated sample")
 * @param input what was read
 * @param problems every problem, in input order
 * @param lanes one per rule set, in the order given
 * @param elapsedNanos wall time of the run (reading, deciding, accounting; engine build excluded)
 */
public record InvoiceReplayResult(String source, InputStats input, List<InputProblem> problems, List<Lane> lanes,
    long elapsedNanos) {

  /** Copies the lists. */
  public InvoiceReplayResult {
    problems = List.copyOf(problems);
    lanes = List.copyOf(lanes);
  }

  /** @return the first lane (the only one for a plain replay) */
  public Lane lane() {
    return lanes.get(0);
  }

  /** @return problems counted by code, in code order */
  public Map<String, Long> problemCounts() {
    return problems.stream().collect(Collectors.groupingBy(InputProblem::code, TreeMap::new, Collectors.counting()));
  }

  /** @return input lines per second, end to end */
  public double linesPerSecond() {
    return elapsedNanos == 0 ? 0 : input.lines() * 1e9 / elapsedNanos;
  }
}
