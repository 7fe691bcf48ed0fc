package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.ExtremeValues;
import org.loyaltyrules.loyalty.ExtremeValues.Callable;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.check.DrlPolicy;
import org.loyaltyrules.loyalty.rules.facts.CampaignFact;
import org.loyaltyrules.loyalty.rules.facts.Decisions;
import org.loyaltyrules.loyalty.rules.facts.EventFact;
import org.loyaltyrules.loyalty.rules.facts.EventKind;
import org.loyaltyrules.loyalty.rules.facts.LineFact;
import org.loyaltyrules.loyalty.rules.facts.MemberFact;
import org.loyaltyrules.loyalty.rules.facts.OrderFact;
import org.loyaltyrules.loyalty.rules.facts.SegmentFact;
import org.loyaltyrules.loyalty.rules.facts.TierFact;
import org.loyaltyrules.loyalty.rules.facts.UplineFact;
import org.loyaltyrules.loyalty.rules.files.RuleFiles;
import org.loyaltyrules.loyalty.rules.internal.EvaluationBound;
import org.loyaltyrules.loyalty.rules.replay.ReplaySweepSamples;
import org.loyaltyrules.loyalty.rules.trial.RuleTrial;

/**
 * Whatever a caller passes to any public constructor or method of loyalty-rules' API (packages
 * {@code org.loyaltyrules.loyalty.rules} and its {@code .facts}, {@code .check}, {@code .files},
 * {@code .trial}, {@code .profiling} and {@code .replay}; {@code rules.internal} is not API), the only exceptions that come out are {@link
 * LoyaltyException}s ({@link RuleFileException}, {@link RuleEvaluationException}, loyalty-core's
 * typed errors): never a raw {@code
 * ArithmeticException}, {@code DateTimeException}, {@code NumberFormatException}, {@code
 * IndexOutOfBoundsException}, {@code NullPointerException}, {@code IllegalArgumentException}, an
 * {@code IOException} of the JDK, or an error.
 *
 * <p>The same sweep as loyalty-core's {@code PublicApiExtremeValuesProperties}, on {@link
 * ExtremeValues}' pools plus this module's own: rule file texts (empty, 1 MB, NUL and binary, a
 * bundled DRL, a hostile one), campaigns.csv and tiers.csv texts (valid, 1e999999999, 20 nines,
 * negative, NaN, missing columns, 10,000 rows), paths (missing, a file for a directory, a directory
 * of garbage, /dev/null), programmes, rule bases, trials, durations and the facts rules see.
 * Compiling callables are capped at {@value #EXPENSIVE_CALLS} calls each; watchers are closed.
 */
class RulesApiExtremeValuesProperties {
  static final String RULES = "org.loyaltyrules.loyalty.rules";
  static final String FACTS = RULES + ".facts";
  /** The API's sub-packages besides the facts: rule-file checking, merchant files, the trial. */
  static final List<String> SUB_PACKAGES = List.of(RULES + ".check", RULES + ".files", RULES + ".trial",
      RULES + ".profiling", RULES + ".replay");
  /** Most calls of one expensive (compiling, trial-running) callable over the whole class. */
  static final int EXPENSIVE_CALLS = 30;

  /**
   * Public callables left out, each for a reason; the coverage test fails on any other.
   *
   * <ul>
   *   <li>the JDK's {@code equals}/{@code hashCode}/{@code toString} contracts, bridges and the
   *       compiler's enum {@code valueOf(String)} (as in loyalty-core);
   *   <li>{@code RuleDirectoryWatcher.Listener#*}: an interface the host implements, the library
   *       only calls it;
   *   <li>{@code Decisions}' nested types ({@code Output} records, {@code Recorder}, {@code
   *       RuleCount}) and its {@code record}/{@code mostFrequent}: public only because the engine in
   *       {@code rules.internal} uses them, documented {@code @API(status = INTERNAL)}; rules cannot
   *       reach them (the DRL allow-list refuses INTERNAL members), hosts never get one. The
   *       rule-facing methods of {@code Decisions} ({@code baseRate}, {@code bonus}, ...) are swept;
   *   <li>{@code RuleBase#generatedClasses}, {@code #recordedName} and {@code #kieBase}: {@code
   *       @API(status = INTERNAL)} hooks for the generated-code verifier and the engine in {@code
   *       rules.internal}, called only with what the library itself compiled;
   *   <li>{@code RuleEvaluationException#refused} and {@code #shown}: {@code @API(status = INTERNAL)}
   *       factories the engine uses to build its own refusals;
   *   <li>{@code rules.check}'s {@code CompilerProblems}, {@code GeneratedCode}, {@code
   *       GeneratedCodeVerifier} and {@code RuleDeclarations}, and {@code RuleTrial}'s {@code Decider},
   *       {@code require} and decider-taking {@code run}: {@code @API(status = INTERNAL)}, public
   *       only so that the engine and loader in other packages reach them, called only with what
   *       the library itself compiled or decided.
   *   <li>{@code rules.profiling.EnginePhases}' methods: {@code @API(status = INTERNAL)}, the
   *       engine's phases for the benchmarks, fed the facts and orders the engine would build (its
   *       constructor is swept).
   *   <li>{@code Replay.DecisionListener#decided}: an interface the host implements, the replay
   *       only calls it.
   * </ul>
   *
   * <p>A checked exception a method declares ({@code RuleFiles.directory} and {@code fingerprint}
   * declare {@code IOException} for an unreadable directory) is its documented contract, not a leak.
   */
  static final Set<String> EXCLUDED_PREFIXES = Set.of("rules.RuleDirectoryWatcher$Listener#",
      "rules.facts.Decisions$", "rules.facts.Decisions#record(", "rules.facts.Decisions#mostFrequent(",
      "rules.RuleBase#generatedClasses(", "rules.RuleBase#recordedName(", "rules.RuleBase#kieBase(",
      "rules.RuleEvaluationException#refused(", "rules.RuleEvaluationException#shown(",
      "rules.check.CompilerProblems#", "rules.check.GeneratedCode#", "rules.check.GeneratedCodeVerifier#",
      "rules.check.GeneratedCodeVerifier$", "rules.check.RuleDeclarations#", "rules.check.RuleDeclarations$",
      "rules.trial.RuleTrial$Decider#", "rules.trial.RuleTrial#require(", "rules.trial.RuleTrial#run(RuleBase,Programme,Decider,",
      "rules.profiling.EnginePhases#", "rules.replay.Replay$DecisionListener#");

  /** Callables that compile rules or run trials (~0.1–1 s a call): capped. */
  static final Set<String> EXPENSIVE = Set.of(
      "rules.RuleBase#compile(List)", "rules.RuleBase#defaults()", "rules.RuleBase#check(List)",
      "rules.files.RuleFiles#load(Programme)",
      "rules.files.RuleFiles#load(Programme,RuleTrial)", "rules.files.RuleFiles#check(Programme)",
      "rules.trial.RuleTrial#run(RuleBase,Programme)", "rules.RuleDirectoryWatcher#poll()",
      "rules.RuleDirectoryWatcher#start(Duration)", "rules.LoyaltyRulesEngine#reload(RuleBase,Programme,RuleTrial)",
      "rules.LoyaltyRulesEngine#reload(LoadedRules,RuleTrial)", "rules.LoyaltyRulesEngine#reload(RuleBase,Programme)",
      "rules.LoyaltyRulesEngine#reload(RuleBase)", "rules.LoyaltyRulesEngine#reload(LoadedRules)",
      "rules.LoadedRules#engine()", "rules.files.RuleFiles#directory(Path)", "rules.check.DrlChecker#check(String,String,DrlPolicy)",
      "rules.check.DrlChecker#check(RuleSource)", "rules.check.DrlChecker#requireValid(String,String,DrlPolicy)",
      // ~0.5 s a call on the 10,000-row texts
      "rules.files.TierFile#parse(String,String,Currency)", "rules.files.CampaignFile#parse(String,String,Currency)",
      // decides every event it is given: the pools hold 10,000-event lists
      "rules.replay.Replay#run(Iterable)");

  private static final List<Callable> CALLABLES = callables();
  private static final Map<String, String> SEEN = new ConcurrentHashMap<>();
  private static final Set<String> INVOKED = ConcurrentHashMap.newKeySet();
  private static final Set<String> SUCCEEDED = ConcurrentHashMap.newKeySet();
  private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
  private static final Map<String, Long> NANOS = new ConcurrentHashMap<>();
  private static final long CPU_START = cpu();

  // ------------------------------------------------------------------ the module's values

  private static final String DRL = text(RuleBase.DEFAULTS_PATH + "welcome-bonus.drl");
  private static final String HOSTILE_DRL = """
      package evil;
      import java.lang.System;
      global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;
      rule "exit" when eval(true) then System.exit(1); end
      rule "loop" no-loop false when eval(true) then while (true) {} end
      """;
  private static final String CAMPAIGNS = """
      id,name,kind,multiplier,bonus,min_spend,dates,from,to,days_of_week,month_days,skus,categories,channels,tiers,birthday_month,exclusive_group
      tea-tuesday,Triple points,MULTIPLIER,3,,,,,,TUESDAY,,,fruit-tea,,,,
      welcome,Welcome,WELCOME_BONUS,,100,,,,,,,,,,,,
      """;
  private static final String CAMPAIGN_HEADER = CAMPAIGNS.lines().findFirst().orElseThrow() + "\n";
  private static final String TIERS = "code,threshold,window_months\nmember,0,12\nsilver,10000,12\ngold,30000,12\n";
  private static final Path DIR = tempDirs();

  static List<String> moduleStrings() {
    StringBuilder manyCampaigns = new StringBuilder(CAMPAIGN_HEADER);
    StringBuilder manyTiers = new StringBuilder("code,threshold,window_months\n");
    for (int i = 0; i < ExtremeValues.HUGE; i++) {
      manyCampaigns.append("c-").append(i).append(",C,MULTIPLIER,2,,,,,,,,,,,,,\n");
      manyTiers.append("t-").append(i).append(',').append(i).append(",12\n");
    }
    List<String> strings = new ArrayList<>(List.of(DRL, HOSTILE_DRL, "rule", "package x;\nrule \"r\" when then end",
        "\u0000\u0001\u00ff\ufffd", "campaigns.csv", "tiers.csv", "earning.drl", "x.drl", "../x.drl", "/dev/null",
        RuleBase.DEFAULTS_PATH, "org.loyaltyrules.loyalty.rules.facts", "java.lang", CAMPAIGNS, TIERS,
        manyCampaigns.toString(), manyTiers.toString()));
    for (String bad : List.of("1e999999999", "99999999999999999999", "-3", "NaN", "-0", "1E-999999999", "0x10", "")) {
      strings.add(CAMPAIGN_HEADER + "big,Big,MULTIPLIER," + bad + ",,,,,,,,,,,,,\n");
      strings.add(CAMPAIGN_HEADER + "bonus,Bonus,THRESHOLD_BONUS,," + bad + "," + bad + ",,,,,,,,,,,\n");
      strings.add(CAMPAIGN_HEADER + "d,D,MULTIPLIER,2,,,," + bad + ",,,," + bad + ",,,,,\n");
      strings.add("code,threshold,window_months\nmember," + bad + "," + bad + "\n");
    }
    strings.add(CAMPAIGN_HEADER + "short,Short\n");
    strings.add("code,threshold\nmember,0\n");
    strings.add(CAMPAIGN_HEADER + "d,D,MULTIPLIER,2,,,,+999999999-01-01,2026-02-30,FUNDAY,32;0;-1,,,,,maybe,\n");
    return strings;
  }

  private static final Programme TAIWAN = Programmes.taiwan(List.of());
  private static final RuleBase DEFAULTS = RuleBase.defaults();
  private static final LineFact LINE = new LineFact("o-1", "l-1", "sku-1", "tea", 2, new BigDecimal("900"));
  private static final CampaignFact CAMPAIGN = new CampaignFact(org.loyaltyrules.loyalty.Campaign.multiplier("double",
      "Double", BigDecimal.valueOf(2), org.loyaltyrules.loyalty.CampaignSchedule.always()));
  private static final CampaignFact BONUS = new CampaignFact(org.loyaltyrules.loyalty.Campaign.thresholdBonus("welcome",
      "Welcome", org.loyaltyrules.loyalty.Points.of(100), org.loyaltyrules.loyalty.Money.of("1499", "TWD"),
      org.loyaltyrules.loyalty.CampaignSchedule.always()));
  private static final TierFact TIER = new TierFact(TAIWAN.tiers().byCode("gold"), new BigDecimal("31000"));
  private static final UplineFact UPLINE = new UplineFact("m-0", 1, "gold", false);
  private static final MemberFact MEMBER = new MemberFact("m-1", "silver", 1, false, LocalDate.of(2026, 1, 1),
      Set.of("staff"), true);
  private static final OrderFact ORDER = new OrderFact("o-1", "POS", LocalDate.of(2026, 6, 2), new BigDecimal("900"),
      "TWD", 1, true);
  private static final EventFact EVENT = new EventFact(EventKind.ORDER_PAID, "o-1", LocalDate.of(2026, 6, 2));
  private static final org.loyaltyrules.loyalty.rules.facts.CustomEventFact CUSTOM =
      new org.loyaltyrules.loyalty.rules.facts.CustomEventFact("ev-1", "review", LocalDate.of(2026, 6, 2), 1);
  private static final org.loyaltyrules.loyalty.rules.facts.AttributeFact ATTRIBUTE =
      new org.loyaltyrules.loyalty.rules.facts.AttributeFact("stars", "5");
  private static final CampaignFact EVENT_BONUS = new CampaignFact(org.loyaltyrules.loyalty.Campaign.eventBonus("check-in",
      "Check-in", "check-in", org.loyaltyrules.loyalty.Points.of(5), org.loyaltyrules.loyalty.CampaignSchedule.always()));
  private static final org.loyaltyrules.loyalty.rules.facts.DayFact DAY =
      new org.loyaltyrules.loyalty.rules.facts.DayFact(LocalDate.of(2026, 3, 1), true, true, 1);
  private static final CampaignFact GIFT = new CampaignFact(new org.loyaltyrules.loyalty.Campaign.ThresholdGift("thermos",
      "Thermos", "THERMOS", 1, org.loyaltyrules.loyalty.Money.of("1499", "TWD"),
      org.loyaltyrules.loyalty.CampaignTarget.on(org.loyaltyrules.loyalty.CampaignSchedule.always())));
  // issue 14, item 8: the segment fact, and an order fact with store, payment method and time
  private static final SegmentFact SEGMENT = new SegmentFact("m-1",
      (org.loyaltyrules.loyalty.MemberSegment) ExtremeValues.samplesOf(org.loyaltyrules.loyalty.MemberSegment.class).get(0));
  private static final OrderFact ORDER_AT_STORE = new OrderFact("o-2", "pos", LocalDate.of(2026, 6, 2),
      new BigDecimal("900"), "TWD", 1, false, "taipei-101", "line-pay", 20 * 60 + 30);
  private static final List<Object> FACTS_SEEN = List.of(LINE, CAMPAIGN, BONUS, TIER, UPLINE, MEMBER, ORDER, EVENT,
      SEGMENT, ORDER_AT_STORE, DAY, GIFT, CUSTOM, ATTRIBUTE, EVENT_BONUS);

  /** Samples of this module's types (fresh where they change), loyalty-core's for core's types. */
  static List<Object> samples(Class<?> type) {
    List<Object> core = ExtremeValues.coreSamples(type);
    if (core != null) {
      if (type == Programme.class) {
        core = new ArrayList<>(core);
        core.add(TAIWAN);
        core.add(Programmes.taiwan(List.of((Campaign) ExtremeValues.samplesOf(Campaign.class).get(0))));
      }
      return core;
    }
    if (type == Path.class) {
      return List.of(DIR.resolve("missing"), DIR.resolve("file"), DIR.resolve("garbage"), DIR.resolve("valid"),
          DIR.resolve("empty"), Path.of("/dev/null"), Path.of(""), DIR.resolve("valid/earning.drl"));
    }
    if (type == Duration.class) {
      return List.of(Duration.ZERO, Duration.ofNanos(1), Duration.ofMillis(-1), Duration.ofSeconds(Long.MAX_VALUE),
          Duration.ofSeconds(Long.MIN_VALUE), Duration.ofMillis(50), Duration.ofDays(365_000));
    }
    if (type == Supplier.class) {
      return List.of((Supplier<RuleTrial>) RuleTrial::generated, (Supplier<RuleTrial>) () -> null,
          (Supplier<RuleTrial>) () -> { throw new IllegalStateException("host's supplier failed"); });
    }
    if (type == Class.class) {
      // EngineListener.EvaluationFailed's errorType
      return List.of(LoyaltyException.class, RuleEvaluationException.class);
    }
    if (type.getPackageName().equals(RULES + ".replay")) {
      return ReplaySweepSamples.of(type);
    }
    if (type == Map.class) {
      // Simulation's migration and rules
      return ReplaySweepSamples.maps();
    }
    if (type == Comparator.class) {
      // Simulation.compare's member order
      return List.of(Comparator.naturalOrder(), Comparator.reverseOrder(), Comparator.nullsFirst(Comparator.naturalOrder()));
    }
    if (type == byte[].class) {
      return List.of(new byte[0], new byte[] {(byte) 0xff, (byte) 0xfe, 0, (byte) 0xc3}, DRL.getBytes(StandardCharsets.UTF_8));
    }
    if (type == Collection.class || type == Object.class) {
      return null;
    }
    if (!type.getPackageName().startsWith(RULES)) {
      return null;
    }
    List<Object> all = new ArrayList<>();
    all.addAll(FACTS_SEEN);
    all.addAll(List.of(EventKind.values()));
    all.add(new LineFact("o-1", "l-2", "gift", "gift-card", 1, BigDecimal.ZERO));
    all.add(RuleSource.of("welcome-bonus.drl", DRL));
    all.add(RuleSource.of("hostile.drl", HOSTILE_DRL));
    all.add(new RuleSource("trusted.drl", DRL, true));
    all.add(DrlPolicy.restricted());
    all.add(DrlPolicy.trusted());
    all.add(DrlPolicy.restricted().withFactPackage("com.shop.facts"));
    all.add(DEFAULTS);
    all.add(RuleTrial.generated());
    all.add(RuleFiles.bundled());
    all.add(RuleFiles.of(List.of(RuleSource.of("welcome-bonus.drl", DRL))).withCampaigns("campaigns.csv", CAMPAIGNS)
        .withTiers("tiers.csv", TIERS));
    all.add(new LoadedRules(DEFAULTS, TAIWAN, List.of()));
    all.add(LoyaltyRulesEngine.builder(TAIWAN).ruleBase(DEFAULTS).build());
    all.add(LoyaltyRulesEngine.builder(TAIWAN).ruleBase(DEFAULTS));
    all.add(new RuleFileProblem("earning.drl", 3, 1, "r", "syntax", "bad", RuleFileProblem.Severity.ERROR));
    all.add(new RuleFileException(List.of(new RuleFileProblem("x.drl", 0, 0, "", "c", "m",
        RuleFileProblem.Severity.ERROR))));
    all.add(new RuleEvaluationException("rule-error", "r", "failed", null));
    all.add(RuleTrial.SampleEvent.of(new LoyaltyEvent.MemberEnrolled("enr-9", "m-9", ExtremeValues.T0)));
    all.add(RuleDirectoryWatcher.Outcome.values()[0]);
    all.add(QUIET);
    all.add(new RuleDirectoryWatcher(LoyaltyRulesEngine.builder(TAIWAN).ruleBase(DEFAULTS).build(),
        DIR.resolve("valid"), true, TAIWAN, QUIET));
    all.add(recorder().decisions());
    all.add(new EngineListener() {});
    all.add(new EngineListener.DecisionMade("order-paid", 1_000, 3, 2, false, "v1"));
    all.add(new EngineListener.EvaluationFailed("order-paid", 1_000, RuleEvaluationException.class, "rule-error", false));
    all.add(new EngineListener.ReloadAccepted("v2", "v1", 12));
    all.add(new EngineListener.ReloadRejected("v1", List.of(new RuleFileProblem("x.drl", 1, 1, "r", "syntax", "bad",
        RuleFileProblem.Severity.ERROR))));
    for (Class<?> c : List.of(RuleFileProblem.Severity.class, RuleDirectoryWatcher.Outcome.class)) {
      all.addAll(List.of(c.getEnumConstants()));
    }
    return all.stream().filter(type::isInstance).toList();
  }

  /** A listener that ignores everything. */
  private static final RuleDirectoryWatcher.Listener QUIET = new RuleDirectoryWatcher.Listener() {
    @Override
    public void reloaded(String version, List<RuleFileProblem> warnings) {}

    @Override
    public void rejected(List<RuleFileProblem> problems) {}
  };

  private static Decisions.Recorder recorder() {
    Decisions.Recorder recorder = Decisions.record(FACTS_SEEN, new EvaluationBound(100, 10));
    recorder.enterRule("sweep: rule");
    return recorder;
  }

  // ------------------------------------------------------------------ enumeration

  static List<Class<?>> publicTypes() {
    List<Class<?>> types = new ArrayList<>(ExtremeValues.publicTypes(RULES, RuleBase.class));
    types.addAll(ExtremeValues.publicTypes(FACTS, RuleBase.class));
    for (String subPackage : SUB_PACKAGES) {
      types.addAll(ExtremeValues.publicTypes(subPackage, RuleBase.class));
    }
    return types;
  }

  private static boolean excluded(Class<?> type, Method m) {
    return ExtremeValues.isObjectMethod(m) || m.isSynthetic() || m.isBridge()
        || (type.isEnum() && m.getName().equals("valueOf") && m.getParameterCount() == 1)
        || EXCLUDED_PREFIXES.stream().anyMatch(p -> ExtremeValues.signature(m).startsWith(p));
  }

  static List<Callable> callables() {
    List<Callable> result = new ArrayList<>();
    for (Class<?> type : publicTypes()) {
      if (!type.isInterface() && !Modifier.isAbstract(type.getModifiers()) && !type.isEnum()) {
        for (Constructor<?> c : type.getConstructors()) {
          result.add(new Callable(c));
        }
      }
      for (Method m : type.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers()) && !excluded(type, m)) {
          result.add(new Callable(m));
        }
      }
    }
    result.sort(Comparator.comparing(Callable::id));
    return result;
  }

  // ------------------------------------------------------------------ tests

  @Example
  void everyPublicCallableWithEachExtremeArgumentThrowsOnlyLoyaltyExceptions() {
    // when
    List<String> violations = sweep();

    // then
    assertThat(violations).as(ExtremeValues.report(violations, 60)).isEmpty();
  }

  @Property(tries = 1_000)
  void randomCombinationsOfExtremeArgumentsThrowOnlyLoyaltyExceptions(@ForAll long seed) {
    // given
    Random random = new Random(seed);
    Callable callable = CALLABLES.get(random.nextInt(CALLABLES.size()));
    List<List<Object>> pools = pools(callable.executable());
    Object[] args = new Object[pools.size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = pools.get(i).get(random.nextInt(pools.get(i).size()));
    }
    List<Object> receivers = receivers(callable);
    List<String> violations = new ArrayList<>();

    // when
    call(callable, receivers.get(random.nextInt(receivers.size())), args, violations);

    // then
    assertThat(violations).as(ExtremeValues.report(violations, 60)).isEmpty();
  }

  @Example
  void enumerationCoversEveryPublicMethodOfTheApiAndOnlyTypedErrorsAreSeen() {
    // given
    Set<String> expected = new TreeSet<>();
    for (Class<?> type : publicTypes()) {
      if (!type.isInterface() && !type.isEnum()) {
        for (var c : type.getConstructors()) {
          expected.add(ExtremeValues.signature(c));
        }
      }
      for (var m : type.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()) {
          expected.add(ExtremeValues.signature(m));
        }
      }
    }
    Set<String> left = new TreeSet<>(expected);
    left.removeAll(ExtremeValues.ids(CALLABLES));

    // when
    List<String> violations = sweep();

    // then
    assertThat(violations).as(ExtremeValues.report(violations, 60)).isEmpty();
    assertThat(left).as("public API left out").allSatisfy(id -> assertThat(
        id.matches(".*#(equals\\(Object\\)|hashCode\\(\\)|toString\\(\\)|valueOf\\(String\\))")
            || EXCLUDED_PREFIXES.stream().anyMatch(id::startsWith)).as(id).isTrue());
    assertThat(INVOKED).containsAll(ExtremeValues.ids(CALLABLES));
    assertThat(EXPENSIVE).as("expensive callables that exist").isSubsetOf(ExtremeValues.ids(CALLABLES));
    for (String type : new TreeSet<>(SEEN.keySet())) {
      assertThat(isLoyaltyException(type)).as(type + " thrown by " + SEEN.get(type)).isTrue();
    }
  }

  @AfterContainer
  static void printSummary() {
    System.out.println("RulesApiExtremeValuesProperties: " + CALLABLES.size() + " public callables of " + RULES
        + "(.facts, .check, .files, .trial, .profiling, .replay), " + INVOKED.size() + " invoked, " + CALLS.values().stream().mapToInt(AtomicInteger::get).sum()
        + " calls; " + SEEN.size() + " distinct exception types seen: " + new TreeMap<>(SEEN).keySet() + "; "
        + "(declared checked: " + new TreeSet<>(DECLARED) + "); " + SUCCEEDED.size() + " with a succeeding call; CPU " + (cpu() - CPU_START) / 1_000_000 + " ms");
    CALLABLES.stream().map(Callable::id).filter(id -> !SUCCEEDED.contains(id)).sorted().forEach(id ->
        System.out.println("  no succeeding call found: " + id));
    NANOS.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8).forEach(e ->
        System.out.println("  slowest: " + e.getKey() + " " + e.getValue() / 1_000_000 + " ms over "
            + CALLS.get(e.getKey()) + " calls"));
  }

  // ------------------------------------------------------------------ sweep

  private static List<String> sweepResult;

  private static synchronized List<String> sweep() {
    if (sweepResult == null) {
      List<String> violations = new ArrayList<>();
      for (Callable callable : CALLABLES) {
        List<List<Object>> pools = pools(callable.executable());
        for (Object receiver : receivers(callable)) {
          Object[] baseline = succeedingArguments(callable, receiver, pools);
          List<Object[]> variations = new ArrayList<>();
          for (int i = 0; i < pools.size(); i++) {
            for (Object value : pools.get(i)) {
              Object[] args = baseline.clone();
              args[i] = value;
              variations.add(args);
            }
          }
          if (EXPENSIVE.contains(callable.id())) {
            Collections.shuffle(variations, new Random(callable.id().hashCode()));
          }
          for (Object[] args : variations) {
            call(callable, receiver, args, violations);
          }
        }
      }
      sweepResult = violations;
    }
    return sweepResult;
  }

  private static final Map<Executable, List<List<Object>>> POOLS = new ConcurrentHashMap<>();

  private static List<List<Object>> pools(Executable e) {
    return POOLS.computeIfAbsent(e, x -> {
      List<List<Object>> pools = new ArrayList<>();
      for (int i = 0; i < x.getParameterCount(); i++) {
        List<Object> pool = new ArrayList<>(ExtremeValues.pool(x.getParameterTypes()[i],
            x.getGenericParameterTypes()[i], RulesApiExtremeValuesProperties::samples));
        if (x.getParameterTypes()[i] == String.class) {
          pool.addAll(moduleStrings());
        }
        pools.add(pool);
      }
      return pools;
    });
  }

  /** Receivers are built fresh for each sweep of a callable: engines, files, watchers change. */
  private static List<Object> receivers(Callable callable) {
    if (!callable.isInstanceMethod()) {
      return Collections.singletonList(null);
    }
    Class<?> type = callable.executable().getDeclaringClass();
    List<Object> receivers = samples(type);
    if (receivers == null || receivers.isEmpty()) {
      throw new IllegalStateException("no receiver for " + callable.id());
    }
    return receivers;
  }

  private static Object[] succeedingArguments(Callable callable, Object receiver, List<List<Object>> pools) {
    Random random = new Random(callable.id().hashCode());
    Object[] args = new Object[pools.size()];
    int attempts = EXPENSIVE.contains(callable.id()) ? 5 : 400;
    for (int attempt = 0; attempt < attempts; attempt++) {
      for (int i = 0; i < args.length; i++) {
        List<Object> pool = pools.get(i);
        Object value = pool.get(random.nextInt(pool.size()));
        args[i] = value == null && pool.size() > 1 ? pool.get(1 + random.nextInt(pool.size() - 1)) : value;
      }
      if (call(callable, receiver, args.clone(), new ArrayList<>())) {
        SUCCEEDED.add(callable.id());
        return args;
      }
    }
    return args;
  }

  private static boolean call(Callable callable, Object receiver, Object[] args, List<String> violations) {
    String id = callable.id();
    INVOKED.add(id);
    int n = CALLS.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    if (EXPENSIVE.contains(id) && n > EXPENSIVE_CALLS) {
      return false;
    }
    // A Decisions collector refuses every call after its first refusal (the evaluation has failed):
    // each call gets a fresh one, so later arguments reach the checks they test
    Object target = receiver instanceof Decisions ? recorder().decisions() : receiver;
    long start = System.nanoTime();
    try {
      Object result = callable.invoke(target, args);
      if (result instanceof AutoCloseable closeable) {
        closeable.close();
      }
      return true;
    } catch (Throwable t) {
      String where = id + " on " + ExtremeValues.describe(receiver) + " with " + ExtremeValues.describeAll(args);
      SEEN.putIfAbsent(t.getClass().getName(), where);
      if (!(t instanceof LoyaltyException) && !declared(callable, t)) {
        violations.add(ExtremeValues.violation(t, where));
      }
      return false;
    } finally {
      NANOS.merge(id, System.nanoTime() - start, Long::sum);
      if (receiver instanceof RuleDirectoryWatcher w) {
        w.close();
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  private static Path tempDirs() {
    try {
      // Under target/, not java.io.tmpdir: HostileCorpusTest watches the latter for side effects of
      // hostile rules, and a concurrently running sweep there looked like one.
      Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "sweep-scratch")), "rules-sweep");
      Files.writeString(dir.resolve("file"), "not a directory");
      Files.createDirectories(dir.resolve("empty"));
      Path garbage = Files.createDirectories(dir.resolve("garbage"));
      Files.write(garbage.resolve("earning.drl"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, (byte) 0xc3, 0x28});
      Files.writeString(garbage.resolve("campaigns.csv"), CAMPAIGN_HEADER + "x,X,MULTIPLIER,1e999999999,,,,,,,,,,,,,\n");
      Files.writeString(garbage.resolve("tiers.csv"), "code\n");
      Files.writeString(garbage.resolve("notes.txt"), "x".repeat(1 << 20));
      Path valid = Files.createDirectories(dir.resolve("valid"));
      Files.writeString(valid.resolve("welcome-bonus.drl"), DRL);
      Files.writeString(valid.resolve("tiers.csv"), TIERS);
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(String resource) {
    try (var in = RuleBase.class.getClassLoader().getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long cpu() {
    var bean = ManagementFactory.getThreadMXBean();
    return bean.getCurrentThreadCpuTime();
  }

  /** Whether {@code t} is a checked exception the callable declares (its documented contract). */
  private static boolean declared(Callable callable, Throwable t) {
    if (t instanceof RuntimeException || t instanceof Error) {
      return false;
    }
    for (Class<?> type : callable.executable().getExceptionTypes()) {
      if (type.isInstance(t)) {
        DECLARED.add(t.getClass().getName());
        return true;
      }
    }
    return false;
  }

  private static final Set<String> DECLARED = ConcurrentHashMap.newKeySet();

  private static boolean isLoyaltyException(String className) {
    if (DECLARED.contains(className)) {
      return true;
    }
    try {
      return LoyaltyException.class.isAssignableFrom(Class.forName(className));
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
