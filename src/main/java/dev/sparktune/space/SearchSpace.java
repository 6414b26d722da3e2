package dev.sparktune.space;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The params to tune, in order; a conditional param comes after the categorical it depends on.
 *
 * @throws IllegalArgumentException on duplicate names or a condition whose parent is missing,
 *     later in the list, not categorical, or given values it cannot take
 */
public record SearchSpace(List<Param> params) {
  public SearchSpace {
    params = List.copyOf(params);
    Map<String, Param> seen = new HashMap<>();
    for (Param p : params) {
      Checks.arg(!seen.containsKey(p.name()), "%s: param is defined twice", p.name());
      if (p.condition().isPresent()) {
        Condition c = p.condition().get();
        Param parent = seen.get(c.parent());
        Checks.arg(parent != null, "%s: condition refers to '%s', which is not a param defined before it",
            p.name(), c.parent());
        Checks.arg(parent instanceof CategoricalParam, "%s: condition parent '%s' must be categorical",
            p.name(), c.parent());
        for (Object v : c.values()) {
          Checks.arg(((CategoricalParam) parent).contains(v), "%s: condition value %s is not a choice of '%s' %s",
              p.name(), v, c.parent(), ((CategoricalParam) parent).choices());
        }
      }
      seen.put(p.name(), p);
    }
  }

  public static SearchSpace of(Param... params) {
    return new SearchSpace(List.of(params));
  }

  /** Number of unit-cube coordinates (one per param, active or not). */
  public int dimensions() {
    return params.size();
  }

  public Optional<Param> param(String name) {
    return params.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  public UnitCube cube() {
    return new UnitCube(this);
  }

  /** True if {@code a} gives every active param a legal value and nothing else. */
  public boolean contains(Assignment a) {
    int active = 0;
    for (Param p : params) {
      boolean isActive = p.condition().map(c -> c.holds(a)).orElse(true);
      Object v = a.get(p.name());
      if (isActive) {
        if (v == null || !p.contains(v)) return false;
        active++;
      } else if (v != null) {
        return false;
      }
    }
    return active == a.values().size();
  }
}
