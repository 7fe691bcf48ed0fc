package org.loyaltyrules.loyalty.rules.files;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.loyaltyrules.loyalty.CampaignTarget;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.RfmClass;
import org.loyaltyrules.loyalty.TimeOfDayWindow;

/**
 * The {@code campaigns.csv} columns that target an audience: {@code tags}, {@code segments}, {@code
 * stores}, {@code payment_methods} (lists separated by {@code ;}) and {@code time_of_day} ({@code
 * HH:mm-HH:mm}, local time in the programme's zone, crossing midnight allowed). Every campaign type
 * reads them. Kept apart from {@link CampaignFile} so that file stays one screenful per concern.
 */
final class AudienceColumns {
  /** The column names, in the order the documentation lists them. */
  static final List<String> NAMES = List.of("tags", "segments", "stores", "payment_methods", "time_of_day");

  private AudienceColumns() {}

  /**
   * @param base the target the other columns give
   * @param list a column's list values
   * @param text a column's text
   * @param fail the problem for a column, with what was expected
   * @return the target with the audience conditions of the row
   */
  static CampaignTarget apply(CampaignTarget base, Function<String, List<String>> list, Function<String, String> text,
      BiFunction<String, String, RuntimeException> fail) {
    Set<RfmClass> segments = new LinkedHashSet<>();
    for (String s : list.apply("segments")) {
      try {
        segments.add(RfmClass.valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_')));
      } catch (IllegalArgumentException e) {
        throw fail.apply("segments", "RFM classes " + List.of(RfmClass.values()) + ", separated by ';'");
      }
    }
    Optional<TimeOfDayWindow> window = Optional.empty();
    if (!text.apply("time_of_day").isEmpty()) {
      try {
        window = Optional.of(TimeOfDayWindow.parse(text.apply("time_of_day")));
      } catch (LoyaltyException e) {
        throw fail.apply("time_of_day", "a local time window HH:mm-HH:mm such as 20:00-22:00 (from ≠ to)");
      }
    }
    CampaignTarget target;
    try {
      target = new CampaignTarget(base.schedule(), base.channels(), base.tiers(), base.birthdayMonthOnly(),
          new LinkedHashSet<>(list.apply("tags")), segments, Set.of(), Set.of(), window);
    } catch (LoyaltyException e) {
      // Each column is checked on its own, so a problem names the column it is in.
      throw fail.apply("tags", "member tags without control, format (zero-width, bidi) or line-separator "
          + "characters, separated by ';'");
    }
    try {
      target = target.atStores(new LinkedHashSet<>(list.apply("stores")));
    } catch (LoyaltyException e) {
      throw fail.apply("stores", "store codes: lower-case letters, digits and '-', starting with a letter, "
          + "separated by ';'");
    }
    try {
      return target.paidWith(new LinkedHashSet<>(list.apply("payment_methods")));
    } catch (LoyaltyException e) {
      throw fail.apply("payment_methods", "payment-method codes such as line-pay: lower-case letters, digits "
          + "and '-', starting with a letter, separated by ';'");
    }
  }
}
