package org.loyaltyrules.loyalty.rules.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Period;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Tier;
import org.loyaltyrules.loyalty.rules.RuleEvaluationException;
import org.loyaltyrules.loyalty.rules.internal.EvaluationBound;

/**
 * The collector refuses what a hostile rule file could pass it: facts the engine did not insert
 * for this evaluation, numbers and texts outside the documented bounds, too many notices or
 * outputs. Each refusal is a typed {@link RuleEvaluationException} naming the rule, method,
 * argument, value and bound, records nothing, and sticks: the evaluation has failed even if the
 * rule catches it.
 */
class DecisionsTest {
  private static final String RULE = "acme: a rule";

  private final LineFact line = new LineFact("o-1", "l1", "SKU-1", "apparel", 1, new BigDecimal("100"));
  private final CampaignFact campaign = new CampaignFact(org.loyaltyrules.loyalty.Campaign.multiplier("double",
      "Double points", new BigDecimal("2"), org.loyaltyrules.loyalty.CampaignSchedule.always()));
  /** The tier the facts stand for; a forged fact may stand for the very same one. */
  private static final Tier GOLD = Tier.of("gold", 2, Money.of("30000", "TWD"), Period.ofMonths(12));
  private final TierFact tier = new TierFact(GOLD, new BigDecimal("31000"));
  private final UplineFact upline = new UplineFact("m-0", 1, "member", false);
  private final Decisions.Recorder recorder = recorder(List.of(line, campaign, tier, upline), 100);
  private final Decisions decisions = recorder.decisions();

  private static Decisions.Recorder recorder(List<Object> facts, int maxOutputs) {
    Decisions.Recorder recorder = Decisions.record(facts, new EvaluationBound(maxOutputs, 0));
    recorder.enterRule(RULE);
    return recorder;
  }

  private static String text(int length) {
    return "x".repeat(length);
  }

  /** A call with a refused argument, and the field, shown value and expectation it is refused with. */
  static Stream<Arguments> outOfRange() {
    return Stream.of(
        Arguments.of("baseRate.points", (FactCall) (d, f) -> d.baseRate(f.realLine(), -1, 100), "-1",
            "a whole number from 0 to 999999"),
        Arguments.of("baseRate.points", (FactCall) (d, f) -> d.baseRate(f.realLine(), 1_000_000, 100), "1000000",
            "a whole number from 0 to 999999"),
        Arguments.of("baseRate.perAmount", (FactCall) (d, f) -> d.baseRate(f.realLine(), 1, 0), "0",
            "from 1 to 1000000"),
        Arguments.of("baseRate.perAmount", (FactCall) (d, f) -> d.baseRate(f.realLine(), "1.5", 1_000_001),
            "1000001", "from 1 to 1000000"),
        Arguments.of("exclude.reason", (FactCall) (d, f) -> d.exclude(f.realLine(), text(201)),
            text(80) + "… (201 characters)", "a text of at most 200 characters without control characters"),
        Arguments.of("exclude.reason", (FactCall) (d, f) -> d.exclude(f.realLine(), null), "null",
            "a text of at most 200 characters without control characters"),
        Arguments.of("bonus.id", (FactCall) (d, f) -> d.bonus(" ", 10, "r"), " ",
            "an id of 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit"),
        Arguments.of("bonus.id", (FactCall) (d, f) -> d.bonus(text(101), 10, "r"),
            text(80) + "… (101 characters)", "an id of 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit"),
        Arguments.of("bonus.id", (FactCall) (d, f) -> d.bonus("a:b", 10, "r"), "a:b", "an id of 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit"),
        Arguments.of("bonus.id", (FactCall) (d, f) -> d.bonus("a\nb", 10, "r"), "a\nb", "an id of 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit"),
        Arguments.of("notice.text", (FactCall) (d, f) -> d.notice("line one\nforged line two"),
            "line one\nforged line two", "a text of at most 500 characters without control characters"),
        // Line and paragraph separators break lines as \n does; bidi overrides and zero-width characters
        // make a statement or log line read otherwise than it is (a rule may copy them from host data).
        Arguments.of("notice.text", (FactCall) (d, f) -> d.notice("line one\u2028forged line two"),
            "line one\u2028forged line two", "a text of at most 500 characters without control characters"),
        Arguments.of("notice.text", (FactCall) (d, f) -> d.notice("paid\u2029forged"), "paid\u2029forged",
            "a text of at most 500 characters without control characters"),
        Arguments.of("bonus.reason", (FactCall) (d, f) -> d.bonus("b", 10, "refund \u202E0001 stniop"),
            "refund \u202E0001 stniop", "a text of at most 200 characters without control characters"),
        Arguments.of("exclude.reason", (FactCall) (d, f) -> d.exclude(f.realLine(), "gift\u200Bcard"),
            "gift\u200Bcard", "a text of at most 200 characters without control characters"),
        Arguments.of("bonus.points", (FactCall) (d, f) -> d.bonus("b", 0, "r"), "0", "from 1 to 10000000"),
        Arguments.of("bonus.points", (FactCall) (d, f) -> d.bonus("b", 10_000_001, "r"), "10000001",
            "from 1 to 10000000"),
        Arguments.of("bonus.reason", (FactCall) (d, f) -> d.bonus("b", 10, text(201)),
            text(80) + "… (201 characters)", "a text of at most 200 characters without control characters"),
        Arguments.of("capOrderPoints.maxPoints", (FactCall) (d, f) -> d.capOrderPoints(-1, "r"), "-1",
            "from 0 to 1000000000"),
        Arguments.of("capOrderPoints.maxPoints", (FactCall) (d, f) -> d.capOrderPoints(1_000_000_001, "r"),
            "1000000001", "from 0 to 1000000000"),
        Arguments.of("capDailyPoints.maxPoints", (FactCall) (d, f) -> d.capDailyPoints(Integer.MAX_VALUE, "r"),
            "2147483647", "from 0 to 1000000000"),
        Arguments.of("capDailyPoints.reason", (FactCall) (d, f) -> d.capDailyPoints(10, null), "null",
            "a text of at most 200 characters without control characters"),
        Arguments.of("referralBonus.points", (FactCall) (d, f) -> d.referralBonus(f.upline(), 0), "0",
            "from 1 to 10000000"),
        Arguments.of("referralBonus.points", (FactCall) (d, f) -> d.referralBonus(f.upline(), 10_000_001),
            "10000001", "from 1 to 10000000"),
        Arguments.of("notice.text", (FactCall) (d, f) -> d.notice(text(501)), text(80) + "… (501 characters)",
            "a text of at most 500 characters without control characters"),
        Arguments.of("notice.text", (FactCall) (d, f) -> d.notice(null), "null",
            "a text of at most 500 characters without control characters"),
        Arguments.of("multiply.line", (FactCall) (d, f) -> d.multiply(null, null), "null",
            "a LineFact the engine inserted for this evaluation"));
  }

  @ParameterizedTest(name = "{0} [{2}]")
  @MethodSource("outOfRange")
  void collector_argumentOutOfRange_isARuleArgumentError(String field, FactCall call, String value,
      String expected) {
    // given: the facts this evaluation inserted
    Facts inserted = new Facts(line, campaign, tier, upline, line, campaign);

    // then
    assertThatThrownBy(() -> call.call(decisions, inserted))
        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
          assertThat(e.code()).isEqualTo("rule-argument");
          assertThat(e.rule()).isEqualTo(RULE);
          assertThat(e.field()).isEqualTo(field);
          assertThat(e.value()).isEqualTo(value);
          assertThat(e.expected()).isEqualTo(expected);
        });
    assertThat(recorder.outputs()).isEmpty();
    assertThat(recorder.failure()).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "+1", "1.", ".5", "1,5", " 1", "1 ", "1e3", "1E+2", "0x10", "1234567", "1.1234567",
      "\u0661", "NaN", "Infinity", "", "1e99999999"})
  void baseRate_pointsNotAPlainDecimalWithinBounds_isRefused(String points) {
    assertThatThrownBy(() -> decisions.baseRate(line, points, 100))
        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
          assertThat(e.code()).isEqualTo("rule-argument");
          assertThat(e.field()).isEqualTo("baseRate.points");
          assertThat(e.value()).isEqualTo(points);
        });
  }

  @Test
  void baseRate_exponent_isRefusedBeforeAnyArithmetic() {
    // then: the whole message, once for this exception shape
    assertThatThrownBy(() -> decisions.baseRate(line, "1e99999999", 100))
        .hasMessage("Rule argument refused: baseRate.points [1e99999999]; expected a plain decimal ≥ 0 with at most 6"
            + " integer and 6 fraction digits and no exponent, such as \"1.5\" (rule: acme: a rule)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1", "1.5", "007", "0.000001", "999999.999999"})
  void baseRate_plainDecimalWithinBounds_isRecordedExactly(String points) {
    // when
    decisions.baseRate(line, points, Decisions.MAX_PER_AMOUNT);

    // then
    assertThat(recorder.outputs()).singleElement().isInstanceOfSatisfying(Decisions.BaseRate.class, r -> {
      assertThat(r.points()).isEqualTo(new BigDecimal(points));
      assertThat(r.perAmount()).isEqualByComparingTo("1000000");
      assertThat(r.rule()).isEqualTo(RULE);
    });
  }

  @Test
  void everyCollectorMethod_atItsBounds_isRecorded() {
    // when
    decisions.baseRate(line, Decisions.MAX_RATE_POINTS, 1);
    decisions.baseRate(line, 0, Decisions.MAX_PER_AMOUNT);
    decisions.exclude(line, text(Decisions.MAX_REASON_LENGTH));
    decisions.multiply(line, campaign);
    decisions.bonus(campaign);
    decisions.bonus(text(Decisions.MAX_ID_LENGTH), Decisions.MAX_BONUS_POINTS, text(Decisions.MAX_REASON_LENGTH));
    decisions.bonus("b", 1, "");
    decisions.capOrderPoints(0, "");
    decisions.capDailyPoints(Decisions.MAX_CAP_POINTS, text(Decisions.MAX_REASON_LENGTH));
    decisions.qualifies(tier);
    decisions.review(tier);
    decisions.referralBonus(upline, Decisions.MAX_BONUS_POINTS);
    decisions.notice(text(Decisions.MAX_NOTICE_LENGTH));

    // then
    assertThat(recorder.outputs()).hasSize(13).allSatisfy(o -> assertThat(o.rule()).isEqualTo(RULE));
    assertThat(recorder.failure()).isEmpty();
  }

  /** Each collector call that takes a fact, given a stand-in for one fact argument. */
  static Stream<Arguments> factCalls() {
    return Stream.of(
        Arguments.of("baseRate.line", (FactCall) (d, f) -> d.baseRate(f.line, 1, 100)),
        Arguments.of("baseRate.line", (FactCall) (d, f) -> d.baseRate(f.line, "1.5", 100)),
        Arguments.of("exclude.line", (FactCall) (d, f) -> d.exclude(f.line, "r")),
        Arguments.of("multiply.line", (FactCall) (d, f) -> d.multiply(f.line, f.realCampaign)),
        Arguments.of("multiply.campaign", (FactCall) (d, f) -> d.multiply(f.realLine, f.campaign)),
        Arguments.of("bonus.campaign", (FactCall) (d, f) -> d.bonus(f.campaign)),
        Arguments.of("qualifies.tier", (FactCall) (d, f) -> d.qualifies(f.tier)),
        Arguments.of("review.currentTier", (FactCall) (d, f) -> d.review(f.tier)),
        Arguments.of("referralBonus.upline", (FactCall) (d, f) -> d.referralBonus(f.upline, 100)));
  }

  /** The facts a call passes: forged ones, and the real ones for the other argument. */
  record Facts(LineFact line, CampaignFact campaign, TierFact tier, UplineFact upline, LineFact realLine,
      CampaignFact realCampaign) {}

  @FunctionalInterface
  interface FactCall {
    void call(Decisions decisions, Facts facts);
  }

  private Facts forgeries() {
    // Equal in every field to the inserted facts: only identity tells them apart.
    return new Facts(new LineFact("o-1", "l1", "SKU-1", "apparel", 1, new BigDecimal("100")),
        new CampaignFact(campaign.campaign()),
        new TierFact(GOLD, new BigDecimal("31000")),
        new UplineFact("m-0", 1, "member", false), line, campaign);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("factCalls")
  void collector_factTheEngineDidNotInsert_isAForgedFactError(String field, FactCall call) {
    assertThatThrownBy(() -> call.call(decisions, forgeries()))
        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
          assertThat(e.code()).isEqualTo("forged-fact");
          assertThat(e.rule()).isEqualTo(RULE);
          assertThat(e.field()).isEqualTo(field);
        });
    assertThat(recorder.outputs()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("factCalls")
  void collector_factInsertedForAnotherEvaluation_isAForgedFactError(String field, FactCall call) {
    // given: the facts of this test's evaluation, passed to the collector of another one
    Decisions.Recorder other = recorder(List.of(), 100);
    Facts facts = new Facts(line, campaign, tier, upline, line, campaign);

    // then
    assertThatThrownBy(() -> call.call(other.decisions(), facts))
        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> assertThat(e.code()).isEqualTo("forged-fact"));
    assertThat(other.outputs()).isEmpty();
  }

  @Test
  void forgedFact_message() {
    LineFact forged = forgeries().line();

    assertThatThrownBy(() -> decisions.exclude(forged, "r"))
        .hasMessage("Forged fact refused: exclude.line [LineFact[l1, SKU-1, apparel, 100]]; expected a LineFact the"
            + " engine inserted for this evaluation, not one a rule made or kept (rule: acme: a rule)");
  }

  @Test
  void refusal_sticks_soALaterValidCallFailsTooAndRecordsNothing() {
    // given: a rule that catches the refusal and goes on
    RuleEvaluationException first = null;
    try {
      decisions.bonus("b", 0, "r");
    } catch (RuleEvaluationException e) {
      first = e;
    }

    // then
    RuleEvaluationException refused = first;
    assertThatThrownBy(() -> decisions.baseRate(line, 1, 100)).isSameAs(refused);
    assertThat(recorder.outputs()).isEmpty();
    assertThat(recorder.failure()).containsSame(refused);
  }

  @Test
  void notices_pastTheCountPerEvaluation_areARunaway() {
    // given: room for many more outputs than notices
    Decisions.Recorder recorder = recorder(List.of(), 10_000);
    Decisions decisions = recorder.decisions();
    for (int i = 0; i < Decisions.MAX_NOTICES; i++) {
      decisions.notice("n" + i);
    }

    // then
    assertThatThrownBy(() -> decisions.notice("one more"))
        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
          assertThat(e.code()).isEqualTo("rule-runaway");
          assertThat(e.rule()).isEqualTo(RULE);
        })
        .hasMessage("Runaway rules: notices [> 1000]; expected ≤ 1000 per evaluation (rule: acme: a rule, with 1001"
            + " of them; last: acme: a rule)");
    assertThat(recorder.outputs()).hasSize(Decisions.MAX_NOTICES);
  }

  @Test
  void outputs_pastTheBound_areARunaway() {
    // given: 2 + 1 per fact × 1 fact
    Decisions.Recorder small = Decisions.record(List.of(line), new EvaluationBound(2, 1));
    small.enterRule(RULE);
    for (int i = 0; i < 3; i++) {
      small.decisions().baseRate(line, 1, 100);
    }

    // then
    assertThatThrownBy(() -> small.decisions().exclude(line, "r"))
        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> assertThat(e.code()).isEqualTo("rule-runaway"))
        .hasMessage("Runaway rules: outputs [> 3]; expected ≤ 3 per evaluation of 1 facts (2 + 1 per fact)"
            + " (rule: acme: a rule, with 4 of them; last: acme: a rule)");
  }

  @Test
  void recorder_tracksWhetherAConsequenceRuns() {
    // given
    Decisions.Recorder fresh = Decisions.record(List.of(), new EvaluationBound(1, 0));

    // then
    assertThat(fresh.inConsequence()).isFalse();
    fresh.enterRule("r1");
    assertThat(fresh.inConsequence()).isTrue();
    fresh.leaveRule();
    assertThat(fresh.inConsequence()).isFalse();
    assertThat(fresh.firedRules()).containsExactly("r1");
    assertThat(fresh.currentRule()).isEqualTo("r1");
  }
}
