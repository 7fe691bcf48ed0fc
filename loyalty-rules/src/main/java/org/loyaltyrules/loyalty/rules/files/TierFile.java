package org.loyaltyrules.loyalty.rules.files;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import java.time.Period;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Tier;
import org.loyaltyrules.loyalty.TierLadder;
import org.loyaltyrules.loyalty.rules.RuleFileException;
import org.loyaltyrules.loyalty.rules.RuleFileProblem;

/**
 * Reads the tier ladder a merchant edits ({@code tiers.csv} beside the rule files): one tier per
 * row, lowest first, with its code, the qualifying spend that reaches it and the window in months
 * over which that spend is counted.
 *
 * <pre>
 * code,threshold,window_months
 * member,0,12
 * silver,10000,12
 * gold,30000,12
 * </pre>
 *
 * <p>The first tier's threshold is 0 and each next threshold must be higher than the one before;
 * a ladder that does not climb is rejected with the row and column of the first threshold that does
 * not, since no member could be placed on it unambiguously. Lines starting with {@code #} are
 * comments.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class TierFile {
  /** The conventional file name in a rules directory. */
  public static final String FILE_NAME = "tiers.csv";

  private static final List<String> COLUMNS = List.of("code", "threshold", "window_months");

  private TierFile() {}

  /**
   * Parses a tier file.
   *
   * @param fileName the file name, for problem reports
   * @param text the file's text
   * @param currency the programme currency of the thresholds
   * @return the ladder
   * @throws RuleFileException listing every problem found
   */
  public static TierLadder parse(String fileName, String text, Currency currency) {
    Checks.present("rule file", "fileName", fileName);
    Checks.present("rule file " + fileName, "currency", currency);
    List<RuleFileProblem> problems = new ArrayList<>();
    List<Tier> tiers = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    String[] lines = Checks.present("rule file " + fileName, "text", text).split("\r?\n", -1);
    boolean header = false;
    // Rows after the header, valid or not: only the first row is the entry tier, even when it is
    // rejected, so a mistyped entry row does not make the next row look like a non-zero entry tier.
    int rows = 0;
    for (int l = 0; l < lines.length; l++) {
      String line = lines[l];
      int lineNo = l + 1;
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      String[] fields = line.split(",", -1);
      int[] columns = new int[fields.length];
      for (int i = 1; i < fields.length; i++) {
        columns[i] = columns[i - 1] + fields[i - 1].length() + 1;
      }
      if (!header) {
        List<String> names = new ArrayList<>();
        for (String field : fields) {
          names.add(field.strip().toLowerCase(Locale.ROOT));
        }
        if (!names.equals(COLUMNS)) {
          problems.add(error(fileName, lineNo, 1, "", "header " + names + "; expected exactly " + String.join(",", COLUMNS)));
          break;
        }
        header = true;
        continue;
      }
      rows++;
      if (fields.length != COLUMNS.size()) {
        problems.add(error(fileName, lineNo, 1, "", "row has " + fields.length + " fields; expected " + COLUMNS.size()));
        continue;
      }
      String code = fields[0].strip();
      BigDecimal threshold;
      int months;
      try {
        threshold = new BigDecimal(fields[1].strip());
      } catch (NumberFormatException e) {
        problems.add(error(fileName, lineNo, columns[1] + 1, code, "threshold [" + fields[1].strip()
            + "]; expected an amount such as 10000 or 9999.50"));
        continue;
      }
      try {
        months = Integer.parseInt(fields[2].strip());
      } catch (NumberFormatException e) {
        months = -1;
      }
      if (months < 1 || months > 120) {
        problems.add(error(fileName, lineNo, columns[2] + 1, code, "window_months [" + fields[2].strip()
            + "]; expected a whole number of months from 1 to 120"));
        continue;
      }
      try {
        Tier tier = Tier.of(code, tiers.size(), Money.of(threshold, currency), Period.ofMonths(months));
        if (rows == 1 && !tier.threshold().isZero()) {
          problems.add(error(fileName, lineNo, columns[1] + 1, code, "threshold [" + threshold
              + "] of the first tier; expected 0 (every member starts on the first tier)"));
          continue;
        }
        if (!tiers.isEmpty() && !tier.threshold().isGreaterThan(tiers.get(tiers.size() - 1).threshold())) {
          Tier lower = tiers.get(tiers.size() - 1);
          problems.add(error(fileName, lineNo, columns[1] + 1, code, "threshold [" + threshold + "] of tier [" + code
              + "] does not climb; expected more than " + lower.code() + "'s " + lower.threshold().amount()));
          continue;
        }
        if (codes.contains(code)) {
          problems.add(error(fileName, lineNo, 1, code, "tier code [" + code + "] is used by an earlier row"));
          continue;
        }
        tiers.add(tier);
        codes.add(code);
      } catch (LoyaltyException e) {
        problems.add(error(fileName, lineNo, 1, code, e.getMessage()));
      }
    }
    if (problems.isEmpty() && tiers.isEmpty()) {
      problems.add(error(fileName, 1, 1, "", header ? "no tiers; expected at least one row" : "no header line; expected "
          + String.join(",", COLUMNS)));
    }
    if (!problems.isEmpty()) {
      throw new RuleFileException(problems);
    }
    return new TierLadder(tiers);
  }

  private static RuleFileProblem error(String file, int line, int column, String rule, String message) {
    return new RuleFileProblem(file, line, column, rule, "tier-data", message, RuleFileProblem.Severity.ERROR);
  }
}
