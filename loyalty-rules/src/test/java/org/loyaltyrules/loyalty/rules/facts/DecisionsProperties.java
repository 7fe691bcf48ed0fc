package org.loyaltyrules.loyalty.rules.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.time.Period;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.IntRange;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Tier;
import org.loyaltyrules.loyalty.rules.RuleEvaluationException;
import org.loyaltyrules.loyalty.rules.internal.EvaluationBound;

/**
 * Invariants of the collector a hostile rule calls: a fact it was not given is always refused, an
 * argument outside its documented bounds is always refused with the typed error naming it, one
 * within them is always recorded as given, and a refusal always fails the evaluation.
 */
class DecisionsProperties {
  private static final String RULE = "acme: a rule";

  /** The facts of one evaluation, as the engine inserts them. */
  record Facts(LineFact line, CampaignFact campaign, TierFact tier, UplineFact upline) {
    List<Object> all() {
      return List.of(line, campaign, tier, upline);
    }

    /** Equal in every field, another instance. */
    Facts copy() {
      return new Facts(
          new LineFact(line.getOrderId(), line.getLineId(), line.getSku(), line.getCategory(), line.getQuantity(),
              line.getEarningBase()),
          new CampaignFact(campaign.campaign()),
          new TierFact(tier.tier(), tier.getSpendInWindow()),
          new UplineFact(upline.getMemberId(), upline.getLevel(), upline.getTier(), upline.isBonusPaid()));
    }
  }

  @Provide
  Arbitrary<Facts> facts() {
    Arbitrary<String> ids = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(8);
    Arbitrary<BigDecimal> amounts = Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("100000"))
        .ofScale(2);
    Arbitrary<LineFact> lines = Combinators.combine(ids, ids, ids, Arbitraries.integers().between(1, 99), amounts)
        .as((order, line, sku, quantity, base) -> new LineFact(order, line, sku, "apparel", quantity, base));
    Arbitrary<CampaignFact> campaigns = Combinators.combine(ids, Arbitraries.of(true, false),
            Arbitraries.longs().between(1, Long.MAX_VALUE))
        .as((id, multiplier, bonus) -> new CampaignFact(multiplier
            ? org.loyaltyrules.loyalty.Campaign.multiplier(id, "Campaign " + id, BigDecimal.TEN,
                org.loyaltyrules.loyalty.CampaignSchedule.always())
            : org.loyaltyrules.loyalty.Campaign.thresholdBonus(id, "Campaign " + id,
                org.loyaltyrules.loyalty.Points.of(bonus), org.loyaltyrules.loyalty.Money.of("1", "TWD"),
                org.loyaltyrules.loyalty.CampaignSchedule.always())));
    Arbitrary<TierFact> tiers = Combinators.combine(ids, Arbitraries.integers().between(0, 5), amounts, amounts)
        .as((code, rank, threshold, spend) -> new TierFact(
            Tier.of(code, rank, Money.of(threshold, Currency.getInstance("TWD")), Period.ofMonths(12)), spend));
    Arbitrary<UplineFact> uplines = Combinators.combine(ids, Arbitraries.integers().between(1, 3), ids,
            Arbitraries.of(true, false))
        .as(UplineFact::new);
    return Combinators.combine(lines, campaigns, tiers, uplines).as(Facts::new);
  }

  /** Every collector call that takes a fact, made with the facts given. */
  enum FactCall {
    BASE_RATE("baseRate.line") {
      @Override
      void call(Decisions d, Facts forged, Facts real) {
        d.baseRate(forged.line(), 1, 100);
      }
    },
    DECIMAL_BASE_RATE("baseRate.line") {
      @Override
      void call(Decisions d, Facts forged, Facts real) {
        d.baseRate(forged.line(), "1.5", 100);
      }
    },
    EXCLUDE("exclude.line") {
      @Override
      void call(Decisions d, Facts forged, Facts real) {
        d.exclude(forged.line(), "r");
      }
    },
    MULTIPLY_LINE("multiply.line") {
      @Override
      void call(Decisions d, Facts forged, Facts real) {
        d.multiply(forged.line(), real.campaign());
      }
    },
    MULTIPLY_CAMPAIGN("multiply.campaign") {
      @Override
      void call(Decisions d, Facts forged, Facts real) {
        d.multiply(real.line(), forged.campaign());
      }
    },
    BONUS("bonus.campaign") {
      @Override
      void call(Decisions d, Facts forged, Facts real) {
        d.bonus(forged.campaign());
      }
    },
    QUALIFIES("qualifies.tier") {
      @Override
      void call(Decisions d, Facts forged, Facts real) {
        d.qualifies(forged.tier());
      }
    },
    REVIEW("review.currentTier") {
      @Override
      void call(Decisions d, Facts forged, Facts real) {
        d.review(forged.tier());
      }
    },
    REFERRAL("referralBonus.upline") {
      @Override
      void call(Decisions d, Facts forged, Facts real) {
        d.referralBonus(forged.upline(), 100);
      }
    };

    final String field;

    FactCall(String field) {
      this.field = field;
    }

    abstract void call(Decisions d, Facts forged, Facts real);
  }

  @Property(tries = 300)
  void anyForgedFactPassedToAnyCollectorMethodIsRefusedAndFailsTheEvaluation(@ForAll("facts") Facts real,
      @ForAll FactCall call, @ForAll boolean fromAnotherEvaluation, @ForAll @IntRange(max = 5) int validBefore) {
    // given: an evaluation with some valid outputs already, and a forgery equal to its facts or a real
    // fact of another evaluation
    Decisions.Recorder recorder = Decisions.record(real.all(), new EvaluationBound(100, 0));
    recorder.enterRule(RULE);
    Facts other = real.copy();
    Decisions.record(other.all(), new EvaluationBound(100, 0));
    Facts forged = fromAnotherEvaluation ? other : real.copy();
    for (int i = 0; i < validBefore; i++) {
      recorder.decisions().baseRate(real.line(), 1, 100);
    }

    // when
    Throwable thrown = catchThrowable(() -> call.call(recorder.decisions(), forged, real));

    // then
    assertThat(thrown).isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
      assertThat(e.code()).isEqualTo("forged-fact");
      assertThat(e.field()).isEqualTo(call.field);
      assertThat(e.rule()).isEqualTo(RULE);
    });
    assertThat(recorder.outputs()).hasSize(validBefore);
    assertThat(recorder.failure()).containsSame((RuleEvaluationException) thrown);
    // The evaluation has failed: even a valid call now throws, so the engine makes no decision.
    assertThatThrownBy(() -> recorder.decisions().qualifies(real.tier())).isSameAs(thrown);
  }

  @Property(tries = 100)
  void theFactsTheEngineInsertedAreAlwaysAccepted(@ForAll("facts") Facts real, @ForAll FactCall call) {
    // given
    Decisions.Recorder recorder = Decisions.record(real.all(), new EvaluationBound(100, 0));

    // when
    call.call(recorder.decisions(), real, real);

    // then
    assertThat(recorder.outputs()).hasSize(1);
    assertThat(recorder.failure()).isEmpty();
  }

  /** Every whole-number argument of the collector, with its documented bounds. */
  enum IntArgument {
    RATE_POINTS("baseRate.points", 0, Decisions.MAX_RATE_POINTS) {
      @Override
      void call(Decisions d, Facts f, int value) {
        d.baseRate(f.line(), value, 100);
      }
    },
    RATE_PER_AMOUNT("baseRate.perAmount", 1, Decisions.MAX_PER_AMOUNT) {
      @Override
      void call(Decisions d, Facts f, int value) {
        d.baseRate(f.line(), 1, value);
      }
    },
    DECIMAL_RATE_PER_AMOUNT("baseRate.perAmount", 1, Decisions.MAX_PER_AMOUNT) {
      @Override
      void call(Decisions d, Facts f, int value) {
        d.baseRate(f.line(), "0.5", value);
      }
    },
    BONUS_POINTS("bonus.points", 1, Decisions.MAX_BONUS_POINTS) {
      @Override
      void call(Decisions d, Facts f, int value) {
        d.bonus("b", value, "r");
      }
    },
    ORDER_CAP("capOrderPoints.maxPoints", 0, Decisions.MAX_CAP_POINTS) {
      @Override
      void call(Decisions d, Facts f, int value) {
        d.capOrderPoints(value, "r");
      }
    },
    DAILY_CAP("capDailyPoints.maxPoints", 0, Decisions.MAX_CAP_POINTS) {
      @Override
      void call(Decisions d, Facts f, int value) {
        d.capDailyPoints(value, "r");
      }
    },
    REFERRAL_POINTS("referralBonus.points", 1, Decisions.MAX_BONUS_POINTS) {
      @Override
      void call(Decisions d, Facts f, int value) {
        d.referralBonus(f.upline(), value);
      }
    };

    final String field;
    final int min;
    final int max;

    IntArgument(String field, int min, int max) {
      this.field = field;
      this.min = min;
      this.max = max;
    }

    abstract void call(Decisions d, Facts f, int value);
  }

  @Provide
  Arbitrary<Tuple2<IntArgument, Integer>> outOfRange() {
    return Arbitraries.of(IntArgument.class).flatMap(a -> Arbitraries.oneOf(
            Arbitraries.integers().lessOrEqual(a.min - 1),
            Arbitraries.integers().greaterOrEqual(a.max + 1),
            Arbitraries.of(a.min - 1, a.max + 1, Integer.MIN_VALUE, Integer.MAX_VALUE))
        .map(v -> Tuple.of(a, v)));
  }

  @Provide
  Arbitrary<Tuple2<IntArgument, Integer>> inRange() {
    return Arbitraries.of(IntArgument.class).flatMap(a -> Arbitraries.oneOf(
            Arbitraries.integers().between(a.min, a.max), Arbitraries.of(a.min, a.max))
        .map(v -> Tuple.of(a, v)));
  }

  @Property(tries = 300)
  void anyNumberOutsideItsBoundsIsRefusedWithTheTypedErrorNamingIt(@ForAll("facts") Facts real,
      @ForAll("outOfRange") Tuple2<IntArgument, Integer> argument) {
    // given
    Decisions.Recorder recorder = Decisions.record(real.all(), new EvaluationBound(100, 0));
    recorder.enterRule(RULE);

    // then
    assertThatThrownBy(() -> argument.get1().call(recorder.decisions(), real, argument.get2()))
        .isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
          assertThat(e.code()).isEqualTo("rule-argument");
          assertThat(e.rule()).isEqualTo(RULE);
          assertThat(e.field()).isEqualTo(argument.get1().field);
          assertThat(e.value()).isEqualTo(String.valueOf(argument.get2()));
          assertThat(e.expected()).contains(String.valueOf(argument.get1().max));
        });
    assertThat(recorder.outputs()).isEmpty();
  }

  @Property(tries = 300)
  void anyNumberWithinItsBoundsIsRecorded(@ForAll("facts") Facts real,
      @ForAll("inRange") Tuple2<IntArgument, Integer> argument) {
    // given
    Decisions.Recorder recorder = Decisions.record(real.all(), new EvaluationBound(100, 0));

    // when
    argument.get1().call(recorder.decisions(), real, argument.get2());

    // then
    assertThat(recorder.outputs()).hasSize(1);
    assertThat(recorder.failure()).isEmpty();
  }

  /** Every text argument of the collector, with its longest length. */
  enum TextArgument {
    EXCLUSION_REASON("exclude.reason", Decisions.MAX_REASON_LENGTH) {
      @Override
      void call(Decisions d, Facts f, String text) {
        d.exclude(f.line(), text);
      }
    },
    BONUS_ID("bonus.id", Decisions.MAX_ID_LENGTH) {
      @Override
      void call(Decisions d, Facts f, String text) {
        d.bonus(text, 10, "r");
      }
    },
    BONUS_REASON("bonus.reason", Decisions.MAX_REASON_LENGTH) {
      @Override
      void call(Decisions d, Facts f, String text) {
        d.bonus("b", 10, text);
      }
    },
    ORDER_CAP_REASON("capOrderPoints.reason", Decisions.MAX_REASON_LENGTH) {
      @Override
      void call(Decisions d, Facts f, String text) {
        d.capOrderPoints(10, text);
      }
    },
    DAILY_CAP_REASON("capDailyPoints.reason", Decisions.MAX_REASON_LENGTH) {
      @Override
      void call(Decisions d, Facts f, String text) {
        d.capDailyPoints(10, text);
      }
    },
    NOTICE("notice.text", Decisions.MAX_NOTICE_LENGTH) {
      @Override
      void call(Decisions d, Facts f, String text) {
        d.notice(text);
      }
    };

    final String field;
    final int maxLength;

    TextArgument(String field, int maxLength) {
      this.field = field;
      this.maxLength = maxLength;
    }

    abstract void call(Decisions d, Facts f, String text);
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<Character> chars = Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.chars().alpha()), Tuple.of(1, Arbitraries.of(' ', '\t', '\n')),
        Tuple.of(2, Arbitraries.of('0', '7', '.', '_', '-', ':', '/', '\u0085')),
        Tuple.of(1, Arbitraries.chars().all()));
    // Lengths around every bound, and anything up to past the longest.
    return Arbitraries.oneOf(Arbitraries.integers().between(0, 1_200), Arbitraries.of(0, 100, 101, 200, 201, 500, 501))
        .flatMap(n -> chars.list().ofSize(n).map(cs -> {
          StringBuilder text = new StringBuilder(n);
          cs.forEach(text::append);
          return text.toString();
        }));
  }

  @Property(tries = 300)
  void aTextIsRecordedExactlyWhenWithinItsLengthAndAlphabet(@ForAll("facts") Facts real, @ForAll TextArgument argument,
      @ForAll("texts") String text) {
    // given
    Decisions.Recorder recorder = Decisions.record(real.all(), new EvaluationBound(100, 0));
    boolean valid = text.length() <= argument.maxLength
        && (argument == TextArgument.BONUS_ID ? isKeySafeId(text) : text.chars().noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f)));

    // when
    Throwable thrown = catchThrowable(() -> argument.call(recorder.decisions(), real, text));

    // then
    if (valid) {
      assertThat(thrown).isNull();
      assertThat(recorder.outputs()).hasSize(1);
    } else {
      assertThat(thrown).isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
        assertThat(e.code()).isEqualTo("rule-argument");
        assertThat(e.field()).isEqualTo(argument.field);
        assertThat(e.value()).isEqualTo(RuleEvaluationException.shown(text));
      });
      assertThat(recorder.outputs()).isEmpty();
    }
  }

  /** A bonus id that can stand in a ledger key: letters, digits, '.', '_', '-', not starting with a symbol. */
  private static boolean isKeySafeId(String id) {
    if (id.isEmpty()) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
        return false;
      }
    }
    return true;
  }

  @Provide
  Arbitrary<String> rates() {
    Arbitrary<Character> rateChars = Arbitraries.frequencyOf(
        Tuple.of(10, Arbitraries.chars().numeric()), Tuple.of(2, Arbitraries.just('.')),
        Tuple.of(1, Arbitraries.of('e', 'E', '+', '-', ',', ' ', '\u0661', 'x')), Tuple.of(1, Arbitraries.chars().all()));
    Arbitrary<String> mixed = rateChars.list().ofMaxSize(16).map(cs -> {
      StringBuilder text = new StringBuilder();
      cs.forEach(text::append);
      return text.toString();
    });
    Arbitrary<String> plain = Combinators.combine(Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(8),
            Arbitraries.strings().numeric().ofMaxLength(8))
        .as((whole, fraction) -> fraction.isEmpty() ? whole : whole + "." + fraction);
    return Arbitraries.oneOf(mixed, plain, Arbitraries.of("1e99999999", "1E+9", "999999.999999", "1000000"));
  }

  @Property(tries = 500)
  void aRateStringIsRecordedExactlyWhenItIsAPlainDecimalWithinBounds(@ForAll("facts") Facts real,
      @ForAll("rates") String points) {
    // given
    Decisions.Recorder recorder = Decisions.record(real.all(), new EvaluationBound(100, 0));

    // when
    Throwable thrown = catchThrowable(() -> recorder.decisions().baseRate(real.line(), points, 100));

    // then
    if (isPlainRate(points)) {
      assertThat(thrown).isNull();
      assertThat(recorder.outputs()).singleElement().isInstanceOfSatisfying(Decisions.BaseRate.class,
          r -> assertThat(r.points()).isEqualTo(new BigDecimal(points)));
    } else {
      assertThat(thrown).isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
        assertThat(e.code()).isEqualTo("rule-argument");
        assertThat(e.field()).isEqualTo("baseRate.points");
      });
      assertThat(recorder.outputs()).isEmpty();
    }
  }

  /** The documented shape, written out without a pattern: 1–6 ASCII digits, optionally '.' and 1–6 more. */
  private static boolean isPlainRate(String text) {
    int dot = text.indexOf('.');
    String whole = dot < 0 ? text : text.substring(0, dot);
    String fraction = dot < 0 ? null : text.substring(dot + 1);
    return asciiDigits(whole, Decisions.MAX_RATE_INTEGER_DIGITS)
        && (fraction == null || asciiDigits(fraction, Decisions.MAX_RATE_FRACTION_DIGITS));
  }

  private static boolean asciiDigits(String text, int maxLength) {
    if (text.isEmpty() || text.length() > maxLength) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
