package org.loyaltyrules.loyalty.examples.merchantcli.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.examples.merchantcli.TestEngines;
import org.loyaltyrules.loyalty.examples.merchantcli.input.InputFormat;
import org.loyaltyrules.loyalty.examples.merchantcli.input.MembersFile;
import org.loyaltyrules.loyalty.examples.merchantcli.input.OnlineRetailReader;
import org.loyaltyrules.loyalty.rules.replay.Lane;
import org.loyaltyrules.loyalty.rules.replay.MemberAccount;
import org.loyaltyrules.loyalty.rules.replay.Replay;

class ReplayTest {
  /** Invented rows in the Online Retail layout: two purchases of A1, returns that span both and overshoot. */
  private static final String RETAIL = OnlineRetailReader.HEADER + "\n"
      + "800001,A1,THING,5,2011-01-10 10:00:00,100.00,30001.0,United Kingdom\n"          // 2
      + "800001,POST,POSTAGE,1,2011-01-10 10:00:00,15.00,30001.0,United Kingdom\n"       // 3
      + "800002,A1,THING,3,2011-01-20 10:00:00,100.00,30001.0,United Kingdom\n"          // 4
      + "800003,B2,OTHER,1,2011-01-21 10:00:00,50.00,,United Kingdom\n"                  // 5
      + "C800004,A1,THING,-6,2011-02-01 10:00:00,100.00,30001.0,United Kingdom\n"        // 6
      + "800005,DOT,DOTCOM POSTAGE,1,2011-02-02 10:00:00,5.00,30001.0,United Kingdom\n"  // 7
      + "C800006,A1,THING,-4,2011-02-03 10:00:00,100.00,30001.0,United Kingdom\n"        // 8
      + "C800007,Z9,NEVER BOUGHT,-1,2011-02-04 10:00:00,1.00,30002.0,United Kingdom\n"   // 9
      + "800008,A1,THING,x,2011-02-05 10:00:00,1.00,30001.0,United Kingdom\n";           // 10

  private static InvoiceReplayResult replay(InvoiceReplay replay, String text, InputFormat format) throws Exception {
    return replay.run("test", new BufferedReader(new StringReader(text)), format);
  }

  @Test
  void run_onlineRetailRows_accountsForEveryInvoiceAndMatchesReturnsEarliestFirst() throws Exception {
    // given
    InvoiceReplay replay = InvoiceReplay.of(Replay.builder().lane("default", TestEngines.gbp()).build());

    // when
    InvoiceReplayResult result = replay(replay, RETAIL, InputFormat.ONLINE_RETAIL);

    // then: every invoice is paid, return, guest or skipped
    InputStats in = result.input();
    assertThat(in.invoices()).isEqualTo(7);
    assertThat(in.paidInvoices()).isEqualTo(2);
    assertThat(in.returnInvoices()).isEqualTo(3);
    assertThat(in.guestInvoices()).isEqualTo(1);
    assertThat(in.skippedInvoices()).isEqualTo(1);
    assertThat(in.paidInvoices() + in.returnInvoices() + in.guestInvoices() + in.skippedInvoices())
        .isEqualTo(in.invoices());
    assertThat(in.rows()).isEqualTo(9);
    assertThat(in.malformedRows()).isEqualTo(1);
    assertThat(in.nonProductLines()).isEqualTo(2);
    assertThat(in.guestLines()).isEqualTo(1);
    assertThat(in.customersSeen()).isEqualTo(2);
    assertThat(in.unitsReturned()).isEqualTo(11);
    assertThat(in.unitsReturnedUnmatched()).isEqualTo(3);
    assertThat(result.problems()).extracting(InputProblem::lineNo, InputProblem::code).containsExactly(
        org.assertj.core.groups.Tuple.tuple(8L, "unmatched-return"),
        org.assertj.core.groups.Tuple.tuple(9L, "unmatched-return"),
        org.assertj.core.groups.Tuple.tuple(10L, "malformed-row"));
    assertThat(result.problems().get(0).message())
        .isEqualTo("return C800006: 2 of 4 units of A1 match no earlier unreturned purchase of member 30001;"
            + " nothing clawed back for them");

    // and: 500 GBP at the member rate is 5 points and reaches silver; 300 at silver is 4 points.
    // C800004 takes all 5 units of 800001 and 1 of 800002; C800006 the last 2 of 800002.
    Lane lane = result.lane();
    MemberAccount member = lane.accounts().get("30001");
    assertThat(lane.members()).isEqualTo(1);
    assertThat(member.member().tierCode()).isEqualTo("silver");
    EntryKey first = EntryKey.orderBase("800001");
    EntryKey second = EntryKey.orderBase("800002");
    assertThat(member.ledger().entries()).extracting(LedgerEntry::key, e -> e.points().value()).containsExactly(
        org.assertj.core.groups.Tuple.tuple(first.text(), 5L),
        org.assertj.core.groups.Tuple.tuple(second.text(), 4L),
        org.assertj.core.groups.Tuple.tuple(EntryKey.clawback("C800004/800001", first).text(), -5L),
        org.assertj.core.groups.Tuple.tuple(EntryKey.clawback("C800004/800002", second).text(), -1L),
        org.assertj.core.groups.Tuple.tuple(EntryKey.clawback("C800006/800002", second).text(), -3L));
    assertThat(lane.ordersDecided()).isEqualTo(2);
    assertThat(lane.returnsDecided()).isEqualTo(3);
    assertThat(lane.pointsIssued()).isEqualTo(9);
    assertThat(lane.pointsClawedBack()).isEqualTo(9);
    assertThat(lane.pointsOutstanding()).isZero();
    assertThat(lane.upgrades()).isEqualTo(1);
    assertThat(lane.pointsByRule()).containsEntry("earning: base rate for member tier", 0L)
        .containsEntry("earning: base rate for silver tier", 0L);
  }

  @Test
  void run_onErrorFail_stopsAtTheFirstMalformedRow() {
    // given
    InvoiceReplay replay = InvoiceReplay.of(Replay.builder().lane("default", TestEngines.gbp()).onError(Replay.OnError.FAIL).build());

    // when / then: unmatched returns are reported but do not stop the run; the malformed row does
    assertThatThrownBy(() -> replay(replay, RETAIL, InputFormat.ONLINE_RETAIL))
        .isInstanceOf(ReplayAbortedException.class)
        .hasMessageStartingWith("stopped at line 10: malformed-row: Quantity [x]")
        .satisfies(e -> assertThat(((ReplayAbortedException) e).problem().lineNo()).isEqualTo(10));
  }

  private static final String MEMBERS = """
      member_id,enrolled_at,referrer_id
      m-1,2025-01-01,
      m-2,2025-02-01,m-1
      m-3,2025-02-02,m-2
      m-9,2025-02-02,
      """;

  private static final String ORDERS = """
      order_id,member_id,occurred_at,sku,quantity,unit_price,return_of
      o-1,m-2,2025-02-05T10:00:00,TEA,2,300,
      o-2,m-3,2025-02-06T10:00:00,TEA,1,400,
      o-2,m-3,2025-02-06T10:00:00,MUG,2,300,
      o-3,m-2,2025-02-07T10:00:00,TEA,1,200,
      o-4,m-9,2025-02-07T11:00:00,MUG,1,300,
      r-1,m-3,2025-02-10T10:00:00,TEA,-1,,o-2
      r-1,m-3,2025-02-10T10:00:00,MUG,-2,,o-2
      r-2,m-2,2025-02-11T10:00:00,MUG,-1,,o-1
      """;

  private static List<Member> members() throws Exception {
    return MembersFile.read(new BufferedReader(new StringReader(MEMBERS)), TestEngines.twdProgramme().zone(),
        TestEngines.twdProgramme().tiers());
  }

  @Test
  void run_referralChainAndFullRefund_paysBothLevelsAndTakesThemBack() throws Exception {
    // given
    InvoiceReplay replay = InvoiceReplay.of(Replay.builder().lane("default", TestEngines.twd()).members(members()).threads(1).build());

    // when
    InvoiceReplayResult result = replay(replay, ORDERS, InputFormat.GENERIC);

    // then
    Map<String, MemberAccount> accounts = result.lane().accounts();
    assertThat(accounts.get("m-1").ledger().entries()).extracting(LedgerEntry::key, e -> e.points().value())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(EntryKey.referralBonus("m-2", 1).text(), 300L),
            org.assertj.core.groups.Tuple.tuple(EntryKey.referralBonus("m-3", 2).text(), 100L),
            org.assertj.core.groups.Tuple.tuple(EntryKey.clawback("r-1/o-2", EntryKey.referralBonus("m-3", 2)).text(), -100L));
    assertThat(accounts.get("m-2").ledger().balance().value()).isEqualTo(6 + 300 - 300 + 2);
    assertThat(accounts.get("m-3").ledger().balance().value()).isZero();
    // r-2 names o-1, which never sold a MUG: reported, nothing clawed back
    assertThat(result.problems()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo("unmatched-return");
      assertThat(p.lineNo()).isEqualTo(9);
      assertThat(p.message()).contains("in order o-1");
    });
    assertThat(result.input().customersSeen()).isEqualTo(4);
    assertThat(result.lane().members()).isEqualTo(4);
  }

  @Test
  void run_moreThreads_givesTheSameLedgersBecauseReferralFamiliesShareAWorker() throws Exception {
    // given
    InvoiceReplay one = InvoiceReplay.of(Replay.builder().lane("default", TestEngines.twd()).members(members()).threads(1).build());
    InvoiceReplay three = InvoiceReplay.of(Replay.builder().lane("default", TestEngines.twd()).members(members()).threads(3).build());

    // when
    InvoiceReplayResult a = replay(one, ORDERS, InputFormat.GENERIC);
    InvoiceReplayResult b = replay(three, ORDERS, InputFormat.GENERIC);

    // then
    assertThat(b.lane().accounts().keySet()).isEqualTo(a.lane().accounts().keySet());
    for (String id : a.lane().accounts().keySet()) {
      assertThat(b.lane().accounts().get(id).ledger().entries())
          .as("ledger of %s", id).isEqualTo(a.lane().accounts().get(id).ledger().entries());
    }
    assertThat(b.problems()).isEqualTo(a.problems());
    assertThat(b.lane().pointsByRule()).isEqualTo(a.lane().pointsByRule());
    assertThat(b.lane().firings()).isEqualTo(a.lane().firings());
  }

  @Test
  void run_twoLanes_decideTheSameEventsIndependently() throws Exception {
    // given
    InvoiceReplay replay = InvoiceReplay.of(Replay.builder().lane("a", TestEngines.gbp()).lane("b", TestEngines.gbp()).build());

    // when
    InvoiceReplayResult result = replay(replay, RETAIL, InputFormat.ONLINE_RETAIL);

    // then
    assertThat(result.lanes()).extracting(Lane::name).containsExactly("a", "b");
    assertThat(result.lanes().get(1).pointsIssued()).isEqualTo(result.lanes().get(0).pointsIssued()).isEqualTo(9);
    assertThat(result.lanes().get(1).accounts().get("30001").ledger())
        .isNotSameAs(result.lanes().get(0).accounts().get("30001").ledger());
  }

  @Test
  void builder_lanesInDifferentCurrencies_areRefused() {
    assertThatThrownBy(() -> Replay.builder().lane("gbp", TestEngines.gbp()).lane("twd", TestEngines.twd()))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("expected GBP/Europe/London as lane gbp");
  }
}
