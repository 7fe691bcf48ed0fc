package org.loyaltyrules.loyalty.examples.merchantcli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.examples.merchantcli.input.InputFormat;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.InputStats;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.InvoiceReplay;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.InvoiceReplayResult;
import org.loyaltyrules.loyalty.rules.replay.Lane;
import org.loyaltyrules.loyalty.rules.replay.MemberAccount;
import org.loyaltyrules.loyalty.rules.replay.Replay;
import org.loyaltyrules.loyalty.testkit.LedgerInvariants;

/**
 * Replays the whole UCI Online Retail file (541,909 rows) through the default rules, the way
 * {@code replay} does. The file is an external input, never part of the repository: the test looks
 * for it at {@code ../shared/data/online-retail.csv.gz} beside the repository (or at the path in the
 * system property {@code online.retail.file}) and is skipped, saying so, when it is not there.
 *
 * <p>The input figures were counted from the CSV by a separate script, not read off a replay: 25,900
 * invoices, 3,836 of them cancellations ({@code C…}), 3,654 of those by a member; 4,372 customers,
 * 4,335 of whom have at least one invoice with a product sold; 135,080 guest rows in 3,710
 * invoices; 8,539 member return rows of products, 269,484 units.
 */
class OnlineRetailReplayTest {
  static final String RELATIVE = "../shared/data/online-retail.csv.gz";

  /**
   * @return the data file: the path in {@code online.retail.file} if that is set, else looked for
   *     beside every folder from the working directory up; null if not there
   */
  static Path dataFile() {
    String property = System.getProperty("online.retail.file");
    if (property != null) {
      return Files.isRegularFile(Path.of(property)) ? Path.of(property) : null;
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(RELATIVE).normalize();
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  @Test
  void replay_fullOnlineRetailFile_accountsForEveryInvoiceAndEveryLedgerHolds() throws Exception {
    // given
    Path file = dataFile();
    assumeTrue(file != null, "Online Retail data not found at " + System.getProperty("online.retail.file",
        RELATIVE + " beside the repository") + "; skipping the full-data replay (-Donline.retail.file=PATH names"
        + " the file)");
    InvoiceReplay replay = InvoiceReplay.of(Replay.builder().lane("default", TestEngines.gbp()).build());

    // when
    InvoiceReplayResult result = replay.run(file, InputFormat.detect(file));

    // then: the input, as counted independently
    InputStats in = result.input();
    assertThat(in.lines()).isEqualTo(541_910);
    assertThat(in.rows()).isEqualTo(541_909);
    assertThat(in.malformedRows()).isZero();
    assertThat(in.invoices()).isEqualTo(25_900);
    assertThat(in.customersSeen()).isEqualTo(4_372);
    assertThat(in.guestInvoices()).isEqualTo(3_710);
    assertThat(in.guestLines()).isEqualTo(135_080);
    assertThat(in.paidInvoices()).isEqualTo(18_405);
    // 3,654 member cancellations: 3,383 return products, the other 271 only non-product codes
    // (manual entries, discounts, postage), skipped with the 131 member invoices of such codes alone.
    assertThat(in.returnInvoices()).isEqualTo(3_383);
    assertThat(in.skippedInvoices()).isEqualTo(402);
    assertThat(in.mixedInvoices()).isZero();
    assertThat(in.paidInvoices() + in.returnInvoices() + in.guestInvoices() + in.skippedInvoices())
        .isEqualTo(in.invoices());
    assertThat(in.returnLines()).isEqualTo(8_539);
    assertThat(in.unitsReturned()).isEqualTo(269_484);
    assertThat(in.productLines() + in.returnLines() + in.nonProductLines() + in.guestLines()).isEqualTo(in.rows());
    assertThat(in.splitInvoices()).isZero();
    // Returns of goods bought before the data set starts (December 2010) match nothing.
    assertThat(in.unitsReturnedUnmatched()).isPositive().isLessThan(in.unitsReturned());
    assertThat(result.problemCounts()).containsOnlyKeys("unmatched-return");

    // and: one ledger per member with a paid order, every event decided
    Lane lane = result.lane();
    assertThat(lane.eventsFailed()).isZero();
    assertThat(lane.members()).isEqualTo(4_335);
    assertThat(lane.enrolmentsDecided()).isEqualTo(lane.members());
    assertThat(lane.ordersDecided()).isEqualTo(in.paidInvoices());
    assertThat(lane.returnsDecided()).isPositive();

    // and: the totals agree with the ledgers, and every ledger keeps the library's invariants
    assertThat(lane.pointsIssued()).isPositive();
    assertThat(lane.pointsClawedBack()).isPositive().isLessThan(lane.pointsIssued());
    assertThat(lane.pointsOutstanding()).isEqualTo(lane.pointsIssued() - lane.pointsClawedBack());
    assertThat(lane.pointsByRule().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(lane.pointsOutstanding());
    Map<String, Long> tiers = lane.tierDistribution();
    assertThat(tiers.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(lane.members());
    assertThat(tiers.get("gold")).isPositive();
    long balances = 0;
    long orders = 0;
    for (MemberAccount account : lane.accounts().values()) {
      // checkState: the invariants between the ledger's views and its entries (balance, lots, clawbacks within
      // what was earned). check() adds replaying checks that need jqwik on the class path.
      LedgerInvariants.checkState(account.ledger());
      long earned = account.ledger().entries().stream().filter(e -> e instanceof LedgerEntry.Earned)
          .mapToLong(e -> e.points().value()).sum();
      assertThat(earned).as("points earned by %s", account.member().id()).isEqualTo(account.earned());
      assertThat(account.ledger().balance().value()).as("balance of %s", account.member().id())
          .isEqualTo(account.earned() - account.clawedBack()).isNotNegative();
      balances += account.ledger().balance().value();
      orders += account.orders();
    }
    assertThat(balances).isEqualTo(lane.pointsOutstanding());
    assertThat(orders).isEqualTo(lane.ordersDecided());
  }
}
