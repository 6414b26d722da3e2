package dev.sparktune.space;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One configuration: a value for every active param, in the search space's order. Inactive
 * conditional params are absent. Values are {@code Double} (float params), {@code Long} (int
 * params) or the categorical choice itself ({@code String}, {@code Double}, {@code Long},
 * {@code Boolean}).
 */
public record Assignment(Map<String, Object> values) {
  public Assignment {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public static Assignment of(Map<String, Object> values) {
    return new Assignment(values);
  }

  public Object get(String name) {
    return values.get(name);
  }

  /**
   * The value of a numeric param as a double (float, int or numeric categorical).
   *
   * @throws IllegalArgumentException if {@code name} is absent (unknown or inactive) or not a number
   */
  public double getDouble(String name) {
    if (present(name) instanceof Number n) return n.doubleValue();
    throw new IllegalArgumentException(name + " is not a number: " + values.get(name));
  }

  /** The value of an int param (or a whole-numbered choice) as a long. */
  public long getLong(String name) {
    if (present(name) instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.longValue();
    throw new IllegalArgumentException(name + " is not a whole number: " + values.get(name));
  }

  /** The value of a categorical param as text. */
  public String getString(String name) {
    return String.valueOf(present(name));
  }

  private Object present(String name) {
    Object v = values.get(name);
    if (v == null) throw new IllegalArgumentException("no value for '" + name + "' in " + this + " (unknown or inactive)");
    return v;
  }

  /** Equality on values that treats 1, 1L and 1.0 alike, so grid points match replayed trials. */
  public boolean sameAs(Assignment other) {
    if (values.size() != other.values.size()) return false;
    for (var e : values.entrySet()) {
      if (!Values.same(e.getValue(), other.values.get(e.getKey()))) return false;
    }
    return true;
  }

  /** A string equal for two assignments exactly when {@link #sameAs} holds; for hashing. */
  public String key() {
    StringBuilder sb = new StringBuilder();
    for (var e : values.entrySet()) {
      Object v = e.getValue();
      sb.append(e.getKey()).append('=')
          .append(v instanceof Number n ? "n" + n.doubleValue() : v.getClass().getSimpleName() + ":" + v).append(';');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (var e : values.entrySet()) {
      if (sb.length() > 1) sb.append(", ");
      sb.append(e.getKey()).append('=').append(Values.format(e.getValue()));
    }
    return sb.append('}').toString();
  }
}
