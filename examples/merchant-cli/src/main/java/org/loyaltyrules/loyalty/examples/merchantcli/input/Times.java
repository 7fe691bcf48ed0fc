package org.loyaltyrules.loyalty.examples.merchantcli.input;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Parses the times input files carry. */
public final class Times {
  private Times() {}

  /**
   * Parses an ISO-8601 instant or offset date-time ({@code 2025-03-01T10:15:00Z},
   * {@code 2025-03-01T10:15:00+08:00}), a local date-time ({@code 2025-03-01T10:15:00} or with a
   * space instead of {@code T}; read in {@code zone}) or a date ({@code 2025-03-01}; the start of
   * that day in {@code zone}).
   *
   * @param text the text
   * @param zone the zone local times are in
   * @return the instant
   * @throws IllegalArgumentException naming the expected forms, if the text is none of them
   */
  public static Instant parse(String text, ZoneId zone) {
    String t = text.strip();
    try {
      if (t.length() == 10) {
        return LocalDate.parse(t).atStartOfDay(zone).toInstant();
      }
      String iso = t.length() > 10 && t.charAt(10) == ' ' ? t.substring(0, 10) + "T" + t.substring(11) : t;
      if (iso.endsWith("Z") || hasOffset(iso)) {
        return OffsetDateTime.parse(iso).toInstant();
      }
      return LocalDateTime.parse(iso).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("[" + text + "]; expected an ISO date-time such as 2025-03-01T10:15:00"
          + " (in the programme's zone), 2025-03-01T10:15:00+08:00, or a date 2025-03-01");
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("[" + text + "]: " + e.getMessage());
    }
  }

  private static boolean hasOffset(String iso) {
    int t = iso.indexOf('T');
    return t > 0 && (iso.indexOf('+', t) > 0 || iso.indexOf('-', t) > 0);
  }
}
