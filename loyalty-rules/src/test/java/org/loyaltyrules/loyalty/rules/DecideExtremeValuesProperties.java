package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.bonus;
import static org.loyaltyrules.loyalty.rules.Fixtures.multiplier;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;

/**
 * Extreme values into {@code decide}: every kind of event, built through the public factories with
 * values at and beyond every edge (0, 1, −1, the int and long extremes, the programme limits ± 1,
 * prices of 1e30, 1e−30 and odd scales, instants from {@link Instant#MIN} to {@link Instant#MAX} and
 * around the supported range, empty, blank, control-character and 10,000-character ids, 100,001
 * lines, times before what they refer to), on a member enrolled at an extreme instant with or
 * without history. Whatever comes out is a decision or a {@link LoyaltyException}; a refused event
 * changes nothing. Building the event may refuse the values first (the value types' own checks):
 * that is counted as a typed outcome too. The distinct outcomes are written to {@code
 * target/decide-extreme-values.txt}.
 */
class DecideExtremeValuesProperties {
  private static final Programme PROGRAMME = Fixtures.taiwan(
          bonus("welcome", CampaignKind.WELCOME_BONUS, 50, CampaignSchedule.always(), null),
          bonus("spend-1499", CampaignKind.THRESHOLD_BONUS, 200, CampaignSchedule.always(), "1499"),
          multiplier("wednesdays", "2", CampaignSchedule.every(DayOfWeek.WEDNESDAY)))
      .toBuilder().pendingPeriod(Period.ofDays(7)).pointsExpireAfter(Period.ofMonths(3), true).build();
  private static final LoyaltyRulesEngine ENGINE = Fixtures.engine(PROGRAMME);
  private static final Instant T0 = Instant.parse("2025-03-05T04:00:00Z");
  private static final Instant T1 = T0.plusSeconds(86_400);
  /** After the 7 days pending. */
  private static final Instant REDEEMED = T1.plus(Period.ofDays(8));

  /** Outcome ("build: type", "decide: type" or "decide: decided") → count, over the whole container. */
  private static final Map<String, AtomicInteger> OUTCOMES = new ConcurrentSkipListMap<>();
  /** Outcome → the first message seen, cut, for the report. */
  private static final Map<String, String> EXAMPLES = new ConcurrentSkipListMap<>();

  /** One try's raw material; the event is built inside the property so that its refusals are seen. */
  record Case(int kind, Instant enrolledAt, boolean history, int quantity, long points, String price,
      String otherPrice, Instant at, String id, int lines) {}

  private static final List<Instant> INSTANTS = List.of(Instant.MIN, Instant.MAX, Instant.EPOCH,
      Instant.parse("1899-12-31T23:59:59Z"), Instant.parse("1900-01-01T00:00:00Z"),
      Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
      Instant.parse("+999999999-06-01T00:00:00Z"), Instant.parse("-999999999-01-01T00:00:00Z"),
      T0, T0.minusNanos(1), T0.plusNanos(1), T1, T1.minusSeconds(1), REDEEMED, REDEEMED.minusNanos(1), T1.plus(Period.ofDays(7)),
      T1.plus(Period.ofDays(400)));

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<Integer> ints = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.of(0, 1, -1, 2, Integer.MAX_VALUE, Integer.MIN_VALUE,
            Programme.DEFAULT_MAX_QUANTITY_PER_LINE, Programme.DEFAULT_MAX_QUANTITY_PER_LINE + 1)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers()));
    Arbitrary<Long> longs = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.of(0L, 1L, -1L, 100L, 500L, 501L, Long.MAX_VALUE, Long.MIN_VALUE,
            Programme.DEFAULT_MAX_POINTS_PER_DECISION, Programme.DEFAULT_MAX_POINTS_PER_DECISION + 1)),
        net.jqwik.api.Tuple.of(1, Arbitraries.longs()));
    Arbitrary<String> prices = Arbitraries.of("0", "0.01", "0.001", "1", "-1", "-0.01", "1E+30", "1E-30", "1E+400",
        "450", "50000", "10000000000", "10000000000.01", "1000000000000", "1000000000000.01",
        "99999999999999999999999999999999.99", "0.00000000000000000000000000000001");
    Arbitrary<String> ids = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, Arbitraries.of("e-1", "o-1", "x-1", "m")),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("", " ", "\u0000", "a\nb", "ü", "x".repeat(10_000))));
    Arbitrary<Integer> lines = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(40, Arbitraries.of(1, 2, 3)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(100_001)));
    return Builders.withBuilder(() -> new Object[10])
        .use(Arbitraries.integers().between(0, 7)).in((a, v) -> set(a, 0, v))
        .use(Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, Arbitraries.of(T0, T0.minusSeconds(86_400))),
            net.jqwik.api.Tuple.of(1, Arbitraries.of(INSTANTS)))).in((a, v) -> set(a, 1, v))
        .use(Arbitraries.of(true, false)).in((a, v) -> set(a, 2, v))
        .use(ints).in((a, v) -> set(a, 3, v))
        .use(longs).in((a, v) -> set(a, 4, v))
        .use(prices).in((a, v) -> set(a, 5, v))
        .use(prices).in((a, v) -> set(a, 6, v))
        .use(Arbitraries.of(INSTANTS)).in((a, v) -> set(a, 7, v))
        .use(ids).in((a, v) -> set(a, 8, v))
        .use(lines).in((a, v) -> set(a, 9, v))
        .build(a -> new Case((Integer) a[0], (Instant) a[1], (Boolean) a[2], (Integer) a[3], (Long) a[4],
            (String) a[5], (String) a[6], (Instant) a[7], (String) a[8], (Integer) a[9]));
  }

  private static Object[] set(Object[] a, int i, Object v) {
    a[i] = v;
    return a;
  }

  @Property(tries = 1000)
  void decideGivesADecisionOrATypedRefusalThatChangesNothing(@ForAll("cases") Case c) {
    // given: a member, perhaps with an order and a redemption behind them
    Shop shop;
    LoyaltyEvent event;
    try {
      shop = new Shop(ENGINE).withoutInvariantChecks();
      shop.join(Member.of("m", c.enrolledAt(), "member"));
      if (c.history() && !c.enrolledAt().isAfter(T1)) {
        shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", T1, "50000", 1, 1, "0")));
        shop.apply(new LoyaltyEvent.PointsRedeemed("x-1", "m", Points.of(100), REDEEMED));
      }
      event = event(c, shop);
    } catch (LoyaltyException e) {
      count("build: " + e.getClass().getSimpleName() + " (" + e.code() + ")", e);
      return;
    }
    List<LedgerEntry> before = List.copyOf(shop.ledger("m").entries());
    String tierBefore = shop.member("m").tierCode();

    // when
    try {
      shop.apply(event);
      count("decide: decided", null);
    } catch (LoyaltyException e) {
      // then: typed, and nothing changed
      count("decide: " + e.getClass().getSimpleName() + " (" + e.code() + ")", e);
      assertThat(shop.ledger("m").entries()).isEqualTo(before);
      assertThat(shop.member("m").tierCode()).isEqualTo(tierBefore);
    } catch (Throwable e) {
      count("decide: RAW " + e.getClass().getName(), e);
      throw new AssertionError("decide let an untyped " + e.getClass().getName() + " out for " + c, e);
    }
  }

  private static LoyaltyEvent event(Case c, Shop shop) {
    switch (c.kind()) {
      case 0:
        return new LoyaltyEvent.OrderPaid(order(c.id(), c.at(), c.price(), c.quantity(), c.lines(), c.otherPrice()));
      case 1: {
        Order order = c.history() && c.id().equals("o-1")
            ? order("o-1", T1, "50000", 1, 1, "0")
            // A return lists its lines one by one; 100,001 of them cost seconds to build (a lookup per line).
            : order(c.id(), c.at(), c.price(), c.quantity(), Math.min(c.lines(), 3), "0");
        return c.quantity() % 2 == 0
            ? LoyaltyEvent.OrderReturned.whole("r-" + c.id(), order, c.at())
            : LoyaltyEvent.OrderReturned.of("r-" + c.id(), order,
                List.of(new LoyaltyEvent.ReturnedLine(order.lines().get(0).lineId(), Math.abs(c.quantity() % 3) + 1)),
                c.at());
      }
      case 2:
        return new LoyaltyEvent.MemberEnrolled(c.id(), "m", c.at());
      case 3:
        return new LoyaltyEvent.PointsRedeemed(c.id(), "m", Points.of(c.points()), c.at());
      case 4:
        return new LoyaltyEvent.RedemptionCancelled("cancel-" + c.id(), "m", c.id(), c.at());
      case 5:
        return new LoyaltyEvent.PendingReleased("release-" + c.id(), "m", c.id(), c.at());
      case 6:
        return new LoyaltyEvent.ExpiryRun(c.id(), "m", c.at());
      default:
        return new LoyaltyEvent.TierReview(c.id(), "m", c.at());
    }
  }

  /** An order of member m: a first line of {@code quantity} at {@code price}, then NT$1 lines. */
  private static Order order(String id, Instant at, String price, int quantity, int lines, String shipping) {
    List<OrderLine> list = new ArrayList<>(lines);
    list.add(OrderLine.of("l0", "SKU-0", "apparel", quantity, Money.of(new BigDecimal(price), Fixtures.TWD)));
    for (int i = 1; i < lines; i++) {
      list.add(OrderLine.of("l" + i, "SKU-" + i, "apparel", 1, Fixtures.twd("1")));
    }
    return new Order(id, "m", at, Channel.ONLINE_STORE, Fixtures.TWD, list, Fixtures.twd("0"),
        Money.of(new BigDecimal(shipping), Fixtures.TWD));
  }

  private static void count(String outcome, Throwable e) {
    OUTCOMES.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
    if (e != null) {
      String message = String.valueOf(e.getMessage());
      EXAMPLES.putIfAbsent(outcome, message.substring(0, Math.min(300, message.length())));
    }
  }

  @AfterContainer
  static void report() throws IOException {
    Map<String, Integer> outcomes = new TreeMap<>();
    OUTCOMES.forEach((k, v) -> outcomes.put(k, v.get()));
    long typed = outcomes.keySet().stream().filter(k -> !k.endsWith("decided")).count();
    StringBuilder text = new StringBuilder("distinct typed outcomes (exception type and code): " + typed + "\n");
    outcomes.forEach((k, v) -> text.append(v).append('\t').append(k).append('\n'));
    text.append("\nexamples:\n");
    EXAMPLES.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
    Path file = Path.of("target", "decide-extreme-values.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    assertThat(outcomes.keySet()).noneMatch(k -> k.contains("RAW"));
    // Not vacuous: events were decided, and refused for time, limits and invalid values (the value
    // types refuse most invalid values while the event is built, before decide sees them).
    assertThat(outcomes.keySet()).contains("decide: decided",
        "decide: EventTimeException (event-before-reference)", "decide: LimitExceededException (limit-exceeded)",
        "build: InvalidValueException (invalid-value)");
  }
}
