package org.loyaltyrules.loyalty.testkit;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.Month;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.ClawbackPlan;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.NegativeBalancePolicy;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.PointLot;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Provenance;

/**
 * jqwik generators for the loyalty domain, shared by loyalty-core, loyalty-rules and users' own
 * property tests (this class ships in loyalty-core's test-jar).
 *
 * <p>Every generated value is valid: it is built through the public constructors, so an arbitrary
 * never produces something the domain would reject. Amounts are kept within what real shops see
 * (unit prices up to one million, quantities up to 100) and include jqwik's edge cases (zero, the
 * smallest and largest amounts). Time starts at {@link #START} and never depends on the JVM's
 * default time zone or locale.
 *
 * <pre>{@code
 * @Property
 * void clawbackNeverExceedsEarned(@ForAll("histories") LedgerHistory history) {
 *   LedgerInvariants.check(history.replay());
 * }
 *
 * @Provide
 * Arbitrary<LedgerHistory> histories() {
 *   return LoyaltyArbitraries.ledgerHistories();
 * }
 * }</pre>
 *
 * <p>This class has only static methods and is thread-safe.
 */
public final class LoyaltyArbitraries {

  /** New Taiwan dollar: two ISO decimals, though shops price in whole dollars. */
  public static final Currency TWD = Currency.getInstance("TWD");

  /** Hong Kong dollar: two decimals. */
  public static final Currency HKD = Currency.getInstance("HKD");

  /** The instant generated times start from: 2024-01-01T00:00:00Z. */
  public static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  /** The member id of generated ledger histories. */
  public static final String MEMBER_ID = "member-1";

  /** The largest unit price generated, in minor units (1,000,000.00). */
  static final long MAX_UNIT_PRICE_MINOR = 100_000_000L;

  private static final int MAX_HISTORY_STEPS = 40;

  private LoyaltyArbitraries() {}

  // ------------------------------------------------------------------ money and points

  /**
   * @return TWD or HKD
   */
  public static Arbitrary<Currency> currencies() {
    return Arbitraries.of(TWD, HKD);
  }

  /**
   * Non-negative money in TWD or HKD, up to 1,000,000.00.
   *
   * @return the arbitrary
   */
  public static Arbitrary<Money> money() {
    return currencies().flatMap(LoyaltyArbitraries::money);
  }

  /**
   * Non-negative money in {@code currency}, up to 1,000,000.00.
   *
   * @param currency the currency
   * @return the arbitrary
   */
  public static Arbitrary<Money> money(Currency currency) {
    return money(currency, 0, MAX_UNIT_PRICE_MINOR);
  }

  /**
   * Money in {@code currency} between two amounts given in minor units (cents), inclusive.
   *
   * @param currency the currency
   * @param minMinor the smallest amount in minor units, may be negative
   * @param maxMinor the largest amount in minor units
   * @return the arbitrary
   */
  public static Arbitrary<Money> money(Currency currency, long minMinor, long maxMinor) {
    return Arbitraries.longs().between(minMinor, maxMinor).map(minor -> ofMinor(minor, currency));
  }

  /**
   * Money in {@code currency} between -1,000,000.00 and 1,000,000.00: for laws of arithmetic.
   *
   * @param currency the currency
   * @return the arbitrary
   */
  public static Arbitrary<Money> signedMoney(Currency currency) {
    return money(currency, -MAX_UNIT_PRICE_MINOR, MAX_UNIT_PRICE_MINOR);
  }

  /**
   * Converts minor units to money, exactly.
   *
   * @param minor the amount in minor units
   * @param currency the currency
   * @return the money
   */
  public static Money ofMinor(long minor, Currency currency) {
    return Money.of(BigDecimal.valueOf(minor, currency.getDefaultFractionDigits()), currency);
  }

  /**
   * Points from 0 to 1,000,000.
   *
   * @return the arbitrary
   */
  public static Arbitrary<Points> points() {
    return Arbitraries.longs().between(0, 1_000_000).map(Points::of);
  }

  /**
   * Points from -1,000,000 to 1,000,000.
   *
   * @return the arbitrary
   */
  public static Arbitrary<Points> signedPoints() {
    return Arbitraries.longs().between(-1_000_000, 1_000_000).map(Points::of);
  }

  // ------------------------------------------------------------------ identities and time

  /**
   * Instants from {@link #START} to about ten years later, with millisecond precision.
   *
   * @return the arbitrary
   */
  public static Arbitrary<Instant> instants() {
    long tenYears = Duration.ofDays(3653).toMillis();
    return Arbitraries.longs().between(0, tenYears).map(START::plusMillis);
  }

  /**
   * Identifiers such as {@code ord-7Kq2}: the prefix, a dash and one to eight letters or digits.
   *
   * @param prefix the prefix
   * @return the arbitrary
   */
  public static Arbitrary<String> ids(String prefix) {
    return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(8).map(s -> prefix + "-" + s);
  }

  /**
   * Provenance with a source event, a rule name, a rule-base version and a reason.
   *
   * @return the arbitrary
   */
  public static Arbitrary<Provenance> provenances() {
    return Combinators.combine(
            ids("evt"),
            Arbitraries.of("earning: base rate", "earning: double points day", "welcome: bonus", "manual"),
            Arbitraries.of("rb-1", "rb-2", "manual"),
            Arbitraries.of("1,499 TWD x 1 point per 100 TWD", "goodwill", "refund of order"))
        .as(Provenance::new);
  }

  /**
   * @return both negative-balance policies
   */
  public static Arbitrary<NegativeBalancePolicy> policies() {
    return Arbitraries.of(NegativeBalancePolicy.class);
  }

  // ------------------------------------------------------------------ members and orders

  /**
   * Members with an optional birthday (February 29 included), an optional referrer and a few tags.
   *
   * @return the arbitrary
   */
  public static Arbitrary<Member> members() {
    Arbitrary<Optional<MonthDay>> birthdays = monthDays().optional(0.7);
    Arbitrary<Optional<String>> referrers = ids("ref").optional(0.3);
    Arbitrary<Set<String>> tags = Arbitraries.of("vip", "staff", "b2b", "newsletter").set().ofMaxSize(3);
    return Combinators.combine(
            ids("mem"),
            instants(),
            Arbitraries.of("basic", "silver", "gold"),
            birthdays,
            referrers,
            tags)
        .as(Member::new);
  }

  /**
   * Every month-day of a leap year, February 29 included.
   *
   * @return the arbitrary
   */
  public static Arbitrary<MonthDay> monthDays() {
    return Arbitraries.of(Month.values())
        .flatMap(month -> Arbitraries.integers().between(1, month.maxLength()).map(day -> MonthDay.of(month, day)));
  }

  /**
   * Order lines in {@code currency} with the given id: quantity 1 to 100, unit price up to
   * 1,000,000.00 and a line discount between zero and the line's gross (both included as edge
   * cases).
   *
   * @param currency the currency
   * @param lineId the line id
   * @return the arbitrary
   */
  public static Arbitrary<OrderLine> orderLines(Currency currency, String lineId) {
    return lineSpecs().map(spec -> spec.toLine(lineId, currency));
  }

  /**
   * One to {@code maxLines} order lines in {@code currency} with distinct, randomly named line ids.
   *
   * @param currency the currency
   * @param maxLines the most lines, ≥ 1
   * @return the arbitrary
   */
  public static Arbitrary<List<OrderLine>> orderLineLists(Currency currency, int maxLines) {
    Arbitrary<List<String>> ids = Arbitraries.strings()
        .alpha()
        .numeric()
        .ofMinLength(1)
        .ofMaxLength(4)
        .map(s -> "line-" + s)
        .list()
        .ofSize(maxLines)
        .uniqueElements();
    Arbitrary<List<LineSpec>> specs = lineSpecs().list().ofMinSize(1).ofMaxSize(maxLines);
    return Combinators.combine(ids, specs)
        .as(
            (lineIds, lineSpecs) -> {
              List<OrderLine> lines = new ArrayList<>();
              for (int i = 0; i < lineSpecs.size(); i++) {
                lines.add(lineSpecs.get(i).toLine(lineIds.get(i), currency));
              }
              return lines;
            });
  }

  /** A line without its id and currency; the discount is a share of the gross in permille. */
  private record LineSpec(String sku, String category, int quantity, long unitPriceMinor, int discountPermille) {
    OrderLine toLine(String lineId, Currency currency) {
      long gross = unitPriceMinor * quantity;
      long discount = gross / 1000 * discountPermille + gross % 1000 * discountPermille / 1000;
      return new OrderLine(lineId, sku, category, quantity, ofMinor(unitPriceMinor, currency), ofMinor(discount, currency));
    }
  }

  private static Arbitrary<LineSpec> lineSpecs() {
    return Combinators.combine(
            ids("sku"),
            Arbitraries.of("shoes", "bags", "food", "gift-card"),
            Arbitraries.integers().between(1, 100),
            Arbitraries.longs().between(0, MAX_UNIT_PRICE_MINOR),
            Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(0)), Tuple.of(6, Arbitraries.integers().between(0, 1000)), Tuple.of(1, Arbitraries.just(1000))))
        .as(LineSpec::new);
  }

  /**
   * Orders in TWD or HKD.
   *
   * @return the arbitrary
   */
  public static Arbitrary<Order> orders() {
    return Combinators.combine(currencies(), orderParts()).as((currency, parts) -> parts.toOrder(currency));
  }

  /**
   * Orders in {@code currency}: one to six lines, an order discount between zero and the subtotal
   * (both bounds included as edge cases) and shipping up to 500.00.
   *
   * @param currency the currency
   * @return the arbitrary
   */
  public static Arbitrary<Order> orders(Currency currency) {
    return orderParts().map(parts -> parts.toOrder(currency));
  }

  /** An order without its currency; the order discount is a share of the subtotal in parts per million. */
  private record OrderParts(
      String id, String memberId, Instant paidAt, Channel channel, List<String> lineIds, List<LineSpec> lines,
      long discountPpm, long shippingMinor) {
    Order toOrder(Currency currency) {
      List<OrderLine> orderLines = new ArrayList<>();
      long subtotal = 0;
      for (int i = 0; i < lines.size(); i++) {
        OrderLine line = lines.get(i).toLine(lineIds.get(i), currency);
        orderLines.add(line);
        subtotal += line.net().minorUnits();
      }
      long discount = java.math.BigInteger.valueOf(subtotal)
          .multiply(java.math.BigInteger.valueOf(discountPpm))
          .divide(java.math.BigInteger.valueOf(1_000_000))
          .longValueExact();
      return new Order(id, memberId, paidAt, channel, currency, orderLines, ofMinor(discount, currency),
          ofMinor(shippingMinor, currency));
    }
  }

  private static Arbitrary<OrderParts> orderParts() {
    Arbitrary<Channel> channels =
        Arbitraries.of(Channel.ONLINE_STORE, Channel.POS, Channel.SOCIAL, Channel.APP, Channel.of("line-shop"));
    Arbitrary<List<String>> lineIds = Arbitraries.strings()
        .alpha()
        .numeric()
        .ofMinLength(1)
        .ofMaxLength(3)
        .map(s -> "line-" + s)
        .list()
        .ofSize(6)
        .uniqueElements();
    Arbitrary<Long> discounts = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(0L)),
        Tuple.of(6, Arbitraries.longs().between(0, 1_000_000)),
        Tuple.of(1, Arbitraries.just(1_000_000L)));
    return Combinators.combine(
            ids("ord"),
            ids("mem"),
            instants(),
            channels,
            lineIds,
            lineSpecs().list().ofMinSize(1).ofMaxSize(6),
            discounts,
            Arbitraries.longs().between(0, 50_000))
        .as(OrderParts::new);
  }

  // ------------------------------------------------------------------ ledger histories

  /**
   * Ledger histories under either policy, in TWD or HKD, of up to 40 steps.
   *
   * @return the arbitrary
   * @see #ledgerEntries(String, NegativeBalancePolicy, Currency, int)
   */
  public static Arbitrary<LedgerHistory> ledgerHistories() {
    return Combinators.combine(policies(), currencies())
        .flatAs((policy, currency) -> ledgerHistories(policy, currency, MAX_HISTORY_STEPS));
  }

  /**
   * Ledger histories of {@link #MEMBER_ID} under {@code policy}.
   *
   * @param policy the negative-balance policy
   * @param currency the spend currency
   * @param maxSteps the most generation steps (a step yields zero or more entries)
   * @return the arbitrary
   */
  public static Arbitrary<LedgerHistory> ledgerHistories(
      NegativeBalancePolicy policy, Currency currency, int maxSteps) {
    return ledgerEntries(MEMBER_ID, policy, currency, maxSteps)
        .map(entries -> new LedgerHistory(MEMBER_ID, policy, currency, entries));
  }

  /**
   * Sequences of entries that {@code PointLedger.empty(memberId, policy)} accepts in order: earnings
   * (some held pending, some expiring, some split into order lines, some arriving late), early
   * releases, redemptions, expiry runs, full and partial clawbacks (per line where the earning had
   * lines), redemption cancellations, manual adjustments up and down, and redeliveries of earlier
   * entries. Under {@link NegativeBalancePolicy#ALLOW_DEBT} clawbacks and negative adjustments may
   * drive the member into debt.
   *
   * <p>Each step draws its choices (which lot, how much) as numbers and resolves them against the
   * ledger built so far, so the sequences shrink well: removing a step keeps the rest valid.
   *
   * @param memberId the member
   * @param policy the negative-balance policy
   * @param currency the spend currency
   * @param maxSteps the most generation steps
   * @return the arbitrary
   */
  public static Arbitrary<List<LedgerEntry>> ledgerEntries(
      String memberId, NegativeBalancePolicy policy, Currency currency, int maxSteps) {
    return steps()
        .list()
        .ofMaxSize(maxSteps)
        .map(steps -> new HistoryBuilder(memberId, policy, currency).build(steps));
  }

  private sealed interface Step {}

  private record Advance(long minutes) implements Step {}

  private record Earn(
      long points, long spendMinor, List<Integer> lineQuantities, int source, long pendingHours, long expiryHours,
      long backdateHours)
      implements Step {}

  private record Release(int choice) implements Step {}

  private record Redeem(int choice, boolean all) implements Step {}

  private record Expire() implements Step {}

  private record Clawback(int choice, int percent) implements Step {}

  private record Cancel(int choice, int percent) implements Step {}

  private record Adjust(long points, long expiryHours) implements Step {}

  private record Redeliver(int choice) implements Step {}

  private static Arbitrary<Step> steps() {
    Arbitrary<Integer> choices = Arbitraries.integers().between(0, 1000);
    Arbitrary<Integer> percents = Arbitraries.integers().between(1, 100);
    Arbitrary<Step> advance = Arbitraries.longs().between(1, 60L * 24 * 45).map(Advance::new);
    Arbitrary<Step> earn =
        Combinators.combine(
                Arbitraries.longs().between(0, 2_000),
                Arbitraries.longs().between(0, 500_000),
                Arbitraries.integers().between(1, 5).list().ofMaxSize(3),
                Arbitraries.integers().between(0, 3),
                Arbitraries.longs().between(-1, 24 * 14),
                Arbitraries.longs().between(0, 24 * 60),
                Arbitraries.frequency(
                    Tuple.of(8, 0L), Tuple.of(1, 24L), Tuple.of(1, 24L * 30)))
            .as(Earn::new);
    Arbitrary<Step> release = choices.map(Release::new);
    Arbitrary<Step> redeem = Combinators.combine(choices, Arbitraries.of(false, false, false, true)).as(Redeem::new);
    Arbitrary<Step> expire = Arbitraries.just(new Expire());
    Arbitrary<Step> clawback = Combinators.combine(choices, percents).as(Clawback::new);
    Arbitrary<Step> cancel = Combinators.combine(choices, percents).as(Cancel::new);
    Arbitrary<Step> adjust =
        Combinators.combine(
                Arbitraries.longs().between(-1_500, 1_500).filter(p -> p != 0), Arbitraries.longs().between(0, 24 * 30))
            .as(Adjust::new);
    Arbitrary<Step> redeliver = choices.map(Redeliver::new);
    return Arbitraries.frequencyOf(
        Tuple.of(3, advance),
        Tuple.of(6, earn),
        Tuple.of(1, release),
        Tuple.of(4, redeem),
        Tuple.of(2, expire),
        Tuple.of(3, clawback),
        Tuple.of(1, cancel),
        Tuple.of(2, adjust),
        Tuple.of(1, redeliver));
  }

  /** Turns steps into valid entries by resolving each step's choices against a scratch ledger. */
  private static final class HistoryBuilder {
    private final String memberId;
    private final NegativeBalancePolicy policy;
    private final Currency currency;
    private final PointLedger ledger;
    private final List<LedgerEntry> out = new ArrayList<>();
    private final Map<String, Long> cancelled = new HashMap<>();
    private final Map<String, Long> spendReversed = new HashMap<>();
    private Instant now = START;
    private int step;

    HistoryBuilder(String memberId, NegativeBalancePolicy policy, Currency currency) {
      this.memberId = memberId;
      this.policy = policy;
      this.currency = currency;
      this.ledger = PointLedger.empty(memberId, policy);
    }

    List<LedgerEntry> build(List<Step> steps) {
      for (Step s : steps) {
        step++;
        now = now.plusSeconds(60);
        if (s instanceof Advance advance) {
          now = now.plus(Duration.ofMinutes(advance.minutes()));
        } else if (s instanceof Earn earn) {
          earn(earn);
        } else if (s instanceof Release release) {
          release(release);
        } else if (s instanceof Redeem redeem) {
          redeem(redeem);
        } else if (s instanceof Expire) {
          expire();
        } else if (s instanceof Clawback clawback) {
          clawback(clawback);
        } else if (s instanceof Cancel cancel) {
          cancel(cancel);
        } else if (s instanceof Adjust adjust) {
          adjust(adjust);
        } else if (s instanceof Redeliver redeliver) {
          if (!out.isEmpty()) {
            add(out.get(redeliver.choice() % out.size()));
          }
        }
      }
      return out;
    }

    private void add(LedgerEntry entry) {
      ledger.append(entry);
      out.add(entry);
    }

    private Provenance provenance(String source, String rule, String reason) {
      return new Provenance(source, rule, "rb-1", reason);
    }

    private void earn(Earn e) {
      Instant at = now.minus(Duration.ofHours(e.backdateHours()));
      Optional<Instant> expiresAt =
          e.expiryHours() > 0 ? Optional.of(at.plus(Duration.ofHours(e.expiryHours()))) : Optional.empty();
      Optional<Instant> pendingUntil =
          e.pendingHours() >= 0 ? Optional.of(at.plus(Duration.ofHours(e.pendingHours()))) : Optional.empty();
      if (expiresAt.isPresent() && pendingUntil.isPresent() && !pendingUntil.get().isBefore(expiresAt.get())) {
        pendingUntil = Optional.empty();
      }
      List<LineShare> lines = new ArrayList<>();
      int totalQuantity = e.lineQuantities().stream().mapToInt(Integer::intValue).sum();
      long pointsLeft = e.points();
      long spendLeft = e.spendMinor();
      for (int i = 0; i < e.lineQuantities().size(); i++) {
        int quantity = e.lineQuantities().get(i);
        boolean last = i == e.lineQuantities().size() - 1;
        long linePoints = last ? pointsLeft : e.points() * quantity / totalQuantity;
        long lineSpend = last ? spendLeft : e.spendMinor() * quantity / totalQuantity;
        pointsLeft -= linePoints;
        spendLeft -= lineSpend;
        lines.add(new LineShare("line-" + (i + 1), quantity, Points.of(linePoints), ofMinor(lineSpend, currency)));
      }
      String source = "order-" + e.source();
      add(new LedgerEntry.Earned(
          "earn-" + step,
          memberId,
          Points.of(e.points()),
          at,
          provenance(source, "earning: base rate", "spend of order " + source),
          ofMinor(e.spendMinor(), currency),
          lines,
          pendingUntil,
          expiresAt));
    }

    private void release(Release r) {
      List<PointLot> held = new ArrayList<>();
      for (PointLot lot : ledger.lots()) {
        if (lot.pendingUntil().isPresent() && lot.releasedAt().isEmpty()) {
          held.add(lot);
        }
      }
      if (!held.isEmpty()) {
        PointLot lot = held.get(r.choice() % held.size());
        add(new LedgerEntry.Released(
            "release-" + step, memberId, now, provenance("return-window-" + step, "release: window closed", "window closed"),
            lot.key()));
      }
    }

    private void redeem(Redeem r) {
      long available = ledger.available(now).value();
      if (available > 0) {
        long amount = r.all() ? available : 1 + r.choice() % available;
        add(new LedgerEntry.Redeemed(
            "redeem-" + step, memberId, Points.of(-amount), now,
            provenance("checkout-" + step, "redemption: cash value", "points at checkout"),
            ofMinor(amount, currency)));
      }
    }

    private void expire() {
      for (PointLot lot : ledger.lotsDueToExpire(now)) {
        add(new LedgerEntry.Expired(
            "expire-" + lot.key() + "@" + now, memberId, lot.remaining().negated(), now,
            provenance("expiry-run-" + now, "expiry: lot reached its expiry", "unused points expired"), lot.key()));
      }
    }

    private void clawback(Clawback c) {
      List<LedgerEntry.Earned> candidates = new ArrayList<>();
      for (LedgerEntry entry : ledger.entries()) {
        if (entry instanceof LedgerEntry.Earned earned
            && (ledger.reversedPoints(earned.key()).compareTo(earned.points()) < 0
                || spendReversed.getOrDefault(earned.key(), 0L) < earned.spend().minorUnits())) {
          candidates.add(earned);
        }
      }
      if (candidates.isEmpty()) {
        return;
      }
      LedgerEntry.Earned earned = candidates.get(c.choice() % candidates.size());
      boolean full = c.percent() == 100;
      List<LineShare> shares = new ArrayList<>();
      long points = 0;
      long spend = 0;
      if (earned.lines().isEmpty()) {
        long pointsLeft = earned.points().value() - ledger.reversedPoints(earned.key()).value();
        long spendLeft = earned.spend().minorUnits() - spendReversed.getOrDefault(earned.key(), 0L);
        points = full ? pointsLeft : pointsLeft * c.percent() / 100;
        spend = full ? spendLeft : spendLeft * c.percent() / 100;
      } else {
        Map<String, LineShare> reversed = ledger.reversedLines(earned.key());
        int fallback = -1;
        for (int i = 0; i < earned.lines().size(); i++) {
          LineShare line = earned.lines().get(i);
          LineShare done = reversed.get(line.lineId());
          int quantityLeft = line.quantity() - (done == null ? 0 : done.quantity());
          int quantity = full ? quantityLeft : quantityLeft * c.percent() / 100;
          if (quantityLeft > 0 && fallback < 0) {
            fallback = i;
          }
          if (quantity > 0) {
            shares.add(lineShare(line, done, quantity));
          }
        }
        if (shares.isEmpty() && fallback >= 0) {
          LineShare line = earned.lines().get(fallback);
          shares.add(lineShare(line, reversed.get(line.lineId()), 1));
        }
        if (shares.isEmpty()) {
          return;
        }
        for (LineShare share : shares) {
          points += share.points().value();
          spend += share.spend().minorUnits();
        }
      }
      ClawbackPlan plan = ledger.planClawback(earned.key(), Points.of(points), now);
      spendReversed.merge(earned.key(), spend, Long::sum);
      add(new LedgerEntry.ClawedBack(
          "clawback-" + step, memberId, plan.collected().negated(), now,
          provenance("return-" + step, "clawback: original award", "order returned"),
          earned.key(), plan.uncollected(), ofMinor(spend, currency), shares));
    }

    /** The share of {@code quantity} more units of {@code line}: proportional, or all that is left. */
    private LineShare lineShare(LineShare line, LineShare done, int quantity) {
      int quantityLeft = line.quantity() - (done == null ? 0 : done.quantity());
      long pointsLeft = line.points().value() - (done == null ? 0 : done.points().value());
      long spendLeft = line.spend().minorUnits() - (done == null ? 0 : done.spend().minorUnits());
      long points = quantity == quantityLeft ? pointsLeft : pointsLeft * quantity / quantityLeft;
      long spend = quantity == quantityLeft ? spendLeft : spendLeft * quantity / quantityLeft;
      return new LineShare(line.lineId(), quantity, Points.of(points), ofMinor(spend, currency));
    }

    private void cancel(Cancel c) {
      List<LedgerEntry.Redeemed> candidates = new ArrayList<>();
      for (LedgerEntry entry : ledger.entries()) {
        if (entry instanceof LedgerEntry.Redeemed redeemed && restorable(redeemed) > 0) {
          candidates.add(redeemed);
        }
      }
      if (candidates.isEmpty()) {
        return;
      }
      LedgerEntry.Redeemed redeemed = candidates.get(c.choice() % candidates.size());
      long amount = Math.max(1, restorable(redeemed) * c.percent() / 100);
      cancelled.merge(redeemed.key(), amount, Long::sum);
      add(new LedgerEntry.RedemptionCancelled(
          "cancel-" + step, memberId, Points.of(amount), now,
          provenance("void-" + step, "redemption: cancelled", "order voided"), redeemed.key()));
    }

    private long restorable(LedgerEntry.Redeemed redeemed) {
      return -redeemed.points().value() - cancelled.getOrDefault(redeemed.key(), 0L);
    }

    private void adjust(Adjust a) {
      long points = a.points();
      Optional<Instant> expiresAt = Optional.empty();
      if (points > 0 && a.expiryHours() > 0) {
        expiresAt = Optional.of(now.plus(Duration.ofHours(a.expiryHours())));
      }
      if (points < 0 && policy == NegativeBalancePolicy.CAP_AT_ZERO) {
        long deductible = 0;
        for (PointLot lot : ledger.lots()) {
          if (!lot.isExpiredAt(now)) {
            deductible += lot.remaining().value();
          }
        }
        if (deductible == 0) {
          return;
        }
        points = -Math.min(-points, deductible);
      }
      add(new LedgerEntry.Adjusted(
          "adjust-" + step, memberId, Points.of(points), now,
          Provenance.manual("ticket-" + step, points > 0 ? "goodwill credit" : "fraud debit"), expiresAt));
    }
  }
}
