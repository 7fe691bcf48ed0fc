package org.loyaltyrules.loyalty.rules.testkit;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.testkit.LoyaltyArbitraries;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;

/**
 * jqwik generators for testing a merchant's own rules: members on the programme's tiers, orders
 * over the shop's {@link Catalogue} in the programme's currency, campaign calendars, and whole
 * {@link Scenario scenarios} of events for {@link ProgrammeHarness#replay}. The domain-level
 * generators (money, ledgers, histories) are in loyalty-core's {@link LoyaltyArbitraries}.
 *
 * <p>Every generated value is valid for the programme it was made for. Nothing depends on the
 * JVM's default time zone or locale, and the same seed gives the same values in every JVM.
 *
 * <pre>{@code
 * @Provide
 * Arbitrary<Scenario> scenarios() {
 *   return LoyaltyGenerators.scenarios(HARNESS.programme(), CATALOGUE);
 * }
 * }</pre>
 *
 * <p>This class has only static methods and is thread-safe.
 */
public final class LoyaltyGenerators {

  /** Where generated scenarios start by default: Monday 2025-01-06, 10:00 in Taipei. */
  public static final Instant DEFAULT_START = Instant.parse("2025-01-06T02:00:00Z");

  /** The most steps of a generated scenario, by default (the members' enrolments come on top). */
  public static final int DEFAULT_MAX_STEPS = 30;

  /** The most members of a generated scenario. */
  public static final int MAX_MEMBERS = 4;

  /** The most lines of a generated order. */
  public static final int MAX_LINES = 20;

  /** The id, member id and time of an order from {@link #orders}, until {@link #reassigned}. */
  public static final String PLACEHOLDER = "placeholder";

  private static final long DAY = 86_400L;

  private LoyaltyGenerators() {}

  // ------------------------------------------------------------------ orders

  /**
   * Unit prices in minor units: mostly whole units from 0 to {@code maxWholeUnits}, sometimes any
   * amount up to it (cents included where the currency has them).
   *
   * @param currency the currency
   * @param maxWholeUnits the highest price in whole units
   * @return the arbitrary
   */
  public static Arbitrary<Long> unitPrices(Currency currency, long maxWholeUnits) {
    long unit = BigDecimal.ONE.movePointRight(currency.getDefaultFractionDigits()).longValueExact();
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.longs().between(0, maxWholeUnits).map(whole -> whole * unit)),
        Tuple.of(1, Arbitraries.longs().between(0, maxWholeUnits * unit)));
  }

  /**
   * Order lines with the given id: any SKU with any category of the catalogue, 1 to 5 units, and a
   * line discount a quarter of the time.
   *
   * @param catalogue what the shop sells
   * @param currency the programme currency
   * @param lineId the line id
   * @return the arbitrary
   */
  public static Arbitrary<OrderLine> line(Catalogue catalogue, Currency currency, String lineId) {
    return Combinators.combine(Arbitraries.of(catalogue.skus()), Arbitraries.of(catalogue.categories()),
            Arbitraries.integers().between(1, 5), unitPrices(currency, catalogue.maxUnitPrice()))
        .flatAs((sku, category, quantity, price) -> Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(0L)),
                Tuple.of(1, Arbitraries.longs().between(0, price * quantity)))
            .map(discount -> new OrderLine(lineId, sku, category, quantity, LoyaltyArbitraries.ofMinor(price, currency),
                LoyaltyArbitraries.ofMinor(discount, currency))));
  }

  /**
   * One to {@code maxLines} lines with distinct short ids drawn from a small alphabet, so that rules
   * and allocations that break ties by line id meet ids in every order.
   *
   * @param catalogue what the shop sells
   * @param currency the programme currency
   * @param maxLines the most lines, 1 to {@value #MAX_LINES}
   * @return the arbitrary
   */
  public static Arbitrary<List<OrderLine>> lines(Catalogue catalogue, Currency currency, int maxLines) {
    if (maxLines < 1 || maxLines > MAX_LINES) {
      throw new IllegalArgumentException("Invalid line count: maxLines [" + maxLines + "]; expected 1 to " + MAX_LINES);
    }
    return Arbitraries.strings().withCharRange('a', 'f').ofMinLength(1).ofMaxLength(maxLines > 6 ? 3 : 2)
        .map(s -> "l-" + s)
        .list().ofMinSize(1).ofMaxSize(maxLines).uniqueElements()
        .flatMap(ids -> {
          List<Arbitrary<OrderLine>> lines = new ArrayList<>();
          for (String id : ids) {
            lines.add(line(catalogue, currency, id));
          }
          return Combinators.combine(lines).as(list -> list);
        });
  }

  /**
   * Orders through any of the catalogue's channels, with an order discount a third of the time and
   * shipping (60 or 150 whole units) half of the time. Their id and member id are {@value
   * #PLACEHOLDER} and their time {@link #DEFAULT_START}: give them real ones with {@link
   * #reassigned}.
   *
   * @param catalogue what the shop sells
   * @param currency the programme currency
   * @param maxLines the most lines, 1 to {@value #MAX_LINES}
   * @return the arbitrary
   */
  public static Arbitrary<Order> orders(Catalogue catalogue, Currency currency, int maxLines) {
    long unit = BigDecimal.ONE.movePointRight(currency.getDefaultFractionDigits()).longValueExact();
    return Combinators.combine(Arbitraries.of(catalogue.channels()), lines(catalogue, currency, maxLines))
        .flatAs((channel, lines) -> {
          long subtotal = 0;
          for (OrderLine line : lines) {
            subtotal += line.net().minorUnits();
          }
          Arbitrary<Long> discount = Arbitraries.frequencyOf(
              Tuple.of(2, Arbitraries.just(0L)),
              Tuple.of(1, Arbitraries.longs().between(0, subtotal)));
          Arbitrary<Long> shipping = Arbitraries.of(0L, 0L, 60 * unit, 150 * unit);
          return Combinators.combine(discount, shipping)
              .as((d, s) -> new Order(PLACEHOLDER, PLACEHOLDER, DEFAULT_START, channel, currency, lines,
                  LoyaltyArbitraries.ofMinor(d, currency), LoyaltyArbitraries.ofMinor(s, currency)));
        });
  }

  /**
   * @param order an order
   * @param id the new order id
   * @param memberId the new member id
   * @param paidAt the new payment instant
   * @return the same basket as a different order
   */
  public static Order reassigned(Order order, String id, String memberId, Instant paidAt) {
    return new Order(id, memberId, paidAt, order.channel(), order.currency(), order.lines(), order.orderDiscount(),
        order.shipping());
  }

  /**
   * A one-line receipt for failure messages: units × unit price, category, SKU and discount of each
   * line, then the order discount, shipping and channel.
   *
   * @param order the order
   * @return the receipt
   */
  public static String describe(Order order) {
    StringBuilder text = new StringBuilder();
    for (OrderLine line : order.lines()) {
      text.append(line.quantity()).append('×').append(line.unitPrice().amount().toPlainString()).append(' ')
          .append(line.category()).append(" (").append(line.sku()).append(')')
          .append(line.discount().isZero() ? "" : " -" + line.discount().amount().toPlainString()).append(", ");
    }
    return text.append("order -").append(order.orderDiscount().amount().toPlainString())
        .append(order.shipping().isZero() ? "" : ", shipping " + order.shipping().amount().toPlainString())
        .append(" on ").append(order.channel().code()).toString();
  }

  // ------------------------------------------------------------------ members

  /** A member before their id and referrer are known; {@code referrer} < 0 means none. */
  private record MemberSpec(String tier, Optional<MonthDay> birthday, int referrer, Set<String> tags) {}

  /**
   * One to {@code maxMembers} members {@code m1}, {@code m2}…, enrolled at {@code enrolledAt}: most
   * on the programme's entry tier, some on any tier; most with a birthday (February 29 included);
   * some referred by an earlier member, so referral chains of every length up to {@code maxMembers}
   * occur; with a few of the catalogue's tags.
   *
   * @param programme the programme (its ladder gives the tiers)
   * @param catalogue the shop (its tags)
   * @param maxMembers the most members, ≥ 1
   * @param enrolledAt when they all enrolled
   * @return the arbitrary
   */
  public static Arbitrary<List<Member>> members(Programme programme, Catalogue catalogue, int maxMembers,
      Instant enrolledAt) {
    List<String> codes = programme.tiers().codes();
    Arbitrary<String> tiers = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(programme.tiers().entry().code())),
        Tuple.of(1, Arbitraries.of(codes)));
    Arbitrary<Set<String>> tags = catalogue.tags().isEmpty()
        ? Arbitraries.just(Set.of())
        : Arbitraries.subsetOf(catalogue.tags()).ofMaxSize(2);
    Arbitrary<MemberSpec> specs = Combinators.combine(tiers, LoyaltyArbitraries.monthDays().optional(0.7),
            Arbitraries.integers().between(-maxMembers, maxMembers - 1), tags)
        .as(MemberSpec::new);
    return specs.list().ofMinSize(1).ofMaxSize(maxMembers).withSizeDistribution(RandomDistribution.uniform()).map(list -> {
      List<Member> members = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        MemberSpec spec = list.get(i);
        Member member = Member.of("m" + (i + 1), enrolledAt, spec.tier()).withTags(spec.tags());
        if (spec.birthday().isPresent()) {
          member = member.withBirthday(spec.birthday().get());
        }
        if (spec.referrer() >= 0 && spec.referrer() < i) {
          member = member.withReferrer("m" + (spec.referrer() + 1));
        }
        members.add(member);
      }
      return members;
    });
  }

  // ------------------------------------------------------------------ campaigns

  /**
   * Campaign calendars of up to four campaigns {@code gen-1}, {@code gen-2}…: multipliers (1.5×, 2×
   * or 3×) on every line or on some of the catalogue's categories or SKUs, and welcome, first-order
   * and threshold bonuses; running always, on a weekday, on a yearly date or for a few weeks from
   * {@code around}; some limited to channels or tiers, to the birthday month, or sharing an
   * exclusive group. Put them on a programme with {@code
   * programme.toBuilder().clearCampaigns().campaigns(calendar).build()}.
   *
   * @param programme the programme (its tiers and zone)
   * @param catalogue the shop (its SKUs, categories, channels and prices)
   * @param around the instant dated campaigns start near, e.g. a scenario's start
   * @return the arbitrary
   */
  public static Arbitrary<List<Campaign>> campaigns(Programme programme, Catalogue catalogue, Instant around) {
    LocalDate first = around.atZone(programme.zone()).toLocalDate();
    Arbitrary<CampaignSchedule> schedules = Arbitraries.oneOf(
        Arbitraries.just(CampaignSchedule.always()),
        Arbitraries.of(DayOfWeek.values()).map(CampaignSchedule::every),
        Arbitraries.integers().between(0, 365).map(d -> CampaignSchedule.yearlyOn(MonthDay.from(first.plusDays(d)))),
        Combinators.combine(Arbitraries.integers().between(0, 60), Arbitraries.integers().between(0, 40))
            .as((from, days) -> CampaignSchedule.always().between(first.plusDays(from), first.plusDays(from + days))));
    Arbitrary<Set<Channel>> channels = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(Set.<Channel>of())),
        Tuple.of(1, Arbitraries.subsetOf(catalogue.channels()).ofMinSize(1)));
    Arbitrary<Set<String>> tiers = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(Set.<String>of())),
        Tuple.of(1, Arbitraries.subsetOf(programme.tiers().codes()).ofMinSize(1)));
    Arbitrary<Campaign> multipliers = Combinators.combine(Arbitraries.of("1.5", "2", "3"), schedules,
            Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(List.of(Set.<String>of(), Set.<String>of()))),
                Tuple.of(2, Arbitraries.subsetOf(catalogue.categories()).ofMinSize(1).map(c -> List.of(Set.<String>of(), c))),
                Tuple.of(1, Arbitraries.subsetOf(catalogue.skus()).ofMinSize(1).map(s -> List.of(s, Set.<String>of())))),
            Arbitraries.of(false, false, false, true))
        .as((factor, schedule, target, birthday) -> {
          Campaign.Multiplier c = Campaign.multiplier(PLACEHOLDER, PLACEHOLDER, new BigDecimal(factor), schedule)
              .targeting(target.get(0), target.get(1));
          return birthday ? c.forBirthdayMonth() : c;
        });
    Arbitrary<Campaign> bonuses = Combinators.combine(
            Arbitraries.of(CampaignKind.WELCOME_BONUS, CampaignKind.FIRST_ORDER_BONUS, CampaignKind.THRESHOLD_BONUS),
            Arbitraries.longs().between(1, 500), schedules,
            Arbitraries.longs().between(1, 2 * catalogue.maxUnitPrice()))
        .as((kind, points, schedule, minSpend) -> kind == CampaignKind.WELCOME_BONUS
            ? Campaign.welcomeBonus(PLACEHOLDER, PLACEHOLDER, Points.of(points), schedule)
            : kind == CampaignKind.FIRST_ORDER_BONUS
                ? Campaign.firstOrderBonus(PLACEHOLDER, PLACEHOLDER, Points.of(points), schedule)
                : Campaign.thresholdBonus(PLACEHOLDER, PLACEHOLDER, Points.of(points),
                    Money.of(BigDecimal.valueOf(minSpend), programme.currency()), schedule));
    Arbitrary<Campaign> campaigns = Combinators.combine(Arbitraries.oneOf(multipliers, bonuses), channels, tiers,
            Arbitraries.of(false, false, false, false, true))
        .as((c, onChannels, forTiers, exclusive) -> {
          Campaign limited = c.onChannels(onChannels).forTiers(forTiers);
          // Exclusive groups are a multiplier's: only the best multiplier of a group applies.
          return exclusive && limited instanceof Campaign.Multiplier m ? m.inExclusiveGroup("exclusive") : limited;
        });
    return campaigns.list().ofMaxSize(4).map(list -> {
      List<Campaign> named = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        Campaign c = list.get(i);
        named.add(c.renamed("gen-" + (i + 1), "Generated campaign " + (i + 1)));
      }
      return named;
    });
  }

  // ------------------------------------------------------------------ scenarios

  /**
   * Scenarios from {@link #DEFAULT_START} of up to {@value #DEFAULT_MAX_STEPS} steps.
   *
   * @param programme the programme the scenarios are for (tiers, currency, zone)
   * @param catalogue what the shop sells
   * @return the arbitrary
   * @see #scenarios(Programme, Catalogue, Instant, int)
   */
  public static Arbitrary<Scenario> scenarios(Programme programme, Catalogue catalogue) {
    return scenarios(programme, catalogue, DEFAULT_START, DEFAULT_MAX_STEPS);
  }

  /**
   * Scenarios of one to {@value #MAX_MEMBERS} {@linkplain #members members} who each enrol first,
   * then up to {@code maxSteps} steps: mostly orders (small baskets, and now and then one of up to
   * {@value #MAX_LINES} lines), then returns, redemptions, expiry runs, tier reviews and
   * redeliveries, with cancellations, early releases and repeated enrolments now and then. Steps
   * follow each other at the same instant, within days (inside a typical pending or return period),
   * within weeks, or months apart (so points expire and tiers lapse within one scenario). Lengths
   * are uniform up to {@code maxSteps}, and there are no edge-case scenarios.
   *
   * @param programme the programme the scenarios are for (tiers, currency, zone)
   * @param catalogue what the shop sells
   * @param start when the scenarios start; pick it so the merchant's dated campaigns fall inside
   * @param maxSteps the most steps after the enrolments
   * @return the arbitrary
   */
  public static Arbitrary<Scenario> scenarios(Programme programme, Catalogue catalogue, Instant start, int maxSteps) {
    Arbitrary<Scenario.Step> steps = steps(programme.currency(), catalogue);
    // Uniform lengths: jqwik's default favours short lists when there are few tries, and stories need length.
    Arbitrary<List<Scenario.Step>> stories = steps.list().ofMaxSize(maxSteps).withSizeDistribution(RandomDistribution.uniform());
    return Combinators.combine(members(programme, catalogue, MAX_MEMBERS, start), stories)
        .as((members, story) -> {
          List<Scenario.Step> all = new ArrayList<>();
          for (int i = 0; i < members.size(); i++) {
            all.add(new Scenario.Enrol(i, i == 0 ? 0 : 60));
          }
          all.addAll(story);
          return new Scenario(start, members, all);
        })
        // Edge cases of a whole story are mostly empty or one-member stories; tries are better spent on random ones.
        .withoutEdgeCases();
  }

  /**
   * Seconds between two steps: the same instant, within days, within weeks, or months apart.
   *
   * @return the arbitrary
   */
  public static Arbitrary<Long> gaps() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(0L)),
        Tuple.of(4, Arbitraries.longs().between(1, 4 * DAY)),
        Tuple.of(1, Arbitraries.longs().between(4 * DAY, 21 * DAY)),
        Tuple.of(1, Arbitraries.longs().between(21 * DAY, 120 * DAY)));
  }

  private static Arbitrary<Scenario.Step> steps(Currency currency, Catalogue catalogue) {
    Arbitrary<Integer> member = Arbitraries.integers().between(0, MAX_MEMBERS - 1);
    Arbitrary<Integer> choice = Arbitraries.integers().between(0, 1_000);
    Arbitrary<Order> baskets = Arbitraries.frequencyOf(
        Tuple.of(4, orders(catalogue, currency, 4)),
        Tuple.of(1, orders(catalogue, currency, MAX_LINES)));
    return Arbitraries.frequencyOf(
        Tuple.of(1, Combinators.combine(member, gaps()).as(Scenario.Enrol::new)),
        Tuple.of(6, Combinators.combine(member, gaps(), baskets).as(Scenario.Pay::new)),
        Tuple.of(3, Combinators.combine(choice, gaps(), Arbitraries.of(true, false), Arbitraries.longs())
            .as(Scenario.Return::new)),
        Tuple.of(2, Combinators.combine(member, gaps(), Arbitraries.integers().between(0, 100)).as(Scenario.Redeem::new)),
        Tuple.of(1, Combinators.combine(choice, gaps()).as(Scenario.Cancel::new)),
        Tuple.of(1, Combinators.combine(choice, gaps()).as(Scenario.Release::new)),
        Tuple.of(2, Combinators.combine(member, gaps()).as(Scenario.Expire::new)),
        Tuple.of(2, Combinators.combine(member, gaps()).as(Scenario.Review::new)),
        Tuple.of(2, choice.map(Scenario.Redeliver::new)));
  }
}
