package org.loyaltyrules.loyalty.rules;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LoyaltyEngine;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.internal.Checks;
import org.loyaltyrules.loyalty.rules.internal.CampaignIndex;
import org.loyaltyrules.loyalty.rules.internal.Evaluator;

/**
 * The Drools-backed {@link LoyaltyEngine}. Build it once from a {@link RuleBase} and a
 * {@link Programme} and share it: it is thread-safe, compiles nothing per call, and keeps no state
 * between calls but the current (rule base, programme) snapshot.
 *
 * <p><b>Hot reload.</b> {@link #reload(RuleBase, Programme)} swaps the snapshot atomically. Compile
 * the new rule base first ({@link RuleBase#compile}); if that fails the engine keeps serving the old
 * one. Before the swap the new rules must pass a {@link RuleTrial}; if they throw or break a ledger
 * invariant on any trial event, reload throws {@link RuleFileException} and the engine keeps
 * serving the old ones. An evaluation already running finishes on the snapshot it started with, and
 * every decision records the {@link Decision#ruleBaseVersion()} that made it.
 *
 * <p><b>Bounds.</b> One evaluation may fire at most {@link Builder#maxRuleFirings(int)} rules
 * (default 10,000) and emit at most {@link Builder#maxOutputs(int)} outputs (default 10,000); past
 * either it fails with {@link RuleEvaluationException} and decides nothing.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LoyaltyRulesEngine implements LoyaltyEngine {

  /** What one evaluation runs on; replaced whole on reload. */
  private record Snapshot(Evaluator evaluator, RuleBase ruleBase, Programme programme, String version) {}

  private final AtomicReference<Snapshot> current;
  private final int maxRuleFirings;
  private final int maxOutputs;

  private LoyaltyRulesEngine(Builder builder) {
    this.maxRuleFirings = builder.maxRuleFirings;
    this.maxOutputs = builder.maxOutputs;
    this.current = new AtomicReference<>(snapshot(builder.ruleBase, builder.programme));
  }

  /**
   * Starts a builder.
   *
   * @param programme the programme settings and campaign calendar
   * @return a builder; without {@link Builder#ruleBase(RuleBase)} it uses {@link RuleBase#defaults()}
   */
  public static Builder builder(Programme programme) {
    return new Builder(programme);
  }

  private Snapshot snapshot(RuleBase ruleBase, Programme programme) {
    String version = ruleBase.version() + "." + programmeHash(programme);
    Evaluator evaluator = new Evaluator(ruleBase.kieBase(), programme, new CampaignIndex(programme.campaigns()),
        version, maxRuleFirings, maxOutputs);
    return new Snapshot(evaluator, ruleBase, programme, version);
  }

  private static String programmeHash(Programme p) {
    String text = p.currency() + "|" + p.zone() + "|" + p.tiers() + "|" + p.rounding() + "|" + p.roundingScope()
        + "|" + p.pendingPeriod() + "|" + p.pointsValidity() + "|" + p.expireAtEndOfMonth() + "|"
        + p.negativeBalancePolicy() + "|" + p.cashValuePerPoint() + "|" + p.minimumRedemption() + "|"
        + p.stackingPolicy() + "|" + p.downgradePolicy() + "|" + p.downgradeGrace() + "|" + p.tierRefundPolicy()
        + "|" + p.referralRefundPolicy() + "|" + p.maxReferralLevels() + "|" + new java.util.TreeSet<>(p.excludedSkus())
        + "|" + new java.util.TreeSet<>(p.excludedCategories()) + "|" + p.campaigns();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  @Override
  public Decision decide(LoyaltyEvent event, DecisionContext context) {
    Checks.present("decision", "event", event);
    Checks.present("decision", "context", context);
    String memberId = context.member().member().id();
    if (!event.memberId().equals(memberId)) {
      throw new InvalidValueException("decision", "event.memberId", event.memberId(), "the context's member " + memberId);
    }
    return current.get().evaluator().decide(event, context);
  }

  @Override
  public String ruleBaseVersion() {
    return current.get().version();
  }

  /** @return the rule base currently deciding */
  public RuleBase ruleBase() {
    return current.get().ruleBase();
  }

  /** @return the programme currently deciding */
  public Programme programme() {
    return current.get().programme();
  }

  /**
   * Swaps in a new rule base and programme atomically, once they pass the {@linkplain
   * RuleTrial#generated() generated trial} with this engine's bounds. Evaluations already running
   * finish on the old ones.
   *
   * @param ruleBase the compiled rule base
   * @param programme the programme
   * @return the new version
   * @throws RuleFileException if the rules fail the trial; the engine keeps the rules it had
   */
  public String reload(RuleBase ruleBase, Programme programme) {
    return reload(ruleBase, programme, RuleTrial.generated());
  }

  /**
   * Swaps in a new rule base and programme atomically, once they pass a trial: the very evaluator
   * to be swapped in decides the trial's events (on ledgers of the trial's own). Evaluations
   * already running finish on the old ones.
   *
   * @param ruleBase the compiled rule base
   * @param programme the programme
   * @param trial the trial, e.g. {@code RuleTrial.generated().withSample(recentEvents)}
   * @return the new version
   * @throws RuleFileException if the rules fail the trial, each failure at the rule's declaration
   *     and naming the event; the engine keeps the rules it had
   */
  public String reload(RuleBase ruleBase, Programme programme, RuleTrial trial) {
    Objects.requireNonNull(ruleBase, "ruleBase");
    Objects.requireNonNull(programme, "programme");
    Objects.requireNonNull(trial, "trial");
    Snapshot next = snapshot(ruleBase, programme);
    trial.require(ruleBase, programme, next.evaluator()::decide, maxRuleFirings + "/" + maxOutputs);
    current.set(next);
    return next.version();
  }

  /**
   * Swaps in a new rule base, keeping the programme.
   *
   * @param ruleBase the compiled rule base
   * @return the new version
   */
  public String reload(RuleBase ruleBase) {
    return reload(ruleBase, programme());
  }

  /**
   * Swaps in rules that loaded, with their programme.
   *
   * @param loaded the loaded rule files
   * @return the new version
   */
  public String reload(LoadedRules loaded) {
    Objects.requireNonNull(loaded, "loaded");
    return reload(loaded.ruleBase(), loaded.programme());
  }

  /**
   * Swaps in rules that loaded, with their programme, once they pass a trial.
   *
   * @param loaded the loaded rule files
   * @param trial the trial
   * @return the new version
   * @throws RuleFileException if the rules fail the trial; the engine keeps the rules it had
   */
  public String reload(LoadedRules loaded, RuleTrial trial) {
    Objects.requireNonNull(loaded, "loaded");
    return reload(loaded.ruleBase(), loaded.programme(), trial);
  }

  /**
   * The local date of an instant in the current programme's zone.
   *
   * @param instant an instant
   * @return its local date
   */
  public LocalDate localDate(Instant instant) {
    return instant.atZone(programme().zone()).toLocalDate();
  }

  @Override
  public String toString() {
    return "LoyaltyRulesEngine[" + ruleBaseVersion() + "]";
  }

  /** Builds a {@link LoyaltyRulesEngine}. */
  public static final class Builder {
    private final Programme programme;
    private RuleBase ruleBase;
    private int maxRuleFirings = 10_000;
    private int maxOutputs = 10_000;

    private Builder(Programme programme) {
      this.programme = Checks.present("engine", "programme", programme);
    }

    /**
     * @param ruleBase the compiled rules
     * @return this builder
     */
    public Builder ruleBase(RuleBase ruleBase) {
      if (this.ruleBase != null) {
        throw new InvalidValueException("engine builder", "ruleBase", ruleBase, "to be set once (it was already set to " + this.ruleBase + ")");
      }
      this.ruleBase = Checks.present("engine", "ruleBase", ruleBase);
      return this;
    }

    /**
     * @param max the most rule firings one evaluation may take, ≥ 1
     * @return this builder
     */
    public Builder maxRuleFirings(int max) {
      Checks.check(max >= 1, "engine", "maxRuleFirings", max, "≥ 1");
      this.maxRuleFirings = max;
      return this;
    }

    /**
     * @param max the most outputs (awards, bonuses…) one evaluation may emit, ≥ 1
     * @return this builder
     */
    public Builder maxOutputs(int max) {
      Checks.check(max >= 1, "engine", "maxOutputs", max, "≥ 1");
      this.maxOutputs = max;
      return this;
    }

    /** @return the engine */
    public LoyaltyRulesEngine build() {
      if (ruleBase == null) {
        ruleBase = RuleBase.defaults();
      }
      return new LoyaltyRulesEngine(this);
    }
  }
}
