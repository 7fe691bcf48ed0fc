package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.NegativeBalancePolicy;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Provenance;
import org.loyaltyrules.loyalty.rules.RuleDirectoryWatcher.Outcome;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;
import org.loyaltyrules.loyalty.rules.files.RuleFiles;
import org.loyaltyrules.loyalty.rules.trial.RuleTrial;

/**
 * The trial a rule base must pass before {@link RuleFiles#load} or {@link
 * LoyaltyRulesEngine#reload} accepts it: the bundled and example rules pass; a rule that compiles
 * but throws at run time is rejected at its declaration, naming the event, and the running rules
 * keep serving; a host's sample reaches what the generated events do not; and each invariant the
 * trial checks catches a decider that breaks it.
 */
class RuleTrialTest {
  private static final Programme TAIWAN = Programmes.taiwan(List.of());

  /** Every kind of campaign and most settings away from their defaults. */
  private static final Programme RICH = Programmes.taiwan(List.of(
          Campaign.multiplier("double-1111", "Double points 11/11", new BigDecimal("2"),
              CampaignSchedule.yearlyOn(MonthDay.of(11, 11))),
          Campaign.multiplier("shoes-x3", "Shoes ×3", new BigDecimal("3"), CampaignSchedule.always())
              .targeting(Set.of("SHOE-1"), Set.of("shoes")).onChannels(Set.of(Channel.of("line-shop")))
              .forTiers(Set.of("gold")).inExclusiveGroup("feet"),
          Campaign.multiplier("birthday", "Birthday ×2", new BigDecimal("2"), CampaignSchedule.always())
              .forBirthdayMonth(),
          Campaign.welcomeBonus("welcome-100", "Welcome", Points.of(100), CampaignSchedule.on(LocalDate.of(2026, 1,
              1))),
          Campaign.firstOrderBonus("first-200", "First order", Points.of(200),
              CampaignSchedule.always()).withMinSpend(Money.of("300", "TWD")),
          Campaign.thresholdBonus("spend-1499", "Spend NT$1,499, get 200", Points.of(200), Money.of("1499", "TWD"),
              CampaignSchedule.always())))
      .toBuilder()
      .pendingPeriod(Period.ofDays(7))
      .negativeBalancePolicy(NegativeBalancePolicy.CAP_AT_ZERO)
      .redemption(Money.of("0.5", "TWD"), Points.of(50))
      .downgrade(Programme.DowngradePolicy.RECOMPUTE, Period.ofMonths(1))
      .tierRefundPolicy(Programme.TierRefundPolicy.RECOMPUTE_ON_REFUND)
      .build();

  /** A merchant file with one rule, its name on line 10, column 6. */
  private static RuleSource merchantFile(String file, String rule, String when, String then) {
    return RuleSource.of(file, """
        // %s
        package org.acme.loyalty;

        import org.loyaltyrules.loyalty.rules.facts.OrderFact;
        import org.loyaltyrules.loyalty.rules.facts.LineFact;
        import java.time.LocalDate;

        global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

        rule "%s"
        when
            %s
        then
            %s
        end
        """.formatted(rule, rule, when, then));
  }

  /**
   * Compiles and passes the checker; takes the earning base as a day of the month, which is 0 (no
   * such day) for a free order.
   */
  private static final RuleSource DIVIDES_BY_EARNING_BASE = merchantFile("per-cup.drl", "per-cup: small basket bonus",
      "$order : OrderFact()", "decisions.bonus(\"small-basket\", LocalDate.of(2025, 1, Math.min(31, $order.getEarningBase().intValue()))"
          + ".getDayOfMonth(), \"small basket\");");

  /** Asks for day 0 of a month only for a line of seven units, which no generated order has. */
  private static final RuleSource DIVIDES_AT_SEVEN_UNITS = merchantFile("dozen.drl", "dozen: rate by quantity",
      "$line : LineFact()", "decisions.baseRate($line, 1, 10 * LocalDate.of(2025, 1, Math.min(31, Math.abs(7 - $line.getQuantity())))"
          + ".getDayOfMonth());");

  private static List<RuleSource> overBundled(RuleSource merchant) {
    List<RuleSource> sources = new ArrayList<>(RuleBase.defaultSources());
    sources.add(merchant);
    return sources;
  }

  private static long pointsForNt1000(LoyaltyRulesEngine engine) {
    Shop shop = new Shop(engine);
    shop.join(Member.of("m-1", taipei("2024-01-01T00:00"), "member"));
    return shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-03-05T12:00"), "1000")))
        .pointsFor("m-1").value();
  }

  // ------------------------------------------------------------------ rules that pass

  @Test
  void run_bundledRules_passOnTheDefaultProgrammeAndOnOneWithEveryKindOfCampaign() {
    // when
    List<RuleFileProblem> plain = RuleTrial.generated().run(Fixtures.defaults(), TAIWAN);
    List<RuleFileProblem> rich = RuleTrial.generated().run(Fixtures.defaults(), RICH);

    // then
    assertThat(plain).isEmpty();
    assertThat(rich).isEmpty();
  }

  @Test
  void load_merchantExample_passesTheTrialAndLoads() throws IOException {
    // given: the Pearl & Leaf shop's files and settings (see MerchantRulesProperties)
    Programme programme = TAIWAN.toBuilder().pendingPeriod(Period.ofDays(3)).pointsExpireAfter(Period.ofMonths(6), true)
        .redemption(Money.of("1", "TWD"), Points.of(20)).downgrade(Programme.DowngradePolicy.ONE_LEVEL, Period.ofMonths(1))
        .build();
    RuleFiles files = RuleFiles.directory(Path.of("src/test/resources/merchant-example")).over(RuleFiles.bundled());

    // when
    LoadedRules loaded = files.load(programme);

    // then
    assertThat(loaded.warnings()).extracting(RuleFileProblem::code).noneMatch(code -> code.startsWith("trial-"));
    assertThat(loaded.programme().tiers().codes()).containsExactly("sprout", "leaf", "blossom");
  }

  // ------------------------------------------------------------------ a rule that throws at run time

  @Test
  void load_ruleThatDividesByZeroOnFreeOrders_rejectedAtTheRuleNamingTheEvent() {
    // given: it compiles and passes the checker
    RuleFiles files = RuleFiles.of(List.of(DIVIDES_BY_EARNING_BASE)).over(RuleFiles.bundled());
    assertThat(RuleBase.check(files.sources())).isEmpty();

    // when
    RuleFileException e = catchThrowableOfType(RuleFileException.class, () -> files.load(TAIWAN));

    // then: the first member's third order is free
    assertThat(e).isNotNull();
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p).extracting(RuleFileProblem::file, RuleFileProblem::line, RuleFileProblem::column,
          RuleFileProblem::rule, RuleFileProblem::code)
          .containsExactly("per-cup.drl", 10, 6, "per-cup: small basket bonus", "trial-error");
      assertThat(p.message()).isEqualTo("Trial failed: generated event [trial-tier-0-o2] (order paid by member"
          + " [trial-tier-0] on channel [social], 1 line, total TWD 0.00 on 2025-03-05 (Asia/Taipei)):"
          + " rule [per-cup: small basket bonus (per-cup.drl)] threw DateTimeException [Invalid value for DayOfMonth (valid values 1 - 28/31): 0] (reported as"
          + " RuleEvaluationException); expected every event decided without an error");
    });
  }

  @Test
  void reload_ruleThatDividesByZero_rejectedAndTheOldRulesKeepServing() {
    // given: compiling alone does not run the rules
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(TAIWAN).ruleBase(Fixtures.defaults()).build();
    String before = engine.ruleBaseVersion();
    RuleBase compiled = RuleBase.compile(overBundled(DIVIDES_BY_EARNING_BASE));

    // when
    RuleFileException e = catchThrowableOfType(RuleFileException.class, () -> engine.reload(compiled));

    // then
    assertThat(e).isNotNull();
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo("per-cup.drl");
      assertThat(p.code()).isEqualTo("trial-error");
      assertThat(p.message()).contains("event [trial-tier-0-o2]", "DateTimeException [Invalid value for DayOfMonth (valid values 1 - 28/31): 0]");
    });
    assertThat(engine.ruleBaseVersion()).isEqualTo(before);
    assertThat(pointsForNt1000(engine)).isEqualTo(10);
  }

  @Test
  void poll_ruleThatDividesByZero_rejectedAndTheOldRulesKeepServing(@TempDir Path dir) throws IOException {
    // given
    Files.writeString(dir.resolve("per-cup.drl"), DIVIDES_BY_EARNING_BASE.content(), StandardCharsets.UTF_8);
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(TAIWAN).ruleBase(Fixtures.defaults()).build();
    String before = engine.ruleBaseVersion();
    List<List<RuleFileProblem>> rejected = new ArrayList<>();
    RuleDirectoryWatcher watcher = new RuleDirectoryWatcher(engine, dir, true, TAIWAN, new RuleDirectoryWatcher.Listener() {
      @Override
      public void reloaded(String version, List<RuleFileProblem> warnings) {}

      @Override
      public void rejected(List<RuleFileProblem> problems) {
        rejected.add(problems);
      }
    });

    // when
    Outcome outcome = watcher.poll();

    // then
    assertThat(outcome).isEqualTo(Outcome.REJECTED);
    assertThat(rejected).singleElement().satisfies(problems -> assertThat(problems).singleElement()
        .satisfies(p -> assertThat(p.code()).isEqualTo("trial-error")));
    assertThat(engine.ruleBaseVersion()).isEqualTo(before);
    assertThat(pointsForNt1000(engine)).isEqualTo(10);
  }

  // ------------------------------------------------------------------ a host's sample

  private static Order sevenUnits(String id) {
    return new Order(id, "m-991", taipei("2025-06-01T12:00"), Channel.POS, Fixtures.TWD,
        List.of(OrderLine.of("l1", "MT-CLASSIC", "milk-tea", 7, Money.of("60", "TWD"))), Money.of("0", "TWD"),
        Money.of("0", "TWD"));
  }

  @Test
  void load_failureOnlyAHostSampleReaches_reportedWithTheSampleEventId() {
    // given: no generated order has seven units of a line; the host's recent orders include one
    RuleFiles files = RuleFiles.of(List.of(DIVIDES_AT_SEVEN_UNITS)).over(RuleFiles.bundled());
    RuleTrial withSample = RuleTrial.generated().withSample(List.of(
        RuleTrial.SampleEvent.of(new LoyaltyEvent.OrderPaid(order("ord-990", "m-990", taipei("2025-06-01T11:00"), "120"))),
        RuleTrial.SampleEvent.of(new LoyaltyEvent.OrderPaid(sevenUnits("ord-991")))));

    // when
    LoadedRules generatedOnly = files.load(TAIWAN);
    RuleFileException e = catchThrowableOfType(RuleFileException.class, () -> files.load(TAIWAN, withSample));

    // then
    assertThat(generatedOnly.warnings()).isEmpty();
    assertThat(e).isNotNull();
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p).extracting(RuleFileProblem::file, RuleFileProblem::line, RuleFileProblem::column,
          RuleFileProblem::code).containsExactly("dozen.drl", 10, 6, "trial-error");
      assertThat(p.message()).startsWith("Trial failed: sample event [ord-991] (order paid by member [m-991] on"
          + " channel [pos], 1 line, total TWD 420.00 on 2025-06-01 (Asia/Taipei)): rule [dozen: rate by quantity (dozen.drl)]"
          + " threw DateTimeException [Invalid value for DayOfMonth (valid values 1 - 28/31): 0]");
    });
  }

  @Test
  void poll_watcherGivenTheHostsSample_rejectsWhatOnlyTheSampleReaches(@TempDir Path dir) throws IOException {
    // given
    Files.writeString(dir.resolve("dozen.drl"), DIVIDES_AT_SEVEN_UNITS.content(), StandardCharsets.UTF_8);
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(TAIWAN).ruleBase(Fixtures.defaults()).build();
    String before = engine.ruleBaseVersion();
    List<List<RuleFileProblem>> rejected = new ArrayList<>();
    RuleDirectoryWatcher watcher = new RuleDirectoryWatcher(engine, dir, true, TAIWAN, new RuleDirectoryWatcher.Listener() {
      @Override
      public void reloaded(String version, List<RuleFileProblem> warnings) {}

      @Override
      public void rejected(List<RuleFileProblem> problems) {
        rejected.add(problems);
      }
    }, () -> RuleTrial.generated().withSample(List.of(RuleTrial.SampleEvent.of(
        new LoyaltyEvent.OrderPaid(sevenUnits("ord-991"))))));

    // when
    Outcome outcome = watcher.poll();

    // then
    assertThat(outcome).isEqualTo(Outcome.REJECTED);
    assertThat(rejected).singleElement().satisfies(problems -> assertThat(problems).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("sample event [ord-991]")));
    assertThat(engine.ruleBaseVersion()).isEqualTo(before);
  }

  @Test
  void reload_sampleWithTheHostsContext_decidedOnCopiesAndTheFailureReported() {
    // given: the member's real ledger, which the trial must leave alone
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(TAIWAN).ruleBase(Fixtures.defaults()).build();
    String before = engine.ruleBaseVersion();
    Member member = Member.of("m-991", taipei("2024-01-01T00:00"), "silver");
    DecisionContext context = DecisionContext.of(member, TAIWAN.newLedger("m-991"));
    context.member().ledger().append(new LedgerEntry.Adjusted("goodwill-1", "m-991", Points.of(500),
        taipei("2025-01-01T00:00"), Provenance.manual("ticket-1", "goodwill"), Optional.empty()));
    RuleTrial trial = RuleTrial.generated()
        .withSample(List.of(RuleTrial.SampleEvent.of(new LoyaltyEvent.OrderPaid(sevenUnits("ord-991")), context)));
    RuleBase compiled = RuleBase.compile(overBundled(DIVIDES_AT_SEVEN_UNITS));

    // when
    RuleFileException e = catchThrowableOfType(RuleFileException.class, () -> engine.reload(compiled, TAIWAN, trial));

    // then
    assertThat(e).isNotNull();
    assertThat(e.problems()).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("sample event [ord-991]", "DateTimeException"));
    assertThat(engine.ruleBaseVersion()).isEqualTo(before);
    assertThat(context.member().ledger().size()).isEqualTo(1);
  }

  @Test
  void run_sampleEventTheEngineRefusesAsInput_aWarningNotHeldAgainstTheRules() {
    // given: a cancellation of a redemption the member's ledger does not have
    DecisionContext context = DecisionContext.of(Member.of("m-1", taipei("2024-01-01T00:00"), "member"),
        TAIWAN.newLedger("m-1"));
    RuleTrial trial = RuleTrial.generated().withSample(List.of(RuleTrial.SampleEvent.of(
        new LoyaltyEvent.RedemptionCancelled("cancel-7", "m-1", "redeem-7", taipei("2025-06-01T12:00")), context)));

    // when
    List<RuleFileProblem> problems = trial.run(Fixtures.defaults(), TAIWAN);

    // then
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.isError()).isFalse();
      assertThat(p.code()).isEqualTo("trial-sample-refused");
      assertThat(p.message()).startsWith("Sample event not tried: event [cancel-7] (cancellation of redemption"
          + " [redeem-7] of member [m-1] on 2025-06-01 (Asia/Taipei)): the engine refused it as input: UnknownEntryException");
    });
  }

  // ------------------------------------------------------------------ ledger invariants

  @Test
  void load_baseRateBeyondTheCollectorsBound_rejectedAtTheRule() {
    // given: 8×10¹⁴ points per NT$1 would overflow a member's balance within a few orders; the
    // collector refuses it on the first line it is passed for, so the trial fails at the rule (a
    // balance can no longer be made to overflow within the collector's bounds: the ledger-invariant
    // checks are shown with deciders that break them, below)
    RuleSource huge = merchantFile("huge.drl", "huge: rate", "$line : LineFact()",
        "decisions.baseRate($line, \"800000000000000\", 1);");
    RuleFiles files = RuleFiles.of(List.of(huge)).over(RuleFiles.bundled());

    // when
    RuleFileException e = catchThrowableOfType(RuleFileException.class, () -> files.load(TAIWAN));

    // then
    assertThat(e).isNotNull();
    assertThat(e.problems()).filteredOn(RuleFileProblem::isError).singleElement().satisfies(p -> {
      assertThat(p).extracting(RuleFileProblem::file, RuleFileProblem::line, RuleFileProblem::column,
          RuleFileProblem::rule, RuleFileProblem::code).containsExactly("huge.drl", 10, 6, "huge: rate", "trial-error");
      assertThat(p.message()).contains("Rule argument refused: baseRate.points [800000000000000]");
    });
  }

  /** A decider over the bundled rules that changes their decisions as {@code change} says. */
  private static List<RuleFileProblem> runWith(RuleTrial.Decider decider) {
    return RuleTrial.generated().run(Fixtures.defaults(), TAIWAN, decider, "test " + System.nanoTime());
  }

  private static RuleTrial.Decider bundled() {
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(TAIWAN).ruleBase(Fixtures.defaults()).build();
    return engine::decide;
  }

  private static Decision withEntries(Decision d, List<LedgerEntry> entries) {
    return new Decision(d.eventId(), d.ruleBaseVersion(), entries, d.tierChange(), d.firedRules(), d.notices());
  }

  private static LedgerEntry.Earned bonus(String key, String memberId, LoyaltyEvent event) {
    return new LedgerEntry.Earned(key, memberId, Points.of(5), event.occurredAt(),
        new Provenance(event.eventId(), "earning: base rate for member tier", "v", "test"), Money.of("0", "TWD"),
        List.of(), Optional.empty(), Optional.empty());
  }

  @Test
  void run_entryForAMemberOutsideTheContext_brokenInvariantAtTheRuleOfTheEntry() {
    // given
    RuleTrial.Decider bundled = bundled();
    RuleTrial.Decider decider = (event, context) -> {
      Decision d = bundled.decide(event, context);
      return event instanceof LoyaltyEvent.OrderPaid
          ? withEntries(d, List.of(bonus("stray", "someone-else", event))) : d;
    };

    // when
    List<RuleFileProblem> problems = runWith(decider);

    // then
    assertThat(problems).first().satisfies(p -> {
      assertThat(p).extracting(RuleFileProblem::file, RuleFileProblem::line, RuleFileProblem::code)
          .containsExactly("earning.drl", 12, "trial-invariant");
      assertThat(p.message()).contains("event [trial-tier-0-o0]", "entry [stray] is for member [someone-else]");
    });
  }

  @Test
  void run_redeliveryThatCreditsAgain_brokenInvariant() {
    // given: an extra entry keyed by the ledger's size, so the same order credits again when redelivered
    RuleTrial.Decider bundled = bundled();
    RuleTrial.Decider decider = (event, context) -> {
      Decision d = bundled.decide(event, context);
      if (!(event instanceof LoyaltyEvent.OrderPaid)) {
        return d;
      }
      List<LedgerEntry> entries = new ArrayList<>(d.entries());
      entries.add(bonus("extra-" + context.member().ledger().size(), event.memberId(), event));
      return withEntries(d, entries);
    };

    // when
    List<RuleFileProblem> problems = runWith(decider);

    // then
    assertThat(problems).first().satisfies(p -> {
      assertThat(p.code()).isEqualTo("trial-invariant");
      assertThat(p.message()).contains("event [trial-tier-0-o0]", "delivered again after its decision was appended",
          "expected a redelivered event to add nothing");
    });
  }

  @Test
  void run_deciderThatAppendsToTheLedgerItWasGiven_brokenInvariant() {
    // given
    RuleTrial.Decider bundled = bundled();
    RuleTrial.Decider decider = (event, context) -> {
      Decision d = bundled.decide(event, context);
      if (event instanceof LoyaltyEvent.OrderPaid) {
        context.member().ledger().append(bonus("sneaked-" + event.eventId(), event.memberId(), event));
      }
      return d;
    };

    // when
    List<RuleFileProblem> problems = runWith(decider);

    // then
    assertThat(problems).first().satisfies(p -> assertThat(p.message())
        .contains("deciding changed the ledgers it was given", "expected the engine only to propose entries"));
  }

  @Test
  void run_deciderThatDecidesDifferentlyOnEqualInputs_brokenInvariant() {
    // given
    RuleTrial.Decider bundled = bundled();
    int[] calls = {0};
    RuleTrial.Decider decider = (event, context) -> {
      Decision d = bundled.decide(event, context);
      return event instanceof LoyaltyEvent.MemberEnrolled && calls[0]++ % 2 == 1
          ? withEntries(d, List.of(bonus("odd", event.memberId(), event))) : d;
    };

    // when
    List<RuleFileProblem> problems = runWith(decider);

    // then
    assertThat(problems).first().satisfies(p -> assertThat(p.message())
        .contains("event [trial-tier-0-enrolled]", "two decisions on equal inputs differ"));
  }

  // ------------------------------------------------------------------ determinism of the trial itself

  @Test
  void generated_sameProgrammeUnderAnotherDefaultZoneAndLocale_sameEvents() {
    // given
    List<LoyaltyEvent> first = playedEvents(RICH);
    TimeZone zone = TimeZone.getDefault();
    Locale locale = Locale.getDefault();

    // when
    List<LoyaltyEvent> second;
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      second = playedEvents(RICH);
    } finally {
      TimeZone.setDefault(zone);
      Locale.setDefault(locale);
    }

    // then
    assertThat(second).isEqualTo(first);
    assertThat(first).extracting(e -> e.getClass().getSimpleName()).contains("MemberEnrolled", "OrderPaid",
        "OrderReturned", "PointsRedeemed", "RedemptionCancelled", "PendingReleased", "ExpiryRun", "TierReview");
    assertThat(first).filteredOn(LoyaltyEvent.OrderPaid.class::isInstance)
        .extracting(e -> ((LoyaltyEvent.OrderPaid) e).order().channel().code())
        .contains("online-store", "pos", "social", "app", "line-shop");
  }

  private static List<LoyaltyEvent> playedEvents(Programme programme) {
    List<LoyaltyEvent> events = new ArrayList<>();
    RuleTrial.Decider bundled = LoyaltyRulesEngine.builder(programme).ruleBase(Fixtures.defaults()).build()::decide;
    RuleTrial.generated().run(Fixtures.defaults(), programme, (event, context) -> {
      events.add(event);
      return bundled.decide(event, context);
    }, "recording " + System.nanoTime());
    return events;
  }
}
