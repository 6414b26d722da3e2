package dev.sparktune.sampler;

import dev.sparktune.pareto.Goals;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.History;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A sampler that ranks results by several objectives and constraints (nsga2, MOTPE): what
 * {@link ModelBasedSampler} is for one score. Until {@code startupTrials} results are in it
 * proposes Sobol points; then its model does, from the results ranked by the goals. With one
 * objective and no constraint the history's direction decides, so such a sampler also works as a
 * single-objective one; otherwise the goals it was built with do.
 */
public abstract class MultiObjectiveSampler implements Sampler {
  private final Goals goals;
  private final SobolSampler startup;
  private final int startupTrials;

  protected MultiObjectiveSampler(Goals goals, long seed, int startupTrials) {
    this.goals = Objects.requireNonNull(goals);
    this.startup = new SobolSampler(seed);
    this.startupTrials = startupTrials;
  }

  /** The next configuration from the model, given at least {@code startupTrials} ranked results. */
  protected abstract Assignment propose(SearchSpace space, MultiObservations obs, RandomGenerator rng);

  @Override
  public final Optional<Assignment> sample(SearchSpace space, History history, RandomGenerator rng) {
    Goals g = goals.beyondOneScore() ? goals : Goals.single(goals.metric(), history.direction());
    MultiObservations obs = MultiObservations.of(space, history, g, startupTrials);
    if (obs.size() < startupTrials) return startup.sample(space, history, rng);
    return Optional.of(propose(space, obs, rng));
  }
}
