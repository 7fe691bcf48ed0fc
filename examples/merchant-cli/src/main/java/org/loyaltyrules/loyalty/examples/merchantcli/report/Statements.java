package org.loyaltyrules.loyalty.examples.merchantcli.report;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.TierChange;
import org.loyaltyrules.loyalty.rules.replay.MemberAccount;

/** A member's statement: their ledger history, each entry with its reason, and their tier changes. */
public final class Statements {
  private Statements() {}

  /**
   * @param account the member
   * @param zone the programme's zone (entry dates are local to it)
   * @param maxEntries how many entries to show; the middle of a longer history is elided
   * @return the statement, lines ending in newlines
   */
  public static String of(MemberAccount account, ZoneId zone, int maxEntries) {
    StringBuilder s = new StringBuilder();
    s.append("Member ").append(account.member().id()).append(" · tier ").append(account.member().tierCode())
        .append(" · balance ").append(Fmt.n(account.ledger().balance().value())).append(" points · ")
        .append(Fmt.n(account.orders())).append(account.orders() == 1 ? " order" : " orders").append(", ")
        .append(Fmt.n(account.returns())).append(account.returns() == 1 ? " return" : " returns");
    account.member().referrerId().ifPresent(r -> s.append(" · referred by ").append(r));
    s.append('\n');
    // Entries in ledger order; each tier change after the last entry at or before its time.
    List<Object> items = new ArrayList<>(account.ledger().entries());
    for (TierChange change : account.tierHistory()) {
      int at = items.size();
      while (at > 0 && items.get(at - 1) instanceof LedgerEntry e && e.occurredAt().isAfter(change.effectiveAt())) {
        at--;
      }
      items.add(at, change);
    }
    int n = items.size();
    int head = n <= maxEntries ? n : (maxEntries + 1) / 2;
    int tail = n <= maxEntries ? 0 : maxEntries - head;
    for (int i = 0; i < head; i++) {
      item(s, items.get(i), zone);
    }
    if (tail > 0) {
      s.append("    … ").append(Fmt.n(n - head - tail)).append(" more entries …\n");
      for (int i = n - tail; i < n; i++) {
        item(s, items.get(i), zone);
      }
    }
    return s.toString();
  }

  private static void item(StringBuilder s, Object item, ZoneId zone) {
    if (item instanceof LedgerEntry entry) {
      line(s, entry, zone);
    } else if (item instanceof TierChange change) {
      s.append("  ").append(change.effectiveAt().atZone(zone).toLocalDate()).append("           tier         ")
          .append(change.from()).append(" → ").append(change.to()).append('\n');
      s.append("               ").append(change.reason()).append(" [").append(change.rule()).append("]\n");
    }
  }

  private static void line(StringBuilder s, LedgerEntry entry, ZoneId zone) {
    s.append("  ").append(entry.occurredAt().atZone(zone).toLocalDate()).append("  ")
        .append(Fmt.left(Fmt.signed(entry.points().value()), 7)).append("  ").append(Fmt.pad(entry.kind(), 11))
        .append("  ").append(entry.key()).append('\n');
    s.append("               ").append(entry.provenance().reason()).append(" [").append(entry.provenance().rule())
        .append("]\n");
  }
}
