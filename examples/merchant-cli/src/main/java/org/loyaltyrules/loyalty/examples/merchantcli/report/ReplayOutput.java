package org.loyaltyrules.loyalty.examples.merchantcli.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
import java.util.regex.Pattern;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.Money;
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

  /** Writes the JSON files: Jackson escapes every string, so a reason or id cannot break a record. */
  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final Pattern SIGNED_NUMBER = Pattern.compile("[+-][0-9]{1,40}(\\.[0-9]{1,20})?");

  private ReplayOutput() {}

  /** A generator for a JSON-lines file: one value per line, the file left open for the caller to close. */
  private static JsonGenerator jsonLines(Writer out) throws IOException {
    JsonGenerator g = JSON.createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.setRootValueSeparator(null);
    return g;
  }

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
    try (Writer csv = writer(statementsCsv); Writer jsonl = writer(statementsJsonl); JsonGenerator j = jsonLines(jsonl)) {
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
        j.writeStartObject();
        j.writeStringField("member_id", a.member().id());
        j.writeStringField("tier", a.member().tierCode());
        j.writeStringField("enrolled_at", a.member().enrolledAt().toString());
        if (!referrer.isEmpty()) {
          j.writeStringField("referrer_id", referrer);
        }
        j.writeNumberField("orders", a.orders());
        j.writeNumberField("returns", a.returns());
        j.writeNumberField("points_earned", a.earned());
        j.writeNumberField("points_clawed_back", a.clawedBack());
        j.writeNumberField("balance", balance);
        j.writeStringField("balance_value", cash);
        j.writeStringField("currency", value.currency().getCurrencyCode());
        j.writeNumberField("entries", a.ledger().size());
        j.writeEndObject();
        j.writeRaw('\n');
      }
    }
    written.add(statementsCsv);
    written.add(statementsJsonl);

    Path ledgerCsv = dir.resolve("ledger.csv");
    Path ledgerJsonl = dir.resolve("ledger.jsonl");
    try (Writer csv = writer(ledgerCsv); Writer jsonl = writer(ledgerJsonl); JsonGenerator j = jsonLines(jsonl)) {
      csv.write("member_id,seq,key,kind,occurred_at,local_date,points,rule,source_event,rule_base_version,reason\n");
      for (MemberAccount a : accounts) {
        int seq = 0;
        for (LedgerEntry e : a.ledger().entries()) {
          seq++;
          String localDate = e.occurredAt().atZone(zone).toLocalDate().toString();
          csv.write(row(e.memberId(), Integer.toString(seq), e.key(), e.kind(), e.occurredAt().toString(), localDate,
              Long.toString(e.points().value()), e.provenance().rule(), e.provenance().sourceEventId(),
              e.provenance().ruleBaseVersion(), e.provenance().reason()));
          j.writeStartObject();
          j.writeStringField("member_id", e.memberId());
          j.writeNumberField("seq", seq);
          j.writeStringField("key", e.key());
          j.writeStringField("kind", e.kind());
          j.writeStringField("occurred_at", e.occurredAt().toString());
          j.writeStringField("local_date", localDate);
          j.writeNumberField("points", e.points().value());
          j.writeStringField("rule", e.provenance().rule());
          j.writeStringField("source_event", e.provenance().sourceEventId());
          j.writeStringField("rule_base_version", e.provenance().ruleBaseVersion());
          j.writeStringField("reason", e.provenance().reason());
          j.writeEndObject();
          j.writeRaw('\n');
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
   * @return one CSV row (RFC 4180 quoting), ending in a newline; a text a spreadsheet would run as a
   *     formula starts with an apostrophe
   */
  public static String row(String... fields) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        s.append(',');
      }
      String f = asText(fields[i]);
      if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
        s.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        s.append(f);
      }
    }
    return s.append('\n').toString();
  }

  /**
   * Member ids, reasons and problems quote hostile input; a cell starting with {@code = + - @}, a tab
   * or a carriage return is run as a formula by spreadsheets (CSV injection), so it gets an apostrophe
   * in front. A signed number ({@code -300}) is left alone: it is a value, not a formula.
   */
  private static String asText(String field) {
    if (field.isEmpty() || "=+-@\t\r".indexOf(field.charAt(0)) < 0 || SIGNED_NUMBER.matcher(field).matches()) {
      return field;
    }
    return "'" + field;
  }

  /**
   * @param result a replay's result
   * @return its figures as one JSON object
   */
  public static String summaryJson(InvoiceReplayResult result) {
    InputStats in = result.input();
    Lane lane = result.lane();
    StringWriter out = new StringWriter();
    try (JsonGenerator j = JSON.createGenerator(out).useDefaultPrettyPrinter()) {
      j.writeStartObject();
      j.writeStringField("source", result.source());
      j.writeStringField("rule_base_version", lane.version());
      j.writeStringField("currency", lane.programme().currency().getCurrencyCode());
      j.writeStringField("zone", lane.programme().zone().getId());
      j.writeNumberField("elapsed_ms", result.elapsedNanos() / 1_000_000);
      j.writeObjectFieldStart("input");
      j.writeNumberField("lines", in.lines());
      j.writeNumberField("rows", in.rows());
      j.writeNumberField("malformed_rows", in.malformedRows());
      j.writeNumberField("invoices", in.invoices());
      j.writeNumberField("paid", in.paidInvoices());
      j.writeNumberField("returns", in.returnInvoices());
      j.writeNumberField("guest", in.guestInvoices());
      j.writeNumberField("skipped", in.skippedInvoices());
      j.writeNumberField("product_lines", in.productLines());
      j.writeNumberField("return_lines", in.returnLines());
      j.writeNumberField("non_product_lines", in.nonProductLines());
      j.writeNumberField("guest_lines", in.guestLines());
      j.writeNumberField("units_returned", in.unitsReturned());
      j.writeNumberField("units_returned_unmatched", in.unitsReturnedUnmatched());
      j.writeNumberField("customers_seen", in.customersSeen());
      j.writeEndObject();
      j.writeNumberField("members", lane.members());
      j.writeNumberField("orders_decided", lane.ordersDecided());
      j.writeNumberField("returns_decided", lane.returnsDecided());
      j.writeNumberField("events_rejected", lane.eventsFailed());
      j.writeNumberField("points_issued", lane.pointsIssued());
      j.writeNumberField("points_clawed_back", lane.pointsClawedBack());
      j.writeNumberField("points_uncollected", lane.pointsUncollected());
      j.writeNumberField("points_outstanding", lane.pointsOutstanding());
      j.writeStringField("liability", lane.liability().amount().toPlainString());
      j.writeNumberField("tier_upgrades", lane.upgrades());
      j.writeObjectFieldStart("schedule");
      j.writeStringField("reviews", lane.reviews().id());
      j.writeNumberField("tier_reviews", lane.reviewsRun());
      j.writeNumberField("tier_downgrades", lane.downgrades());
      j.writeNumberField("expiry_runs", lane.expiryRuns());
      j.writeNumberField("points_expired", lane.pointsExpired());
      j.writeEndObject();
      counts(j, "tiers", lane.tierDistribution());
      counts(j, "points_by_rule", lane.pointsByRule());
      counts(j, "problems", result.problemCounts());
      j.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string", e); // a StringWriter does not fail
    }
    return out + "\n";
  }

  private static void counts(JsonGenerator j, String name, Map<String, Long> counts) throws IOException {
    j.writeObjectFieldStart(name);
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      j.writeNumberField(e.getKey(), e.getValue());
    }
    j.writeEndObject();
  }
}
