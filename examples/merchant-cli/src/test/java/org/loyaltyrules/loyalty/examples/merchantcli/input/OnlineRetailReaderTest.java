package org.loyaltyrules.loyalty.examples.merchantcli.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Money;

/** The Online Retail layout on invented rows (none copied from the real file). */
class OnlineRetailReaderTest {
  private static final String HEADER = OnlineRetailReader.HEADER + "\n";
  private final OnlineRetailReader reader = new OnlineRetailReader(Currency.getInstance("GBP"),
      ZoneId.of("Europe/London"), NonProductCodes.onlineRetail());

  private static final String FIXTURE = HEADER
      + "900001,10001A,BLUE TEAPOT,6,2011-03-01 09:15:00,2.50,20001.0,United Kingdom\n"          // 2
      + "900001,10002,\"CARD, BIRTHDAY\",12,2011-03-01 09:15:00,0.40,20001.0,United Kingdom\n"   // 3
      + "900001,POST,POSTAGE,1,2011-03-01 09:16:00,18.00,20001.0,United Kingdom\n"              // 4
      + "900002,10003,RED JUG,2,2011-03-01 10:00:00,5.95,,United Kingdom\n"                     // 5
      + "900003,10001A,BLUE TEAPOT,three,2011-03-02 11:00:00,2.50,20002.0,France\n"             // 6
      + "900003,10004,GREEN VASE ,1,2011-03-02 11:00:00,9.99,20002.0,France\n"                   // 7
      + "C900004,10001A,BLUE TEAPOT,-2,2011-03-03 12:00:00,2.50,20001.0,United Kingdom\n"       // 8
      + "900005,10005,LAMP,1,not a date,4.00,20003.0,Spain\n"                                   // 9
      + "900005,10006,SHADE,1,2011-03-04 08:00:00,0.001,20003.0,Spain\n"                        // 10
      + "900005,PADS,PADS TO MATCH,1,2011-03-04 08:00:00,0.001,20003.0,Spain\n"                 // 11
      + "900006,10007,\"ODD \"\"QUOTED\"\" ROW\",1,2011-03-04 09:00:00,1.00,20004,EIRE,extra\n" // 12
      + "C900007,10003,RED JUG,3,2011-03-05 10:00:00,5.95,20001.0,United Kingdom\n"             // 13
      + "900008,10001A,BLUE TEAPOT,1,2011-03-06 09:00:00,2.50,20005.0,United Kingdom\n"         // 14
      + "900009,10002,\"CARD, BIRTHDAY\",1,2011-03-06 09:01:00,0.40,,United Kingdom\n"          // 15
      + "900008,10004,GREEN VASE,1,2011-03-06 09:01:00,9.99,20005.0,United Kingdom\n"           // 16
      + "900010,10003,RED JUG,1,2011-07-01 10:00:00,5.95,20006.0,United Kingdom\n"              // 17
      + "900011,10003,RED JUG,1,7/2/2011 8:05,5.95,20006.0,United Kingdom\n"                   // 18
      + "900012,gift_0001_20,VOUCHER,1,2011-07-03 08:00:00,20.0,20006.0,United Kingdom\n"      // 19
      + "900013,10008,\"BROKEN QUOTE,1,2011-07-03 08:00:00,1.0,20006.0,United Kingdom\n"       // 20
      + "900014,10009,FREE SAMPLE,1,2011-07-03 09:00:00,0,20007.0,United Kingdom\n"            // 21
      + "900015,10010,BAD PRICE,1,2011-07-03 09:00:00,-1.00,20007.0,United Kingdom\n"          // 22
      + "900016,10011,ZERO,0,2011-07-03 09:00:00,1.00,20007.0,United Kingdom\n"                // 23
      + "900017,10012,ALPHA CUSTOMER,1,2011-07-03 09:00:00,1.00,ABC,United Kingdom\n";         // 24

  @Test
  void read_inventedRows_groupsInvoicesAndReportsEveryBadRowWithItsLine() throws Exception {
    // when
    Collector c = Collector.read(reader, FIXTURE);

    // then
    assertThat(c.lines).isEqualTo(24);
    assertThat(c.invoices).extracting(Invoice::id).containsExactly("900001", "900002", "900003", "C900004",
        "900005", "900008", "900009", "900010", "900011", "900012", "900014");
    assertThat(c.problems).extracting(p -> p.substring(0, p.indexOf(' ')))
        .containsExactly("6", "9", "10", "12", "13", "20", "22", "23", "24");
    assertThat(c.problems).allMatch(p -> p.contains(" malformed-row: "));
    assertThat(c.problems.get(0)).contains("Quantity [three]; expected a whole number");
    assertThat(c.problems.get(1)).contains("InvoiceDate [not a date]");
    assertThat(c.problems.get(2)).contains("UnitPrice [0.001]; expected a decimal with at most 2 decimals (GBP)");
    assertThat(c.problems.get(3)).contains("row has 9 fields; expected 8");
    assertThat(c.problems.get(4)).contains("Quantity [3] on cancellation C900007; expected a negative quantity");
    assertThat(c.problems.get(5)).contains("unterminated or misplaced quote");
    assertThat(c.problems.get(6)).contains("UnitPrice [-1.00]; expected ≥ 0");
    assertThat(c.problems.get(7)).contains("Quantity [0]");
    assertThat(c.problems.get(8)).contains("CustomerID [ABC]");
  }

  @Test
  void read_quotedCommaAndFloatCustomerId_parseAsOneLineOfThatCustomer() throws Exception {
    // when
    Invoice invoice = Collector.read(reader, FIXTURE).invoice("900001");

    // then
    assertThat(invoice.memberId()).contains("20001");
    assertThat(invoice.at()).isEqualTo(Instant.parse("2011-03-01T09:15:00Z"));
    assertThat(invoice.lines()).extracting(InvoiceLine::sku, InvoiceLine::quantity, InvoiceLine::nonProduct,
            InvoiceLine::lineNo)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("10001A", 6, false, 2L),
            org.assertj.core.groups.Tuple.tuple("10002", 12, false, 3L),
            org.assertj.core.groups.Tuple.tuple("POST", 1, true, 4L));
    assertThat(invoice.lines().get(1).unitPrice()).contains(Money.of("0.40", "GBP"));
    assertThat(invoice.lines().get(2).unitPrice()).isEmpty();
  }

  @Test
  void read_blankCustomer_isAGuestInvoice() throws Exception {
    Collector c = Collector.read(reader, FIXTURE);
    assertThat(c.invoice("900002").isGuest()).isTrue();
    assertThat(c.invoice("900009").isGuest()).isTrue();
  }

  @Test
  void read_cancellation_keepsNegativeQuantities() throws Exception {
    Invoice c = Collector.read(reader, FIXTURE).invoice("C900004");
    assertThat(c.lines()).singleElement().satisfies(l -> {
      assertThat(l.quantity()).isEqualTo(-2);
      assertThat(l.sku()).isEqualTo("10001A");
    });
  }

  @Test
  void read_invoiceInterleavedWithAnother_collectsBothOfItsRows() throws Exception {
    Invoice invoice = Collector.read(reader, FIXTURE).invoice("900008");
    assertThat(invoice.lines()).extracting(InvoiceLine::lineNo).containsExactly(14L, 16L);
    assertThat(invoice.at()).isEqualTo(Instant.parse("2011-03-06T09:00:00Z"));
  }

  @Test
  void read_summerTimeAndSlashDates_areLondonLocalTime() throws Exception {
    Collector c = Collector.read(reader, FIXTURE);
    assertThat(c.invoice("900010").at()).isEqualTo(Instant.parse("2011-07-01T09:00:00Z"));
    assertThat(c.invoice("900011").at()).isEqualTo(Instant.parse("2011-07-02T07:05:00Z"));
  }

  @Test
  void read_nonProductCodes_areMarkedAndNeedNoValidPrice() throws Exception {
    Collector c = Collector.read(reader, FIXTURE);
    assertThat(c.invoice("900005").lines()).singleElement().satisfies(l -> {
      assertThat(l.sku()).isEqualTo("PADS");
      assertThat(l.nonProduct()).isTrue();
    });
    assertThat(c.invoice("900012").lines().get(0).nonProduct()).isTrue();
    assertThat(c.invoice("900014").lines().get(0).unitPrice()).contains(Money.of("0", "GBP"));
  }

  @Test
  void read_rowsOfAnInvoiceResumingLater_becomeASecondInvoiceAndAreReported() throws Exception {
    // given: invoice 910001 resumes after more than the assembler's window of other invoices
    StringBuilder text = new StringBuilder(HEADER)
        .append("910001,10001A,BLUE TEAPOT,1,2011-04-01 09:00:00,2.50,20001.0,United Kingdom\n");
    for (int i = 0; i < InvoiceAssembler.WINDOW + 1; i++) {
      text.append("92000").append(i).append(",10002,CARD,1,2011-04-01 09:05:00,0.40,,United Kingdom\n");
    }
    text.append("910001,10004,GREEN VASE,1,2011-04-01 09:10:00,9.99,20001.0,United Kingdom\n");

    // when
    Collector c = Collector.read(reader, text.toString());

    // then
    assertThat(c.invoice("910001").lines()).hasSize(1);
    assertThat(c.invoice("910001#2").lines()).hasSize(1);
    assertThat(c.problems).singleElement().asString().startsWith("12 split-invoice: ");
  }

  @Test
  void read_wrongHeader_rejectsTheWholeFile() {
    assertThatThrownBy(() -> Collector.read(reader, "order_id,member_id\n1,2\n"))
        .isInstanceOf(InputFormatException.class)
        .hasMessageContaining("expected the Online Retail layout");
    assertThatThrownBy(() -> Collector.read(reader, "")).isInstanceOf(InputFormatException.class);
  }

  @Test
  void isNonProduct_knownCodesAndPrefixes() {
    assertThat(NonProductCodes.isNonProduct("POST")).isTrue();
    assertThat(NonProductCodes.isNonProduct("m")).isTrue();
    assertThat(NonProductCodes.isNonProduct("BANK CHARGES")).isTrue();
    assertThat(NonProductCodes.isNonProduct("DCGS0070")).isTrue();
    assertThat(NonProductCodes.isNonProduct("gift_0001_10")).isTrue();
    assertThat(NonProductCodes.isNonProduct("85123A")).isFalse();
    assertThat(NonProductCodes.isNonProduct("POSTER")).isFalse();
  }
}
