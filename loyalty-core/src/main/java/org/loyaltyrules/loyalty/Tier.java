package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Period;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * A membership tier: a member qualifies for it when their qualifying spend over the {@code window}
 * ending at the moment of evaluation reaches {@code threshold}.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param code a stable identifier such as {@code gold}
 * @param rank the tier's position in the ladder, 0 for the entry tier, higher is better
 * @param threshold the qualifying spend needed; zero for the entry tier
 * @param window how far back qualifying spend counts, e.g. {@code P12M}; positive, at most 100 years
 *     and 36,600 days (so the window's start is always a date {@code java.time} can compute)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Tier(String code, int rank, Money threshold, Period window) {

  private static final String SUBJECT = "tier";

  /**
   * Validates every component.
   *
   * @param code a stable identifier such as {@code gold}
   * @param rank the tier's position in the ladder, 0 for the entry tier, higher is better
   * @param threshold the qualifying spend needed; zero for the entry tier
   * @param window how far back qualifying spend counts, e.g. {@code P12M}; positive, at most 100 years and
   *     36,600 days (so the window's start is always a date {@code java.time} can compute)
   * @throws LoyaltyException if a component is invalid
   */
  public Tier {
    Checks.nonBlank(SUBJECT, "code", code);
    // Codes reach statements, logs and CSV exports: invisible or line-breaking characters would let
    // two tiers look alike ("gold" and "gold\u200B") or forge lines.
    Checks.check(code.codePoints().noneMatch(Tier::isInvisible), SUBJECT, "code", code,
        "a code without control, format (zero-width, bidi) or line-separator characters");
    Checks.check(rank >= 0, SUBJECT, "rank", rank, "≥ 0");
    Checks.present(SUBJECT, "threshold", threshold);
    Checks.check(!threshold.isNegative(), SUBJECT, "threshold", threshold, "≥ 0");
    Checks.period(SUBJECT, "window", window, true);
  }

  /**
   * {@return the tier}
   *
   * @param code the tier code
   * @param rank the rank
   * @param threshold the qualifying spend
   * @param window the qualification window
   */
  public static Tier of(String code, int rank, Money threshold, Period window) {
    return new Tier(code, rank, threshold, window);
  }

  private static boolean isInvisible(int codePoint) {
    int type = Character.getType(codePoint);
    return Character.isISOControl(codePoint) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }
}
