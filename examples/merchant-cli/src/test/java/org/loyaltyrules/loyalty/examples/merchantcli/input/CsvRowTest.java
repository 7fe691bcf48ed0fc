package org.loyaltyrules.loyalty.examples.merchantcli.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CsvRowTest {
  private final CsvRow row = new CsvRow();

  @Test
  void split_quotedCommaAndDoubledQuote_areOneFieldEach() {
    // when
    boolean ok = row.split("a,\"PAPER CRAFT , BIRD\",\"say \"\"hi\"\"\",,last");

    // then
    assertThat(ok).isTrue();
    assertThat(row.size()).isEqualTo(5);
    assertThat(row.text(1)).isEqualTo("PAPER CRAFT , BIRD");
    assertThat(row.text(2)).isEqualTo("say \"hi\"");
    assertThat(row.isBlank(3)).isTrue();
    assertThat(row.text(4)).isEqualTo("last");
    assertThat(row.column(4)).isEqualTo(38);
  }

  @Test
  void split_unterminatedQuote_reportsItsColumn() {
    // when
    boolean ok = row.split("1,\"open,2");

    // then
    assertThat(ok).isFalse();
    assertThat(row.errorColumn()).isEqualTo(3);
  }

  @Test
  void split_textAfterClosingQuote_isAnError() {
    assertThat(row.split("\"a\"b,c")).isFalse();
    assertThat(row.errorColumn()).isEqualTo(4);
  }

  @Test
  void parseMinorUnits_plainDecimals_giveMinorUnits() {
    row.split("2.55,18.0,7,0.10,-1.5, 3.00 ");
    assertThat(row.parseMinorUnits(0, 2)).isEqualTo(255);
    assertThat(row.parseMinorUnits(1, 2)).isEqualTo(1800);
    assertThat(row.parseMinorUnits(2, 2)).isEqualTo(700);
    assertThat(row.parseMinorUnits(3, 2)).isEqualTo(10);
    assertThat(row.parseMinorUnits(4, 2)).isEqualTo(-150);
    assertThat(row.parseMinorUnits(5, 2)).isEqualTo(300);
  }

  @Test
  void parseMinorUnits_finerThanTheCurrency_throws() {
    row.split("0.001,1.2.3,abc,");
    assertThatThrownBy(() -> row.parseMinorUnits(0, 2)).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> row.parseMinorUnits(1, 2)).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> row.parseMinorUnits(2, 2)).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> row.parseMinorUnits(3, 2)).isInstanceOf(NumberFormatException.class);
  }

  @Test
  void fieldEquals_comparesInPlace() {
    row.split("536365,85123A");
    assertThat(row.fieldEquals(0, "536365")).isTrue();
    assertThat(row.fieldEquals(0, "53636")).isFalse();
    assertThat(row.parseInt(0)).isEqualTo(536365);
  }
}
