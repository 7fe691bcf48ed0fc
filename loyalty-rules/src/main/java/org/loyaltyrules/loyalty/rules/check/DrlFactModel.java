package org.loyaltyrules.loyalty.rules.check;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.loyaltyrules.loyalty.rules.facts.Decisions;

/**
 * The properties a rule may read from a fact, derived once per class from its public getters: a
 * public, non-static method without parameters named {@code getX} (or {@code isX} returning
 * {@code boolean}) whose return type is a value type of the grammar, a fact type, or a {@code Set},
 * {@code List} or {@code Collection} of a value type. Nothing else is a property: {@code class},
 * {@code declaringClass} and {@code classLoader} never resolve, and a host fact's getter of an
 * unknown type stays invisible to rules.
 */
final class DrlFactModel {
  private DrlFactModel() {}

  /**
   * One readable property of a fact.
   *
   * @param name the property name as a constraint writes it ({@code earningBase})
   * @param getter the getter a consequence calls ({@code getEarningBase})
   * @param type its type
   */
  record Property(String name, String getter, DrlType type) {}

  private static final ClassValue<Map<String, Property>> PROPERTIES = new ClassValue<>() {
    @Override
    protected Map<String, Property> computeValue(Class<?> type) {
      Map<String, Property> out = new TreeMap<>();
      for (Method method : type.getMethods()) {
        if (Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 0 || method.isSynthetic()
            || method.isBridge() || method.getDeclaringClass() == Object.class) {
          continue;
        }
        Optional<String> name = propertyName(method.getName(), method.getReturnType());
        Optional<DrlType> propertyType = typeOf(method.getGenericReturnType());
        if (name.isPresent() && propertyType.isPresent()) {
          out.put(name.get(), new Property(name.get(), method.getName(), propertyType.get()));
        }
      }
      return Map.copyOf(out);
    }
  };

  /**
   * @return the properties of a fact class a file under {@code policy} may read, by name: a
   *     property whose type is a class outside the policy's fact packages is left out
   */
  static Map<String, Property> properties(Class<?> factClass, DrlPolicy policy) {
    Map<String, Property> all = PROPERTIES.get(factClass);
    if (all.values().stream().allMatch(p -> p.type().kind() != DrlType.Kind.FACT || isFact(p.type().raw(), policy))) {
      return all;
    }
    Map<String, Property> out = new TreeMap<>();
    all.forEach((name, p) -> {
      if (p.type().kind() != DrlType.Kind.FACT || isFact(p.type().raw(), policy)) {
        out.put(name, p);
      }
    });
    return out;
  }

  /** @return the property read by a getter of a fact class, by the getter's name */
  static Optional<Property> byGetter(Class<?> factClass, String getter, DrlPolicy policy) {
    return properties(factClass, policy).values().stream().filter(p -> p.getter().equals(getter)).findFirst();
  }

  /** @return the property names of a fact class, sorted, for "expected one of" */
  static String propertyList(Class<?> factClass, DrlPolicy policy) {
    return new TreeSet<>(properties(factClass, policy).keySet()).toString();
  }

  /** @return the property a getter name reads: {@code getEarningBase} → {@code earningBase} */
  static Optional<String> propertyName(String method, Class<?> returnType) {
    String rest;
    if (method.startsWith("get") && method.length() > 3 && returnType != void.class) {
      rest = method.substring(3);
    } else if (method.startsWith("is") && method.length() > 2 && returnType == boolean.class) {
      rest = method.substring(2);
    } else {
      return Optional.empty();
    }
    if (!Character.isUpperCase(rest.charAt(0)) || !rest.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
      return Optional.empty();
    }
    // getURL → URL, as java.beans does; getEarningBase → earningBase
    boolean acronym = rest.length() > 1 && Character.isUpperCase(rest.charAt(1));
    return Optional.of(acronym ? rest : Character.toLowerCase(rest.charAt(0)) + rest.substring(1));
  }

  /**
   * Whether a class is a fact type under a policy: a public top-level class (not an interface,
   * enum or annotation) of one of the policy's fact packages, other than the collector.
   */
  static boolean isFact(Class<?> type, DrlPolicy policy) {
    return Modifier.isPublic(type.getModifiers()) && type.getEnclosingClass() == null && !type.isInterface()
        && !type.isEnum() && !type.isAnnotation() && !type.isArray() && !type.isPrimitive()
        && type != Decisions.class && policy.factPackages().contains(type.getPackageName());
  }

  /** @return whether the engine may insert many facts of this type into one evaluation */
  static boolean isMultiInstance(Class<?> factClass) {
    return !DrlAllowList.SINGLE_INSTANCE_FACTS.contains(factClass);
  }

  /**
   * The grammar's type for a getter's return type, if rules may use it at all. A public top-level
   * class that is not a value type is taken as a fact type here; whether it is one under the file's
   * policy is decided by {@link #properties(Class, DrlPolicy)}.
   */
  private static Optional<DrlType> typeOf(Type type) {
    if (type instanceof Class<?> c) {
      if (DrlAllowList.VALUE_TYPES.contains(c)) {
        return Optional.of(DrlType.value(c));
      }
      if (!c.isPrimitive() && !c.isArray() && !c.isInterface() && !c.isEnum() && !c.isAnnotation()
          && c.getEnclosingClass() == null && Modifier.isPublic(c.getModifiers()) && c != Decisions.class) {
        return Optional.of(DrlType.fact(c));
      }
      return Optional.empty();
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
        && (raw == Set.class || raw == List.class || raw == Collection.class)
        && p.getActualTypeArguments().length == 1 && p.getActualTypeArguments()[0] instanceof Class<?> element
        && DrlAllowList.VALUE_TYPES.contains(element) && !element.isPrimitive()) {
      return Optional.of(DrlType.collection(raw, DrlType.value(element)));
    }
    return Optional.empty();
  }
}
