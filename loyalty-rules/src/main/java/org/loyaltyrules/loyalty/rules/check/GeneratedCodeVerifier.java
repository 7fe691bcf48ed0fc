package org.loyaltyrules.loyalty.rules.check;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.loyaltyrules.loyalty.rules.facts.Decisions;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
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
  private static final String DRL_RULE_FACTORY = "org/drools/modelcompiler/dsl/pattern/D";
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
   * @param entry an allow-list entry in which {@code *} stands for any run of characters other than
   *     a space (so it never spans two fields of an entry)
   * @return the pattern it stands for
   */
  public static java.util.regex.Pattern family(String entry) {
    String regex = java.util.Arrays.stream(entry.split("\\*", -1)).map(java.util.regex.Pattern::quote)
        .collect(java.util.stream.Collectors.joining("[^ ]*"));
    return java.util.regex.Pattern.compile(regex);
  }

  /** @return the verifier with the library's allow-list */
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
    Map<String, ClassScan> scans = scan(classes);
    Map<String, Set<String>> rulesByClass = rulesByClass(scans);
    markRecursion(scans);
    List<Finding> findings = new ArrayList<>();
    for (ClassScan scan : scans.values()) {
      for (Reference ref : scan.references) {
        if (!isAllowed(ref, scans.keySet())) {
          String rule = scan.ruleOfMethod.get(ref.member);
          if (rule == null) {
            Set<String> rules = rulesByClass.getOrDefault(scan.name, Set.of());
            rule = rules.size() == 1 ? rules.iterator().next() : null;
          }
          findings.add(new Finding(scan.name, ref.member, ref.key, packageOf(scan.name), rule));
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
    Map<String, ClassScan> scans = scan(classes);
    Set<String> result = new TreeSet<>();
    for (ClassScan scan : scans.values()) {
      for (Reference ref : scan.references) {
        if (!ref.owner.equals("") && !scans.containsKey(ref.owner)) {
          result.add(ref.key);
        }
      }
    }
    return result;
  }

  private boolean isAllowed(Reference ref, Set<String> local) {
    switch (ref.kind) {
      case "constant-dynamic":
      case "loop":
      case "recursion":
        return false;
      case "put":
        // Generated code writes only its own fields (lambda singletons, metadata instances).
        return local.contains(ref.owner);
      default:
        break;
    }
    if (local.contains(ref.owner)) {
      return true;
    }
    if (allowed.contains(ref.key)) {
      return true;
    }
    for (java.util.regex.Pattern family : families) {
      if (family.matcher(ref.key).matches()) {
        return true;
      }
    }
    return isFactModelReference(ref);
  }

  private static final java.util.concurrent.ConcurrentMap<String, Boolean> FACT_MODEL = new java.util.concurrent.ConcurrentHashMap<>();

  /** Fact classes may be named as types and read through public getters; the collector through its decision methods. */
  private static boolean isFactModelReference(Reference ref) {
    if (!ref.owner.startsWith(FACTS_PACKAGE)) {
      return false;
    }
    Boolean known = FACT_MODEL.get(ref.key);
    if (known != null) {
      return known;
    }
    boolean allowed = resolveFactModelReference(ref);
    if (FACT_MODEL.size() < 10_000) {
      // Bounded: hostile files could name endless members that do not exist.
      FACT_MODEL.put(ref.key, allowed);
    }
    return allowed;
  }

  private static boolean resolveFactModelReference(Reference ref) {
    if (!ref.owner.startsWith(FACTS_PACKAGE) || ref.owner.indexOf('/', FACTS_PACKAGE.length()) >= 0
        || ref.owner.contains("$")) {
      return false;
    }
    Class<?> type = factClass(ref.owner);
    if (type == null || !Modifier.isPublic(type.getModifiers())) {
      return false;
    }
    switch (ref.kind) {
      case "type":
        return true;
      case "method":
      case "interface-method":
        Method method = publicMethod(type, ref.name, ref.descriptor);
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

  // ------------------------------------------------------------------ reading classes

  /** One reference made by a generated class. */
  private record Reference(String kind, String owner, String name, String descriptor, String member, String key) {
    static Reference of(String kind, String owner, String name, String descriptor, String member) {
      String key = kind + " " + owner + (name.isEmpty() ? "" : " " + name) + (descriptor.isEmpty() ? "" : " " + descriptor);
      return new Reference(kind, owner, name, descriptor, member, key);
    }
  }

  /** What one generated class reaches, and, for rule-building methods, which rule each builds. */
  private static final class ClassScan {
    final String name;
    final List<Reference> references = new ArrayList<>();
    /** Rule name by method, for methods that call Drools' rule factory. */
    final Map<String, String> ruleOfMethod = new HashMap<>();
    /** Generated classes each method reaches. */
    final Map<String, Set<String>> classesOfMethod = new HashMap<>();
    final Set<String> classesOfHeader = new LinkedHashSet<>();
    /** Methods each method calls, as {@code owner.nameDescriptor}. */
    final Map<String, Set<String>> calls = new HashMap<>();

    ClassScan(String name) {
      this.name = name;
    }
  }

  private static Map<String, ClassScan> scan(Map<String, byte[]> classes) {
    Map<String, ClassScan> scans = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> entry : new java.util.TreeMap<>(classes).entrySet()) {
      ClassScan scan = new ClassScan(entry.getKey());
      new ClassReader(entry.getValue()).accept(new Scanner(scan), 0);
      scans.put(entry.getKey(), scan);
    }
    return scans;
  }

  private static final class Scanner extends ClassVisitor {
    private final ClassScan scan;

    Scanner(ClassScan scan) {
      super(Opcodes.ASM9);
      this.scan = scan;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
      if (superName != null) {
        add(Reference.of("super", superName, "", "", "<class>"));
      }
      for (String itf : interfaces) {
        add(Reference.of("super", itf, "", "", "<class>"));
      }
    }

    @Override
    public FieldVisitor visitField(int access, String name, String descriptor, String signature, @Nullable Object value) {
      if (value instanceof Type type) {
        typeReference(type, name);
      }
      return null;
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
      return new MethodScanner(scan, name + descriptor);
    }

    private void add(Reference ref) {
      scan.references.add(ref);
      scan.classesOfHeader.add(ref.owner);
    }

    private void typeReference(Type type, String member) {
      Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
      if (element.getSort() == Type.OBJECT) {
        add(Reference.of("type", element.getInternalName(), "", "", member));
      }
    }
  }

  private static final class MethodScanner extends MethodVisitor {
    private final ClassScan scan;
    private final String member;
    private final Set<String> reached = new LinkedHashSet<>();
    private final Deque<String> recentStrings = new ArrayDeque<>();
    private final Set<org.objectweb.asm.Label> placed = new HashSet<>();
    private boolean loop;

    MethodScanner(ClassScan scan, String member) {
      super(Opcodes.ASM9);
      this.scan = scan;
      this.member = member;
      scan.classesOfMethod.put(member, reached);
    }

    private void add(String kind, String owner, String name, String descriptor) {
      scan.references.add(Reference.of(kind, owner, name, descriptor, member));
      reached.add(owner);
    }

    private void type(String internalName) {
      Type type = internalName.startsWith("[") ? Type.getType(internalName) : Type.getObjectType(internalName);
      Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
      if (element.getSort() == Type.OBJECT) {
        add("type", element.getInternalName(), "", "");
      }
    }

    @Override
    public void visitLabel(org.objectweb.asm.Label label) {
      placed.add(label);
    }

    @Override
    public void visitJumpInsn(int opcode, org.objectweb.asm.Label label) {
      backwardsTo(label);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, org.objectweb.asm.Label dflt, org.objectweb.asm.Label... labels) {
      backwardsTo(dflt);
      for (org.objectweb.asm.Label label : labels) {
        backwardsTo(label);
      }
    }

    @Override
    public void visitLookupSwitchInsn(org.objectweb.asm.Label dflt, int[] keys, org.objectweb.asm.Label[] labels) {
      visitTableSwitchInsn(0, 0, dflt, labels);
    }

    /** A jump to a label already placed goes backwards: a loop. Generated rule code has none. */
    private void backwardsTo(org.objectweb.asm.Label label) {
      if (placed.contains(label) && !loop) {
        loop = true;
        scan.references.add(Reference.of("loop", scan.name, "", "", member));
      }
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
      if (opcode == Opcodes.NEW) {
        add("new", type, "", "");
      } else {
        type(type);
      }
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
      boolean write = opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC;
      add(write ? "put" : "field", owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
      if (owner.startsWith("[")) {
        // Array methods (clone of a values() array): the element type is what matters.
        type(owner);
        add("method", "java/lang/Object", name, descriptor);
        return;
      }
      add(isInterface ? "interface-method" : "method", owner, name, descriptor);
      scan.calls.computeIfAbsent(member, k -> new LinkedHashSet<>()).add(owner + "." + name + descriptor);
      if (owner.equals(DRL_RULE_FACTORY) && name.equals("rule") && !recentStrings.isEmpty()) {
        // D.rule(package, name): the last string pushed is the rule's name.
        scan.ruleOfMethod.put(member, recentStrings.peekLast());
      }
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
      handle("bootstrap", bootstrap);
      for (Object argument : arguments) {
        constant(argument);
      }
    }

    @Override
    public void visitLdcInsn(Object value) {
      if (value instanceof String text) {
        recentStrings.addLast(text);
        if (recentStrings.size() > 4) {
          recentStrings.removeFirst();
        }
      }
      constant(value);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
      type(descriptor);
    }

    @Override
    public void visitTryCatchBlock(org.objectweb.asm.Label start, org.objectweb.asm.Label end,
        org.objectweb.asm.Label handler, @Nullable String type) {
      if (type != null) {
        type(type);
      }
    }

    private void constant(Object value) {
      if (value instanceof Type type) {
        if (type.getSort() == Type.METHOD) {
          return; // a method type is only a shape; the handle beside it says what runs
        }
        type(type.getDescriptor().startsWith("L") ? type.getInternalName() : type.getDescriptor());
      } else if (value instanceof Handle handle) {
        handle("handle", handle);
      } else if (value instanceof ConstantDynamic dynamic) {
        add("constant-dynamic", dynamic.getBootstrapMethod().getOwner(), dynamic.getName(), dynamic.getDescriptor());
      }
    }

    private void handle(String kind, Handle handle) {
      boolean field = handle.getTag() <= Opcodes.H_PUTSTATIC;
      boolean write = handle.getTag() == Opcodes.H_PUTFIELD || handle.getTag() == Opcodes.H_PUTSTATIC;
      String handleKind = kind.equals("bootstrap") ? "bootstrap"
          : field ? (write ? "put" : "field")
          : handle.getTag() == Opcodes.H_NEWINVOKESPECIAL ? "method"
          : handle.isInterface() ? "interface-method" : "method";
      add(handleKind, handle.getOwner(), handle.getName(), handle.getDesc());
      if (handle.getTag() == Opcodes.H_NEWINVOKESPECIAL) {
        add("new", handle.getOwner(), "", "");
      }
    }
  }

  /**
   * Which rule each generated class belongs to: a rule-building method (one that calls Drools'
   * rule factory) owns every generated class it reaches, directly or through other generated
   * classes; nested classes belong with their outer class.
   */
  private static Map<String, Set<String>> rulesByClass(Map<String, ClassScan> scans) {
    // Drools gives each rule its own lambda classes (constraints, extractors, consequence), named in
    // the rule-building method; classes nested in those or in that method's own class belong with
    // them. Shared classes (metadata, the package's rule list) are reached by every rule and belong
    // to none. One pass over each rule method's references: linear in the size of the code.
    Map<String, Set<String>> nested = new HashMap<>();
    for (String name : scans.keySet()) {
      int dollar = name.indexOf('$');
      if (dollar > 0) {
        nested.computeIfAbsent(name.substring(0, dollar), k -> new LinkedHashSet<>()).add(name);
      }
    }
    Map<String, Set<String>> result = new HashMap<>();
    for (ClassScan scan : scans.values()) {
      for (Map.Entry<String, String> entry : scan.ruleOfMethod.entrySet()) {
        for (String reached : scan.classesOfMethod.getOrDefault(entry.getKey(), Set.of())) {
          if (!scans.containsKey(reached) || reached.equals(scan.name) || !scans.get(reached).ruleOfMethod.isEmpty()) {
            continue;
          }
          result.computeIfAbsent(reached, k -> new LinkedHashSet<>()).add(entry.getValue());
          for (String inner : nested.getOrDefault(reached, Set.of())) {
            result.computeIfAbsent(inner, k -> new LinkedHashSet<>()).add(entry.getValue());
          }
        }
      }
    }
    return result;
  }

  /**
   * Marks every generated method that can call itself, directly or through other generated
   * methods. With no loops either, each generated method does a bounded amount of work.
   */
  private static void markRecursion(Map<String, ClassScan> scans) {
    Map<String, List<String>> graph = new HashMap<>();
    for (ClassScan scan : scans.values()) {
      scan.calls.forEach((member, callees) -> graph.put(scan.name + "." + member, callees.stream()
          .filter(c -> scans.containsKey(c.substring(0, c.indexOf('.')))).toList()));
    }
    // Depth-first search without recursion (a hostile call chain could be deep): a call to a method
    // still on the path closes a cycle.
    Set<String> done = new HashSet<>();
    Set<String> onPath = new HashSet<>();
    for (String root : graph.keySet()) {
      if (done.contains(root)) {
        continue;
      }
      Deque<Map.Entry<String, java.util.Iterator<String>>> path = new ArrayDeque<>();
      path.push(Map.entry(root, graph.get(root).iterator()));
      onPath.add(root);
      while (!path.isEmpty()) {
        Map.Entry<String, java.util.Iterator<String>> top = path.peek();
        if (!top.getValue().hasNext()) {
          path.pop();
          onPath.remove(top.getKey());
          done.add(top.getKey());
          continue;
        }
        String callee = top.getValue().next();
        if (onPath.contains(callee)) {
          String owner = callee.substring(0, callee.indexOf('.'));
          scans.get(owner).references.add(Reference.of("recursion", owner, "", "", callee.substring(owner.length() + 1)));
        } else if (!done.contains(callee) && graph.containsKey(callee)) {
          path.push(Map.entry(callee, graph.get(callee).iterator()));
          onPath.add(callee);
        }
      }
    }
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
