package org.loyaltyrules.loyalty.examples.merchantcli.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Money;

class GenericCsvReaderTest {
  private final GenericCsvReader reader = new GenericCsvReader(Currency.getInstance("TWD"), ZoneId.of("Asia/Taipei"),
      NonProductCodes.none());

  @Test
  void read_columnsInAnyOrder_buildInvoicesWithDefaults() throws Exception {
    // given
    String text = """
        # a comment line
        sku,quantity,order_id,member_id,occurred_at,unit_price,category,channel,discount,return_of
        TEA-01,3,o-1,m-7,2025-03-01T10:15:00+08:00,450,tea,pos,,
        "GC-500",1,o-1,m-7,2025-03-01T10:15:00+08:00,500,gift-card,pos,,
        MUG,2,o-2,,2025-03-02 09:00,350,,,100,
        TEA-01,-1,r-1,m-7,2025-03-04,,,pos,,o-1
        """;

    // when
    Collector c = Collector.read(reader, text);

    // then
    assertThat(c.problems).isEmpty();
    assertThat(c.invoices).extracting(Invoice::id).containsExactly("o-1", "o-2", "r-1");
    Invoice o1 = c.invoice("o-1");
    assertThat(o1.memberId()).contains("m-7");
    assertThat(o1.channel()).isEqualTo(Channel.POS);
    assertThat(o1.at()).isEqualTo(Instant.parse("2025-03-01T02:15:00Z"));
    assertThat(o1.lines()).extracting(InvoiceLine::category).containsExactly("tea", "gift-card");
    Invoice o2 = c.invoice("o-2");
    assertThat(o2.isGuest()).isTrue();
    assertThat(o2.channel()).isEqualTo(Channel.ONLINE_STORE);
    assertThat(o2.at()).isEqualTo(Instant.parse("2025-03-02T01:00:00Z"));
    assertThat(o2.lines().get(0).category()).isEqualTo("general");
    assertThat(o2.lines().get(0).discount()).contains(Money.of("100", "TWD"));
    Invoice r1 = c.invoice("r-1");
    assertThat(r1.returnOf()).contains("o-1");
    assertThat(r1.lines().get(0).quantity()).isEqualTo(-1);
    assertThat(r1.lines().get(0).unitPrice()).isEmpty();
  }

  @Test
  void read_badRows_areReportedWithTheirLineAndSkipped() throws Exception {
    // given
    String text = """
        order_id,member_id,occurred_at,sku,quantity,unit_price
        o-1,m-1,2025-03-01,A,1,
        o-2,m-1,yesterday,A,1,10
        o-3,m-1,2025-03-01,A,1.5,10
        o-4,m-1,2025-03-01,A,1,10.001
        o-5,m-1,2025-03-01,A,1,10,extra
        o-6,m-1,2025-03-01,A,2,10
        """;

    // when
    Collector c = Collector.read(reader, text);

    // then
    assertThat(c.invoices).extracting(Invoice::id).containsExactly("o-6");
    assertThat(c.problems).containsExactly(
        "2 malformed-row: unit_price is blank; expected the price of one unit on a sale",
        "3 malformed-row: occurred_at [yesterday]; expected an ISO date-time such as 2025-03-01T10:15:00 (in the"
            + " programme's zone), 2025-03-01T10:15:00+08:00, or a date 2025-03-01",
        "4 malformed-row: quantity [1.5]; expected a whole number",
        "5 malformed-row: unit_price [10.001]; expected at most 2 decimals (TWD)",
        "6 malformed-row: row has 7 fields; expected 6 as in the header");
  }

  @Test
  void read_headerWithoutARequiredColumn_rejectsTheFile() {
    assertThatThrownBy(() -> Collector.read(reader, "order_id,sku,quantity\n1,A,1\n"))
        .isInstanceOf(InputFormatException.class)
        .hasMessageContaining("header lacks [member_id, occurred_at]");
    assertThatThrownBy(() -> Collector.read(reader, "order_id,member_id,occurred_at,sku,quantity,colour\n"))
        .isInstanceOf(InputFormatException.class)
        .hasMessageContaining("[colour] is not part of the generic layout");
  }
}
