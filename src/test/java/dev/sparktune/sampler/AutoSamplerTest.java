package dev.sparktune.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.IntParam;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.testing.Spaces;
import java.util.ArrayList;
import java.util.List;
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
}
