package dev.sparktune.testing;

import dev.sparktune.sampler.Sampler;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.History;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** A sampler that proposes at most {@code n} configurations, then reports itself exhausted. */
public record Limited(Sampler inner, int n) implements Sampler {
  @Override
  public Optional<Assignment> sample(SearchSpace space, History history, RandomGenerator rng) {
    return history.configurations() >= n ? Optional.empty() : inner.sample(space, history, rng);
  }
}
