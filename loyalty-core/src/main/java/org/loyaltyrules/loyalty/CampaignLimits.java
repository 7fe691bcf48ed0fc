package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Optional;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * How often and how much an {@link Campaign.EventBonus} may pay: per member, at most so many awards
 * per local day, ISO week (Monday to Sunday) and calendar month in the programme's zone, and in the
 * member's lifetime; and points budgets, in total across all members and per member. Absent means
 * no limit.
 *
 * <p>The per-member limits and budget are counted from the member's ledger (what this campaign
 * already paid), so they hold exactly once under redelivery. The total budget is state the library
 * does not store: the host passes what was used in {@link CampaignBudgets} with each decision and
 * adds {@link Decision#budgetUse()} in the same transaction (see docs/host-integration.md).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param perDay the most awards per member and local day
 * @param perWeek the most awards per member and ISO week
 * @param perMonth the most awards per member and calendar month
 * @param lifetime the most awards per member, ever
 * @param totalBudget the most points the campaign pays all members together
 * @param memberBudget the most points the campaign pays one member, ever
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CampaignLimits(Optional<Integer> perDay, Optional<Integer> perWeek, Optional<Integer> perMonth, Optional<Integer> lifetime,
    Optional<Points> totalBudget, Optional<Points> memberBudget) {

  /** The highest count limit, 1,000,000 awards. */
  public static final int MAX_COUNT = 1_000_000;

  private static final String SUBJECT = "campaign limits";
  private static final CampaignLimits NONE = new CampaignLimits(Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /**
   * Validates every component: counts from 1 to {@value #MAX_COUNT}, budgets positive.
   *
   * @param perDay the most awards per member and local day
   * @param perWeek the most awards per member and ISO week
   * @param perMonth the most awards per member and calendar month
   * @param lifetime the most awards per member, ever
   * @param totalBudget the most points the campaign pays all members together
   * @param memberBudget the most points the campaign pays one member, ever
   * @throws LoyaltyException if a component is invalid
   */
  public CampaignLimits {
    count("perDay", perDay);
    count("perWeek", perWeek);
    count("perMonth", perMonth);
    count("lifetime", lifetime);
    budget("totalBudget", totalBudget);
    budget("memberBudget", memberBudget);
  }

  /** {@return no limit at all} */
  public static CampaignLimits none() {
    return NONE;
  }

  /**
   * {@return a copy with that limit}
   *
   * @param count the most awards per member and local day
   * @throws LoyaltyException if {@code count} is out of range
   */
  public CampaignLimits perDay(int count) {
    return new CampaignLimits(Optional.of(count), perWeek, perMonth, lifetime, totalBudget, memberBudget);
  }

  /**
   * {@return a copy with that limit}
   *
   * @param count the most awards per member and ISO week
   * @throws LoyaltyException if {@code count} is out of range
   */
  public CampaignLimits perWeek(int count) {
    return new CampaignLimits(perDay, Optional.of(count), perMonth, lifetime, totalBudget, memberBudget);
  }

  /**
   * {@return a copy with that limit}
   *
   * @param count the most awards per member and calendar month
   * @throws LoyaltyException if {@code count} is out of range
   */
  public CampaignLimits perMonth(int count) {
    return new CampaignLimits(perDay, perWeek, Optional.of(count), lifetime, totalBudget, memberBudget);
  }

  /**
   * {@return a copy with that limit}
   *
   * @param count the most awards per member, ever
   * @throws LoyaltyException if {@code count} is out of range
   */
  public CampaignLimits lifetime(int count) {
    return new CampaignLimits(perDay, perWeek, perMonth, Optional.of(count), totalBudget, memberBudget);
  }

  /**
   * {@return a copy with that budget}
   *
   * @param points the most points the campaign pays all members together
   * @throws LoyaltyException if {@code points} is absent or not positive
   */
  public CampaignLimits totalBudget(Points points) {
    return new CampaignLimits(perDay, perWeek, perMonth, lifetime,
        Optional.of(Checks.present(SUBJECT, "totalBudget", points)), memberBudget);
  }

  /**
   * {@return a copy with that budget}
   *
   * @param points the most points the campaign pays one member, ever
   * @throws LoyaltyException if {@code points} is absent or not positive
   */
  public CampaignLimits memberBudget(Points points) {
    return new CampaignLimits(perDay, perWeek, perMonth, lifetime, totalBudget,
        Optional.of(Checks.present(SUBJECT, "memberBudget", points)));
  }

  /**
   * {@return whether deciding needs every award the campaign ever paid the member (a lifetime limit
   * or a member budget), which a ledger rebuilt from a checkpoint may no longer hold}
   */
  public boolean readsLifetime() {
    return lifetime.isPresent() || memberBudget.isPresent();
  }

  private static void count(String field, Optional<Integer> count) {
    Checks.present(SUBJECT, field, count);
    count.ifPresent(c -> Checks.check(c >= 1 && c <= MAX_COUNT, SUBJECT, field, c, "from 1 to " + MAX_COUNT));
  }

  private static void budget(String field, Optional<Points> budget) {
    Checks.present(SUBJECT, field, budget);
    budget.ifPresent(b -> Checks.check(Checks.present(SUBJECT, field, b).isPositive(), SUBJECT, field, b, "> 0"));
  }
}
