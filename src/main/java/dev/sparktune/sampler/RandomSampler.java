package dev.sparktune.sampler;

import dev.sparktune.space.Assignment;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.History;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Uniform sampling in the unit cube (log-uniform on log params, since the cube owns the scale). */
public final class RandomSampler implements Sampler {
  @Override
  public Optional<Assignment> sample(SearchSpace space, History history, RandomGenerator rng) {
    double[] u = new double[space.dimensions()];
    for (int i = 0; i < u.length; i++) u[i] = rng.nextDouble();
    return Optional.of(space.cube().decode(u));
  }
}
