package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.bonus;
import static org.loyaltyrules.loyalty.rules.Fixtures.multiplier;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.utc;

import java.time.Duration;
import java.time.MonthDay;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;

/**
 * Same inputs, equal decisions: whatever the JVM's default time zone and locale (set and restored
 * inside each try), and whichever thread decides.
 */
class DeterminismProperties {
  private static final Programme PROGRAMME = Fixtures.taiwan(
          multiplier("eleven-eleven", "2", CampaignSchedule.yearlyOn(MonthDay.of(11, 11))),
          multiplier("birthday", "1.5", CampaignSchedule.always()).forBirthdayMonth(),
          multiplier("shoes-x3", "3", CampaignSchedule.always()).targeting(Set.of(), Set.of("shoes")),
          bonus("spend-1499", CampaignKind.THRESHOLD_BONUS, 200, CampaignSchedule.always(), "1499"))
      .toBuilder().downgrade(Programme.DowngradePolicy.ONE_LEVEL, Period.ofMonths(1)).build();
  private static final LoyaltyRulesEngine ENGINE = Fixtures.engine(PROGRAMME);

  /** Zones far from Taipei (and from whole hours) with locales that format numbers and dates differently. */
  private static final List<Object[]> DEFAULTS = List.of(
      new Object[] {"Pacific/Chatham", Locale.forLanguageTag("tr-TR")},
      new Object[] {"America/St_Johns", Locale.forLanguageTag("ar-SA")},
      new Object[] {"Asia/Kathmandu", Locale.forLanguageTag("th-TH-u-nu-thai")},
      new Object[] {"Pacific/Kiritimati", Locale.forLanguageTag("hi-IN")},
      new Object[] {"UTC", Locale.forLanguageTag("de-DE")});

  @Provide
  Arbitrary<Order> orders() {
    return RulesArbitraries.orders("o-1", "m-1", RulesArbitraries.around(utc("2025-11-10T16:00:00Z"), Duration.ofHours(30)), 5);
  }

  @Provide
  Arbitrary<String> tiers() {
    return Arbitraries.of(RulesArbitraries.TIERS);
  }

  /** Everything one member's day can ask of the engine, decided under the current JVM defaults. */
  private static List<Decision> decideAll(Member member, Order previous, Order order) {
    PointLedger ledger = PROGRAMME.newLedger("m-1");
    ledger.appendAll(ENGINE.decide(new LoyaltyEvent.OrderPaid(previous), DecisionContext.of(member, ledger)).entries());
    List<Decision> decisions = new ArrayList<>();
    Decision paid = ENGINE.decide(new LoyaltyEvent.OrderPaid(order), DecisionContext.of(member, ledger));
    decisions.add(paid);
    ledger.appendAll(paid.entries());
    decisions.add(ENGINE.decide(LoyaltyEvent.OrderReturned.whole("r-1", order, order.paidAt().plusSeconds(60)),
        DecisionContext.of(member, ledger)));
    decisions.add(ENGINE.decide(new LoyaltyEvent.TierReview("review", "m-1", order.paidAt().plus(Duration.ofDays(400))),
        DecisionContext.of(member, ledger)));
    decisions.add(ENGINE.decide(new LoyaltyEvent.ExpiryRun("expiry", "m-1", order.paidAt().plus(Duration.ofDays(800))),
        DecisionContext.of(member, ledger)));
    return decisions;
  }

  @Property(tries = 100)
  void sameInputsGiveEqualDecisionsWhateverTheJvmDefaultZoneAndLocale(@ForAll("orders") Order order,
      @ForAll("tiers") String tier, @ForAll("birthdays") MonthDay birthday) {
    // given
    Member member = Member.of("m-1", taipei("2024-01-01T00:00"), tier).withBirthday(birthday);
    Order previous = Fixtures.order("o-0", "m-1", order.paidAt().minus(Duration.ofDays(30)), "12000");
    List<Decision> expected = decideAll(member, previous, order);
    TimeZone zone = TimeZone.getDefault();
    Locale locale = Locale.getDefault();
    try {
      for (Object[] defaults : DEFAULTS) {
        // when
        TimeZone.setDefault(TimeZone.getTimeZone((String) defaults[0]));
        Locale.setDefault((Locale) defaults[1]);
        List<Decision> actual = decideAll(member, previous, order);

        // then
        assertThat(actual).as("under %s / %s", defaults[0], defaults[1]).isEqualTo(expected);
      }
    } finally {
      TimeZone.setDefault(zone);
      Locale.setDefault(locale);
    }
  }

  @Provide
  Arbitrary<MonthDay> birthdays() {
    return Arbitraries.of(MonthDay.of(11, 1), MonthDay.of(11, 30), MonthDay.of(10, 31), MonthDay.of(12, 1), MonthDay.of(2, 29));
  }

  @Example
  void sameInputsGiveEqualDecisionsOnEveryThread() throws Exception {
    // given: 400 orders decided one after the other
    List<Order> orders = orders().sampleStream().limit(400).toList();
    Member member = Member.of("m-1", taipei("2024-01-01T00:00"), "silver");
    List<Decision> sequential = new ArrayList<>();
    for (Order order : orders) {
      sequential.add(ENGINE.decide(new LoyaltyEvent.OrderPaid(order),
          DecisionContext.of(member, PROGRAMME.newLedger("m-1"))));
    }

    // when: the same orders decided on four threads at once
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Decision> parallel = new ArrayList<>();
    try {
      List<Future<Decision>> futures = new ArrayList<>();
      for (Order order : orders) {
        futures.add(pool.submit(() -> ENGINE.decide(new LoyaltyEvent.OrderPaid(order),
            DecisionContext.of(member, PROGRAMME.newLedger("m-1")))));
      }
      for (Future<Decision> future : futures) {
        parallel.add(future.get());
      }
    } finally {
      pool.shutdownNow();
    }

    // then
    assertThat(parallel).isEqualTo(sequential);
  }
}
