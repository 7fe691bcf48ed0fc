package org.loyaltyrules.loyalty.rules.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loyaltyrules.loyalty.rules.facts.Decisions;

/**
 * The type names a restricted rule file may use, resolved the way the Java compiler resolves them
 * in the code Drools generates, without initialising any class.
 *
 * <p>A simple name resolves through a single-type import first, then {@code java.lang} (only
 * {@link DrlAllowList#JAVA_LANG_NAMES}), then the wildcard imports of fact packages. The compiler
 * gives a class of the file's own package priority over {@code java.lang} and wildcard imports, so
 * a name resolved through either is refused when the file's package has a class of that name:
 * {@code String} in {@code package com.shop;} is {@code com.shop.String} if that class exists.
 * Qualified names are accepted only where Drools resolves them itself: pattern types and the
 * global's type.
 */
final class DrlTypes {

  /** What a resolved name is. */
  enum Kind {
    /** A fact type of the policy. */
    FACT,
    /** An allowed value type (or {@code Math}). */
    VALUE,
    /** The output collector, {@link Decisions}. */
    COLLECTOR
  }

  /**
   * A name's resolution: the class and its kind, or why the name does not resolve.
   *
   * @param type the class, or null
   * @param kind the kind, or null
   * @param problem why it does not resolve, or null; phrased to follow "[name] "
   */
  record Resolution(Class<?> type, Kind kind, String problem) {
    boolean resolved() {
      return type != null;
    }

    static Resolution of(Class<?> type, Kind kind) {
      return new Resolution(type, kind, null);
    }

    static Resolution refused(String problem) {
      return new Resolution(null, null, problem);
    }
  }

  private final DrlPolicy policy;
  private final String filePackage;
  private final Map<String, String> singleImports = new HashMap<>();
  private final List<String> wildcardImports = new ArrayList<>();

  DrlTypes(DrlPolicy policy, String filePackage) {
    this.policy = policy;
    this.filePackage = filePackage == null ? "" : filePackage;
  }

  DrlPolicy policy() {
    return policy;
  }

  String filePackage() {
    return filePackage;
  }

  /**
   * Records an import and says whether it is allowed.
   *
   * @return empty if allowed, else why not (phrased to follow "import [target] ")
   */
  Optional<String> addImport(String target) {
    if (target.endsWith(".*")) {
      String pkg = target.substring(0, target.length() - 2);
      if (!policy.factPackages().contains(pkg)) {
        return Optional.of("is a wildcard outside the fact packages " + sortedFactPackages());
      }
      wildcardImports.add(pkg);
      return Optional.empty();
    }
    Resolution resolved = qualified(target);
    if (!resolved.resolved()) {
      return Optional.of(resolved.problem());
    }
    String simple = DrlAllowList.simpleNameOf(target);
    String earlier = singleImports.putIfAbsent(simple, target);
    if (earlier != null && !earlier.equals(target)) {
      return Optional.of("clashes with the import of " + earlier);
    }
    return Optional.empty();
  }

  /** Resolves a type name as written in a pattern or global: simple, or fully qualified. */
  Resolution resolveTypeName(String written) {
    String name = written.strip();
    return name.contains(".") ? qualified(name) : simple(name);
  }

  /** Resolves a simple type name as written in code. */
  Resolution simple(String name) {
    if (!isIdentifier(name)) {
      return Resolution.refused("is not a type name");
    }
    String imported = singleImports.get(name);
    if (imported != null) {
      return qualified(imported);
    }
    Class<?> lang = DrlAllowList.JAVA_LANG_NAMES.get(name);
    if (lang != null) {
      return unshadowed(name, Resolution.of(lang, Kind.VALUE));
    }
    List<Class<?>> found = new ArrayList<>();
    for (String pkg : wildcardImports) {
      Class<?> factEnum = DrlAllowList.VALUE_IMPORTS.get(pkg + "." + name);
      if (factEnum != null) {
        return unshadowed(name, Resolution.of(factEnum, Kind.VALUE));
      }
      DrlAllowList.lookUp(pkg + "." + name).filter(c -> DrlFactModel.isFact(c, policy)).ifPresent(found::add);
    }
    if (found.size() > 1) {
      return Resolution.refused("is ambiguous: it names " + found.get(0).getName() + " and " + found.get(1).getName());
    }
    if (found.size() == 1) {
      return unshadowed(name, Resolution.of(found.get(0), Kind.FACT));
    }
    if (DrlAllowList.classExists("java.lang." + name)) {
      return Resolution.refused("is java.lang." + name + ", not an allowed type");
    }
    return Resolution.refused("is not imported");
  }

  /** @return whether a simple name would resolve to a type (used to refuse names that read two ways) */
  boolean isTypeName(String name) {
    return simple(name).resolved() || singleImports.containsKey(name);
  }

  private Resolution unshadowed(String name, Resolution resolution) {
    String local = filePackage.isEmpty() ? name : filePackage + "." + name;
    if (DrlAllowList.classExists(local)) {
      return Resolution.refused("would name " + local + ", a class of the file's own package; import the type by "
          + "its full name");
    }
    return resolution;
  }

  private Resolution qualified(String name) {
    Class<?> value = DrlAllowList.VALUE_IMPORTS.get(name);
    if (value != null) {
      return Resolution.of(value, Kind.VALUE);
    }
    if (name.startsWith("java.lang.") && DrlAllowList.JAVA_LANG_NAMES.containsKey(name.substring(10))
        && name.indexOf('.', 10) < 0) {
      return Resolution.of(DrlAllowList.JAVA_LANG_NAMES.get(name.substring(10)), Kind.VALUE);
    }
    if (name.equals(DrlPolicy.COLLECTOR_TYPE)) {
      return Resolution.of(Decisions.class, Kind.COLLECTOR);
    }
    if (!policy.factPackages().contains(DrlAllowList.packageOf(name))) {
      return Resolution.refused("is not an allowed type");
    }
    Optional<Class<?>> found = DrlAllowList.lookUp(name);
    if (found.isEmpty() || !found.get().getName().equals(name)) {
      return Resolution.refused("is not a class of the fact packages");
    }
    if (!DrlFactModel.isFact(found.get(), policy)) {
      return Resolution.refused("is not a fact type (a public top-level class of " + sortedFactPackages() + ")");
    }
    return Resolution.of(found.get(), Kind.FACT);
  }

  String sortedFactPackages() {
    return policy.factPackages().stream().sorted().toList().toString();
  }

  static String valueTypeNames() {
    return DrlAllowList.VALUE_IMPORTS.keySet().stream().sorted().toList().toString();
  }

  private static boolean isIdentifier(String name) {
    if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
      return false;
    }
    return name.chars().allMatch(Character::isJavaIdentifierPart);
  }
}
