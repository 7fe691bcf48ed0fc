package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.loyalty.rules.Fixtures.keysOf;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.BeyondHorizonException;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignBudgets;
import org.loyaltyrules.loyalty.CampaignLimits;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;

/**
 * Worked examples for {@code event-bonuses.drl} and the limits and budgets of event-bonus campaigns:
 * a 5-point daily check-in (簽到) at most once a day and 3 times an ISO week, a 50-point LINE official
 * account follow once per member, a 20-point review with a member budget of 30 and a total budget.
 */
class EventBonusesRulesTest {
  private static final String RULE = "event-bonuses: campaign for the event type";
  private static final Campaign.EventBonus CHECK_IN = Campaign.eventBonus("check-in-5", "Daily check-in", "check-in",
      Points.of(5), CampaignSchedule.always()).withLimits(CampaignLimits.none().perDay(1).perWeek(3));
  private static final Campaign.EventBonus LINE_FOLLOW = Campaign.eventBonus("line-follow", "Follow our LINE",
      "line-follow", Points.of(50), CampaignSchedule.always()).withLimits(CampaignLimits.none().lifetime(1));
  private static final Campaign.EventBonus REVIEW = Campaign.eventBonus("review-20", "Review a product", "review",
      Points.of(20), CampaignSchedule.always()).withLimits(CampaignLimits.none().memberBudget(Points.of(30)));
  /** 2026-03-02 is a Monday in Taipei. */
  private static final Instant MONDAY = taipei("2026-03-02T09:00");

  private static Shop shop(Programme programme) {
    Shop shop = new Shop(programme);
    shop.join(Member.of("m-1", taipei("2026-01-01T00:00"), "member"));
    shop.join(Member.of("m-2", taipei("2026-01-01T00:00"), "member"));
    return shop;
  }

  private static LoyaltyEvent.CustomEvent event(String id, String member, String type, Instant at) {
    return LoyaltyEvent.CustomEvent.of(id, member, type, at);
  }

  @Test
  void checkIn_campaignForItsType_paysOnceAndRedeliveryAddsNothing() {
    // given
    Shop shop = shop(taiwan(CHECK_IN, LINE_FOLLOW));

    // when
    Decision first = shop.apply(event("ci-1", "m-1", "check-in", MONDAY));
    Decision again = shop.apply(event("ci-1", "m-1", "check-in", MONDAY));

    // then
    assertThat(first.firedRules()).containsExactly(RULE);
    assertThat(keysOf(first)).containsExactly(EntryKey.eventBonus("ci-1", "check-in-5").text());
    assertThat(first.pointsFor("m-1")).isEqualTo(Points.of(5));
    assertThat(first.budgetUse()).containsExactly(Map.entry("check-in-5", Points.of(5)));
    assertThat(again.entries()).isEmpty();
    assertThat(again.notices()).singleElement().asString().startsWith("duplicate: event ci-1 already paid campaign check-in-5");
    assertThat(shop.balance("m-1")).isEqualTo(5);
  }

  @Test
  void checkIn_secondOnTheSameLocalDay_paysNothingWithALimitNotice() {
    // given
    Shop shop = shop(taiwan(CHECK_IN));
    shop.apply(event("ci-1", "m-1", "check-in", MONDAY));

    // when: 23:59 the same day in Taipei, then 00:00 the next
    Decision sameDay = shop.apply(event("ci-2", "m-1", "check-in", taipei("2026-03-02T23:59")));
    Decision nextDay = shop.apply(event("ci-3", "m-1", "check-in", taipei("2026-03-03T00:00")));

    // then
    assertThat(sameDay.entries()).isEmpty();
    assertThat(sameDay.notices()).containsExactly("event-limit: campaign check-in-5 already paid 1 times this local day"
        + " (limit 1 per day); nothing paid for event ci-2");
    assertThat(nextDay.pointsFor("m-1")).isEqualTo(Points.of(5));
    assertThat(shop.balance("m-1")).isEqualTo(10);
  }

  @Test
  void checkIn_fourthInOneIsoWeek_paysNothingAndTheNextMondayPaysAgain() {
    // given: Monday, Tuesday, Wednesday paid
    Shop shop = shop(taiwan(CHECK_IN));
    for (int day = 0; day < 3; day++) {
      shop.apply(event("ci-" + day, "m-1", "check-in", MONDAY.plusSeconds(86_400L * day)));
    }

    // when: Sunday of the same ISO week, then the next Monday
    Decision sunday = shop.apply(event("ci-sun", "m-1", "check-in", taipei("2026-03-08T20:00")));
    Decision monday = shop.apply(event("ci-mon", "m-1", "check-in", taipei("2026-03-09T08:00")));

    // then
    assertThat(sunday.entries()).isEmpty();
    assertThat(sunday.notices()).singleElement().asString().contains("3 times this ISO week (limit 3 per week)");
    assertThat(monday.pointsFor("m-1")).isEqualTo(Points.of(5));
    assertThat(shop.balance("m-1")).isEqualTo(20);
  }

  @Test
  void lineFollow_lifetimeLimitOfOne_paysEachMemberOnce() {
    // given
    Shop shop = shop(taiwan(LINE_FOLLOW));

    // when
    Decision first = shop.apply(event("lf-1", "m-1", "line-follow", MONDAY));
    Decision refollow = shop.apply(event("lf-2", "m-1", "line-follow", MONDAY.plusSeconds(86_400L * 400)));
    Decision other = shop.apply(event("lf-3", "m-2", "line-follow", MONDAY));

    // then
    assertThat(first.pointsFor("m-1")).isEqualTo(Points.of(50));
    assertThat(refollow.entries()).isEmpty();
    assertThat(refollow.notices()).singleElement().asString().contains("(limit 1 per lifetime)");
    assertThat(other.pointsFor("m-2")).isEqualTo(Points.of(50));
  }

  @Test
  void review_memberBudgetOf30_paysTwentyThenTheTenLeftThenNothing() {
    // given
    Shop shop = shop(taiwan(REVIEW));

    // when
    Decision first = shop.apply(event("rv-1", "m-1", "review", MONDAY));
    Decision second = shop.apply(event("rv-2", "m-1", "review", MONDAY.plusSeconds(60)));
    Decision third = shop.apply(event("rv-3", "m-1", "review", MONDAY.plusSeconds(120)));

    // then
    assertThat(first.pointsFor("m-1")).isEqualTo(Points.of(20));
    assertThat(second.pointsFor("m-1")).isEqualTo(Points.of(10));
    assertThat(second.notices()).containsExactly(
        "budget: campaign review-20 has 10 of its member budget of 30 points left; pays 10 of 20");
    assertThat(third.entries()).isEmpty();
    assertThat(shop.balance("m-1")).isEqualTo(30);
  }

  @Test
  void totalBudget_sharedByMembers_paysTheRemainderThenNothing() {
    // given: 45 points in total, 20 per review
    Campaign.EventBonus limited = REVIEW.withLimits(CampaignLimits.none().totalBudget(Points.of(45)));
    Shop shop = shop(taiwan(limited));

    // when
    List<Decision> decisions = new ArrayList<>();
    decisions.add(shop.apply(event("rv-1", "m-1", "review", MONDAY)));
    decisions.add(shop.apply(event("rv-2", "m-2", "review", MONDAY.plusSeconds(60))));
    decisions.add(shop.apply(event("rv-3", "m-1", "review", MONDAY.plusSeconds(120))));
    decisions.add(shop.apply(event("rv-4", "m-2", "review", MONDAY.plusSeconds(180))));

    // then
    assertThat(decisions).extracting(d -> d.pointsFor(d.entries().isEmpty() ? "m-1" : d.entries().get(0).memberId()))
        .containsExactly(Points.of(20), Points.of(20), Points.of(5), Points.ZERO);
    assertThat(decisions.get(2).notices()).containsExactly(
        "budget: campaign review-20 has 5 of its total budget of 45 points left; pays 5 of 20");
    assertThat(shop.context("m-1").budgets().usedBy("review-20")).contains(Points.of(45));
  }

  @Test
  void totalBudget_contextWithoutTheCampaign_paysNothing() {
    // given
    Campaign.EventBonus limited = REVIEW.withLimits(CampaignLimits.none().totalBudget(Points.of(45)));
    Shop shop = shop(taiwan(limited));
    DecisionContext unknown = shop.context("m-1").withBudgets(CampaignBudgets.none());

    // when
    Decision decision = shop.engine.decide(event("rv-1", "m-1", "review", MONDAY), unknown);

    // then
    assertThat(decision.entries()).isEmpty();
    assertThat(decision.notices()).singleElement().asString().contains("does not say what it used; pays nothing");
  }

  @Test
  void otherEventType_paysNothing() {
    // given
    Shop shop = shop(taiwan(CHECK_IN));

    // when
    Decision decision = shop.apply(event("pf-1", "m-1", "profile-completed", MONDAY));

    // then
    assertThat(decision.entries()).isEmpty();
    assertThat(decision.firedRules()).isEmpty();
  }

  @Test
  void merchantRule_fiveStarReviewAttribute_choosesTheCampaign() {
    // given: a merchant file pays the review campaign only for five stars
    Campaign.EventBonus fiveStars = Campaign.eventBonus("review-5-stars", "Five-star review", "review", Points.of(30),
        CampaignSchedule.always());
    String drl = """
        package org.loyaltyrules.loyalty.rules.merchant;

        import org.loyaltyrules.loyalty.rules.facts.*;

        global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

        rule "reviews: five stars earn the review campaign"
        when
            CustomEventFact( type == "review" )
            AttributeFact( name == "stars", value == "5" )
            $campaign : CampaignFact( kind == CampaignKind.EVENT_BONUS, id == "review-5-stars" )
        then
            decisions.bonus($campaign);
        end
        """;
    List<RuleSource> sources = new ArrayList<>();
    for (RuleSource source : RuleBase.defaultSources()) {
      if (!source.name().equals("event-bonuses.drl")) {
        sources.add(source);
      }
    }
    sources.add(RuleSource.of("reviews.drl", drl));
    Shop shop = new Shop(LoyaltyRulesEngine.builder(taiwan(fiveStars)).ruleBase(RuleBase.compile(sources)).build());
    shop.join(Member.of("m-1", taipei("2026-01-01T00:00"), "member"));

    // when
    Decision four = shop.apply(new LoyaltyEvent.CustomEvent("rv-1", "m-1", "review", Map.of("stars", "4"), MONDAY));
    Decision five = shop.apply(new LoyaltyEvent.CustomEvent("rv-2", "m-1", "review", Map.of("stars", "5"), MONDAY));

    // then
    assertThat(four.entries()).isEmpty();
    assertThat(five.firedRules()).containsExactly("reviews: five stars earn the review campaign (reviews.drl)");
    assertThat(five.pointsFor("m-1")).isEqualTo(Points.of(30));
  }

  @Test
  void namedBonus_onACustomEvent_isIgnoredWithANotice() {
    // given: a merchant rule that names its own bonus on every custom event
    String drl = """
        package org.loyaltyrules.loyalty.rules.merchant;

        import org.loyaltyrules.loyalty.rules.facts.*;

        global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

        rule "any event: a named bonus"
        when
            CustomEventFact()
        then
            decisions.bonus("free-points", 1000, "unlimited points for any event");
        end
        """;
    Shop shop = new Shop(LoyaltyRulesEngine.builder(taiwan(CHECK_IN))
        .ruleBase(Fixtures.defaultsWith("free.drl", drl)).build());
    shop.join(Member.of("m-1", taipei("2026-01-01T00:00"), "member"));

    // when
    Decision decision = shop.apply(event("ci-1", "m-1", "check-in", MONDAY));

    // then: the check-in campaign pays, the named bonus does not
    assertThat(keysOf(decision)).containsExactly(EntryKey.eventBonus("ci-1", "check-in-5").text());
    assertThat(decision.notices()).singleElement().asString().startsWith("ignored: bonus free-points");
  }

  @Test
  void orderRule_matchingEveryCampaign_neverSeesAnEventBonus() {
    // given: a merchant rule that pays every campaign an order sees, whatever its kind
    String drl = """
        package org.loyaltyrules.loyalty.rules.merchant;

        import org.loyaltyrules.loyalty.rules.facts.*;

        global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

        rule "orders: every campaign"
        when
            OrderFact()
            $campaign : CampaignFact( kind != CampaignKind.MULTIPLIER, kind != CampaignKind.REFERRAL_BONUS )
        then
            decisions.bonus($campaign);
        end
        """;
    Shop shop = new Shop(LoyaltyRulesEngine.builder(taiwan(CHECK_IN))
        .ruleBase(Fixtures.defaultsWith("every-campaign.drl", drl)).build());
    shop.join(Member.of("m-1", taipei("2026-01-01T00:00"), "member"));

    // when
    Decision decision = shop.apply(new LoyaltyEvent.OrderPaid(Fixtures.order("o-1", "m-1", MONDAY, "1000")));

    // then: base points only, no check-in bonus on an order
    assertThat(keysOf(decision)).containsExactly(EntryKey.orderBase("o-1").text());
    assertThat(decision.budgetUse()).isEmpty();
  }

  @Test
  void checkpoint_horizonInsideTheLimitedWeek_refusesTheEvent() {
    // given: a ledger rebuilt from a checkpoint whose horizon is Wednesday of the event's week
    Shop shop = shop(taiwan(CHECK_IN));
    shop.apply(event("ci-1", "m-1", "check-in", MONDAY));
    PointLedger full = shop.ledger("m-1");
    Instant wednesday = taipei("2026-03-04T00:00");
    PointLedger rebuilt = PointLedger.fromCheckpoint(full.checkpoint(wednesday, wednesday), List.of());
    DecisionContext context = new DecisionContext(new MemberState(shop.member("m-1"), rebuilt), List.of());

    // when / then: Thursday's check-in must count Monday's, which the checkpoint dropped
    assertThatThrownBy(() -> shop.engine.decide(event("ci-2", "m-1", "check-in", taipei("2026-03-05T09:00")), context))
        .isInstanceOf(BeyondHorizonException.class)
        .hasMessageContaining("the start of the longest limited period");
    // and the next week's check-in is decided as from the full history
    Decision nextWeek = shop.engine.decide(event("ci-3", "m-1", "check-in", taipei("2026-03-09T09:00")), context);
    assertThat(nextWeek.pointsFor("m-1")).isEqualTo(Points.of(5));
  }

  @Test
  void eventBonusEntry_parsesBackToItsKeyAndEarnsNoSpend() {
    // given
    Shop shop = shop(taiwan(CHECK_IN));

    // when
    Decision decision = shop.apply(event("ci-1", "m-1", "check-in", MONDAY));

    // then
    LedgerEntry.Earned entry = (LedgerEntry.Earned) decision.entries().get(0);
    assertThat(EntryKey.parse(entry.key())).isEqualTo(new EntryKey.EventBonus("ci-1", "check-in-5"));
    assertThat(entry.spend().isZero()).isTrue();
    assertThat(entry.pendingUntil()).isEmpty();
    assertThat(entry.expiresAt()).isPresent();
    assertThat(entry.provenance().reason()).isEqualTo("\"Daily check-in\": 5 points for a check-in event");
    assertThat(LocalDate.ofInstant(entry.occurredAt(), Fixtures.TAIPEI)).isEqualTo(LocalDate.of(2026, 3, 2));
  }
}
