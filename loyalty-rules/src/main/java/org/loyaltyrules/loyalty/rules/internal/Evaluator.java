package org.loyaltyrules.loyalty.rules.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.ClawbackPlan;
import org.loyaltyrules.loyalty.CurrencyMismatchException;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.InsufficientPointsException;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LimitExceededException;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.PointLot;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Provenance;
import org.loyaltyrules.loyalty.StackingPolicy;
import org.loyaltyrules.loyalty.Tier;
import org.loyaltyrules.loyalty.TierChange;
import org.loyaltyrules.loyalty.UnknownEntryException;
import org.loyaltyrules.loyalty.rules.RuleBase;
import org.loyaltyrules.loyalty.rules.RuleEvaluationException;
import org.loyaltyrules.loyalty.rules.facts.CampaignFact;
import org.loyaltyrules.loyalty.rules.facts.Decisions;
import org.loyaltyrules.loyalty.rules.facts.EventFact;
import org.loyaltyrules.loyalty.rules.facts.LineFact;
import org.loyaltyrules.loyalty.rules.facts.MemberFact;
import org.loyaltyrules.loyalty.rules.facts.OrderFact;
import org.loyaltyrules.loyalty.rules.facts.TierFact;
import org.loyaltyrules.loyalty.rules.facts.UplineFact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides one event against one (rule base, programme) snapshot: builds the input facts, lets the
 * rules say what applies, then does the accounting in Java (rates, stacking, rounding, line shares,
 * clawbacks) so that whatever the rules say, the entries keep the ledger's invariants.
 * Immutable and thread-safe; each call borrows a Drools session of its own from the rule base's
 * {@link SessionPool} (reset between decisions, dropped after any failure).
 */
public final class Evaluator {
  private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

  /** Rule name recorded on entries the engine makes without a rule (refunds, redemptions, expiry). */
  public static final String RULE_REFUND = "engine: claw back the original award of returned units";
  /** Rule name for referral bonuses clawed back after a full refund. */
  public static final String RULE_REFERRAL_ROLLBACK = "engine: claw back referral bonus after full refund";
  /** Rule name for redemptions. */
  public static final String RULE_REDEEM = "engine: redeem points as cash value";
  /** Rule name for cancelled redemptions. */
  public static final String RULE_REDEEM_CANCEL = "engine: give back a cancelled redemption";
  /** Rule name for pending releases. */
  public static final String RULE_RELEASE = "engine: release pending points";
  /** Rule name for expiry. */
  public static final String RULE_EXPIRE = "engine: expire points past their expiry";
  /** Rule name for qualifying spend recorded when no earning rule matched. */
  public static final String RULE_SPEND = "engine: record qualifying spend";
  /** Rule name for tier changes after refunds. */
  public static final String RULE_TIER_REFUND = "engine: recompute tier after refund";

  private static final int EXACT_SCALE = 12;
  private static final Pattern RULE_IN_MESSAGE = Pattern.compile("Rule \"([^\"]*)\"");

  /**
   * Attributes each consequence's outputs to its rule, and knows whether a consequence is running
   * (so an error thrown from one names its rule). One per session: it holds the engine's side of
   * the collector, which the rules' global does not expose.
   */
  private static final class Attribution extends DefaultAgendaEventListener {
    private final Decisions.Recorder recorder;
    private final java.util.function.BinaryOperator<String> ruleNames;

    Attribution(Decisions.Recorder recorder, java.util.function.BinaryOperator<String> ruleNames) {
      this.recorder = recorder;
      this.ruleNames = ruleNames;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
      org.kie.api.definition.rule.Rule rule = event.getMatch().getRule();
      recorder.enterRule(ruleNames.apply(rule.getPackageName(), rule.getName()));
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
      recorder.leaveRule();
    }
  }

  private final KieBase kieBase;
  private final SessionPool sessions;
  /** (package, rule name) → the name decisions record; a {@code null} package looks the name up alone. */
  private final java.util.function.BinaryOperator<String> ruleNames;
  private final Programme programme;
  private final CampaignIndex campaigns;
  private final String version;
  private final EvaluationBound firingBound;
  private final EvaluationBound outputBound;
  private final boolean hasOutputGlobal;
  private final Map<String, Campaign> campaignsById = new HashMap<>();

  /**
   * @param kieBase the compiled rules
   * @param sessions the pool of sessions of {@code kieBase}
   * @param programme the programme
   * @param campaigns the programme's campaign index
   * @param version the version recorded on decisions
   * @param firingBound the most rule firings per evaluation, by the facts inserted
   * @param outputBound the most outputs per evaluation, by the facts inserted
   * @param ruleNames the name decisions record for a rule, from its package (or {@code null}) and name
   */
  public Evaluator(KieBase kieBase, SessionPool sessions, Programme programme, CampaignIndex campaigns, String version,
      EvaluationBound firingBound, EvaluationBound outputBound, java.util.function.BinaryOperator<String> ruleNames) {
    this.kieBase = kieBase;
    this.sessions = sessions;
    this.ruleNames = ruleNames;
    this.programme = programme;
    this.campaigns = campaigns;
    this.version = version;
    this.firingBound = firingBound;
    this.outputBound = outputBound;
    boolean global = false;
    for (KiePackage pkg : kieBase.getKiePackages()) {
      global |= pkg.getGlobalVariables().stream().anyMatch(g -> g.getName().equals(RuleBase.OUTPUT_GLOBAL));
    }
    this.hasOutputGlobal = global;
    for (Campaign campaign : programme.campaigns()) {
      campaignsById.put(campaign.id(), campaign);
    }
  }

  /**
   * @param event the event
   * @param context the member state
   * @return the decision
   */
  public Decision decide(LoyaltyEvent event, DecisionContext context) {
    EventSanity.check(event, context, programme);
    Decision decision;
    if (event instanceof LoyaltyEvent.OrderPaid paid) {
      decision = orderPaid(paid.order(), context);
    } else if (event instanceof LoyaltyEvent.OrderReturned returned) {
      decision = orderReturned(returned, context);
    } else if (event instanceof LoyaltyEvent.MemberEnrolled enrolled) {
      decision = memberEnrolled(enrolled, context.member());
    } else if (event instanceof LoyaltyEvent.PointsRedeemed redeemed) {
      decision = pointsRedeemed(redeemed, context.member());
    } else if (event instanceof LoyaltyEvent.RedemptionCancelled cancelled) {
      decision = redemptionCancelled(cancelled, context.member());
    } else if (event instanceof LoyaltyEvent.PendingReleased released) {
      decision = pendingReleased(released, context.member());
    } else if (event instanceof LoyaltyEvent.ExpiryRun run) {
      decision = expiryRun(run, context.member());
    } else if (event instanceof LoyaltyEvent.TierReview review) {
      decision = tierReview(review, context.member());
    } else {
      throw new IllegalStateException("unknown event kind " + event.getClass());
    }
    checkTotals(decision);
    checkCredits(decision);
    if (LOG.isDebugEnabled()) {
      LOG.debug("decided {} {} for member {}: {} entries, tier change {}, rules {}", event.getClass().getSimpleName(),
          event.eventId(), event.memberId(), decision.entries().size(), decision.tierChange().isPresent(),
          decision.firedRules());
    }
    return decision;
  }

  // ------------------------------------------------------------------ order paid

  private Decision orderPaid(Order order, DecisionContext context) {
    Member member = context.member().member();
    PointLedger ledger = context.member().ledger();
    if (!order.currency().equals(programme.currency())) {
      throw new CurrencyMismatchException("order", "currency", programme.currency(), order.currency());
    }
    String baseKey = orderKey(order.id(), "base");
    if (ledger.contains(baseKey)) {
      return nothing(order.id(), "order " + order.id() + " was already decided (entry " + baseKey + " exists); nothing more to credit");
    }
    Tier tier = programme.tiers().byCode(member.tierCode());
    Instant at = order.paidAt();
    LocalDate date = localDate(at);
    boolean birthdayMonth = member.birthday().map(b -> b.getMonth() == date.getMonth()).orElse(false);

    Map<String, Money> nets = order.netAfterOrderDiscount();
    List<OrderLine> eligible = new ArrayList<>();
    List<LineFact> lineFacts = new ArrayList<>();
    BigDecimal spend = BigDecimal.ZERO;
    for (OrderLine line : order.lines()) {
      if (programme.isInEarningBase(line)) {
        BigDecimal net = nets.get(line.lineId()).amount();
        eligible.add(line);
        lineFacts.add(new LineFact(order.id(), line.lineId(), line.sku(), line.category(), line.quantity(), net));
        spend = spend.add(net);
      }
    }
    // The first order with qualifying spend: a gift-card-only (or free) order neither is one nor uses it up.
    boolean firstOrder = spend.signum() > 0 && isFirstOrder(ledger);
    Set<String> skus = new HashSet<>();
    Set<String> categories = new HashSet<>();
    for (OrderLine line : eligible) {
      skus.add(line.sku());
      categories.add(line.category());
    }
    List<Campaign> active = campaigns.activeForOrder(date, order.channel(), tier.code(), birthdayMonth, skus, categories);
    List<Object> facts = new ArrayList<>();
    facts.add(new EventFact("ORDER_PAID", order.id(), date));
    facts.add(memberFact(member, tier, date, birthdayMonth));
    facts.add(new OrderFact(order.id(), order.channel().code(), date, spend, order.currency().getCurrencyCode(),
        order.lines().size(), firstOrder));
    facts.addAll(lineFacts);
    for (Campaign campaign : active) {
      // A multiplier's optional minimum spend is a condition on the order, like its channel or tier:
      // the multiplier rules only match lines, so a campaign the order does not reach is not inserted.
      if (campaign.kind() == Campaign.Kind.MULTIPLIER
          && campaign.minSpend().isPresent() && campaign.minSpend().get().amount().compareTo(spend) > 0) {
        continue;
      }
      facts.add(campaignFact(campaign));
    }
    facts.addAll(tierFacts(ledger, at, spend));
    List<String> notices = new ArrayList<>();
    List<MemberState> uplines = uplines(context, notices);
    for (int level = 1; level <= uplines.size(); level++) {
      MemberState upline = uplines.get(level - 1);
      facts.add(new UplineFact(upline.member().id(), level, upline.member().tierCode(),
          upline.ledger().contains(referralKey(member.id(), level))));
    }

    Decisions.Recorder out = fire(facts);
    try {
      OrderAccounting accounting = new OrderAccounting(order, eligible, nets, out);
      List<LedgerEntry> entries = accounting.entries(member.id(), at, spend, tier, ledger);

      Optional<TierChange> tierChange = upgrade(out, member, tier, at);
      entries.addAll(referralBonuses(out, member, order, uplines));
      notices.addAll(noticesOf(out));
      for (Campaign campaign : active) {
        if (campaign.kind() == Campaign.Kind.THRESHOLD_BONUS && campaign.minSpend().isPresent()) {
          Money min = campaign.minSpend().get();
          Money base = Money.of(spend, programme.currency());
          if (base.isLessThan(min)) {
            notices.add("near miss: order " + base + " is below the " + min + " threshold of \"" + campaign.name()
                + "\" (" + min.minus(base) + " short)");
          }
        }
      }
      return new Decision(order.id(), version, entries, tierChange, out.firedRules(), notices);
    } catch (RuleEvaluationException e) {
      throw e;
    } catch (Throwable e) {
      throw accountingFailed(order.id(), e);
    }
  }

  private static boolean isFirstOrder(PointLedger ledger) {
    for (LedgerEntry entry : ledger.entries()) {
      if (entry instanceof LedgerEntry.Earned earned && earned.key().startsWith("order:") && earned.key().endsWith(":base")
          && earned.spend().isPositive()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The points other orders paid on {@code date} (programme zone) earned, as credited: the room a
   * daily cap has already used. Every such order in the ledger counts, whatever order the events
   * arrived in, so one day's orders never earn more than the cap together.
   */
  private long earnedOnDate(PointLedger ledger, LocalDate date, String orderId, String rule) {
    long sum = 0;
    for (LedgerEntry entry : ledger.entries()) {
      if (entry instanceof LedgerEntry.Earned earned && earned.key().startsWith("order:")
          && !earned.provenance().sourceEventId().equals(orderId) && localDate(earned.occurredAt()).equals(date)) {
        sum = ExactPoints.add(sum, earned.points().value(), "points earned on " + date, rule);
      }
    }
    return sum;
  }

  /** Computes one order's earned entries from what the rules decided. */
  private final class OrderAccounting {
    private final Order order;
    private final List<OrderLine> lines;
    private final Map<String, Money> nets;
    private final Decisions.Recorder out;
    private final String[] ids;
    private final Map<String, Integer> index = new HashMap<>();

    OrderAccounting(Order order, List<OrderLine> lines, Map<String, Money> nets, Decisions.Recorder out) {
      this.order = order;
      this.lines = lines;
      this.nets = nets;
      this.out = out;
      this.ids = new String[lines.size()];
      for (int i = 0; i < lines.size(); i++) {
        ids[i] = lines.get(i).lineId();
        index.put(ids[i], i);
      }
    }

    List<LedgerEntry> entries(String memberId, Instant at, BigDecimal spend, Tier tier, PointLedger ledger) {
      int n = lines.size();
      BigDecimal[] rate = new BigDecimal[n];
      String[] rateRule = new String[n];
      String[] rateText = new String[n];
      boolean[] excluded = new boolean[n];
      Map<String, String> exclusionReasons = new TreeMap<>();
      Map<String, Map<Integer, CampaignFact>> multipliers = new TreeMap<>();
      Map<String, String> multiplierRule = new HashMap<>();
      Map<String, Decisions.Bonus> bonuses = new LinkedHashMap<>();
      long cap = Long.MAX_VALUE;
      String capRule = null;
      String capReason = null;
      String capLimit = null;
      long earnedToday = -1;
      for (Decisions.Output output : out.outputs()) {
        if (output instanceof Decisions.BaseRate r) {
          int i = lineIndex(r.line());
          BigDecimal perUnit = r.points().divide(r.perAmount(), EXACT_SCALE, RoundingMode.DOWN);
          // Two rules giving one line a rate: the higher wins, whatever order they fired in.
          if (rate[i] == null || perUnit.compareTo(rate[i]) > 0) {
            rate[i] = perUnit;
            rateRule[i] = r.rule();
            rateText[i] = r.points().stripTrailingZeros().toPlainString() + " point(s) per " + programme.currency()
                + " " + r.perAmount().toPlainString();
          }
        } else if (output instanceof Decisions.Exclusion x) {
          int i = lineIndex(x.line());
          excluded[i] = true;
          exclusionReasons.put(ids[i], x.reason() + " (" + x.rule() + ")");
        } else if (output instanceof Decisions.Multiplier m) {
          multipliers.computeIfAbsent(m.campaign().getId(), k -> new TreeMap<>()).put(lineIndex(m.line()), m.campaign());
          multiplierRule.putIfAbsent(m.campaign().getId(), m.rule());
        } else if (output instanceof Decisions.Bonus b) {
          bonuses.putIfAbsent(b.id(), b);
        } else if (output instanceof Decisions.Cap c && c.maxPoints() < cap) {
          cap = c.maxPoints();
          capRule = c.rule();
          capReason = c.reason();
          capLimit = "at most " + c.maxPoints() + " points per order";
        } else if (output instanceof Decisions.DailyCap d) {
          LocalDate date = localDate(at);
          if (earnedToday < 0) {
            earnedToday = earnedOnDate(ledger, date, order.id(), d.rule());
          }
          // The day's cap leaves this order what earlier credits of the same date have not used.
          long left = Math.max(0, ExactPoints.subtract(d.maxPoints(), earnedToday, "daily cap left on " + date, d.rule()));
          if (left < cap) {
            cap = left;
            capRule = d.rule();
            capReason = d.reason();
            capLimit = "at most " + d.maxPoints() + " points per day; " + earnedToday + " already earned on " + date;
          }
        }
      }

      // Base points, exact.
      BigDecimal[] base = new BigDecimal[n];
      for (int i = 0; i < n; i++) {
        base[i] = excluded[i] || rate[i] == null
            ? BigDecimal.ZERO
            : nets.get(ids[i]).amount().multiply(rate[i]);
      }
      List<Component> components = new ArrayList<>();
      components.add(baseComponent(base, rateRule, rateText, exclusionReasons, tier));
      components.addAll(campaignComponents(base, excluded, multipliers, multiplierRule));
      components.addAll(bonusComponents(bonuses, excluded));
      if (cap != Long.MAX_VALUE) {
        applyCap(components, cap, capRule, capReason, capLimit);
      }

      List<LedgerEntry> entries = new ArrayList<>();
      Optional<Instant> pendingUntil = programme.pendingUntil(at);
      Optional<Instant> expiresAt = programme.expiryFor(at);
      for (Component c : components) {
        boolean isBase = c == components.get(0);
        if (!isBase && c.total() == 0) {
          continue;
        }
        List<LineShare> shares = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          if (isBase || c.shares[i] > 0) {
            Money lineSpend = isBase ? nets.get(ids[i]) : Money.zero(programme.currency());
            shares.add(new LineShare(ids[i], lines.get(i).quantity(), Points.of(c.shares[i]), lineSpend));
          }
        }
        Money entrySpend = isBase ? Money.of(spend, programme.currency()) : Money.zero(programme.currency());
        entries.add(new LedgerEntry.Earned(orderKey(order.id(), c.key), memberId, Points.of(c.total()), at,
            new Provenance(order.id(), c.rule, version, c.reason()), entrySpend, shares,
            c.total() > 0 ? pendingUntil : Optional.empty(), c.total() > 0 ? expiresAt : Optional.empty()));
      }
      return entries;
    }

    private int lineIndex(LineFact line) {
      Integer i = index.get(line.getLineId());
      if (i == null || !line.getOrderId().equals(order.id())) {
        throw new RuleEvaluationException("rule-error", "", "A rule referred to line [" + line.getLineId()
            + "]; expected a line of order " + order.id() + " in the earning base", null);
      }
      return i;
    }

    private Component baseComponent(BigDecimal[] base, String[] rateRule, String[] rateText,
        Map<String, String> exclusions, Tier tier) {
      Set<String> rules = new java.util.TreeSet<>();
      Set<String> rates = new java.util.TreeSet<>();
      BigDecimal exact = BigDecimal.ZERO;
      BigDecimal earning = BigDecimal.ZERO;
      for (int i = 0; i < base.length; i++) {
        exact = exact.add(base[i]);
        if (rateRule[i] != null && !exclusions.containsKey(ids[i])) {
          rules.add(rateRule[i]);
          rates.add(rateText[i]);
          earning = earning.add(nets.get(ids[i]).amount());
        }
      }
      String rule = rules.isEmpty() ? RULE_SPEND : String.join(" + ", rules);
      long[] shares = round(base, "base points of order " + order.id(), rule);
      StringBuilder reason = new StringBuilder();
      if (rules.isEmpty()) {
        reason.append("no earning rule matched; qualifying spend recorded");
      } else {
        reason.append(Money.of(earning.setScale(programme.currency().getDefaultFractionDigits(), RoundingMode.UNNECESSARY),
                programme.currency()))
            .append(" earning base × ").append(String.join(", ", rates)).append(" (").append(tier.code())
            .append(" tier) = ").append(plain(exact)).append(" → ");
      }
      Component component = new Component("base", rule, shares, reason.toString());
      component.showTotal = !rules.isEmpty();
      component.suffix = " points (" + roundingText() + ")";
      if (!exclusions.isEmpty()) {
        component.extra = "; excluded: " + exclusions;
      }
      return component;
    }

    private List<Component> campaignComponents(BigDecimal[] base, boolean[] excluded,
        Map<String, Map<Integer, CampaignFact>> multipliers, Map<String, String> ruleOf) {
      int n = base.length;
      // Per line: the campaigns that apply, reduced to the best of each exclusive group.
      Map<String, BigDecimal[]> extra = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        if (excluded[i] || base[i].signum() == 0) {
          continue;
        }
        List<CampaignFact> onLine = new ArrayList<>();
        for (Map.Entry<String, Map<Integer, CampaignFact>> e : multipliers.entrySet()) {
          CampaignFact fact = e.getValue().get(i);
          if (fact != null) {
            onLine.add(fact);
          }
        }
        List<CampaignFact> survivors = bestOfGroups(onLine);
        if (survivors.isEmpty()) {
          continue;
        }
        StackingPolicy stacking = programme.stackingPolicy();
        if (stacking == StackingPolicy.BEST_OF) {
          CampaignFact best = survivors.get(0);
          for (CampaignFact c : survivors) {
            if (c.getMultiplier().compareTo(best.getMultiplier()) > 0) {
              best = c;
            }
          }
          survivors = List.of(best);
        }
        BigDecimal running = base[i];
        for (CampaignFact c : survivors) {
          BigDecimal factor = c.getMultiplier().subtract(BigDecimal.ONE);
          BigDecimal amount = (stacking == StackingPolicy.MULTIPLICATIVE ? running : base[i]).multiply(factor);
          extra.computeIfAbsent(c.getId(), k -> zeros(n))[i] = amount;
          running = running.multiply(c.getMultiplier());
        }
      }
      List<Component> result = new ArrayList<>();
      for (Map.Entry<String, BigDecimal[]> e : extra.entrySet()) {
        Campaign campaign = campaignsById.get(e.getKey());
        long[] shares = round(e.getValue(), "extra points of campaign " + e.getKey() + " on order " + order.id(),
            ruleOf.get(e.getKey()));
        BigDecimal exact = BigDecimal.ZERO;
        int count = 0;
        for (BigDecimal v : e.getValue()) {
          exact = exact.add(v);
          count += v.signum() > 0 ? 1 : 0;
        }
        String name = campaign == null ? e.getKey() : campaign.name();
        BigDecimal factor = campaign == null ? BigDecimal.ONE : campaign.multiplier();
        Component c = new Component("campaign:" + e.getKey(), ruleOf.get(e.getKey()), shares,
            "\"" + name + "\" ×" + factor.toPlainString() + " on " + count + (count == 1 ? " line" : " lines")
                + ": extra " + plain(exact) + " → ");
        c.suffix = " points (" + programme.stackingPolicy().name().toLowerCase(java.util.Locale.ROOT) + " stacking, "
            + roundingText() + ")";
        result.add(c);
      }
      return result;
    }

    private List<CampaignFact> bestOfGroups(List<CampaignFact> onLine) {
      Map<String, CampaignFact> bestOfGroup = new TreeMap<>();
      List<CampaignFact> result = new ArrayList<>();
      for (CampaignFact fact : onLine) {
        Campaign campaign = campaignsById.get(fact.getId());
        Optional<String> group = campaign == null ? Optional.empty() : campaign.exclusiveGroup();
        if (group.isEmpty()) {
          result.add(fact);
          continue;
        }
        CampaignFact best = bestOfGroup.get(group.get());
        // onLine is in campaign-id order, so on equal multipliers the smaller id stays.
        if (best == null || fact.getMultiplier().compareTo(best.getMultiplier()) > 0) {
          bestOfGroup.put(group.get(), fact);
        }
      }
      result.addAll(bestOfGroup.values());
      result.sort((a, b) -> a.getId().compareTo(b.getId()));
      return result;
    }

    private List<Component> bonusComponents(Map<String, Decisions.Bonus> bonuses, boolean[] excluded) {
      List<Component> result = new ArrayList<>();
      int n = lines.size();
      BigDecimal[] weights = new BigDecimal[n];
      int earning = 0;
      for (int i = 0; i < n; i++) {
        weights[i] = excluded[i] ? BigDecimal.ZERO : nets.get(ids[i]).amount();
        earning += excluded[i] ? 0 : 1;
      }
      for (Decisions.Bonus bonus : bonuses.values()) {
        long[] shares;
        if (earning == 0) {
          shares = new long[n];
        } else {
          // Spread over the earning lines by their net, so a partial return claws back its share.
          BigDecimal[] w = weights;
          boolean allZero = true;
          for (BigDecimal x : w) {
            allZero &= x.signum() == 0;
          }
          if (allZero) {
            w = new BigDecimal[n];
            for (int i = 0; i < n; i++) {
              w[i] = excluded[i] ? BigDecimal.ZERO : BigDecimal.ONE;
            }
          }
          shares = Shares.split(bonus.points(), w, ids);
        }
        Component c = new Component("bonus:" + bonus.id(), bonus.rule(), shares, "\"" + bonus.reason() + "\": ");
        c.suffix = " bonus points";
        result.add(c);
      }
      return result;
    }

    /** Whole points, each line's exact value rounded; a line or sum beyond {@code long} is a typed overflow. */
    private long[] round(BigDecimal[] exact, String what, String rule) {
      try {
        return Shares.round(exact, ids, programme.rounding(), programme.roundingScope());
      } catch (ArithmeticException e) {
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal v : exact) {
          sum = sum.add(v);
        }
        throw ExactPoints.overflow(what, rule, sum.setScale(0, RoundingMode.DOWN));
      }
    }

    private void applyCap(List<Component> components, long cap, String rule, String reason, String limit) {
      // Summed without a bound: components that each fit in a long may not fit together, and the
      // cap still brings the order down to at most cap.
      BigInteger total = BigInteger.ZERO;
      for (Component c : components) {
        total = total.add(BigInteger.valueOf(c.total()));
      }
      BigInteger over = total.subtract(BigInteger.valueOf(cap));
      for (int k = components.size() - 1; k >= 0 && over.signum() > 0; k--) {
        Component c = components.get(k);
        long take = over.min(BigInteger.valueOf(c.total())).longValueExact();
        if (take == 0) {
          continue;
        }
        BigDecimal[] weights = new BigDecimal[c.shares.length];
        for (int i = 0; i < weights.length; i++) {
          weights[i] = BigDecimal.valueOf(c.shares[i]);
        }
        c.shares = Shares.split(c.total() - take, weights, ids);
        c.extra += "; cut by " + take + " to respect \"" + reason + "\" (" + rule + ": " + limit + ")";
        over = over.subtract(BigInteger.valueOf(take));
      }
    }
  }

  /** One earned entry in the making: a key suffix, its rule, whole per-line shares and an explanation. */
  private static final class Component {
    final String key;
    final String rule;
    long[] shares;
    final String prefix;
    String suffix = "";
    String extra = "";

    Component(String key, String rule, long[] shares, String prefix) {
      this.key = key;
      this.rule = rule;
      this.shares = shares;
      this.prefix = prefix;
    }

    long total() {
      return ExactPoints.sum(shares, "points of entry " + key, rule);
    }

    boolean showTotal = true;

    String reason() {
      return prefix + (showTotal ? total() + suffix : "") + extra;
    }
  }

  private Optional<TierChange> upgrade(Decisions.Recorder out, Member member, Tier current, Instant at) {
    TierFact best = null;
    String rule = null;
    for (Decisions.Output output : out.outputs()) {
      if (output instanceof Decisions.Upgrade u && u.tier().getRank() > current.rank()
          && (best == null || u.tier().getRank() > best.getRank())) {
        best = u.tier();
        rule = u.rule();
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    Tier to = programme.tiers().byCode(best.getCode());
    return Optional.of(new TierChange(member.id(), current.code(), to.code(), at, rule,
        "qualifying spend " + Money.of(best.getSpendInWindow(), programme.currency()) + " over " + to.window()
            + " reaches " + to.code() + "'s " + to.threshold() + "; this order earned at the " + current.code()
            + " rate, the next earns at the " + to.code() + " rate"));
  }

  private List<LedgerEntry> referralBonuses(Decisions.Recorder out, Member referee, Order order, List<MemberState> uplines) {
    Map<Integer, Decisions.ReferralBonus> byLevel = new TreeMap<>();
    for (Decisions.Output output : out.outputs()) {
      if (output instanceof Decisions.ReferralBonus r && !r.upline().isBonusPaid()) {
        byLevel.putIfAbsent(r.upline().getLevel(), r);
      }
    }
    List<LedgerEntry> entries = new ArrayList<>();
    for (Decisions.ReferralBonus bonus : byLevel.values()) {
      int level = bonus.upline().getLevel();
      MemberState upline = uplines.get(level - 1);
      Instant at = order.paidAt();
      entries.add(new LedgerEntry.Earned(referralKey(referee.id(), level), upline.member().id(),
          Points.of(bonus.points()), at,
          new Provenance(order.id(), bonus.rule(), version, "referral bonus, level " + level + ": " + bonus.points()
              + " points for member " + referee.id() + "'s first qualifying order " + order.id()),
          Money.zero(programme.currency()), List.of(), programme.pendingUntil(at), programme.expiryFor(at)));
    }
    return entries;
  }

  /** The referral chain as far as levels are paid, cut before any cycle or self-referral. */
  private List<MemberState> uplines(DecisionContext context, List<String> notices) {
    Member member = context.member().member();
    List<MemberState> chain = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    seen.add(member.id());
    Optional<String> expected = member.referrerId();
    for (MemberState upline : context.uplines()) {
      if (chain.size() >= programme.maxReferralLevels() || expected.isEmpty()) {
        break;
      }
      String id = upline.member().id();
      if (!id.equals(expected.get())) {
        throw new InvalidValueException("decision context", "uplines[" + chain.size() + "].member.id", id,
            "the referrer of the previous member, " + expected.get());
      }
      if (!seen.add(id)) {
        notices.add("referral chain refused beyond level " + chain.size() + ": member " + id
            + " appears twice (a referral cycle)");
        break;
      }
      chain.add(upline);
      expected = upline.member().referrerId();
    }
    return chain;
  }

  // ------------------------------------------------------------------ returns

  private Decision orderReturned(LoyaltyEvent.OrderReturned event, DecisionContext context) {
    Member member = context.member().member();
    PointLedger ledger = context.member().ledger();
    Order order = event.order();
    String baseKey = orderKey(order.id(), "base");
    Optional<LedgerEntry> base = ledger.entry(baseKey);
    if (base.isEmpty() || !(base.get() instanceof LedgerEntry.Earned baseEntry)) {
      throw new UnknownEntryException("order-returned event", "order.id", order.id(),
          "an order already decided for member " + member.id() + " (no entry " + baseKey + ")");
    }
    if (ledger.contains(returnKey(event.eventId(), baseKey))) {
      return nothing(event.eventId(), "return " + event.eventId() + " was already decided; nothing more to claw back");
    }
    Instant at = event.occurredAt();
    // Plan on a scratch copy so that several clawbacks in one decision see each other.
    PointLedger scratch = ledger.copy();
    List<LedgerEntry> entries = new ArrayList<>();
    Map<String, Integer> returned = new HashMap<>();
    for (LoyaltyEvent.ReturnedLine line : event.lines()) {
      returned.put(line.lineId(), line.quantity());
    }
    checkReturnable(event, baseEntry, ledger);
    for (LedgerEntry.Earned earned : ledger.earnedFrom(order.id())) {
      if (!earned.key().startsWith("order:" + order.id() + ":")) {
        continue;
      }
      LedgerEntry.ClawedBack clawback = clawbackOf(event, earned, returned, scratch, at);
      if (clawback != null) {
        scratch.append(clawback);
        entries.add(clawback);
      }
    }
    List<String> notices = new ArrayList<>();
    boolean fullyReturned = isFullyReturned(baseEntry, scratch);
    if (fullyReturned && programme.referralRefundPolicy() == Programme.ReferralRefundPolicy.CLAW_BACK_ON_FULL_REFUND) {
      entries.addAll(referralRollback(event, member, context.uplines(), notices));
    }
    Optional<TierChange> tierChange = Optional.empty();
    if (programme.tierRefundPolicy() == Programme.TierRefundPolicy.RECOMPUTE_ON_REFUND) {
      Tier current = programme.tiers().byCode(member.tierCode());
      Tier qualifying = programme.tiers().qualifyingTier(scratch, at, programme.zone());
      if (qualifying.rank() < current.rank()) {
        tierChange = Optional.of(new TierChange(member.id(), current.code(), qualifying.code(), at, RULE_TIER_REFUND,
            "after refund " + event.eventId() + " the qualifying spend supports " + qualifying.code() + " only"));
      }
    }
    return new Decision(event.eventId(), version, entries, tierChange, List.of(), notices);
  }

  private static void checkReturnable(LoyaltyEvent.OrderReturned event, LedgerEntry.Earned base, PointLedger ledger) {
    Map<String, LineShare> already = ledger.reversedLines(base.key());
    for (int i = 0; i < event.lines().size(); i++) {
      LoyaltyEvent.ReturnedLine line = event.lines().get(i);
      for (LineShare share : base.lines()) {
        if (share.lineId().equals(line.lineId())) {
          int before = already.containsKey(line.lineId()) ? already.get(line.lineId()).quantity() : 0;
          if (before + line.quantity() > share.quantity()) {
            throw new InvalidValueException("order-returned event", "lines[" + i + "].quantity", line.quantity(),
                "≤ " + (share.quantity() - before) + " units of line " + line.lineId() + " not yet returned");
          }
        }
      }
    }
  }

  private LedgerEntry.ClawedBack clawbackOf(LoyaltyEvent.OrderReturned event, LedgerEntry.Earned earned,
      Map<String, Integer> returned, PointLedger scratch, Instant at) {
    Map<String, LineShare> already = scratch.reversedLines(earned.key());
    List<LineShare> shares = new ArrayList<>();
    long points = 0;
    Money spend = Money.zero(programme.currency());
    List<String> parts = new ArrayList<>();
    for (LineShare share : earned.lines()) {
      Integer quantity = returned.get(share.lineId());
      if (quantity == null) {
        continue;
      }
      LineShare before = already.get(share.lineId());
      int returnedBefore = before == null ? 0 : before.quantity();
      long pointsBefore = before == null ? 0 : before.points().value();
      Money spendBefore = before == null ? Money.zero(programme.currency()) : before.spend();
      int cumulative = returnedBefore + quantity;
      // Cumulative proration: exact when everything is returned, never more than the share (so the
      // product is taken without a bound, and the quotient always fits).
      long pointsTarget = BigInteger.valueOf(share.points().value()).multiply(BigInteger.valueOf(cumulative))
          .divide(BigInteger.valueOf(share.quantity())).longValueExact();
      // Multiply before dividing: a ratio such as 1/3 cut to a fixed scale first loses a cent.
      Money spendTarget = Money.of(share.spend().amount().multiply(BigDecimal.valueOf(cumulative))
          .divide(BigDecimal.valueOf(share.quantity()), programme.currency().getDefaultFractionDigits(),
              RoundingMode.DOWN), programme.currency());
      long dp = ExactPoints.subtract(pointsTarget, pointsBefore, "points clawed back from line " + share.lineId(),
          RULE_REFUND);
      Money ds = spendTarget.minus(spendBefore);
      // A share is recorded even when it reverses no point and no spend: the returned quantity must
      // be on the ledger, or a later return prorates from the wrong cumulative quantity (and the same
      // units could be returned again).
      shares.add(new LineShare(share.lineId(), quantity, Points.of(dp), ds));
      points = ExactPoints.add(points, dp, "points clawed back from " + earned.key(), RULE_REFUND);
      spend = spend.plus(ds);
      parts.add(quantity + " of " + share.quantity() + " units of line " + share.lineId() + " (" + dp + " points)");
    }
    if (shares.isEmpty()) {
      return null;
    }
    ClawbackPlan plan = scratch.planClawback(earned.key(), Points.of(points), at);
    String reason = "refund " + event.eventId() + " of order " + event.order().id() + ": " + String.join(", ", parts)
        + " returned; claws back " + points + " of the " + earned.points() + " points of " + earned.key()
        + (plan.uncollected().isPositive() ? " (" + plan.uncollected() + " not collected: already expired or capped at zero)" : "");
    return new LedgerEntry.ClawedBack(returnKey(event.eventId(), earned.key()), earned.memberId(),
        plan.collected().negated(), at, new Provenance(event.eventId(), RULE_REFUND, version, reason), earned.key(),
        plan.uncollected(), spend, shares);
  }

  private static boolean isFullyReturned(LedgerEntry.Earned base, PointLedger ledger) {
    Map<String, LineShare> reversed = ledger.reversedLines(base.key());
    for (LineShare share : base.lines()) {
      LineShare r = reversed.get(share.lineId());
      if (r == null || r.quantity() < share.quantity()) {
        return false;
      }
    }
    return !base.lines().isEmpty();
  }

  private List<LedgerEntry> referralRollback(LoyaltyEvent.OrderReturned event, Member referee,
      List<MemberState> uplines, List<String> notices) {
    List<LedgerEntry> entries = new ArrayList<>();
    for (int level = 1; level <= uplines.size(); level++) {
      MemberState upline = uplines.get(level - 1);
      String key = referralKey(referee.id(), level);
      Optional<LedgerEntry> bonus = upline.ledger().entry(key);
      if (bonus.isEmpty() || !(bonus.get() instanceof LedgerEntry.Earned earned)
          || !earned.provenance().sourceEventId().equals(event.order().id())) {
        continue;
      }
      long left = ExactPoints.subtract(earned.points().value(), upline.ledger().reversedPoints(key).value(),
          "referral bonus left to claw back of " + key, RULE_REFERRAL_ROLLBACK);
      if (left <= 0) {
        continue;
      }
      ClawbackPlan plan = upline.ledger().planClawback(key, Points.of(left), event.occurredAt());
      entries.add(new LedgerEntry.ClawedBack(returnKey(event.eventId(), key), upline.member().id(),
          plan.collected().negated(), event.occurredAt(),
          new Provenance(event.eventId(), RULE_REFERRAL_ROLLBACK, version, "order " + event.order().id() + " of member "
              + referee.id() + " was fully refunded; the level-" + level + " referral bonus of " + earned.points()
              + " points is clawed back"),
          key, plan.uncollected(), Money.zero(programme.currency()), List.of()));
      notices.add("referral bonus of member " + upline.member().id() + " (level " + level + ") clawed back");
    }
    return entries;
  }

  // ------------------------------------------------------------------ other events

  private Decision memberEnrolled(LoyaltyEvent.MemberEnrolled event, MemberState state) {
    Member member = state.member();
    Tier tier = programme.tiers().byCode(member.tierCode());
    LocalDate date = localDate(event.occurredAt());
    boolean birthdayMonth = member.birthday().map(b -> b.getMonth() == date.getMonth()).orElse(false);
    List<Object> facts = new ArrayList<>();
    facts.add(new EventFact("MEMBER_ENROLLED", event.eventId(), date));
    facts.add(memberFact(member, tier, date, birthdayMonth));
    for (Campaign campaign : campaigns.active(date, null, tier.code(), birthdayMonth)) {
      if (campaign.kind() == Campaign.Kind.WELCOME_BONUS) {
        facts.add(campaignFact(campaign));
      }
    }
    Decisions.Recorder out = fire(facts);
    try {
      List<LedgerEntry> entries = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (Decisions.Output output : out.outputs()) {
        if (output instanceof Decisions.Bonus bonus && seen.add(bonus.id())) {
          String key = "enrol:" + member.id() + ":bonus:" + bonus.id();
          if (state.ledger().contains(key)) {
            continue;
          }
          entries.add(new LedgerEntry.Earned(key, member.id(), Points.of(bonus.points()), event.occurredAt(),
              new Provenance(event.eventId(), bonus.rule(), version, "\"" + bonus.reason() + "\": " + bonus.points()
                  + " welcome points"),
              Money.zero(programme.currency()), List.of(), Optional.empty(), programme.expiryFor(event.occurredAt())));
        }
      }
      return new Decision(event.eventId(), version, entries, Optional.empty(), out.firedRules(), noticesOf(out));
    } catch (RuleEvaluationException e) {
      throw e;
    } catch (Throwable e) {
      throw accountingFailed(event.eventId(), e);
    }
  }

  private Decision pointsRedeemed(LoyaltyEvent.PointsRedeemed event, MemberState state) {
    PointLedger ledger = state.ledger();
    String key = "redeem:" + event.eventId();
    if (ledger.contains(key)) {
      return nothing(event.eventId(), "redemption " + event.eventId() + " was already decided");
    }
    if (event.points().compareTo(programme.minimumRedemption()) < 0) {
      throw new InvalidValueException("points-redeemed event", "points", event.points(),
          "≥ the programme's minimum redemption of " + programme.minimumRedemption());
    }
    Points available = ledger.available(event.occurredAt());
    if (event.points().compareTo(available) > 0) {
      throw new InsufficientPointsException(state.member().id(), "points", event.points(),
          available.isNegative() ? Points.ZERO : available);
    }
    Money cash = programme.cashValuePerPoint().multipliedBy(BigDecimal.valueOf(event.points().value()), RoundingMode.DOWN);
    LedgerEntry entry = new LedgerEntry.Redeemed(key, state.member().id(), event.points().negated(), event.occurredAt(),
        new Provenance(event.eventId(), RULE_REDEEM, version, event.points() + " points redeemed for " + cash + " at "
            + programme.cashValuePerPoint() + " per point"),
        cash);
    return new Decision(event.eventId(), version, List.of(entry), Optional.empty(), List.of(), List.of());
  }

  private Decision redemptionCancelled(LoyaltyEvent.RedemptionCancelled event, MemberState state) {
    PointLedger ledger = state.ledger();
    String redemptionKey = "redeem:" + event.redemptionId();
    Optional<LedgerEntry> redemption = ledger.entry(redemptionKey);
    if (redemption.isEmpty() || !(redemption.get() instanceof LedgerEntry.Redeemed redeemed)) {
      throw new UnknownEntryException("redemption-cancelled event", "redemptionId", event.redemptionId(),
          "a redemption of member " + state.member().id());
    }
    String key = "redeem-cancel:" + event.redemptionId();
    if (ledger.contains(key)) {
      return nothing(event.eventId(), "redemption " + event.redemptionId() + " was already cancelled");
    }
    LedgerEntry entry = new LedgerEntry.RedemptionCancelled(key, state.member().id(), redeemed.points().negated(),
        event.occurredAt(), new Provenance(event.eventId(), RULE_REDEEM_CANCEL, version, "redemption "
            + event.redemptionId() + " cancelled; " + redeemed.points().negated() + " points go back to their lots"),
        redemptionKey);
    return new Decision(event.eventId(), version, List.of(entry), Optional.empty(), List.of(), List.of());
  }

  private Decision pendingReleased(LoyaltyEvent.PendingReleased event, MemberState state) {
    PointLedger ledger = state.ledger();
    List<LedgerEntry> entries = new ArrayList<>();
    for (LedgerEntry.Earned earned : ledger.earnedFrom(event.orderId())) {
      Optional<PointLot> lot = ledger.lot(earned.key());
      String key = "release:" + earned.key();
      if (lot.isPresent() && lot.get().pendingUntil().isPresent() && lot.get().releasedAt().isEmpty()
          && !lot.get().isReleasedAt(event.occurredAt()) && !ledger.contains(key)) {
        entries.add(new LedgerEntry.Released(key, state.member().id(), event.occurredAt(),
            new Provenance(event.eventId(), RULE_RELEASE, version, lot.get().remaining() + " points of " + earned.key()
                + " released before their pending period ended (" + lot.get().pendingUntil().get() + ")"),
            earned.key()));
      }
    }
    List<String> notices = entries.isEmpty() ? List.of("no pending points of order " + event.orderId() + " to release") : List.of();
    return new Decision(event.eventId(), version, entries, Optional.empty(), List.of(), notices);
  }

  private Decision expiryRun(LoyaltyEvent.ExpiryRun event, MemberState state) {
    // A redelivered run decides nothing new, even if a cancelled redemption has since put points
    // back into a lot it expired: the next run expires those, under its own keys.
    for (LedgerEntry earlier : state.ledger().entries()) {
      if (earlier instanceof LedgerEntry.Expired && earlier.provenance().sourceEventId().equals(event.eventId())) {
        return new Decision(event.eventId(), version, List.of(), Optional.empty(), List.of(),
            List.of("expiry run " + event.eventId() + " was already applied"));
      }
    }
    Instant at = event.occurredAt();
    Optional<Map<String, Long>> remainingThen = remainingAsOf(state.ledger(), at);
    if (remainingThen.isEmpty()) {
      return new Decision(event.eventId(), version, List.of(), Optional.empty(), List.of(),
          List.of("expiry run " + event.eventId() + " at " + at + " is older than entries it cannot be ordered with;"
              + " a later run expires what is due"));
    }
    List<LedgerEntry> entries = new ArrayList<>();
    for (PointLot lot : state.ledger().lotsDueToExpire(at)) {
      // A run never expires, at its own instant, points that came back into a lot after it (a
      // cancelled redemption): a redelivered or late run sees the lot as it was then.
      long points = Math.min(lot.remaining().value(), remainingThen.get().getOrDefault(lot.key(), 0L));
      if (points == 0) {
        continue;
      }
      entries.add(new LedgerEntry.Expired("expire:" + lot.key() + "@" + at, state.member().id(),
          Points.of(-points), at,
          new Provenance(event.eventId(), RULE_EXPIRE, version, points + " of the " + lot.original()
              + " points credited at " + lot.createdAt() + " (" + lot.key() + ") expired at " + lot.expiresAt().orElseThrow()),
          lot.key()));
    }
    return new Decision(event.eventId(), version, entries, Optional.empty(), List.of(), List.of());
  }

  /**
   * What each lot due to expire held at {@code at}, by lot key: the ledger's own lots when nothing
   * in it is later than {@code at} (the usual run, at "now"); otherwise the lots of the entries up to
   * {@code at}, replayed. Empty when those entries cannot be replayed on their own (an entry before
   * {@code at} that refers to a later one), so a run that cannot tell expires nothing.
   */
  private static Optional<Map<String, Long>> remainingAsOf(PointLedger ledger, Instant at) {
    List<LedgerEntry> upToRun = new ArrayList<>();
    boolean later = false;
    for (LedgerEntry entry : ledger.entries()) {
      if (entry.occurredAt().isAfter(at)) {
        later = true;
      } else {
        upToRun.add(entry);
      }
    }
    PointLedger then;
    if (!later) {
      then = ledger;
    } else {
      try {
        then = PointLedger.of(ledger.memberId(), ledger.policy(), upToRun);
      } catch (LoyaltyException e) {
        return Optional.empty();
      }
    }
    Map<String, Long> remaining = new HashMap<>();
    for (PointLot lot : then.lotsDueToExpire(at)) {
      remaining.put(lot.key(), lot.remaining().value());
    }
    return Optional.of(remaining);
  }

  private Decision tierReview(LoyaltyEvent.TierReview event, MemberState state) {
    Member member = state.member();
    Tier current = programme.tiers().byCode(member.tierCode());
    Instant at = event.occurredAt();
    LocalDate date = localDate(at);
    List<Object> facts = new ArrayList<>();
    facts.add(new EventFact("TIER_REVIEW", event.eventId(), date));
    facts.add(memberFact(member, current, date, false));
    List<TierFact> tiers = tierFacts(state.ledger(), at, BigDecimal.ZERO);
    facts.addAll(tiers);
    Decisions.Recorder out = fire(facts);
    try {
      Optional<TierChange> change = upgrade(out, member, current, at);
      if (change.isEmpty()) {
        for (Decisions.Output output : out.outputs()) {
          if (output instanceof Decisions.Downgrade d && d.tier().getCode().equals(current.code())) {
            Tier qualifying = programme.tiers().entry();
            for (TierFact t : tiers) {
              if (t.isQualified() && t.getRank() < current.rank() && t.getRank() > qualifying.rank()) {
                qualifying = programme.tiers().byCode(t.getCode());
              }
            }
            Tier to = programme.downgradePolicy() == Programme.DowngradePolicy.ONE_LEVEL
                ? programme.tiers().below(current).orElse(current)
                : qualifying;
            Instant effective = at.atZone(programme.zone()).plus(programme.downgradeGrace()).toInstant();
            change = Optional.of(new TierChange(member.id(), current.code(), to.code(), effective, d.rule(),
                "qualifying spend " + Money.of(d.tier().getSpendInWindow(), programme.currency()) + " over "
                    + current.window() + " is below " + current.code() + "'s " + current.threshold() + "; "
                    + programme.downgradePolicy().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + " downgrade to " + to.code()
                    + (programme.downgradeGrace().isZero() ? "" : ", effective after a grace period of " + programme.downgradeGrace())));
            break;
          }
        }
      }
      return new Decision(event.eventId(), version, List.of(), change, out.firedRules(), noticesOf(out));
    } catch (RuleEvaluationException e) {
      throw e;
    } catch (Throwable e) {
      throw accountingFailed(event.eventId(), e);
    }
  }

  // ------------------------------------------------------------------ helpers

  /**
   * Lets the rules decide on the facts, in a session of their own. Whatever the rules do, the result
   * is either everything they decided or a {@link RuleEvaluationException} naming the rule when it
   * is known: a refused collector call, a runaway, or any {@link Throwable} from a condition or a
   * consequence, errors such as {@link StackOverflowError} included.
   */
  private Decisions.Recorder fire(List<Object> facts) {
    Decisions.Recorder out = Decisions.record(facts, outputBound);
    if (!hasOutputGlobal) {
      return out;
    }
    int maxFirings = firingBound.limit(facts.size());
    int fired;
    KieSession session = sessions.borrow();
    boolean clean = false;
    try {
      session.setGlobal(RuleBase.OUTPUT_GLOBAL, out.decisions());
      session.addEventListener(new Attribution(out, ruleNames));
      for (Object fact : facts) {
        session.insert(fact);
      }
      fired = session.fireAllRules(maxFirings + 1);
      // Only a session whose decision ended normally is reused: a runaway leaves activations on its agenda.
      clean = fired <= maxFirings && out.failure().isEmpty();
    } catch (ConsequenceException e) {
      if (out.failure().isPresent()) {
        throw out.failure().get();
      }
      String rule = e.getRule() == null ? out.currentRule() : ruleNames.apply(e.getRule().getPackageName(), e.getRule().getName());
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new RuleEvaluationException(RuleEvaluationException.RULE_ERROR, rule, "Rule failed: rule [" + rule
          + "] threw " + describe(cause), cause);
    } catch (Throwable e) {
      if (out.failure().isPresent()) {
        throw out.failure().get();
      }
      // An error thrown by a consequence (StackOverflowError, OutOfMemoryError) escapes Drools
      // unwrapped while the attribution listener still knows which rule is running. A condition that
      // throws (a method call on a fact, say) surfaces from insert or fireAllRules as a Drools
      // exception that names the rule only in its message.
      Throwable cause = rootCause(e);
      if (out.inConsequence()) {
        throw new RuleEvaluationException(RuleEvaluationException.RULE_ERROR, out.currentRule(), "Rule failed: rule ["
            + out.currentRule() + "] threw " + describe(cause), e);
      }
      Matcher m = RULE_IN_MESSAGE.matcher(String.valueOf(e.getMessage()));
      String rule = m.find() ? ruleNames.apply(null, m.group(1)) : "";
      throw new RuleEvaluationException(RuleEvaluationException.RULE_ERROR, rule, "Rule failed: a condition of "
          + (rule.isEmpty() ? "a rule" : "rule [" + rule + "]") + " threw " + describe(cause), e);
    } finally {
      if (clean) {
        sessions.giveBack(session);
      } else {
        sessions.discard(session);
      }
    }
    // A refused call fails the evaluation even when the rule caught the exception and went on.
    if (out.failure().isPresent()) {
      throw out.failure().get();
    }
    if (fired > maxFirings) {
      // Blame the rule that fired most, not the last to fire: that may be a bundled rule that fired once.
      Decisions.RuleCount top = Decisions.mostFrequent(out.firedRules());
      throw new RuleEvaluationException(RuleEvaluationException.RULE_RUNAWAY, top.rule(), "Runaway rules: firings ["
          + fired + "]; expected " + firingBound.expectation(facts.size()) + " " + top.blame(out.currentRule()), null);
    }
    return out;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    // Bounded: a cause chain may loop.
    for (int depth = 0; depth < 20 && cause.getCause() != null && cause.getCause() != cause; depth++) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** The class and (cut) message of a failure: a rule may throw one with megabytes of message. */
  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getName() + (message == null ? "" : ": " + RuleEvaluationException.shown(message));
  }

  /**
   * What the rules decided could not be turned into a decision (a failure of the rules' doing, or
   * of the engine, never of the caller's event): typed, whatever was thrown.
   */
  private static RuleEvaluationException accountingFailed(String eventId, Throwable e) {
    return new RuleEvaluationException(RuleEvaluationException.EVALUATION_ERROR, "", "Evaluation failed: what the rules"
        + " decided for event [" + eventId + "] could not be accounted for: " + describe(e), e);
  }

  /**
   * Every member's total in a decision fits in a {@code long}, so {@link Decision#pointsFor} and the
   * host's sums never wrap: entries that each fit may not fit together.
   */
  private static void checkTotals(Decision decision) {
    Map<String, Long> totals = new HashMap<>();
    for (LedgerEntry entry : decision.entries()) {
      String member = entry.memberId();
      long before = totals.getOrDefault(member, 0L);
      try {
        totals.put(member, Math.addExact(before, entry.points().value()));
      } catch (ArithmeticException e) {
        BigInteger exact = BigInteger.ZERO;
        for (LedgerEntry each : decision.entriesFor(member)) {
          exact = exact.add(BigInteger.valueOf(each.points().value()));
        }
        throw ExactPoints.overflow("points decision " + decision.eventId() + " credits member " + member,
            entry.provenance().rule(), exact);
      }
    }
  }

  /**
   * No member is credited more than the programme's {@link Programme#maxPointsPerDecision()} by one
   * decision (earned entries: order points, bonuses, welcome and referral bonuses). Reversals and
   * expiry are not credits: an expiry run may take a balance built over many decisions.
   */
  private void checkCredits(Decision decision) {
    long max = programme.maxPointsPerDecision().value();
    Map<String, Long> credits = new HashMap<>();
    for (LedgerEntry entry : decision.entries()) {
      if (entry instanceof LedgerEntry.Earned earned) {
        long before = credits.getOrDefault(earned.memberId(), 0L);
        long points = earned.points().value();
        // before ≤ max, so max - before never wraps, and neither does the sum below it.
        if (points > max - before) {
          BigInteger all = BigInteger.ZERO;
          for (LedgerEntry each : decision.entriesFor(earned.memberId())) {
            if (each instanceof LedgerEntry.Earned e) {
              all = all.add(BigInteger.valueOf(e.points().value()));
            }
          }
          throw new LimitExceededException("decision", "points credited to member " + earned.memberId()
              + " by event " + decision.eventId(), all, "maxPointsPerDecision", programme.maxPointsPerDecision().toString());
        }
        credits.put(earned.memberId(), before + points);
      }
    }
  }

  private MemberFact memberFact(Member member, Tier tier, LocalDate date, boolean birthdayMonth) {
    return new MemberFact(member.id(), tier.code(), tier.rank(), birthdayMonth, localDate(member.enrolledAt()),
        member.tags(), member.referrerId().isPresent());
  }

  private static CampaignFact campaignFact(Campaign c) {
    return new CampaignFact(c.id(), c.name(), c.kind().name(), c.multiplier(), c.bonus().value(), c.skus(),
        c.categories(), c.minSpend().map(Money::amount).orElse(BigDecimal.ZERO));
  }

  private List<TierFact> tierFacts(PointLedger ledger, Instant at, BigDecimal extraSpend) {
    List<TierFact> facts = new ArrayList<>();
    for (Tier tier : programme.tiers().tiers()) {
      Instant from = at.atZone(programme.zone()).minus(tier.window()).toInstant();
      BigDecimal spend = ledger.qualifyingSpend(from, at, programme.currency()).amount().add(extraSpend);
      facts.add(new TierFact(tier.code(), tier.rank(), tier.threshold().amount(), spend));
    }
    return facts;
  }

  private static List<String> noticesOf(Decisions.Recorder out) {
    List<String> notices = new ArrayList<>();
    for (Decisions.Output output : out.outputs()) {
      if (output instanceof Decisions.Notice n) {
        notices.add(n.text() + " (" + n.rule() + ")");
      }
    }
    return notices;
  }

  private Decision nothing(String eventId, String notice) {
    return new Decision(eventId, version, List.of(), Optional.empty(), List.of(), List.of(notice));
  }

  private LocalDate localDate(Instant instant) {
    return instant.atZone(programme.zone()).toLocalDate();
  }

  private String roundingText() {
    return "rounded " + programme.rounding().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " "
        + (programme.roundingScope() == Programme.RoundingScope.PER_LINE ? "per line" : "per order");
  }

  private static String plain(BigDecimal exact) {
    BigDecimal shown = exact.setScale(4, RoundingMode.DOWN).stripTrailingZeros();
    return (shown.scale() < 0 ? shown.setScale(0) : shown).toPlainString();
  }

  private static BigDecimal[] zeros(int n) {
    BigDecimal[] result = new BigDecimal[n];
    java.util.Arrays.fill(result, BigDecimal.ZERO);
    return result;
  }

  /**
   * @param orderId an order id
   * @param component {@code base}, {@code campaign:<id>} or {@code bonus:<id>}
   * @return the idempotency key of that order's entry
   */
  public static String orderKey(String orderId, String component) {
    return "order:" + orderId + ":" + component;
  }

  /**
   * @param refereeId the referred member
   * @param level the referral level
   * @return the idempotency key of that referral bonus in the upline's ledger
   */
  public static String referralKey(String refereeId, int level) {
    return "referral:" + refereeId + ":level-" + level;
  }

  /**
   * @param returnId the return event id
   * @param earnedKey the earned entry clawed back
   * @return the idempotency key of the clawback
   */
  public static String returnKey(String returnId, String earnedKey) {
    return "return:" + returnId + ":" + earnedKey;
  }
}
