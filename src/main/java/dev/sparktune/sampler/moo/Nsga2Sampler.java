package dev.sparktune.sampler.moo;

import dev.sparktune.pareto.Goals;
import dev.sparktune.pareto.NonDominatedSort;
import dev.sparktune.pareto.Ranking;
import dev.sparktune.sampler.MultiObjectiveSampler;
import dev.sparktune.sampler.MultiObservations;
import dev.sparktune.sampler.Observations;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.SearchSpace;
import java.util.random.RandomGenerator;

/**
 * NSGA-II (Deb, Pratap, Agarwal, Meyarivan, "A Fast and Elitist Multiobjective Genetic Algorithm:
 * NSGA-II", IEEE TEC 2002) in its steady-state form: the parents are the best N results so far by
 * non-dominated rank, then crowding distance, re-chosen from the history for every child, so it
 * needs no generation bookkeeping, works with any number of trials in flight and replays exactly.
 * A child comes from two binary-tournament winners by simulated binary crossover (SBX) and
 * polynomial mutation on numeric coordinates of the unit cube, a parent's choice or a random one
 * on categorical coordinates.
 *
 * <p>Constraints enter through Deb's constrained domination in the ranking: every feasible result
 * ranks above every infeasible one and infeasible ones rank by violation, so the parents move to
 * the feasible region first and then along its front (as Optuna's NSGAIISampler with
 * {@code constraints_func}).
 */
public final class Nsga2Sampler extends MultiObjectiveSampler {
  private final Nsga2Settings settings;

  public Nsga2Sampler(Nsga2Settings settings, Goals goals, long seed) {
    super(goals, seed, settings.population());
    this.settings = settings;
  }

  @Override
  protected Assignment propose(SearchSpace space, MultiObservations obs, RandomGenerator rng) {
    Ranking r = obs.ranking();
    Integer[] order = NonDominatedSort.order(r.ranks(), r.crowding());
    int n = settings.population();
    int[] parents = new int[n];
    for (int i = 0; i < n; i++) parents[i] = order[i];
    double[] a = obs.x()[tournament(parents, r, rng)];
    double[] b = obs.x()[tournament(parents, r, rng)];
    int[] cats = Observations.categories(space);
    double[] child = rng.nextDouble() < settings.crossover() ? crossover(a, b, cats, rng) : a.clone();
    mutate(child, cats, rng);
    return space.cube().decode(child);
  }

  /** The better of two parents drawn at random: lower rank, then larger crowding distance. */
  private static int tournament(int[] parents, Ranking r, RandomGenerator rng) {
    int p = parents[rng.nextInt(parents.length)];
    int q = parents[rng.nextInt(parents.length)];
    if (r.ranks()[p] != r.ranks()[q]) return r.ranks()[p] < r.ranks()[q] ? p : q;
    return r.crowding()[p] >= r.crowding()[q] ? p : q;
  }

  /**
   * SBX (Deb & Agrawal 1995) per numeric coordinate with probability ½, as in Deb's reference
   * code, bounded to [0, 1]; a categorical or inactive coordinate comes from either parent.
   */
  private double[] crossover(double[] a, double[] b, int[] cats, RandomGenerator rng) {
    double[] c = new double[a.length];
    double eta = settings.crossoverEta();
    for (int j = 0; j < c.length; j++) {
      boolean fromA = rng.nextBoolean();
      if (cats[j] > 0 || Double.isNaN(a[j]) || Double.isNaN(b[j]) || rng.nextBoolean()
          || Math.abs(a[j] - b[j]) < 1e-14) {
        c[j] = fromA ? a[j] : b[j];
        continue;
      }
      double u = rng.nextDouble();
      double beta = u <= 0.5 ? Math.pow(2 * u, 1 / (eta + 1)) : Math.pow(1 / (2 * (1 - u)), 1 / (eta + 1));
      double mid = (a[j] + b[j]) / 2;
      double half = Math.abs(a[j] - b[j]) / 2;
      c[j] = clip(fromA ? mid - beta * half : mid + beta * half);
    }
    return c;
  }

  /** Each coordinate with probability 1/d: polynomial mutation, a new choice, or a value for an inactive one. */
  private void mutate(double[] u, int[] cats, RandomGenerator rng) {
    int d = u.length;
    double eta = settings.mutationEta();
    for (int j = 0; j < d; j++) {
      if (rng.nextDouble() >= 1.0 / d) continue;
      if (Double.isNaN(u[j]) || cats[j] > 0) {
        u[j] = rng.nextDouble();
        continue;
      }
      double r = rng.nextDouble();
      // Deb's bounded polynomial mutation on [0, 1]: the step shrinks near a face instead of piling onto it.
      double x = u[j];
      double delta;
      if (r < 0.5) {
        double xy = 1 - x;
        delta = Math.pow(2 * r + (1 - 2 * r) * Math.pow(xy, eta + 1), 1 / (eta + 1)) - 1;
      } else {
        double xy = x;
        delta = 1 - Math.pow(2 * (1 - r) + 2 * (r - 0.5) * Math.pow(xy, eta + 1), 1 / (eta + 1));
      }
      u[j] = clip(x + delta);
    }
    for (int j = 0; j < d; j++) if (Double.isNaN(u[j])) u[j] = rng.nextDouble();
  }

  private static double clip(double v) {
    return Math.min(1, Math.max(0, v));
  }
}
