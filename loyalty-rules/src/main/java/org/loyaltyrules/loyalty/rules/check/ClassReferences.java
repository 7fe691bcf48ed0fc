package org.loyaltyrules.loyalty.rules.check;

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
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Reading generated class files for {@link GeneratedCodeVerifier}: every reference each class
 * makes (calls, field accesses, {@code new}, types, constants, bootstrap methods, super types), the
 * rule each class belongs to, and the loops and recursion generated rule code must not have. Only
 * bytes are read; nothing is loaded. Deciding what is allowed stays in the verifier.
 */
final class ClassReferences {
  private static final String DRL_RULE_FACTORY = "org/drools/modelcompiler/dsl/pattern/D";

  private ClassReferences() {}

  /** One reference made by a generated class. */
  record Reference(String kind, String owner, String name, String descriptor, String member, String key) {
    static Reference of(String kind, String owner, String name, String descriptor, String member) {
      String key = kind + " " + owner + (name.isEmpty() ? "" : " " + name) + (descriptor.isEmpty() ? "" : " " + descriptor);
      return new Reference(kind, owner, name, descriptor, member, key);
    }
  }

  /** What one generated class reaches, and, for rule-building methods, which rule each builds. */
  static final class ClassScan {
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

  static Map<String, ClassScan> scan(Map<String, byte[]> classes) {
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
  static Map<String, Set<String>> rulesByClass(Map<String, ClassScan> scans) {
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
  static void markRecursion(Map<String, ClassScan> scans) {
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
}
