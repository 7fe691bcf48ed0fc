package org.loyaltyrules.loyalty;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The canonical text of a {@link Programme} and its SHA-256 fingerprint: the same settings give the
 * same text on every JVM, whatever its default time zone or locale, and different settings give
 * different text.
 *
 * <p>The form (version 1) is one line per setting, {@code name value}, in this fixed order, after a
 * first line {@code loyalty-programme v1}: currency, zone, tiers, rounding, roundingScope,
 * pendingPeriod, pointsValidity, expireAtEndOfMonth, negativeBalancePolicy, redemption,
 * stackingPolicy, downgradePolicy, downgradeGrace, tierRefundPolicy,
 * referralRefundPolicy, maxReferralLevels, excludedSkus, excludedCategories, maxQuantityPerLine,
 * maxUnitPrice, maxOrderTotal, maxLinesPerOrder, maxPointsPerDecision, segmentPolicy,
 * tierProgressNotices, storeCreditValidity, then {@code campaigns <n>}
 * and one {@code campaign <value>} line per campaign in id order. Values are written as:
 *
 * <ul>
 *   <li>a string as {@code s<length>:<text>}, so no character in it can be mistaken for syntax;
 *   <li>numbers, booleans and {@code BigDecimal} by {@code toString} (scale kept: 2.0 is not 2.00);
 *   <li>an enum by its name; a currency by its ISO code; a zone by its id; dates, month-days,
 *       instants, local times and periods in ISO-8601;
 *   <li>{@code empty} or {@code some(<value>)} for an {@code Optional}; {@code [a,b]} for a list
 *       in order; {@code {a,b}} for a set, sorted by each element's text;
 *   <li>a record as {@code Name(component=value,…)} in declaration order, so a component added to
 *       {@link Tier} or a campaign type is in the text without a change here.
 * </ul>
 *
 * <p>Adding a setting to {@link Programme}: add a line in {@link #canonicalText}; {@code
 * ProgrammeFingerprintTest} fails until every field is in it. Changing the form: bump the version.
 */
final class ProgrammeFingerprint {
  static final String FORM = "loyalty-programme v1";

  private ProgrammeFingerprint() {}

  /** @return the lower-case hex SHA-256 of the programme's canonical text (64 characters) */
  static String of(Programme p) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalText(p).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new LoyaltyException("programme-fingerprint", "Programme fingerprint failed: algorithm [SHA-256]; "
          + "expected every Java platform to provide it", e);
    }
  }

  /** @return the programme's canonical text (see the class description) */
  static String canonicalText(Programme p) {
    StringBuilder out = new StringBuilder(256 + 256 * p.campaigns().size()).append(FORM).append('\n');
    line(out, "currency", p.currency());
    line(out, "zone", p.zone());
    line(out, "tiers", p.tiers());
    line(out, "rounding", p.rounding());
    line(out, "roundingScope", p.roundingScope());
    line(out, "pendingPeriod", p.pendingPeriod());
    line(out, "pointsValidity", p.pointsValidity());
    line(out, "expireAtEndOfMonth", p.expireAtEndOfMonth());
    line(out, "negativeBalancePolicy", p.negativeBalancePolicy());
    line(out, "redemption", p.redemption());
    line(out, "stackingPolicy", p.stackingPolicy());
    line(out, "downgradePolicy", p.downgradePolicy());
    line(out, "downgradeGrace", p.downgradeGrace());
    line(out, "tierRefundPolicy", p.tierRefundPolicy());
    line(out, "referralRefundPolicy", p.referralRefundPolicy());
    line(out, "maxReferralLevels", p.maxReferralLevels());
    line(out, "excludedSkus", p.excludedSkus());
    line(out, "excludedCategories", p.excludedCategories());
    line(out, "maxQuantityPerLine", p.maxQuantityPerLine());
    line(out, "maxUnitPrice", p.maxUnitPrice());
    line(out, "maxOrderTotal", p.maxOrderTotal());
    line(out, "maxLinesPerOrder", p.maxLinesPerOrder());
    line(out, "maxPointsPerDecision", p.maxPointsPerDecision());
    line(out, "segmentPolicy", p.segmentPolicy());
    line(out, "tierProgressNotices", p.tierProgressNotices());
    line(out, "storeCreditValidity", p.storeCreditValidity());
    List<Campaign> byId = new ArrayList<>(p.campaigns());
    byId.sort(Comparator.comparing(Campaign::id));
    out.append("campaigns ").append(byId.size()).append('\n');
    for (Campaign campaign : byId) {
      out.append("campaign ");
      campaign(out, campaign);
      out.append('\n');
    }
    return out.toString();
  }

  /** The campaign part of the text: one method, so a change to the campaign model touches only it. */
  static void campaign(StringBuilder out, Campaign campaign) {
    value(out, campaign);
  }

  private static void line(StringBuilder out, String name, Object value) {
    out.append(name).append(' ');
    value(out, value);
    out.append('\n');
  }

  /** Writes one value in the canonical form; a type the form does not list is refused. */
  static void value(StringBuilder out, Object v) {
    if (v instanceof String s) {
      out.append('s').append(s.length()).append(':').append(s);
    } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof BigDecimal) {
      out.append(v);
    } else if (v instanceof Enum<?> e) {
      out.append(e.name());
    } else if (v instanceof Currency c) {
      out.append(c.getCurrencyCode());
    } else if (v instanceof ZoneId z) {
      out.append(z.getId());
    } else if (v instanceof Period || v instanceof LocalDate || v instanceof java.time.LocalTime || v instanceof MonthDay || v instanceof Instant
        || v instanceof DayOfWeek) {
      out.append(v);
    } else if (v instanceof Optional<?> o) {
      if (o.isEmpty()) {
        out.append("empty");
      } else {
        out.append("some(");
        value(out, o.get());
        out.append(')');
      }
    } else if (v instanceof Set<?> set) {
      List<String> texts = new ArrayList<>();
      for (Object element : set) {
        StringBuilder text = new StringBuilder();
        value(text, element);
        texts.add(text.toString());
      }
      texts.sort(Comparator.naturalOrder());
      out.append('{').append(String.join(",", texts)).append('}');
    } else if (v instanceof List<?> list) {
      sequence(out, list);
    } else if (v instanceof Record r) {
      record(out, r);
    } else {
      throw new LoyaltyException("programme-fingerprint", "Programme fingerprint failed: value type ["
          + (v == null ? "null" : v.getClass().getName()) + "]; expected a type the canonical form lists");
    }
  }

  private static void sequence(StringBuilder out, Collection<?> items) {
    out.append('[');
    boolean first = true;
    for (Object item : items) {
      if (!first) {
        out.append(',');
      }
      first = false;
      value(out, item);
    }
    out.append(']');
  }

  private static void record(StringBuilder out, Record r) {
    out.append(r.getClass().getSimpleName()).append('(');
    RecordComponent[] components = r.getClass().getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(components[i].getName()).append('=');
      Object component;
      try {
        component = components[i].getAccessor().invoke(r);
      } catch (ReflectiveOperationException e) {
        throw new LoyaltyException("programme-fingerprint", "Programme fingerprint failed: "
            + r.getClass().getSimpleName() + "." + components[i].getName() + " [unreadable]; expected a public "
            + "record component", e);
      }
      value(out, component);
    }
    out.append(')');
  }
}
