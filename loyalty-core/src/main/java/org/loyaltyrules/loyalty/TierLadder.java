package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * The programme's tiers in rank order. Ranks are 0, 1, 2… without gaps, the entry tier (rank 0)
 * has a zero threshold, and thresholds strictly increase with rank, all in one currency.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param tiers the tiers, sorted by rank on construction
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record TierLadder(List<Tier> tiers) {

  private static final String SUBJECT = "tier ladder";

  /**
   * Validates the ladder and sorts it by rank.
   *
   * @param tiers the tiers, sorted by rank on construction
   * @throws LoyaltyException if a component is invalid
   */
  public TierLadder {
    Checks.present(SUBJECT, "tiers", tiers);
    Checks.check(!tiers.isEmpty(), SUBJECT, "tiers", "[]", "at least one tier");
    List<Tier> sorted = new ArrayList<>(tiers);
    for (int i = 0; i < sorted.size(); i++) {
      Checks.present(SUBJECT, "tiers[" + i + "]", sorted.get(i));
    }
    sorted.sort(Comparator.comparingInt(Tier::rank));
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < sorted.size(); i++) {
      Tier tier = sorted.get(i);
      Checks.check(tier.rank() == i, SUBJECT, tier.code() + ".rank", tier.rank(), "rank " + i + " (ranks run 0, 1, 2… without gaps)");
      Checks.check(codes.add(tier.code()), SUBJECT, "tiers[" + i + "].code", tier.code(), "a code no other tier uses");
      if (i == 0) {
        Checks.check(tier.threshold().isZero(), SUBJECT, tier.code() + ".threshold", tier.threshold(), "zero for the entry tier");
      } else {
        Tier lower = sorted.get(i - 1);
        if (!tier.threshold().currency().equals(lower.threshold().currency())) {
          throw new CurrencyMismatchException(
              SUBJECT, tier.code() + ".threshold", lower.threshold().currency(), tier.threshold().currency());
        }
        Checks.check(
            tier.threshold().isGreaterThan(lower.threshold()),
            SUBJECT,
            tier.code() + ".threshold",
            tier.threshold(),
            "greater than " + lower.code() + "'s " + lower.threshold());
      }
    }
    tiers = List.copyOf(sorted);
  }

  /**
   * {@return the ladder}
   *
   * @param tiers the tiers in any order
   */
  public static TierLadder of(Tier... tiers) {
    // Arrays.asList keeps a null element, so the constructor names it instead of List.of failing.
    return new TierLadder(java.util.Arrays.asList(Checks.present(SUBJECT, "tiers", tiers)));
  }

  /** {@return the entry tier (rank 0)} */
  public Tier entry() {
    return tiers.get(0);
  }

  /** {@return the highest tier} */
  public Tier top() {
    return tiers.get(tiers.size() - 1);
  }

  /**
   * {@return the tier with that code}
   *
   * @param code a tier code
   * @throws InvalidValueException if there is none
   */
  public Tier byCode(String code) {
    for (Tier tier : tiers) {
      if (tier.code().equals(code)) {
        return tier;
      }
    }
    throw new InvalidValueException(SUBJECT, "tierCode", code, "one of " + codes());
  }

  /** {@return the tier codes in rank order} */
  public List<String> codes() {
    return tiers.stream().map(Tier::code).toList();
  }

  /**
   * {@return the tier one rank below, if any}
   *
   * @param tier a tier of this ladder
   * @throws InvalidValueException if the tier is not one of this ladder's
   */
  public Optional<Tier> below(Tier tier) {
    requireMember(tier);
    return tier.rank() == 0 ? Optional.empty() : Optional.of(tiers.get(tier.rank() - 1));
  }

  /**
   * {@return the tier one rank above, if any}
   *
   * @param tier a tier of this ladder
   * @throws InvalidValueException if the tier is not one of this ladder's
   */
  public Optional<Tier> above(Tier tier) {
    requireMember(tier);
    return tier.rank() + 1 >= tiers.size() ? Optional.empty() : Optional.of(tiers.get(tier.rank() + 1));
  }

  /** Fails unless {@code tier} is one of this ladder's tiers, so its rank indexes the ladder. */
  private void requireMember(Tier tier) {
    Checks.present(SUBJECT, "tier", tier);
    Checks.check(tier.rank() < tiers.size() && tiers.get(tier.rank()).equals(tier), SUBJECT, "tier", tier,
        "a tier of this ladder, one of " + codes());
  }

  /**
   * Returns the highest tier whose threshold the ledger's qualifying spend over that tier's window,
   * ending at {@code asOf}, reaches. This is the bundled rules' qualification written in plain Java,
   * for a host's reports and for tests as a reference; the engine does not use it. Its tier moves
   * follow the rule files' {@code decisions.qualifies}, so a merchant's own rule may qualify
   * differently. Window starts are computed in {@code zone}, so "12 months back"
   * means calendar months in the programme's time zone.
   *
   * @param ledger the member's ledger
   * @param asOf the end of the window (inclusive), within {@link Limits}' instant range
   * @param zone the programme's time zone
   * @return the qualifying tier; the entry tier when nothing else qualifies
   */
  public Tier qualifyingTier(PointLedger ledger, Instant asOf, ZoneId zone) {
    Checks.present(SUBJECT, "ledger", ledger);
    Checks.instant(SUBJECT, "asOf", asOf);
    Checks.present(SUBJECT, "zone", zone);
    for (int i = tiers.size() - 1; i > 0; i--) {
      Tier tier = tiers.get(i);
      Instant from = asOf.atZone(zone).minus(tier.window()).toInstant();
      Money spend = ledger.qualifyingSpend(from, asOf, tier.threshold().currency());
      if (!spend.isLessThan(tier.threshold())) {
        return tier;
      }
    }
    return entry();
  }
}
