package org.loyaltyrules.loyalty.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the class names a rule file uses the way the Java compiler would, from the file's own
 * imports, without loading (let alone initialising) anything but the existence of a class.
 *
 * <p>A simple name resolves through a single-type import first, then {@code java.lang}, then the
 * wildcard imports. A name that resolves nowhere is {@link Kind#UNKNOWN}: Drools might still find
 * it in the rule file's own package, which is exactly what the restricted policy refuses.
 */
final class DrlTypes {
  /** How a name resolved. */
  enum Kind {
    /** A class of a fact-model package. */
    FACT,
    /** An allowed JDK value type. */
    JDK_VALUE,
    /** A class outside the allow-list. */
    FORBIDDEN,
    /** Not resolvable from the file's imports. */
    UNKNOWN
  }

  /** A resolution: the class name (fully qualified when known) and its kind. */
  record Resolved(String name, Kind kind) {
    boolean allowed() {
      return kind == Kind.FACT || kind == Kind.JDK_VALUE;
    }
  }

  private final DrlPolicy policy;
  private final Map<String, String> singleImports = new HashMap<>();
  private final List<String> wildcardImports = new ArrayList<>();

  DrlTypes(DrlPolicy policy) {
    this.policy = policy;
  }

  /** Records an import as Drools would; whether it is allowed is {@link #importAllowed}'s concern. */
  void addImport(String target) {
    if (target.endsWith(".*")) {
      wildcardImports.add(target.substring(0, target.length() - 2));
    } else {
      singleImports.put(DrlAllowList.simpleNameOf(target), target);
    }
  }

  /** @return whether an import target is allowed under the restricted policy */
  boolean importAllowed(String target) {
    if (target.endsWith(".*")) {
      String pkg = target.substring(0, target.length() - 2);
      return policy.factPackages().contains(pkg) || DrlAllowList.JDK_VALUE_PACKAGES.contains(pkg);
    }
    return classify(target).allowed();
  }

  /** Resolves a simple or dotted class name as written in the file. */
  Resolved resolve(String written) {
    String name = written.strip();
    int generic = name.indexOf('<');
    if (generic >= 0) {
      name = name.substring(0, generic).strip();
    }
    while (name.endsWith("[]")) {
      name = name.substring(0, name.length() - 2).strip();
    }
    if (name.isEmpty()) {
      return new Resolved(written, Kind.UNKNOWN);
    }
    int dot = name.indexOf('.');
    String first = dot < 0 ? name : name.substring(0, dot);
    if (!first.isEmpty() && Character.isUpperCase(first.charAt(0))) {
      return resolveSimple(first);
    }
    if (dot < 0) {
      // A lower-case simple name: primitive types are handled by the caller; anything else is
      // resolvable only through the file's own package.
      return resolveSimple(first);
    }
    return classify(name);
  }

  private Resolved resolveSimple(String simple) {
    String imported = singleImports.get(simple);
    if (imported != null) {
      return classify(imported);
    }
    if (DrlAllowList.JAVA_LANG_TYPES.contains(simple)) {
      return new Resolved("java.lang." + simple, Kind.JDK_VALUE);
    }
    if (DrlAllowList.classExists("java.lang." + simple)) {
      return new Resolved("java.lang." + simple, Kind.FORBIDDEN);
    }
    for (String pkg : wildcardImports) {
      if (DrlAllowList.classExists(pkg + "." + simple)) {
        return classify(pkg + "." + simple);
      }
    }
    return new Resolved(simple, Kind.UNKNOWN);
  }

  /** Classifies a fully qualified name (a nested class counts as its top-level class). */
  Resolved classify(String qualified) {
    Optional<String> top = DrlAllowList.classPart(qualified);
    if (top.isEmpty()) {
      return new Resolved(qualified, Kind.UNKNOWN);
    }
    String className = top.get();
    String pkg = DrlAllowList.packageOf(className);
    String simple = DrlAllowList.simpleNameOf(className);
    Kind kind;
    if (policy.factPackages().contains(pkg)) {
      kind = Kind.FACT;
    } else if (pkg.equals("java.lang")) {
      kind = DrlAllowList.JAVA_LANG_TYPES.contains(simple) ? Kind.JDK_VALUE : Kind.FORBIDDEN;
    } else if (pkg.equals("java.util")) {
      kind = DrlAllowList.JAVA_UTIL_TYPES.contains(simple) ? Kind.JDK_VALUE : Kind.FORBIDDEN;
    } else if (DrlAllowList.JDK_VALUE_PACKAGES.contains(pkg)) {
      kind = Kind.JDK_VALUE;
    } else {
      kind = Kind.FORBIDDEN;
    }
    return new Resolved(className, kind);
  }
}
