package org.loyaltyrules.loyalty.rules.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Tier;

/**
 * The reason texts of order entries and tier changes: what a merchant reads on a statement, in
 * one place so the wording stays consistent. Every text is built from values, never parsed back.
 * Immutable and thread-safe.
 */
final class Explanations {
  private final Programme programme;

  Explanations(Programme programme) {
    this.programme = programme;
  }

  /** A base rate as the rule gave it: {@code 1 point(s) per TWD 10}. */
  String rate(BigDecimal points, BigDecimal perAmount) {
    return points.stripTrailingZeros().toPlainString() + " point(s) per " + programme.currency() + " "
        + perAmount.toPlainString();
  }

  /** The head of a base entry's reason, before its total: earning base × rates (tier) = exact →. */
  String basePrefix(BigDecimal earning, Collection<String> rates, Tier tier, BigDecimal exact) {
    return Money.of(earning.setScale(programme.currency().getDefaultFractionDigits(), RoundingMode.UNNECESSARY),
        programme.currency()) + " earning base × " + String.join(", ", rates) + " (" + tier.code() + " tier) = "
        + plain(exact) + " → ";
  }

  /** The reason of a base entry when no earning rule matched any line. */
  String noEarningRule() {
    return "no earning rule matched; qualifying spend recorded";
  }

  /** What follows a base entry's total. */
  String baseSuffix() {
    return " points (" + rounding() + ")";
  }

  /** The lines the rules excluded, by line id, each with its reason and rule. */
  String excluded(Map<String, String> exclusions) {
    return "; excluded: " + exclusions;
  }

  /** The head of a campaign entry's reason: {@code "name" ×2 on 3 lines: extra 12.5 →}. */
  String campaignPrefix(String name, BigDecimal factor, int lines, BigDecimal exact) {
    return "\"" + name + "\" ×" + factor.toPlainString() + " on " + lines + (lines == 1 ? " line" : " lines")
        + ": extra " + plain(exact) + " → ";
  }

  /** What follows a campaign entry's total. */
  String campaignSuffix() {
    return " points (" + programme.stackingPolicy().name().toLowerCase(Locale.ROOT) + " stacking, " + rounding() + ")";
  }

  /** The head of a bonus entry's reason. */
  String bonusPrefix(String reason) {
    return "\"" + reason + "\": ";
  }

  /** What follows a bonus entry's total. */
  String bonusSuffix() {
    return " bonus points";
  }

  /** A per-order cap's limit. */
  String orderCapLimit(long maxPoints) {
    return "at most " + maxPoints + " points per order";
  }

  /** A daily cap's limit, with what the day's other orders already earned. */
  String dailyCapLimit(long maxPoints, long earnedToday, java.time.LocalDate date) {
    return "at most " + maxPoints + " points per day; " + earnedToday + " already earned on " + date;
  }

  /** What a cap took from an entry. */
  String cut(long take, String reason, String rule, String limit) {
    return "; cut by " + take + " to respect \"" + reason + "\" (" + rule + ": " + limit + ")";
  }

  /** A referral bonus credited to an upline. */
  String referralBonus(int level, long points, String refereeId, String orderId) {
    return "referral bonus, level " + level + ": " + points + " points for member " + refereeId
        + "'s first qualifying order " + orderId;
  }

  /** A welcome bonus. */
  String welcomeBonus(String reason, long points) {
    return "\"" + reason + "\": " + points + " welcome points";
  }

  /** An upgrade an order's spend reached. */
  String upgrade(BigDecimal spendInWindow, Tier from, Tier to) {
    return "qualifying spend " + Money.of(spendInWindow, programme.currency()) + " over " + to.window() + " reaches "
        + to.code() + "'s " + to.threshold() + "; this order earned at the " + from.code() + " rate, the next earns at the "
        + to.code() + " rate";
  }

  /** A downgrade at a tier review. */
  String downgrade(BigDecimal spendInWindow, Tier from, Tier to) {
    return "qualifying spend " + Money.of(spendInWindow, programme.currency()) + " over " + from.window() + " is below "
        + from.code() + "'s " + from.threshold() + "; "
        + programme.downgradePolicy().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " downgrade to " + to.code()
        + (programme.downgradeGrace().isZero() ? "" : ", effective after a grace period of " + programme.downgradeGrace());
  }

  private String rounding() {
    return "rounded " + programme.rounding().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " "
        + (programme.roundingScope() == Programme.RoundingScope.PER_LINE ? "per line" : "per order");
  }

  /** An exact value cut to 4 decimals for reading, without trailing zeros. */
  static String plain(BigDecimal exact) {
    BigDecimal shown = exact.setScale(4, RoundingMode.DOWN).stripTrailingZeros();
    return (shown.scale() < 0 ? shown.setScale(0) : shown).toPlainString();
  }
}
