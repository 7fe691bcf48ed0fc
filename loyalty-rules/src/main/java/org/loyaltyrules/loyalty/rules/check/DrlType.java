package org.loyaltyrules.loyalty.rules.check;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an expression of a restricted rule file evaluates to: a value type, a fact type, a
 * collection of values, the output collector, or the name of a type used as a qualifier
 * ({@code BigDecimal} in {@code BigDecimal.valueOf(5)}). The restricted grammar gives every
 * expression one of these, or refuses it.
 *
 * @param kind what sort of type this is
 * @param raw the Java class ({@code int.class} for primitives, {@code Void.class} for null and
 *     errors)
 * @param element the element type of a collection, else null
 */
record DrlType(Kind kind, Class<?> raw, @Nullable DrlType element) {

  /** The sorts of types the grammar knows. */
  enum Kind {
    /** {@code int}, {@code long}, {@code boolean}, {@code double}. */
    PRIMITIVE,
    /** An immutable value: String, BigDecimal, LocalDate, the boxed numbers, the allowed enums. */
    VALUE,
    /** A read-only collection of values: the {@code Set<String>} properties of the facts. */
    COLLECTION,
    /** A fact the engine inserted. */
    FACT,
    /** The output collector, {@code decisions}. */
    COLLECTOR,
    /** The literal {@code null}. */
    NULL,
    /** A type name used as the qualifier of a constant or static method. */
    TYPE_NAME,
    /** An expression already reported as refused: nothing more is said about it. */
    ERROR
  }

  static final DrlType INT = new DrlType(Kind.PRIMITIVE, int.class, null);
  static final DrlType LONG = new DrlType(Kind.PRIMITIVE, long.class, null);
  static final DrlType DOUBLE = new DrlType(Kind.PRIMITIVE, double.class, null);
  static final DrlType BOOLEAN = new DrlType(Kind.PRIMITIVE, boolean.class, null);
  static final DrlType STRING = new DrlType(Kind.VALUE, String.class, null);
  static final DrlType BIG_DECIMAL = new DrlType(Kind.VALUE, BigDecimal.class, null);
  static final DrlType NULL = new DrlType(Kind.NULL, Void.class, null);
  static final DrlType ERROR = new DrlType(Kind.ERROR, Void.class, null);

  private static final Map<Class<?>, Class<?>> BOXES = Map.of(
      int.class, Integer.class, long.class, Long.class, double.class, Double.class, boolean.class, Boolean.class);

  DrlType {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(raw, "raw");
  }

  static DrlType value(Class<?> type) {
    return type.isPrimitive() ? new DrlType(Kind.PRIMITIVE, type, null) : new DrlType(Kind.VALUE, type, null);
  }

  static DrlType fact(Class<?> type) {
    return new DrlType(Kind.FACT, type, null);
  }

  static DrlType collection(Class<?> type, DrlType element) {
    return new DrlType(Kind.COLLECTION, type, element);
  }

  static DrlType typeName(Class<?> type) {
    return new DrlType(Kind.TYPE_NAME, type, null);
  }

  static DrlType collector(Class<?> type) {
    return new DrlType(Kind.COLLECTOR, type, null);
  }

  boolean isError() {
    return kind == Kind.ERROR;
  }

  /** @return whether this is a value a rule may hold, compare and pass on (not a type name or the collector) */
  boolean isValue() {
    return kind == Kind.PRIMITIVE || kind == Kind.VALUE || kind == Kind.COLLECTION || kind == Kind.FACT;
  }

  /** @return the class after unboxing: {@code int.class} for {@code Integer} */
  Class<?> unboxed() {
    for (Map.Entry<Class<?>, Class<?>> box : BOXES.entrySet()) {
      if (box.getValue().equals(raw)) {
        return box.getKey();
      }
    }
    return raw;
  }

  /** @return whether this is {@code int}, {@code long} or their boxes */
  boolean isIntegral() {
    Class<?> u = unboxed();
    return u == int.class || u == long.class;
  }

  /** @return whether this is a number: integral, {@code double} or {@code BigDecimal} */
  boolean isNumeric() {
    return isIntegral() || unboxed() == double.class || raw == BigDecimal.class;
  }

  boolean isBoolean() {
    return unboxed() == boolean.class;
  }

  boolean isString() {
    return raw == String.class && kind == Kind.VALUE;
  }

  /**
   * Whether a value of this type can be passed where {@code parameter} is expected, as the Java
   * compiler would allow: primitive widening ({@code int} to {@code long}), boxing and unboxing, and
   * reference assignability.
   */
  boolean assignableTo(Class<?> parameter) {
    if (kind == Kind.NULL) {
      return !parameter.isPrimitive();
    }
    if (!isValue()) {
      return false;
    }
    if (parameter.isPrimitive()) {
      Class<?> u = unboxed();
      return u == parameter || parameter == long.class && u == int.class
          || parameter == double.class && (u == int.class || u == long.class);
    }
    Class<?> boxed = raw.isPrimitive() ? BOXES.get(raw) : raw;
    return boxed != null && parameter.isAssignableFrom(boxed);
  }

  /** @return how the type reads in a message: {@code int}, {@code BigDecimal}, {@code Set<String>} */
  String display() {
    return switch (kind) {
      case NULL -> "null";
      case ERROR -> "?";
      case COLLECTION -> raw.getSimpleName() + "<" + (element == null ? "?" : element.display()) + ">";
      case COLLECTOR -> "the collector";
      default -> raw.getSimpleName();
    };
  }
}
