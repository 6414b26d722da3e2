package dev.sparktune.testing;

import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.Condition;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.IntParam;
import dev.sparktune.space.SearchSpace;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** Search spaces that exercise every kind of param. */
public final class Spaces {
  private Spaces() {}

  /** float, log float, stepped float, int, log int, stepped int, categorical, and a conditional. */
  public static SearchSpace everyKind() {
    return SearchSpace.of(
        FloatParam.of("elasticNetParam", 0.0, 1.0),
        FloatParam.log("regParam", 1e-4, 1.0),
        new FloatParam("stepSize", 0.1, 0.5, false, OptionalDouble.of(0.1), Optional.empty()),
        IntParam.of("maxDepth", 2, 10),
        new IntParam("numTrees", 8, 256, true, 1, Optional.empty()),
        new IntParam("maxBins", 16, 64, false, 16, Optional.empty()),
        CategoricalParam.of("impurity", "gini", "entropy"),
        CategoricalParam.of("penalty", "l2", "elastic", true, 3L),
        FloatParam.of("mix", 0.0, 1.0).when(new Condition("penalty", List.of("elastic"))));
  }
}
