package org.loyaltyrules.loyalty;

import java.util.Collections;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.loyaltyrules.loyalty.internal.Checks;

/** The checks every campaign type shares; package-private so it is not API. */
final class CampaignChecks {
  static final String SUBJECT = "campaign";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}");

  private CampaignChecks() {}

  static void check(String id, String name, CampaignTarget target) {
    Checks.present(SUBJECT, "id", id);
    Checks.check(ID.matcher(id).matches(), SUBJECT, "id", id, "letters, digits, '.', '_' or '-', at most 80 characters");
    Checks.nonBlank(SUBJECT, id + ".name", name);
    Checks.present(SUBJECT, id + ".target", target);
  }

  static void positive(String id, Points points) {
    Checks.check(Checks.present(SUBJECT, id + ".bonus", points).isPositive(), SUBJECT, id + ".bonus", points,
        "> 0 for a bonus campaign");
  }

  static void positiveSpend(String id, Money minSpend) {
    Checks.check(Checks.present(SUBJECT, id + ".minSpend", minSpend).isPositive(), SUBJECT, id + ".minSpend",
        minSpend, "a positive amount");
  }

  static void optionalMinSpend(String id, Optional<Money> minSpend) {
    Checks.present(SUBJECT, id + ".minSpend", minSpend)
        .ifPresent(m -> Checks.check(!m.isNegative(), SUBJECT, id + ".minSpend", m, "≥ 0"));
  }

  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{0,39}");

  /** A sorted copy of store or payment-method codes, each shaped as an {@link Order}'s. */
  static Set<String> sortedCodes(String field, Set<String> values) {
    return sortedCopy(field, values, Comparator.naturalOrder(), v -> {
      Checks.check(CODE.matcher(v).matches(), SUBJECT, field, v,
          "lower-case letters, digits and '-', starting with a letter, at most 40 characters");
      return v;
    });
  }

  /**
   * A sorted copy of member tags. A tag with an invisible or line-breaking character looks like
   * another ("vip" and "vip\u200B") yet matches no member's tag, so the campaign would silently pay no
   * one; such a tag is refused.
   */
  static Set<String> sortedTags(String field, Set<String> values) {
    return sortedCopy(field, values, Comparator.naturalOrder(), v -> {
      Checks.nonBlank(SUBJECT, field, v);
      Checks.check(v.codePoints().noneMatch(CampaignChecks::isInvisible), SUBJECT, field, v,
          "member tags without control, format (zero-width, bidi) or line-separator characters");
      return v;
    });
  }

  private static boolean isInvisible(int codePoint) {
    int type = Character.getType(codePoint);
    return Character.isISOControl(codePoint) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  static Set<String> sortedCopy(String field, Set<String> values) {
    return sortedCopy(field, values, Comparator.naturalOrder(), v -> Checks.nonBlank(SUBJECT, field, v));
  }

  /** A sorted, unmodifiable copy of a set whose every element passed {@code check}. */
  static <T> Set<T> sortedCopy(String field, Set<T> values, Comparator<? super T> order, UnaryOperator<T> check) {
    TreeSet<T> copy = new TreeSet<>(order);
    for (T value : Checks.present(SUBJECT, field, values)) {
      copy.add(check.apply(Checks.present(SUBJECT, field, value)));
    }
    return Collections.unmodifiableSet(copy);
  }
}
