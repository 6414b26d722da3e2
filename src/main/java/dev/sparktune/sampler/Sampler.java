package dev.sparktune.sampler;

import dev.sparktune.space.Assignment;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.History;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Proposes the next configuration. Implementations keep no trial data of their own: all they need
 * is in {@code history} (running trials included), so a study rebuilt from its journal proposes
 * the same next point. {@code rng} is derived from (study seed, trial number).
 */
public interface Sampler {
  /** The next configuration, or empty when the sampler has nothing left to propose (a finished grid). */
  Optional<Assignment> sample(SearchSpace space, History history, RandomGenerator rng);

  /**
   * As {@link #sample(SearchSpace, History, RandomGenerator)}, told which way the study's values
   * point. The history holds raw values, and only the study knows whether larger is better, so
   * model-based samplers override this; samplers that ignore values need not. The three-argument
   * form of a model-based sampler assumes {@link Direction#MINIMIZE}.
   */
  default Optional<Assignment> sample(SearchSpace space, History history, Direction direction,
      RandomGenerator rng) {
    return sample(space, history, rng);
  }

  /** How many configurations the sampler can propose in all, if finite (a grid's size). */
  default java.util.OptionalLong size(SearchSpace space) {
    return java.util.OptionalLong.empty();
  }
}
