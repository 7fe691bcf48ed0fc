package org.loyaltyrules.loyalty.rules.trial;

import static org.loyaltyrules.loyalty.rules.trial.TrialDescriptions.describe;
import static org.loyaltyrules.loyalty.rules.trial.TrialDescriptions.find;
import static org.loyaltyrules.loyalty.rules.trial.TrialDescriptions.firstDifference;
import static org.loyaltyrules.loyalty.rules.trial.TrialDescriptions.refusedEntry;
import static org.loyaltyrules.loyalty.rules.trial.TrialDescriptions.signed;
import static org.loyaltyrules.loyalty.rules.trial.TrialDescriptions.states;
import static org.loyaltyrules.loyalty.rules.trial.TrialDescriptions.summary;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.NegativeBalancePolicy;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.PointLot;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.TierChange;
import org.loyaltyrules.loyalty.rules.RuleEvaluationException;
import org.loyaltyrules.loyalty.rules.RuleFileProblem;
import org.loyaltyrules.loyalty.rules.RuleSource;
import org.loyaltyrules.loyalty.rules.check.RuleDeclarations;
import org.loyaltyrules.loyalty.rules.check.RuleDeclarations.Declaration;

/**
 * Plays trial stories through a decider and turns what goes wrong into problems: every event is
 * decided, checked, appended as a host would, checked again and delivered a second time. A story
 * stops at its first failure (what follows would run on a state the host never reaches); the
 * other stories still run, and each rule's first failure of each kind is reported once.
 *
 * <p>This class is mutable and not thread-safe: one per trial.
 */
final class TrialRun {
  /** The most problems one trial reports; past it the remaining stories are not played. */
  static final int MAX_PROBLEMS = 8;

  private final Programme programme;
  private final ZoneId zone;
  private final List<RuleSource> sources;
  private final RuleTrial.Decider decider;
  private final Map<String, RuleFileProblem> problems = new LinkedHashMap<>();
  private boolean stopped;
  private int events;

  TrialRun(Programme programme, List<RuleSource> sources, RuleTrial.Decider decider) {
    this.programme = programme;
    this.zone = programme.zone();
    this.sources = sources;
    this.decider = decider;
  }

  /** @return the events decided so far (each decided twice, the first of each kind in a story three times) */
  int events() {
    return events;
  }

  /**
   * @param stories the stories
   * @return the problems found, errors and warnings, in the order found
   */
  List<RuleFileProblem> play(List<TrialScript.Story> stories) {
    for (TrialScript.Story story : stories) {
      if (stopped || problems.values().stream().filter(RuleFileProblem::isError).count() >= MAX_PROBLEMS) {
        break;
      }
      play(story);
    }
    return List.copyOf(problems.values());
  }

  private void play(TrialScript.Story story) {
    TrialHost host = new TrialHost(programme);
    story.members().forEach(host::join);
    story.given().ifPresent(host::join);
    LoyaltyEvent last = null;
    for (TrialScript.Step step : story.steps()) {
      LoyaltyEvent event;
      try {
        event = step.next(host);
      } catch (RuntimeException e) {
        // Only the state earlier decisions left can make setting up fail (a balance past a long).
        failAfter(story, last, e);
        return;
      }
      if (event != null) {
        if (!decide(story, host, event)) {
          return;
        }
        last = event;
      }
    }
  }

  /** Decides one event, checks everything around it and appends it; false if something failed. */
  private boolean decide(TrialScript.Story story, TrialHost host, LoyaltyEvent event) {
    if (!host.knows(event.memberId())) {
      return refused(story, event, "its member is not the member of the context passed with it");
    }
    DecisionContext context = host.context(event.memberId());
    List<String> before = states(context);
    Decision decision;
    try {
      decision = decider.decide(event, context);
      events++;
    } catch (Throwable t) {
      return threw(story, event, t, "");
    }
    List<String> after = states(context);
    if (!after.equals(before)) {
      return invariant(story, event, "", "deciding changed the ledgers it was given: " + before + " before, " + after
          + " after", "the engine only to propose entries");
    }
    if (host.firstOfItsKind(event)) {
      // Once per kind of event and story: a rule base that decides differently on equal inputs
      // does so on the first event as on any other, and each decision costs.
      Decision again;
      try {
        again = decider.decide(event, TrialHost.copyOf(context));
      } catch (Throwable t) {
        return threw(story, event, t, " the second time, on copies of the same ledgers");
      }
      if (!decision.equals(again)) {
        return invariant(story, event, firstDifference(decision, again), "two decisions on equal inputs differ ("
            + summary(decision) + " then " + summary(again) + ")", "the same decision on the same inputs");
      }
    }
    Set<String> inContext = TrialDescriptions.memberIds(context);
    Set<String> touched = new LinkedHashSet<>();
    for (LedgerEntry entry : decision.entries()) {
      if (!inContext.contains(entry.memberId())) {
        return invariant(story, event, entry.provenance().rule(), "entry [" + entry.key() + "] is for member ["
            + entry.memberId() + "], who is not in the event's context", "entries for the member and their referrers");
      }
      touched.add(entry.memberId());
    }
    for (String id : touched) {
      List<LedgerEntry> entries = decision.entriesFor(id);
      try {
        host.ledger(id).appendAll(entries);
      } catch (RuntimeException e) {
        LedgerEntry refused = refusedEntry(host.ledger(id), entries);
        return invariant(story, event, refused.provenance().rule(), "the ledger of member [" + id + "] refused entry ["
            + refused.key() + "] (" + signed(refused.points().value()) + " points): " + describe(e),
            "entries every ledger accepts");
      }
    }
    if (decision.tierChange().isPresent()) {
      TierChange change = decision.tierChange().get();
      if (!programme.tiers().codes().contains(change.to()) || !change.memberId().equals(event.memberId())) {
        return invariant(story, event, change.rule(), "tier change of member [" + change.memberId() + "] to ["
            + change.to() + "]", "a change of the event's member to a tier of the ladder " + programme.tiers().codes());
      }
      if (!change.effectiveAt().isAfter(event.occurredAt())) {
        host.setTier(change.memberId(), change.to());
      }
    }
    host.markDecided(event.eventId());
    for (String id : touched) {
      String broken = brokenInvariant(host.ledger(id), event.occurredAt());
      if (broken != null) {
        return invariant(story, event, decision.entriesFor(id).get(0).provenance().rule(), "the ledger of member ["
            + id + "] breaks " + broken, "every ledger invariant to hold after every decision");
      }
    }
    if (event instanceof LoyaltyEvent.OrderReturned returned && !clawbacksHold(story, host, returned)) {
      return false;
    }
    Decision redelivered;
    try {
      redelivered = decider.decide(event, host.context(event.memberId()));
    } catch (Throwable t) {
      return threw(story, event, t, " when delivered again after its decision was appended");
    }
    if (!redelivered.entries().isEmpty()
        || (redelivered.tierChange().isPresent() && !(event instanceof LoyaltyEvent.TierReview))) {
      // A review delivered again may lower a tier again: reviews are repeated by design.
      String rule = redelivered.entries().isEmpty() ? redelivered.tierChange().get().rule()
          : redelivered.entries().get(0).provenance().rule();
      return invariant(story, event, rule, "delivered again after its decision was appended, it decided "
          + summary(redelivered), "a redelivered event to add nothing");
    }
    return true;
  }

  /** Checks that a return never claws back more than its order earned, and all of it once every unit is back. */
  private boolean clawbacksHold(TrialScript.Story story, TrialHost host, LoyaltyEvent.OrderReturned event) {
    String orderId = event.orderId();
    PointLedger ledger = host.ledger(event.memberId());
    // The units bought, as the ledger recorded them on the order's base entry; the units returned, as
    // the story's events said (a whole return takes back every unit).
    List<LineShare> bought = ledger.entry(EntryKey.orderBase(orderId)).map(e -> ((LedgerEntry.Earned) e).lines())
        .orElse(List.of());
    Map<String, Integer> returned = host.returned(orderId);
    for (LineShare line : bought) {
      if (event.isWhole()) {
        returned.put(line.lineId(), line.quantity());
      }
    }
    for (LoyaltyEvent.ReturnedLine line : event.lines()) {
      returned.merge(line.lineId(), line.quantity(), Integer::sum);
    }
    boolean whole = !bought.isEmpty();
    for (LineShare line : bought) {
      whole &= returned.getOrDefault(line.lineId(), 0) >= line.quantity();
    }
    long earned = ledger.earnedPoints(orderId).value();
    long clawed = ledger.reversedPointsOfSource(orderId).value();
    if (clawed >= 0 && clawed <= earned && (!whole || clawed == earned)) {
      return true;
    }
    String rule = "";
    for (LedgerEntry.Earned entry : ledger.earnedFrom(orderId)) {
      if (ledger.reversedPoints(entry.key()).compareTo(entry.points()) != 0) {
        rule = entry.provenance().rule();
        break;
      }
    }
    return invariant(story, event, rule, "clawback-within-earned: order [" + orderId + "] "
        + (whole ? "came back in full and " : "") + "clawed back [" + clawed + "] of the [" + earned + "] points it earned",
        whole ? "all the points of an order returned in full to be clawed back" : "0 to " + earned + " points clawed back");
  }

  /**
   * The ledger invariants a decision could break, checked with the ledger's public views only.
   *
   * @return the broken invariant and its values, or {@code null}
   */
  static String brokenInvariant(PointLedger ledger, Instant at) {
    long sum = 0;
    long remaining = 0;
    try {
      for (LedgerEntry entry : ledger.entries()) {
        sum = Math.addExact(sum, entry.points().value());
      }
      for (PointLot lot : ledger.lots()) {
        long left = lot.remaining().value();
        long expired = lot.expired().value();
        if (left < 0 || expired < 0 || Math.addExact(left, expired) > lot.original().value()) {
          return "lots-never-over-consumed: lot [" + lot.key() + "] has [" + left + "] left and [" + expired
              + "] expired of [" + lot.original().value() + "]";
        }
        remaining = Math.addExact(remaining, left);
      }
    } catch (ArithmeticException e) {
      return "balance-fits: the points of its entries or lots add up past " + Long.MAX_VALUE;
    }
    long balance = ledger.balance().value();
    long debt = ledger.debt().value();
    if (balance != sum) {
      return "balance-is-sum-of-entries: balance [" + balance + "], entries [" + sum + "]";
    }
    if (debt < 0 || (ledger.policy() == NegativeBalancePolicy.CAP_AT_ZERO && debt != 0)) {
      return "debt-by-policy: debt [" + debt + "] under " + ledger.policy();
    }
    if (balance != remaining - debt) {
      return "balance-is-lots-less-debt: balance [" + balance + "], lots [" + remaining + "], debt [" + debt + "]";
    }
    if (ledger.policy() != NegativeBalancePolicy.ALLOW_DEBT && ledger.available(at).isNegative()) {
      return "available-not-negative: available [" + ledger.available(at).value() + "] under " + ledger.policy();
    }
    for (LedgerEntry entry : ledger.entries()) {
      if (entry instanceof LedgerEntry.Earned earned && ledger.reversedPoints(earned.key()).compareTo(earned.points()) > 0) {
        return "clawback-within-earned: [" + ledger.reversedPoints(earned.key()).value() + "] clawed back of the ["
            + earned.points().value() + "] points of " + earned.key();
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ failures

  private boolean threw(TrialScript.Story story, LoyaltyEvent event, Throwable t, String when) {
    if (t instanceof VirtualMachineError && !(t instanceof OutOfMemoryError) && !(t instanceof StackOverflowError)) {
      throw (VirtualMachineError) t; // the JVM itself is failing: nothing a rule file did
    }
    if (t instanceof VirtualMachineError) {
      stopped = true; // memory or stack ran out: no more rule code runs in this trial
    }
    RuleEvaluationException evaluation = find(t, RuleEvaluationException.class);
    if (story.label().equals("sample") && evaluation == null && t instanceof LoyaltyException) {
      return refused(story, event, "the engine refused it as input: " + describe(t));
    }
    String rule = evaluation == null ? "" : evaluation.rule();
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String detail = (rule.isEmpty() ? "deciding" : "rule [" + rule + "]") + " threw " + describe(root)
        + (root == t ? "" : " (reported as " + t.getClass().getSimpleName() + ")") + when;
    return fail(story, event, rule, "trial-error", detail, "every event decided without an error",
        RuleFileProblem.Severity.ERROR);
  }

  private boolean invariant(TrialScript.Story story, LoyaltyEvent event, String rule, String detail, String expected) {
    return fail(story, event, rule, "trial-invariant", detail, expected, RuleFileProblem.Severity.ERROR);
  }

  private boolean refused(TrialScript.Story story, LoyaltyEvent event, String why) {
    // The host's own data, refused as the running rules would refuse it: reported, not held against the rules.
    String key = "refused|" + event.eventId();
    problems.putIfAbsent(key, new RuleFileProblem("", 0, 0, "", "trial-sample-refused", "Sample event not tried:"
        + " event [" + event.eventId() + "] (" + describe(event, zone) + "): " + why + "; expected an event a host would"
        + " pass to decide", RuleFileProblem.Severity.WARNING));
    return false;
  }

  private void failAfter(TrialScript.Story story, LoyaltyEvent last, RuntimeException e) {
    String detail = "preparing the next event on the state it left failed: " + describe(e);
    if (last == null) {
      // Only a sample event's set-up comes before any decision: the host's data, not the rules.
      problems.putIfAbsent("refused|" + problems.size(), new RuleFileProblem("", 0, 0, "", "trial-sample-refused",
          "Sample event not tried: setting up its member failed: " + describe(e) + "; expected an event a host would"
              + " pass to decide", RuleFileProblem.Severity.WARNING));
      return;
    }
    fail(story, last, "", "trial-invariant", detail, "a state a host can keep using", RuleFileProblem.Severity.ERROR);
  }

  private boolean fail(TrialScript.Story story, LoyaltyEvent event, String rule, String code, String detail,
      String expected, RuleFileProblem.Severity severity) {
    String key = rule + "|" + code;
    if (!problems.containsKey(key)) {
      String message = "Trial failed: " + story.label() + " event [" + event.eventId() + "] (" + describe(event, zone) + "): "
          + detail + "; expected " + expected;
      problems.put(key, placed(rule, code, message, severity));
    }
    return false;
  }

  /**
   * A problem at the rule's declaration: the merchant's if several files declare it; for a base
   * rate credited by several rules ("a + b"), the first of them a file declares. A rule no file
   * declares (the engine's own steps) is named without a place, in the only merchant file if
   * there is exactly one.
   */
  private RuleFileProblem placed(String rule, String code, String message, RuleFileProblem.Severity severity) {
    Optional<Declaration> found = Optional.empty();
    if (!rule.isEmpty()) {
      List<String> names = new ArrayList<>(List.of(rule));
      names.addAll(List.of(rule.split(" \\+ ")));
      for (String name : names) {
        Optional<Declaration> one = RuleDeclarations.find(sources, name);
        if (one.isPresent() && (found.isEmpty() || (found.get().source().trusted() && !one.get().source().trusted()))) {
          found = one;
        }
      }
    }
    if (found.isPresent()) {
      Declaration d = found.get();
      return new RuleFileProblem(d.source().name(), d.line(), d.column(), d.name(), code, message, severity);
    }
    List<RuleSource> untrusted = sources.stream().filter(s -> !s.trusted()).toList();
    return new RuleFileProblem(untrusted.size() == 1 ? untrusted.get(0).name() : "", 0, 0, rule, code, message, severity);
  }
}
