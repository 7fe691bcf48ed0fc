package org.loyaltyrules.loyalty.examples.merchantcli.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The CSV files a replay writes are opened in spreadsheets; every text in them can come from hostile
 * input (member ids in the order file, campaign names in campaigns.csv, quoted input in problems).
 */
class ReplayOutputCsvTest {

  @Test
  void row_textStartingWithAFormulaCharacter_isWrittenAsText() {
    // given: the formula starters spreadsheets evaluate (OWASP CSV injection), as a member id or reason
    String[] hostile = {"=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"};

    // when
    String row = ReplayOutput.row(hostile);

    // then: each cell starts with an apostrophe, so the spreadsheet shows the text instead of running it
    assertThat(row).isEqualTo("'=cmd|' /C calc'!A0,'+1+1,'-2+3,'@SUM(A1),'\t=1,\"'\r=1\"\n");
  }

  @Test
  void row_numbersAndPlainText_areWrittenUnchanged() {
    // given: points and amounts, negative ones included, and text that merely contains the characters
    String[] fields = {"-300", "-12.50", "+5", "1E+5", "m-1", "a=b", "\"quoted\", text"};

    // when
    String row = ReplayOutput.row(fields);

    // then: a signed number is a number, not a formula; quoting stays RFC 4180
    assertThat(row).isEqualTo("-300,-12.50,+5,1E+5,m-1,a=b,\"\"\"quoted\"\", text\"\n");
  }
}
