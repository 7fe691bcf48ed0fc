package org.loyaltyrules.loyalty.rules;

import static java.util.Map.entry;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.rules.facts.Decisions;

/**
 * The allow-lists of the restricted DRL policy, in one place so that the documentation in {@link
 * DrlPolicy} and docs/restricted-drl.md can be checked against them.
 */
final class DrlAllowList {
  private DrlAllowList() {}

  /** Packages a fact package may never be, and a rule file's package may never start with. */
  static final Set<String> PLATFORM_PACKAGE_PREFIXES =
      Set.of("java", "javax", "jdk", "sun", "com.sun", "org.drools", "org.kie", "org.mvel2");

  /** The library's own code packages: a merchant file declaring one would share their package. */
  static final Set<String> LIBRARY_CODE_PACKAGES = Set.of(
      "org.loyaltyrules.loyalty",
      "org.loyaltyrules.loyalty.internal",
      "org.loyaltyrules.loyalty.rules",
      "org.loyaltyrules.loyalty.rules.internal",
      "org.loyaltyrules.loyalty.rules.facts");

  /** JDK packages whose every class may be imported and named; their static methods stay limited. */
  static final Set<String> JDK_VALUE_PACKAGES = Set.of("java.math", "java.time", "java.time.temporal");

  /** java.lang classes that may be named. Every other java.lang class is refused by name. */
  static final Set<String> JAVA_LANG_TYPES = Set.of(
      "Object", "String", "CharSequence", "Number", "Integer", "Long", "Short", "Byte", "Double",
      "Float", "Boolean", "Character", "Math", "Comparable", "Enum");

  /** java.util types that may be imported and named: read-only collection interfaces and values. */
  static final Set<String> JAVA_UTIL_TYPES = Set.of(
      "Collection", "List", "Set", "Map", "SortedSet", "SortedMap", "NavigableSet", "NavigableMap",
      "Optional", "OptionalInt", "OptionalLong", "OptionalDouble", "Objects", "Currency");

  /** Static methods allowed per JDK class. Fact-model classes allow all their static methods. */
  static final Map<String, Set<String>> STATIC_METHODS = Map.ofEntries(
      entry("java.math.BigDecimal", Set.of("valueOf")),
      entry("java.math.BigInteger", Set.of("valueOf")),
      entry("java.math.RoundingMode", Set.of("valueOf", "values")),
      entry("java.lang.Math", Set.of("min", "max", "abs", "floorDiv", "floorMod", "ceilDiv", "addExact",
          "subtractExact", "multiplyExact", "negateExact", "toIntExact", "clamp", "signum", "round",
          "floor", "ceil")),
      entry("java.lang.Integer", Set.of("valueOf", "parseInt", "min", "max", "sum", "compare",
          "signum", "toString")),
      entry("java.lang.Long", Set.of("valueOf", "parseLong", "min", "max", "sum", "compare",
          "signum", "toString")),
      entry("java.lang.Boolean", Set.of("valueOf", "parseBoolean", "compare", "logicalAnd",
          "logicalOr", "logicalXor", "toString")),
      entry("java.lang.String", Set.of("valueOf", "join")),
      entry("java.util.Objects", Set.of("equals", "isNull", "nonNull", "requireNonNullElse", "hash",
          "hashCode", "toString")),
      entry("java.util.List", Set.of("of", "copyOf")),
      entry("java.util.Set", Set.of("of", "copyOf")),
      entry("java.util.Map", Set.of("of", "copyOf", "entry", "ofEntries")),
      entry("java.util.Optional", Set.of("of", "ofNullable", "empty")),
      entry("java.time.LocalDate", Set.of("of", "ofYearDay", "ofEpochDay", "ofInstant", "parse", "from")),
      entry("java.time.LocalTime", Set.of("of", "ofSecondOfDay", "ofNanoOfDay", "ofInstant", "parse",
          "from")),
      entry("java.time.LocalDateTime", Set.of("of", "ofInstant", "ofEpochSecond", "parse", "from")),
      entry("java.time.Instant", Set.of("ofEpochMilli", "ofEpochSecond", "parse", "from")),
      entry("java.time.ZonedDateTime", Set.of("of", "ofInstant", "ofLocal", "ofStrict", "parse", "from")),
      entry("java.time.OffsetDateTime", Set.of("of", "ofInstant", "parse", "from")),
      entry("java.time.ZoneId", Set.of("of", "from")),
      entry("java.time.ZoneOffset", Set.of("of", "ofHours", "ofHoursMinutes", "ofHoursMinutesSeconds",
          "ofTotalSeconds", "from")),
      entry("java.time.Duration", Set.of("of", "ofDays", "ofHours", "ofMinutes", "ofSeconds", "ofMillis",
          "ofNanos", "between", "parse", "from")),
      entry("java.time.Period", Set.of("of", "ofDays", "ofWeeks", "ofMonths", "ofYears", "between",
          "parse", "from")),
      entry("java.time.Year", Set.of("of", "parse", "from", "isLeap")),
      entry("java.time.YearMonth", Set.of("of", "parse", "from")),
      entry("java.time.MonthDay", Set.of("of", "parse", "from")),
      entry("java.time.DayOfWeek", Set.of("of", "valueOf", "from", "values")),
      entry("java.time.Month", Set.of("of", "valueOf", "from", "values")),
      entry("java.time.temporal.ChronoUnit", Set.of("valueOf", "values")),
      entry("java.time.temporal.ChronoField", Set.of("valueOf", "values")),
      entry("java.time.temporal.TemporalAdjusters", Set.of("firstDayOfMonth", "lastDayOfMonth",
          "firstDayOfNextMonth", "firstDayOfYear", "lastDayOfYear", "firstDayOfNextYear",
          "firstInMonth", "lastInMonth", "dayOfWeekInMonth", "next", "nextOrSame", "previous",
          "previousOrSame")));

  /** JDK classes that may be created with {@code new}; fact-model classes may be too. */
  static final Set<String> NEW_ALLOWED =
      Set.of("java.math.BigDecimal", "java.math.BigInteger", "java.math.MathContext");

  /**
   * Instance methods allowed with arguments, on any receiver: read-only methods of String, the
   * collections, Optional, BigDecimal/BigInteger, the java.time types and the core value types.
   * There is no type information, so a name here is allowed whatever the receiver; every name is
   * side-effect free on the types a rule can reach.
   */
  static final Set<String> INSTANCE_METHODS = Set.of(
      // Object, Comparable
      "equals", "compareTo",
      // String
      "equalsIgnoreCase", "compareToIgnoreCase", "contains", "startsWith", "endsWith", "indexOf",
      "lastIndexOf", "charAt", "substring", "concat", "replace", "matches", "toLowerCase",
      "toUpperCase",
      // collections, Optional
      "containsAll", "containsKey", "containsValue", "get", "getOrDefault", "subList", "orElse",
      // BigDecimal, BigInteger, Money, Points
      "add", "subtract", "multiply", "divide", "divideToIntegralValue", "remainder", "min", "max",
      "setScale", "round", "movePointLeft", "movePointRight", "plus", "minus", "multipliedBy",
      "dividedBy", "isGreaterThan", "isLessThan",
      // java.time
      "plusDays", "minusDays", "plusWeeks", "minusWeeks", "plusMonths", "minusMonths", "plusYears",
      "minusYears", "plusHours", "minusHours", "plusMinutes", "minusMinutes", "plusSeconds",
      "minusSeconds", "plusMillis", "minusMillis", "plusNanos", "minusNanos", "withDayOfMonth",
      "withDayOfYear", "withMonth", "withYear", "withHour", "withMinute", "withSecond", "withNano",
      "with", "isBefore", "isAfter", "isEqual", "isSupported", "until", "truncatedTo", "atZone",
      "atStartOfDay", "atTime", "atDate", "atDay", "atMonth", "atYear", "atOffset", "getLong",
      "between", "isValidDay", "isValidYear");

  /**
   * No-argument methods refused even though no-argument calls are otherwise taken as getters or
   * record accessors: reflection, monitors, iteration and streams (mutating iterators, lambdas),
   * mutators, and, as defence in depth, lifecycle and I/O names no allowed value has.
   */
  static final Set<String> NO_ARG_DENIED = Set.of(
      "getClass", "getDeclaringClass", "describeConstable", "getClassLoader", "getModule",
      "getPackage", "newInstance", "wait", "notify", "notifyAll", "clone", "finalize", "iterator",
      "listIterator", "spliterator", "descendingIterator", "stream", "parallelStream", "chars",
      "codePoints", "clear", "remove", "removeFirst", "removeLast", "poll", "pollFirst",
      "pollLast", "pop", "run", "call", "start", "stop", "interrupt", "join", "suspend", "resume",
      "destroy", "destroyForcibly", "close", "delete", "deleteOnExit", "mkdir", "mkdirs",
      "createNewFile", "openStream", "openConnection", "getContent", "getInputStream",
      "getOutputStream", "readAllBytes", "readLine", "read", "flush", "toPath", "toFile", "toURL",
      "getRuntime", "getProperties", "getenv", "currentThread", "exit", "halt", "gc",
      "runFinalization", "getKieRuntime", "getKieBase", "getKieSession", "getWorkingMemory",
      "getGlobals", "getEntryPoints", "getAgenda", "dispose", "fireAllRules", "fireUntilHalt",
      "getRule", "getMatch", "getTuple");

  /** Drools' built-in accumulate functions (kie.default.properties.conf). */
  static final Set<String> ACCUMULATE_FUNCTIONS = Set.of(
      "sum", "sumI", "sumL", "sumBI", "sumBD", "count", "min", "minN", "minI", "minL", "minBI",
      "minBD", "max", "maxN", "maxI", "maxL", "maxBI", "maxBD", "average", "averageBD",
      "collectList", "collectSet", "variance", "standardDeviation");

  /** Drools' built-in constraint operators (the {@code str[...]} operator checked separately). */
  static final Set<String> OPERATORS = Set.of(
      "matches", "contains", "memberOf", "soundslike", "excludes", "in", "str", "after", "before",
      "coincides", "during", "finishes", "finishedby", "includes", "meets", "metby", "overlaps",
      "overlappedby", "starts", "startedby");

  /** The arguments of {@code str[...]}. */
  static final Set<String> STR_OPERATIONS = Set.of("startsWith", "endsWith", "length");

  /** Rule attributes that are refused; {@code dialect} is checked on its own. */
  static final Set<String> FORBIDDEN_ATTRIBUTES = Set.of(
      "salience", "enabled", "agenda-group", "activation-group", "ruleflow-group", "no-loop",
      "lock-on-active", "auto-focus", "timer", "calendars", "duration", "date-effective",
      "date-expires");

  /** Rule annotations Drools gives a meaning to; merchant files may not change propagation. */
  static final Set<String> RESERVED_ANNOTATIONS = Set.of("Propagation", "All", "Direct", "watch");

  /** Names that reach the Drools session from a consequence. */
  static final Set<String> SESSION_NAMES = Set.of("drools", "kcontext");

  /**
   * Calls Drools turns into working-memory operations when they have no receiver or when the
   * receiver is {@code drools}; named in messages so a merchant understands why they are refused.
   */
  static final Set<String> WORKING_MEMORY_CALLS = Set.of(
      "insert", "insertLogical", "update", "modify", "delete", "retract", "halt", "setFocus");

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

  // ---- class lookups ----------------------------------------------------------------------------

  private static final Map<String, Boolean> EXISTS = new ConcurrentHashMap<>();

  /**
   * Whether a class exists, looked up without initialising it, so no static initialiser of a
   * named class ever runs. JDK classes are looked up on the platform loader only.
   */
  static boolean classExists(String binaryName) {
    return EXISTS.computeIfAbsent(binaryName, name -> {
      ClassLoader loader = name.startsWith("java.")
          ? ClassLoader.getPlatformClassLoader()
          : DrlAllowList.class.getClassLoader();
      try {
        Class.forName(name, false, loader);
        return true;
      } catch (ClassNotFoundException | LinkageError e) {
        return false;
      }
    });
  }

  /** @return the class part of a dotted name: everything up to the first capitalised segment */
  static Optional<String> classPart(String dotted) {
    String[] parts = dotted.split("\\.");
    StringBuilder name = new StringBuilder();
    for (String part : parts) {
      if (name.length() > 0) {
        name.append('.');
      }
      name.append(part);
      if (!part.isEmpty() && Character.isUpperCase(part.charAt(0))) {
        return Optional.of(name.toString());
      }
    }
    return Optional.empty();
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
