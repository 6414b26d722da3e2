package dev.sparktune.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.space.Assignment;
import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.Condition;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.IntParam;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.trial.Budget;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class GridSamplerTest {
  @Test
  void logRangeGetsGeometricPointsWithExactEnds() {
    List<Assignment> points = new GridSampler(OptionalInt.of(5))
        .points(SearchSpace.of(FloatParam.log("regParam", 1e-4, 1.0)));
    double[] expected = {1e-4, 1e-3, 1e-2, 1e-1, 1.0};
    assertEquals(5, points.size());
    for (int i = 0; i < 5; i++) {
      assertEquals(expected[i], (Double) points.get(i).get("regParam"));
    }
    assertEquals(1e-4, points.get(0).get("regParam"));
    assertEquals(1.0, points.get(4).get("regParam"));
  }

  @Test
  void conditionalParamMultipliesOnlyItsBranch() {
    SearchSpace s = SearchSpace.of(CategoricalParam.of("penalty", "l2", "elastic"),
        FloatParam.of("mix", 0, 1).when(new Condition("penalty", List.of("elastic"))),
        IntParam.of("depth", 1, 2));
    List<Assignment> points = new GridSampler(OptionalInt.of(3)).points(s);
    // l2: 2 depths; elastic: 3 mixes x 2 depths.
    assertEquals(8, points.size());
    assertTrue(points.stream().allMatch(s::contains));
  }

  @Test
  void walksTheWholeGridOnceThenStops() {
    SearchSpace s = SearchSpace.of(CategoricalParam.of("a", "x", "y"), IntParam.of("b", 1, 3));
    GridSampler grid = new GridSampler(OptionalInt.empty());
    InMemoryTrialStore store = new InMemoryTrialStore();
    for (int i = 0; i < 6; i++) {
      Optional<Assignment> a = grid.sample(s, store, Rngs.forTrial(1, i));
      assertTrue(a.isPresent());
      store.create(a.get(), Budget.full(), Instant.EPOCH);
    }
    assertTrue(grid.sample(s, store, Rngs.forTrial(1, 6)).isEmpty());
    assertEquals(6, store.trials().stream().map(t -> t.assignment().toString()).distinct().count());
  }

  @Test
  void refusesAnInfiniteGridNamingTheParam() {
    SearchSpace s = SearchSpace.of(FloatParam.of("elasticNetParam", 0, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Samplers.create("grid", new Samplers.Options(1, OptionalInt.empty()), s));
    assertEquals("sparktune.space.elasticNetParam: the grid sampler cannot enumerate a continuous range;"
        + " give explicit values, a step, or set sparktune.search.grid-points", e.getMessage());
  }

  @Test
  void unknownSamplerNamesTheChoices() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Samplers.create("bogus", new Samplers.Options(1, OptionalInt.empty()), SearchSpace.of(IntParam.of("a", 1, 2))));
    assertEquals("sparktune.search.sampler: expected one of " + Samplers.names() + ", got 'bogus'", e.getMessage());
    assertTrue(Samplers.names().containsAll(java.util.List.of("grid", "random", "sobol", "tpe")));
  }
}
