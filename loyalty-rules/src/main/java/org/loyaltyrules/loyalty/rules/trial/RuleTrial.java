package org.loyaltyrules.loyalty.rules.trial;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.internal.Checks;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;
import org.loyaltyrules.loyalty.rules.RuleBase;
import org.loyaltyrules.loyalty.rules.RuleFileException;
import org.loyaltyrules.loyalty.rules.RuleFileProblem;
import org.loyaltyrules.loyalty.rules.files.RuleFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dress rehearsal a new rule base must pass before it is accepted: {@link RuleFiles#load} and
 * {@link LoyaltyRulesEngine#reload} run it, so a rule that compiles but fails at run time (a
 * division by zero in a consequence, a bonus that overflows a ledger) is rejected with the rule and
 * the event named, and the running rules keep serving instead of failing every order.
 *
 * <p><b>What is played.</b> Generated events, fixed for a programme and its rule files (every
 * choice comes from a generator seeded with them; every instant is a local time in the programme's
 * zone, never the JVM's): every event kind the engine decides (enrolment; orders on every channel,
 * on every weekday, with one line and several, with discounts, excluded lines, free and
 * threshold-reaching orders, and lines of every SKU and category the rules compare with; partial
 * and whole returns; redemption and its cancellation; early release of pending points; expiry
 * run; tier review), for a member at every tier of the ladder, for a referral chain one level
 * longer than the programme pays and a referral cycle, and on the first active day of each of up
 * to {@value TrialScript#MAX_CAMPAIGNS} of the programme's campaigns. Then, if the host passed
 * them, a {@linkplain #withSample sample} of its recent real events.
 *
 * <p><b>What is checked.</b> Each event is decided on a state built in Java (fresh ledgers, or
 * copies of the ledgers a host passed with a sample event, never the host's own), and:
 *
 * <ul>
 *   <li>deciding throws nothing ({@code trial-error}, naming the rule that threw when the engine
 *       knows it);
 *   <li>deciding leaves the ledgers it was given unchanged, and gives an equal decision on copies of
 *       them; every entry is for the member or one of their referrers; every ledger accepts the
 *       entries; a tier change is to a tier of the ladder ({@code trial-invariant});
 *   <li>after appending: the balance is the sum of the entries and the lots' points less the debt
 *       and fits a {@code long}; no lot is over-consumed; debt only under {@code ALLOW_DEBT}; no
 *       earned entry is clawed back beyond its points; a return claws back at most what its order
 *       earned, and all of it once every unit is back ({@code trial-invariant});
 *   <li>the event delivered again decides no entries (and, but for a tier review, no tier change).
 * </ul>
 *
 * <p>A failure is a {@link RuleFileProblem} at the failing rule's declaration (file, line,
 * column), whose message names the event ({@code event [id]}) and what failed. A story stops at its
 * first failure; each rule's first failure of each kind is reported, at most {@value
 * TrialRun#MAX_PROBLEMS}. A sample event the engine refuses as input (an unknown order, too few
 * points) is not held against the rules: it is a {@code trial-sample-refused} warning.
 *
 * <p><b>Cost.</b> On the bundled rules and the default Taiwanese programme the generated trial is
 * 57 events (about three more per campaign), each decided twice (appended, then delivered again)
 * and the first of each kind in a story once more on copies. Measured by {@code
 * RuleTrialCostMeasurement} (this module's tests) in thread CPU time: 0.26–0.36 s the first time
 * in a JVM (class loading and JIT), 27–48 ms for a new rule base in a JVM that has served orders (a
 * hot reload), 20–23 ms warm; wall-clock on a loaded 2-core machine 0.5–1.6 s, 31–293 ms and 38–89
 * ms. A passing generated trial is remembered for the rule base, programme and bounds it ran with
 * (by identity), so {@code engine.reload(loaded)} after {@code files.load(programme)} does not play
 * it twice. Each sample event adds two or three decisions; at most {@value #MAX_SAMPLE} are
 * accepted.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RuleTrial {
  private static final Logger LOG = LoggerFactory.getLogger(RuleTrial.class);

  /** The most sample events one trial accepts. */
  public static final int MAX_SAMPLE = 1_000;

  private static final RuleTrial GENERATED = new RuleTrial(List.of());
  /** The engine's default bounds, which {@link #run(RuleBase, Programme)} decides with. */
  private static final int DEFAULT_MAX_FIRINGS = 10_000;
  private static final int DEFAULT_MAX_OUTPUTS = 10_000;
  /** Generated trials that passed, per rule base (weakly, by identity). */
  private static final Map<RuleBase, List<Passed>> PASSED = Collections.synchronizedMap(new WeakHashMap<>());

  private final List<SampleEvent> sample;

  private RuleTrial(List<SampleEvent> sample) {
    this.sample = List.copyOf(sample);
  }

  /** {@return the generated events only: what {@code load} and {@code reload} run when given no trial} */
  public static RuleTrial generated() {
    return GENERATED;
  }

  /**
   * The generated events, then a sample of the host's recent real events.
   *
   * @param sample the host's events, at most {@value #MAX_SAMPLE}, each with the context it was
   *     decided on if the host has it
   * @return a trial that plays them too
   * @throws InvalidValueException if the sample is larger than {@value #MAX_SAMPLE}
   */
  public RuleTrial withSample(List<SampleEvent> sample) {
    Checks.present("rule trial", "sample", sample);
    Checks.check(sample.size() <= MAX_SAMPLE, "rule trial", "sample.size", sample.size(), "≤ " + MAX_SAMPLE);
    for (int i = 0; i < sample.size(); i++) {
      Checks.present("rule trial", "sample[" + i + "]", sample.get(i));
    }
    List<SampleEvent> all = new ArrayList<>(this.sample);
    all.addAll(sample);
    Checks.check(all.size() <= MAX_SAMPLE, "rule trial", "sample.size", all.size(), "≤ " + MAX_SAMPLE);
    return new RuleTrial(all);
  }

  /** {@return the host's sample events, in the order given} */
  public List<SampleEvent> sample() {
    return sample;
  }

  /**
   * Runs the trial on a rule base under a programme, deciding with the engine's default bounds.
   * Nothing outside the trial is changed.
   *
   * @param ruleBase the rules to try
   * @param programme the programme they would run under
   * @return every problem found, errors and warnings; no error if the rules pass
   */
  public List<RuleFileProblem> run(RuleBase ruleBase, Programme programme) {
    Checks.present("rule trial", "ruleBase", ruleBase);
    Checks.present("rule trial", "programme", programme);
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(programme).ruleBase(ruleBase)
        .maxRuleFirings(DEFAULT_MAX_FIRINGS).maxOutputs(DEFAULT_MAX_OUTPUTS).build();
    return run(ruleBase, programme, engine::decide, DEFAULT_MAX_FIRINGS + "/" + DEFAULT_MAX_OUTPUTS);
  }

  /**
   * Runs the trial with a given decider, for the engine's reload, which tries the very evaluator it
   * is about to swap in.
   *
   * <p>Not API: used by {@link #require} and the trial tests.
   *
   * @param ruleBase the rule base on trial
   * @param programme the programme it runs with
   * @param decider the evaluator about to be swapped in
   * @param bounds what distinguishes the decider's configuration, for remembering a passed trial
   * @return every problem the trial found, errors and warnings
   */
  @API(status = INTERNAL, since = "0.1")
  public List<RuleFileProblem> run(RuleBase ruleBase, Programme programme, Decider decider, String bounds) {
    long started = System.nanoTime();
    TrialRun run = new TrialRun(programme, ruleBase.sources(), decider);
    List<TrialScript.Story> stories = new ArrayList<>();
    boolean remembered = passed(ruleBase, programme, bounds);
    if (!remembered) {
      stories.addAll(TrialScript.generated(programme, ruleBase.sources()));
    }
    int generated = stories.size();
    for (SampleEvent event : sample) {
      stories.add(TrialScript.sample(programme, event));
    }
    List<RuleFileProblem> problems = run.play(stories);
    boolean failed = problems.stream().anyMatch(RuleFileProblem::isError);
    if (!remembered && !failed) {
      remember(ruleBase, programme, bounds);
    }
    LOG.debug("trial of rule base {}: {} stories ({} generated{}), {} events, {} problems in {} ms", ruleBase.version(),
        stories.size(), generated, remembered ? ", generated ones passed before" : "", run.events(), problems.size(),
        (System.nanoTime() - started) / 1_000_000);
    return problems;
  }

  /**
   * Not API: used by {@link org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine}.
   *
   * @param ruleBase the rule base on trial
   * @param programme the programme it runs with
   * @param decider the evaluator about to be swapped in
   * @param bounds what distinguishes the decider's configuration, for remembering a passed trial
   * @return the trial's warnings
   * @throws RuleFileException with every problem, if the trial finds an error
   */
  @API(status = INTERNAL, since = "0.1")
  public List<RuleFileProblem> require(RuleBase ruleBase, Programme programme, Decider decider, String bounds) {
    List<RuleFileProblem> problems = new ArrayList<>(run(ruleBase, programme, decider, bounds));
    if (problems.stream().anyMatch(RuleFileProblem::isError)) {
      problems.sort(RuleFileProblem.ORDER);
      throw new RuleFileException(problems);
    }
    return problems;
  }

  private static boolean passed(RuleBase ruleBase, Programme programme, String bounds) {
    synchronized (PASSED) {
      List<Passed> passes = PASSED.get(ruleBase);
      return passes != null && passes.stream().anyMatch(p -> p.programme().get() == programme && p.bounds().equals(bounds));
    }
  }

  private static void remember(RuleBase ruleBase, Programme programme, String bounds) {
    synchronized (PASSED) {
      List<Passed> passes = PASSED.computeIfAbsent(ruleBase, k -> new ArrayList<>());
      passes.removeIf(p -> p.programme().get() == null);
      passes.add(new Passed(new WeakReference<>(programme), bounds));
    }
  }

  private record Passed(WeakReference<Programme> programme, String bounds) {}

  @Override
  public String toString() {
    return "RuleTrial[generated" + (sample.isEmpty() ? "" : " + " + sample.size() + " sample events") + "]";
  }

  /**
   * Decides one event, as {@link org.loyaltyrules.loyalty.LoyaltyEngine#decide} does.
   *
   * <p>Not API: used by {@link org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine}.
   */
  @API(status = INTERNAL, since = "0.1")
  @FunctionalInterface
  public interface Decider {
    /**
     * {@return the decision}
     *
     * @param event the event to decide
     * @param context the member's state and referral chain
     */
    Decision decide(LoyaltyEvent event, DecisionContext context);
  }

  /**
   * One of a host's recent real events, for the trial to play after the generated ones.
   *
   * <p>This class is immutable and thread-safe (the context's ledgers are only copied, never
   * changed; do not change them while a trial runs).
   *
   * @param event the event
   * @param context the member state and referral chain it was decided on, if the host has them;
   *     without, the trial decides it for a fresh member on the entry tier, after what the event
   *     needs (the order paid, for a return; points credited, for a redemption)
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record SampleEvent(LoyaltyEvent event, Optional<DecisionContext> context) {
    /**
     * Validates that a context, if given, is the event's member's.
     *
     * @param event the event
     * @param context the member state and referral chain it was decided on, if the host has them; without,
     *     the trial decides it for a fresh member on the entry tier, after what the event needs (the order
     *     paid, for a return; points credited, for a redemption)
     * @throws org.loyaltyrules.loyalty.LoyaltyException if a component is invalid
     */
    public SampleEvent {
      Checks.present("sample event", "event", event);
      Checks.present("sample event", "context", context);
      if (context.isPresent() && !context.get().member().member().id().equals(event.memberId())) {
        throw new InvalidValueException("sample event", "context.member.id", context.get().member().member().id(),
            "the event's member " + event.memberId());
      }
    }

    /**
     * {@return the sample event}
     *
     * @param event an event without its context
     */
    public static SampleEvent of(LoyaltyEvent event) {
      return new SampleEvent(event, Optional.empty());
    }

    /**
     * {@return the sample event}
     *
     * @param event an event
     * @param context what it was decided on
     */
    public static SampleEvent of(LoyaltyEvent event, DecisionContext context) {
      return new SampleEvent(event, Optional.of(Checks.present("sample event", "context", context)));
    }
  }
}
