package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;

/**
 * A listener that throws from every call never changes what the engine decides: random sequences
 * of events (enrolments, orders, redemptions and their cancellation, early releases, expiry runs,
 * tier reviews, redeliveries, events the engine refuses: too many points, dated before
 * enrolment; and free orders, on which a merchant's rule throws) go to two hosts, one on an engine without listeners and one on an engine whose first
 * listener throws; every decision, and every refusal's type, code and message, is the same on both,
 * and each host's ledgers stay the same. The second listener hears each call exactly once, with the
 * event's kind, and a refusal as refused.
 */
class EngineListenerProperties {
  private static final Instant T0 = taipei("2025-01-06T10:00");
  private static final List<String> MEMBERS = List.of("ann", "bob");
  private static final Programme PROGRAMME = Fixtures.taiwan(
          Fixtures.bonus("welcome", CampaignKind.WELCOME_BONUS, 50, CampaignSchedule.always(), null))
      .toBuilder()
      .pendingPeriod(Period.ofDays(7))
      .pointsExpireAfter(Period.ofMonths(2), false)
      .redemption(Fixtures.twd("1"), Points.of(10))
      .build();
  /** The bundled rules and one that throws on a free order, so that the rules fail now and then. */
  private static final RuleBase RULES = EngineListenerTest.throwsOnFreeOrders();
  private static final LoyaltyRulesEngine PLAIN = LoyaltyRulesEngine.builder(PROGRAMME).ruleBase(RULES).build();
  /** Heard by the listening engine after its throwing listener; cleared before each try. */
  private static final RecordingListener HEARD = new RecordingListener();
  /** One engine for all tries, so the throwing listener's WARN is logged once, not once per try. */
  private static final LoyaltyRulesEngine LISTENED = LoyaltyRulesEngine.builder(PROGRAMME).ruleBase(RULES)
      .listener(new RecordingListener.Throwing()).listener(HEARD).build();

  /**
   * One step of a host's day.
   *
   * @param kind which event: 0 enrol, 1–3 order, 4 redeem, 5 cancel, 6 release, 7 expiry, 8 review,
   *     9 redeliver an earlier event
   * @param member the member's index
   * @param gapSeconds the time since the last step; a negative one may date the event before enrolment
   * @param amount the order's amount in NT$, or the points to redeem
   */
  record Step(int kind, int member, long gapSeconds, int amount) {}

  @Provide
  Arbitrary<List<Step>> days() {
    Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 9),
            Arbitraries.integers().between(0, MEMBERS.size() - 1),
            Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.longs().between(0, 10 * 86_400L)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(-800 * 86_400L, -1))),
            Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(1, 20_000))))
        .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(25);
  }

  @Property(tries = 150)
  void throwingListenerNeverChangesWhatIsDecided(@ForAll("days") List<Step> steps) {
    // given
    RecordingListener heard = HEARD;
    heard.clear();
    Shop plain = shop(PLAIN);
    Shop listened = shop(LISTENED);
    List<LoyaltyEvent> delivered = new ArrayList<>();
    List<String> expectedKinds = new ArrayList<>();
    List<Boolean> expectedOutcomes = new ArrayList<>();
    List<Boolean> expectedRefusals = new ArrayList<>();
    Instant now = T0;
    int n = 0;

    for (Step step : steps) {
      // when
      now = now.plusSeconds(step.gapSeconds());
      LoyaltyEvent event = event(step, now, ++n, delivered);
      String plainOutcome = outcome(plain, event);
      String listenedOutcome = outcome(listened, event);

      // then
      assertThat(listenedOutcome).isEqualTo(plainOutcome);
      expectedKinds.add(event.kind());
      expectedOutcomes.add(plainOutcome.startsWith("decided"));
      expectedRefusals.add(plainOutcome.startsWith("threw") && !plainOutcome.contains(RuleEvaluationException.class.getName()));
      if (plainOutcome.startsWith("decided")) {
        delivered.add(event);
      }
      Statistics.label("outcome").collect(plainOutcome.startsWith("decided") ? "decided"
          : expectedRefusals.get(expectedRefusals.size() - 1) ? "refused" : "rules failed");
    }
    for (String m : MEMBERS) {
      assertThat(listened.ledger(m).entries()).isEqualTo(plain.ledger(m).entries());
    }
    List<String> heardKinds = new ArrayList<>();
    heard.made.forEach(made -> heardKinds.add(made.eventKind()));
    heard.failed.forEach(failed -> heardKinds.add(failed.eventKind()));
    assertThat(heard.made).hasSize((int) expectedOutcomes.stream().filter(decided -> decided).count());
    assertThat(heard.failed).hasSize((int) expectedOutcomes.stream().filter(decided -> !decided).count());
    assertThat(heard.failed.stream().filter(EngineListener.EvaluationFailed::refused).count())
        .isEqualTo(expectedRefusals.stream().filter(refused -> refused).count());
    assertThat(heardKinds).containsExactlyInAnyOrderElementsOf(expectedKinds);
  }

  private static Shop shop(LoyaltyRulesEngine engine) {
    Shop shop = new Shop(engine).withoutInvariantChecks();
    for (String m : MEMBERS) {
      shop.join(Member.of(m, T0, "member"));
    }
    return shop;
  }

  private static LoyaltyEvent event(Step step, Instant at, int n, List<LoyaltyEvent> delivered) {
    String m = MEMBERS.get(step.member());
    return switch (step.kind()) {
      case 0 -> new LoyaltyEvent.MemberEnrolled("enrol-" + n, m, at);
      case 1, 2, 3 -> new LoyaltyEvent.OrderPaid(Fixtures.order("o-" + n, m, at, Integer.toString(step.amount())));
      case 4 -> new LoyaltyEvent.PointsRedeemed("redeem-" + n, m, Points.of(step.amount() + 1), at);
      case 5 -> new LoyaltyEvent.RedemptionCancelled("cancel-" + n, m, "redeem-" + step.amount() % n, at);
      case 6 -> new LoyaltyEvent.PendingReleased("release-" + n, m, "o-" + step.amount() % n, at);
      case 7 -> new LoyaltyEvent.ExpiryRun("expiry-" + n, m, at);
      case 8 -> new LoyaltyEvent.TierReview("review-" + n, m, at);
      default -> delivered.isEmpty()
          ? new LoyaltyEvent.ExpiryRun("expiry-" + n, m, at)
          : delivered.get(step.amount() % delivered.size());
    };
  }

  /** Decides and, if decided, appends: what happened, comparable across hosts. */
  private static String outcome(Shop shop, LoyaltyEvent event) {
    Decision decision;
    try {
      decision = shop.decide(event);
    } catch (LoyaltyException e) {
      return "threw " + e.getClass().getName() + " " + e.code() + ": " + e.getMessage();
    }
    try {
      shop.append(decision, event);
    } catch (LoyaltyException e) {
      return "decided " + decision + "; append threw " + e.getClass().getName() + ": " + e.getMessage();
    }
    return "decided " + decision;
  }
}
