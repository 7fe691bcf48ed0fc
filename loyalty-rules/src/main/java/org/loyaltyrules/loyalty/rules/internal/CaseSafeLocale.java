package org.loyaltyrules.loyalty.rules.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Runs Drools work (parsing for the checker, code generation for the build) with a default locale
 * whose case mapping is plain. Drools 10.2 lower-cases Java type names with the JVM default locale,
 * and some of its parser utilities keep what they computed in static caches: under a Turkish,
 * Azeri or Lithuanian default, {@code int} becomes {@code ınt}, and once such a cache is filled by
 * a check, every later build fails. On such JVMs the default is {@link Locale#ROOT} for the duration
 * of the work (one at a time), and all three default categories are put back afterwards; on every
 * other JVM nothing is changed and nothing is locked.
 *
 * <p>Not API: used by {@link org.loyaltyrules.loyalty.rules.RuleBase} and {@link org.loyaltyrules.loyalty.rules.check.DrlChecker}.
 */
@API(status = INTERNAL, since = "0.1")
public final class CaseSafeLocale {
  /** Languages whose lower-casing of {@code I} is not {@code i}. */
  private static final Set<String> CASE_MAPPING_LANGUAGES = Set.of("tr", "az", "lt");
  private static final Object LOCK = new Object();

  private CaseSafeLocale() {}

  /**
   * Not API: used by the rules and check packages.
   *
   * @param work the Drools work
   * @param <T> its result
   * @return its result
   */
  @API(status = INTERNAL, since = "0.1")
  public static <T> T call(Supplier<T> work) {
    // The default is read under the lock: read outside it, one caller could see the ROOT another set
    // for a moment, skip the switch, and have Turkish restored under it halfway through.
    synchronized (LOCK) {
      if (CASE_MAPPING_LANGUAGES.contains(Locale.getDefault().getLanguage())) {
        // setDefault(Locale) also overwrites the display and format defaults, which the host may
        // have set apart: all three are put back as they were.
        Locale previous = Locale.getDefault();
        Locale display = Locale.getDefault(Locale.Category.DISPLAY);
        Locale format = Locale.getDefault(Locale.Category.FORMAT);
        Locale.setDefault(Locale.ROOT);
        try {
          return work.get();
        } finally {
          Locale.setDefault(previous);
          Locale.setDefault(Locale.Category.DISPLAY, display);
          Locale.setDefault(Locale.Category.FORMAT, format);
        }
      }
    }
    return work.get();
  }
}
