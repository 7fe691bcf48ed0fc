package org.loyaltyrules.loyalty.rules.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The text of one rule file with a line index, and the small lexer the checker needs to find
 * identifiers, string literals and comments without trusting any parser.
 *
 * <p>Positions are 1-based lines and columns counted in UTF-16 units; a tab counts as one column,
 * as in Drools' own parser messages. The end of the file is the position just after the last
 * character, so a file ending in a newline ends on an empty last line.
 */
final class DrlText {
  private final String text;
  private final int[] lineStarts;

  DrlText(String text) {
    this.text = text;
    int[] starts = new int[16];
    int count = 0;
    starts[count++] = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = i + 1;
      }
    }
    this.lineStarts = Arrays.copyOf(starts, count);
  }

  String text() {
    return text;
  }

  int length() {
    return text.length();
  }

  int lineCount() {
    return lineStarts.length;
  }

  /** @return the length of a 1-based line without its line terminator */
  int lineLength(int line) {
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
    if (end > start && text.charAt(end - 1) == '\r') {
      end--;
    }
    return end - start;
  }

  /** @return the 1-based line of a character offset, clamped to the file */
  int lineOf(int offset) {
    int clamped = Math.max(0, Math.min(offset, text.length()));
    int index = Arrays.binarySearch(lineStarts, clamped);
    return index >= 0 ? index + 1 : -index - 1;
  }

  /** @return the 1-based column of a character offset, clamped to the file */
  int columnOf(int offset) {
    int clamped = Math.max(0, Math.min(offset, text.length()));
    return clamped - lineStarts[lineOf(clamped) - 1] + 1;
  }

  /** @return the offset of a 1-based line and column, clamped to the file */
  int offsetOf(int line, int column) {
    int l = Math.max(1, Math.min(line, lineStarts.length));
    int c = Math.max(1, Math.min(column, lineLength(l) + 1));
    return lineStarts[l - 1] + c - 1;
  }

  /** @return whether a 1-based line and column lie inside the file (the end of file included) */
  boolean contains(int line, int column) {
    return line >= 1 && line <= lineStarts.length && column >= 1 && column <= lineLength(line) + 1;
  }

  int endOfFileLine() {
    return lineStarts.length;
  }

  int endOfFileColumn() {
    return lineLength(lineStarts.length) + 1;
  }

  // ---- lexing ----------------------------------------------------------------------------------

  /** A word token: an identifier or keyword, with its offset in the lexed text. */
  record Word(String text, int offset) {}

  /**
   * The identifiers and keywords of a fragment of DRL or Java code, in order, skipping string and
   * character literals, comments and numbers (including DRL's {@code 10B} and {@code 1h30m}).
   */
  static List<Word> words(String code) {
    List<Word> words = new ArrayList<>();
    int i = 0;
    int n = code.length();
    while (i < n) {
      char c = code.charAt(i);
      if (c == '/' && i + 1 < n && code.charAt(i + 1) == '/') {
        i = skipLine(code, i);
      } else if (c == '/' && i + 1 < n && code.charAt(i + 1) == '*') {
        int end = code.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '"' || c == '\'') {
        i = skipQuoted(code, i);
      } else if (Character.isDigit(c)) {
        i++;
        while (i < n && (Character.isJavaIdentifierPart(code.charAt(i)) || code.charAt(i) == '.')) {
          i++;
        }
      } else if (Character.isJavaIdentifierStart(c)) {
        int start = i++;
        while (i < n && Character.isJavaIdentifierPart(code.charAt(i))) {
          i++;
        }
        words.add(new Word(code.substring(start, i), start));
      } else {
        i++;
      }
    }
    return words;
  }

  /**
   * @return the code with the content of string and character literals and of comments replaced by
   *     spaces (line breaks kept), so that offsets stay the same and brackets inside them do not count
   */
  static String blankLiteralsAndComments(String code) {
    char[] out = code.toCharArray();
    int i = 0;
    int n = code.length();
    while (i < n) {
      char c = code.charAt(i);
      int end;
      if (c == '/' && i + 1 < n && code.charAt(i + 1) == '/') {
        end = skipLine(code, i);
      } else if (c == '/' && i + 1 < n && code.charAt(i + 1) == '*') {
        int close = code.indexOf("*/", i + 2);
        end = close < 0 ? n : close + 2;
      } else if (c == '"' || c == '\'') {
        end = skipQuoted(code, i);
      } else {
        i++;
        continue;
      }
      for (int j = i; j < end; j++) {
        if (out[j] != '\n') {
          out[j] = ' ';
        }
      }
      i = end;
    }
    return new String(out);
  }

  private static int skipLine(String code, int i) {
    int end = code.indexOf('\n', i);
    return end < 0 ? code.length() : end;
  }

  /** @return the offset just after the literal starting at {@code i}, or the end of the text */
  private static int skipQuoted(String code, int i) {
    int end = quotedEnd(code, i);
    return end < 0 ? code.length() : end;
  }

  /** @return the offset just after the literal starting at {@code i}, or -1 if it never closes */
  private static int quotedEnd(String code, int i) {
    char quote = code.charAt(i);
    int j = i + 1;
    while (j < code.length()) {
      char c = code.charAt(j);
      if (c == '\\') {
        j += 2;
      } else if (c == quote) {
        return j + 1;
      } else {
        j++;
      }
    }
    return -1;
  }

  /**
   * Finds a string literal or block comment that is still open at the end of the text. Drools
   * reports these at the end of the file; pointing at where they start is what helps a merchant.
   *
   * @return the offset where the unterminated construct starts and a description, or null
   */
  static Unterminated findUnterminated(String code) {
    int i = 0;
    int n = code.length();
    while (i < n) {
      char c = code.charAt(i);
      if (c == '/' && i + 1 < n && code.charAt(i + 1) == '/') {
        i = skipLine(code, i);
      } else if (c == '/' && i + 1 < n && code.charAt(i + 1) == '*') {
        int end = code.indexOf("*/", i + 2);
        if (end < 0) {
          return new Unterminated(i, "block comment");
        }
        i = end + 2;
      } else if (c == '"' || c == '\'') {
        int end = quotedEnd(code, i);
        if (end < 0) {
          return new Unterminated(i, c == '"' ? "string literal" : "quoted literal");
        }
        i = end;
      } else {
        i++;
      }
    }
    return null;
  }

  /** Where an unterminated literal or comment starts. */
  record Unterminated(int offset, String what) {}

  /**
   * Finds a Java unicode escape: a backslash eligible to start one, followed by one or more
   * {@code u}. {@code javac} decodes these before lexing, in comments and string literals too, while
   * the parsers the checker uses do not: the escape {@code \}{@code u0022} closes a string for the
   * compiler that the checker saw as still open. The restricted policy therefore refuses them
   * everywhere.
   *
   * <p>As in the Java Language Specification (3.3), a backslash is eligible only if an even number
   * of backslashes comes right before it: in the string {@code "C:\\users"} the backslash before
   * {@code u} is the second of an escaped pair, so it is not an escape, while in
   * {@code "\\\}{@code u0022"} the third backslash is.
   *
   * @return the offset of the first escape, or -1
   */
  static int findUnicodeEscape(String code) {
    int run = 0;
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c != '\\') {
        run = 0;
        continue;
      }
      boolean eligible = run % 2 == 0;
      run++;
      if (eligible && i + 1 < code.length() && code.charAt(i + 1) == 'u') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Finds a character that changes how the text reads without being visible: a control character
   * other than tab, line feed and carriage return, or a format character (bidirectional overrides
   * and isolates, zero-width spaces and joiners, soft hyphens, a byte-order mark after the start).
   * {@code javac} ignores some of them inside identifiers ({@code Sys}, U+0001, {@code tem} is
   * {@code System} to it but not to a checker comparing names), and the bidirectional ones make a
   * reviewer read different code from what is compiled.
   *
   * @return the offset of the first such character, or -1
   */
  static int findInvisibleCharacter(String code) {
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '\t' || c == '\n' || c == '\r' || i == 0 && c == '\uFEFF') {
        continue;
      }
      int type = Character.getType(c);
      if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR) {
        return i;
      }
    }
    return -1;
  }

  /**
   * @return the offset of {@code word} as a whole word at or after {@code from} and before {@code to}
   *     outside comments and literals, or -1
   */
  static int findWord(String code, String word, int from, int to) {
    int start = Math.max(0, Math.min(from, code.length()));
    int end = Math.max(start, Math.min(to, code.length()));
    // Lex only the region: callers start at a token boundary, and whole-file lexing per lookup
    // would make large files quadratic.
    for (Word w : words(code.substring(start, end))) {
      if (w.text().equals(word)) {
        return start + w.offset();
      }
    }
    return -1;
  }
}
