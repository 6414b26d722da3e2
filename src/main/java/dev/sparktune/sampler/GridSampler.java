package dev.sparktune.sampler;

import dev.sparktune.space.Assignment;
import dev.sparktune.space.Param;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.History;
import dev.sparktune.trial.Trial;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;

/**
 * Every combination of the per-param {@link GridPoints}, in lexicographic order (first param
 * slowest), respecting conditions: a conditional param multiplies only the branch where it is
 * active. Proposes the first point not yet in the history, so it resumes where it left off and
 * stops (empty) when the grid is done.
 */
public final class GridSampler implements Sampler {
  /** Larger grids are almost certainly a mistake in the space (a forgotten step or values list). */
  public static final long MAX_POINTS = 1_000_000;

  private final OptionalInt pointsPerRange;

  public GridSampler(OptionalInt pointsPerRange) {
    this.pointsPerRange = pointsPerRange;
  }

  /**
   * @throws IllegalArgumentException if a param cannot be enumerated or the grid is too large
   */
  public List<Assignment> points(SearchSpace space) {
    List<List<Object>> values = new ArrayList<>();
    for (Param p : space.params()) values.add(GridPoints.of(p, pointsPerRange));
    List<Assignment> out = new ArrayList<>();
    expand(space.params(), values, 0, new LinkedHashMap<>(), out);
    return out;
  }

  private void expand(List<Param> params, List<List<Object>> values, int i, Map<String, Object> partial,
      List<Assignment> out) {
    if (out.size() > MAX_POINTS) {
      throw new IllegalArgumentException("sparktune.space: the grid has more than " + MAX_POINTS
          + " points; use fewer values or sparktune.search.sampler = random");
    }
    if (i == params.size()) {
      out.add(new Assignment(partial));
      return;
    }
    Param p = params.get(i);
    if (p.condition().isPresent() && !p.condition().get().holds(new Assignment(partial))) {
      expand(params, values, i + 1, partial, out);
      return;
    }
    for (Object v : values.get(i)) {
      partial.put(p.name(), v);
      expand(params, values, i + 1, partial, out);
      partial.remove(p.name());
    }
  }

  @Override
  public Optional<Assignment> sample(SearchSpace space, History history, RandomGenerator rng) {
    List<Trial> tried = history.trials();
    for (Assignment point : points(space)) {
      boolean seen = false;
      for (Trial t : tried) {
        if (t.assignment().sameAs(point)) {
          seen = true;
          break;
        }
      }
      if (!seen) return Optional.of(point);
    }
    return Optional.empty();
  }

  @Override
  public OptionalLong size(SearchSpace space) {
    return OptionalLong.of(points(space).size());
  }
}
