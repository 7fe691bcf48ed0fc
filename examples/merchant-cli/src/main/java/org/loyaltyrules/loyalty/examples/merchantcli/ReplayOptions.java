package org.loyaltyrules.loyalty.examples.merchantcli;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.examples.merchantcli.input.InputFormat;
import org.loyaltyrules.loyalty.examples.merchantcli.input.MembersFile;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.InvoiceReplay;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;
import org.loyaltyrules.loyalty.rules.files.RuleFiles;
import org.loyaltyrules.loyalty.rules.replay.Replay;
import org.loyaltyrules.loyalty.rules.replay.ReviewSchedule;
import picocli.CommandLine.Option;

/** The input options {@code replay} and {@code simulate} share. */
final class ReplayOptions {
  @Option(names = "--orders", required = true, paramLabel = "FILE",
      description = "Orders to replay: CSV (Online Retail or generic layout) or JSON lines; .gz is read directly.")
  Path orders;

  @Option(names = "--members", paramLabel = "FILE",
      description = "Members known in advance (CSV: member_id,enrolled_at[,tier,birthday,referrer_id,tags]). "
          + "Others are enrolled in the entry tier at their first order.")
  Path members;

  @Option(names = "--format", paramLabel = "LAYOUT", defaultValue = "auto",
      description = "online-retail, generic, jsonl or auto (by extension and header). Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--on-error", paramLabel = "skip|fail", defaultValue = "skip",
      description = "A malformed row or a rejected event: skip it (reported with its line) or stop. "
          + "Default: ${DEFAULT-VALUE}.")
  String onError;

  @Option(names = "--currency", paramLabel = "CODE",
      description = "Currency of the prices and the programme. Default: GBP for online-retail, else TWD.")
  String currency;

  @Option(names = "--zone", paramLabel = "ZONE",
      description = "Time zone of local times and of the programme's calendar. "
          + "Default: Europe/London for online-retail, else Asia/Taipei.")
  String zone;

  @Option(names = "--tier-thresholds", paramLabel = "SILVER,GOLD",
      description = "Qualifying spend over 12 months for silver and gold. Default: 500,2000 for GBP; "
          + "10000,30000 for TWD.")
  String tierThresholds;

  @Option(names = "--review", paramLabel = "monthly|yearly|none",
      description = "Run tier reviews and expiry runs for every member at each month's or year's start (local time), "
          + "interleaved with the orders, as a running shop would; none decides the orders only. "
          + "Default: the programme's (monthly when it has tiers or expiring points).")
  String review;

  @Option(names = "--no-progress", description = "Do not show progress on standard error.")
  boolean noProgress;

  @Option(names = "--max-problems", paramLabel = "N", defaultValue = "10",
      description = "Problems listed on the console (all are counted, and written with --out). Default: ${DEFAULT-VALUE}.")
  int maxProblems;

  private InputFormat resolved;

  /** @return the orders file, checked to exist */
  Path ordersFile() {
    return existing(orders, "--orders");
  }

  static Path existing(Path file, String option) {
    if (!Files.exists(file)) {
      throw new CliException(CliException.USAGE, option + ": file not found: " + file);
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new CliException(CliException.USAGE, option + ": not a readable file: " + file);
    }
    return file;
  }

  InputFormat format() throws IOException {
    if (resolved == null) {
      if (format.equalsIgnoreCase("auto")) {
        resolved = InputFormat.detect(ordersFile());
      } else {
        try {
          resolved = InputFormat.of(format);
        } catch (IllegalArgumentException e) {
          throw new CliException(CliException.USAGE, "--format: " + e.getMessage() + " or auto");
        }
      }
    }
    return resolved;
  }

  Replay.OnError onError() {
    return switch (onError.toLowerCase(java.util.Locale.ROOT)) {
      case "skip" -> Replay.OnError.SKIP;
      case "fail" -> Replay.OnError.FAIL;
      default -> throw new CliException(CliException.USAGE, "--on-error [" + onError + "]; expected skip or fail");
    };
  }

  /**
   * @param programme the programme the replay decides under (the baseline's for simulate)
   * @return the schedule asked for with {@code --review}, else the programme's default
   * @throws CliException (exit 2) for a schedule the replay does not know
   */
  ReviewSchedule reviews(Programme programme) {
    if (review == null) {
      return ReviewSchedule.defaultFor(programme);
    }
    try {
      return ReviewSchedule.parse(review);
    } catch (InvalidValueException e) {
      throw new CliException(CliException.USAGE, "--review [" + review + "]; expected monthly, yearly or none");
    }
  }

  Currency currency() throws IOException {
    if (currency != null) {
      return CliProgrammes.currency(currency);
    }
    return Currency.getInstance(format() == InputFormat.ONLINE_RETAIL ? "GBP" : "TWD");
  }

  ZoneId zone() throws IOException {
    if (zone != null) {
      return CliProgrammes.zone(zone);
    }
    return ZoneId.of(format() == InputFormat.ONLINE_RETAIL ? "Europe/London" : "Asia/Taipei");
  }

  List<BigDecimal> thresholds() {
    return tierThresholds == null ? null : CliProgrammes.parseThresholds(tierThresholds);
  }

  /**
   * Loads a rule set under this input's programme: the files' campaigns.csv and tiers.csv, if any,
   * replace the programme's empty calendar and its tier ladder.
   *
   * @param spec {@code default} or a rules directory
   * @return the engine deciding with those rules
   * @throws CliException (exit 2) if the directory is missing, (exit 1) if it has no rule files
   * @throws org.loyaltyrules.loyalty.rules.RuleFileException if a file does not load
   * @throws IOException if a file cannot be read
   */
  LoyaltyRulesEngine engine(String spec) throws IOException {
    RuleFiles files = CliRules.files(spec);
    return files.load(CliProgrammes.of(currency(), zone(), thresholds(), List.of())).engine();
  }

  List<Member> members(Programme programme) throws IOException {
    if (members == null) {
      return List.of();
    }
    try (BufferedReader in = InputFormat.open(existing(members, "--members"), null)) {
      return MembersFile.read(in, programme.zone(), programme.tiers());
    }
  }

  InvoiceReplay.Progress progress(java.io.PrintWriter err) {
    return noProgress ? InvoiceReplay.Progress.NONE : new ProgressBar(err, ProgressBar.isTerminal());
  }
}
