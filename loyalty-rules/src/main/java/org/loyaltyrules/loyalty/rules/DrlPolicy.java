package org.loyaltyrules.loyalty.rules;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.rules.facts.Decisions;

/**
 * What a rule file may contain: the {@linkplain #restricted() restricted} DRL subset for merchant
 * files, or the {@linkplain #trusted() trusted} policy for files that ship with the library.
 *
 * <p>Both policies report syntax errors with positions and the same style warnings (rule names of
 * the form {@code "<concern>: <what>"}, a header comment, a {@code package} that matches the file's
 * folder). The restricted policy also rejects, before anything is compiled:
 *
 * <ul>
 *   <li>imports outside the fact-model packages ({@link #factPackages()}), {@code java.math},
 *       {@code java.time}, {@code java.time.temporal}, the read-only {@code java.util} collection
 *       types ({@code List}, {@code Set}, {@code Map}, {@code Collection}, {@code Optional} …) and the
 *       {@code java.lang} value types; {@code import function}, {@code import static} and
 *       {@code import accumulate};
 *   <li>{@code function}, {@code eval}, {@code dialect "mvel"}, {@code declare} (types, enums,
 *       windows, entry points), {@code unit}, sliding windows ({@code over window:…});
 *   <li>the attributes {@code salience}, {@code enabled}, {@code agenda-group},
 *       {@code activation-group}, {@code ruleflow-group}, {@code no-loop}, {@code lock-on-active},
 *       {@code auto-focus}, {@code timer}, {@code calendars}, {@code duration},
 *       {@code date-effective}, {@code date-expires};
 *   <li>rule annotations whose values are not literals (Drools evaluates them as code while
 *       building) and pattern annotations other than {@code @watch};
 *   <li>globals other than {@value #COLLECTOR_GLOBAL} of type {@value #COLLECTOR_TYPE};
 *   <li>{@code accumulate} with inline code ({@code init}/{@code action}/{@code reverse}/{@code
 *       result}) or with a function outside Drools' built-in ones ({@code sum}, {@code count},
 *       {@code min}, {@code max}, {@code average}, {@code collectList}, {@code collectSet} …);
 *   <li>in every piece of code — constraints, {@code from}, accumulate arguments, conditional
 *       branches, attribute expressions and consequences — any method call outside the allow-list,
 *       {@code new} of anything but {@code BigDecimal}, {@code BigInteger}, {@code MathContext} and
 *       fact-model types, lambdas, method references, class literals, array creation, references to
 *       classes outside the allowed packages, and Java unicode escapes anywhere in the file;
 *   <li>in consequences, any statement other than a call on {@value #COLLECTOR_GLOBAL}, a local
 *       variable declaration, an assignment to such a local, {@code if}/{@code else} and a bare
 *       {@code return}: so no loops, {@code try}, {@code throw}, {@code switch}, {@code
 *       synchronized}, local classes, {@code insert}, {@code update}, {@code modify}, {@code
 *       delete}, {@code retract}, {@code drools.*} or {@code kcontext}.
 * </ul>
 *
 * <p>The method allow-list: on {@value #COLLECTOR_GLOBAL}, the public decision methods of {@link
 * Decisions} (not its internal bookkeeping); static methods of the fact-model types; a fixed list of
 * static factories of {@code java.time}, {@code java.math} and the boxed types (e.g. {@code
 * BigDecimal.valueOf}, {@code LocalDate.of}, {@code Math.max}, {@code List.of}; never {@code now()});
 * on any value, a fixed list of read-only methods of {@code String}, the collections, {@code
 * BigDecimal}/{@code BigInteger} arithmetic and comparison and the {@code java.time} types (e.g.
 * {@code compareTo}, {@code multiply}, {@code setScale}, {@code contains}, {@code startsWith},
 * {@code isBefore}, {@code plusDays}); and any call without arguments (getters and record
 * accessors) except a deny-list that includes {@code getClass}, {@code wait}, {@code notify},
 * {@code clone}, {@code iterator}, {@code stream}, {@code clear} and {@code remove}.
 *
 * <p><strong>What the restricted policy guarantees.</strong> The check is syntactic: it works on
 * the descriptors of Drools' own DRL parser and on the abstract syntax trees of the parsers the
 * executable model compiles with, so what it inspects is what Drools compiles. Every identifier in
 * each piece of code must appear in the tree the checker inspected, or the file is rejected; the
 * checker fails closed on any construct it does not know. A file it accepts cannot name a class
 * outside the allowed packages, cannot create threads, processes, files, sockets or class loaders,
 * cannot use reflection, cannot reach the Drools session ({@code drools}, {@code kcontext}), and
 * its consequences cannot do anything but call the output collector and compute arguments for it.
 *
 * <p><strong>What it does not guarantee.</strong> It has no type information: a method name on
 * the allow-list is allowed on any receiver, so the guarantee relies on the facts and the values
 * reachable from them being side-effect free, which holds for the library's fact model (read-only
 * snapshots, unmodifiable collections) but not necessarily for fact classes a host adds with {@link
 * #withFactPackage(String)}. It does not bound CPU or memory: a costly regular expression in {@code
 * matches}, a large {@code BigDecimal} scale or a rule that matches a cross product of many facts
 * still run; the engine's firing and output bounds are the defence there. It does not judge
 * whether a rule's amounts are sensible, and it depends on the checked text being exactly the text
 * that is compiled, with Drools' default DRL language level.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DrlPolicy {

  /** The name of the only global a restricted file may declare: the output collector. */
  public static final String COLLECTOR_GLOBAL = "decisions";

  /** The type the {@value #COLLECTOR_GLOBAL} global must be declared with. */
  public static final String COLLECTOR_TYPE = "org.loyaltyrules.loyalty.rules.facts.Decisions";

  private static final Set<String> LIBRARY_FACT_PACKAGES =
      Set.of("org.loyaltyrules.loyalty", "org.loyaltyrules.loyalty.rules.facts");

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
   * Returns a policy that also treats the classes of {@code packageName} as fact model: they may be
   * imported, created with {@code new}, and their static methods and no-argument methods called.
   * Only add packages whose classes are side-effect-free value types.
   *
   * @param packageName a Java package name, not a JDK, Drools or KIE package
   * @return a policy with the package added
   * @throws InvalidValueException if the name is not a package name or names a platform package
   */
  public DrlPolicy withFactPackage(String packageName) {
    Objects.requireNonNull(packageName, "packageName");
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
    Set<String> packages = new LinkedHashSet<>(factPackages);
    packages.add(packageName);
    return new DrlPolicy(restricted, Set.copyOf(packages));
  }

  /** @return whether the restricted DRL subset is enforced */
  public boolean isRestricted() {
    return restricted;
  }

  /**
   * @return the packages whose classes are fact model: {@code org.loyaltyrules.loyalty},
   *     {@code org.loyaltyrules.loyalty.rules.facts} and any added with {@link
   *     #withFactPackage(String)}
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
