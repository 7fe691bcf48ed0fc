package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * What a member has to spend, and by when, to reach the tier above theirs or to keep their own: the
 * structured form of the {@code tier-progress: } notices decisions carry.
 *
 * <p>Spend is the ledger's qualifying spend (net of refunds, as {@link
 * PointLedger#qualifyingSpend}) in each tier's window ending at {@code asOf}. A spend made at
 * instant {@code t} counts until {@code t + window} (computed in the programme zone): at any instant
 * up to then the window still reaches back to it. So:
 *
 * <ul>
 *   <li><b>reach</b> (the tier one rank up): {@code amount = threshold − spend in its window}. The
 *       deadline is the first instant a counted spend may drop out, {@code oldest counted + window};
 *       none when nothing counts yet. Spending {@code amount} before the deadline makes the window
 *       spend reach the threshold exactly.
 *   <li><b>keep</b> (the member's own tier, above the entry tier): counted spends drop out in the
 *       order of their deadlines; at the first deadline after which what is left falls below the
 *       threshold, {@code amount = threshold − what is left} and that is the deadline. When the
 *       spend is already below the threshold, {@code amount = threshold − spend} with the reach
 *       deadline. Spending {@code amount} from now until the deadline keeps the member qualifying
 *       through that deadline.
 * </ul>
 *
 * <p>{@link #byDate()} is the member-facing date: the local day before the deadline's, so spending
 * any time that day is early enough.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param tierCode the tier to reach or keep
 * @param keep true to keep the member's own tier, false to reach the one above
 * @param amount what is still to spend, positive
 * @param deadline the instant by which to spend it, if there is one
 * @param byDate the local day before the deadline's, if there is one
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record TierProgress(String tierCode, boolean keep, Money amount, Optional<Instant> deadline,
    Optional<LocalDate> byDate) {

  /** The prefix of every tier-progress notice. */
  public static final String NOTICE_PREFIX = "tier-progress: ";
  private static final String SUBJECT = "tier progress";

  /**
   * Validates the components.
   *
   * @param tierCode the tier to reach or keep
   * @param keep true to keep the member's own tier, false to reach the one above
   * @param amount what is still to spend, positive
   * @param deadline the instant by which to spend it, if there is one
   * @param byDate the local day before the deadline's, present exactly when the deadline is
   * @throws LoyaltyException if a component is invalid
   */
  public TierProgress {
    Checks.nonBlank(SUBJECT, "tierCode", tierCode);
    Checks.present(SUBJECT, "amount", amount);
    Checks.present(SUBJECT, "deadline", deadline);
    Checks.present(SUBJECT, "byDate", byDate);
    Checks.check(amount.isPositive(), SUBJECT, "amount", amount, "> 0");
    Checks.check(deadline.isPresent() == byDate.isPresent(), SUBJECT, "byDate", byDate,
        "present exactly when the deadline is");
  }

  /**
   * {@return the member-facing notice, e.g. {@code tier-progress: spend TWD 1200.00 more by 2027-03-14
   * to keep gold}}
   */
  public String notice() {
    return NOTICE_PREFIX + "spend " + amount + " more" + byDate.map(d -> " by " + d).orElse("") + " to "
        + (keep ? "keep " : "reach ") + tierCode;
  }

  /**
   * Computes what a member in tier {@code tierCode} still has to spend: to keep it (above the entry
   * tier) and to reach the tier above (below the top). A tier whose amount would be zero or less is
   * left out: the member already holds (or qualifies for) it through every deadline.
   *
   * @param ladder the programme's tiers
   * @param ledger the member's ledger
   * @param tierCode the member's tier (after the decision at hand)
   * @param asOf the instant, within {@link Limits}' instant range
   * @param zone the programme's time zone
   * @param spendAtAsOf qualifying spend at {@code asOf} not yet in the ledger (the order being decided), ≥ 0;
   *     zero when there is none
   * @return keep first, then reach; empty when neither needs spending
   * @throws InvalidValueException if an argument is missing or out of range, or the tier is not on the ladder
   * @throws CurrencyMismatchException if spend is not in the ladder's currency
   */
  public static List<TierProgress> of(TierLadder ladder, PointLedger ledger, String tierCode, Instant asOf,
      ZoneId zone, Money spendAtAsOf) {
    Checks.present(SUBJECT, "ladder", ladder);
    Checks.present(SUBJECT, "ledger", ledger);
    Checks.instant(SUBJECT, "asOf", asOf);
    Checks.present(SUBJECT, "zone", zone);
    Checks.present(SUBJECT, "spendAtAsOf", spendAtAsOf);
    Tier current = ladder.byCode(tierCode);
    Money threshold = ladder.top().threshold();
    if (!spendAtAsOf.currency().equals(threshold.currency())) {
      throw new CurrencyMismatchException(SUBJECT, "spendAtAsOf", threshold.currency(), spendAtAsOf.currency());
    }
    Checks.check(!spendAtAsOf.isNegative(), SUBJECT, "spendAtAsOf", spendAtAsOf, "≥ 0");
    List<Spend> spends = spends(ledger, asOf, threshold);
    if (spendAtAsOf.isPositive()) {
      spends.add(new Spend(asOf, spendAtAsOf.amount()));
    }
    List<TierProgress> result = new ArrayList<>();
    if (current.rank() > 0) {
      keep(current, spends, asOf, zone).ifPresent(result::add);
    }
    ladder.above(current).flatMap(next -> reach(next, spends, asOf, zone)).ifPresent(result::add);
    return List.copyOf(result);
  }

  private static Optional<TierProgress> reach(Tier tier, List<Spend> spends, Instant asOf, ZoneId zone) {
    List<Spend> counted = counted(tier, spends, asOf, zone);
    BigDecimal spend = sum(counted);
    BigDecimal amount = tier.threshold().amount().subtract(spend);
    if (amount.signum() <= 0) {
      return Optional.empty();
    }
    Optional<Instant> deadline = counted.stream().map(s -> dropOut(s, tier, zone)).min(Comparator.naturalOrder());
    return Optional.of(progress(tier, false, amount, deadline, zone));
  }

  private static Optional<TierProgress> keep(Tier tier, List<Spend> spends, Instant asOf, ZoneId zone) {
    List<Spend> counted = counted(tier, spends, asOf, zone);
    BigDecimal threshold = tier.threshold().amount();
    BigDecimal left = sum(counted);
    if (left.compareTo(threshold) < 0) {
      Optional<Instant> deadline = counted.stream().map(s -> dropOut(s, tier, zone)).min(Comparator.naturalOrder());
      return Optional.of(progress(tier, true, threshold.subtract(left), deadline, zone));
    }
    // Drop the counted spends deadline by deadline (equal deadlines together) until what is left falls short.
    counted.sort(Comparator.comparing(s -> dropOut(s, tier, zone)));
    int i = 0;
    while (i < counted.size()) {
      Instant deadline = dropOut(counted.get(i), tier, zone);
      while (i < counted.size() && dropOut(counted.get(i), tier, zone).equals(deadline)) {
        left = left.subtract(counted.get(i).net);
        i++;
      }
      if (left.compareTo(threshold) < 0) {
        return Optional.of(progress(tier, true, threshold.subtract(left), Optional.of(deadline), zone));
      }
    }
    return Optional.empty(); // unreachable: once every spend dropped, nothing is left and the threshold is positive
  }

  private static TierProgress progress(Tier tier, boolean keep, BigDecimal amount, Optional<Instant> deadline,
      ZoneId zone) {
    return new TierProgress(tier.code(), keep, Money.of(amount, tier.threshold().currency()), deadline,
        deadline.map(d -> d.atZone(zone).toLocalDate().minusDays(1)));
  }

  /** The instant up to which a spend still counts in the tier's window. */
  private static Instant dropOut(Spend spend, Tier tier, ZoneId zone) {
    return spend.at.atZone(zone).plus(tier.window()).toInstant();
  }

  private static List<Spend> counted(Tier tier, List<Spend> spends, Instant asOf, ZoneId zone) {
    Instant from = asOf.atZone(zone).minus(tier.window()).toInstant();
    List<Spend> counted = new ArrayList<>();
    for (Spend spend : spends) {
      if (!spend.at.isBefore(from) && spend.net.signum() != 0) {
        counted.add(spend);
      }
    }
    return counted;
  }

  private static BigDecimal sum(List<Spend> spends) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Spend spend : spends) {
      sum = sum.add(spend.net);
    }
    return sum;
  }

  /** Each earned entry's spend up to {@code asOf}, net of the clawbacks of it up to then. */
  private static List<Spend> spends(PointLedger ledger, Instant asOf, Money threshold) {
    Map<String, Spend> byKey = new HashMap<>();
    List<Spend> spends = new ArrayList<>();
    for (LedgerEntry entry : ledger.entries()) {
      if (entry.occurredAt().isAfter(asOf)) {
        continue;
      }
      if (entry instanceof LedgerEntry.Earned earned && !earned.spend().isZero()) {
        requireCurrency(earned.spend(), threshold);
        Spend spend = new Spend(earned.occurredAt(), earned.spend().amount());
        byKey.put(earned.key(), spend);
        spends.add(spend);
      } else if (entry instanceof LedgerEntry.ClawedBack clawedBack && byKey.containsKey(clawedBack.earnedKey())) {
        requireCurrency(clawedBack.spend(), threshold);
        Spend spend = byKey.get(clawedBack.earnedKey());
        spend.net = spend.net.subtract(clawedBack.spend().amount());
      }
    }
    return spends;
  }

  private static void requireCurrency(Money spend, Money threshold) {
    if (!spend.currency().equals(threshold.currency())) {
      throw new CurrencyMismatchException(SUBJECT, "ledger.spend", threshold.currency(), spend.currency());
    }
  }

  /** A spend: when it was made and how much of it is left after refunds. */
  private static final class Spend {
    final Instant at;
    BigDecimal net;

    Spend(Instant at, BigDecimal net) {
      this.at = at;
      this.net = net;
    }
  }
}
