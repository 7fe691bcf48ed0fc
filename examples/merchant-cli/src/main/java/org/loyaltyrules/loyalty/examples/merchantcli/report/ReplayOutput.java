package org.loyaltyrules.loyalty.examples.merchantcli.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.examples.merchantcli.input.MiniJson;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.InputProblem;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.InputStats;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.InvoiceReplayResult;
import org.loyaltyrules.loyalty.rules.replay.Lane;
import org.loyaltyrules.loyalty.rules.replay.MemberAccount;

/**
 * Writes a replay's results to a directory:
 *
 * <ul>
 *   <li>{@code summary.txt} — the console summary; {@code summary.json} — its figures;
 *   <li>{@code statements.csv} / {@code statements.jsonl} — one row per member: tier, orders,
 *       returns, points earned, clawed back, balance and its cash value;
 *   <li>{@code ledger.csv} / {@code ledger.jsonl} — every ledger entry with its rule and reason;
 *   <li>{@code problems.csv} — every problem with its input line.
 * </ul>
 */
public final class ReplayOutput {
  /** Members in id order, numeric ids by value. */
  public static final Comparator<String> MEMBER_ORDER = (a, b) -> {
    boolean na = isDigits(a);
    boolean nb = isDigits(b);
    if (na && nb && a.length() != b.length()) {
      return Integer.compare(a.length(), b.length());
    }
    return a.compareTo(b);
  };

  private ReplayOutput() {}

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return !s.isEmpty();
  }

  /**
   * @param lane a lane
   * @return its members in {@link #MEMBER_ORDER}
   */
  public static List<MemberAccount> sortedAccounts(Lane lane) {
    List<MemberAccount> accounts = new ArrayList<>(lane.accounts().values());
    accounts.sort(Comparator.comparing(a -> a.member().id(), MEMBER_ORDER));
    return accounts;
  }

  /**
   * Writes every file.
   *
   * @param dir the directory (created if missing)
   * @param result the replay's result
   * @param summary the summary text
   * @return the files written
   * @throws IOException if writing fails
   */
  public static List<Path> write(Path dir, InvoiceReplayResult result, String summary) throws IOException {
    Files.createDirectories(dir);
    Lane lane = result.lane();
    ZoneId zone = lane.programme().zone();
    List<MemberAccount> accounts = sortedAccounts(lane);
    List<Path> written = new ArrayList<>();
    Path summaryTxt = dir.resolve("summary.txt");
    Files.writeString(summaryTxt, summary, StandardCharsets.UTF_8);
    written.add(summaryTxt);
    Path summaryJson = dir.resolve("summary.json");
    Files.writeString(summaryJson, summaryJson(result), StandardCharsets.UTF_8);
    written.add(summaryJson);

    Money value = lane.programme().cashValuePerPoint();
    Path statementsCsv = dir.resolve("statements.csv");
    Path statementsJsonl = dir.resolve("statements.jsonl");
    try (Writer csv = writer(statementsCsv); Writer jsonl = writer(statementsJsonl)) {
      csv.write("member_id,tier,enrolled_at,referrer_id,orders,returns,points_earned,points_clawed_back,balance,"
          + "balance_value,currency,entries\n");
      for (MemberAccount a : accounts) {
        long balance = a.ledger().balance().value();
        String cash = value.amount().multiply(BigDecimal.valueOf(balance))
            .setScale(value.amount().scale(), RoundingMode.HALF_EVEN).toPlainString();
        String referrer = a.member().referrerId().orElse("");
        csv.write(row(a.member().id(), a.member().tierCode(), a.member().enrolledAt().toString(), referrer,
            Integer.toString(a.orders()), Integer.toString(a.returns()), Long.toString(a.earned()),
            Long.toString(a.clawedBack()), Long.toString(balance), cash, value.currency().getCurrencyCode(),
            Integer.toString(a.ledger().size())));
        StringBuilder j = new StringBuilder(200);
        j.append("{\"member_id\":");
        MiniJson.quote(j, a.member().id());
        j.append(",\"tier\":");
        MiniJson.quote(j, a.member().tierCode());
        j.append(",\"enrolled_at\":\"").append(a.member().enrolledAt()).append('"');
        if (!referrer.isEmpty()) {
          j.append(",\"referrer_id\":");
          MiniJson.quote(j, referrer);
        }
        j.append(",\"orders\":").append(a.orders()).append(",\"returns\":").append(a.returns())
            .append(",\"points_earned\":").append(a.earned()).append(",\"points_clawed_back\":").append(a.clawedBack())
            .append(",\"balance\":").append(balance).append(",\"balance_value\":\"").append(cash)
            .append("\",\"currency\":\"").append(value.currency().getCurrencyCode()).append("\",\"entries\":")
            .append(a.ledger().size()).append("}\n");
        jsonl.write(j.toString());
      }
    }
    written.add(statementsCsv);
    written.add(statementsJsonl);

    Path ledgerCsv = dir.resolve("ledger.csv");
    Path ledgerJsonl = dir.resolve("ledger.jsonl");
    try (Writer csv = writer(ledgerCsv); Writer jsonl = writer(ledgerJsonl)) {
      csv.write("member_id,seq,key,kind,occurred_at,local_date,points,rule,source_event,rule_base_version,reason\n");
      for (MemberAccount a : accounts) {
        int seq = 0;
        for (LedgerEntry e : a.ledger().entries()) {
          seq++;
          String localDate = e.occurredAt().atZone(zone).toLocalDate().toString();
          csv.write(row(e.memberId(), Integer.toString(seq), e.key(), e.kind(), e.occurredAt().toString(), localDate,
              Long.toString(e.points().value()), e.provenance().rule(), e.provenance().sourceEventId(),
              e.provenance().ruleBaseVersion(), e.provenance().reason()));
          StringBuilder j = new StringBuilder(300);
          j.append("{\"member_id\":");
          MiniJson.quote(j, e.memberId());
          j.append(",\"seq\":").append(seq).append(",\"key\":");
          MiniJson.quote(j, e.key());
          j.append(",\"kind\":\"").append(e.kind()).append("\",\"occurred_at\":\"").append(e.occurredAt())
              .append("\",\"local_date\":\"").append(localDate).append("\",\"points\":").append(e.points().value())
              .append(",\"rule\":");
          MiniJson.quote(j, e.provenance().rule());
          j.append(",\"source_event\":");
          MiniJson.quote(j, e.provenance().sourceEventId());
          j.append(",\"rule_base_version\":");
          MiniJson.quote(j, e.provenance().ruleBaseVersion());
          j.append(",\"reason\":");
          MiniJson.quote(j, e.provenance().reason());
          j.append("}\n");
          jsonl.write(j.toString());
        }
      }
    }
    written.add(ledgerCsv);
    written.add(ledgerJsonl);

    Path problemsCsv = dir.resolve("problems.csv");
    try (Writer csv = writer(problemsCsv)) {
      csv.write("line,code,message\n");
      for (InputProblem p : result.problems()) {
        csv.write(row(Long.toString(p.lineNo()), p.code(), p.message()));
      }
    }
    written.add(problemsCsv);
    return written;
  }

  private static Writer writer(Path file) throws IOException {
    return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
  }

  /**
   * @param fields the fields
   * @return one CSV row (RFC 4180 quoting), ending in a newline
   */
  public static String row(String... fields) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        s.append(',');
      }
      String f = fields[i];
      if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
        s.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        s.append(f);
      }
    }
    return s.append('\n').toString();
  }

  /**
   * @param result a replay's result
   * @return its figures as one JSON object
   */
  public static String summaryJson(InvoiceReplayResult result) {
    InputStats in = result.input();
    Lane lane = result.lane();
    StringBuilder j = new StringBuilder();
    j.append("{\n  \"source\": ").append(MiniJson.quote(result.source()))
        .append(",\n  \"rule_base_version\": ").append(MiniJson.quote(lane.version()))
        .append(",\n  \"currency\": \"").append(lane.programme().currency().getCurrencyCode())
        .append("\",\n  \"zone\": \"").append(lane.programme().zone()).append('"')
        .append(",\n  \"elapsed_ms\": ").append(result.elapsedNanos() / 1_000_000)
        .append(",\n  \"input\": {\"lines\": ").append(in.lines()).append(", \"rows\": ").append(in.rows())
        .append(", \"malformed_rows\": ").append(in.malformedRows()).append(", \"invoices\": ").append(in.invoices())
        .append(", \"paid\": ").append(in.paidInvoices()).append(", \"returns\": ").append(in.returnInvoices())
        .append(", \"guest\": ").append(in.guestInvoices()).append(", \"skipped\": ").append(in.skippedInvoices())
        .append(", \"product_lines\": ").append(in.productLines()).append(", \"return_lines\": ")
        .append(in.returnLines()).append(", \"non_product_lines\": ").append(in.nonProductLines())
        .append(", \"guest_lines\": ").append(in.guestLines()).append(", \"units_returned\": ")
        .append(in.unitsReturned()).append(", \"units_returned_unmatched\": ").append(in.unitsReturnedUnmatched())
        .append(", \"customers_seen\": ").append(in.customersSeen()).append("}")
        .append(",\n  \"members\": ").append(lane.members())
        .append(",\n  \"orders_decided\": ").append(lane.ordersDecided())
        .append(",\n  \"returns_decided\": ").append(lane.returnsDecided())
        .append(",\n  \"events_rejected\": ").append(lane.eventsFailed())
        .append(",\n  \"points_issued\": ").append(lane.pointsIssued())
        .append(",\n  \"points_clawed_back\": ").append(lane.pointsClawedBack())
        .append(",\n  \"points_uncollected\": ").append(lane.pointsUncollected())
        .append(",\n  \"points_outstanding\": ").append(lane.pointsOutstanding())
        .append(",\n  \"liability\": \"").append(lane.liability().amount().toPlainString()).append('"')
        .append(",\n  \"tier_upgrades\": ").append(lane.upgrades())
        .append(",\n  \"tiers\": {");
    boolean first = true;
    for (Map.Entry<String, Long> e : lane.tierDistribution().entrySet()) {
      j.append(first ? "" : ", ").append(MiniJson.quote(e.getKey())).append(": ").append(e.getValue());
      first = false;
    }
    j.append("},\n  \"points_by_rule\": {");
    first = true;
    for (Map.Entry<String, Long> e : lane.pointsByRule().entrySet()) {
      j.append(first ? "" : ", ").append(MiniJson.quote(e.getKey())).append(": ").append(e.getValue());
      first = false;
    }
    j.append("},\n  \"problems\": {");
    first = true;
    for (Map.Entry<String, Long> e : result.problemCounts().entrySet()) {
      j.append(first ? "" : ", ").append(MiniJson.quote(e.getKey())).append(": ").append(e.getValue());
      first = false;
    }
    return j.append("}\n}\n").toString();
  }
}
