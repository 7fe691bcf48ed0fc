package org.loyaltyrules.loyalty.examples.merchantcli.report;

import java.time.ZoneId;
import java.util.List;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.MemberAccount;

/** A member's statement: their ledger history, each entry with its reason. */
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
    List<LedgerEntry> entries = account.ledger().entries();
    int n = entries.size();
    int head = n <= maxEntries ? n : (maxEntries + 1) / 2;
    int tail = n <= maxEntries ? 0 : maxEntries - head;
    for (int i = 0; i < head; i++) {
      line(s, entries.get(i), zone);
    }
    if (tail > 0) {
      s.append("    … ").append(Fmt.n(n - head - tail)).append(" more entries …\n");
      for (int i = n - tail; i < n; i++) {
        line(s, entries.get(i), zone);
      }
    }
    return s.toString();
  }

  private static void line(StringBuilder s, LedgerEntry entry, ZoneId zone) {
    s.append("  ").append(entry.occurredAt().atZone(zone).toLocalDate()).append("  ")
        .append(Fmt.left(Fmt.signed(entry.points().value()), 7)).append("  ").append(Fmt.pad(entry.kind(), 11))
        .append("  ").append(entry.key()).append('\n');
    s.append("               ").append(entry.provenance().reason()).append(" [").append(entry.provenance().rule())
        .append("]\n");
  }
}
