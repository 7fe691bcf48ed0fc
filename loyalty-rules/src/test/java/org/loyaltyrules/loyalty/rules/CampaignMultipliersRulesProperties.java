package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.multiplier;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.utc;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.StackingPolicy;

/** Properties of {@code campaign-multipliers.drl} and of the declared stacking policies. */
class CampaignMultipliersRulesProperties {
  private static final String EVERY_LINE = "campaign-multipliers: campaign on the lines it targets";
  private static final MonthDay ELEVEN_ELEVEN = MonthDay.of(11, 11);

  private static Decision decide(LoyaltyRulesEngine engine, String tier, Order order) {
    Member member = Member.of("m-1", taipei("2024-01-01T00:00"), tier);
    return engine.decide(new LoyaltyEvent.OrderPaid(order), DecisionContext.of(member, engine.programme().newLedger("m-1")));
  }

  private static long pointsOf(Decision decision, EntryKey key) {
    return decision.entries().stream().filter(e -> e.key().equals(key.text())).mapToLong(e -> e.points().value()).sum();
  }

  // ------------------------------------------------------------------ double-points day

  /** Instants on 10–12 November 2025, crowded around Taipei's midnights (16:00 UTC). */
  @Provide
  Arbitrary<Instant> aroundElevenEleven() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, RulesArbitraries.around(utc("2025-11-10T16:00:00Z"), Duration.ofHours(2))),
        Tuple.of(2, RulesArbitraries.around(utc("2025-11-11T16:00:00Z"), Duration.ofHours(2))),
        Tuple.of(1, RulesArbitraries.around(utc("2025-11-11T04:00:00Z"), Duration.ofHours(30))));
  }

  @Provide
  Arbitrary<Order> elevenElevenOrders() {
    return RulesArbitraries.orders("o-1", "m-1", aroundElevenEleven(), 5);
  }

  @Provide
  Arbitrary<String> factors() {
    return Arbitraries.of("2", "2", "3", "1.5", "5");
  }

  @Provide
  Arbitrary<String> tiers() {
    return Arbitraries.of(RulesArbitraries.TIERS);
  }

  @Property(tries = 300)
  void doublePointsDayAwardsTheDeclaredMultipleOnEligibleLinesAndNothingOutsideTheTaipeiDay(
      @ForAll("elevenElevenOrders") Order order, @ForAll("factors") String factor, @ForAll("tiers") String tier) {
    // given: ×factor every 11/11
    Programme programme = Fixtures.taiwan(multiplier("eleven-eleven", factor, CampaignSchedule.yearlyOn(ELEVEN_ELEVEN)));
    boolean taipeiDay = MonthDay.from(order.paidAt().atZone(Fixtures.TAIPEI)).equals(ELEVEN_ELEVEN);
    BigDecimal exactBase = RulesArbitraries.earningBase(order, programme).multiply(RulesArbitraries.rate(tier));
    long eligibleLines = order.lines().stream().filter(programme::isInEarningBase).count();

    // when
    Decision decision = decide(Fixtures.engine(programme), tier, order);

    // then
    long base = pointsOf(decision, EntryKey.orderBase("o-1"));
    long extra = pointsOf(decision, EntryKey.orderCampaign("o-1", "eleven-eleven"));
    assertThat(base).isEqualTo(RulesArbitraries.floor(exactBase));
    if (!taipeiDay) {
      // e.g. 11 Nov 16:00–23:59 UTC is already 12 Nov in Taipei
      assertThat(extra).isZero();
      assertThat(decision.firedRules()).doesNotContain(EVERY_LINE);
      return;
    }
    assertThat(decision.firedRules()).filteredOn(EVERY_LINE::equals).hasSize((int) eligibleLines);
    assertThat(extra).isEqualTo(RulesArbitraries.floor(exactBase.multiply(new BigDecimal(factor).subtract(BigDecimal.ONE))));
    if (extra > 0) {
      LedgerEntry.Earned campaign = Fixtures.earned(decision, EntryKey.orderCampaign("o-1", "eleven-eleven"));
      assertThat(campaign.lines()).allSatisfy(share -> assertThat(programme.isInEarningBase(order.line(share.lineId()))).isTrue());
      if (factor.equals("2")) {
        // double points: the extra mirrors the base line by line
        assertThat(Fixtures.sharePoints(campaign)).isEqualTo(Fixtures.sharePoints(Fixtures.earned(decision, EntryKey.orderBase("o-1")))
            .stream().filter(s -> !s.endsWith("=0")).toList());
      }
    }
  }

  @Property(tries = 200)
  void targetedCampaignsOnlyTouchTheirLinesAndChannels(@ForAll("weekOrders") Order order, @ForAll("tiers") String tier) {
    // given: shoes ×2 on every channel, everything ×2 at the point of sale
    Programme programme = Fixtures.taiwan(
        multiplier("shoes-x2", "2", CampaignSchedule.always()).targeting(Set.of(), Set.of("shoes")),
        multiplier("pos-x2", "2", CampaignSchedule.always()).onChannels(Set.of(Channel.POS)));
    Map<String, Money> nets = order.netAfterOrderDiscount();
    BigDecimal shoes = BigDecimal.ZERO;
    for (OrderLine line : order.lines()) {
      if (line.category().equals("shoes")) {
        shoes = shoes.add(nets.get(line.lineId()).amount());
      }
    }
    BigDecimal rate = RulesArbitraries.rate(tier);

    // when
    Decision decision = decide(Fixtures.engine(programme), tier, order);

    // then
    assertThat(pointsOf(decision, EntryKey.orderCampaign("o-1", "shoes-x2"))).isEqualTo(RulesArbitraries.floor(shoes.multiply(rate)));
    if (pointsOf(decision, EntryKey.orderCampaign("o-1", "shoes-x2")) > 0) {
      assertThat(Fixtures.earned(decision, EntryKey.orderCampaign("o-1", "shoes-x2")).lines())
          .allSatisfy(share -> assertThat(order.line(share.lineId()).category()).isEqualTo("shoes"));
    }
    long pos = pointsOf(decision, EntryKey.orderCampaign("o-1", "pos-x2"));
    assertThat(pos).isEqualTo(order.channel().equals(Channel.POS)
        ? RulesArbitraries.floor(RulesArbitraries.earningBase(order, programme).multiply(rate)) : 0);
  }

  @Provide
  Arbitrary<Order> weekOrders() {
    return RulesArbitraries.orders("o-1", "m-1", RulesArbitraries.around(taipei("2025-03-05T12:00"), Duration.ofDays(3)), 5);
  }

  // ------------------------------------------------------------------ stacking

  /** A multiplier and an optional exclusive group, for campaigns c0, c1… (ids in that order). */
  record Spec(String multiplier, Optional<String> group) {}

  @Provide
  Arbitrary<List<Spec>> campaignSpecs() {
    return Combinators.combine(Arbitraries.of("1.5", "2", "2.5", "3", "4"),
            Arbitraries.of(Optional.<String>empty(), Optional.of("g1"), Optional.of("g2")))
        .as(Spec::new).list().ofMinSize(1).ofMaxSize(4);
  }

  private static List<Campaign> campaigns(List<Spec> specs) {
    List<Campaign> campaigns = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      Campaign.Multiplier c = multiplier("c" + i, specs.get(i).multiplier(), CampaignSchedule.always());
      campaigns.add(specs.get(i).group().map(c::inExclusiveGroup).orElse(c));
    }
    return campaigns;
  }

  /**
   * The stacking laws, per line: exclusive groups reduce to their best multiplier (the smaller id on
   * a tie); then additive stacking adds each campaign's m − 1, multiplicative multiplies in id order
   * (each campaign adds m − 1 times the running total), best-of keeps the largest.
   *
   * @return campaign id to its coefficient on base points
   */
  static Map<String, BigDecimal> coefficients(List<Campaign> campaigns, StackingPolicy policy) {
    Map<String, Campaign> bestOfGroup = new LinkedHashMap<>();
    List<Campaign> survivors = new ArrayList<>();
    for (Campaign c : campaigns) {
      if (m(c).exclusiveGroup().isEmpty()) {
        survivors.add(c);
      } else {
        bestOfGroup.merge(m(c).exclusiveGroup().get(), c,
            (a, b) -> m(b).factor().compareTo(m(a).factor()) > 0 ? b : a);
      }
    }
    survivors.addAll(bestOfGroup.values());
    survivors.sort(Comparator.comparing(Campaign::id));
    if (policy == StackingPolicy.BEST_OF && !survivors.isEmpty()) {
      Campaign best = survivors.get(0);
      for (Campaign c : survivors) {
        best = m(c).factor().compareTo(m(best).factor()) > 0 ? c : best;
      }
      survivors = List.of(best);
    }
    Map<String, BigDecimal> coefficients = new LinkedHashMap<>();
    BigDecimal running = BigDecimal.ONE;
    for (Campaign c : survivors) {
      BigDecimal extra = m(c).factor().subtract(BigDecimal.ONE);
      coefficients.put(c.id(), policy == StackingPolicy.MULTIPLICATIVE ? running.multiply(extra) : extra);
      running = running.multiply(m(c).factor());
    }
    return coefficients;
  }

  private static Campaign.Multiplier m(Campaign c) {
    return (Campaign.Multiplier) c;
  }

  /** @return 1 + Σ(m − 1), Π m or max m over the surviving campaigns */
  static BigDecimal factor(List<Campaign> campaigns, StackingPolicy policy) {
    Map<String, BigDecimal> coefficients = coefficients(campaigns, policy);
    Map<String, Campaign> byId = new LinkedHashMap<>();
    campaigns.forEach(c -> byId.put(c.id(), c));
    BigDecimal result = BigDecimal.ONE;
    for (String id : coefficients.keySet()) {
      BigDecimal m = m(byId.get(id)).factor();
      result = switch (policy) {
        case ADDITIVE -> result.add(m.subtract(BigDecimal.ONE));
        case MULTIPLICATIVE -> result.multiply(m);
        case BEST_OF -> result.max(m);
      };
    }
    return result;
  }

  @Property(tries = 300)
  void stackingLawsHoldExactlyOnWholeAmounts(@ForAll("campaignSpecs") List<Spec> specs, @ForAll StackingPolicy policy,
      @ForAll @Size(min = 1, max = 3) List<@IntRange(min = 1, max = 3) Integer> sixteens) {
    // given: lines of NT$1,600 × k earn 16k base points, so every stacked amount is whole
    List<Campaign> campaigns = campaigns(specs);
    Programme programme = Fixtures.taiwan(campaigns.toArray(Campaign[]::new)).toBuilder().stacking(policy).build();
    List<OrderLine> lines = new ArrayList<>();
    long base = 0;
    for (int i = 0; i < sixteens.size(); i++) {
      lines.add(Fixtures.line("l" + i, "SKU-" + i, "apparel", 1, Long.toString(1_600L * sixteens.get(i))));
      base += 16L * sixteens.get(i);
    }
    Order order = Order.of("o-1", "m-1", taipei("2025-03-05T12:00"), Channel.ONLINE_STORE, lines);

    // when
    Decision decision = decide(Fixtures.engine(programme), "member", order);

    // then: each campaign adds its coefficient × base, and the order earns base × the stacked factor
    Map<String, BigDecimal> coefficients = coefficients(campaigns, policy);
    for (Campaign c : campaigns) {
      BigDecimal expected = coefficients.getOrDefault(c.id(), BigDecimal.ZERO).multiply(BigDecimal.valueOf(base));
      assertThat(pointsOf(decision, EntryKey.orderCampaign("o-1", c.id()))).as(c.id())
          .isEqualTo(expected.longValueExact());
    }
    assertThat(decision.pointsFor("m-1").value())
        .isEqualTo(factor(campaigns, policy).multiply(BigDecimal.valueOf(base)).longValueExact());
    assertThat(decision.firedRules()).filteredOn(EVERY_LINE::equals).hasSize(campaigns.size() * lines.size());
  }

  @Property(tries = 200)
  void stackedAwardsAreEachRoundedDownOnceAndAddUpToTheOrderTotal(@ForAll("campaignSpecs") List<Spec> specs,
      @ForAll StackingPolicy policy, @ForAll("weekOrders") Order order, @ForAll("tiers") String tier) {
    // given
    List<Campaign> campaigns = campaigns(specs);
    Programme programme = Fixtures.taiwan(campaigns.toArray(Campaign[]::new)).toBuilder().stacking(policy).build();
    BigDecimal exactBase = RulesArbitraries.earningBase(order, programme).multiply(RulesArbitraries.rate(tier));

    // when
    Decision decision = decide(Fixtures.engine(programme), tier, order);

    // then
    long expectedTotal = RulesArbitraries.floor(exactBase);
    for (Map.Entry<String, BigDecimal> c : coefficients(campaigns, policy).entrySet()) {
      long extra = RulesArbitraries.floor(exactBase.multiply(c.getValue()));
      assertThat(pointsOf(decision, EntryKey.orderCampaign("o-1", c.getKey()))).as(c.getKey()).isEqualTo(extra);
      expectedTotal += extra;
    }
    assertThat(decision.pointsFor("m-1").value()).isEqualTo(expectedTotal);
    for (LedgerEntry entry : decision.entries()) {
      LedgerEntry.Earned earned = (LedgerEntry.Earned) entry;
      assertThat(earned.lines().stream().mapToLong(s -> s.points().value()).sum()).isEqualTo(earned.points().value());
      assertThat(earned.lines()).extracting(LineShare::lineId).doesNotHaveDuplicates();
    }
  }

  // ------------------------------------------------------------------ one rule over SKUs or categories

  /** A multiplier for the one-rule property: its targets and minimum spend. */
  record Target(Set<String> skus, Set<String> categories, Optional<String> minSpend) {}

  @Provide
  Arbitrary<List<Target>> targetCalendars() {
    Arbitrary<Set<String>> skus = Arbitraries.of("SKU-A", "SKU-B", "SKU-C", "SKU-E").set().ofMaxSize(3);
    Arbitrary<Set<String>> categories = Arbitraries.of("tea", "shoes", "bags").set().ofMaxSize(2);
    Arbitrary<Optional<String>> minSpends = Arbitraries.of(Optional.<String>empty(), Optional.<String>empty(),
        Optional.of("500"), Optional.of("2000"), Optional.of("6000"));
    return Combinators.combine(skus, categories, minSpends).as(Target::new).list().ofMaxSize(5);
  }

  @Provide
  Arbitrary<List<OrderLine>> targetLines() {
    return Combinators.combine(Arbitraries.of("SKU-A", "SKU-B", "SKU-C", "SKU-D"),
            Arbitraries.of("tea", "shoes", "coffee"), Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(100, 3000))
        .as((sku, category, quantity, price) -> OrderLine.of("L", sku, category, quantity, Fixtures.twd(price.toString())))
        .list().ofMinSize(1).ofMaxSize(5)
        .map(lines -> {
          List<OrderLine> numbered = new ArrayList<>();
          for (int i = 0; i < lines.size(); i++) {
            OrderLine l = lines.get(i);
            numbered.add(OrderLine.of("L" + (i + 1), l.sku(), l.category(), l.quantity(), l.unitPrice()));
          }
          return numbered;
        });
  }

  /**
   * The reference: what the two rules "campaign on listed SKUs" and "campaign on listed categories"
   * plus "campaign on every line", the engine's Java pre-filter on a multiplier's minimum spend and
   * its removal of duplicate (campaign, line) matches used to give, as a pure function.
   *
   * @return campaign id to the ids of the lines it multiplies
   */
  static Map<String, Set<String>> oldRulesWithDedupe(List<Campaign.Multiplier> campaigns, List<OrderLine> lines,
      BigDecimal earningBase) {
    Map<String, Set<String>> matched = new java.util.TreeMap<>();
    for (Campaign.Multiplier c : campaigns) {
      if (c.minSpend().isPresent() && c.minSpend().get().amount().compareTo(earningBase) > 0) {
        continue; // the Java pre-filter
      }
      boolean everyLine = c.skus().isEmpty() && c.categories().isEmpty();
      for (OrderLine line : lines) {
        boolean bySku = !everyLine && c.skus().contains(line.sku());
        boolean byCategory = !everyLine && c.categories().contains(line.category());
        if (everyLine || bySku || byCategory) {
          matched.computeIfAbsent(c.id(), k -> new java.util.TreeSet<>()).add(line.lineId()); // the dedupe
        }
      }
    }
    return matched;
  }

  @Property(tries = 200)
  void oneTargetingRuleMultipliesTheLinesTheOldSkuAndCategoryRulesDidEachOnce(
      @ForAll("targetCalendars") List<Target> targets, @ForAll("targetLines") List<OrderLine> lines) {
    // given: ×2 campaigns c0, c1… on random SKUs, categories and minimum spends; additive stacking
    List<Campaign.Multiplier> campaigns = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      Target t = targets.get(i);
      Campaign.Multiplier c = multiplier("c" + i, "2", CampaignSchedule.always()).targeting(t.skus(), t.categories());
      campaigns.add(t.minSpend().map(m -> c.withMinSpend(Fixtures.twd(m))).orElse(c));
    }
    Programme programme = Fixtures.taiwan(campaigns.toArray(Campaign[]::new));
    Order order = new Order("o-1", "m-1", taipei("2025-03-05T12:00"), Channel.ONLINE_STORE, Fixtures.TWD, lines,
        Money.zero(Fixtures.TWD), Money.zero(Fixtures.TWD));
    BigDecimal earningBase = RulesArbitraries.earningBase(order, programme);
    Map<String, Set<String>> expected = oldRulesWithDedupe(campaigns, lines, earningBase);

    // when
    Decision decision = decide(Fixtures.engine(programme), "member", order);

    // then: the same lines per campaign (each line earns ≥ 1 base point, so every match shows as a share) …
    Map<String, Set<String>> actual = new java.util.TreeMap<>();
    for (LedgerEntry entry : decision.entries()) {
      if (EntryKey.parse(entry.key()) instanceof EntryKey.OrderCampaign key && key.orderId().equals("o-1")
          && entry instanceof LedgerEntry.Earned earned) {
        Set<String> onLines = new java.util.TreeSet<>();
        for (LineShare share : earned.lines()) {
          if (share.points().isPositive()) {
            onLines.add(share.lineId());
          }
        }
        actual.put(key.campaignId(), onLines);
      }
    }
    assertThat(actual).isEqualTo(expected);
    // … and the rule fired once per (campaign, line) pair: nothing left for the engine to dedupe
    assertThat(decision.firedRules()).filteredOn(EVERY_LINE::equals)
        .hasSize(expected.values().stream().mapToInt(Set::size).sum());
  }
}
