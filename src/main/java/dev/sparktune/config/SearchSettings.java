package dev.sparktune.config;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * How to search ({@code sparktune.search}).
 *
 * @param sampler grid, random, sobol, tpe, gp, evolution, cmaes or auto
 * @param trials stop after this many trials (a grid also stops when exhausted)
 * @param parallelism trials in flight at once; empty = auto (from executor cores and folds)
 * @param timeLimit stop starting trials after this wall time; running ones are cancelled
 * @param seed seed of the sampler (per-trial streams derive from it)
 * @param target stop once a trial scores at least this well
 * @param patience stop after this many completed trials without improvement
 * @param gridPoints points per numeric range when the grid sampler meets a range; empty = none,
 *     so the grid refuses continuous ranges
 * @param samplers the settings of tpe, gp, evolution and cmaes
 * @param trialTimeout cancel a trial (one evaluation) running longer than this and record it
 *     TIMEOUT; empty = none
 * @param retries evaluations of a trial again after a transient error (lost executor, I/O)
 * @param stopWhenConverged stop new configurations once the remaining improvement a GP bounds is
 *     below the incumbent's CV standard error ({@link dev.sparktune.study.Convergence})
 */
public record SearchSettings(String sampler, int trials, OptionalInt parallelism,
    Optional<Duration> timeLimit, long seed, OptionalDouble target, OptionalInt patience,
    OptionalInt gridPoints, SamplerSettings samplers, Optional<Duration> trialTimeout, int retries,
    boolean stopWhenConverged) {

  /**
   * {@code sampler} for {@code trials} trials from {@code seed}, with nothing else set: parallelism
   * auto, no time limit, target, patience, grid points or trial timeout, every sampler's defaults,
   * one retry, no stopping when converged. The {@code withX} methods change one field.
   */
  public static SearchSettings of(String sampler, int trials, long seed) {
    return new SearchSettings(sampler, trials, OptionalInt.empty(), Optional.empty(), seed, OptionalDouble.empty(),
        OptionalInt.empty(), OptionalInt.empty(), SamplerSettings.defaults(), Optional.empty(), 1, false);
  }

  public SearchSettings withGridPoints(int points) {
    return new SearchSettings(sampler, trials, parallelism, timeLimit, seed, target, patience, OptionalInt.of(points),
        samplers, trialTimeout, retries, stopWhenConverged);
  }

  /**
   * The configured sampler for {@code space}, built as the CLI builds it (its own settings, the
   * planned trials for {@code auto}, the seed once).
   *
   * @throws ConfigError naming {@code sparktune.search.sampler} if it cannot work on the space
   */
  public dev.sparktune.sampler.Sampler sampler(dev.sparktune.space.SearchSpace space, java.util.function.Consumer<String> log) {
    var o = new dev.sparktune.sampler.Samplers.Options(seed, gridPoints).withTpe(samplers.tpe()).withGp(samplers.gp())
        .withEvolution(samplers.evolution(), samplers.cmaes()).withPlannedTrials(trials, log);
    try {
      return dev.sparktune.sampler.Samplers.create(sampler, o, space);
    } catch (IllegalArgumentException e) {
      throw new ConfigError("sparktune.search.sampler: " + e.getMessage());
    }
  }
}
