package org.loyaltyrules.loyalty.rules.check;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.loyaltyrules.loyalty.rules.check.ClassReferences.ClassScan;
import org.loyaltyrules.loyalty.rules.check.ClassReferences.Reference;
import org.loyaltyrules.loyalty.rules.facts.Decisions;
import org.objectweb.asm.Type;

/**
 * Checks the classes Drools generated for a rule base <em>before any of them is defined or
 * initialised</em>: every method call, field access, {@code new}, type reference, constant,
 * {@code invokedynamic} bootstrap and super type of every generated class (inner and anonymous
 * classes, lambdas, static and instance initialisers included) must be on a typed allow-list of
 * what generated rule code legitimately needs, by owner, name and descriptor.
 *
 * <p>This is the line of defence behind the rule-file grammar: whatever reached the generated Java
 * (a Drools code-generation bug that pastes a string into source, a shape the grammar missed), the
 * class is refused unless all it touches is the Drools model API, the fact model's getters, the
 * collector's decision methods and a short list of side-effect-free JDK value methods.
 *
 * <p>The allow-list has three parts: the fixed list in {@code generated-code-allowlist.txt} (JDK and
 * Drools model API, reviewed by hand), the public getters of the fact classes and the public decision
 * methods of {@link Decisions} (read by reflection, so they follow the classes). Classes generated in
 * the same build may reference each other freely, because each of them is checked too.
 *
 * <p>Immutable and thread-safe.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class GeneratedCodeVerifier {

  /** The fact-model package whose classes rules may read through their getters. */
  static final String FACTS_PACKAGE = "org/loyaltyrules/loyalty/rules/facts/";
  private static final String DECISIONS = Type.getInternalName(Decisions.class);
  /** Class-path resource of the fixed part of the allow-list. */
  public static final String ALLOW_LIST = "/org/loyaltyrules/loyalty/rules/generated-code-allowlist.txt";

  /**
   * Something a generated class reaches that is not allowed.
   *
   * @param className the generated class, internal name
   * @param member the method or field of that class where it happens ({@code <clinit>} for a static
   *     initialiser, {@code <class>} for its header)
   * @param reference what it reaches, e.g. {@code method java/lang/System exit (I)V}
   * @param packageName the generated class's package, dotted
   * @param rule the rule whose code it is, or {@code null} when the class belongs to no single rule
   */
  public record Finding(String className, String member, String reference, String packageName, @Nullable String rule) {}

  private static final GeneratedCodeVerifier STANDARD = new GeneratedCodeVerifier(readAllowList());

  private final Set<String> allowed;
  /** Entries with {@code *}: families of one API (overloads by arity), e.g. every {@code D.on(...)}. */
  private final List<java.util.regex.Pattern> families;

  private GeneratedCodeVerifier(Set<String> entries) {
    this.allowed = entries.stream().filter(e -> !e.contains("*")).collect(java.util.stream.Collectors.toUnmodifiableSet());
    this.families = entries.stream().filter(e -> e.contains("*")).map(GeneratedCodeVerifier::family).toList();
  }

  /**
   * {@return the pattern it stands for}
   *
   * @param entry an allow-list entry in which {@code *} stands for any run of characters other than
   *     a space (so it never spans two fields of an entry)
   */
  public static java.util.regex.Pattern family(String entry) {
    String regex = java.util.Arrays.stream(entry.split("\\*", -1)).map(java.util.regex.Pattern::quote)
        .collect(java.util.stream.Collectors.joining("[^ ]*"));
    return java.util.regex.Pattern.compile(regex);
  }

  /** {@return the verifier with the library's allow-list} */
  public static GeneratedCodeVerifier standard() {
    return STANDARD;
  }

  /**
   * Checks generated classes. Nothing is loaded: the bytes are only read.
   *
   * @param classes the generated classes, by internal name ({@code a/b/C}), as class-file bytes
   * @return what they reach that is not allowed, each mapped to its rule where possible; empty when
   *     every class is safe to load
   */
  public List<Finding> verify(Map<String, byte[]> classes) {
    Map<String, ClassScan> scans = ClassReferences.scan(classes);
    Map<String, Set<String>> rulesByClass = ClassReferences.rulesByClass(scans);
    ClassReferences.markRecursion(scans);
    List<Finding> findings = new ArrayList<>();
    for (ClassScan scan : scans.values()) {
      for (Reference ref : scan.references) {
        if (!isAllowed(ref, scans.keySet())) {
          String rule = scan.ruleOfMethod.get(ref.member());
          if (rule == null) {
            Set<String> rules = rulesByClass.getOrDefault(scan.name, Set.of());
            rule = rules.size() == 1 ? rules.iterator().next() : null;
          }
          findings.add(new Finding(scan.name, ref.member(), ref.key(), packageOf(scan.name), rule));
        }
      }
    }
    return findings;
  }

  /**
   * Every reference the classes make outside themselves, as allow-list lines; for building and
   * reviewing the allow-list from known-good rule files.
   *
   * @param classes the generated classes, by internal name
   * @return the references, sorted
   */
  public static Set<String> externalReferences(Map<String, byte[]> classes) {
    Map<String, ClassScan> scans = ClassReferences.scan(classes);
    Set<String> result = new TreeSet<>();
    for (ClassScan scan : scans.values()) {
      for (Reference ref : scan.references) {
        if (!ref.owner().equals("") && !scans.containsKey(ref.owner())) {
          result.add(ref.key());
        }
      }
    }
    return result;
  }

  private boolean isAllowed(Reference ref, Set<String> local) {
    switch (ref.kind()) {
      case "constant-dynamic":
      case "loop":
      case "recursion":
        return false;
      case "put":
        // Generated code writes only its own fields (lambda singletons, metadata instances).
        return local.contains(ref.owner());
      default:
        break;
    }
    if (local.contains(ref.owner())) {
      return true;
    }
    if (allowed.contains(ref.key())) {
      return true;
    }
    for (java.util.regex.Pattern family : families) {
      if (family.matcher(ref.key()).matches()) {
        return true;
      }
    }
    return isFactModelReference(ref);
  }

  private static final java.util.concurrent.ConcurrentMap<String, Boolean> FACT_MODEL = new java.util.concurrent.ConcurrentHashMap<>();

  /** Fact classes may be named as types and read through public getters; the collector through its decision methods. */
  private static boolean isFactModelReference(Reference ref) {
    if (!ref.owner().startsWith(FACTS_PACKAGE)) {
      return false;
    }
    Boolean known = FACT_MODEL.get(ref.key());
    if (known != null) {
      return known;
    }
    boolean allowed = resolveFactModelReference(ref);
    if (FACT_MODEL.size() < 10_000) {
      // Bounded: hostile files could name endless members that do not exist.
      FACT_MODEL.put(ref.key(), allowed);
    }
    return allowed;
  }

  private static boolean resolveFactModelReference(Reference ref) {
    if (!ref.owner().startsWith(FACTS_PACKAGE) || ref.owner().indexOf('/', FACTS_PACKAGE.length()) >= 0
        || ref.owner().contains("$")) {
      return false;
    }
    Class<?> type = factClass(ref.owner());
    if (type == null || !Modifier.isPublic(type.getModifiers())) {
      return false;
    }
    if (type.isEnum()) {
      // A fact enum (EventKind) is named and its constants read, nothing more: its inherited
      // getters (getDeclaringClass) lead out of the fact model.
      return ref.kind().equals("type") || ref.kind().equals("field") && isEnumConstant(type, ref.name(), ref.descriptor());
    }
    switch (ref.kind()) {
      case "type":
        return true;
      case "method":
      case "interface-method":
        Method method = publicMethod(type, ref.name(), ref.descriptor());
        if (method == null || Modifier.isStatic(method.getModifiers())) {
          return false;
        }
        if (type == Decisions.class) {
          API api = method.getAnnotation(API.class);
          return method.getDeclaringClass() == Decisions.class && (api == null || api.status() != API.Status.INTERNAL);
        }
        return isGetter(method);
      default:
        return false;
    }
  }

  private static boolean isEnumConstant(Class<?> type, String name, String descriptor) {
    try {
      return type.getField(name).isEnumConstant() && descriptor.equals(Type.getDescriptor(type));
    } catch (NoSuchFieldException | SecurityException e) {
      return false;
    }
  }

  private static boolean isGetter(Method method) {
    String name = method.getName();
    return method.getParameterCount() == 0 && method.getReturnType() != void.class
        && method.getDeclaringClass() != Object.class
        && ((name.startsWith("get") && name.length() > 3) || (name.startsWith("is") && name.length() > 2));
  }

  private static @Nullable Class<?> factClass(String internalName) {
    try {
      return Class.forName(internalName.replace('/', '.'), false, GeneratedCodeVerifier.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  private static @Nullable Method publicMethod(Class<?> type, String name, String descriptor) {
    for (Method method : type.getMethods()) {
      if (method.getName().equals(name) && Type.getMethodDescriptor(method).equals(descriptor)) {
        return method;
      }
    }
    return null;
  }

  private static String packageOf(String internalName) {
    int slash = internalName.lastIndexOf('/');
    return slash < 0 ? "" : internalName.substring(0, slash).replace('/', '.');
  }

  private static Set<String> readAllowList() {
    Set<String> lines = new HashSet<>();
    try (InputStream in = GeneratedCodeVerifier.class.getResourceAsStream(ALLOW_LIST)) {
      if (in == null) {
        throw new IllegalStateException("missing from the class path: " + ALLOW_LIST);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String trimmed = line.strip();
        if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
          lines.add(trimmed);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ALLOW_LIST, e);
    }
    return Set.copyOf(lines);
  }
}
