package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.loyalty.rules.Fixtures.line;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;

/**
 * A rule that loops, floods the decision with outputs, or fails is stopped by counting (firings and
 * outputs per evaluation, never time): the event gets a {@link RuleEvaluationException} and no
 * decision, the ledger is untouched, and the same engine goes on serving the next event. The bounds
 * grow with the facts inserted ({@code base + perFact × facts}), so a large order decides while a
 * rule whose work grows with pairs of lines still trips them; most tests here set the per-fact
 * allowance to 0 to test the base bound exactly.
 */
class RuleBoundsTest {
  /** Trusted, so that no policy check stands between these rules and the bounds they test. */
  private static final String MISBEHAVING = """
      // misbehaving: rules that never stop, flood the decision or fail, for the bounds tests.
      // Facts read: LineFact. Facts emitted: none. Only code the compiled-code check lets through:
      // no insert, so the looping rule is a join whose firings grow with the cube of the lines.
      package org.loyaltyrules.loyalty.rules.misbehaving;

      import org.loyaltyrules.loyalty.rules.facts.LineFact;

      global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

      rule "misbehaving: fire for every triple of lines"
      when
          $line : LineFact( sku == "LOOP" )
          LineFact()
          LineFact()
          LineFact()
      then
          if ($line.getQuantity() < 0) {
              decisions.notice("never: firings without outputs");
          }
      end

      rule "misbehaving: a notice for every pair of lines"
      when
          LineFact( sku == "FLOOD" )
          LineFact()
          LineFact()
      then
          decisions.notice("flood");
      end

      rule "misbehaving: a condition that fails"
      when
          LineFact( sku == "BOOM", quantity / 0 > 1 )
      then
          decisions.notice("never reached");
      end

      rule "misbehaving: a firing for every pair of lines"
      when
          $line : LineFact( sku == "PAIRS" )
          LineFact()
          LineFact()
      then
          if ($line.getQuantity() < 0) {
              decisions.notice("never: only the firings count");
          }
      end

      rule "misbehaving: a consequence that fails"
      when
          $line : LineFact( sku == "FAIL" )
      then
          decisions.bonus("fail", 1 / ($line.getQuantity() - 1), "a division by zero");
      end
      """;
  /**
   * Rules that run before every bundled rule (salience, which the compiled-code check refuses in
   * merchant files, hence compiled unchecked): a bundled rule then emits or fires last.
   */
  private static final String FIRST = """
      // misbehaving-first: floods that run before every bundled rule, so that one of those is last.
      // Facts read: LineFact. Facts emitted: none.
      package org.loyaltyrules.loyalty.rules.misbehaving;

      import org.loyaltyrules.loyalty.rules.facts.LineFact;

      global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

      rule "misbehaving: a notice for every pair of lines, before any other rule"
      salience 100
      when
          LineFact( sku == "FLOOD-FIRST" )
          LineFact()
          LineFact()
      then
          decisions.notice("flood first");
      end

      rule "misbehaving: a firing for every pair of lines, before any other rule"
      salience 100
      when
          $line : LineFact( sku == "PAIRS-FIRST" )
          LineFact()
          LineFact()
      then
          if ($line.getQuantity() < 0) {
              decisions.notice("never: only the firings count");
          }
      end
      """;
  private static final Instant PAID = taipei("2025-03-05T12:00");

  private static RuleBase misbehaving;
  private static RuleBase first;

  @BeforeAll
  static void compile() {
    misbehaving = Fixtures.defaultsWith("misbehaving.drl", MISBEHAVING);
    first = Fixtures.defaultsWithUncheckedCode("misbehaving-first.drl", FIRST);
  }

  /** An engine with exactly these bounds: no per-fact allowance. */
  private static Shop shop(int maxFirings, int maxOutputs) {
    return shop(LoyaltyRulesEngine.builder(taiwan()).ruleBase(misbehaving).maxRuleFirings(maxFirings)
        .ruleFiringsPerFact(0).maxOutputs(maxOutputs).outputsPerFact(0));
  }

  private static Shop shop(LoyaltyRulesEngine.Builder builder) {
    Shop shop = new Shop(builder.build());
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), "member"));
    return shop;
  }

  private static LoyaltyEvent.OrderPaid paid(String id, String sku, int lines) {
    List<OrderLine> list = new ArrayList<>();
    list.add(line("l0", sku, "apparel", 1, "1000"));
    for (int i = 1; i < lines; i++) {
      list.add(line("l" + i, "SKU-" + i, "apparel", 1, "100"));
    }
    return new LoyaltyEvent.OrderPaid(new Order(id, "m-1", PAID, Channel.ONLINE_STORE, Fixtures.TWD, list,
        Fixtures.twd("0"), Fixtures.twd("0")));
  }

  private static int firings(String message) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("firings \\[(\\d+)\\]").matcher(message);
    assertThat(m.find()).as("firing count in %s", message).isTrue();
    return Integer.parseInt(m.group(1));
  }

  @Test
  void loopingRule_stoppedAtTheFiringBound_withNoDecision() {
    // given
    Shop shop = shop(1_000, 10_000);

    // then
    assertThatThrownBy(() -> shop.decide(paid("o-1", "LOOP", 30)))
        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
          assertThat(e.code()).isEqualTo("rule-runaway");
          assertThat(e.rule()).isEqualTo("misbehaving: fire for every triple of lines");
        })
        // A 30-line order: the event, the member, its segment, the order, 30 lines and the two tiers above the member's.
        .hasMessageMatching("Runaway rules: firings \\[(\\d+)\\]; expected ≤ 1000 per evaluation of 36 facts"
            + " \\(1000 \\+ 0 per fact\\) \\(rule: misbehaving: fire for every triple of lines, with \\d+ of them;"
            + " last: misbehaving: fire for every triple of lines\\)")
        // Drools stops one or two firings past the limit it is given; never thousands.
        .satisfies(e -> assertThat(firings(e.getMessage())).isBetween(1_001, 1_002));
    assertThat(shop.ledger("m-1").size()).isZero();
  }

  @Test
  void loopingRule_stoppedByTheDefaultBoundToo() {
    // given
    Shop shop = shop(LoyaltyRulesEngine.builder(taiwan()).ruleBase(misbehaving));

    // then: a 30-line order fires 27,000 times; 10,000 + 10 per fact × 36 facts
    assertThatThrownBy(() -> shop.decide(paid("o-1", "LOOP", 30)))
        .isInstanceOf(RuleEvaluationException.class)
        .hasMessageContaining("; expected ≤ 10360 per evaluation of 36 facts (10000 + 10 per fact)")
        .satisfies(e -> assertThat(firings(e.getMessage())).isBetween(10_361, 10_362));
  }

  @Test
  void firingBound_growsByTheAllowancePerFact() {
    // given: 100 + 7 per fact × 36 facts = 352
    Shop shop = shop(LoyaltyRulesEngine.builder(taiwan()).ruleBase(misbehaving).maxRuleFirings(100)
        .ruleFiringsPerFact(7));

    // then
    assertThatThrownBy(() -> shop.decide(paid("o-1", "LOOP", 30)))
        .isInstanceOf(RuleEvaluationException.class)
        .hasMessageContaining("; expected ≤ 352 per evaluation of 36 facts (100 + 7 per fact)")
        .satisfies(e -> assertThat(firings(e.getMessage())).isBetween(353, 354));
  }

  @Test
  void outputBound_growsByTheAllowancePerFact() {
    // given: 20 lines make 400 notices and 20 rates; 100 + 10 per fact × 26 facts = 360
    Shop shop = shop(LoyaltyRulesEngine.builder(taiwan()).ruleBase(misbehaving).maxOutputs(100).outputsPerFact(10));

    // then
    assertThatThrownBy(() -> shop.decide(paid("o-1", "FLOOD", 20)))
        .isInstanceOf(RuleEvaluationException.class)
        .hasMessage("Runaway rules: outputs [> 360]; expected ≤ 360 per evaluation of 26 facts (100 + 10 per fact)"
            + " (rule: misbehaving: a notice for every pair of lines, with 361 of them;"
            + " last: misbehaving: a notice for every pair of lines)");
  }

  @Test
  void tenThousandLineOrder_onADoublePointsDay_decidesUnderTheDefaults() {
    // given: two firings and two outputs per line (base rate, multiplier), and a tier upgrade
    Campaign doubleDay = Campaign.multiplier("double-0305", "Double points 3/5", new BigDecimal("2"),
        CampaignSchedule.yearlyOn(MonthDay.of(3, 5)));
    Shop shop = shop(LoyaltyRulesEngine.builder(taiwan(doubleDay)).ruleBase(misbehaving));

    // when
    Decision decision = shop.decide(paid("o-1", "SKU-0", 10_000));

    // then: the first line is NT$1,000 (10 points), the others NT$100 (1 point) each, all doubled;
    // silver and gold both qualify
    assertThat(decision.firedRules()).hasSize(20_002);
    assertThat(Fixtures.points(decision, EntryKey.orderBase("o-1"))).isEqualTo(10_009);
    assertThat(Fixtures.points(decision, EntryKey.orderCampaign("o-1", "double-0305"))).isEqualTo(10_009);
    assertThat(decision.tierChange()).hasValueSatisfying(change -> assertThat(change.to()).isEqualTo("gold"));
  }

  @Test
  void tenThousandLineOrder_onADoublePointsDay_failsWithoutThePerFactAllowance() {
    // given: the bounds before they grew with the order
    Campaign doubleDay = Campaign.multiplier("double-0305", "Double points 3/5", new BigDecimal("2"),
        CampaignSchedule.yearlyOn(MonthDay.of(3, 5)));
    Shop shop = shop(LoyaltyRulesEngine.builder(taiwan(doubleDay)).ruleBase(misbehaving).ruleFiringsPerFact(0)
        .outputsPerFact(0));

    // then
    assertThatThrownBy(() -> shop.decide(paid("o-1", "SKU-0", 10_000)))
        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> assertThat(e.code()).isEqualTo("rule-runaway"));
  }

  @Test
  void ruleFiringForEveryPairOfLines_stillTripsTheDefaultBound() {
    // given: 200 lines make 40,000 firings; 10,000 + 10 per fact × 206 facts = 12,060
    Shop shop = shop(LoyaltyRulesEngine.builder(taiwan()).ruleBase(misbehaving));

    // then
    assertThatThrownBy(() -> shop.decide(paid("o-1", "PAIRS", 200)))
        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
          assertThat(e.code()).isEqualTo("rule-runaway");
          assertThat(e.rule()).isEqualTo("misbehaving: a firing for every pair of lines");
        })
        .hasMessageContaining("; expected ≤ 12060 per evaluation of 206 facts (10000 + 10 per fact)");
  }

  @Test
  void floodingRule_stoppedAtTheOutputBound() {
    // given: 20 lines make 400 notices; at most 200 outputs
    Shop shop = shop(10_000, 200);

    // then
    assertThatThrownBy(() -> shop.decide(paid("o-1", "FLOOD", 20)))
        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
          assertThat(e.code()).isEqualTo("rule-runaway");
          assertThat(e.rule()).isEqualTo("misbehaving: a notice for every pair of lines");
        })
        .hasMessage("Runaway rules: outputs [> 200]; expected ≤ 200 per evaluation of 26 facts (200 + 0 per fact)"
            + " (rule: misbehaving: a notice for every pair of lines, with 201 of them;"
            + " last: misbehaving: a notice for every pair of lines)");
  }

  @Test
  void failingConsequence_isARuleError() {
    // given
    Shop shop = shop(1_000, 200);

    // then
    assertThatThrownBy(() -> shop.decide(paid("o-1", "FAIL", 1)))
        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
          assertThat(e.code()).isEqualTo("rule-error");
          assertThat(e.rule()).isEqualTo("misbehaving: a consequence that fails");
          assertThat(e.getCause()).isInstanceOf(ArithmeticException.class);
        })
        .hasMessage("Rule failed: rule [misbehaving: a consequence that fails] threw java.lang.ArithmeticException:"
            + " / by zero");
  }

  @Test
  void failingCondition_isARuleError() {
    // given
    Shop shop = shop(1_000, 200);

    // then: a typed failure, not a raw exception from inside Drools
    assertThatThrownBy(() -> shop.decide(paid("o-1", "BOOM", 1)))
        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
          assertThat(e.code()).isEqualTo("rule-error");
          assertThat(e.rule()).isEqualTo("misbehaving: a condition that fails");
          assertThat(e.getCause()).isNotNull();
        })
        .hasMessageStartingWith("Rule failed: a condition of rule [misbehaving: a condition that fails] threw"
            + " java.lang.ArithmeticException");
  }

  @Test
  void afterEachFailure_theSameEngineDecidesTheNextEvent() {
    // given: 20 lines make 400 pairs, past 300 firings
    Shop shop = shop(300, 200);

    for (String sku : List.of("LOOP", "FLOOD", "PAIRS", "FAIL", "BOOM")) {
      // when
      assertThatThrownBy(() -> shop.decide(paid("bad-" + sku, sku, 20))).isInstanceOf(RuleEvaluationException.class);
      Decision next = shop.apply(new LoyaltyEvent.OrderPaid(order("ok-" + sku, "m-1", PAID, "1000")));

      // then
      assertThat(next.firedRules()).containsExactly("earning: base rate for member tier");
      assertThat(next.pointsFor("m-1").value()).isEqualTo(10);
    }
    assertThat(shop.balance("m-1")).isEqualTo(50);
  }

  @Test
  void bounds_countFiringsNotTime_soTheSameEventFailsTheSameWayEveryTime() {
    // given
    Shop shop = shop(1_000, 10_000);
    List<String> messages = new ArrayList<>();

    // when
    for (int i = 0; i < 3; i++) {
      try {
        shop.decide(paid("o-1", "LOOP", 30));
      } catch (RuleEvaluationException e) {
        messages.add(e.getMessage());
      }
    }

    // then
    assertThat(messages).hasSize(3).containsOnly(messages.get(0));
  }

  @Test
  void boundsJustAboveWhatAnOrderNeeds_letItThrough() {
    // given: a 3-line order on the defaults fires 3 earning rules and emits 3 rates
    Shop shop = shop(3, 3);

    // when
    Decision decision = shop.apply(paid("o-1", "SKU-0", 3));

    // then
    assertThat(decision.firedRules()).hasSize(3);
  }

  @Test
  void floodingRule_thenABundledRuleCrossesTheOutputBound_blamesTheFloodingRule() {
    // given: 20 lines make 400 notices first; a bound of exactly 400 outputs, so the bundled base
    // rate emits the output that crosses it (the issue saw such an innocent rule named)
    Shop shop = shop(LoyaltyRulesEngine.builder(taiwan()).ruleBase(first).maxRuleFirings(100_000)
        .ruleFiringsPerFact(0).maxOutputs(400).outputsPerFact(0));

    // then
    assertThatThrownBy(() -> shop.decide(paid("o-1", "FLOOD-FIRST", 20)))
        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
          assertThat(e.code()).isEqualTo("rule-runaway");
          assertThat(e.rule()).isEqualTo("misbehaving: a notice for every pair of lines, before any other rule");
        })
        .hasMessage("Runaway rules: outputs [> 400]; expected ≤ 400 per evaluation of 26 facts (400 + 0 per fact)"
            + " (rule: misbehaving: a notice for every pair of lines, before any other rule, with 400 of them;"
            + " last: earning: base rate for member tier)");
  }

  @Test
  void loopingRule_thenABundledRuleCrossesTheFiringBound_blamesTheLoopingRule() {
    // given: 20 lines make 400 firings first; a bound of exactly 400 firings, so the bundled base
    // rate is the one that fires past it
    Shop shop = shop(LoyaltyRulesEngine.builder(taiwan()).ruleBase(first).maxRuleFirings(400)
        .ruleFiringsPerFact(0).maxOutputs(100_000).outputsPerFact(0));

    // then
    assertThatThrownBy(() -> shop.decide(paid("o-1", "PAIRS-FIRST", 20)))
        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
          assertThat(e.code()).isEqualTo("rule-runaway");
          assertThat(e.rule()).isEqualTo("misbehaving: a firing for every pair of lines, before any other rule");
        })
        .hasMessageMatching("Runaway rules: firings \\[\\d+\\]; expected ≤ 400 per evaluation of 26 facts"
            + " \\(400 \\+ 0 per fact\\) \\(rule: misbehaving: a firing for every pair of lines, before any other"
            + " rule, with 400 of them; last: earning: base rate for member tier\\)");
  }

  @Test
  void tenThousandLineOrder_onAPlainDay_decidesWithTheDefaultRulesAndBounds() {
    // given
    Shop shop = shop(LoyaltyRulesEngine.builder(taiwan()).ruleBase(Fixtures.defaults()));

    // when
    Decision decision = shop.decide(paid("o-1", "SKU-0", 10_000));

    // then: one base rate per line, and the qualifications of silver and gold
    assertThat(Fixtures.points(decision, EntryKey.orderBase("o-1"))).isEqualTo(10_009);
    assertThat(decision.firedRules()).hasSize(10_002);
    assertThat(decision.tierChange()).hasValueSatisfying(change -> assertThat(change.to()).isEqualTo("gold"));
  }

  @Test
  void tenThousandLineOrder_withCampaignsOnADoublePointsDay_decidesWithTheDefaultRulesAndBounds() {
    // given: the issue saw 6,000 lines fail on a double-points day; a multiplier and a spend bonus
    Campaign doubleDay = Campaign.multiplier("double-0305", "Double points 3/5", new BigDecimal("2"),
        CampaignSchedule.yearlyOn(MonthDay.of(3, 5)));
    Campaign bonus = Fixtures.bonus("big-spender", CampaignKind.THRESHOLD_BONUS, 500,
        CampaignSchedule.yearlyOn(MonthDay.of(3, 5)), "100000");
    Shop shop = shop(LoyaltyRulesEngine.builder(taiwan(doubleDay, bonus)).ruleBase(Fixtures.defaults()));

    for (int lines : new int[] {6_000, 10_000}) {
      // when
      Decision decision = shop.decide(paid("o-" + lines, "SKU-0", lines));

      // then
      long base = 10 + (lines - 1);
      assertThat(Fixtures.points(decision, EntryKey.orderBase("o-" + lines))).isEqualTo(base);
      assertThat(Fixtures.points(decision, EntryKey.orderCampaign("o-" + lines, "double-0305"))).isEqualTo(base);
      assertThat(Fixtures.points(decision, EntryKey.orderBonus("o-" + lines, "big-spender"))).isEqualTo(500);
    }
  }
}
