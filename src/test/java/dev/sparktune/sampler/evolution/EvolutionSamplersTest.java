package dev.sparktune.sampler.evolution;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.sampler.SamplerTesting;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.trial.Direction;
import org.junit.jupiter.api.Test;

class EvolutionSamplersTest {
  private static final SearchSpace PLANE = SearchSpace.of(FloatParam.of("x", -5, 5), FloatParam.of("y", -5, 5));

  private static double sphere(dev.sparktune.space.Assignment a) {
    double x = (Double) a.get("x") - 1;
    double y = (Double) a.get("y") + 2;
    return x * x + y * y;
  }

  private static double best(InMemoryTrialStore s, int from, int to) {
    return s.trials().subList(from, to).stream().mapToDouble(t -> t.value().getAsDouble()).min().orElseThrow();
  }

  @Test
  void regularizedEvolutionImprovesOnItsRandomStart() {
    var store = SamplerTesting.run(new EvolutionSampler(EvolutionSettings.defaults(), 1), PLANE,
        EvolutionSamplersTest::sphere, Direction.MINIMIZE, 150, 1);
    double start = best(store, 0, 20);
    double late = best(store, 100, 150);
    assertTrue(late < start / 10 && late < 0.1, () -> "start " + start + ", late " + late);
  }

  @Test
  void cmaEsConvergesOnASphere() {
    var store = SamplerTesting.run(new CmaEsSampler(CmaEsSettings.defaults()), PLANE,
        EvolutionSamplersTest::sphere, Direction.MINIMIZE, 150, 2);
    assertTrue(best(store, 100, 150) < 1e-3, () -> "late best " + best(store, 100, 150));
  }

  @Test
  void cmaEsReadsTheDirection() {
    var store = SamplerTesting.run(new CmaEsSampler(CmaEsSettings.defaults()), PLANE,
        a -> -sphere(a), Direction.MAXIMIZE, 150, 3);
    double bestMax = store.trials().subList(100, 150).stream().mapToDouble(t -> -t.value().getAsDouble()).min().orElseThrow();
    assertTrue(bestMax < 1e-3, () -> "late best " + bestMax);
  }
}
