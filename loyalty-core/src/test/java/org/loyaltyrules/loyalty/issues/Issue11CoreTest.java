package org.loyaltyrules.loyalty.issues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.DuplicateEventException;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.Limits;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.NegativeBalancePolicy;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.PointsOverflowException;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Provenance;
import org.loyaltyrules.loyalty.Tier;
import org.loyaltyrules.loyalty.TierLadder;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, the loyalty-core part: absurd values were accepted or ended in raw JDK exceptions.
 *
 * <p>Tried as a new user would, on main: appending {@code Adjusted(+Long.MAX_VALUE)} then {@code
 * Adjusted(+1)} threw {@code ArithmeticException: long overflow} although the README promises a
 * typed {@code LoyaltyException} naming the field and the value; an order paid in the year
 * +999999999 was accepted, and deciding on it ended in a raw {@code DateTimeException}; a unit price
 * of 1e30 was accepted, and the first {@code minorUnits()} threw a raw {@code ArithmeticException}; a
 * redemption of {@code Long.MIN_VALUE} points wrapped around and credited the member. Each test below
 * failed on main and passes now.
 */
class Issue11CoreTest {

  private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

  private static LedgerEntry.Adjusted credit(String key, long points) {
    return new LedgerEntry.Adjusted(key, "m-1", Points.of(points), T0, Provenance.manual(key, "goodwill"),
        Optional.empty());
  }

  @Test
  void append_adjustedMaxValueThenOne_throwsPointsOverflowAndChangesNothing() {
    // given
    PointLedger ledger = PointLedger.empty("m-1", NegativeBalancePolicy.ALLOW_DEBT);
    ledger.append(credit("a-1", Long.MAX_VALUE));

    // when
    Throwable thrown = catchThrowable(() -> ledger.append(credit("a-2", 1)));

    // then: typed, naming what overflowed and the exact value, and the ledger is as it was
    assertThat(thrown).isExactlyInstanceOf(PointsOverflowException.class);
    PointsOverflowException e = (PointsOverflowException) thrown;
    assertThat(e.code()).isEqualTo("points-overflow");
    assertThat(e.field()).isEqualTo("points left in lots");
    assertThat(e.value()).isEqualTo("9223372036854775808");
    assertThat(ledger.size()).isEqualTo(1);
    assertThat(ledger.balance()).isEqualTo(Points.of(Long.MAX_VALUE));
    assertThat(ledger.lots()).hasSize(1);
    assertThat(ledger.contains("a-2")).isFalse();
  }

  @Test
  void append_redeemedLongMinValuePoints_throwsPointsOverflowInsteadOfCrediting() {
    // given
    PointLedger ledger = PointLedger.empty("m-1", NegativeBalancePolicy.ALLOW_DEBT);
    ledger.append(credit("a-1", 10));
    LedgerEntry.Redeemed absurd = new LedgerEntry.Redeemed("r-1", "m-1", Points.of(Long.MIN_VALUE), T0.plusSeconds(1),
        Provenance.manual("r-1", "checkout"), Money.zero(java.util.Currency.getInstance("TWD")));

    // when
    Throwable thrown = catchThrowable(() -> ledger.append(absurd));

    // then
    assertThat(thrown).isInstanceOf(PointsOverflowException.class);
    assertThat(ledger.balance()).isEqualTo(Points.of(10));
    assertThat(ledger.size()).isEqualTo(1);
  }

  @Test
  void order_paidInYear999999999_throwsInvalidValueNamingTheRange() {
    // given
    Instant farFuture = Instant.parse("+999999999-05-01T00:00:00Z");
    OrderLine line = OrderLine.of("l-1", "sku-1", "tea", 1, Money.of("450", "TWD"));

    // when
    InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
        () -> Order.of("o-1", "m-1", farFuture, Channel.POS, List.of(line)));

    // then
    assertThat(e).isNotNull();
    assertThat(e.field()).isEqualTo("paidAt");
    assertThat(e.value()).isEqualTo("+999999999-05-01T00:00:00Z");
    assertThat(e.expected()).isEqualTo("from 1900-01-01T00:00:00Z to before +10000-01-01T00:00:00Z");
  }

  @Test
  void instantRange_edges_lastInstantAcceptedFirstOutsideRefusedEverywhere() {
    // given
    Instant first = Limits.EARLIEST_INSTANT;
    Instant last = Limits.LATEST_INSTANT_EXCLUSIVE.minusNanos(1);
    Instant before = first.minusNanos(1);
    Instant after = Limits.LATEST_INSTANT_EXCLUSIVE;

    // then
    assertThat(Member.of("m-1", first, "bronze").enrolledAt()).isEqualTo(first);
    assertThat(new LoyaltyEvent.TierReview("rev-1", "m-1", last).occurredAt()).isEqualTo(last);
    assertThat(catchThrowable(() -> Member.of("m-1", before, "bronze"))).isInstanceOf(InvalidValueException.class)
        .hasMessage("Invalid member: enrolledAt [1899-12-31T23:59:59.999999999Z]; expected from 1900-01-01T00:00:00Z"
            + " to before +10000-01-01T00:00:00Z");
    assertThat(catchThrowable(() -> new LoyaltyEvent.ExpiryRun("x-1", "m-1", after)))
        .isInstanceOf(InvalidValueException.class);
    assertThat(catchThrowable(() -> new LedgerEntry.Adjusted("a-1", "m-1", Points.of(1), after,
        Provenance.manual("a-1", "goodwill"), Optional.empty()))).isInstanceOf(InvalidValueException.class);
    assertThat(catchThrowable(() -> new LedgerEntry.Adjusted("a-1", "m-1", Points.of(1), T0,
        Provenance.manual("a-1", "goodwill"), Optional.of(Instant.MAX)))).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void money_unitPrice1e30_throwsInvalidValueNamingTheBound() {
    // when
    InvalidValueException e = catchThrowableOfType(InvalidValueException.class, () -> Money.of("1e30", "TWD"));

    // then
    assertThat(e).isNotNull();
    assertThat(e.field()).isEqualTo("amount");
    assertThat(e.value()).isEqualTo("1000000000000000000000000000000.00");
    assertThat(e.expected()).isEqualTo("at most 9999999999999999.99 TWD either way (999999999999999999 minor units)");
  }

  @Test
  void orderLine_grossBeyondTheMoneyBound_throwsInvalidValueNotArithmetic() {
    // given: each value is within its bound, the product of quantity and price is not
    Money price = Money.of("9999999999999.99", "TWD");

    // when
    Throwable thrown = catchThrowable(() -> OrderLine.of("l-1", "sku-1", "tea", Integer.MAX_VALUE, price));

    // then
    assertThat(thrown).isExactlyInstanceOf(InvalidValueException.class);
    assertThat(((InvalidValueException) thrown).field()).isEqualTo("product");
  }

  @Test
  void money_decimalsOfAbsurdSizeOrScale_areRefusedQuickly() {
    // given: on main 1E+999999999 threw a raw ArithmeticException, the 100,000-digit one and
    // 1E-999999999 were still running after 5 s, and scale Integer.MAX_VALUE threw NegativeArraySizeException
    List<BigDecimal> absurd = List.of(new BigDecimal("1E+999999999"), new BigDecimal(BigInteger.TEN.pow(100_000), 100_000),
        new BigDecimal(BigInteger.ONE, Integer.MAX_VALUE), new BigDecimal("1E-999999999"));

    // then
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      for (BigDecimal amount : absurd) {
        assertThat(catchThrowable(() -> Money.of(amount, java.util.Currency.getInstance("TWD"))))
            .as(amount.toString().length() > 40 ? "a huge decimal" : amount.toString())
            .isInstanceOf(InvalidValueException.class);
        assertThat(catchThrowable(() -> Money.of("1", "TWD").multipliedBy(amount, RoundingMode.HALF_EVEN)))
            .isInstanceOf(InvalidValueException.class);
      }
    });
  }

  @Test
  void multipliedBy_roundingUnnecessaryButNeeded_throwsInvalidValueNotArithmetic() {
    // when
    InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
        () -> Money.of("1.00", "TWD").multipliedBy(new BigDecimal("0.333"), RoundingMode.UNNECESSARY));

    // then
    assertThat(e).isNotNull();
    assertThat(e.field()).isEqualTo("rounding");
    assertThat(e.value()).isEqualTo("UNNECESSARY");
  }

  @Test
  void tierWindowOfAbsurdLength_throwsInvalidValueInsteadOfDateTimeAtQualification() {
    // then: on main the tier was built and qualifyingTier threw a raw DateTimeException
    assertThat(catchThrowable(() -> Tier.of("gold", 1, Money.of("100", "TWD"), Period.ofYears(Integer.MAX_VALUE))))
        .isInstanceOf(InvalidValueException.class);
    TierLadder ladder = TierLadder.of(Tier.of("bronze", 0, Money.of("0", "TWD"), Period.ofMonths(12)),
        Tier.of("gold", 1, Money.of("100", "TWD"), Period.ofYears(100)));
    PointLedger ledger = PointLedger.empty("m-1", NegativeBalancePolicy.ALLOW_DEBT);
    assertThat(catchThrowable(() -> ladder.qualifyingTier(ledger, Instant.MAX, ZoneId.of("UTC"))))
        .isInstanceOf(InvalidValueException.class);
    assertThat(ladder.qualifyingTier(ledger, Limits.EARLIEST_INSTANT, ZoneId.of("Pacific/Chatham")).code())
        .isEqualTo("bronze");
  }

  @Test
  void tierLadderNeighbours_tierOfAnotherLadder_throwsInvalidValueNotIndexOutOfBounds() {
    // given
    TierLadder ladder = TierLadder.of(Tier.of("bronze", 0, Money.of("0", "TWD"), Period.ofMonths(12)));
    Tier foreign = Tier.of("diamond", 7, Money.of("100", "TWD"), Period.ofMonths(12));

    // then
    assertThat(catchThrowable(() -> ladder.below(foreign))).isInstanceOf(InvalidValueException.class);
    assertThat(catchThrowable(() -> ladder.above(Tier.of("x", Integer.MAX_VALUE, Money.of("1", "TWD"), Period.ofDays(1)))))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void campaignSchedule_datesOutsideTheRangeOrRepeated_typedOrAccepted() {
    // then: on main a range from LocalDate.MAX made canEverMatch() throw a raw DateTimeException, and a
    // repeated date in on(...) a raw IllegalArgumentException
    assertThat(catchThrowable(() -> CampaignSchedule.always().between(LocalDate.MAX, LocalDate.MAX)))
        .isInstanceOf(InvalidValueException.class);
    assertThat(catchThrowable(() -> CampaignSchedule.always().between(LocalDate.of(2026, 1, 1), LocalDate.MAX)))
        .isInstanceOf(InvalidValueException.class);
    assertThat(CampaignSchedule.on(LocalDate.of(2026, 11, 11), LocalDate.of(2026, 11, 11)).dates()).hasSize(1);
    assertThat(CampaignSchedule.always().between(LocalDate.of(9999, 1, 1), Limits.LATEST_DATE).canEverMatch()).isTrue();
  }

  @Test
  void invalidValue_megabyteValue_messageShowsOnlyAPrefixAndTheLength() {
    // given
    String huge = "9".repeat(1 << 20);

    // when
    InvalidValueException channel = catchThrowableOfType(InvalidValueException.class, () -> Channel.of(huge));
    InvalidValueException amount = catchThrowableOfType(InvalidValueException.class, () -> Money.of(huge, "TWD"));

    // then: on main both messages repeated the whole megabyte (and parsing it took seconds)
    assertThat(channel.value()).isEqualTo("9".repeat(100) + "…(1048576 characters)");
    assertThat(channel.getMessage()).hasSizeLessThan(400);
    assertThat(amount.field()).isEqualTo("amount");
    assertThat(amount.getMessage()).hasSizeLessThan(400);
  }

  private static Programme.Builder taipeiProgramme() {
    TierLadder ladder = TierLadder.of(Tier.of("member", 0, Money.of("0", "TWD"), Period.ofMonths(12)));
    return Programme.builder(java.util.Currency.getInstance("TWD"), ZoneId.of("Asia/Taipei"), ladder);
  }

  @Test
  void programmeBuilder_refusedSetting_leavesTheBuilderAsItWasSoItCanBeSetAgain() {
    // given
    Programme.Builder builder = taipeiProgramme();

    // when: a validity java.time could not add to an instant is refused
    InvalidValueException refused = catchThrowableOfType(InvalidValueException.class,
        () -> builder.pointsExpireAfter(Period.ofYears(Integer.MAX_VALUE), true));

    // then: the refusal names the field; the setting is still free, not "already set"
    assertThat(refused.field()).isEqualTo("pointsValidity");
    Programme programme = builder.pointsExpireAfter(Period.ofMonths(12), true).build();
    assertThat(programme.pointsValidity()).contains(Period.ofMonths(12));
  }

  @Test
  void programmeExpiry_pastTheInstantRange_isTypedNotDateTimeException() {
    // given: points earned in the last year of the range, valid for two years
    Programme programme = taipeiProgramme().pointsExpireAfter(Period.ofYears(2), false).build();
    Instant lateEarning = Instant.parse("9999-06-01T00:00:00Z");

    // when
    Throwable thrown = catchThrowable(() -> programme.expiryFor(lateEarning));

    // then
    assertThat(thrown).isExactlyInstanceOf(InvalidValueException.class);
    assertThat(((InvalidValueException) thrown).field()).isEqualTo("expiresAt");
    assertThat(programme.expiryFor(T0)).contains(Instant.parse("2028-06-01T00:00:00Z"));
  }

  @Test
  void duplicateEvent_megabyteReasons_messageShowsEachEntryCut() {
    // given: two entries under one key that differ in a megabyte reason
    String megabyte = "r".repeat(1 << 20);
    LedgerEntry.Adjusted stored = new LedgerEntry.Adjusted("k-1", "m-1", Points.of(5), T0,
        Provenance.manual("s-1", megabyte), Optional.empty());
    LedgerEntry.Adjusted offered = new LedgerEntry.Adjusted("k-1", "m-1", Points.of(6), T0,
        Provenance.manual("s-1", megabyte), Optional.empty());
    PointLedger ledger = PointLedger.empty("m-1", NegativeBalancePolicy.ALLOW_DEBT);
    ledger.append(stored);

    // when
    DuplicateEventException e = catchThrowableOfType(DuplicateEventException.class, () -> ledger.append(offered));

    // then: the entries are still there in full through the accessors, not in the message
    assertThat(e.getMessage()).hasSizeLessThan(2_500).contains("characters)");
    assertThat(e.attempted()).isEqualTo(offered);
    assertThat(ledger.size()).isEqualTo(1);
  }
}
