package org.loyaltyrules.loyalty.rules.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.loyaltyrules.loyalty.EngineRule;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.PointsOverflowException;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Provenance;
import org.loyaltyrules.loyalty.Tier;
import org.loyaltyrules.loyalty.rules.RuleEvaluationException;
import org.loyaltyrules.loyalty.rules.facts.CampaignFact;
import org.loyaltyrules.loyalty.rules.facts.Decisions;
import org.loyaltyrules.loyalty.rules.facts.LineFact;

/**
 * Turns what the rules decided about one order into its earned entries, keeping the ledger's
 * invariants whatever they decided: the best rate per line, exclusions, multiplier campaigns under
 * the programme's stacking, bonuses spread over the lines, the order and daily caps, rounding to
 * whole points per line. Works on immutable records; a cap makes new components.
 * Immutable and thread-safe.
 */
final class OrderAccounting {
  private static final int EXACT_SCALE = 12;

  /** A line's base rate: points per unit of money, exact, the rule that gave it and its text. */
  private record Rate(BigDecimal perUnit, String rule, String text) {}

  /** One earning-base line as the rules left it: its best rate, if any, and whether it is excluded. */
  private record Line(String id, int quantity, Money net, Optional<Rate> rate, boolean excluded) {
    /** Exact base points: none for an excluded line or one no rate matched. */
    BigDecimal basePoints() {
      return excluded || rate.isEmpty() ? BigDecimal.ZERO : net.amount().multiply(rate.get().perUnit());
    }
  }

  /** The tightest cap on the order's points and how to explain it. */
  private record Cap(long points, String rule, String reason, String limit) {}

  /**
   * One earned entry in the making: its key and rule, whole points per line (never changed once
   * made: a cap makes a new component), and the parts of its explanation.
   */
  private record Component(EntryKey key, String rule, long[] shares, String prefix, boolean showTotal, String suffix,
      String extra) {
    /** The sum; the overflow's message (with the key's text) is built only when the sum overflows. */
    long total() {
      long sum = 0;
      try {
        for (long share : shares) {
          sum = Math.addExact(sum, share);
        }
        return sum;
      } catch (ArithmeticException e) {
        return ExactPoints.sum(shares, "points of entry " + key.text(), rule);
      }
    }

    String reason() {
      return prefix + (showTotal ? total() + suffix : "") + extra;
    }

    Component cut(long[] fewer, String note) {
      return new Component(key, rule, fewer, prefix, showTotal, suffix, extra + note);
    }
  }

  private final Programme programme;
  private final MultiplierStacking stacking;
  private final Explanations explain;
  private final String version;

  OrderAccounting(Programme programme, Explanations explain, String version) {
    this.programme = programme;
    this.stacking = new MultiplierStacking(programme.stackingPolicy());
    this.explain = explain;
    this.version = version;
  }

  /** The order's earned entries: its base entry always, then each campaign's and bonus's with points. */
  List<LedgerEntry> entries(Order order, FactBuilder.OrderFacts facts, RuleOutputs out, String memberId,
      PointLedger ledger) {
    List<OrderLine> eligible = facts.eligible();
    String[] ids = new String[eligible.size()];
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      ids[i] = eligible.get(i).lineId();
      index.put(ids[i], i);
    }
    Map<String, Rate> rates = new HashMap<>();
    Map<String, String> exclusions = new TreeMap<>();
    Map<String, Map<Integer, CampaignFact>> multipliers = new TreeMap<>();
    Map<String, String> multiplierRule = new HashMap<>();
    Map<String, Decisions.Bonus> bonuses = new LinkedHashMap<>();
    Cap cap = null;
    long earnedToday = -1;
    for (Decisions.BaseRate r : out.baseRates()) {
      String line = ids[lineIndex(r.line(), order, index)];
      BigDecimal perUnit = r.points().divide(r.perAmount(), EXACT_SCALE, RoundingMode.DOWN);
      // Two rules giving one line a rate: the higher wins, whatever order they fired in.
      Rate best = rates.get(line);
      if (best == null || perUnit.compareTo(best.perUnit()) > 0) {
        rates.put(line, new Rate(perUnit, r.rule(), explain.rate(r.points(), r.perAmount())));
      }
    }
    for (Decisions.Exclusion x : out.exclusions()) {
      exclusions.put(ids[lineIndex(x.line(), order, index)], x.reason() + " (" + x.rule() + ")");
    }
    for (Decisions.Multiplier m : out.multipliers()) {
      multipliers.computeIfAbsent(m.campaign().getId(), k -> new TreeMap<>())
          .put(lineIndex(m.line(), order, index), m.campaign());
      multiplierRule.putIfAbsent(m.campaign().getId(), m.rule());
    }
    for (Decisions.Bonus b : out.bonuses()) {
      bonuses.putIfAbsent(b.id(), b);
    }
    // Order and daily caps in firing order together: the lowest limit wins, a tie goes to the first fired.
    for (RuleOutputs.Limit l : out.limits()) {
      if (!l.daily()) {
        if (cap == null || l.maxPoints() < cap.points()) {
          cap = new Cap(l.maxPoints(), l.rule(), l.reason(), explain.orderCapLimit(l.maxPoints()));
        }
        continue;
      }
      LocalDate date = order.paidAt().atZone(programme.zone()).toLocalDate();
      if (earnedToday < 0) {
        earnedToday = earnedByOrdersOn(ledger, date, l.rule());
      }
      // The day's cap leaves this order what earlier credits of the same date have not used.
      long left = Math.max(0, ExactPoints.subtract(l.maxPoints(), earnedToday, "daily cap left on " + date, l.rule()));
      if (cap == null || left < cap.points()) {
        cap = new Cap(left, l.rule(), l.reason(), explain.dailyCapLimit(l.maxPoints(), earnedToday, date));
      }
    }
    List<Line> lines = new ArrayList<>();
    for (OrderLine line : eligible) {
      lines.add(new Line(line.lineId(), line.quantity(), facts.nets().get(line.lineId()),
          Optional.ofNullable(rates.get(line.lineId())), exclusions.containsKey(line.lineId())));
    }

    List<Component> components = new ArrayList<>();
    components.add(baseComponent(order, lines, exclusions, facts.tier()));
    components.addAll(campaignComponents(order, lines, multipliers, multiplierRule));
    components.addAll(bonusComponents(order, lines, bonuses));
    if (cap != null) {
      components = capped(components, cap);
    }
    return earned(order, lines, components, memberId, facts.spend());
  }

  private List<LedgerEntry> earned(Order order, List<Line> lines, List<Component> components, String memberId,
      BigDecimal spend) {
    List<LedgerEntry> entries = new ArrayList<>();
    Instant at = order.paidAt();
    Optional<Instant> pendingUntil = programme.pendingUntil(at);
    Optional<Instant> expiresAt = programme.expiryFor(at);
    Money none = Money.zero(programme.currency());
    for (Component c : components) {
      boolean isBase = c.key() instanceof EntryKey.OrderBase;
      long total = c.total();
      if (!isBase && total == 0) {
        continue;
      }
      List<LineShare> shares = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        if (isBase || c.shares()[i] > 0) {
          Line line = lines.get(i);
          shares.add(new LineShare(line.id(), line.quantity(), Points.of(c.shares()[i]), isBase ? line.net() : none));
        }
      }
      Money entrySpend = isBase ? Money.of(spend, programme.currency()) : none;
      entries.add(new LedgerEntry.Earned(c.key().text(), memberId, Points.of(total), at,
          new Provenance(order.id(), c.rule(), version, c.reason()), entrySpend, shares,
          total > 0 ? pendingUntil : Optional.empty(), total > 0 ? expiresAt : Optional.empty()));
    }
    return entries;
  }

  /**
   * The points the day's orders already earned, as credited: the room a daily cap has used. The
   * order decided now is not in the ledger yet (its base entry would have made it a redelivery).
   */
  private long earnedByOrdersOn(PointLedger ledger, LocalDate date, String rule) {
    try {
      return ledger.earnedByOrdersOn(date, programme.zone()).value();
    } catch (PointsOverflowException e) {
      throw ExactPoints.overflow("points earned on " + date, rule, e.value());
    }
  }

  private static int lineIndex(LineFact line, Order order, Map<String, Integer> index) {
    Integer i = index.get(line.getLineId());
    if (i == null || !line.getOrderId().equals(order.id())) {
      throw new RuleEvaluationException("rule-error", "", "A rule referred to line [" + line.getLineId()
          + "]; expected a line of order " + order.id() + " in the earning base", null);
    }
    return i;
  }

  private Component baseComponent(Order order, List<Line> lines, Map<String, String> exclusions, Tier tier) {
    Set<String> rules = new TreeSet<>();
    Set<String> rates = new TreeSet<>();
    BigDecimal[] base = new BigDecimal[lines.size()];
    BigDecimal exact = BigDecimal.ZERO;
    BigDecimal earning = BigDecimal.ZERO;
    for (int i = 0; i < base.length; i++) {
      Line line = lines.get(i);
      base[i] = line.basePoints();
      exact = exact.add(base[i]);
      if (line.rate().isPresent() && !line.excluded()) {
        rules.add(line.rate().get().rule());
        rates.add(line.rate().get().text());
        earning = earning.add(line.net().amount());
      }
    }
    String rule = rules.isEmpty() ? EngineRule.SPEND : String.join(" + ", rules);
    long[] shares = round(base, () -> "base points of order " + order.id(), rule);
    String prefix = rules.isEmpty() ? explain.noEarningRule() : explain.basePrefix(earning, rates, tier, exact);
    return new Component(EntryKey.orderBase(order.id()), rule, shares, prefix, !rules.isEmpty(), explain.baseSuffix(),
        exclusions.isEmpty() ? "" : explain.excluded(exclusions));
  }

  private List<Component> campaignComponents(Order order, List<Line> lines,
      Map<String, Map<Integer, CampaignFact>> multipliers, Map<String, String> ruleOf) {
    List<BigDecimal> base = new ArrayList<>();
    List<Boolean> excluded = new ArrayList<>();
    for (Line line : lines) {
      base.add(line.basePoints());
      excluded.add(line.excluded());
    }
    Map<String, BigDecimal[]> extra = stacking.extraPoints(base, excluded, multipliers);
    List<Component> result = new ArrayList<>();
    for (Map.Entry<String, BigDecimal[]> e : extra.entrySet()) {
      // The fact carries its campaign, resolved once: nothing is looked up by id after the rules ran.
      CampaignFact campaign = multipliers.get(e.getKey()).values().iterator().next();
      String rule = ruleOf.get(e.getKey());
      long[] shares = round(e.getValue(), () -> "extra points of campaign " + e.getKey() + " on order " + order.id(),
          rule);
      BigDecimal exact = BigDecimal.ZERO;
      int count = 0;
      for (BigDecimal v : e.getValue()) {
        exact = exact.add(v);
        count += v.signum() > 0 ? 1 : 0;
      }
      String name = campaign.getName();
      BigDecimal factor = campaign.getMultiplier();
      result.add(new Component(EntryKey.orderCampaign(order.id(), e.getKey()), rule, shares,
          explain.campaignPrefix(name, factor, count, exact), true, explain.campaignSuffix(), ""));
    }
    return result;
  }

  private List<Component> bonusComponents(Order order, List<Line> lines, Map<String, Decisions.Bonus> bonuses) {
    int n = lines.size();
    BigDecimal[] weights = new BigDecimal[n];
    int earning = 0;
    boolean allZero = true;
    for (int i = 0; i < n; i++) {
      weights[i] = lines.get(i).excluded() ? BigDecimal.ZERO : lines.get(i).net().amount();
      earning += lines.get(i).excluded() ? 0 : 1;
      allZero &= weights[i].signum() == 0;
    }
    if (allZero) {
      // Nothing to weigh by (free lines): spread evenly over the lines not excluded.
      for (int i = 0; i < n; i++) {
        weights[i] = lines.get(i).excluded() ? BigDecimal.ZERO : BigDecimal.ONE;
      }
    }
    List<Component> result = new ArrayList<>();
    for (Decisions.Bonus bonus : bonuses.values()) {
      // Spread over the earning lines by their net, so a partial return claws back its share.
      long[] shares = earning == 0 ? new long[n] : Shares.split(bonus.points(), weights);
      result.add(new Component(EntryKey.orderBonus(order.id(), bonus.id()), bonus.rule(), shares,
          explain.bonusPrefix(bonus.reason()), true, explain.bonusSuffix(), ""));
    }
    return result;
  }

  /**
   * Whole points, each line's exact value rounded; a line or sum beyond {@code long} is a typed
   * overflow, whose subject ({@code what}) is only built then.
   */
  private long[] round(BigDecimal[] exact, java.util.function.Supplier<String> what, String rule) {
    try {
      return Shares.round(exact, programme.rounding(), programme.roundingScope());
    } catch (ArithmeticException e) {
      BigDecimal sum = BigDecimal.ZERO;
      for (BigDecimal v : exact) {
        sum = sum.add(v);
      }
      throw ExactPoints.overflow(what.get(), rule, sum.setScale(0, RoundingMode.DOWN));
    }
  }

  /** The components cut, last first, until the order's total is at most the cap. */
  private List<Component> capped(List<Component> components, Cap cap) {
    // Summed without a bound: components that each fit in a long may not fit together, and the
    // cap still brings the order down to at most cap.
    BigInteger total = BigInteger.ZERO;
    for (Component c : components) {
      total = total.add(BigInteger.valueOf(c.total()));
    }
    BigInteger over = total.subtract(BigInteger.valueOf(cap.points()));
    List<Component> result = new ArrayList<>(components);
    for (int k = result.size() - 1; k >= 0 && over.signum() > 0; k--) {
      Component c = result.get(k);
      long take = over.min(BigInteger.valueOf(c.total())).longValueExact();
      if (take == 0) {
        continue;
      }
      BigDecimal[] weights = new BigDecimal[c.shares().length];
      for (int i = 0; i < weights.length; i++) {
        weights[i] = BigDecimal.valueOf(c.shares()[i]);
      }
      result.set(k, c.cut(Shares.split(c.total() - take, weights), explain.cut(take, cap.reason(), cap.rule(), cap.limit())));
      over = over.subtract(BigInteger.valueOf(take));
    }
    return result;
  }
}
