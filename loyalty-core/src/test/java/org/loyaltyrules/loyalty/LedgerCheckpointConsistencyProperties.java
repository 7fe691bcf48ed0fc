package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.Entries.MEMBER;
import static org.loyaltyrules.loyalty.Entries.day;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The consistency checks of {@link LedgerCheckpoint} (lots agree with their awards, redemptions with
 * their lots) refuse only forgeries: every checkpoint a genuine ledger takes, whatever its history
 * of holds, releases, redemptions, cancellations, expiries, clawbacks and debt, is accepted, and the
 * ledger rebuilt from it decides later cancellations and redemptions as the full ledger does.
 */
class LedgerCheckpointConsistencyProperties {

  /** One operation per day, drawn as numbers resolved against the ledger when it runs. */
  record Op(int kind, int pick, int points) {}

  @Provide
  Arbitrary<List<Op>> histories() {
    return Arbitraries.integers().between(0, 7).flatMap(kind -> Arbitraries.integers().between(0, 50)
        .flatMap(pick -> Arbitraries.integers().between(1, 150).map(points -> new Op(kind, pick, points))))
        .list().ofMinSize(1).ofMaxSize(30);
  }

  @Property(tries = 400)
  void checkpoint_ofAGenuineHistory_isAcceptedAndRebuildsALedgerThatDecidesAlike(
      @ForAll("histories") List<Op> ops, @ForAll NegativeBalancePolicy policy, @ForAll @IntRange(min = 0, max = 32) int horizonDay) {
    // given
    PointLedger full = PointLedger.empty(MEMBER, policy);
    List<String> awards = new ArrayList<>();
    List<String> redemptions = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      apply(full, ops.get(i), day(i + 1), i, awards, redemptions);
    }
    int asOfDay = ops.size() + 1;

    // when
    LedgerCheckpoint checkpoint = full.checkpoint(day(asOfDay), day(Math.min(horizonDay, asOfDay)));
    PointLedger rebuilt = PointLedger.fromCheckpoint(checkpoint, List.of());

    // then: cancelling what kept redemptions can give back, then redeeming, goes as on the full ledger
    assertThat(rebuilt.balance()).isEqualTo(full.balance());
    for (LedgerCheckpoint.RedemptionState r : checkpoint.redemptions()) {
      long left = r.taken().value() - r.restored().value();
      if (left > 0) {
        LedgerEntry cancel = Entries.cancelled("c-late-" + r.key(), r.key(), left, day(asOfDay + 1));
        full.append(cancel);
        rebuilt.append(cancel);
      }
    }
    Points available = full.available(day(asOfDay + 2));
    assertThat(rebuilt.available(day(asOfDay + 2))).isEqualTo(available);
    assertThat(rebuilt.lots().stream().filter(l -> l.remaining().isPositive()).toList())
        .isEqualTo(full.lots().stream().filter(l -> l.remaining().isPositive()).toList());
    if (available.isPositive()) {
      LedgerEntry redeem = Entries.redeemed("r-late", available.value(), day(asOfDay + 2));
      full.append(redeem);
      rebuilt.append(redeem);
      assertThat(rebuilt.balance()).isEqualTo(full.balance());
    }
  }

  /** Applies one operation if the ledger accepts it; a refused one changes nothing and is skipped. */
  private static void apply(PointLedger ledger, Op op, java.time.Instant at, int i, List<String> awards, List<String> redemptions) {
    try {
      switch (op.kind()) {
        case 0, 1 -> {
          String key = EntryKey.orderBase("o-" + i).text();
          Optional<java.time.Instant> held = op.pick() % 3 == 0 ? Optional.of(at.plus(java.time.Duration.ofDays(op.pick() % 7 + 1)))
              : Optional.empty();
          Optional<java.time.Instant> expires = op.pick() % 2 == 0 ? Optional.of(at.plus(java.time.Duration.ofDays(op.pick() % 9 + 1)))
              : Optional.empty();
          ledger.append(Entries.earned(key, "o-" + i, op.points(), at, held, expires));
          awards.add(key);
        }
        case 2 -> {
          ledger.append(Entries.redeemed("r-" + i, op.points(), at));
          redemptions.add("r-" + i);
        }
        case 3 -> {
          if (!redemptions.isEmpty()) {
            String r = redemptions.get(op.pick() % redemptions.size());
            ledger.append(Entries.cancelled("c-" + i, r, Math.max(1, op.points() / 3), at));
          }
        }
        case 4 -> {
          if (!awards.isEmpty()) {
            ledger.append(Entries.released("rel-" + i, awards.get(op.pick() % awards.size()), at));
          }
        }
        case 5 -> {
          int n = 0;
          for (PointLot lot : ledger.lotsDueToExpire(at)) {
            ledger.append(Entries.expired("x-" + i + "-" + n++, lot.key(), lot.remaining().value(), at));
          }
        }
        case 6 -> {
          if (!awards.isEmpty()) {
            String earned = awards.get(op.pick() % awards.size());
            long reversible = ledger.entry(earned).orElseThrow().points().value() - ledger.reversedPoints(earned).value();
            long points = Math.min(reversible, op.points());
            ClawbackPlan plan = ledger.planClawback(earned, Points.of(points), at);
            ledger.append(Entries.clawedBack("cb-" + i, earned, plan.collected().value(), plan.uncollected().value(), "0", at));
          }
        }
        default -> ledger.append(Entries.adjusted("adj-" + i, op.pick() % 2 == 0 ? op.points() : -op.points(), at));
      }
    } catch (LoyaltyException refused) {
      // a history only of what a ledger accepts
    }
  }
}
