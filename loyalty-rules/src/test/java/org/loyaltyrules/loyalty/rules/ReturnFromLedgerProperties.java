package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.loyalty.rules.Fixtures.bonus;
import static org.loyaltyrules.loyalty.rules.Fixtures.line;
import static org.loyaltyrules.loyalty.rules.Fixtures.multiplier;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.NegativeBalancePolicy;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Upline;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;

/**
 * Returns and referral facts from what the ledgers recorded: a whole return resolved from the
 * ledger decides as listing, from the order the host kept, every unit it has left (entries, tier
 * change and notices); a return of more than is left, or of a line the ledger never recorded, is
 * refused and changes nothing; and uplines filled from their keyed rows decide every order and
 * return, in any sequence, as the uplines' full ledgers do, with entries their real ledgers accept.
 */
class ReturnFromLedgerProperties {
  private static final Campaign[] CAMPAIGNS = {
      multiplier("double", "2", CampaignSchedule.always()),
      bonus("spend-1499", CampaignKind.THRESHOLD_BONUS, 200, CampaignSchedule.always(), "1499")};
  private static final Instant PAID = taipei("2025-03-05T12:00");

  private static Programme programme(NegativeBalancePolicy policy) {
    return Fixtures.taiwan(CAMPAIGNS).toBuilder().negativeBalancePolicy(policy)
        .tierRefundPolicy(Programme.TierRefundPolicy.RECOMPUTE_ON_REFUND).build();
  }

  @Provide
  Arbitrary<Order> orders() {
    return RulesArbitraries.orders("o-1", "m-1", Arbitraries.just(PAID), 5);
  }

  @Provide
  Arbitrary<String> tiers() {
    return Arbitraries.of(RulesArbitraries.TIERS);
  }

  private static Shop paid(Programme programme, String tier, Order order) {
    Shop shop = new Shop(programme).withoutInvariantChecks();
    shop.join(Member.of("m-1", taipei("2025-01-01T00:00"), tier));
    shop.apply(new LoyaltyEvent.OrderPaid(order));
    return shop;
  }

  /**
   * Applies earlier partial returns (picks of line and units, bounded by what is left), as a host
   * holding the order would; returns the units returned per line, counted from the order's side.
   */
  private static Map<String, Integer> returnSome(Shop shop, Order order, List<Integer> picks) {
    List<OrderLine> lines = order.lines().stream().filter(shop.programme::isInEarningBase).toList();
    Map<String, Integer> returned = new HashMap<>();
    for (int i = 0; i + 1 < picks.size() && !lines.isEmpty(); i += 2) {
      OrderLine line = lines.get(picks.get(i) % lines.size());
      int left = line.quantity() - returned.getOrDefault(line.lineId(), 0);
      int units = Math.min(left, 1 + picks.get(i + 1) % 3);
      if (units > 0) {
        shop.apply(LoyaltyEvent.OrderReturned.of("r-" + i, order, List.of(new LoyaltyEvent.ReturnedLine(line.lineId(),
            units)), PAID.plusSeconds(60L * (i + 1))));
        returned.merge(line.lineId(), units, Integer::sum);
      }
    }
    return returned;
  }

  @Property(tries = 150)
  void wholeReturnFromTheLedgerDecidesAsListingWhatTheOrderHasLeft(@ForAll("orders") Order order,
      @ForAll("tiers") String tier, @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 50) Integer> picks) {
    // given
    Shop shop = paid(programme(NegativeBalancePolicy.ALLOW_DEBT), tier, order);
    Map<String, Integer> returned = returnSome(shop, order, picks);
    List<LoyaltyEvent.ReturnedLine> left = new ArrayList<>();
    for (OrderLine line : order.lines()) {
      int units = line.quantity() - returned.getOrDefault(line.lineId(), 0);
      if (units > 0 && shop.programme.isInEarningBase(line)) {
        left.add(new LoyaltyEvent.ReturnedLine(line.lineId(), units));
      }
    }
    Instant at = PAID.plusSeconds(86_400);

    // when
    Decision whole = shop.decide(LoyaltyEvent.OrderReturned.whole("r-last", "m-1", "o-1", at));

    // then
    if (left.isEmpty()) {
      assertThat(whole.entries()).isEmpty();
      assertThat(whole.tierChange()).isEmpty();
      assertThat(whole.notices()).singleElement().asString().contains("has no unit left to return");
    } else {
      Decision listed = shop.decide(LoyaltyEvent.OrderReturned.of("r-last", order, left, at));
      assertThat(whole.entries()).isEqualTo(listed.entries());
      assertThat(whole.tierChange()).isEqualTo(listed.tierChange());
      assertThat(whole.notices()).isEqualTo(listed.notices());
      assertThat(whole.firedRules()).isEqualTo(listed.firedRules());
    }
  }

  @Property(tries = 150)
  void overReturnOrUnknownLineIsRefusedAndChangesNothing(@ForAll("orders") Order order,
      @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 50) Integer> picks,
      @ForAll @IntRange(min = 0, max = 50) int which, @ForAll @IntRange(min = 1, max = 5) int extra,
      @ForAll boolean unknownLine) {
    // given
    Shop shop = paid(programme(NegativeBalancePolicy.CAP_AT_ZERO), "member", order);
    Map<String, Integer> returned = returnSome(shop, order, picks);
    List<LedgerEntry> before = shop.ledger("m-1").entries();
    OrderLine line = order.lines().get(which % order.lines().size());
    boolean recorded = shop.programme.isInEarningBase(line);
    LoyaltyEvent.ReturnedLine bad = unknownLine || !recorded
        ? new LoyaltyEvent.ReturnedLine(recorded ? "no-such-" + line.lineId() : line.lineId(), 1)
        : new LoyaltyEvent.ReturnedLine(line.lineId(),
            line.quantity() - returned.getOrDefault(line.lineId(), 0) + extra);
    boolean byId = unknownLine || !recorded;

    // when / then
    assertThatThrownBy(() -> shop.apply(new LoyaltyEvent.OrderReturned("r-bad", "m-1", "o-1", List.of(bad),
        PAID.plusSeconds(86_400)))).isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo(byId ? "lines[0].lineId" : "lines[0].quantity");
          assertThat(e.getMessage()).contains(bad.lineId());
        });
    assertThat(shop.ledger("m-1").entries()).isEqualTo(before);
  }

  /** One step of a referral story: cat pays, returns wholly or in part, or bob spends points. */
  enum Step { PAY, RETURN_WHOLE, RETURN_ONE_UNIT, BOB_REDEEMS, ANN_EXPIRES }

  @Provide
  Arbitrary<List<Step>> stories() {
    return Arbitraries.of(Step.class).list().ofMinSize(1).ofMaxSize(12);
  }

  @Property(tries = 60)
  void uplinesFromTheirKeyedRowsDecideAsTheirFullLedgers(@ForAll("stories") List<Step> story,
      @ForAll boolean allowDebt, @ForAll @Size(min = 12, max = 12) List<@IntRange(min = 1, max = 3000) Integer> amounts) {
    // given
    Shop shop = new Shop(programme(allowDebt ? NegativeBalancePolicy.ALLOW_DEBT : NegativeBalancePolicy.CAP_AT_ZERO));
    Instant enrolled = taipei("2025-01-01T00:00");
    shop.join(Member.of("ann", enrolled, "member"));
    shop.join(Member.of("bob", enrolled, "member").withReferrer("ann"));
    shop.join(Member.of("cat", enrolled, "member").withReferrer("bob"));
    List<Order> orders = new ArrayList<>();
    Instant at = PAID;

    for (int i = 0; i < story.size(); i++) {
      at = at.plusSeconds(3_600);
      LoyaltyEvent event = event(story.get(i), i, at, amounts.get(i), orders, shop);
      if (event == null) {
        continue;
      }
      if (!event.memberId().equals("cat")) {
        shop.apply(event);
        continue;
      }

      // when
      Decision full = decideOrRefusal(() -> shop.decide(event));
      Decision lite = decideOrRefusal(() -> shop.engine.decide(event, fromRows(shop)));

      // then: the same decision (or the same refusal); the full path appends it to the real ledgers
      assertThat(lite).as("step %d %s", i, story.get(i)).isEqualTo(full);
      if (full != null) {
        shop.apply(event);
      }
    }
  }

  private static LoyaltyEvent event(Step step, int i, Instant at, int amount, List<Order> orders, Shop shop) {
    switch (step) {
      case PAY -> {
        Order order = Fixtures.order("o-" + i, "cat", at, Channel.ONLINE_STORE,
            line("l1", "SKU-1", "apparel", 2, String.valueOf(amount)), line("l2", "SH-1", "shoes", 1, "300"));
        orders.add(order);
        return new LoyaltyEvent.OrderPaid(order);
      }
      case RETURN_WHOLE -> {
        return orders.isEmpty() ? null
            : LoyaltyEvent.OrderReturned.whole("r-" + i, "cat", orders.get(amount % orders.size()).id(), at);
      }
      case RETURN_ONE_UNIT -> {
        return orders.isEmpty() ? null : new LoyaltyEvent.OrderReturned("r-" + i, "cat",
            orders.get(amount % orders.size()).id(), List.of(new LoyaltyEvent.ReturnedLine("l1", 1)), at);
      }
      case BOB_REDEEMS -> {
        long available = shop.ledger("bob").available(at).value();
        return available <= 0 ? null
            : new LoyaltyEvent.PointsRedeemed("x-" + i, "bob", Points.of(1 + amount % available), at);
      }
      default -> {
        return new LoyaltyEvent.ExpiryRun("e-" + i, "ann", at.plusSeconds(400L * 86_400 * (amount % 2)));
      }
    }
  }

  /** The decision, or null when the engine refused the event as input (both paths must then refuse). */
  private static Decision decideOrRefusal(java.util.function.Supplier<Decision> decide) {
    try {
      return decide.get();
    } catch (InvalidValueException refused) {
      return null;
    }
  }

  /** What a host reads per upline: its member row, the bonus row keyed by cat and the level, that row's clawbacks. */
  private static DecisionContext fromRows(Shop shop) {
    List<Upline> chain = new ArrayList<>();
    String[] ids = {"bob", "ann"};
    for (int level = 1; level <= ids.length; level++) {
      PointLedger ledger = shop.ledger(ids[level - 1]);
      String key = EntryKey.referralBonus("cat", level).text();
      Optional<LedgerEntry> row = ledger.entry(key);
      long reversed = 0;
      for (LedgerEntry entry : ledger.entries()) {
        if (entry instanceof LedgerEntry.ClawedBack c && c.earnedKey().equals(key)) {
          reversed += c.reversedPoints().value();
        }
      }
      Member member = shop.member(ids[level - 1]);
      chain.add(row.isEmpty() ? Upline.unpaid(member, level)
          : Upline.paid(member, level, (LedgerEntry.Earned) row.get(), Points.of(reversed), ledger::planClawback));
    }
    return new DecisionContext(new MemberState(shop.member("cat"), shop.ledger("cat")), chain);
  }
}
