package org.loyaltyrules.loyalty.examples.merchantcli.input;

import java.util.Arrays;

/**
 * Splits one CSV line (RFC 4180: comma-separated, fields holding commas or quotes are double-quoted,
 * a quote inside them doubled) into fields without copying them: each field is a range of the line,
 * read with {@link #text(int)} or parsed in place. One instance is reused for every line of a file,
 * so splitting allocates nothing.
 *
 * <p>Not thread-safe.
 */
public final class CsvRow {
  private String line = "";
  private int count;
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private boolean[] escaped = new boolean[16];
  private int errorColumn;

  /**
   * Splits a line.
   *
   * @param text the line, without its line terminator
   * @return whether the line is well formed; if not, {@link #errorColumn()} says where
   */
  public boolean split(String text) {
    this.line = text;
    this.count = 0;
    this.errorColumn = 0;
    int n = text.length();
    int i = 0;
    while (true) {
      if (count == starts.length) {
        grow();
      }
      if (i < n && text.charAt(i) == '"') {
        int start = i + 1;
        int j = start;
        boolean hasEscape = false;
        while (true) {
          if (j >= n) {
            errorColumn = i + 1;
            return false;
          }
          char c = text.charAt(j);
          if (c == '"') {
            if (j + 1 < n && text.charAt(j + 1) == '"') {
              hasEscape = true;
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        starts[count] = start;
        ends[count] = j;
        escaped[count] = hasEscape;
        count++;
        i = j + 1;
        if (i == n) {
          return true;
        }
        if (text.charAt(i) != ',') {
          errorColumn = i + 1;
          return false;
        }
        i++;
      } else {
        int comma = text.indexOf(',', i);
        int end = comma < 0 ? n : comma;
        starts[count] = i;
        ends[count] = end;
        escaped[count] = false;
        count++;
        if (comma < 0) {
          return true;
        }
        i = comma + 1;
      }
    }
  }

  private void grow() {
    starts = Arrays.copyOf(starts, starts.length * 2);
    ends = Arrays.copyOf(ends, ends.length * 2);
    escaped = Arrays.copyOf(escaped, escaped.length * 2);
  }

  /** @return the 1-based column of the last split's syntax error, 0 if none */
  public int errorColumn() {
    return errorColumn;
  }

  /** @return the number of fields of the last split */
  public int size() {
    return count;
  }

  /** @return the line last split */
  public String line() {
    return line;
  }

  /**
   * @param i a field index
   * @return the field's first character's index in the line
   */
  public int start(int i) {
    return starts[i];
  }

  /**
   * @param i a field index
   * @return the index after the field's last character
   */
  public int end(int i) {
    return ends[i];
  }

  /**
   * @param i a field index
   * @return the 1-based column the field starts at (for problem reports)
   */
  public int column(int i) {
    return starts[i] + 1;
  }

  /**
   * @param i a field index
   * @return the field's text, unquoted
   */
  public String text(int i) {
    String raw = line.substring(starts[i], ends[i]);
    return escaped[i] ? raw.replace("\"\"", "\"") : raw;
  }

  /**
   * @param i a field index
   * @return whether the field is empty or only spaces
   */
  public boolean isBlank(int i) {
    for (int k = starts[i]; k < ends[i]; k++) {
      if (line.charAt(k) != ' ') {
        return false;
      }
    }
    return true;
  }

  /**
   * @param i a field index
   * @param value a string
   * @return whether the field's raw text equals {@code value}, compared in place
   */
  public boolean fieldEquals(int i, String value) {
    int length = ends[i] - starts[i];
    return length == value.length() && line.regionMatches(starts[i], value, 0, length);
  }

  /**
   * Parses the field as a whole number, in place.
   *
   * @param i a field index
   * @return the number
   * @throws NumberFormatException if the field is not an integer that fits an {@code int}
   */
  public int parseInt(int i) {
    return Integer.parseInt(line, trimStart(i), trimEnd(i), 10);
  }

  private int trimStart(int i) {
    int k = starts[i];
    while (k < ends[i] && line.charAt(k) == ' ') {
      k++;
    }
    return k;
  }

  private int trimEnd(int i) {
    int k = ends[i];
    while (k > starts[i] && line.charAt(k - 1) == ' ') {
      k--;
    }
    return k;
  }

  /**
   * Parses the field as a decimal in minor units of a currency with {@code digits} decimals, in
   * place, e.g. {@code "2.55"} → 255 and {@code "18.0"} → 1800 for two digits.
   *
   * @param i a field index
   * @param digits the currency's decimals
   * @return the amount in minor units
   * @throws NumberFormatException if the field is not a plain decimal, has more significant decimals
   *     than {@code digits}, or is too large
   */
  public long parseMinorUnits(int i, int digits) {
    int k = trimStart(i);
    int end = trimEnd(i);
    if (k == end) {
      throw new NumberFormatException("empty");
    }
    boolean negative = false;
    char first = line.charAt(k);
    if (first == '-' || first == '+') {
      negative = first == '-';
      k++;
    }
    long value = 0;
    int decimals = -1;
    int digitsSeen = 0;
    for (; k < end; k++) {
      char c = line.charAt(k);
      if (c == '.' && decimals < 0) {
        decimals = 0;
        continue;
      }
      if (c < '0' || c > '9') {
        throw new NumberFormatException("not a plain decimal");
      }
      digitsSeen++;
      if (decimals >= 0) {
        if (decimals == digits) {
          if (c != '0') {
            throw new NumberFormatException("more than " + digits + " decimals");
          }
          continue;
        }
        decimals++;
      }
      value = Math.addExact(Math.multiplyExact(value, 10), c - '0');
    }
    if (digitsSeen == 0) {
      throw new NumberFormatException("no digits");
    }
    for (int d = Math.max(decimals, 0); d < digits; d++) {
      value = Math.multiplyExact(value, 10);
    }
    return negative ? -value : value;
  }
}
