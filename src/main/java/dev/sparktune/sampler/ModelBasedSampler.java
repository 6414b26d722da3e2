package dev.sparktune.sampler;

import dev.sparktune.pareto.Goals;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.History;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A sampler that learns from the results so far (tpe, gp, evolution, cmaes). Until there are
 * {@link #startupTrials()} results to learn from it proposes Sobol points, scrambled by the study
 * seed; then its model {@link #propose proposes}. This is the one place that rule lives, and the
 * one place the history is turned into {@link Observations} (losses, whatever the study's
 * direction, the running trials, and with constraints each result's feasibility).
 *
 * <p>It learns from one score: the evaluator metric, with any number of constraints. Several
 * objectives are {@link MultiObjectiveSampler}s' work.
 */
public abstract class ModelBasedSampler implements Sampler {
  private final SobolSampler startup;
  private final int startupTrials;
  private final Goals goals;

  /**
   * @param seed the study seed, which scrambles the Sobol points
   * @param startupTrials results needed (at one budget) before the model is used; 0 uses it from the first trial
   */
  protected ModelBasedSampler(long seed, int startupTrials) {
    this(seed, startupTrials, Samplers.ONE_SCORE);
  }

  /**
   * @param goals the study's objective and constraints; only the constraints are read (which way
   *     the score points is the history's)
   * @throws IllegalArgumentException if {@code goals} has an objective other than the metric
   */
  protected ModelBasedSampler(long seed, int startupTrials, Goals goals) {
    if (goals.several() || !goals.goals().get(0).name().equals(goals.metric())) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " learns from one score, the metric '"
          + goals.metric() + "', with constraints; got objectives " + goals.names());
    }
    this.startup = new SobolSampler(seed);
    this.startupTrials = startupTrials;
    this.goals = goals;
  }

  /** Results needed (at one budget) before the model is used. */
  protected final int startupTrials() {
    return startupTrials;
  }

  /** The next configuration from the model, given at least {@link #startupTrials()} results. */
  protected abstract Assignment propose(SearchSpace space, History history, Observations obs, RandomGenerator rng);

  /** The results to learn from; a sampler with a cache of encoded rows overrides this. */
  protected Observations observe(SearchSpace space, History history) {
    return Observations.of(space, history, Math.max(1, startupTrials()), null, goals);
  }

  @Override
  public final Optional<Assignment> sample(SearchSpace space, History history, RandomGenerator rng) {
    Observations obs = observe(space, history);
    if (obs.size() < startupTrials) return startup.sample(space, history, rng);
    return Optional.of(propose(space, history, obs, rng));
  }
}
