package org.loyaltyrules.loyalty.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.LedgerCheckpoint;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.PointLot;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.RedemptionLimit;
import org.loyaltyrules.loyalty.RedemptionPolicy;
import org.loyaltyrules.loyalty.RedemptionQuote;
import org.loyaltyrules.loyalty.RedemptionQuotes;
import org.loyaltyrules.loyalty.Tier;
import org.loyaltyrules.loyalty.TierLadder;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.Provenance;
import org.loyaltyrules.loyalty.TierChange;
import org.loyaltyrules.loyalty.testkit.LedgerHistory;
import org.loyaltyrules.loyalty.testkit.LoyaltyArbitraries;

/**
 * For every type with a canonical form, {@code read(write(x)).equals(x)} and writing the value read
 * back gives the same text; the host's plain mapper with the module writes the same text; and entries
 * read back from JSON are harmless duplicates in the ledger they came from. Values come from
 * loyalty-core's {@link LoyaltyArbitraries}, plus free text (any Unicode) where the domain takes text.
 */
class LoyaltyJsonProperties {
  private static final ObjectMapper PLAIN = new ObjectMapper().registerModule(new LoyaltyJsonModule());

  @Property
  void pointsRoundTrip(@ForAll long value) {
    roundTrips(Points.of(value), Points.class);
  }

  @Property
  void moneyRoundTrips(@ForAll("money") Money money) {
    roundTrips(money, Money.class);
  }

  @Property
  void provenanceRoundTrips(@ForAll("provenances") Provenance provenance) {
    roundTrips(provenance, Provenance.class);
  }

  /** Issue 14: an expiring-soon answer, from a random ledger's lots, round-trips with its batches. */
  @Property(tries = 200)
  void expiringPointsRoundTrip(@ForAll("histories") LedgerHistory history, @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 800) int windowDays) {
    org.loyaltyrules.loyalty.PointLedger ledger = history.replay();
    java.time.Instant asOf = org.loyaltyrules.loyalty.testkit.LoyaltyArbitraries.START;
    org.loyaltyrules.loyalty.ExpiringPoints soon = ledger.expiringSoon(asOf, asOf.plus(java.time.Duration.ofDays(windowDays)));
    roundTrips(soon, org.loyaltyrules.loyalty.ExpiringPoints.class);
    for (org.loyaltyrules.loyalty.ExpiringPoints.Batch batch : soon.batches()) {
      roundTrips(batch, org.loyaltyrules.loyalty.ExpiringPoints.Batch.class);
    }
  }

  @Property
  void memberRoundTrips(@ForAll("members") Member member) {
    roundTrips(member, Member.class);
  }

  @Property(tries = 300)
  void orderAndItsLinesRoundTrip(@ForAll("orders") Order order) {
    roundTrips(order, Order.class);
    for (OrderLine line : order.lines()) {
      roundTrips(line, OrderLine.class);
    }
  }

  @Property(tries = 200)
  void everyEntryKindAndLineShareRoundTrips(@ForAll("histories") LedgerHistory history) {
    for (LedgerEntry entry : history.entries()) {
      roundTrips(entry, LedgerEntry.class);
      roundTrips(entry, entry.getClass());
      if (entry instanceof LedgerEntry.Earned earned) {
        earned.lines().forEach(share -> roundTrips(share, LineShare.class));
      }
    }
  }

  @Property(tries = 200)
  void everyStoreCreditEntryKindRoundTrips(@ForAll("creditEntries") LedgerEntry entry) {
    roundTrips(entry, LedgerEntry.class);
    roundTrips(entry, entry.getClass());
  }

  @Provide
  Arbitrary<LedgerEntry> creditEntries() {
    Arbitrary<Money> positive = LoyaltyArbitraries.currencies().flatMap(c -> LoyaltyArbitraries.money(c, 1, 1_000_000_000L));
    Arbitrary<java.time.Instant> instants = LoyaltyArbitraries.instants();
    Arbitrary<String> keys = LoyaltyArbitraries.ids("k");
    return Combinators.combine(keys, positive, instants, provenances(), Arbitraries.integers().between(0, 4),
            Arbitraries.integers().between(0, 100))
        .as((key, money, at, provenance, kind, percent) -> {
          Money part = money.multipliedBy(java.math.BigDecimal.valueOf(percent, 2), java.math.RoundingMode.DOWN);
          return switch (kind) {
            case 0 -> new LedgerEntry.CreditGranted(key, "m-1", money, at, provenance,
                percent % 2 == 0 ? Optional.empty() : Optional.of(at.plusSeconds(1 + percent)));
            case 1 -> new LedgerEntry.CreditSpent(key, "m-1", money.negated(), at, provenance);
            case 2 -> new LedgerEntry.CreditSpendCancelled(key, "m-1", money, at, provenance, "credit-spend:" + key);
            case 3 -> new LedgerEntry.CreditExpired(key, "m-1", money.negated(), at, provenance, "lot-" + key);
            default -> new LedgerEntry.CreditClawedBack(key, "m-1", money.minus(part).negated(), at, provenance,
                "grant-" + key, part);
          };
        });
  }

  @Property(tries = 200)
  void decisionRoundTrips(@ForAll("decisions") Decision decision) {
    roundTrips(decision, Decision.class);
    decision.tierChange().ifPresent(change -> roundTrips(change, TierChange.class));
  }

  @Property(tries = 300)
  void everyEventKindRoundTrips(@ForAll("events") LoyaltyEvent event) {
    roundTrips(event, LoyaltyEvent.class);
    roundTrips(event, event.getClass());
    if (event instanceof LoyaltyEvent.OrderReturned returned) {
      returned.lines().forEach(line -> roundTrips(line, LoyaltyEvent.ReturnedLine.class));
    }
  }

  @Property(tries = 200)
  void plainMapperWithTheModuleWritesTheFacadesText(@ForAll("decisions") Decision decision) throws Exception {
    // when
    String plain = PLAIN.writeValueAsString(decision);

    // then
    assertThat(plain).isEqualTo(LoyaltyJson.write(decision));
    assertThat(PLAIN.readValue(plain, Decision.class)).isEqualTo(decision);
  }

  @Property(tries = 200)
  void entriesReadBackAreHarmlessDuplicatesInTheirLedger(@ForAll("histories") LedgerHistory history) {
    // given
    PointLedger ledger = history.replay();
    List<LedgerEntry> before = ledger.entries();
    Points balance = ledger.balance();
    List<LedgerEntry> readBack = new ArrayList<>();
    for (LedgerEntry entry : history.entries()) {
      readBack.add(LoyaltyJson.readEntry(LoyaltyJson.write(entry)));
    }

    // when
    List<PointLedger.AppendResult> results = ledger.appendAll(readBack);

    // then
    assertThat(results).hasSize(readBack.size()).allMatch(r -> r == PointLedger.AppendResult.DUPLICATE);
    assertThat(ledger.entries()).isEqualTo(before);
    assertThat(ledger.balance()).isEqualTo(balance);
  }

  @Property(tries = 200)
  void checkpointAndItsPartsRoundTripAndRebuildTheSameLedger(@ForAll("histories") LedgerHistory history,
      @ForAll @IntRange(min = 0, max = 100) int horizonPercent) {
    // given: a checkpoint of the whole history with a horizon somewhere inside it
    PointLedger ledger = history.replay();
    java.time.Instant start = LoyaltyArbitraries.START.minus(java.time.Duration.ofDays(60));
    java.time.Instant end = history.end();
    java.time.Instant horizon = start.plusSeconds(java.time.Duration.between(start, end).getSeconds() * horizonPercent / 100);
    LedgerCheckpoint checkpoint = ledger.checkpoint(end, horizon);

    // when
    LedgerCheckpoint back = LoyaltyJson.read(LoyaltyJson.write(checkpoint), LedgerCheckpoint.class);

    // then
    roundTrips(checkpoint, LedgerCheckpoint.class);
    for (LedgerCheckpoint.LotState lot : checkpoint.lots()) {
      roundTrips(lot, LedgerCheckpoint.LotState.class);
      roundTrips(lot.lot(), PointLot.class);
    }
    for (LedgerCheckpoint.RedemptionState redemption : checkpoint.redemptions()) {
      roundTrips(redemption, LedgerCheckpoint.RedemptionState.class);
      redemption.parts().forEach(part -> roundTrips(part, LedgerCheckpoint.Part.class));
    }
    assertThat(PointLedger.fromCheckpoint(back, List.of()).checkpoint(end, horizon)).isEqualTo(checkpoint);
  }

  /** read(write(x)) equals x, and writing it again gives the same bytes. */
  static void roundTrips(Object value, Class<?> type) {
    String json = LoyaltyJson.write(value);
    Object back = LoyaltyJson.read(json, type);
    assertThat(back).isEqualTo(value);
    assertThat(LoyaltyJson.write(back)).isEqualTo(json);
  }

  // ------------------------------------------------------------------ arbitraries

  @Provide
  Arbitrary<Money> money() {
    return LoyaltyArbitraries.currencies().flatMap(c -> Arbitraries.oneOf(LoyaltyArbitraries.signedMoney(c),
        LoyaltyArbitraries.money(c, -Money.maximum(c).movePointRight(2).longValueExact(),
            Money.maximum(c).movePointRight(2).longValueExact())));
  }

  /** Non-blank free text: any Unicode, quotes, backslashes and control characters included. */
  static Arbitrary<String> texts() {
    return Arbitraries.oneOf(Arbitraries.strings().ofMinLength(1).ofMaxLength(40),
        Arbitraries.strings().withChars("\"\\/\u0000\u001f\n\t漢字é€").ofMinLength(1).ofMaxLength(10))
        .filter(s -> !s.isBlank());
  }

  @Provide
  Arbitrary<Provenance> provenances() {
    return Arbitraries.oneOf(LoyaltyArbitraries.provenances(),
        Combinators.combine(texts(), texts(), texts(), texts()).as(Provenance::new));
  }

  @Provide
  Arbitrary<Member> members() {
    return LoyaltyArbitraries.members();
  }

  @Provide
  Arbitrary<Order> orders() {
    // Store and payment method are optional: absent, one, or both (issue 14, item 8).
    return Combinators.combine(LoyaltyArbitraries.orders(), Arbitraries.of("taipei-101", "xinyi-a11").optional(0.5),
        Arbitraries.of("line-pay", "cathay-card").optional(0.5)).as((order, store, payment) -> {
          Order withStore = store.map(order::atStore).orElse(order);
          return payment.map(withStore::paidWith).orElse(withStore);
        });
  }

  @Provide
  Arbitrary<LedgerHistory> histories() {
    return LoyaltyArbitraries.ledgerHistories();
  }

  @Provide
  Arbitrary<Decision> decisions() {
    Arbitrary<Optional<TierChange>> changes = Combinators.combine(LoyaltyArbitraries.instants(), texts(), texts())
        .as((at, rule, reason) -> new TierChange(LoyaltyArbitraries.MEMBER_ID, "silver", "gold", at, rule, reason))
        .optional(0.3);
    return Combinators.combine(LoyaltyArbitraries.ids("evt"), texts(), histories(), changes, texts().list().ofMaxSize(4),
            texts().list().ofMaxSize(3))
        .as((eventId, version, history, change, fired, notices) ->
            new Decision(eventId, version, history.entries(), change, fired, notices));
  }

  @Provide
  Arbitrary<LoyaltyEvent> events() {
    Arbitrary<String> members = LoyaltyArbitraries.ids("mem");
    Arbitrary<java.time.Instant> instants = LoyaltyArbitraries.instants();
    return Arbitraries.oneOf(
        Combinators.combine(LoyaltyArbitraries.ids("enr"), members, instants).as(LoyaltyEvent.MemberEnrolled::new),
        LoyaltyArbitraries.orders().map(LoyaltyEvent.OrderPaid::new),
        Combinators.combine(LoyaltyArbitraries.ids("ret"), LoyaltyArbitraries.orders(), Arbitraries.integers().between(0, 100))
            .as((id, order, pick) -> {
              List<LoyaltyEvent.ReturnedLine> lines = new ArrayList<>();
              for (OrderLine line : order.lines()) {
                if ((pick + lines.size()) % 2 == 0 || lines.isEmpty()) {
                  lines.add(new LoyaltyEvent.ReturnedLine(line.lineId(), 1 + pick % line.quantity()));
                }
              }
              // A whole return (no lines) a third of the time.
              return pick % 3 == 0 ? LoyaltyEvent.OrderReturned.whole(id, order, order.paidAt().plusSeconds(pick))
                  : LoyaltyEvent.OrderReturned.of(id, order, lines, order.paidAt().plusSeconds(pick));
            }),
        Combinators.combine(LoyaltyArbitraries.ids("red"), members, LoyaltyArbitraries.points().filter(Points::isPositive),
            instants).as(LoyaltyEvent.PointsRedeemed::new),
        Combinators.combine(LoyaltyArbitraries.ids("can"), members, LoyaltyArbitraries.ids("red"), instants)
            .as(LoyaltyEvent.RedemptionCancelled::new),
        Combinators.combine(LoyaltyArbitraries.ids("rel"), members, LoyaltyArbitraries.ids("ord"), instants)
            .as(LoyaltyEvent.PendingReleased::new),
        Combinators.combine(LoyaltyArbitraries.ids("exp"), members, instants).as(LoyaltyEvent.ExpiryRun::new),
        Combinators.combine(LoyaltyArbitraries.ids("rev"), members, instants).as(LoyaltyEvent.TierReview::new),
        Combinators.combine(LoyaltyArbitraries.ids("red"), LoyaltyArbitraries.orders(),
            LoyaltyArbitraries.points().filter(Points::isPositive)).as(LoyaltyEvent.PointsRedeemed::atCheckout),
        Combinators.combine(LoyaltyArbitraries.ids("scs"), members,
                LoyaltyArbitraries.currencies().flatMap(c -> LoyaltyArbitraries.money(c, 1, 1_000_000_000L)), instants)
            .as(LoyaltyEvent.StoreCreditSpent::new),
        Combinators.combine(LoyaltyArbitraries.ids("scc"), members, LoyaltyArbitraries.ids("scs"), instants)
            .as(LoyaltyEvent.StoreCreditSpendCancelled::new),
        Combinators.combine(LoyaltyArbitraries.ids("day"), members, instants)
            .as((id, member, at) -> new LoyaltyEvent.DayStarted(id, member, at.atZone(java.time.ZoneOffset.UTC)
                .toLocalDate(), at)),
        customEvents(members, instants));
  }

  @Property(tries = 200)
  void redeemedEntriesWithAndWithoutACheckoutOrderRoundTrip(@ForAll("redeemedEntries") LedgerEntry entry) {
    roundTrips(entry, LedgerEntry.class);
    roundTrips(entry, entry.getClass());
  }

  @Provide
  Arbitrary<LedgerEntry> redeemedEntries() {
    Arbitrary<Long> points = Arbitraries.longs().between(1, Long.MAX_VALUE);
    return Combinators.combine(LoyaltyArbitraries.ids("key"), points, LoyaltyArbitraries.instants(), provenances(),
            money().filter(m -> !m.isNegative()), LoyaltyArbitraries.ids("ord").optional())
        .as((key, p, at, provenance, cash, order) -> new LedgerEntry.Redeemed(key, LoyaltyArbitraries.MEMBER_ID,
            Points.of(-p), at, provenance, cash, order));
  }

  @Property(tries = 200)
  void rewardEntriesRoundTrip(@ForAll("rewards") LedgerEntry entry) {
    roundTrips(entry, LedgerEntry.class);
    roundTrips(entry, entry.getClass());
  }

  @Provide
  Arbitrary<LedgerEntry> rewards() {
    Arbitrary<String> codes = Arbitraries.strings().withCharRange('A', 'Z').withChars("0123456789._-").ofMinLength(1)
        .ofMaxLength(LedgerEntry.RewardGranted.MAX_CODE_LENGTH - 1).map(c -> "R" + c);
    Arbitrary<Integer> quantities = Arbitraries.integers().between(1, LedgerEntry.RewardGranted.MAX_QUANTITY);
    Arbitrary<Optional<String>> orders = LoyaltyArbitraries.ids("ord").optional();
    Arbitrary<Optional<Money>> minSpends = money().filter(m -> !m.isNegative()).optional();
    Arbitrary<LedgerEntry> granted = Combinators.combine(LoyaltyArbitraries.ids("key"), LoyaltyArbitraries.instants(),
        provenances(), codes, quantities, orders, minSpends)
        .as((key, at, provenance, code, quantity, order, min) -> new LedgerEntry.RewardGranted(key,
            LoyaltyArbitraries.MEMBER_ID, at, provenance, code, quantity, order, min));
    Arbitrary<LedgerEntry> revoked = Combinators.combine(LoyaltyArbitraries.ids("key"), LoyaltyArbitraries.instants(),
        provenances(), LoyaltyArbitraries.ids("grant"), codes, quantities)
        .as((key, at, provenance, grant, code, quantity) -> new LedgerEntry.RewardRevoked(key,
            LoyaltyArbitraries.MEMBER_ID, at, provenance, grant, code, quantity));
    return Arbitraries.oneOf(granted, revoked);
  }

  // ------------------------------------------------------------------ redemption (issue 14 item 4)

  @Property(tries = 300)
  void redemptionPolicyQuoteAndTheirPartsRoundTrip(@ForAll("redemptionPolicies") RedemptionPolicy policy,
      @ForAll("histories") LedgerHistory history, @ForAll("orders") Order order) {
    // given: the quote the policy gives that ledger's member for an order in the policy's currency
    Order checkout = new Order(order.id(), LoyaltyArbitraries.MEMBER_ID, history.end(), order.channel(),
        order.currency(), order.lines(), order.orderDiscount(), order.shipping());
    Programme programme = Programme.builder(order.currency(), java.time.ZoneId.of("Asia/Taipei"),
            TierLadder.of(Tier.of("member", 0, Money.zero(order.currency()), java.time.Period.ofMonths(12))))
        .redemption(inCurrency(policy, order.currency())).build();
    MemberState state = MemberState.of(Member.of(LoyaltyArbitraries.MEMBER_ID, LoyaltyArbitraries.START, "member"),
        history.replay());
    RedemptionQuote quote = RedemptionQuotes.quote(programme, state, checkout);

    // then
    roundTrips(policy, RedemptionPolicy.class);
    policy.tierRates().forEach(rate -> roundTrips(rate, RedemptionPolicy.TierRate.class));
    roundTrips(quote, RedemptionQuote.class);
    quote.limits().forEach(limit -> roundTrips(limit, RedemptionLimit.class));
    roundTrips(new LoyaltyEvent.Checkout(checkout.id(), checkout.total()), LoyaltyEvent.Checkout.class);
  }

  /** The policy with its amounts in another currency (the ladder's tier codes have no rates). */
  private static RedemptionPolicy inCurrency(RedemptionPolicy p, java.util.Currency currency) {
    Money rate = Money.of(p.valuePerPoint().amount().setScale(currency.getDefaultFractionDigits(),
        java.math.RoundingMode.UP), currency);
    return new RedemptionPolicy(rate, p.minimumPoints(), p.maximumPoints(), p.maxShareOfOrder(),
        p.minimumOrderValue().map(m -> Money.of(m.amount().setScale(currency.getDefaultFractionDigits(),
            java.math.RoundingMode.UP), currency)), List.of());
  }

  @Provide
  Arbitrary<RedemptionPolicy> redemptionPolicies() {
    Arbitrary<Money> rates = Arbitraries.longs().between(1, 100_000).map(minor -> LoyaltyArbitraries.ofMinor(minor,
        LoyaltyArbitraries.TWD));
    return Combinators.combine(rates, Arbitraries.longs().between(1, 1_000),
            Arbitraries.longs().between(0, 1_000_000).optional(0.5),
            Arbitraries.integers().between(1, 1_000_000).map(s -> java.math.BigDecimal.valueOf(s, 6)),
            Arbitraries.longs().between(1, 10_000_000).map(minor -> LoyaltyArbitraries.ofMinor(minor,
                LoyaltyArbitraries.TWD)).optional(0.5),
            Arbitraries.of("silver", "gold", "金卡").set().ofMaxSize(3))
        .as((rate, min, extra, share, minOrder, tiers) -> {
          RedemptionPolicy policy = new RedemptionPolicy(rate, Points.of(min), extra.map(e -> Points.of(min + e)), share,
              minOrder, List.of());
          for (String tier : tiers) {
            policy = policy.withTierRate(tier, rate);
          }
          return policy;
        });
  }

  /**
   * Custom events with up to 20 attributes: names of the event's charset, values any text without
   * controls, format characters or line separators.
   */
  private static Arbitrary<LoyaltyEvent> customEvents(Arbitrary<String> members, Arbitrary<java.time.Instant> instants) {
    Arbitrary<String> types = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-', '_')
        .ofMinLength(0).ofMaxLength(39).map(t -> "t" + t);
    Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-', '_', '.')
        .ofMaxLength(39).map(n -> "a" + n);
    Arbitrary<String> values = Arbitraries.strings().all().ofMaxLength(200)
        .filter(v -> v.chars().noneMatch(c -> Character.isISOControl(c) || Character.isSurrogate((char) c)
            || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.LINE_SEPARATOR
            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR));
    return Combinators.combine(LoyaltyArbitraries.ids("cus").filter(id -> id.indexOf(':') < 0), members, types,
            Arbitraries.maps(names, values).ofMaxSize(LoyaltyEvent.CustomEvent.MAX_ATTRIBUTES), instants)
        .as(LoyaltyEvent.CustomEvent::new);
  }
}
