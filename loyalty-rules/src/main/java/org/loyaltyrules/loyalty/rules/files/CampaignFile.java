// Longer than 400 lines because the campaign file's one reader keeps every campaign kind's columns and
// checks in one place, so the documented format and the parser cannot drift apart.
package org.loyaltyrules.loyalty.rules.files;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.CampaignTarget;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.internal.Checks;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;
import org.loyaltyrules.loyalty.rules.RuleFileException;
import org.loyaltyrules.loyalty.rules.RuleFileProblem;

// Longer than 400 lines because it is the one reader of campaigns.csv: header, quoting, each campaign
// type's columns and the problem reports with positions stay together (event-bonus columns are apart).
/**
 * Reads the campaign calendar a merchant edits as a spreadsheet-friendly CSV file (conventionally
 * {@code campaigns.csv} beside the rule files). The first non-comment line is the header; columns
 * may come in any order and only {@code id}, {@code name} and {@code kind} are required. The
 * {@code kind} is the campaign type ({@link CampaignKind}), and each type reads only its own columns
 * (a value in another type's column is an error at that column):
 *
 * <ul>
 *   <li>{@code MULTIPLIER}: {@code multiplier}, optional {@code skus}, {@code categories}, {@code
 *       min_spend}, {@code exclusive_group};
 *   <li>{@code WELCOME_BONUS}: {@code bonus};
 *   <li>{@code FIRST_ORDER_BONUS}: {@code bonus}, optional {@code min_spend};
 *   <li>{@code THRESHOLD_BONUS}: {@code bonus}, {@code min_spend};
 *   <li>{@code REFERRAL_BONUS}: {@code level}, {@code bonus}, {@code min_spend};
 *   <li>{@code EVENT_BONUS}: {@code event_type}, {@code bonus}, optional limits {@code
 *       per_member_per_day}, {@code per_week}, {@code per_month}, {@code lifetime} (awards per member;
 *       local periods in the programme's zone, weeks ISO from Monday) and budgets {@code budget_total},
 *       {@code budget_per_member} (points);
 *   <li>{@code BIRTHDAY_BONUS}, {@code ANNIVERSARY_BONUS}: {@code bonus} (paid on a day-started event in
 *       the birthday month, once per birthday year; in the enrolment-anniversary month, once per anniversary);
 *   <li>{@code THRESHOLD_GIFT}: {@code reward}, optional {@code quantity} (default 1), {@code min_spend};
 *   <li>{@code BIRTHDAY_GIFT}: {@code reward}, optional {@code quantity} (default 1).
 * </ul>
 *
 * <p>Every type takes the schedule ({@code dates}, {@code from}, {@code to}, {@code days_of_week},
 * {@code month_days}) and the conditions {@code channels}, {@code tiers}, {@code birthday_month}, {@code
 * tags}, {@code segments}, {@code stores}, {@code payment_methods} and {@code time_of_day} ({@code
 * 20:00-22:00}, local, crossing midnight allowed); see {@link CampaignTarget}.
 *
 * <pre>
 * id,name,kind,multiplier,bonus,min_spend,level,dates,from,to,days_of_week,month_days,skus,categories,channels,tiers,birthday_month,exclusive_group
 * double-1111,Double points on 11/11,MULTIPLIER,2,,,,,,,,11-11,,,,,,
 * tuesday-tea,Triple points on tea every Tuesday,MULTIPLIER,3,,,,,2026-01-01,2026-12-31,TUESDAY,,,tea,,,,
 * spend-1499,NT$300 bonus from NT$1499,THRESHOLD_BONUS,,300,1499,,,,,,,,,,,,
 * referral-1,Referral: direct referrer,REFERRAL_BONUS,,300,500,1,,,,,,,,,,,
 * </pre>
 *
 * <p>Lists (dates, weekdays, month-days, SKUs, categories, channels, tiers) are separated by
 * {@code ;}. Dates are ISO ({@code 2026-11-11}), month-days {@code MM-DD}, weekdays English names.
 * Fields containing commas are double-quoted (RFC 4180). Lines starting with {@code #} are comments.
 * Every problem is reported with file, line and column; one bad row rejects the file.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CampaignFile {
  /** The conventional file name in a rules directory. */
  public static final String FILE_NAME = "campaigns.csv";

  private static final List<String> COLUMNS = EventBonusColumns.append(Stream.concat(Stream.of("id", "name", "kind",
      "multiplier", "bonus", "min_spend", "level", "dates", "from", "to", "days_of_week", "month_days", "skus",
      "categories", "channels", "tiers", "birthday_month", "exclusive_group", "reward", "quantity"),
      AudienceColumns.NAMES.stream()).toList());
  /** The columns that only some campaign types read. */
  private static final List<String> TYPE_COLUMNS = EventBonusColumns.append(List.of("multiplier", "bonus",
      "min_spend", "level", "skus", "categories", "exclusive_group", "reward", "quantity"));

  private CampaignFile() {}

  /**
   * Parses a campaign file.
   *
   * @param fileName the file name, for problem reports
   * @param text the file's text
   * @param currency the programme currency (for {@code min_spend})
   * @return the campaigns, in file order
   * @throws RuleFileException listing every problem found
   */
  public static List<Campaign> parse(String fileName, String text, Currency currency) {
    Checks.present("rule file " + fileName, "currency", currency);
    List<RuleFileProblem> problems = new ArrayList<>();
    List<Campaign> campaigns = new ArrayList<>();
    String[] lines = Checks.present("rule file " + fileName, "text", text).split("\r?\n", -1);
    Map<String, Integer> header = null;
    List<Integer> headerColumns = null;
    Set<String> ids = new LinkedHashSet<>();
    for (int l = 0; l < lines.length; l++) {
      String line = lines[l];
      int lineNo = l + 1;
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      List<Field> fields;
      try {
        fields = split(line);
      } catch (IllegalArgumentException e) {
        problems.add(error(fileName, lineNo, Integer.parseInt(e.getMessage()), "", "unterminated quoted field"));
        continue;
      }
      if (header == null) {
        header = new HashMap<>();
        headerColumns = new ArrayList<>();
        for (Field f : fields) {
          String name = f.text.strip().toLowerCase(Locale.ROOT);
          if (!COLUMNS.contains(name)) {
            problems.add(error(fileName, lineNo, f.column, "", "unknown column [" + f.text + "]; expected one of " + COLUMNS));
          } else if (header.put(name, header.size()) != null) {
            problems.add(error(fileName, lineNo, f.column, "", "column [" + name + "] appears twice"));
          }
          headerColumns.add(f.column);
        }
        for (String required : List.of("id", "name", "kind")) {
          if (!header.containsKey(required)) {
            problems.add(error(fileName, lineNo, 1, "", "missing column [" + required + "]"));
          }
        }
        if (!problems.isEmpty()) {
          break;
        }
        continue;
      }
      if (fields.size() != header.size()) {
        problems.add(error(fileName, lineNo, 1, "", "row has " + fields.size() + " fields; expected " + header.size()
            + " as in the header"));
        continue;
      }
      Row row = new Row(fileName, lineNo, fields, header);
      try {
        Campaign campaign = row.campaign(currency);
        if (!ids.add(campaign.id())) {
          problems.add(error(fileName, lineNo, row.column("id"), campaign.id(), "campaign id [" + campaign.id()
              + "] is used by an earlier row; expected unique ids"));
        } else {
          campaigns.add(campaign);
        }
      } catch (RowException e) {
        problems.add(e.problem);
      } catch (LoyaltyException e) {
        problems.add(error(fileName, lineNo, 1, row.text("id"), e.getMessage()));
      }
    }
    if (header == null && problems.isEmpty()) {
      problems.add(error(fileName, 1, 1, "", "no header line; expected columns such as id,name,kind"));
    }
    if (!problems.isEmpty()) {
      throw new RuleFileException(problems);
    }
    return campaigns;
  }

  /**
   * Likely mistakes in a calendar that still loads: campaigns whose dates can never match, and
   * whole-order multipliers active on the same date that will stack (the programme's stacking
   * policy applies; put them in one exclusive group if only the best should count).
   *
   * @param fileName the file name, for reports
   * @param campaigns the campaigns
   * @return warnings, possibly none
   */
  public static List<RuleFileProblem> warnings(String fileName, List<Campaign> campaigns) {
    Checks.present("campaign warnings", "fileName", fileName);
    Checks.elements("campaign warnings", "campaigns", campaigns);
    List<RuleFileProblem> warnings = new ArrayList<>();
    Map<LocalDate, List<Campaign>> wholeOrderByDate = new HashMap<>();
    for (Campaign campaign : campaigns) {
      if (!campaign.schedule().canEverMatch()) {
        warnings.add(new RuleFileProblem(fileName, 0, 0, campaign.id(), "campaign-never-runs",
            "campaign [" + campaign.id() + "] has no date its schedule matches; expected at least one active day",
            RuleFileProblem.Severity.WARNING));
      }
      if (campaign instanceof Campaign.Multiplier m && m.targetsAllLines() && m.exclusiveGroup().isEmpty()) {
        for (LocalDate date : campaign.schedule().dates()) {
          wholeOrderByDate.computeIfAbsent(date, d -> new ArrayList<>()).add(campaign);
        }
      }
    }
    wholeOrderByDate.entrySet().stream()
        .filter(e -> e.getValue().size() > 1)
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> warnings.add(new RuleFileProblem(fileName, 0, 0, e.getValue().get(0).id(), "campaigns-overlap",
            "whole-order multipliers " + e.getValue().stream().map(Campaign::id).toList() + " overlap on " + e.getKey()
                + " and stack by the programme's stacking policy; put them in one exclusive_group if only the best should count",
            RuleFileProblem.Severity.WARNING)));
    return warnings;
  }

  private static RuleFileProblem error(String file, int line, int column, String rule, String message) {
    return new RuleFileProblem(file, line, column, rule, "campaign-data", message, RuleFileProblem.Severity.ERROR);
  }

  private record Field(String text, int column) {}

  /** Splits one CSV line, RFC 4180 quoting; columns are 1-based positions of each field's start. */
  private static List<Field> split(String line) {
    List<Field> fields = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int start = 1;
    boolean quoted = false;
    boolean inQuotes = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (inQuotes) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          current.append('"');
          i++;
        } else if (c == '"') {
          inQuotes = false;
        } else {
          current.append(c);
        }
      } else if (c == ',') {
        fields.add(new Field(quoted ? current.toString() : current.toString().strip(), start));
        current.setLength(0);
        start = i + 2;
        quoted = false;
      } else if (c == '"' && current.toString().isBlank()) {
        inQuotes = true;
        quoted = true;
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    if (inQuotes) {
      throw new IllegalArgumentException(Integer.toString(start));
    }
    fields.add(new Field(quoted ? current.toString() : current.toString().strip(), start));
    return fields;
  }

  private static final class RowException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient RuleFileProblem problem;

    RowException(RuleFileProblem problem) {
      super(problem.message(), null, false, false);
      this.problem = problem;
    }
  }

  private static final class Row {
    private final String file;
    private final int line;
    private final List<Field> fields;
    private final Map<String, Integer> header;

    Row(String file, int line, List<Field> fields, Map<String, Integer> header) {
      this.file = file;
      this.line = line;
      this.fields = fields;
      this.header = header;
    }

    String text(String column) {
      Integer i = header.get(column);
      return i == null ? "" : fields.get(i).text;
    }

    int column(String column) {
      Integer i = header.get(column);
      return i == null ? 1 : fields.get(i).column;
    }

    RowException fail(String column, String message) {
      return new RowException(error(file, line, column(column), text("id"), column + " [" + text(column) + "]; expected " + message));
    }

    List<String> list(String column) {
      List<String> values = new ArrayList<>();
      for (String part : text(column).split(";")) {
        if (!part.isBlank()) {
          values.add(part.strip());
        }
      }
      return values;
    }

    Campaign campaign(Currency currency) {
      CampaignKind kind;
      try {
        kind = CampaignKind.valueOf(text("kind").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw fail("kind", "one of " + List.of(CampaignKind.values()));
      }
      // Each type reads only its own columns; a value in another's column is a mistake, shown where it is.
      Set<String> used = switch (kind) {
        case MULTIPLIER -> Set.of("multiplier", "min_spend", "skus", "categories", "exclusive_group");
        case WELCOME_BONUS -> Set.of("bonus");
        case FIRST_ORDER_BONUS, THRESHOLD_BONUS -> Set.of("bonus", "min_spend");
        case REFERRAL_BONUS -> Set.of("bonus", "min_spend", "level");
        case BIRTHDAY_BONUS, ANNIVERSARY_BONUS -> Set.of("bonus");
        case THRESHOLD_GIFT -> Set.of("reward", "quantity", "min_spend");
        case BIRTHDAY_GIFT -> Set.of("reward", "quantity");
        case EVENT_BONUS -> EventBonusColumns.USED;
      };
      for (String column : TYPE_COLUMNS) {
        if (!used.contains(column) && !text(column).isEmpty()) {
          throw fail(column, "empty for a " + kind + " campaign");
        }
      }
      Optional<Money> minSpend = Optional.empty();
      if (!text("min_spend").isEmpty()) {
        try {
          minSpend = Optional.of(Money.of(new BigDecimal(text("min_spend")), currency));
        } catch (NumberFormatException e) {
          throw fail("min_spend", "an amount such as 1499");
        } catch (LoyaltyException e) {
          throw fail("min_spend", "an amount with at most " + currency.getDefaultFractionDigits() + " decimals");
        }
      }
      CampaignTarget target = target();
      String id = text("id");
      String name = text("name");
      switch (kind) {
        case MULTIPLIER:
          BigDecimal factor;
          try {
            factor = new BigDecimal(text("multiplier"));
          } catch (NumberFormatException e) {
            throw fail("multiplier", "a decimal number such as 2 or 1.5");
          }
          return new Campaign.Multiplier(id, name, factor, new LinkedHashSet<>(list("skus")),
              new LinkedHashSet<>(list("categories")), minSpend,
              text("exclusive_group").isEmpty() ? Optional.empty() : Optional.of(text("exclusive_group")), target);
        case WELCOME_BONUS:
          return new Campaign.WelcomeBonus(id, name, bonus(), target);
        case FIRST_ORDER_BONUS:
          return new Campaign.FirstOrderBonus(id, name, bonus(), minSpend, target);
        case THRESHOLD_BONUS:
          return new Campaign.ThresholdBonus(id, name, bonus(), minSpend.orElseThrow(() -> fail("min_spend",
              "the order amount that earns the bonus, such as 1499")), target);
        case BIRTHDAY_BONUS:
          return new Campaign.BirthdayBonus(id, name, bonus(), target);
        case ANNIVERSARY_BONUS:
          return new Campaign.AnniversaryBonus(id, name, bonus(), target);
        case THRESHOLD_GIFT:
          return new Campaign.ThresholdGift(id, name, text("reward"), quantity(), minSpend.orElseThrow(() -> fail(
              "min_spend", "the order amount that earns the gift, such as 1499")), target);
        case BIRTHDAY_GIFT:
          return new Campaign.BirthdayGift(id, name, text("reward"), quantity(), target);
        case EVENT_BONUS:
          return EventBonusColumns.campaign(id, name, bonus(), target, this::text, this::fail);
        default:
          int level;
          try {
            level = Integer.parseInt(text("level"));
          } catch (NumberFormatException e) {
            throw fail("level", "1 for the direct referrer, 2 for the next one up, … (up to "
                + Campaign.ReferralBonus.MAX_LEVEL + ")");
          }
          return new Campaign.ReferralBonus(id, name, level, bonus(), minSpend.orElseThrow(() -> fail("min_spend",
              "the referred member's order amount that pays the bonus, such as 500")), target);
      }
    }

    private Points bonus() {
      try {
        return Points.of(Long.parseLong(text("bonus")));
      } catch (NumberFormatException e) {
        throw fail("bonus", "a whole number of points");
      }
    }

    private int quantity() {
      if (text("quantity").isEmpty()) {
        return 1;
      }
      try {
        return Integer.parseInt(text("quantity"));
      } catch (NumberFormatException e) {
        throw fail("quantity", "a whole number of units, 1 to " + LedgerEntry.RewardGranted.MAX_QUANTITY);
      }
    }

    private CampaignTarget target() {
      Set<LocalDate> dates = new LinkedHashSet<>(list("dates").stream().map(d -> date("dates", d)).toList());
      Optional<LocalDate> from = text("from").isEmpty() ? Optional.empty() : Optional.of(date("from", text("from")));
      Optional<LocalDate> to = text("to").isEmpty() ? Optional.empty() : Optional.of(date("to", text("to")));
      Set<DayOfWeek> days = new LinkedHashSet<>();
      for (String d : list("days_of_week")) {
        try {
          days.add(DayOfWeek.valueOf(d.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw fail("days_of_week", "English weekday names such as TUESDAY, separated by ';'");
        }
      }
      Set<MonthDay> monthDays = new LinkedHashSet<>();
      for (String d : list("month_days")) {
        try {
          monthDays.add(MonthDay.parse("--" + d));
        } catch (DateTimeParseException e) {
          throw fail("month_days", "month-days as MM-DD such as 11-11, separated by ';'");
        }
      }
      Set<Channel> channels = new LinkedHashSet<>(list("channels").stream().map(Channel::of).toList());
      String birthday = text("birthday_month").toLowerCase(Locale.ROOT);
      if (!List.of("", "true", "false", "yes", "no").contains(birthday)) {
        throw fail("birthday_month", "true or false");
      }
      CampaignTarget target = new CampaignTarget(new CampaignSchedule(from, to, dates, days, monthDays), channels,
          new LinkedHashSet<>(list("tiers")), birthday.equals("true") || birthday.equals("yes"));
      return AudienceColumns.apply(target, this::list, this::text, this::fail);
    }

    private LocalDate date(String column, String value) {
      try {
        return LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        throw fail(column, "an ISO date such as 2026-11-11");
      }
    }
  }
}
