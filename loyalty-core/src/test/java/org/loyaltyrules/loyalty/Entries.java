package org.loyaltyrules.loyalty;

import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/** Terse factories for ledger entries in example tests. All spend is in TWD, all entries for {@link #MEMBER}. */
final class Entries {
  static final String MEMBER = "m-1";
  static final Currency TWD = Currency.getInstance("TWD");
  static final Currency HKD = Currency.getInstance("HKD");
  static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");

  private Entries() {}

  static Instant day(long n) {
    return T0.plus(Duration.ofDays(n));
  }

  static Money twd(String amount) {
    return Money.of(amount, "TWD");
  }

  static Provenance provenance(String source) {
    return new Provenance(source, "earning: base rate", "rb-1", "test entry from " + source);
  }

  static LedgerEntry.Earned earned(String key, long points, Instant at) {
    return earned(key, "order-" + key, points, at, Optional.empty(), Optional.empty());
  }

  static LedgerEntry.Earned earned(
      String key, String source, long points, Instant at, Optional<Instant> pendingUntil, Optional<Instant> expiresAt) {
    return new LedgerEntry.Earned(
        key, MEMBER, Points.of(points), at, provenance(source), twd(Long.toString(points)), List.of(), pendingUntil, expiresAt);
  }

  static LedgerEntry.Earned earnedExpiring(String key, long points, Instant at, Instant expiresAt) {
    return earned(key, "order-" + key, points, at, Optional.empty(), Optional.of(expiresAt));
  }

  static LedgerEntry.Earned earnedPending(String key, long points, Instant at, Instant pendingUntil) {
    return earned(key, "order-" + key, points, at, Optional.of(pendingUntil), Optional.empty());
  }

  static LedgerEntry.Earned earnedWithSpend(String key, long points, String spend, Instant at) {
    return new LedgerEntry.Earned(
        key, MEMBER, Points.of(points), at, provenance("order-" + key), twd(spend), List.of(), Optional.empty(), Optional.empty());
  }

  static LedgerEntry.Earned earnedWithLines(String key, Instant at, LineShare... lines) {
    Points points = Points.ZERO;
    Money spend = Money.zero(TWD);
    for (LineShare line : lines) {
      points = points.plus(line.points());
      spend = spend.plus(line.spend());
    }
    return new LedgerEntry.Earned(
        key, MEMBER, points, at, provenance("order-" + key), spend, List.of(lines), Optional.empty(), Optional.empty());
  }

  static LineShare line(String id, int quantity, long points, String spend) {
    return new LineShare(id, quantity, Points.of(points), twd(spend));
  }

  static LedgerEntry.Released released(String key, String lotKey, Instant at) {
    return new LedgerEntry.Released(key, MEMBER, at, provenance("release-" + key), lotKey);
  }

  static LedgerEntry.Redeemed redeemed(String key, long points, Instant at) {
    return new LedgerEntry.Redeemed(key, MEMBER, Points.of(-points), at, provenance("checkout-" + key), twd("1"));
  }

  static LedgerEntry.RedemptionCancelled cancelled(String key, String redemptionKey, long points, Instant at) {
    return new LedgerEntry.RedemptionCancelled(key, MEMBER, Points.of(points), at, provenance("void-" + key), redemptionKey);
  }

  static LedgerEntry.Expired expired(String key, String lotKey, long points, Instant at) {
    return new LedgerEntry.Expired(key, MEMBER, Points.of(-points), at, provenance("expiry-run"), lotKey);
  }

  /** A clawback that deducts {@code collected} and forgives {@code uncollected}, with no order lines. */
  static LedgerEntry.ClawedBack clawedBack(
      String key, String earnedKey, long collected, long uncollected, String spend, Instant at) {
    return new LedgerEntry.ClawedBack(
        key, MEMBER, Points.of(-collected), at, provenance("return-" + key), earnedKey, Points.of(uncollected), twd(spend), List.of());
  }

  /** A clawback of whole order lines, deducting all their points. */
  static LedgerEntry.ClawedBack clawedBackLines(String key, String earnedKey, Instant at, LineShare... lines) {
    Points points = Points.ZERO;
    Money spend = Money.zero(TWD);
    for (LineShare line : lines) {
      points = points.plus(line.points());
      spend = spend.plus(line.spend());
    }
    return new LedgerEntry.ClawedBack(
        key, MEMBER, points.negated(), at, provenance("return-" + key), earnedKey, Points.ZERO, spend, List.of(lines));
  }

  static LedgerEntry.Adjusted adjusted(String key, long points, Instant at) {
    return new LedgerEntry.Adjusted(key, MEMBER, Points.of(points), at, Provenance.manual("ticket-" + key, "support ticket"), Optional.empty());
  }
}
