package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.loyaltyrules.loyalty.testkit.LedgerHistory;
import org.loyaltyrules.loyalty.testkit.LedgerSnapshot;
import org.loyaltyrules.loyalty.testkit.LoyaltyArbitraries;

/**
 * Runs the same scenario under several JVM default time zones and locales, chosen for their
 * traps (odd offsets, the date line, Turkish dotless i, non-Latin digits, non-Gregorian
 * calendars), and compares every result and message with the run under UTC and the root locale.
 * The defaults are set and restored inside each try.
 */
class JvmDefaultZoneAndLocaleProperties {

  private record Defaults(String zone, Locale locale) {}

  private static final Defaults REFERENCE = new Defaults("UTC", Locale.ROOT);

  private static final List<Defaults> OTHERS = List.of(
      new Defaults("Pacific/Chatham", Locale.forLanguageTag("tr-TR")),
      new Defaults("America/St_Johns", Locale.forLanguageTag("ar-SA")),
      new Defaults("Pacific/Kiritimati", Locale.forLanguageTag("th-TH-u-nu-thai")),
      new Defaults("Asia/Kathmandu", Locale.forLanguageTag("hi-IN")),
      new Defaults("Etc/GMT+12", Locale.forLanguageTag("de-DE")),
      new Defaults("Asia/Tokyo", Locale.forLanguageTag("ja-JP-u-ca-japanese")),
      new Defaults("Asia/Tehran", Locale.forLanguageTag("fa-IR")));

  @Provide
  Arbitrary<LedgerHistory> histories() {
    return LoyaltyArbitraries.ledgerHistories();
  }

  @Provide
  Arbitrary<Order> orders() {
    return LoyaltyArbitraries.orders();
  }

  @Property(tries = 200)
  void ledgerResultsDoNotDependOnTheDefaultTimeZoneOrLocale(@ForAll("histories") LedgerHistory history) {
    assertSameUnderEveryDefault(() -> describeLedger(history));
  }

  @Property(tries = 200)
  void orderMoneyAndTierResultsDoNotDependOnTheDefaultTimeZoneOrLocale(@ForAll("orders") Order order) {
    assertSameUnderEveryDefault(() -> describeOrder(order));
  }

  /**
   * Runs {@code scenario} under UTC and the root locale, then under each trap default, and asserts
   * the same results. Also used by ProgrammeProperties for the fingerprint.
   */
  static void assertSameUnderEveryDefault(Supplier<List<String>> scenario) {
    // given
    List<String> reference = under(REFERENCE, scenario);

    // when / then
    for (Defaults defaults : OTHERS) {
      assertThat(under(defaults, scenario)).as("results under %s", defaults).isEqualTo(reference);
    }
  }

  private static List<String> under(Defaults defaults, Supplier<List<String>> scenario) {
    TimeZone zone = TimeZone.getDefault();
    Locale locale = Locale.getDefault();
    Locale display = Locale.getDefault(Locale.Category.DISPLAY);
    Locale format = Locale.getDefault(Locale.Category.FORMAT);
    try {
      TimeZone.setDefault(TimeZone.getTimeZone(ZoneId.of(defaults.zone())));
      Locale.setDefault(defaults.locale());
      return scenario.get();
    } finally {
      TimeZone.setDefault(zone);
      Locale.setDefault(locale);
      Locale.setDefault(Locale.Category.DISPLAY, display);
      Locale.setDefault(Locale.Category.FORMAT, format);
    }
  }

  /** Everything the ledger answers about the history, including the messages of rejected entries. */
  private static List<String> describeLedger(LedgerHistory history) {
    List<String> out = new ArrayList<>();
    PointLedger ledger = history.replay();
    out.add(LedgerSnapshot.of(ledger).toString());
    out.add(ledger.toString());
    Instant end = history.end();
    out.add(ledger.lotsDueToExpire(end.plus(Duration.ofDays(30))).toString());
    out.add(message(() -> ledger.append(new LedgerEntry.Redeemed("overspend", history.memberId(),
        Points.of(-(Math.max(0, ledger.available(end).value()) + 1)), end, Provenance.manual("İstanbul-ı", "çok fazla"),
        Money.zero(history.currency())))));
    if (!ledger.entries().isEmpty()) {
      LedgerEntry first = ledger.entries().get(0);
      out.add(message(() -> ledger.append(new LedgerEntry.Adjusted(first.key(), history.memberId(), Points.of(7), end,
          Provenance.manual("TITLE-i", "İi"), java.util.Optional.of(end.plus(Duration.ofDays(1)))))));
    }
    for (LedgerEntry entry : ledger.entries()) {
      if (entry instanceof LedgerEntry.Earned earned) {
        out.add(message(() -> ledger.planClawback(earned.key(), earned.points().plus(Points.of(1)), end)).toString());
        out.add(ledger.planClawback(earned.key(), earned.points().minus(ledger.reversedPoints(earned.key())), end).toString());
      }
    }
    out.add(message(() -> ledger.append(new LedgerEntry.Expired("x", history.memberId(), Points.of(-1), end,
        Provenance.manual("job", "run"), "no-such-lot"))));
    Currency currency = history.currency();
    TierLadder ladder = TierLadder.of(
        Tier.of("basic", 0, Money.zero(currency), Period.ofMonths(12)),
        Tier.of("silver", 1, Money.of("1000", currency.getCurrencyCode()), Period.ofMonths(1)),
        Tier.of("gold", 2, Money.of("5000", currency.getCurrencyCode()), Period.ofMonths(3)));
    for (String zone : List.of("Asia/Taipei", "Asia/Hong_Kong", "America/New_York")) {
      out.add(ladder.qualifyingTier(ledger, end, ZoneId.of(zone)).code());
    }
    return out;
  }

  private static List<String> describeOrder(Order order) {
    List<String> out = new ArrayList<>();
    out.add(order.toString());
    out.add(order.netAfterOrderDiscount().toString());
    out.add(order.total().toString());
    out.add(Money.parse(order.total().toString()).toString());
    out.add(message(() -> order.line("İ-no-such-line")));
    out.add(message(() -> order.total().plus(Money.of("1", order.currency() == LoyaltyArbitraries.TWD ? "HKD" : "TWD"))));
    out.add(message(() -> Money.of("1.234", order.currency().getCurrencyCode())));
    out.add(message(() -> Channel.of("İnstagram")));
    return out;
  }

  private static String message(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    return thrown == null ? "no exception" : thrown.getClass().getSimpleName() + ": " + thrown.getMessage();
  }
}
