package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.CampaignTarget;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.RfmClass;
import org.loyaltyrules.loyalty.TimeOfDayWindow;
import org.loyaltyrules.loyalty.rules.internal.CampaignIndex;

/**
 * A targeted campaign applies to an order exactly when every one of its conditions holds: random
 * calendars of targeted campaigns against random orders, compared with a predicate written out
 * condition by condition.
 */
class CampaignTargetingProperties {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 11);
  private static final List<String> TAGS = List.of("vip", "line-friend", "staff");
  private static final List<String> STORES = List.of("taipei-101", "xinyi", "online");
  private static final List<String> PAYMENTS = List.of("line-pay", "cathay-card", "cash");
  private static final List<String> TIERS = List.of("member", "silver", "gold");
  private static final List<Channel> CHANNELS = List.of(Channel.POS, Channel.ONLINE_STORE);

  /** One order's side of the conditions. */
  record Context(String tier, Channel channel, Set<String> tags, RfmClass segment, Optional<String> store,
      Optional<String> payment, LocalTime time) {}

  @Property(tries = 500)
  void aTargetedCampaignAppliesIffEveryConditionHolds(@ForAll("calendars") List<Campaign> calendar,
      @ForAll("contexts") Context order) {
    // given
    CampaignIndex index = new CampaignIndex(calendar);

    // when
    List<Campaign> found = index.activeForOrder(DAY, order.channel(), order.tier(), false, Set.of("SKU-1"),
        Set.of("tea"), new CampaignIndex.Audience(order.tags(), order.segment(), true, order.store(), order.payment(),
            order.time()));

    // then
    List<Campaign> expected = new ArrayList<>();
    for (Campaign c : calendar) {
      CampaignTarget t = c.target();
      boolean channel = t.channels().isEmpty() || t.channels().contains(order.channel());
      boolean tier = t.tiers().isEmpty() || t.tiers().contains(order.tier());
      boolean tag = t.tags().isEmpty() || order.tags().stream().anyMatch(t.tags()::contains);
      boolean segment = t.segments().isEmpty() || t.segments().contains(order.segment());
      boolean store = t.stores().isEmpty() || order.store().filter(t.stores()::contains).isPresent();
      boolean payment = t.paymentMethods().isEmpty() || order.payment().filter(t.paymentMethods()::contains).isPresent();
      boolean time = t.timeOfDay().map(w -> inWindow(w, order.time())).orElse(true);
      if (channel && tier && tag && segment && store && payment && time) {
        expected.add(c);
      }
    }
    expected.sort(Comparator.comparing(Campaign::id));
    assertThat(found).containsExactlyElementsOf(expected);
  }

  /** The window by minutes walked forward from its start, independent of {@link TimeOfDayWindow#contains}. */
  private static boolean inWindow(TimeOfDayWindow w, LocalTime time) {
    long from = w.from().toNanoOfDay();
    long day = 86_400_000_000_000L;
    return Math.floorMod(time.toNanoOfDay() - from, day) < Math.floorMod(w.to().toNanoOfDay() - from, day);
  }

  @Provide
  Arbitrary<Context> contexts() {
    return Combinators.combine(Arbitraries.of(TIERS), Arbitraries.of(CHANNELS), Arbitraries.subsetOf(TAGS),
        Arbitraries.of(RfmClass.class), Arbitraries.of(STORES).optional(0.8), Arbitraries.of(PAYMENTS).optional(0.8),
        times()).as(Context::new);
  }

  private static Arbitrary<LocalTime> times() {
    // Whole hours hit the window edges often; any nanosecond of the day covers the rest.
    return Arbitraries.oneOf(Arbitraries.integers().between(0, 23).map(h -> LocalTime.of(h, 0)),
        Arbitraries.integers().between(0, 23).map(h -> LocalTime.of(h, 0).minusNanos(1)),
        Arbitraries.longs().between(0, 86_399_999_999_999L).map(LocalTime::ofNanoOfDay));
  }

  @Provide
  Arbitrary<List<Campaign>> calendars() {
    Arbitrary<Optional<TimeOfDayWindow>> windows = Combinators.combine(Arbitraries.integers().between(0, 23),
        Arbitraries.integers().between(1, 23)).as((from, length) ->
            new TimeOfDayWindow(LocalTime.of(from, 0), LocalTime.of((from + length) % 24, 0))).optional(0.4);
    Arbitrary<CampaignTarget> targets = Combinators.combine(Arbitraries.subsetOf(CHANNELS), Arbitraries.subsetOf(TIERS),
        Arbitraries.subsetOf(TAGS), Arbitraries.subsetOf(RfmClass.values()), Arbitraries.subsetOf(STORES),
        Arbitraries.subsetOf(PAYMENTS), windows).as((channels, tiers, tags, segments, stores, payments, window) ->
            new CampaignTarget(CampaignSchedule.always(), channels, tiers, false, tags, segments, stores, payments, window));
    return targets.list().ofMaxSize(20).map(list -> {
      List<Campaign> calendar = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        calendar.add(Campaign.multiplier("c-" + i, "campaign " + i, BigDecimal.valueOf(2), CampaignSchedule.always())
            .withTarget(list.get(i)));
      }
      return calendar;
    });
  }
}
