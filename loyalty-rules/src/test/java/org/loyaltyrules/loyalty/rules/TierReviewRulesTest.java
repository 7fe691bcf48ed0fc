package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;

import java.time.Instant;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.TierChange;

/**
 * Worked examples for {@code tier-review.drl}: at a review, a tier whose 12-month spend no longer
 * reaches its threshold is lowered one level ({@code ONE_LEVEL}) or straight to the tier the spend
 * supports ({@code RECOMPUTE}), effective after the programme's grace period.
 */
class TierReviewRulesTest {
  private static final String REVIEW = "tier-review: current tier under review";
  private static final String QUALIFY = "tier-upgrade: spend reaches the tier's threshold";
  private static final Instant REVIEW_AT = taipei("2025-12-31T12:00");

  private static Shop shopWithSpend(Programme programme, String tier, String spend) {
    Shop shop = new Shop(programme);
    shop.join(Member.of("m-1", taipei("2024-01-01T00:00"), tier));
    if (spend != null) {
      shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-06-01T12:00"), spend)));
    }
    shop.setTier("m-1", tier);
    return shop;
  }

  private static Programme policy(Programme.DowngradePolicy policy, Period grace) {
    return taiwan().toBuilder().downgrade(policy, grace).build();
  }

  private static LoyaltyEvent.TierReview review() {
    return new LoyaltyEvent.TierReview("review-2025", "m-1", REVIEW_AT);
  }

  @ParameterizedTest(name = "{0} with NT${2}, {1} → {3}")
  @CsvSource({
      "gold,   ONE_LEVEL, 12000, silver, 1",
      "gold,   RECOMPUTE, 12000, silver, 1",
      "gold,   ONE_LEVEL, 5000,  silver, 0",
      "gold,   RECOMPUTE, 5000,  member, 0",
      "silver, ONE_LEVEL, 5000,  member, 0",
      "silver, RECOMPUTE, 5000,  member, 0"})
  void review_tierNoLongerHeld_downgradesByPolicy(String tier, Programme.DowngradePolicy policy, String spend,
      String expected, int qualifiedTiers) {
    // given
    Shop shop = shopWithSpend(policy(policy, Period.ZERO), tier, spend);

    // when
    Decision decision = shop.apply(review());

    // then: the review fires, and the qualification of silver where the spend still reaches it
    assertThat(decision.firedRules()).containsOnlyOnce(REVIEW).hasSize(1 + qualifiedTiers)
        .allMatch(rule -> rule.equals(REVIEW) || rule.equals(QUALIFY));
    assertThat(decision.entries()).isEmpty();
    TierChange change = decision.tierChange().orElseThrow();
    assertThat(change.from()).isEqualTo(tier);
    assertThat(change.to()).isEqualTo(expected);
    assertThat(change.rule()).isEqualTo(REVIEW);
    assertThat(change.effectiveAt()).isEqualTo(REVIEW_AT);
    assertThat(shop.member("m-1").tierCode()).isEqualTo(expected);
  }

  @Test
  void review_reasonNamesSpendThresholdAndPolicy() {
    // given
    Shop shop = shopWithSpend(policy(Programme.DowngradePolicy.RECOMPUTE, Period.ZERO), "gold", "5000");

    // when
    Decision decision = shop.apply(review());

    // then
    assertThat(decision.tierChange().orElseThrow().reason())
        .isEqualTo("qualifying spend TWD 5000.00 over P12M is below gold's TWD 30000.00; recompute downgrade to member");
  }

  @Test
  void review_oneLevelAtATime_reachesTheSupportedTierOverTwoReviews() {
    // given: a gold member with no spend
    Shop shop = shopWithSpend(policy(Programme.DowngradePolicy.ONE_LEVEL, Period.ZERO), "gold", null);

    // when
    Decision first = shop.apply(review());
    Decision second = shop.apply(new LoyaltyEvent.TierReview("review-2026", "m-1", taipei("2026-12-31T12:00")));
    Decision third = shop.apply(new LoyaltyEvent.TierReview("review-2027", "m-1", taipei("2027-12-31T12:00")));

    // then
    assertThat(first.tierChange()).map(TierChange::to).contains("silver");
    assertThat(second.tierChange()).map(TierChange::to).contains("member");
    assertThat(third.firedRules()).isEmpty();
    assertThat(third.tierChange()).isEmpty();
  }

  @Test
  void review_gracePeriod_delaysTheDowngrade() {
    // given
    Shop shop = shopWithSpend(policy(Programme.DowngradePolicy.ONE_LEVEL, Period.ofMonths(1)), "gold", "5000");

    // when
    Decision decision = shop.apply(review());

    // then: decided now, effective a month later (Taipei calendar); the host keeps gold until then
    TierChange change = decision.tierChange().orElseThrow();
    assertThat(change.effectiveAt()).isEqualTo(taipei("2026-01-31T12:00"));
    assertThat(change.reason()).endsWith(", effective after a grace period of P1M");
    assertThat(shop.member("m-1").tierCode()).isEqualTo("gold");
  }

  @Test
  void review_spendStillHoldsTheTier_changesNothing() {
    // given
    Shop shop = shopWithSpend(policy(Programme.DowngradePolicy.RECOMPUTE, Period.ZERO), "gold", "35000");

    // when
    Decision decision = shop.apply(review());

    // then: reviewed, and held by the qualification of gold (and of silver below it)
    assertThat(decision.firedRules()).containsExactlyInAnyOrder(REVIEW, QUALIFY, QUALIFY);
    assertThat(decision.tierChange()).isEmpty();
  }

  @Test
  void review_spendOutsideTheWindow_noLongerHoldsTheTier() {
    // given: NT$35,000 spent on 1 June 2025, reviewed 13 months later
    Shop shop = shopWithSpend(policy(Programme.DowngradePolicy.RECOMPUTE, Period.ZERO), "gold", "35000");

    // when
    Decision decision = shop.apply(new LoyaltyEvent.TierReview("review", "m-1", taipei("2026-07-01T12:00")));

    // then
    assertThat(decision.tierChange()).map(TierChange::to).contains("member");
  }

  @Test
  void review_entryTier_isNeverReviewedDown() {
    // given
    Shop shop = shopWithSpend(taiwan(), "member", null);

    // when
    Decision decision = shop.apply(review());

    // then
    assertThat(decision.firedRules()).isEmpty();
    assertThat(decision.tierChange()).isEmpty();
  }

  @Test
  void review_memberWhoseSpendQualifiesHigher_isUpgraded() {
    // given: the host never applied the upgrade of a NT$12,000 order
    Shop shop = shopWithSpend(taiwan(), "member", "12000");

    // when
    Decision decision = shop.apply(review());

    // then
    assertThat(decision.firedRules()).containsExactly(QUALIFY);
    assertThat(decision.tierChange()).map(TierChange::to).contains("silver");
  }
}
