package org.loyaltyrules.loyalty.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.CampaignTarget;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;

/**
 * Shared test fixtures: the default rule base compiled once per test JVM, engines over it, and
 * short builders for money, lines, orders and Taipei instants so worked examples read like a
 * merchant's receipt.
 */
final class Fixtures {
  static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
  static final Currency TWD = Currency.getInstance("TWD");

  private Fixtures() {}

  /** Compiling the bundled rules takes seconds: done once per JVM, on first use. */
  private static final class Defaults {
    static final RuleBase RULES = RuleBase.defaults();
  }

  private static final Map<String, RuleBase> COMPILED = new ConcurrentHashMap<>();

  /** @return the bundled rule base, compiled once per test JVM */
  static RuleBase defaults() {
    return Defaults.RULES;
  }

  /**
   * @param programme the programme
   * @return an engine on the shared default rule base (cheap: nothing is compiled)
   */
  static LoyaltyRulesEngine engine(Programme programme) {
    return LoyaltyRulesEngine.builder(programme).ruleBase(defaults()).build();
  }

  /**
   * Compiles the default files with one file's text replaced (or one file added), once per JVM.
   *
   * @param name a default file name to replace, or a new file name
   * @param content its DRL
   * @return the compiled rule base
   */
  static RuleBase defaultsWith(String name, String content) {
    return COMPILED.computeIfAbsent(name + "\u0000" + content, k -> {
      List<RuleSource> sources = new ArrayList<>();
      boolean replaced = false;
      for (RuleSource source : RuleBase.defaultSources()) {
        if (source.name().equals(name)) {
          sources.add(new RuleSource(name, content, true));
          replaced = true;
        } else {
          sources.add(source);
        }
      }
      if (!replaced) {
        sources.add(new RuleSource(name, content, true));
      }
      return RuleBase.compile(sources);
    });
  }

  /**
   * The default files plus one trusted file, compiled <em>without</em> the compiled-code check: for
   * showing that the run-time defences hold on their own against code that check would refuse.
   *
   * @param name a new file name
   * @param content its DRL
   * @return the compiled rule base
   */
  static RuleBase defaultsWithUncheckedCode(String name, String content) {
    return COMPILED.computeIfAbsent("unchecked\u0000" + name + "\u0000" + content, k -> {
      List<RuleSource> sources = new ArrayList<>(RuleBase.defaultSources());
      sources.add(new RuleSource(name, content, true));
      return RuleBase.compileSkippingCodeCheckForTests(sources);
    });
  }

  /** @return the Taiwanese default programme with these campaigns */
  static Programme taiwan(Campaign... campaigns) {
    return Programmes.taiwan(List.of(campaigns));
  }

  /**
   * Pins the setting tests written before tier-progress notices relied on: decisions without them
   * (the {@code Programmes.taiwan} default turns them on), so assertions on notices stay exact.
   */
  static Programme withoutTierProgress(Programme programme) {
    return programme.toBuilder().tierProgressNotices(false).build();
  }

  static Money twd(String amount) {
    return Money.of(amount, "TWD");
  }

  static OrderLine line(String id, String sku, String category, int quantity, String unitPrice) {
    return OrderLine.of(id, sku, category, quantity, twd(unitPrice));
  }

  static OrderLine line(String id, String sku, String category, int quantity, String unitPrice, String discount) {
    return new OrderLine(id, sku, category, quantity, twd(unitPrice), twd(discount));
  }

  /** A one-line NT$ order of {@code amount}, category apparel, online. */
  static Order order(String id, String memberId, Instant paidAt, String amount) {
    return Order.of(id, memberId, paidAt, Channel.ONLINE_STORE, List.of(line("l1", "SKU-1", "apparel", 1, amount)));
  }

  static Order order(String id, String memberId, Instant paidAt, Channel channel, OrderLine... lines) {
    return Order.of(id, memberId, paidAt, channel, List.of(lines));
  }

  static Order order(String id, String memberId, Instant paidAt, Channel channel, String orderDiscount,
      String shipping, OrderLine... lines) {
    return new Order(id, memberId, paidAt, channel, TWD, List.of(lines),
        twd(orderDiscount), twd(shipping));
  }

  /** @return the instant of a Taipei wall-clock time, e.g. {@code taipei("2025-11-11T00:00")} */
  static Instant taipei(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(TAIPEI).toInstant();
  }

  static Instant utc(String instant) {
    return Instant.parse(instant);
  }

  static Campaign.Multiplier multiplier(String id, String factor, CampaignSchedule schedule) {
    return Campaign.multiplier(id, "Campaign " + id, new BigDecimal(factor), schedule);
  }

  /** A bonus campaign of a kind, named "Campaign id"; {@code minSpend} may be null (none) except for thresholds. */
  static Campaign bonus(String id, CampaignKind kind, long points, CampaignSchedule schedule, String minSpend) {
    String name = "Campaign " + id;
    Optional<Money> min = minSpend == null ? Optional.empty() : Optional.of(twd(minSpend));
    switch (kind) {
      case WELCOME_BONUS:
        return Campaign.welcomeBonus(id, name, Points.of(points), schedule);
      case FIRST_ORDER_BONUS:
        return new Campaign.FirstOrderBonus(id, name, Points.of(points), min, CampaignTarget.on(schedule));
      case THRESHOLD_BONUS:
        return Campaign.thresholdBonus(id, name, Points.of(points), min.orElseThrow(), schedule);
      default:
        throw new IllegalArgumentException("not a bonus kind: " + kind);
    }
  }

  /** @return the earned entry with this key in the decision */
  static LedgerEntry.Earned earned(Decision decision, String key) {
    return decision.entries().stream()
        .filter(e -> e.key().equals(key))
        .map(LedgerEntry.Earned.class::cast)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no entry " + key + " in " + keysOf(decision)));
  }

  /** @return the earned entry with this key in the decision */
  static LedgerEntry.Earned earned(Decision decision, EntryKey key) {
    return earned(decision, key.text());
  }

  static List<String> keysOf(Decision decision) {
    return decision.entries().stream().map(LedgerEntry::key).toList();
  }

  /** @return line id to points of an entry's line shares, sorted by line id, as "id=points" */
  static List<String> sharePoints(LedgerEntry.Earned entry) {
    return entry.lines().stream()
        .sorted(Comparator.comparing(LineShare::lineId))
        .map(s -> s.lineId() + "=" + s.points().value())
        .toList();
  }

  static long points(Decision decision, String key) {
    return earned(decision, key).points().value();
  }

  static long points(Decision decision, EntryKey key) {
    return earned(decision, key).points().value();
  }
}
