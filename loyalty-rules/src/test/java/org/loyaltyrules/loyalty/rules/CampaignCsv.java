package org.loyaltyrules.loyalty.rules;

import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;

/** Writes campaigns as {@code campaigns.csv} rows, the way a merchant's spreadsheet would, for round trips. */
final class CampaignCsv {
  static final String HEADER = "id,name,kind,multiplier,bonus,min_spend,level,dates,from,to,days_of_week,month_days,"
      + "skus,categories,channels,tiers,birthday_month,exclusive_group";
  private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MM-dd");

  private CampaignCsv() {}

  static String render(List<Campaign> campaigns) {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (Campaign c : campaigns) {
      String multiplier = "";
      String bonus = "";
      String level = "";
      String skus = "";
      String categories = "";
      String group = "";
      if (c instanceof Campaign.Multiplier m) {
        multiplier = m.factor().toPlainString();
        skus = list(m.skus());
        categories = list(m.categories());
        group = m.exclusiveGroup().orElse("");
      } else if (c instanceof Campaign.WelcomeBonus w) {
        bonus = Long.toString(w.points().value());
      } else if (c instanceof Campaign.FirstOrderBonus f) {
        bonus = Long.toString(f.points().value());
      } else if (c instanceof Campaign.ThresholdBonus t) {
        bonus = Long.toString(t.points().value());
      } else if (c instanceof Campaign.ReferralBonus r) {
        bonus = Long.toString(r.points().value());
        level = Integer.toString(r.level());
      }
      CampaignSchedule s = c.schedule();
      StringJoiner row = new StringJoiner(",");
      row.add(c.id()).add(quoted(c.name())).add(CampaignKind.of(c).name()).add(multiplier).add(bonus)
          .add(c.minSpend().map(Money::amount).map(a -> a.toPlainString()).orElse("")).add(level)
          .add(list(s.dates())).add(s.from().map(Object::toString).orElse("")).add(s.to().map(Object::toString).orElse(""))
          .add(list(s.daysOfWeek())).add(s.monthDays().stream().map(MONTH_DAY::format).collect(Collectors.joining(";")))
          .add(skus).add(categories).add(c.channels().stream().map(Channel::code).collect(Collectors.joining(";")))
          .add(list(c.tiers())).add(Boolean.toString(c.birthdayMonthOnly())).add(group);
      csv.append(row).append('\n');
    }
    return csv.toString();
  }

  private static String list(Collection<?> values) {
    return values.stream().map(Object::toString).collect(Collectors.joining(";"));
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\"", "\"\"") + "\"";
  }
}
