package org.loyaltyrules.loyalty.examples.benchmarks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Provenance;
import org.loyaltyrules.loyalty.StackingPolicy;
import org.loyaltyrules.loyalty.Tier;
import org.loyaltyrules.loyalty.TierChange;

/**
 * The bundled default programme written by hand in plain Java, as the floor the engine is
 * measured against. For a paid order it makes the same ledger entries as
 * {@code LoyaltyRulesEngine} with {@code RuleBase.defaults()} (same keys, points, line shares and
 * spend, checked by {@code HandWrittenProgrammeTest}) and the same tier upgrade:
 * <ul>
 *   <li>tier rates of {@code earning.drl}: member 1, silver 1.5, gold 2 points per NT$100 of net
 *       spend after the order discount, outside excluded SKUs and categories;
 *   <li>multiplier campaigns (whole order, SKUs or categories; channel, tier, birthday-month and
 *       minimum-spend conditions; exclusive groups reduced to their best), stacked additively;
 *   <li>first-order and threshold bonuses, spread over the lines by net;
 *   <li>rounding down per order, the remainder split by largest fraction, ties to the smaller line
 *       id, exactly as the engine's accounting;
 *   <li>an upgrade to the highest tier the spend over its window (this order included) reaches.
 * </ul>
 *
 * <p>Arithmetic is exact in {@code long}: nets in minor units, rates and multipliers as integers
 * over a common denominator. Campaigns are looked up through a per-day index built lazily (each
 * date's active campaigns filed by SKU and category), so the cost per order depends on the
 * campaigns that can match the order's lines, not on the size of the calendar. Explanations are
 * short fixed texts, not the engine's detailed ones.
 *
 * <p>Only what the benchmarks need is supported: additive stacking, rounding down per order, the
 * three default tier codes and multipliers with at most two decimals; anything else throws.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class HandWrittenProgramme {
  /** The version recorded on decisions. */
  public static final String VERSION = "hand-written";

  private static final String RULE_MEMBER = "earning: base rate for member tier";
  private static final String RULE_SILVER = "earning: base rate for silver tier";
  private static final String RULE_GOLD = "earning: base rate for gold tier";
  private static final String RULE_SPEND = "engine: record qualifying spend";
  private static final String RULE_UPGRADE = "tier-upgrade: spend reaches the tier's threshold";

  /** Base points are kept in units of 1/{@value #BASE_UNIT} point: cents × (2 × points per NT$100). */
  private static final long BASE_UNIT = 20_000;
  /** Multipliers are kept in hundredths. */
  private static final long FACTOR_UNIT = 100;

  private final Programme programme;
  private final Map<LocalDate, Day> days = new ConcurrentHashMap<>();
  private final int fractionDigits;

  /**
   * @param programme the programme: currency, zone, tiers, exclusions, expiry and campaigns
   */
  public HandWrittenProgramme(Programme programme) {
    if (programme.stackingPolicy() != StackingPolicy.ADDITIVE) {
      throw new IllegalArgumentException("hand-written programme supports additive stacking only");
    }
    if (programme.rounding() != RoundingMode.DOWN || programme.roundingScope() != Programme.RoundingScope.PER_ORDER) {
      throw new IllegalArgumentException("hand-written programme supports rounding down per order only");
    }
    for (Campaign c : programme.campaigns()) {
      if (c instanceof Campaign.Multiplier) {
        factorOf(c);
      }
    }
    this.programme = programme;
    this.fractionDigits = programme.currency().getDefaultFractionDigits();
  }

  /** The campaigns active on one date, filed for quick lookup by line. */
  private static final class Day {
    final List<Campaign> wholeOrder = new ArrayList<>();
    final Map<String, List<Campaign>> bySku = new HashMap<>();
    final Map<String, List<Campaign>> byCategory = new HashMap<>();
    final List<Campaign> bonuses = new ArrayList<>();
  }

  private Day day(LocalDate date) {
    return days.computeIfAbsent(date, d -> {
      Day day = new Day();
      for (Campaign c : programme.campaigns()) {
        if (!c.schedule().isActiveOn(d)) {
          continue;
        }
        if (c instanceof Campaign.FirstOrderBonus || c instanceof Campaign.ThresholdBonus) {
          day.bonuses.add(c);
        } else if (c instanceof Campaign.Multiplier m) {
          if (m.targetsAllLines()) {
            day.wholeOrder.add(c);
          }
          for (String sku : m.skus()) {
            day.bySku.computeIfAbsent(sku, k -> new ArrayList<>()).add(c);
          }
          for (String category : m.categories()) {
            day.byCategory.computeIfAbsent(category, k -> new ArrayList<>()).add(c);
          }
        }
      }
      return day;
    });
  }

  private static Campaign.Multiplier m(Campaign c) {
    return (Campaign.Multiplier) c;
  }

  private static long factorOf(Campaign c) {
    BigDecimal hundredths = m(c).factor().multiply(BigDecimal.valueOf(FACTOR_UNIT));
    try {
      return hundredths.longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("hand-written programme supports multipliers with two decimals: " + c.id(), e);
    }
  }

  private static boolean applies(Campaign c, Channel channel, String tier, boolean birthdayMonth) {
    return (c.channels().isEmpty() || c.channels().contains(channel))
        && (c.tiers().isEmpty() || c.tiers().contains(tier))
        && (!c.birthdayMonthOnly() || birthdayMonth);
  }

  /**
   * Decides a paid order.
   *
   * @param order the order
   * @param context the member's state
   * @return the decision: earned entries and any tier upgrade
   */
  public Decision decide(Order order, DecisionContext context) {
    Member member = context.member().member();
    PointLedger ledger = context.member().ledger();
    EntryKey baseKey = EntryKey.orderBase(order.id());
    if (ledger.contains(baseKey)) {
      return new Decision(order.id(), VERSION, List.of(), Optional.empty(), List.of(), List.of("already decided"));
    }
    Instant at = order.paidAt();
    LocalDate date = at.atZone(programme.zone()).toLocalDate();
    boolean birthdayMonth = member.birthday().isPresent() && member.birthday().get().getMonth() == date.getMonth();
    String tierCode = member.tierCode();
    long rate2 = switch (tierCode) {
      case "member" -> 2;
      case "silver" -> 3;
      case "gold" -> 4;
      default -> 0;
    };
    String rateRule = switch (tierCode) {
      case "member" -> RULE_MEMBER;
      case "silver" -> RULE_SILVER;
      case "gold" -> RULE_GOLD;
      default -> RULE_SPEND;
    };

    // The earning base: lines outside the excluded SKUs and categories, net of the order discount.
    Map<String, Money> nets = order.netAfterOrderDiscount();
    List<OrderLine> all = order.lines();
    OrderLine[] lines = new OrderLine[all.size()];
    long[] net = new long[all.size()];
    int n = 0;
    long spendCents = 0;
    for (OrderLine line : all) {
      if (programme.isInEarningBase(line)) {
        lines[n] = line;
        net[n] = nets.get(line.lineId()).minorUnits();
        spendCents += net[n];
        n++;
      }
    }
    String[] ids = new String[n];
    long[] base = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = lines[i].lineId();
      base[i] = net[i] * rate2;
    }

    // Multipliers, per line: the day's campaigns for the whole order, the line's SKU and category.
    Day day = day(date);
    Channel channel = order.channel();
    TreeMap<String, long[]> extras = new TreeMap<>();
    List<Campaign> onLine = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (base[i] == 0) {
        continue;
      }
      onLine.clear();
      addApplicable(day.wholeOrder, onLine, channel, tierCode, birthdayMonth, spendCents);
      addApplicable(day.bySku.get(lines[i].sku()), onLine, channel, tierCode, birthdayMonth, spendCents);
      addApplicable(day.byCategory.get(lines[i].category()), onLine, channel, tierCode, birthdayMonth, spendCents);
      bestOfGroups(onLine);
      for (Campaign c : onLine) {
        long[] extra = extras.computeIfAbsent(c.id(), k -> new long[ids.length]);
        extra[i] = base[i] * (factorOf(c) - FACTOR_UNIT);
      }
    }

    List<LedgerEntry> entries = new ArrayList<>();
    Optional<Instant> expiresAt = programme.expiryFor(at);
    Optional<Instant> pendingUntil = programme.pendingUntil(at);
    Money zero = Money.zero(programme.currency());

    long[] baseShares = roundDownPerOrder(base, BASE_UNIT, ids);
    long baseTotal = sum(baseShares);
    List<LineShare> baseLines = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      baseLines.add(new LineShare(ids[i], lines[i].quantity(), Points.of(baseShares[i]), money(net[i])));
    }
    entries.add(new LedgerEntry.Earned(baseKey.text(), member.id(), Points.of(baseTotal), at,
        new Provenance(order.id(), n == 0 || rate2 == 0 ? RULE_SPEND : rateRule, VERSION, "base points"),
        money(spendCents), baseLines, baseTotal > 0 ? pendingUntil : Optional.empty(),
        baseTotal > 0 ? expiresAt : Optional.empty()));

    for (Map.Entry<String, long[]> e : extras.entrySet()) {
      long[] shares = roundDownPerOrder(e.getValue(), BASE_UNIT * FACTOR_UNIT, ids);
      addEntry(entries, EntryKey.orderCampaign(order.id(), e.getKey()), member, order, shares, lines, "campaign-multipliers",
          zero, pendingUntil, expiresAt);
    }

    // Bonuses: first order and spend thresholds, spread over the earning lines by net.
    if (n > 0) {
      // The first order with qualifying spend: an earlier gift-card-only (zero-spend) order does not count.
      boolean firstOrder = ledger.firstQualifyingOrder().isEmpty();
      long[] weights = net;
      if (spendCents == 0) {
        weights = new long[n];
        java.util.Arrays.fill(weights, 1);
      }
      for (Campaign c : day.bonuses) {
        if (!applies(c, channel, tierCode, birthdayMonth)) {
          continue;
        }
        long min = c.minSpend().map(Money::minorUnits).orElse(0L);
        boolean due = c instanceof Campaign.FirstOrderBonus ? firstOrder && min <= spendCents : min <= spendCents;
        if (due) {
          long[] shares = split(((Campaign.Bonus) c).points().value(), weights, n, ids);
          addEntry(entries, EntryKey.orderBonus(order.id(), c.id()), member, order, shares, lines, "order-bonuses", zero,
              pendingUntil, expiresAt);
        }
      }
    }

    Optional<TierChange> upgrade = upgrade(member, ledger, at, spendCents);
    return new Decision(order.id(), VERSION, entries, upgrade, List.of(), List.of());
  }

  private static void addApplicable(List<Campaign> candidates, List<Campaign> out, Channel channel, String tier,
      boolean birthdayMonth, long spendCents) {
    if (candidates == null) {
      return;
    }
    for (Campaign c : candidates) {
      if (applies(c, channel, tier, birthdayMonth) && !out.contains(c)
          && (c.minSpend().isEmpty() || c.minSpend().get().minorUnits() <= spendCents)) {
        out.add(c);
      }
    }
  }

  /** Keeps every ungrouped campaign and the best of each exclusive group (smaller id on a tie). */
  private static void bestOfGroups(List<Campaign> onLine) {
    boolean grouped = false;
    for (Campaign c : onLine) {
      grouped |= m(c).exclusiveGroup().isPresent();
    }
    if (!grouped) {
      return;
    }
    Map<String, Campaign> best = new HashMap<>();
    for (Campaign c : onLine) {
      if (m(c).exclusiveGroup().isPresent()) {
        best.merge(m(c).exclusiveGroup().get(), c, (a, b) -> {
          int cmp = m(b).factor().compareTo(m(a).factor());
          return cmp > 0 || cmp == 0 && b.id().compareTo(a.id()) < 0 ? b : a;
        });
      }
    }
    onLine.removeIf(c -> m(c).exclusiveGroup().isPresent() && best.get(m(c).exclusiveGroup().get()) != c);
  }

  private void addEntry(List<LedgerEntry> entries, EntryKey key, Member member, Order order, long[] shares,
      OrderLine[] lines, String rule, Money zero, Optional<Instant> pendingUntil, Optional<Instant> expiresAt) {
    long total = sum(shares);
    if (total == 0) {
      return;
    }
    List<LineShare> lineShares = new ArrayList<>();
    for (int i = 0; i < shares.length; i++) {
      if (shares[i] > 0) {
        lineShares.add(new LineShare(lines[i].lineId(), lines[i].quantity(), Points.of(shares[i]), zero));
      }
    }
    entries.add(new LedgerEntry.Earned(key.text(), member.id(), Points.of(total), order.paidAt(),
        new Provenance(order.id(), rule, VERSION, key.text()), zero, lineShares, pendingUntil, expiresAt));
  }

  private Optional<TierChange> upgrade(Member member, PointLedger ledger, Instant at, long orderSpendCents) {
    Tier current = programme.tiers().byCode(member.tierCode());
    Tier best = null;
    Period window = null;
    long windowSpend = 0;
    for (Tier tier : programme.tiers().tiers()) {
      if (tier.rank() <= current.rank()) {
        continue;
      }
      if (!tier.window().equals(window)) {
        window = tier.window();
        Instant from = at.atZone(programme.zone()).minus(window).toInstant();
        windowSpend = ledger.qualifyingSpend(from, at, programme.currency()).minorUnits();
      }
      if (windowSpend + orderSpendCents >= tier.threshold().minorUnits() && (best == null || tier.rank() > best.rank())) {
        best = tier;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    return Optional.of(new TierChange(member.id(), current.code(), best.code(), at, RULE_UPGRADE, "spend reaches " + best.code()));
  }

  private Money money(long minorUnits) {
    return Money.of(BigDecimal.valueOf(minorUnits, fractionDigits), programme.currency());
  }

  private static long sum(long[] values) {
    long s = 0;
    for (long v : values) {
      s += v;
    }
    return s;
  }

  /**
   * Whole points per line from exact values {@code value / unit}: the order total rounded down,
   * split over the lines in proportion to their values (largest remainder, ties to the earlier line).
   */
  static long[] roundDownPerOrder(long[] value, long unit, String[] ids) {
    long total = 0;
    for (long v : value) {
      total += v;
    }
    total /= unit;
    if (total == 0) {
      return new long[value.length];
    }
    return split(total, value, value.length, ids);
  }

  /** Splits {@code total} over the first {@code n} lines in proportion to {@code weights}, exactly. */
  static long[] split(long total, long[] weights, int n, String[] ids) {
    long weightSum = 0;
    for (int i = 0; i < n; i++) {
      weightSum += weights[i];
    }
    long[] shares = new long[n];
    long[] remainder = new long[n];
    long given = 0;
    for (int i = 0; i < n; i++) {
      long product = Math.multiplyExact(total, weights[i]);
      shares[i] = product / weightSum;
      remainder[i] = product % weightSum;
      given += shares[i];
    }
    giveLeftover(shares, total - given, remainder, ids);
    return shares;
  }

  /** One point each to the largest priorities first, ties to the earlier line, round after round. */
  private static void giveLeftover(long[] shares, long leftover, long[] priority, String[] ids) {
    if (leftover <= 0) {
      return;
    }
    int n = shares.length;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    // Insertion sort: orders have a handful of lines.
    for (int i = 1; i < n; i++) {
      int x = order[i];
      int j = i - 1;
      while (j >= 0 && before(x, order[j], priority, ids)) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = x;
    }
    for (int k = 0; leftover > 0; k = (k + 1) % n) {
      shares[order[k]]++;
      leftover--;
    }
  }

  private static boolean before(int a, int b, long[] priority, String[] ids) {
    return priority[a] != priority[b] ? priority[a] > priority[b] : a < b;
  }
}
