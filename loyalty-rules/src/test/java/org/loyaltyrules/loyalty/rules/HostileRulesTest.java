package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.loyalty.rules.Fixtures.line;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.hostile.Stash;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;

/**
 * What a hostile rule file can still do at run time once it compiles: forge facts, pass extreme
 * numbers, throw anything (errors included) from a condition or a consequence, or decide more points
 * than a {@code long} holds. Each attempt fails only its own event, with a typed {@link
 * RuleEvaluationException} naming the rule, no decision and an untouched ledger; the same engine
 * then decides the next event as if nothing happened.
 *
 * <p>The file is compiled as trusted and without the compiled-code check (both would refuse most of
 * it: {@code new} of facts, {@code throw}, recursion), so that nothing stands between these rules
 * and the run-time defences tested here: each layer must hold on its own.
 */
class HostileRulesTest {
  static final String HOSTILE = """
      // hostile: rules that attack the engine at run time, for the run-time defence tests.
      // Facts read: OrderFact, LineFact, CampaignFact. Facts emitted: none.
      package org.loyaltyrules.loyalty.rules.hostile;

      import java.math.BigDecimal;
      import java.util.Set;
      import org.loyaltyrules.loyalty.Campaign;
      import org.loyaltyrules.loyalty.CampaignSchedule;
      import org.loyaltyrules.loyalty.Money;
      import org.loyaltyrules.loyalty.Points;
      import org.loyaltyrules.loyalty.rules.facts.CampaignFact;
      import org.loyaltyrules.loyalty.rules.facts.LineFact;
      import org.loyaltyrules.loyalty.rules.facts.OrderFact;
      import org.loyaltyrules.loyalty.rules.facts.TierFact;
      import org.loyaltyrules.loyalty.rules.facts.UplineFact;

      global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

      function int deeper(int depth) {
          return deeper(depth + 1) + 1;
      }

      rule "hostile: forge a line"
      when
          $line : LineFact( sku == "FORGE-LINE" )
      then
          decisions.baseRate(new LineFact($line.getOrderId(), $line.getLineId(), $line.getSku(), $line.getCategory(),
              $line.getQuantity(), $line.getEarningBase()), 999999, 1);
      end

      rule "hostile: forge a campaign"
      when
          LineFact( sku == "FORGE-CAMPAIGN" )
      then
          decisions.bonus(new CampaignFact(Campaign.thresholdBonus("forged", "Forged", Points.of(Long.MAX_VALUE),
              Money.of("1", "TWD"), CampaignSchedule.always())));
      end

      rule "hostile: forge a multiplier"
      when
          $line : LineFact( sku == "FORGE-MULTIPLIER" )
      then
          decisions.multiply($line, new CampaignFact(Campaign.multiplier("forged", "Forged", new BigDecimal("100"),
              CampaignSchedule.always())));
      end

      rule "hostile: forge a tier"
      when
          LineFact( sku == "FORGE-TIER" )
      then
          decisions.qualifies(new TierFact(org.loyaltyrules.loyalty.Tier.of("gold", 2, org.loyaltyrules.loyalty.Money.of("30000", "TWD"),
              java.time.Period.ofYears(1)), BigDecimal.ONE));
      end

      rule "hostile: forge an upline"
      when
          LineFact( sku == "FORGE-UPLINE" )
      then
          decisions.referralBonus(new UplineFact("m-1", 1, "member", false), 300);
      end

      rule "hostile: forge and catch the refusal"
      when
          $line : LineFact( sku == "FORGE-CATCH" )
      then
          try {
              decisions.exclude(new LineFact($line.getOrderId(), "x", "x", "x", 1, BigDecimal.ONE), "forged");
          } catch (RuntimeException ignored) {
          }
          try {
              decisions.baseRate($line, 999999, 1);
          } catch (RuntimeException ignored) {
          }
      end

      rule "hostile: keep a line for a later evaluation"
      when
          $line : LineFact( sku == "KEEP" )
      then
          Stash.kept = $line;
      end

      rule "hostile: reuse a line kept from an earlier evaluation"
      when
          LineFact( sku == "REUSE" )
      then
          decisions.baseRate((LineFact) Stash.kept, 999999, 1);
      end

      rule "hostile: a rate with an exponent"
      when
          $line : LineFact( sku == "EXPONENT" )
      then
          decisions.baseRate($line, "1e99999999", 100);
      end

      rule "hostile: the largest bonus an int holds"
      when
          LineFact( sku == "HUGE-BONUS" )
      then
          decisions.bonus("huge", Integer.MAX_VALUE, "huge");
      end

      rule "hostile: a notice for every pair of lines"
      when
          LineFact( sku == "NOTICES" )
          LineFact()
          LineFact()
      then
          decisions.notice("pair");
      end

      rule "hostile: recursion without end"
      when
          LineFact( sku == "DEEP" )
      then
          decisions.notice("depth " + deeper(0));
      end

      rule "hostile: an array beyond the VM limit"
      when
          LineFact( sku == "OOM" )
      then
          long[] huge = new long[Integer.MAX_VALUE];
          decisions.notice("length " + huge.length);
      end

      rule "hostile: a condition beyond the VM limit"
      when
          LineFact( sku == "OOM-WHEN", category.repeat(Integer.MAX_VALUE).length() > 0 )
      then
          decisions.notice("never reached");
      end

      rule "hostile: throw a caller's exception"
      when
          LineFact( sku == "CALLER-ERROR" )
      then
          if (decisions != null) {
              throw new org.loyaltyrules.loyalty.InsufficientPointsException("m-1", "points",
                  org.loyaltyrules.loyalty.Points.of(1), org.loyaltyrules.loyalty.Points.ZERO);
          }
      end

      rule "hostile: a bonus id as long as allowed"
      when
          LineFact( sku == "LONG-ID" )
      then
          decisions.bonus("b".repeat(100), 10, "a long id");
      end

      rule "hostile: a cap on every order"
      when
          LineFact( sku == "CAPPED" )
      then
          decisions.capOrderPoints(1000, "at most 1000 points an order");
      end
      """;
  private static final Instant PAID = taipei("2025-03-05T12:00");

  private static RuleBase hostile;

  @BeforeAll
  static void compile() {
    hostile = Fixtures.defaultsWithUncheckedCode("hostile.drl", HOSTILE);
  }

  @AfterEach
  void forgetTheStash() {
    Stash.kept = null;
  }

  private static Shop shop(Programme programme) {
    Shop shop = new Shop(LoyaltyRulesEngine.builder(programme).ruleBase(hostile).build());
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

  /** The same engine decides an ordinary order afterwards, and the failed event left no trace. */
  private static void decidesTheNextEvent(Shop shop, String id) {
    long before = shop.balance("m-1");
    Decision next = shop.apply(new LoyaltyEvent.OrderPaid(order(id, "m-1", PAID, "1000")));
    assertThat(next.firedRules()).containsExactly("earning: base rate for member tier");
    assertThat(shop.balance("m-1")).isEqualTo(before + 10);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "FORGE-LINE,       hostile: forge a line,                 baseRate.line",
      "FORGE-CAMPAIGN,   hostile: forge a campaign,             bonus.campaign",
      "FORGE-MULTIPLIER, hostile: forge a multiplier,           multiply.campaign",
      "FORGE-TIER,       hostile: forge a tier,                 qualifies.tier",
      "FORGE-UPLINE,     hostile: forge an upline,              referralBonus.upline",
      "FORGE-CATCH,      hostile: forge and catch the refusal,  exclude.line"})
  void forgedFact_failsTheEvaluation_andTheEngineDecidesTheNextEvent(String sku, String rule, String field) {
    // given
    Shop shop = shop(taiwan());

    // then
    assertThatThrownBy(() -> shop.apply(paid("o-1", sku, 1)))
        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
          assertThat(e.code()).isEqualTo("forged-fact");
          assertThat(e.rule()).isEqualTo(rule);
          assertThat(e.field()).isEqualTo(field);
        });
    assertThat(shop.ledger("m-1").size()).isZero();
    decidesTheNextEvent(shop, "ok-1");
  }

  @Test
  void factKeptFromAnEarlierEvaluation_isForged() {
    // given: a line of order o-1, kept by a rule
    Shop shop = shop(taiwan());
    shop.apply(paid("o-1", "KEEP", 1));
    assertThat(Stash.kept).isNotNull();

    // then: passing it while deciding o-2 is refused, though it is a real engine fact
    assertThatThrownBy(() -> shop.apply(paid("o-2", "REUSE", 1)))
        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
          assertThat(e.code()).isEqualTo("forged-fact");
          assertThat(e.rule()).isEqualTo("hostile: reuse a line kept from an earlier evaluation");
        });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "EXPONENT,   hostile: a rate with an exponent,          baseRate.points",
      "HUGE-BONUS, hostile: the largest bonus an int holds,   bonus.points"})
  void extremeArgument_isARuleArgumentError(String sku, String rule, String field) {
    // given
    Shop shop = shop(taiwan());

    // then
    assertThatThrownBy(() -> shop.apply(paid("o-1", sku, 1)))
        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
          assertThat(e.code()).isEqualTo("rule-argument");
          assertThat(e.rule()).isEqualTo(rule);
          assertThat(e.field()).isEqualTo(field);
        });
    decidesTheNextEvent(shop, "ok-1");
  }

  @Test
  void noticesPastTheCount_areARunaway() {
    // given: 40 lines make 1,600 notices, well within the output bound
    Shop shop = shop(taiwan());

    // then
    assertThatThrownBy(() -> shop.apply(paid("o-1", "NOTICES", 40)))
        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
          assertThat(e.code()).isEqualTo("rule-runaway");
          assertThat(e.rule()).isEqualTo("hostile: a notice for every pair of lines");
        })
        .hasMessageStartingWith("Runaway rules: notices [> 1000]");
    decidesTheNextEvent(shop, "ok-1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "DEEP,         hostile: recursion without end,            java.lang.StackOverflowError",
      "OOM,          hostile: an array beyond the VM limit,     java.lang.OutOfMemoryError",
      "CALLER-ERROR, hostile: throw a caller's exception,       org.loyaltyrules.loyalty.InsufficientPointsException"})
  void consequenceThatThrowsAnything_isARuleErrorNamingTheRule(String sku, String rule, String thrown) {
    // given
    Shop shop = shop(taiwan());

    // then: an error or a caller's exception type from rule code is the rule's failure, typed
    assertThatThrownBy(() -> shop.apply(paid("o-1", sku, 1)))
        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
          assertThat(e.code()).isEqualTo("rule-error");
          assertThat(e.rule()).isEqualTo(rule);
        })
        .hasMessageStartingWith("Rule failed: rule [" + rule + "] threw " + thrown);
    decidesTheNextEvent(shop, "ok-1");
  }

  @Test
  void conditionThatThrowsAnError_isARuleError() {
    // given
    Shop shop = shop(taiwan());

    // then: Drools names the rule of a failed condition only for exceptions; an error comes unnamed
    assertThatThrownBy(() -> shop.apply(paid("o-1", "OOM-WHEN", 1)))
        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
          assertThat(e.code()).isEqualTo("rule-error");
          assertThat(e.rule()).isEmpty();
          assertThat(e.getCause()).isInstanceOf(OutOfMemoryError.class);
        })
        .hasMessageStartingWith("Rule failed: a condition of a rule threw java.lang.OutOfMemoryError");
    decidesTheNextEvent(shop, "ok-1");
  }

  @Test
  void twoBonusesOfLongMaxValue_areAPointsOverflow_notAWrappedSum() {
    // given: two spend bonuses the programme's calendar allows, each the most a long holds
    Shop shop = shop(taiwan(maxBonus("max-a"), maxBonus("max-b")));

    // then
    assertThatThrownBy(() -> shop.apply(paid("o-1", "SKU-0", 1)))
        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
          assertThat(e.code()).isEqualTo("points-overflow");
          assertThat(e.field()).isEqualTo("points decision o-1 credits member m-1");
          assertThat(e.value()).isEqualTo("18446744073709551624");
        })
        .hasMessage("Points overflow: points decision o-1 credits member m-1 [18446744073709551624]; expected from"
            + " -9223372036854775808 to 9223372036854775807 points (rule: order-bonuses: order reaches the spend"
            + " threshold)");
    assertThat(shop.ledger("m-1").size()).isZero();
  }

  @Test
  void twoBonusesOfLongMaxValue_underACap_earnTheCapExactly() {
    // given: the sum the cap is taken from no longer wraps, so the cap cuts what it should
    Shop shop = shop(taiwan(maxBonus("max-a"), maxBonus("max-b")));

    // when
    Decision decision = shop.apply(paid("o-1", "CAPPED", 1));

    // then
    assertThat(decision.pointsFor("m-1").value()).isEqualTo(1000);
    assertThat(Fixtures.points(decision, EntryKey.orderBase("o-1"))).isEqualTo(10);
  }

  @Test
  void entriesThatCannotBeRecorded_areAnEvaluationError() {
    // given: a long order id and a bonus id of the most characters allowed make a ledger key past 256
    Shop shop = shop(taiwan());
    String longId = "o-" + "9".repeat(150);

    // then: the rules' output could not be accounted for, which is not the caller's mistake
    assertThatThrownBy(() -> shop.apply(paid(longId, "LONG-ID", 1)))
        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
          assertThat(e.code()).isEqualTo("evaluation-error");
          assertThat(e.getCause()).isInstanceOf(org.loyaltyrules.loyalty.InvalidValueException.class);
        })
        .hasMessageStartingWith("Evaluation failed: what the rules decided for event [" + longId
            + "] could not be accounted for: org.loyaltyrules.loyalty.InvalidValueException");
    decidesTheNextEvent(shop, "ok-1");
  }

  @Test
  void callerMistakes_keepTheirTypes() {
    // given
    Shop shop = shop(taiwan());

    // then: a redemption beyond the balance is the caller's, not the rules'
    assertThatThrownBy(() -> shop.decide(new LoyaltyEvent.PointsRedeemed("r-1", "m-1",
        org.loyaltyrules.loyalty.Points.of(500), PAID)))
        .isInstanceOf(org.loyaltyrules.loyalty.InsufficientPointsException.class);
  }

  private static Campaign maxBonus(String id) {
    return Fixtures.bonus(id, CampaignKind.THRESHOLD_BONUS, Long.MAX_VALUE, CampaignSchedule.always(), "1");
  }
}
