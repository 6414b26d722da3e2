package dev.sparktune.sampler;

import dev.sparktune.space.Assignment;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.History;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Proposes the next configuration. Implementations keep no trial data of their own: all they need
 * is in {@code history} (running trials included, and which way values point:
 * {@link History#direction()}), so a study rebuilt from its journal proposes the same next point.
 * {@code rng} is derived from (study seed, trial number).
 */
public interface Sampler {
  /** The next configuration, or empty when the sampler has nothing left to propose (a finished grid). */
  Optional<Assignment> sample(SearchSpace space, History history, RandomGenerator rng);

  /** How many configurations the sampler can propose in all, if finite (a grid's size). */
  default java.util.OptionalLong size(SearchSpace space) {
    return java.util.OptionalLong.empty();
  }
}
