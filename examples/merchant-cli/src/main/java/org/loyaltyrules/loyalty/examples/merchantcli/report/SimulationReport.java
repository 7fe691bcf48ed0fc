package org.loyaltyrules.loyalty.examples.merchantcli.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.InputStats;
import org.loyaltyrules.loyalty.rules.replay.Lane;
import org.loyaltyrules.loyalty.rules.replay.Simulation.MemberChange;
import org.loyaltyrules.loyalty.rules.replay.Simulation.RulePoints;

/**
 * Renders a {@link Simulation} as a console table and as one self-contained HTML file: inline CSS
 * and inline SVG charts, no scripts, fonts, images or links to load, so it opens offline.
 */
public final class SimulationReport {
  private static final String BASE_COLOUR = "#6b7a8f";
  private static final String CAND_COLOUR = "#e07a1f";

  private SimulationReport() {}

  // ------------------------------------------------------------------ console

  /**
   * @param sim the simulation
   * @return the console report, lines ending in newlines
   */
  public static String text(Simulation sim) {
    Lane b = sim.baseline();
    Lane c = sim.candidate();
    InputStats in = sim.result().input();
    String currency = b.programme().currency().getCurrencyCode();
    StringBuilder s = new StringBuilder();
    s.append("Simulation over ").append(sim.result().source()).append(": ").append(Fmt.n(in.paidInvoices()))
        .append(" paid orders, ").append(Fmt.n(in.returnInvoices())).append(" returns, ")
        .append(Fmt.n(b.members())).append(" members (").append(Fmt.seconds(sim.result().elapsedNanos() / 1e9))
        .append(")\n");
    s.append("  baseline   ").append(sim.baselineName()).append("  [").append(b.version()).append("]\n");
    s.append("  candidate  ").append(sim.candidateName()).append("  [").append(c.version()).append("]\n");
    s.append("  schedule   ").append(b.reviews().id()).append(" tier reviews and expiry runs on both sides\n\n");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"", "baseline", "candidate", "change", ""});
    rows.add(row("points issued", b.pointsIssued(), c.pointsIssued()));
    rows.add(row("points clawed back", b.pointsClawedBack(), c.pointsClawedBack()));
    rows.add(row("points outstanding", b.pointsOutstanding(), c.pointsOutstanding()));
    rows.add(new String[] {"liability (" + currency + ")", money(b.liability().amount()), money(c.liability().amount()),
        signedMoney(sim.liabilityDelta()), pct(b.liability().amount().doubleValue(), c.liability().amount().doubleValue())});
    rows.add(row("tier upgrades", b.upgrades(), c.upgrades()));
    rows.add(row("tier downgrades", b.downgrades(), c.downgrades()));
    rows.add(row("points expired", b.pointsExpired(), c.pointsExpired()));
    for (String tier : b.programme().tiers().codes()) {
      rows.add(row("members in " + tier, b.tierDistribution().getOrDefault(tier, 0L),
          c.tierDistribution().getOrDefault(tier, 0L)));
    }
    s.append(table(rows)).append('\n');

    s.append("Tier migration (rows: baseline tier, columns: candidate tier); ")
        .append(Fmt.n(sim.membersChangingTier())).append(" members end in another tier\n");
    List<String[]> matrix = new ArrayList<>();
    List<String> header = new ArrayList<>();
    header.add("");
    header.addAll(c.programme().tiers().codes());
    matrix.add(header.toArray(String[]::new));
    for (Map.Entry<String, Map<String, Long>> r : sim.migration().entrySet()) {
      List<String> cells = new ArrayList<>();
      cells.add(r.getKey());
      for (long v : r.getValue().values()) {
        cells.add(Fmt.n(v));
      }
      matrix.add(cells.toArray(String[]::new));
    }
    s.append(table(matrix)).append('\n');

    s.append("Points by rule (net of clawbacks)\n");
    List<String[]> rules = new ArrayList<>();
    rules.add(new String[] {"rule", "baseline", "candidate", "change", ""});
    for (Map.Entry<String, RulePoints> r : sim.rules().entrySet()) {
      rules.add(row(r.getKey(), r.getValue().baseline(), r.getValue().candidate()));
    }
    s.append(table(rules)).append('\n');

    s.append("Members most affected\n");
    if (sim.affected().isEmpty()) {
      s.append("  none: every member ends with the same balance and tier\n");
    } else {
      List<String[]> members = new ArrayList<>();
      members.add(new String[] {"member", "tier", "baseline", "candidate", "change"});
      for (MemberChange m : sim.affected()) {
        members.add(new String[] {m.memberId(), m.baselineTier().equals(m.candidateTier()) ? m.baselineTier()
            : m.baselineTier() + " → " + m.candidateTier(), Fmt.n(m.baselineBalance()), Fmt.n(m.candidateBalance()),
            Fmt.signed(m.delta())});
      }
      s.append(table(members));
    }
    return s.toString();
  }

  private static String[] row(String label, long base, long cand) {
    return new String[] {label, Fmt.n(base), Fmt.n(cand), Fmt.signed(cand - base), pct(base, cand)};
  }

  private static String pct(double base, double cand) {
    if (base == cand) {
      return "";
    }
    if (base == 0) {
      return "new";
    }
    return String.format(Locale.ROOT, "%+.1f%%", (cand - base) * 100 / Math.abs(base));
  }

  private static String money(BigDecimal amount) {
    return Fmt.decimal(amount.doubleValue(), 2);
  }

  private static String signedMoney(BigDecimal amount) {
    return (amount.signum() > 0 ? "+" : "") + money(amount);
  }

  /** A plain table: first column left-aligned, the others right-aligned. */
  static String table(List<String[]> rows) {
    int columns = 0;
    for (String[] r : rows) {
      columns = Math.max(columns, r.length);
    }
    int[] width = new int[columns];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder s = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < r.length; i++) {
        line.append(i == 0 ? Fmt.pad(r[i], width[i]) : Fmt.left(r[i], width[i]));
        line.append(i + 1 < r.length ? "  " : "");
      }
      s.append(line.toString().stripTrailing()).append('\n');
    }
    return s.toString();
  }

  // ------------------------------------------------------------------ HTML

  /**
   * @param sim the simulation
   * @return a complete, self-contained HTML document
   */
  public static String html(Simulation sim) {
    Lane b = sim.baseline();
    Lane c = sim.candidate();
    String currency = b.programme().currency().getCurrencyCode();
    StringBuilder h = new StringBuilder(32_000);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>Rule simulation: ").append(esc(sim.candidateName())).append(" vs ")
        .append(esc(sim.baselineName())).append("</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}\n")
        .append("h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ddd}\n")
        .append("table{border-collapse:collapse;margin:.5em 0}td,th{padding:.25em .7em;border-bottom:1px solid #eee}\n")
        .append("td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.up{color:#1a7f37}.down{color:#b42318}\n")
        .append(".key span{display:inline-block;width:.9em;height:.9em;margin:0 .3em 0 1em;vertical-align:-.1em}\n")
        .append("code{background:#f4f4f4;padding:0 .2em}\n")
        .append("</style>\n</head>\n<body>\n");
    h.append("<h1>What would the candidate rules have done?</h1>\n<p>Orders: <code>")
        .append(esc(sim.result().source())).append("</code> — ").append(Fmt.n(sim.result().input().paidInvoices()))
        .append(" paid orders, ").append(Fmt.n(sim.result().input().returnInvoices())).append(" returns, ")
        .append(Fmt.n(b.members())).append(" members.<br>Baseline: <code>").append(esc(sim.baselineName()))
        .append("</code> (").append(esc(b.version())).append(")<br>Candidate: <code>")
        .append(esc(sim.candidateName())).append("</code> (").append(esc(c.version())).append(")<br>Schedule: ")
        .append(esc(b.reviews().id())).append(" tier reviews and expiry runs on both sides</p>\n");
    h.append("<p class=\"key\"><span style=\"background:").append(BASE_COLOUR).append("\"></span>baseline")
        .append("<span style=\"background:").append(CAND_COLOUR).append("\"></span>candidate</p>\n");

    h.append("<h2>Totals</h2>\n<table>\n<tr><th></th><th class=\"n\">baseline</th><th class=\"n\">candidate</th>")
        .append("<th class=\"n\">change</th><th class=\"n\"></th></tr>\n");
    totalRow(h, "points issued", b.pointsIssued(), c.pointsIssued());
    totalRow(h, "points clawed back", b.pointsClawedBack(), c.pointsClawedBack());
    totalRow(h, "points outstanding", b.pointsOutstanding(), c.pointsOutstanding());
    h.append("<tr><td>liability (").append(currency).append(", outstanding × ")
        .append(esc(b.programme().cashValuePerPoint().toString())).append(" per point)</td><td class=\"n\">")
        .append(money(b.liability().amount())).append("</td><td class=\"n\">").append(money(c.liability().amount()))
        .append("</td><td class=\"n ").append(cls(sim.liabilityDelta().signum())).append("\">")
        .append(signedMoney(sim.liabilityDelta())).append("</td><td class=\"n\">")
        .append(pct(b.liability().amount().doubleValue(), c.liability().amount().doubleValue())).append("</td></tr>\n");
    totalRow(h, "tier upgrades", b.upgrades(), c.upgrades());
    totalRow(h, "tier downgrades", b.downgrades(), c.downgrades());
    totalRow(h, "points expired", b.pointsExpired(), c.pointsExpired());
    h.append("</table>\n");
    h.append(groupedBars("Points", List.of("issued", "clawed back", "outstanding"),
        new long[] {b.pointsIssued(), b.pointsClawedBack(), b.pointsOutstanding()},
        new long[] {c.pointsIssued(), c.pointsClawedBack(), c.pointsOutstanding()}));

    h.append("<h2>Tiers</h2>\n");
    List<String> tiers = b.programme().tiers().codes();
    long[] bt = new long[tiers.size()];
    long[] ct = new long[tiers.size()];
    for (int i = 0; i < tiers.size(); i++) {
      bt[i] = b.tierDistribution().getOrDefault(tiers.get(i), 0L);
      ct[i] = c.tierDistribution().getOrDefault(tiers.get(i), 0L);
    }
    h.append(groupedBars("Members per tier at the end", tiers, bt, ct));
    h.append("<p>Tier migration: rows are the tier under the baseline, columns under the candidate; ")
        .append(Fmt.n(sim.membersChangingTier())).append(" members end in another tier.</p>\n<table>\n<tr><th></th>");
    for (String to : c.programme().tiers().codes()) {
      h.append("<th class=\"n\">→ ").append(esc(to)).append("</th>");
    }
    h.append("</tr>\n");
    long max = 1;
    for (Map<String, Long> row : sim.migration().values()) {
      for (long v : row.values()) {
        max = Math.max(max, v);
      }
    }
    for (Map.Entry<String, Map<String, Long>> row : sim.migration().entrySet()) {
      h.append("<tr><th>").append(esc(row.getKey())).append("</th>");
      for (Map.Entry<String, Long> cell : row.getValue().entrySet()) {
        double alpha = cell.getValue() == 0 ? 0 : 0.12 + 0.6 * cell.getValue() / max;
        String colour = row.getKey().equals(cell.getKey()) ? "107,122,143" : "224,122,31";
        h.append("<td class=\"n\" style=\"background:rgba(").append(colour).append(',')
            .append(String.format(Locale.ROOT, "%.2f", alpha)).append(")\">").append(Fmt.n(cell.getValue()))
            .append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n");

    h.append("<h2>Points by rule</h2>\n<p>Net points each rule produced (earned less what refunds clawed back).</p>\n");
    h.append(ruleBars(sim.rules()));
    h.append("<table>\n<tr><th>rule</th><th class=\"n\">baseline</th><th class=\"n\">candidate</th>")
        .append("<th class=\"n\">change</th><th class=\"n\"></th></tr>\n");
    for (Map.Entry<String, RulePoints> r : sim.rules().entrySet()) {
      totalRow(h, r.getKey(), r.getValue().baseline(), r.getValue().candidate());
    }
    h.append("</table>\n");

    h.append("<h2>Members most affected</h2>\n");
    if (sim.affected().isEmpty()) {
      h.append("<p>None: every member ends with the same balance and tier.</p>\n");
    } else {
      h.append("<table>\n<tr><th>member</th><th>tier</th><th class=\"n\">baseline</th><th class=\"n\">candidate</th>")
          .append("<th class=\"n\">change</th></tr>\n");
      for (MemberChange m : sim.affected()) {
        h.append("<tr><td>").append(esc(m.memberId())).append("</td><td>")
            .append(esc(m.baselineTier().equals(m.candidateTier()) ? m.baselineTier()
                : m.baselineTier() + " → " + m.candidateTier()))
            .append("</td><td class=\"n\">").append(Fmt.n(m.baselineBalance())).append("</td><td class=\"n\">")
            .append(Fmt.n(m.candidateBalance())).append("</td><td class=\"n ").append(cls(Long.signum(m.delta())))
            .append("\">").append(Fmt.signed(m.delta())).append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    h.append("<p style=\"color:#777;font-size:.85em\">Generated by the loyalty-rules merchant CLI. ")
        .append("This file is self-contained and needs no network.</p>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void totalRow(StringBuilder h, String label, long base, long cand) {
    h.append("<tr><td>").append(esc(label)).append("</td><td class=\"n\">").append(Fmt.n(base))
        .append("</td><td class=\"n\">").append(Fmt.n(cand)).append("</td><td class=\"n ")
        .append(cls(Long.signum(cand - base))).append("\">").append(Fmt.signed(cand - base))
        .append("</td><td class=\"n\">").append(pct(base, cand)).append("</td></tr>\n");
  }

  private static String cls(int signum) {
    return signum > 0 ? "up" : signum < 0 ? "down" : "";
  }

  /** Vertical grouped bars, one group per label, baseline and candidate side by side. */
  static String groupedBars(String title, List<String> labels, long[] base, long[] cand) {
    int groupWidth = 150;
    int chartHeight = 180;
    int top = 30;
    int width = 60 + labels.size() * groupWidth;
    int height = top + chartHeight + 40;
    long max = 1;
    for (int i = 0; i < labels.size(); i++) {
      max = Math.max(max, Math.max(Math.abs(base[i]), Math.abs(cand[i])));
    }
    StringBuilder s = new StringBuilder();
    s.append("<svg role=\"img\" width=\"").append(width).append("\" height=\"").append(height)
        .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" font-size=\"12\">\n")
        .append("<title>").append(esc(title)).append("</title>\n")
        .append("<text x=\"10\" y=\"18\" font-weight=\"bold\">").append(esc(title)).append("</text>\n");
    int baseline = top + chartHeight;
    s.append("<line x1=\"40\" y1=\"").append(baseline).append("\" x2=\"").append(width - 10).append("\" y2=\"")
        .append(baseline).append("\" stroke=\"#999\"/>\n");
    for (int i = 0; i < labels.size(); i++) {
      int x = 60 + i * groupWidth;
      bar(s, x, baseline, chartHeight, base[i], max, BASE_COLOUR);
      bar(s, x + 55, baseline, chartHeight, cand[i], max, CAND_COLOUR);
      s.append("<text x=\"").append(x + 52).append("\" y=\"").append(baseline + 18)
          .append("\" text-anchor=\"middle\">").append(esc(labels.get(i))).append("</text>\n");
    }
    return s.append("</svg>\n").toString();
  }

  private static void bar(StringBuilder s, int x, int baseline, int chartHeight, long value, long max, String colour) {
    int h = (int) Math.round((double) Math.abs(value) * (chartHeight - 20) / max);
    s.append("<rect x=\"").append(x).append("\" y=\"").append(baseline - h).append("\" width=\"50\" height=\"")
        .append(h).append("\" fill=\"").append(colour).append("\"><title>").append(Fmt.n(value))
        .append("</title></rect>\n");
    s.append("<text x=\"").append(x + 25).append("\" y=\"").append(baseline - h - 4)
        .append("\" text-anchor=\"middle\" font-size=\"11\">").append(Fmt.n(value)).append("</text>\n");
  }

  /** Horizontal bars per rule, baseline above candidate. */
  static String ruleBars(Map<String, RulePoints> rules) {
    int labelWidth = 380;
    int barMax = 520;
    int rowHeight = 34;
    int width = labelWidth + barMax + 90;
    int height = 20 + rules.size() * rowHeight;
    long max = 1;
    for (RulePoints v : rules.values()) {
      max = Math.max(max, Math.max(Math.abs(v.baseline()), Math.abs(v.candidate())));
    }
    StringBuilder s = new StringBuilder();
    s.append("<svg role=\"img\" width=\"").append(width).append("\" height=\"").append(height)
        .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" font-size=\"12\">\n")
        .append("<title>Points by rule</title>\n");
    int y = 10;
    for (Map.Entry<String, RulePoints> r : rules.entrySet()) {
      String label = r.getKey().length() > 58 ? r.getKey().substring(0, 57) + "…" : r.getKey();
      s.append("<text x=\"").append(labelWidth - 8).append("\" y=\"").append(y + 17)
          .append("\" text-anchor=\"end\">").append(esc(label)).append("<title>").append(esc(r.getKey()))
          .append("</title></text>\n");
      long[] v = {r.getValue().baseline(), r.getValue().candidate()};
      for (int k = 0; k < 2; k++) {
        int w = (int) Math.round((double) Math.abs(v[k]) * barMax / max);
        int by = y + k * 13;
        s.append("<rect x=\"").append(labelWidth).append("\" y=\"").append(by).append("\" width=\"").append(w)
            .append("\" height=\"12\" fill=\"").append(k == 0 ? BASE_COLOUR : CAND_COLOUR).append("\"/>\n");
        s.append("<text x=\"").append(labelWidth + w + 4).append("\" y=\"").append(by + 10)
            .append("\" font-size=\"11\">").append(Fmt.n(v[k])).append("</text>\n");
      }
      y += rowHeight;
    }
    return s.append("</svg>\n").toString();
  }

  /**
   * @param text a text
   * @return it escaped for HTML text and attribute values
   */
  static String esc(String text) {
    StringBuilder s = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '<' -> s.append("&lt;");
        case '>' -> s.append("&gt;");
        case '&' -> s.append("&amp;");
        case '"' -> s.append("&quot;");
        case '\'' -> s.append("&#39;");
        default -> s.append(ch);
      }
    }
    return s.toString();
  }
}
