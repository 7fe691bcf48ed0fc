package org.loyaltyrules.loyalty.rules.check;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * What a rule file may contain: the {@linkplain #restricted() restricted} DRL grammar for merchant
 * files, or the {@linkplain #trusted() trusted} policy for files that ship with the library.
 *
 * <p>Both policies report syntax errors with positions, duplicate rule names and the same style
 * warnings (rule names of the form {@code "<concern>: <what>"}, a header comment, a {@code package}
 * that matches the file's folder). The restricted policy accepts only the shapes below, checked
 * before anything is compiled, and refuses everything else (the codes are listed on {@link
 * DrlChecker}):
 *
 * <ul>
 *   <li><b>File:</b> a {@code package} of the merchant's own; single-type imports of fact types
 *       (public top-level classes of {@link #factPackages()}, or a wildcard import of such a
 *       package) and of {@code java.math.BigDecimal}, {@code java.math.RoundingMode}, {@code
 *       java.time.LocalDate}, {@code java.time.DayOfWeek}, {@code java.time.Month}, {@code
 *       java.time.temporal.ChronoUnit} and the fact enums ({@code EventKind}: constants only); the one global {@code global }{@value #COLLECTOR_TYPE}{@code
 *       }{@value #COLLECTOR_GLOBAL}; rules. No functions, declarations, queries, windows, entry
 *       points, units, function/static/accumulate imports or attributes but {@code dialect "java"};
 *       no unicode escapes, control or invisible formatting characters; bounded size.
 *   <li><b>Rule:</b> a name without quotes, backslashes or control characters; annotations with
 *       literal values; {@code when} patterns over fact types, {@code not}, {@code exists}, {@code
 *       forall}, {@code or} and {@code accumulate( Fact(...) ; $n : count() | sum($b) | min($b) |
 *       max($b) ; result constraints )}; no {@code from} of any kind, {@code eval}, {@code extends},
 *       conditional or named consequences. At most 2 patterns over facts with many instances (lines,
 *       campaigns, tiers, uplines and host facts), one of them over {@code LineFact}.
 *   <li><b>Constraint:</b> comparisons ({@code ==}, {@code !=}, {@code <}, {@code <=}, {@code >},
 *       {@code >=}, {@code memberOf}, {@code contains}, {@code in}, {@code str[startsWith]}, {@code
 *       str[endsWith]}, {@code str[length]}, each optionally negated), {@code &&}, {@code ||}, {@code
 *       !}, parentheses, bounded literals, {@code $}-bindings of a property, and property paths
 *       resolved with types against the facts' public getters and the value
 *       types' getters, so {@code class}, {@code declaringClass} or {@code classLoader} never resolve.
 *   <li><b>Values:</b> literals, bindings, properties, whole-number arithmetic, text built with
 *       {@code +}, {@code ?:}, and calls allowed by signature (receiver type, name, parameter types):
 *       read-only, cheap methods of {@code BigDecimal}, {@code LocalDate}, {@code String}, the fact
 *       collections and {@code Math}, and a few constants. No {@code new}, casts, {@code instanceof},
 *       class literals, arrays, lambdas, method references, {@code this} outside constraints, {@code
 *       super}, regular expressions, {@code setScale}, {@code toString} of amounts; at most 8
 *       {@code BigDecimal} multiplications or divisions per rule.
 *   <li><b>Consequence:</b> calls on {@value #COLLECTOR_GLOBAL} (its public decision methods, read
 *       by reflection, not those marked internal) and local variables of value or fact types,
 *       declared before use, named so that they cannot read as a package, never assigned again.
 *       Nothing else: no loops, {@code if}, {@code try}, assignments or other calls.
 * </ul>
 *
 * <p><strong>What the restricted policy guarantees.</strong> The check works on the descriptors of
 * Drools' own DRL parser and on the trees of the parsers the executable model compiles with, so
 * what it types is what Drools compiles; every identifier of every piece of code must be in a tree
 * it checked, and it fails closed on anything it does not know. A file it accepts names no class
 * but the fact types and the listed value types, reaches no method but the fact getters, the
 * collector's decision methods and the listed signatures, creates nothing, cannot reach the Drools
 * session and does bounded work per match.
 *
 * <p><strong>What it does not guarantee.</strong> It does not judge amounts (the collector
 * range-checks them), and a rule that compiles may still fail at run time (a date out of range, a
 * number that does not fit an {@code int}); the engine reports those as typed failures. It relies on
 * fact classes being read-only snapshots whose getters have no side effects, which holds for the
 * library's facts and must hold for host facts added with {@link #withFactPackage(String)}. It
 * depends on the checked text being exactly the text that is compiled, with Drools' default DRL
 * language level. The compiled classes are checked again before any of them is loaded (see
 * docs/restricted-drl.md).
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DrlPolicy {

  /** The name of the only global a restricted file may declare: the output collector. */
  public static final String COLLECTOR_GLOBAL = "decisions";

  /** The type the {@value #COLLECTOR_GLOBAL} global must be declared with. */
  public static final String COLLECTOR_TYPE = "org.loyaltyrules.loyalty.rules.facts.Decisions";

  private static final Set<String> LIBRARY_FACT_PACKAGES = Set.of(DrlAllowList.FACT_PACKAGE);

  private static final Pattern PACKAGE_NAME =
      Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*");

  private static final DrlPolicy RESTRICTED = new DrlPolicy(true, LIBRARY_FACT_PACKAGES);
  private static final DrlPolicy TRUSTED = new DrlPolicy(false, LIBRARY_FACT_PACKAGES);

  private final boolean restricted;
  private final Set<String> factPackages;

  private DrlPolicy(boolean restricted, Set<String> factPackages) {
    this.restricted = restricted;
    this.factPackages = factPackages;
  }

  /**
   * The policy for files that do not ship with the library: syntax, style and the restricted
   * DRL subset described in the class documentation.
   *
   * @return the restricted policy over the library's fact model
   */
  public static DrlPolicy restricted() {
    return RESTRICTED;
  }

  /**
   * The policy for bundled files: syntax errors and style warnings only. Never use it for text a
   * merchant can edit.
   *
   * @return the trusted policy
   */
  public static DrlPolicy trusted() {
    return TRUSTED;
  }

  /**
   * Returns a policy that also treats the public top-level classes of {@code packageName} as fact
   * types: rules may import them, match them in patterns and read their public getters (those whose
   * types are value types, fact types or collections of values). Nothing else of them is
   * reachable: no constructors, static methods or other methods. Only add packages of read-only
   * snapshot classes whose getters have no side effects; the engine must insert their instances.
   *
   * @param packageName a Java package name, not a JDK, Drools, KIE or library code package
   * @return a policy with the package added
   * @throws InvalidValueException if the name is not a package name or names a platform package
   */
  public DrlPolicy withFactPackage(String packageName) {
    Checks.present("DrlPolicy", "packageName", packageName);
    if (!PACKAGE_NAME.matcher(packageName).matches()) {
      throw new InvalidValueException("DRL policy", "factPackage", packageName,
          "a Java package name such as com.shop.loyalty.facts");
    }
    for (String prefix : DrlAllowList.PLATFORM_PACKAGE_PREFIXES) {
      if (packageName.equals(prefix) || packageName.startsWith(prefix + ".")) {
        throw new InvalidValueException("DRL policy", "factPackage", packageName,
            "a package outside the JDK, Drools and KIE");
      }
    }
    if (DrlAllowList.LIBRARY_CODE_PACKAGES.contains(packageName) && !packageName.equals(DrlAllowList.FACT_PACKAGE)) {
      throw new InvalidValueException("DRL policy", "factPackage", packageName,
          "a package outside the library's code packages");
    }
    Set<String> packages = new LinkedHashSet<>(factPackages);
    packages.add(packageName);
    return new DrlPolicy(restricted, Set.copyOf(packages));
  }

  /** {@return whether the restricted DRL subset is enforced} */
  public boolean isRestricted() {
    return restricted;
  }

  /**
   * {@return the packages whose classes are fact types: {@code org.loyaltyrules.loyalty.rules.facts}
   * and any added with {@link #withFactPackage(String)}}
   */
  public Set<String> factPackages() {
    return factPackages;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DrlPolicy that
        && restricted == that.restricted
        && factPackages.equals(that.factPackages);
  }

  @Override
  public int hashCode() {
    return Objects.hash(restricted, factPackages);
  }

  @Override
  public String toString() {
    return "DrlPolicy[" + (restricted ? "restricted" : "trusted") + ", factPackages="
        + factPackages.stream().sorted().toList() + "]";
  }
}
