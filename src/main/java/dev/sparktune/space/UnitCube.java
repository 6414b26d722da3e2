package dev.sparktune.space;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps configurations to and from [0,1]^d so samplers work on plain vectors and never branch on
 * param types (the idea of Optuna's {@code _SearchSpaceTransform}). Coordinate i belongs to param
 * i; an inactive conditional param encodes as NaN and its coordinate is ignored on decode.
 */
public final class UnitCube {
  private final List<Param> params;

  UnitCube(SearchSpace space) {
    this.params = space.params();
  }

  public int dimensions() {
    return params.size();
  }

  public Assignment decode(double[] u) {
    if (u.length != params.size()) {
      throw new IllegalArgumentException("expected " + params.size() + " coordinates, got " + u.length);
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < u.length; i++) {
      Param p = params.get(i);
      // Parents precede children, so the partial assignment already holds the parent's value.
      if (p.condition().isPresent() && !p.condition().get().holds(values)) continue;
      values.put(p.name(), p.decode(u[i]));
    }
    return new Assignment(values);
  }

  public double[] encode(Assignment a) {
    double[] u = new double[params.size()];
    for (int i = 0; i < u.length; i++) {
      Object v = a.get(params.get(i).name());
      u[i] = v == null ? Double.NaN : params.get(i).encode(v);
    }
    return u;
  }
}
