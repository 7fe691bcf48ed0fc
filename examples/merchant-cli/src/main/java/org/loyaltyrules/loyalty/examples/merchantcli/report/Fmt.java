package org.loyaltyrules.loyalty.examples.merchantcli.report;

import java.util.Locale;

/** Number formatting for reports, independent of the JVM's locale. */
public final class Fmt {
  private Fmt() {}

  /**
   * @param n a number
   * @return it with thousands separators, e.g. {@code 541,909}
   */
  public static String n(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /**
   * @param n a number
   * @return it signed, e.g. {@code +120} or {@code -35}
   */
  public static String signed(long n) {
    return (n > 0 ? "+" : "") + n(n);
  }

  /**
   * @param seconds seconds
   * @return e.g. {@code 3.2 s}
   */
  public static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.1f s", seconds);
  }

  /**
   * @param value a value
   * @param decimals decimals
   * @return it formatted with thousands separators
   */
  public static String decimal(double value, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  /**
   * @param text a text
   * @param width a width
   * @return the text padded on the right to the width
   */
  public static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }

  /**
   * @param text a text
   * @param width a width
   * @return the text padded on the left to the width
   */
  public static String left(String text, int width) {
    return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
  }
}
