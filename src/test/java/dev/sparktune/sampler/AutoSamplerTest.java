package dev.sparktune.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.sampler.moo.Nsga2Settings;
import dev.sparktune.sampler.tpe.MotpeSampler;
import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.IntParam;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.testing.Spaces;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class AutoSamplerTest {
  private static AutoSampler.Choice choose(SearchSpace space, int trials) {
    return AutoSampler.choose(new Samplers.Options(1, OptionalInt.empty()).withPlannedTrials(trials, m -> {}), space);
  }

  @Test
  void gridWhenEveryPointFitsTheBudget() {
    SearchSpace small = SearchSpace.of(IntParam.of("maxDepth", 2, 6), CategoricalParam.of("impurity", "gini", "entropy"));
    assertEquals("grid", choose(small, 10).name());
    assertEquals("gp", choose(small, 9).name());
  }

  @Test
  void gpForFewTrialsInLowDimensionTpeOtherwise() {
    SearchSpace two = SearchSpace.of(FloatParam.of("a", 0, 1), FloatParam.log("b", 1e-4, 1));
    assertEquals("gp", choose(two, 100).name());
    assertEquals("tpe", choose(two, 1000).name());
    assertEquals("tpe", choose(Spaces.everyKind(), 50).name());
    List<String> said = new ArrayList<>();
    Samplers.create("auto", new Samplers.Options(1, OptionalInt.empty()).withPlannedTrials(1000, said::add), two);
    assertEquals(1, said.size());
    assertTrue(said.get(0).startsWith("sampler auto: chose tpe because 1000 trials"), said.get(0));
  }

  @Test
  void withAConstraintItsChoiceLearnsFromFeasibility() {
    SearchSpace square = ConstrainedSamplersTest.SQUARE;
    Samplers.Options told = new Samplers.Options(4, OptionalInt.empty())
        .withGoals(ConstrainedSamplersTest.GOALS, Nsga2Settings.defaults());
    assertTrue(AutoSampler.choose(told.withPlannedTrials(1000, m -> {}), square).sampler()
        instanceof MotpeSampler, "tpe is MOTPE with constraints, as when named");
    AutoSampler.Choice gp = AutoSampler.choose(told.withPlannedTrials(40, m -> {}), square);
    assertEquals("gp", gp.name());
    // It is the constrained GP: on the same history it proposes what gp built with the goals proposes.
    Sampler named = Samplers.create("gp", told, square);
    var store = new InMemoryTrialStore();
    for (int i = 0; i < 15; i++) {
      var a = named.sample(square, store.toward(Direction.MAXIMIZE), Rngs.forTrial(4, i)).orElseThrow();
      var b = gp.sampler().sample(square, store.toward(Direction.MAXIMIZE), Rngs.forTrial(4, i)).orElseThrow();
      assertTrue(a.sameAs(b), "trial " + i + ": " + a + " vs " + b);
      double x = (Double) a.get("x");
      double y = (Double) a.get("y");
      var t = store.create(a, Budget.full(), Instant.EPOCH);
      store.finish(t.number(), new Outcome.Completed(ConstrainedSamplersTest.boundary(x, y),
          List.of(), 0, Map.of("c", x + y)), Instant.EPOCH);
    }
    // And it learns: most of its later trials feasible on the two-peak problem (blind gp: 0-20 %).
    assertTrue(ConstrainedSamplersTest.run("auto", true, ConstrainedSamplersTest::twoPeaks, 30, 0).feasible() >= 0.8);
  }
}
