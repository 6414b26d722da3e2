package dev.sparktune.sampler;

import dev.sparktune.space.Assignment;
import dev.sparktune.space.Param;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.History;
import dev.sparktune.trial.Trial;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
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
  private SearchSpace cachedSpace;
  private List<Assignment> cachedPoints;
  private List<String> cachedKeys;

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
    if (p.condition().isPresent() && !p.condition().get().holds(partial)) {
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
    Set<String> tried = new HashSet<>();
    for (Trial t : history.trials()) tried.add(t.assignment().key());
    List<Assignment> points = cachedPoints(space);
    for (int i = 0; i < points.size(); i++) {
      if (!tried.contains(cachedKeys.get(i))) return Optional.of(points.get(i));
    }
    return Optional.empty();
  }

  /** The grid is a pure function of the space; enumerate it once per space, not once per trial. */
  private synchronized List<Assignment> cachedPoints(SearchSpace space) {
    if (!space.equals(cachedSpace)) {
      cachedPoints = points(space);
      cachedKeys = cachedPoints.stream().map(Assignment::key).toList();
      cachedSpace = space;
    }
    return cachedPoints;
  }

  @Override
  public OptionalLong size(SearchSpace space) {
    return OptionalLong.of(cachedPoints(space).size());
  }
}
