package dev.sparktune.sampler.evolution;

import dev.sparktune.pareto.Goals;
import dev.sparktune.sampler.ModelBasedSampler;
import dev.sparktune.sampler.Observations;
import dev.sparktune.sampler.Samplers;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.History;
import java.util.random.RandomGenerator;

/**
 * A genetic algorithm in the form of regularized ("aging") evolution (Real, Aggarwal, Huang & Le,
 * "Regularized Evolution for Image Classifier Architecture Search", AAAI 2019): the population is
 * the newest {@code P} completed trials, so the oldest member dies with every birth whatever its
 * score; a parent is the best of {@code S} random members (tournament selection); a child is a
 * parent, or a uniform crossover of two, with at least one coordinate mutated. Each child needs
 * only the population as it stands, so it works asynchronously with any number of trials in
 * flight, and the population is read from the history every time (nothing to lose on resume).
 *
 * <p>With constraints a tournament is won by Deb's rule ({@link Observations#compare}): a feasible
 * member beats an infeasible one, two infeasible ones compare by violation, so parents come from
 * the feasible region once it is found and from the least-violating members until then.
 */
public final class EvolutionSampler extends ModelBasedSampler {
  private final EvolutionSettings settings;

  public EvolutionSampler(EvolutionSettings settings, long seed) {
    this(settings, Samplers.ONE_SCORE, seed);
  }

  /** @param goals the metric and the study's constraints (see {@link ModelBasedSampler}) */
  public EvolutionSampler(EvolutionSettings settings, Goals goals, long seed) {
    super(seed, settings.population(), goals);   // the first population is Sobol points
    this.settings = settings;
  }

  @Override
  protected Assignment propose(SearchSpace space, History history, Observations obs, RandomGenerator rng) {
    int from = obs.size() - settings.population();
    double[] child = obs.x()[tournament(obs, from, rng)].clone();
    if (rng.nextDouble() < settings.crossover()) {
      double[] other = obs.x()[tournament(obs, from, rng)];
      for (int j = 0; j < child.length; j++) if (rng.nextBoolean()) child[j] = other[j];
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (var t : history.trials()) seen.add(t.assignment().key());
    Assignment a;
    int attempt = 0;
    do {
      // Mutating only an int or a category can land on a configuration already tried: mutate again.
      mutate(child, Observations.categories(space), rng);
      // A coordinate inactive in the parent may become active in the child (its parent param
      // changed by crossover or mutation): give it a fresh random value.
      for (int j = 0; j < child.length; j++) if (Double.isNaN(child[j])) child[j] = rng.nextDouble();
      a = space.cube().decode(child);
    } while (seen.contains(a.key()) && ++attempt < 20);
    return a;
  }

  /** The best of S members drawn (with replacement) from the population rows [from, n). */
  private int tournament(Observations obs, int from, RandomGenerator rng) {
    int best = -1;
    for (int s = 0; s < settings.tournament(); s++) {
      int i = from + rng.nextInt(obs.size() - from);
      if (best < 0 || obs.compare(i, best) < 0) best = i;
    }
    return best;
  }

  /**
   * Each coordinate mutates with probability 1/d, and one always does: a numeric one by a
   * Gaussian step, a categorical one to another choice, an inactive one (NaN) to a random value.
   */
  private void mutate(double[] u, int[] categories, RandomGenerator rng) {
    int d = u.length;
    int forced = rng.nextInt(d);
    for (int j = 0; j < d; j++) {
      if (j != forced && rng.nextDouble() >= 1.0 / d) continue;
      int k = categories[j];
      if (Double.isNaN(u[j])) {
        u[j] = rng.nextDouble();
      } else if (k > 0) {
        int c = (Observations.category(u[j], k) + 1 + rng.nextInt(Math.max(1, k - 1))) % k;
        u[j] = (c + 0.5) / k;
      } else {
        u[j] = reflect(u[j] + settings.mutationScale() * rng.nextGaussian());
      }
    }
  }

  /** Mirror at the cube's faces, so a step past an edge stays a step and does not pile onto it. */
  private static double reflect(double v) {
    v = Math.abs(v) % 2;
    return v > 1 ? 2 - v : v;
  }
}
