package org.loyaltyrules.loyalty.rules.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The checker's own lexing of raw text: which backslashes start a Java unicode escape (JLS 3.3),
 * and which characters are invisible. Backslashes are written here with {@code \\} and the letter
 * {@code u} apart, so that this file itself holds no unicode escape.
 */
class DrlTextTest {
  private static final String BACKSLASH = "\\";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // text (B = one backslash) | offset of the escape, or -1
      "\"C:BBusers\"              | -1",
      "\"BBBBu0041\"              | -1",
      "\"Bu0022\"                 | 1",
      "\"BBBu0022\"               | 3",
      "// Buuuu000a               | 3",
      "\"BBBBBu0041\"             | 5",
      "plain text                 | -1",
      "\"a B\" Bu                 | 6",
  })
  void findUnicodeEscape_onlyABackslashAfterAnEvenRunStartsOne(String written, int expected) {
    // given
    String text = written.strip().replace("B", BACKSLASH);

    // when
    int found = DrlText.findUnicodeEscape(text);

    // then
    assertThat(found).as(text).isEqualTo(expected);
  }

  @Test
  void findUnicodeEscape_escapedBackslashBeforeU_isAStringNotAnEscape() {
    // given: the false positive, "C:\\users" in a rule
    String drl = "decisions.notice(\"C:" + BACKSLASH + BACKSLASH + "users\");";

    // when / then
    assertThat(DrlText.findUnicodeEscape(drl)).isEqualTo(-1);
  }

  @ParameterizedTest(name = "U+{0}")
  @CsvSource({"202E, 3", "200B, 3", "0000, 3", "0007, 3", "2028, 3", "FEFF, 3", "00AD, 3"})
  void findInvisibleCharacter_controlAndFormatCharacters_areFound(String hex, int expected) {
    // given
    String text = "ab " + (char) Integer.parseInt(hex, 16) + "cd";

    // when / then
    assertThat(DrlText.findInvisibleCharacter(text)).isEqualTo(expected);
  }

  @Test
  void findInvisibleCharacter_tabsLineBreaksChineseAndALeadingByteOrderMark_areAllowed() {
    // given
    String text = (char) 0xFEFF + "// 積分規則\r\n\trule \"x: 會員\"\n";

    // when / then
    assertThat(DrlText.findInvisibleCharacter(text)).isEqualTo(-1);
  }

  @Test
  void blankLiteralsAndComments_keepsOffsetsAndLineBreaks() {
    // given
    String code = "a(\"(\") // (\n/* ( */ b('(')";

    // when
    String blank = DrlText.blankLiteralsAndComments(code);

    // then
    assertThat(blank).hasSameSizeAs(code).isEqualTo("a(   )     \n" + "        b(   )");
  }
}
