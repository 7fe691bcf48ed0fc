package org.loyaltyrules.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a member's store credit sits: its lots, what each spend took from which lot, and what
 * clawbacks reversed of each grant. Kept apart from {@link LotBook} so that no code path can move
 * value between points and credit. Every change records its undo in the ledger's {@link UndoLog}.
 * Not thread-safe, like the ledger.
 *
 * <p>Spending order ("FIFO"): unexpired lots by grant instant, then earliest expiry (a lot that
 * never expires last), then the order they were appended.
 */
final class CreditBook {
  private static final String SUBJECT = "store-credit entry";

  private final String memberId;
  private final UndoLog undo;
  private final Map<String, Lot> lots = new LinkedHashMap<>();
  /** Per spend key, what it took from which lot, in the order taken. */
  private final Map<String, List<Part>> spends = new HashMap<>();
  /** Per grant key, the credit clawbacks reversed of it (collected plus uncollected). */
  private final Map<String, BigDecimal> reversed = new HashMap<>();
  private Currency currency;
  private BigDecimal balance = BigDecimal.ZERO;
  private long sequence;

  /**
   * A checkpoint keeps every store-credit entry (the credit lots are rebuilt from them): they must
   * replay as a ledger would append them, in the currency of the spend.
   */
  static void checkReplay(String subject, String memberId, List<LedgerEntry> entries,
      Optional<Currency> spendCurrency) {
    UndoLog scratch = new UndoLog();
    scratch.begin();
    CreditBook credit = new CreditBook(memberId, scratch);
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i) instanceof LedgerEntry.StoreCreditEntry c) {
        if (spendCurrency.isPresent() && !spendCurrency.get().equals(c.credit().currency())) {
          throw new CurrencyMismatchException(subject, "entries[" + i + "].credit", spendCurrency.get(), c.credit().currency());
        }
        credit.apply(c);
      }
    }
  }

  CreditBook(String memberId, UndoLog undo) {
    this.memberId = memberId;
    this.undo = undo;
  }

  /** Applies one store-credit entry, or throws leaving the undo log to reverse what it did. */
  void apply(LedgerEntry.StoreCreditEntry entry) {
    requireCurrency(entry.credit().currency());
    if (entry instanceof LedgerEntry.CreditGranted g) {
      grant(g);
    } else if (entry instanceof LedgerEntry.CreditSpent s) {
      spend(s);
    } else if (entry instanceof LedgerEntry.CreditSpendCancelled c) {
      cancel(c);
    } else if (entry instanceof LedgerEntry.CreditExpired x) {
      expire(x);
    } else if (entry instanceof LedgerEntry.CreditClawedBack c) {
      clawBack(c);
    }
    BigDecimal before = balance;
    balance = balance.add(entry.credit().amount());
    undo.add(() -> balance = before);
  }

  /** The currency of the first credit entry; every later one must be in it. */
  Optional<Currency> currency() {
    return Optional.ofNullable(currency);
  }

  void requireCurrency(Currency other) {
    if (currency == null) {
      currency = other;
      undo.add(() -> currency = null);
    } else if (!currency.equals(other)) {
      throw new CurrencyMismatchException(SUBJECT, "credit", currency, other);
    }
  }

  BigDecimal balance() {
    return balance;
  }

  BigDecimal available(Instant at) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Lot lot : lots.values()) {
      if (!lot.expiredAt(at)) {
        sum = sum.add(lot.remaining);
      }
    }
    return sum;
  }

  List<CreditLot> snapshots() {
    List<CreditLot> result = new ArrayList<>(lots.size());
    for (Lot lot : lots.values()) {
      result.add(lot.snapshot());
    }
    return result;
  }

  Optional<CreditLot> snapshot(String key) {
    return Optional.ofNullable(lots.get(key)).map(Lot::snapshot);
  }

  List<CreditLot> dueToExpire(Instant at) {
    List<CreditLot> due = new ArrayList<>();
    for (Lot lot : lots.values()) {
      if (lot.expiredAt(at) && lot.remaining.signum() > 0) {
        due.add(lot.snapshot());
      }
    }
    return due;
  }

  BigDecimal reversedOf(String grantKey) {
    return reversed.getOrDefault(grantKey, BigDecimal.ZERO);
  }

  /** What a spend took, in the order taken; empty when there is no such spend. */
  Optional<BigDecimal> spent(String spendKey) {
    List<Part> parts = spends.get(spendKey);
    if (parts == null) {
      return Optional.empty();
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (Part part : parts) {
      sum = sum.add(part.amount);
    }
    return Optional.of(sum);
  }

  /**
   * Plans reversing {@code amount} of grant {@code grantKey} at {@code at}: first what is left in its
   * own lot, then unexpired other lots in spending order; the rest is uncollected.
   */
  CreditClawbackPlan planClawback(String grantKey, BigDecimal amount, Instant at) {
    Lot own = lots.get(grantKey);
    BigDecimal collected = amount.min(own.remaining);
    BigDecimal rest = amount.subtract(collected);
    if (rest.signum() > 0) {
      BigDecimal others = BigDecimal.ZERO;
      for (Lot lot : lots.values()) {
        if (lot != own && !lot.expiredAt(at)) {
          others = others.add(lot.remaining);
        }
      }
      BigDecimal more = rest.min(others);
      collected = collected.add(more);
      rest = rest.subtract(more);
    }
    return new CreditClawbackPlan(Money.of(collected, own.currency), Money.of(rest, own.currency));
  }

  private void grant(LedgerEntry.CreditGranted g) {
    Lot lot = new Lot(g.key(), g.provenance().sourceEventId(), g.occurredAt(), g.credit(),
        g.expiresAt().orElse(null), sequence++);
    lots.put(g.key(), lot);
    undo.add(() -> {
      lots.remove(g.key());
      sequence--;
    });
  }

  private void spend(LedgerEntry.CreditSpent s) {
    BigDecimal amount = s.credit().amount().negate();
    BigDecimal available = available(s.occurredAt());
    if (amount.compareTo(available) > 0) {
      throw new InsufficientStoreCreditException(memberId, "credit", s.credit().negated(),
          Money.of(available, s.credit().currency()));
    }
    List<Part> parts = take(amount, s.occurredAt(), null);
    spends.put(s.key(), parts);
    undo.add(() -> spends.remove(s.key()));
  }

  private void cancel(LedgerEntry.CreditSpendCancelled c) {
    List<Part> parts = spends.get(c.spendKey());
    if (parts == null) {
      throw new UnknownEntryException(SUBJECT, "spendKey", c.spendKey(), "the key of a credit spend of member " + memberId);
    }
    BigDecimal spent = spent(c.spendKey()).orElseThrow();
    if (spent.compareTo(c.credit().amount()) != 0) {
      throw new InvalidValueException(SUBJECT, "credit", c.credit(), "the whole " + spent + " the spend "
          + c.spendKey() + " took (a spend is cancelled in full, once)");
    }
    for (Part part : parts) {
      Lot lot = lots.get(part.lotKey);
      BigDecimal before = lot.remaining;
      lot.remaining = before.add(part.amount);
      undo.add(() -> lot.remaining = before);
    }
    // Cancelled in full: a second cancellation (under another key) finds nothing to give back.
    spends.put(c.spendKey(), List.of());
    undo.add(() -> spends.put(c.spendKey(), parts));
  }

  private void expire(LedgerEntry.CreditExpired x) {
    Lot lot = lots.get(x.lotKey());
    if (lot == null) {
      throw new UnknownEntryException(SUBJECT, "lotKey", x.lotKey(), "the key of a credit lot of member " + memberId);
    }
    if (!lot.expiredAt(x.occurredAt())) {
      throw new InvalidValueException(SUBJECT, "occurredAt", x.occurredAt(), "at or after the lot's expiry "
          + (lot.expiresAt == null ? "(the lot never expires)" : lot.expiresAt.toString()));
    }
    BigDecimal amount = x.credit().amount().negate();
    if (amount.compareTo(lot.remaining) > 0) {
      throw new InvalidValueException(SUBJECT, "credit", x.credit(), "at most the lot's remaining " + lot.remaining);
    }
    BigDecimal before = lot.remaining;
    lot.remaining = before.subtract(amount);
    undo.add(() -> lot.remaining = before);
  }

  private void clawBack(LedgerEntry.CreditClawedBack c) {
    Lot own = lots.get(c.grantKey());
    if (own == null) {
      throw new UnknownEntryException(SUBJECT, "grantKey", c.grantKey(), "the key of a credit grant of member " + memberId);
    }
    BigDecimal amount = c.reversed().amount();
    BigDecimal already = reversedOf(c.grantKey());
    BigDecimal reversible = own.original.subtract(already);
    if (amount.compareTo(reversible) > 0) {
      throw new InvalidValueException(SUBJECT, "credit", c.reversed(), "at most the " + reversible
          + " of grant " + c.grantKey() + " not yet clawed back");
    }
    CreditClawbackPlan plan = planClawback(c.grantKey(), amount, c.occurredAt());
    if (plan.collected().amount().compareTo(c.credit().amount().negate()) != 0
        || plan.uncollected().amount().compareTo(c.uncollected().amount()) != 0) {
      throw new InvalidValueException(SUBJECT, "credit/uncollected", c.credit() + "/" + c.uncollected(),
          "-" + plan.collected() + "/" + plan.uncollected() + " as planned by PointLedger.planCreditClawback");
    }
    take(plan.collected().amount(), c.occurredAt(), own);
    reversed.put(c.grantKey(), already.add(amount));
    undo.add(() -> {
      if (already.signum() == 0) {
        reversed.remove(c.grantKey());
      } else {
        reversed.put(c.grantKey(), already);
      }
    });
  }

  /** Takes {@code amount} (available, checked by the caller) from {@code first}, then in spending order. */
  private List<Part> take(BigDecimal amount, Instant at, Lot first) {
    List<Lot> order = new ArrayList<>();
    if (first != null) {
      order.add(first);
    }
    List<Lot> rest = new ArrayList<>();
    for (Lot lot : lots.values()) {
      if (lot != first && !lot.expiredAt(at) && lot.remaining.signum() > 0) {
        rest.add(lot);
      }
    }
    rest.sort(SPENDING_ORDER);
    order.addAll(rest);
    List<Part> parts = new ArrayList<>();
    BigDecimal left = amount;
    for (Lot lot : order) {
      if (left.signum() == 0) {
        break;
      }
      BigDecimal taken = left.min(lot.remaining);
      if (taken.signum() > 0) {
        BigDecimal before = lot.remaining;
        lot.remaining = before.subtract(taken);
        undo.add(() -> lot.remaining = before);
        parts.add(new Part(lot.key, taken));
        left = left.subtract(taken);
      }
    }
    if (left.signum() != 0) {
      throw new IllegalStateException("credit left to take after every lot: " + left);
    }
    return List.copyOf(parts);
  }

  private static final Comparator<Lot> SPENDING_ORDER = Comparator.<Lot, Instant>comparing(l -> l.createdAt)
      .thenComparing(l -> l.expiresAt, Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparingLong(l -> l.sequence);

  private record Part(String lotKey, BigDecimal amount) {}

  private static final class Lot {
    final String key;
    final String source;
    final Instant createdAt;
    final BigDecimal original;
    final Currency currency;
    final Instant expiresAt;
    final long sequence;
    BigDecimal remaining;

    Lot(String key, String source, Instant createdAt, Money original, Instant expiresAt, long sequence) {
      this.key = key;
      this.source = source;
      this.createdAt = createdAt;
      this.original = original.amount();
      this.currency = original.currency();
      this.expiresAt = expiresAt;
      this.sequence = sequence;
      this.remaining = original.amount();
    }

    boolean expiredAt(Instant at) {
      return expiresAt != null && !expiresAt.isAfter(at);
    }

    CreditLot snapshot() {
      return new CreditLot(key, source, createdAt, Money.of(original, currency), Money.of(remaining, currency),
          Optional.ofNullable(expiresAt));
    }
  }
}
