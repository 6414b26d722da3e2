package dev.sparktune.space;

import java.util.List;
import java.util.Objects;

/**
 * Makes a param active only while a parent categorical param takes one of {@code values}, e.g.
 * {@code elasticNetParam} only when {@code penalty} is {@code elastic}.
 */
public record Condition(String parent, List<Object> values) {
  public Condition {
    Objects.requireNonNull(parent, "parent");
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException("condition on '" + parent + "' needs at least one value");
    }
    values = List.copyOf(values);
  }

  /** True if the parent's value in {@code assignment} is one of {@link #values}. */
  public boolean holds(Assignment assignment) {
    return holds(assignment.values());
  }

  /** As {@link #holds(Assignment)}, over a partial assignment still being built. */
  public boolean holds(java.util.Map<String, Object> partial) {
    Object v = partial.get(parent);
    if (v == null) return false;
    for (Object allowed : values) {
      if (Values.same(allowed, v)) return true;
    }
    return false;
  }
}
