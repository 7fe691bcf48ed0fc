package org.loyaltyrules.loyalty.examples.merchantcli.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Money;

class JsonLinesReaderTest {
  private final JsonLinesReader reader = new JsonLinesReader(Currency.getInstance("TWD"), ZoneId.of("Asia/Taipei"),
      NonProductCodes.none());

  @Test
  void read_salesReturnsAndGuests_oneInvoicePerLine() throws Exception {
    // given
    String text = """
        {"id":"o-1","member":"m-7","at":"2025-03-01T10:15:00+08:00","channel":"pos","lines":[{"sku":"TEA-01","category":"tea","quantity":3,"unit_price":"450"},{"sku":"GC-500","category":"gift-card","quantity":1,"unit_price":500}]}

        // a comment
        {"id":"g-1","member":null,"at":"2025-03-02","lines":[{"sku":"MUG","quantity":1,"unit_price":"350.50"}]}
        {"id":"r-1","member":"m-7","at":"2025-03-04T12:00:00","return_of":"o-1","lines":[{"sku":"TEA-01","quantity":-1}]}
        """;

    // when
    Collector c = Collector.read(reader, text);

    // then
    assertThat(c.problems).isEmpty();
    assertThat(c.invoices).extracting(Invoice::id).containsExactly("o-1", "g-1", "r-1");
    Invoice o1 = c.invoice("o-1");
    assertThat(o1.channel()).isEqualTo(Channel.POS);
    assertThat(o1.lines()).extracting(l -> l.unitPrice().orElseThrow())
        .containsExactly(Money.of("450", "TWD"), Money.of("500", "TWD"));
    assertThat(o1.lineNo()).isEqualTo(1);
    assertThat(c.invoice("g-1").isGuest()).isTrue();
    assertThat(c.invoice("g-1").lineNo()).isEqualTo(4);
    assertThat(c.invoice("r-1").returnOf()).contains("o-1");
    assertThat(c.invoice("r-1").at()).isEqualTo(Instant.parse("2025-03-04T04:00:00Z"));
  }

  @Test
  void read_malformedLines_areReportedWithTheirLineAndSkipped() throws Exception {
    // given
    String text = """
        {"id":"o-1","member":"m-1","at":"2025-03-01","lines":[{"sku":"A","quantity":1,"unit_price":"10"}
        {"member":"m-1","at":"2025-03-01","lines":[{"sku":"A","quantity":1,"unit_price":"10"}]}
        {"id":"o-3","member":"m-1","at":"2025-03-01","lines":[{"sku":"A","quantity":0,"unit_price":"10"}]}
        {"id":"o-4","member":"m-1","at":"2025-03-01","colour":"red","lines":[{"sku":"A","quantity":1,"unit_price":"10"}]}
        {"id":"o-5","member":"m-1","at":"2025-03-01","lines":[]}
        [1,2]
        {"id":"o-7","member":"m-1","at":"2025-03-01","lines":[{"sku":"A","quantity":2,"unit_price":"10"}]}
        """;

    // when
    Collector c = Collector.read(reader, text);

    // then
    assertThat(c.invoices).extracting(Invoice::id).containsExactly("o-7");
    assertThat(c.problems).containsExactly(
        "1 malformed-row: JSON error at column 97: expected ',' or ']'",
        "2 malformed-row: id is missing; expected a value",
        "3 malformed-row: lines[0].quantity [0]; expected a non-zero number of units",
        "4 malformed-row: invoice has unknown member \"colour\"; expected some of [at, channel, id, lines, member, return_of]",
        "5 malformed-row: lines: expected a non-empty array of lines",
        "6 malformed-row: expected a JSON object per line");
  }

  @Test
  void read_valuesOfEveryJsonKind_keepExactNumbersAndEscapes() throws Exception {
    // given: a number amount with a trailing zero, an exponent, and escapes in a string
    String text = """
        {"id":"o-1","member":"m-\\u00e9\\"7","at":"2025-03-01","lines":[{"sku":"TEA","quantity":2,"unit_price":2.50},{"sku":"CUP","quantity":1,"unit_price":3e2}]}
        """;

    // when
    Collector c = Collector.read(reader, text);

    // then
    assertThat(c.problems).isEmpty();
    Invoice o1 = c.invoice("o-1");
    assertThat(o1.memberId()).contains("m-é\"7");
    assertThat(o1.lines()).extracting(l -> l.unitPrice().orElseThrow())
        .containsExactly(Money.of("2.50", "TWD"), Money.of("300", "TWD"));
  }

  @Test
  void read_hostileLines_areReportedWithTheirLineAndColumnAndSkipped() throws Exception {
    // given: what MiniJson refused, now refused by Jackson: a trailing comma, text after the value, an
    // unterminated string, a member twice, a misspelt literal, nesting past 64 levels, a 200,000-character string
    String deep = "{\"id\":" + "[".repeat(100) + "]".repeat(100) + "}";
    String text = String.join("\n",
        "{\"id\":\"o-1\",}",
        "{\"id\":\"o-2\"} x",
        "{\"id\":\"o-3",
        "{\"id\":\"o-4\",\"id\":\"o-5\"}",
        "{\"id\":tru}",
        deep,
        "{\"id\":\"" + "x".repeat(200_000) + "\"}",
        "{\"id\":\"o-8\",\"member\":\"m-1\",\"at\":\"2025-03-01\",\"lines\":[{\"sku\":\"A\",\"quantity\":1,\"unit_price\":\"10\"}]}");

    // when
    Collector c = Collector.read(reader, text);

    // then
    assertThat(c.invoices).extracting(Invoice::id).containsExactly("o-8");
    assertThat(c.problems).hasSize(7);
    assertThat(c.problems.get(0)).startsWith("1 malformed-row: JSON error at column 13: ");
    assertThat(c.problems.get(1)).startsWith("2 malformed-row: JSON error at column 14: ");
    assertThat(c.problems.get(2)).startsWith("3 malformed-row: JSON error at column ");
    assertThat(c.problems.get(3)).startsWith("4 malformed-row: JSON error at column ").contains("Duplicate field 'id'");
    assertThat(c.problems.get(4)).startsWith("5 malformed-row: JSON error at column ").contains("tru");
    assertThat(c.problems.get(5)).startsWith("6 malformed-row: JSON error at column ").contains("64");
    assertThat(c.problems.get(6)).startsWith("7 malformed-row: JSON error at column ").contains("100000");
  }
}
