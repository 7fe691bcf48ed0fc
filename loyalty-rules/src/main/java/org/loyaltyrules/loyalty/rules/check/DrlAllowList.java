// Over 400 lines: the restricted grammar's allow-lists stay in one file so the docs and checks can be compared with them.
package org.loyaltyrules.loyalty.rules.check;

import static java.util.Map.entry;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.chrono.ChronoLocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;
import org.loyaltyrules.loyalty.rules.facts.Decisions;
import org.loyaltyrules.loyalty.rules.facts.EventFact;
import org.loyaltyrules.loyalty.rules.facts.EventKind;
import org.loyaltyrules.loyalty.rules.facts.MemberFact;
import org.loyaltyrules.loyalty.rules.facts.OrderFact;
import org.loyaltyrules.loyalty.rules.facts.SegmentFact;

// Longer than 400 lines because it is one table: the restricted grammar's allow-lists, kept together so
// that a review reads every allowed type, method, constant and bound in one place.
/**
 * The typed allow-lists of the restricted DRL grammar, in one place so that the documentation in
 * {@link DrlPolicy}, {@link DrlChecker} and docs/restricted-drl.md can be checked against them:
 * the value types a rule may name, the methods it may call on them by signature (receiver, name,
 * parameter types), the constants it may read, the operators and accumulate functions, the
 * collector's methods and the bounds on sizes.
 *
 * <p>Fact properties are not listed here: {@link DrlFactModel} derives them from the fact classes'
 * public getters.
 */
final class DrlAllowList {
  private DrlAllowList() {}

  // ---- packages ---------------------------------------------------------------------------------

  /** Packages a fact package may never be, and a rule file's package may never start with. */
  static final Set<String> PLATFORM_PACKAGE_PREFIXES =
      Set.of("java", "javax", "jdk", "sun", "com.sun", "org.drools", "org.kie", "org.mvel2");

  /** The library's own code packages: a merchant file declaring one would share their package. */
  static final Set<String> LIBRARY_CODE_PACKAGES = Set.of(
      "org.loyaltyrules.loyalty",
      "org.loyaltyrules.loyalty.internal",
      "org.loyaltyrules.loyalty.rules",
      "org.loyaltyrules.loyalty.rules.check",
      "org.loyaltyrules.loyalty.rules.files",
      "org.loyaltyrules.loyalty.rules.internal",
      "org.loyaltyrules.loyalty.rules.facts",
      "org.loyaltyrules.loyalty.rules.testkit",
      "org.loyaltyrules.loyalty.rules.trial");

  /** The library's published fact package. */
  static final String FACT_PACKAGE = "org.loyaltyrules.loyalty.rules.facts";

  // ---- types ------------------------------------------------------------------------------------

  /**
   * Enums of the fact package: rules name them as values ({@code kind == CampaignKind.MULTIPLIER},
   * {@code kind == EventKind.TIER_REVIEW}), every constant allowed, so a misspelt constant is refused
   * where a string would match nothing. Listed by hand, so an enum added to the fact package is not
   * published by accident.
   */
  static final List<Class<? extends Enum<?>>> FACT_ENUMS = List.of(CampaignKind.class, EventKind.class);

  /**
   * Value types a file may import by their full name: JDK types (no wildcard imports of the JDK)
   * and the {@linkplain #FACT_ENUMS fact enums}, which a wildcard import of the fact package also
   * brings.
   */
  static final Map<String, Class<?>> VALUE_IMPORTS = withFactEnums(Map.of(
      "java.math.BigDecimal", BigDecimal.class,
      "java.math.RoundingMode", RoundingMode.class,
      "java.time.LocalDate", LocalDate.class,
      "java.time.DayOfWeek", DayOfWeek.class,
      "java.time.Month", Month.class,
      "java.time.temporal.ChronoUnit", ChronoUnit.class));

  private static Map<String, Class<?>> withFactEnums(Map<String, Class<?>> jdk) {
    Map<String, Class<?>> all = new java.util.HashMap<>(jdk);
    FACT_ENUMS.forEach(e -> all.put(e.getName(), e));
    return Map.copyOf(all);
  }

  private static Set<Class<?>> withFactEnums(Set<Class<?>> jdk) {
    Set<Class<?>> all = new java.util.HashSet<>(jdk);
    all.addAll(FACT_ENUMS);
    return Set.copyOf(all);
  }

  /** java.lang types a file may name without importing them. */
  static final Map<String, Class<?>> JAVA_LANG_NAMES = Map.of(
      "String", String.class, "Integer", Integer.class, "Long", Long.class, "Boolean", Boolean.class,
      "Math", Math.class);

  /** Types a local variable of a consequence may have, besides the fact types. */
  static final Set<Class<?>> LOCAL_TYPES = withFactEnums(Set.of(
      int.class, long.class, boolean.class, Integer.class, Long.class, String.class, BigDecimal.class,
      LocalDate.class, DayOfWeek.class, Month.class));

  /** Types a value of the grammar may have (fact properties of other types are not published). */
  static final Set<Class<?>> VALUE_TYPES = withFactEnums(Set.of(
      int.class, long.class, boolean.class, double.class, Integer.class, Long.class, Boolean.class,
      Double.class, String.class, BigDecimal.class, LocalDate.class, DayOfWeek.class, Month.class,
      RoundingMode.class, ChronoUnit.class));

  /** Facts the engine inserts once per evaluation; every other fact type may have many instances. */
  static final Set<Class<?>> SINGLE_INSTANCE_FACTS = Set.of(MemberFact.class, OrderFact.class, EventFact.class,
      org.loyaltyrules.loyalty.rules.facts.DayFact.class, SegmentFact.class,
      org.loyaltyrules.loyalty.rules.facts.CustomEventFact.class);

  // ---- methods by signature ---------------------------------------------------------------------

  /** What a call costs beyond its own work, for the per-rule bounds. */
  enum Cost {
    /** Cheap and bounded by its inputs. */
    PLAIN,
    /** Multiplies digit counts: counted against {@link #MAX_MULTIPLICATIONS}. */
    MULTIPLICATIVE,
    /**
     * {@code BigDecimal.divide(divisor, scale, rounding)}: counted like a multiplication; the divisor
     * must be a positive constant and the scale a literal from 0 to {@link #MAX_DIVIDE_SCALE}.
     */
    DIVIDE
  }

  /**
   * One allowed method.
   *
   * @param owner the class (or interface) declaring it; it applies to receivers assignable to it
   * @param name the method name
   * @param isStatic whether it is called on the type rather than a value
   * @param parameters the parameter types
   * @param result the return type
   * @param cost what it adds to the rule's bounds
   */
  record Signature(Class<?> owner, String name, boolean isStatic, List<Class<?>> parameters, Class<?> result,
      Cost cost) {
    String display() {
      return owner.getSimpleName() + "." + name + parameters.stream().map(Class::getSimpleName)
          .collect(Collectors.joining(", ", "(", ")"));
    }

    /** @return whether this is a getter that can be read as a property: no parameters, getX/isX */
    boolean isGetter() {
      return !isStatic && parameters.isEmpty() && DrlFactModel.propertyName(name, result).isPresent();
    }
  }

  private static Signature instance(Class<?> owner, String name, Class<?> result, Class<?>... parameters) {
    return new Signature(owner, name, false, List.of(parameters), result, Cost.PLAIN);
  }

  private static Signature statik(Class<?> owner, String name, Class<?> result, Class<?>... parameters) {
    return new Signature(owner, name, true, List.of(parameters), result, Cost.PLAIN);
  }

  private static Signature costly(Cost cost, Class<?> owner, String name, Class<?> result, Class<?>... parameters) {
    return new Signature(owner, name, false, List.of(parameters), result, cost);
  }

  /**
   * Every method a restricted file may call on a value or type. All are read-only, and each costs
   * time bounded by the size of its inputs, which the rest of the grammar bounds. Deliberately
   * absent: anything on {@code Object} but {@code equals} ({@code getClass}, {@code hashCode},
   * {@code toString}, {@code wait} …), regular expressions ({@code matches}, {@code replaceAll},
   * {@code split}), string building ({@code repeat}, {@code format}, {@code concat}),
   * locale-dependent methods ({@code toLowerCase()}), {@code BigDecimal.setScale},
   * {@code movePoint*}, {@code scaleByPowerOfTen}, {@code pow}, {@code toPlainString},
   * {@code toString}, {@code divide} with a {@code MathContext}, and anything on {@code Class}.
   */
  static final List<Signature> SIGNATURES = List.of(
      // BigDecimal
      statik(BigDecimal.class, "valueOf", BigDecimal.class, long.class),
      instance(BigDecimal.class, "add", BigDecimal.class, BigDecimal.class),
      instance(BigDecimal.class, "subtract", BigDecimal.class, BigDecimal.class),
      costly(Cost.MULTIPLICATIVE, BigDecimal.class, "multiply", BigDecimal.class, BigDecimal.class),
      costly(Cost.DIVIDE, BigDecimal.class, "divide", BigDecimal.class, BigDecimal.class, int.class,
          RoundingMode.class),
      instance(BigDecimal.class, "negate", BigDecimal.class),
      instance(BigDecimal.class, "abs", BigDecimal.class),
      instance(BigDecimal.class, "signum", int.class),
      instance(BigDecimal.class, "compareTo", int.class, BigDecimal.class),
      instance(BigDecimal.class, "min", BigDecimal.class, BigDecimal.class),
      instance(BigDecimal.class, "max", BigDecimal.class, BigDecimal.class),
      instance(BigDecimal.class, "intValue", int.class),
      instance(BigDecimal.class, "longValue", long.class),
      // boxed numbers (accumulate results)
      instance(Integer.class, "intValue", int.class),
      instance(Integer.class, "longValue", long.class),
      instance(Long.class, "intValue", int.class),
      instance(Long.class, "longValue", long.class),
      // String
      instance(String.class, "equals", boolean.class, Object.class),
      instance(String.class, "equalsIgnoreCase", boolean.class, String.class),
      instance(String.class, "startsWith", boolean.class, String.class),
      instance(String.class, "endsWith", boolean.class, String.class),
      instance(String.class, "contains", boolean.class, CharSequence.class),
      instance(String.class, "compareTo", int.class, String.class),
      instance(String.class, "isEmpty", boolean.class),
      instance(String.class, "isBlank", boolean.class),
      instance(String.class, "length", int.class),
      // LocalDate
      statik(LocalDate.class, "of", LocalDate.class, int.class, int.class, int.class),
      statik(LocalDate.class, "of", LocalDate.class, int.class, Month.class, int.class),
      instance(LocalDate.class, "getYear", int.class),
      instance(LocalDate.class, "getMonthValue", int.class),
      instance(LocalDate.class, "getMonth", Month.class),
      instance(LocalDate.class, "getDayOfMonth", int.class),
      instance(LocalDate.class, "getDayOfYear", int.class),
      instance(LocalDate.class, "getDayOfWeek", DayOfWeek.class),
      instance(LocalDate.class, "lengthOfMonth", int.class),
      instance(LocalDate.class, "lengthOfYear", int.class),
      instance(LocalDate.class, "isLeapYear", boolean.class),
      instance(LocalDate.class, "plusDays", LocalDate.class, long.class),
      instance(LocalDate.class, "minusDays", LocalDate.class, long.class),
      instance(LocalDate.class, "plusWeeks", LocalDate.class, long.class),
      instance(LocalDate.class, "minusWeeks", LocalDate.class, long.class),
      instance(LocalDate.class, "plusMonths", LocalDate.class, long.class),
      instance(LocalDate.class, "minusMonths", LocalDate.class, long.class),
      instance(LocalDate.class, "plusYears", LocalDate.class, long.class),
      instance(LocalDate.class, "minusYears", LocalDate.class, long.class),
      instance(LocalDate.class, "isBefore", boolean.class, ChronoLocalDate.class),
      instance(LocalDate.class, "isAfter", boolean.class, ChronoLocalDate.class),
      instance(LocalDate.class, "isEqual", boolean.class, ChronoLocalDate.class),
      instance(LocalDate.class, "compareTo", int.class, ChronoLocalDate.class),
      instance(LocalDate.class, "equals", boolean.class, Object.class),
      // DayOfWeek, Month, ChronoUnit
      instance(DayOfWeek.class, "getValue", int.class),
      instance(Month.class, "getValue", int.class),
      instance(ChronoUnit.class, "between", long.class, Temporal.class, Temporal.class),
      // the fact collections (unmodifiable)
      instance(Collection.class, "contains", boolean.class, Object.class),
      instance(Collection.class, "isEmpty", boolean.class),
      instance(Collection.class, "size", int.class),
      // Math
      statik(Math.class, "min", int.class, int.class, int.class),
      statik(Math.class, "max", int.class, int.class, int.class),
      statik(Math.class, "min", long.class, long.class, long.class),
      statik(Math.class, "max", long.class, long.class, long.class),
      statik(Math.class, "abs", int.class, int.class),
      statik(Math.class, "abs", long.class, long.class));

  /** @return the signatures of {@code name} that apply to a receiver (or, if static, a type) */
  static List<Signature> signatures(Class<?> receiver, String name, boolean isStatic) {
    List<Signature> out = new ArrayList<>();
    for (Signature s : SIGNATURES) {
      boolean owner = isStatic ? s.owner() == receiver : s.owner().isAssignableFrom(receiver);
      if (s.isStatic() == isStatic && owner && s.name().equals(name)) {
        out.add(s);
      }
    }
    return out;
  }

  /** @return how the signatures of a receiver read in a message, sorted, for "expected one of" */
  static String signatureList(Class<?> receiver, boolean isStatic) {
    return SIGNATURES.stream()
        .filter(s -> s.isStatic() == isStatic && (isStatic ? s.owner() == receiver : s.owner().isAssignableFrom(receiver)))
        .map(s -> s.name() + s.parameters().stream().map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")")))
        .collect(Collectors.toCollection(TreeSet::new)).toString();
  }

  /** The largest scale a rule may ask {@code BigDecimal.divide} for. */
  static final int MAX_DIVIDE_SCALE = 10;

  // ---- constants --------------------------------------------------------------------------------

  /** Constants a rule may read, by type; enums list every constant a rule may use. */
  static final Map<Class<?>, Set<String>> CONSTANTS = withFactEnumConstants(
      entry(BigDecimal.class, Set.of("ZERO", "ONE", "TEN")),
      // UNNECESSARY is left out: it throws whenever rounding is needed.
      entry(RoundingMode.class, Set.of("UP", "DOWN", "CEILING", "FLOOR", "HALF_UP", "HALF_DOWN", "HALF_EVEN")),
      entry(DayOfWeek.class, Arrays.stream(DayOfWeek.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet())),
      entry(Month.class, Arrays.stream(Month.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet())),
      entry(ChronoUnit.class, Set.of("DAYS", "WEEKS", "MONTHS", "YEARS")));

  @SafeVarargs
  private static Map<Class<?>, Set<String>> withFactEnumConstants(Map.Entry<Class<?>, Set<String>>... jdk) {
    Map<Class<?>, Set<String>> all = new java.util.HashMap<>(Map.ofEntries(jdk));
    for (Class<? extends Enum<?>> e : FACT_ENUMS) {
      all.put(e, Arrays.stream(e.getEnumConstants()).map(Enum::name).collect(Collectors.toUnmodifiableSet()));
    }
    return Map.copyOf(all);
  }

  // ---- operators and accumulate -----------------------------------------------------------------

  /** Drools operators a constraint may use besides the Java comparisons. */
  static final Set<String> OPERATORS = Set.of("memberOf", "contains", "in", "str");

  /** The arguments of {@code str[...]}. */
  static final Set<String> STR_OPERATIONS = Set.of("startsWith", "endsWith", "length");

  /** Accumulate functions a rule may use, over a binding of a fact property (count takes none). */
  static final Set<String> ACCUMULATE_FUNCTIONS = Set.of("count", "sum", "min", "max");

  /** Rule annotations Drools gives a meaning to; a merchant file may not use them. */
  static final Set<String> RESERVED_ANNOTATIONS = Set.of("Propagation", "All", "Direct", "watch", "Eager", "Lazy");

  // ---- the collector ----------------------------------------------------------------------------

  /**
   * The public decision methods of the collector: every public instance method declared by {@link
   * Decisions} except those marked {@code @API(status = INTERNAL)} (its bookkeeping, such as {@code
   * enterRule}, which would let a rule attribute its output to another rule).
   */
  static final Set<String> COLLECTOR_METHODS = Arrays.stream(Decisions.class.getDeclaredMethods())
      .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
      .filter(m -> !m.isSynthetic() && !isInternal(m))
      .map(Method::getName)
      .collect(Collectors.toUnmodifiableSet());

  private static boolean isInternal(Method method) {
    API api = method.getAnnotation(API.class);
    return api != null && api.status() == API.Status.INTERNAL;
  }

  // ---- bounds -----------------------------------------------------------------------------------

  /** The most characters a restricted file may have (a 1,000-rule file is about 300,000). */
  static final int MAX_FILE_CHARS = 2_000_000;
  /** The most rules (and queries) in one file. */
  static final int MAX_RULES = 5_000;
  /** The most patterns in one rule, nested ones included. */
  static final int MAX_PATTERNS = 8;
  /** The most patterns over facts with many instances (lines, campaigns, tiers, uplines) in one rule. */
  static final int MAX_MULTI_INSTANCE_PATTERNS = 2;
  /** The most patterns over {@code LineFact} in one rule: an order may have 10,000 lines. */
  static final int MAX_LINE_PATTERNS = 1;
  /** The most constraints in one pattern. */
  static final int MAX_CONSTRAINTS = 32;
  /** The most statements in one consequence. */
  static final int MAX_STATEMENTS = 40;
  /** The most syntax nodes in one constraint or statement. */
  static final int MAX_EXPRESSION_NODES = 1_500;
  /** The deepest nesting of parentheses, brackets and braces in one piece of code. */
  static final int MAX_NESTING = 24;
  /** The most BigDecimal multiplications and divisions in one rule. */
  static final int MAX_MULTIPLICATIONS = 8;
  /** The longest string literal, in characters as written. */
  static final int MAX_STRING_LITERAL = 200;
  /** The most digits in a number literal. */
  static final int MAX_DIGITS = 18;
  /** The longest rule name. */
  static final int MAX_RULE_NAME = 160;

  // ---- names ------------------------------------------------------------------------------------

  /**
   * Names a binding (without its {@code $}) or local variable may not have, because Java could read
   * them as something else: the roots of the JDK's and well-known packages, the collector and the
   * Drools session. The first segments of the fact packages and of the file's package are added by
   * the checker.
   */
  static final Set<String> RESERVED_NAMES = reservedNames();

  private static Set<String> reservedNames() {
    Set<String> names = new TreeSet<>(Set.of("java", "javax", "jdk", "sun", "com", "org", "net", "io", "edu",
        "gov", "kotlin", "scala", "groovy", "lombok", "decisions", "drools", "kcontext", "kieRuntime"));
    for (Module module : ModuleLayer.boot().modules()) {
      for (String pkg : module.getPackages()) {
        names.add(pkg.substring(0, pkg.indexOf('.') < 0 ? pkg.length() : pkg.indexOf('.')));
      }
    }
    return Set.copyOf(names);
  }

  /** Java and DRL keywords: never a name. */
  static final Set<String> KEYWORDS = Set.of(
      "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
      "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
      "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native",
      "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
      "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
      "volatile", "while", "true", "false", "null", "var", "yield", "record", "sealed", "permits",
      "non", "not", "in", "when", "then", "end", "rule", "query", "from", "eval", "exists", "forall",
      "accumulate", "collect", "over", "entry", "modify", "update", "insert", "retract", "delete");

  // ---- class lookups ----------------------------------------------------------------------------

  private static final Map<String, Optional<Class<?>>> CLASSES = new ConcurrentHashMap<>();

  /**
   * Looks a class up without initialising it, so no static initialiser of a named class ever runs.
   * JDK classes are looked up on the platform loader only; others on the library's loader, which
   * is the loader rule bases are compiled with.
   */
  static Optional<Class<?>> lookUp(String binaryName) {
    if (binaryName.isEmpty() || binaryName.length() > 500) {
      return Optional.empty();
    }
    return CLASSES.computeIfAbsent(binaryName, name -> {
      ClassLoader loader = name.startsWith("java.")
          ? ClassLoader.getPlatformClassLoader()
          : DrlAllowList.class.getClassLoader();
      try {
        return Optional.of(Class.forName(name, false, loader));
      } catch (ClassNotFoundException | LinkageError | SecurityException e) {
        return Optional.empty();
      }
    });
  }

  /**
   * Whether classes of a package have been loaded by the library's class loader or one of its
   * parents: a rule file must not declare it, or the classes generated for its rules would share
   * the package with application classes. Only packages of classes already loaded are seen.
   */
  static boolean packageHasClasses(String packageName) {
    for (ClassLoader loader = DrlAllowList.class.getClassLoader(); loader != null; loader = loader.getParent()) {
      if (loader.getDefinedPackage(packageName) != null) {
        return true;
      }
    }
    return ClassLoader.getPlatformClassLoader().getDefinedPackage(packageName) != null
        || ModuleLayer.boot().modules().stream().anyMatch(m -> m.getPackages().contains(packageName));
  }

  /** @return whether a class of that binary name exists (without initialising it) */
  static boolean classExists(String binaryName) {
    return lookUp(binaryName).isPresent();
  }

  /** @return the package of a fully qualified top-level class name */
  static String packageOf(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? "" : className.substring(0, dot);
  }

  static String simpleNameOf(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
