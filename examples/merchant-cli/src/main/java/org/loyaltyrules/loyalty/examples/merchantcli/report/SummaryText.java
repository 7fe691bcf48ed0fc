package org.loyaltyrules.loyalty.examples.merchantcli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.InputProblem;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.InputStats;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.InvoiceReplayResult;
import org.loyaltyrules.loyalty.rules.replay.Lane;
import org.loyaltyrules.loyalty.rules.replay.ReviewSchedule;

/** The human-readable summary of a replay. */
public final class SummaryText {
  private SummaryText() {}

  /**
   * @param result the replay's result
   * @param rules a description of the rule set
   * @param maxProblems how many problems to list (all are counted)
   * @return the summary, lines ending in newlines
   */
  public static String of(InvoiceReplayResult result, String rules, int maxProblems) {
    InputStats in = result.input();
    Lane lane = result.lane();
    Programme p = lane.programme();
    StringBuilder s = new StringBuilder();
    s.append("Replay of ").append(result.source()).append(" through ").append(rules).append('\n');
    s.append("  programme  ").append(p.currency().getCurrencyCode()).append(", ").append(p.zone())
        .append(", tiers ").append(tiers(p)).append(", rule-base version ").append(lane.version()).append('\n');
    s.append("  read       ").append(Fmt.n(in.lines())).append(" lines, ").append(Fmt.n(in.invoices()))
        .append(" invoices in ").append(Fmt.seconds(result.elapsedNanos() / 1e9)).append(" (")
        .append(Fmt.n(Math.round(result.linesPerSecond()))).append(" lines/s)\n");
    s.append("  invoices   ").append(Fmt.n(in.paidInvoices())).append(" paid · ").append(Fmt.n(in.returnInvoices()))
        .append(" returns · ").append(Fmt.n(in.guestInvoices())).append(" guest (not earned) · ")
        .append(Fmt.n(in.skippedInvoices())).append(" skipped (no product line)");
    if (in.mixedInvoices() > 0) {
      s.append(" · ").append(Fmt.n(in.mixedInvoices())).append(" paid invoices also returned units");
    }
    s.append('\n');
    s.append("  lines      ").append(Fmt.n(in.productLines())).append(" sold to members · ")
        .append(Fmt.n(in.returnLines())).append(" returned · ").append(Fmt.n(in.nonProductLines()))
        .append(" non-product (never earn) · ").append(Fmt.n(in.guestLines())).append(" guest · ")
        .append(Fmt.n(in.malformedRows())).append(" malformed (skipped)\n");
    s.append("  returns    ").append(Fmt.n(in.unitsReturned())).append(" units returned, ")
        .append(Fmt.n(in.unitsReturned() - in.unitsReturnedUnmatched())).append(" matched to earlier purchases, ")
        .append(Fmt.n(in.unitsReturnedUnmatched())).append(" unmatched (reported)\n");
    s.append("  schedule   ").append(schedule(lane)).append('\n');
    s.append('\n');
    s.append(laneBlock(lane, in.customersSeen()));
    s.append(problems(result, maxProblems));
    return s.toString();
  }

  /**
   * @param lane a lane
   * @param customersSeen distinct members in the input
   * @return members, points, tiers, points by rule and firings
   */
  public static String laneBlock(Lane lane, long customersSeen) {
    String currency = lane.programme().currency().getCurrencyCode();
    StringBuilder s = new StringBuilder();
    s.append("Members      ").append(Fmt.n(lane.members())).append(" with a ledger (").append(Fmt.n(customersSeen))
        .append(" customers seen), ").append(Fmt.n(lane.ordersDecided())).append(" orders and ")
        .append(Fmt.n(lane.returnsDecided())).append(" returns decided");
    if (lane.eventsFailed() > 0) {
      s.append(", ").append(Fmt.n(lane.eventsFailed())).append(" rejected");
    }
    s.append('\n');
    s.append("Points       issued ").append(Fmt.n(lane.pointsIssued())).append(" · clawed back ")
        .append(Fmt.n(lane.pointsClawedBack()));
    if (lane.pointsUncollected() > 0) {
      s.append(" (+").append(Fmt.n(lane.pointsUncollected())).append(" uncollected)");
    }
    if (lane.pointsExpired() > 0) {
      s.append(" · expired ").append(Fmt.n(lane.pointsExpired()));
    }
    s.append(" · outstanding ").append(Fmt.n(lane.pointsOutstanding())).append(" (liability ").append(currency)
        .append(' ').append(Fmt.decimal(lane.liability().amount().doubleValue(), 2)).append(")\n");
    s.append("Tiers        ");
    List<String> tiers = new ArrayList<>();
    for (Map.Entry<String, Long> e : lane.tierDistribution().entrySet()) {
      tiers.add(e.getKey() + " " + Fmt.n(e.getValue()));
    }
    s.append(String.join(" · ", tiers)).append("   (").append(Fmt.n(lane.upgrades())).append(" upgrades")
        .append(lane.downgrades() > 0 ? ", " + Fmt.n(lane.downgrades()) + " downgrades" : "").append(")\n");
    s.append("Points by rule (net of clawbacks)\n");
    for (Map.Entry<String, Long> e : lane.pointsByRule().entrySet()) {
      s.append("  ").append(Fmt.left(Fmt.n(e.getValue()), 12)).append("  ").append(e.getKey()).append('\n');
    }
    s.append("Rules fired\n");
    for (Map.Entry<String, Long> e : lane.firings().entrySet()) {
      s.append("  ").append(Fmt.left(Fmt.n(e.getValue()), 12)).append("  ").append(e.getKey()).append('\n');
    }
    return s.toString();
  }

  /**
   * @param lane a lane
   * @return which review schedule ran and what it did, e.g. {@code monthly tier reviews and expiry
   *     runs: 51,000 reviews (101 downgrades), 51,000 expiry runs, 12,345 points expired}
   */
  public static String schedule(Lane lane) {
    if (lane.reviews() == ReviewSchedule.NONE) {
      return "none (no tier review or expiry run; --review monthly runs them)"
          + (lane.reviewsRun() + lane.expiryRuns() > 0 ? "; " + counts(lane) : "");
    }
    return lane.reviews().id() + " tier reviews and expiry runs: " + counts(lane);
  }

  private static String counts(Lane lane) {
    return Fmt.n(lane.reviewsRun()) + " reviews (" + Fmt.n(lane.downgrades()) + " downgrades), "
        + Fmt.n(lane.expiryRuns()) + " expiry runs, " + Fmt.n(lane.pointsExpired()) + " points expired";
  }

  private static String problems(InvoiceReplayResult result, int max) {
    if (result.problems().isEmpty()) {
      return "Problems     none\n";
    }
    StringBuilder s = new StringBuilder("Problems     ");
    List<String> counts = new ArrayList<>();
    for (Map.Entry<String, Long> e : result.problemCounts().entrySet()) {
      counts.add(e.getKey() + " " + Fmt.n(e.getValue()));
    }
    s.append(String.join(" · ", counts)).append('\n');
    int shown = 0;
    for (InputProblem problem : result.problems()) {
      if (shown++ == max) {
        s.append("  … ").append(Fmt.n(result.problems().size() - max)).append(" more")
            .append(" (all of them in problems.csv with --out)\n");
        break;
      }
      s.append("  ").append(problem).append('\n');
    }
    return s.toString();
  }

  static String tiers(Programme p) {
    List<String> parts = new ArrayList<>();
    for (var tier : p.tiers().tiers()) {
      parts.add(tier.code() + (tier.rank() == 0 ? "" : " from " + tier.threshold().amount().stripTrailingZeros()
          .toPlainString()) );
    }
    return String.join(" / ", parts) + " over " + p.tiers().top().window();
  }
}
