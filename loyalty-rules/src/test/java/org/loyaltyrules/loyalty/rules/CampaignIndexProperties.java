package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.rules.internal.CampaignIndex;

/**
 * The campaign index is only a faster way to ask every campaign "do you run today for this order?":
 * whatever the calendar, it must give exactly the campaigns a scan of the whole calendar gives.
 */
class CampaignIndexProperties {
  private static final LocalDate START = LocalDate.of(2025, 1, 1);
  private static final List<String> SKUS = List.of("TEA-1", "TEA-2", "CUP-1", "BAG-1");
  private static final List<String> CATEGORIES = List.of("tea", "cups", "bags");

  @Property(tries = 300)
  void index_anyCalendarAndOrder_findsExactlyWhatAFullScanFinds(
      @ForAll("calendars") List<Campaign> calendar,
      @ForAll("dates") LocalDate date,
      @ForAll("channels") Channel channel,
      @ForAll("tiers") String tier,
      @ForAll boolean birthdayMonth,
      @ForAll("subsets") Set<String> skus,
      @ForAll("categorySubsets") Set<String> categories) {
    // given
    CampaignIndex index = new CampaignIndex(calendar);

    // when
    List<Campaign> found = index.activeForOrder(date, channel, tier, birthdayMonth, skus, categories);
    List<Campaign> any = index.active(date, channel, tier, birthdayMonth);

    // then
    List<Campaign> scanned = new ArrayList<>();
    for (Campaign c : calendar) {
      if (c.schedule().isActiveOn(date)
          && (c.channels().isEmpty() || c.channels().contains(channel))
          && (c.tiers().isEmpty() || c.tiers().contains(tier))
          && (!c.birthdayMonthOnly() || birthdayMonth)) {
        scanned.add(c);
      }
    }
    scanned.sort(Comparator.comparing(Campaign::id));
    assertThat(any).containsExactlyElementsOf(scanned);
    assertThat(found).containsExactlyElementsOf(scanned.stream().map(Campaign.Multiplier.class::cast)
        .filter(c -> c.targetsAllLines() || c.skus().stream().anyMatch(skus::contains)
            || c.categories().stream().anyMatch(categories::contains)).toList());
  }

  @Provide
  Arbitrary<List<Campaign>> calendars() {
    return campaign().list().ofMaxSize(30).map(list -> {
      List<Campaign> unique = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        Campaign.Multiplier c = (Campaign.Multiplier) list.get(i);
        unique.add(Campaign.multiplier("c-" + i, c.name(), c.factor(), c.schedule())
            .targeting(c.skus(), c.categories()));
      }
      return unique;
    });
  }

  private Arbitrary<Campaign> campaign() {
    Arbitrary<CampaignSchedule> schedules = Arbitraries.oneOf(
        dates().set().ofMinSize(1).ofMaxSize(3).map(d -> CampaignSchedule.on(d.toArray(LocalDate[]::new))),
        Arbitraries.of(DayOfWeek.class).map(CampaignSchedule::every),
        dates().map(d -> CampaignSchedule.yearlyOn(MonthDay.from(d))),
        Arbitraries.just(CampaignSchedule.always()));
    Arbitrary<CampaignSchedule> bounded = Combinators.combine(schedules, dates(), Arbitraries.integers().between(-1, 900),
        Arbitraries.integers().between(0, 3)).as((s, from, days, mode) -> switch (mode) {
          case 0 -> s;
          case 1 -> s.between(from, days < 0 ? from : from.plusDays(days));
          default -> CampaignSchedule.always().between(from, from.plusDays(Math.max(0, days)));
        });
    return Combinators.combine(bounded, subsets(), categorySubsets()).as((schedule, skus, categories) ->
        Campaign.multiplier("c", "campaign", BigDecimal.valueOf(2), schedule).targeting(skus, categories));
  }

  @Provide
  Arbitrary<LocalDate> dates() {
    return Arbitraries.integers().between(-30, 1_000).map(START::plusDays);
  }

  @Provide
  Arbitrary<Channel> channels() {
    return Arbitraries.of(Channel.ONLINE_STORE, Channel.POS);
  }

  @Provide
  Arbitrary<String> tiers() {
    return Arbitraries.of("member", "silver", "gold");
  }

  @Provide
  Arbitrary<Set<String>> subsets() {
    return Arbitraries.of(SKUS).set().ofMaxSize(2);
  }

  @Provide
  Arbitrary<Set<String>> categorySubsets() {
    return Arbitraries.of(CATEGORIES).set().ofMaxSize(2);
  }
}
