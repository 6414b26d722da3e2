package dev.sparktune.sampler.gp;

import dev.sparktune.sampler.Observations;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.space.UnitCube;
import java.util.Arrays;
import java.util.Comparator;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * How much the best loss could still improve, from a GP of its own (Makarova et al. 2022,
 * "Automatic termination for hyperparameter optimization", as Optuna's terminator): the smallest
 * upper confidence bound over the evaluated points minus the smallest lower confidence bound over
 * the whole space. Its own model, not a sampler's, so the estimate is the same whichever sampler
 * proposed the points.
 *
 * <p>As Optuna: the GP sees only the better half of the results (at least {@link #MIN_TOP}) with
 * no output warp, the confidence width is {@code √β} with {@code β = 2 log(d n² π² / (6δ)) / 5},
 * δ = 0.1 (Srinivas et al. 2010, scaled down by 5 as in their experiments), and the bound is
 * computed on standardised losses and turned back into the loss's own units. The caller may give
 * the noise variance (then not fitted) and scale β; {@code study.Convergence} says why it does.
 */
public final class RegretBound {
  /** The fewest results the GP is fitted on (Optuna's min_n_trials). */
  public static final int MIN_TOP = 20;
  private static final double DELTA = 0.1;
  private static final int FIT_ITERATIONS = 60;
  private static final int CANDIDATES = 512;
  private static final int REFINE_STARTS = 5;
  private static final int REFINE_STEPS = 30;

  private RegretBound() {}

  /**
   * The regret bound in the losses' units (smaller loss is better), at least 0.
   *
   * @param obs completed results of one budget, as unit-cube points with losses
   * @param rng candidates over the space are drawn from it; a seeded one makes the bound repeatable
   * @throws IllegalArgumentException with fewer than two results
   */
  public static double of(SearchSpace space, Observations obs, RandomGenerator rng) {
    return of(space, obs, Double.NaN, true, 1, rng);
  }

  /**
   * @param noiseVariance the variance of one result's noise in the losses' units, which the GP
   *     then takes as given instead of fitting it; NaN to fit it
   * @param topHalf fit on the better half (at least {@link #MIN_TOP}) rather than all results
   * @param betaScale a factor on β (1 = Optuna's)
   */
  public static double of(SearchSpace space, Observations obs, double noiseVariance, boolean topHalf,
      double betaScale, RandomGenerator rng) {
    int n = obs.size();
    if (n < 2) throw new IllegalArgumentException("a regret bound needs at least 2 results, got " + n);
    int top = topHalf ? Math.min(n, Math.max(MIN_TOP, n / 2)) : n;
    Integer[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> obs.loss()[i]))
        .toArray(Integer[]::new);
    GpSampler.Features features = new GpSampler.Features(Observations.categories(space));
    double[][] x = new double[top][];
    double[] loss = new double[top];
    for (int i = 0; i < top; i++) {
      x[i] = features.of(obs.x()[order[i]]);
      loss[i] = obs.loss()[order[i]];
    }
    double mean = Arrays.stream(loss).average().orElseThrow();
    double sd = Math.sqrt(Arrays.stream(loss).map(v -> (v - mean) * (v - mean)).average().orElseThrow());
    if (sd < 1e-12) return 0;   // the better half all scored the same: nothing left to tell apart
    double[] y = Arrays.stream(loss).map(v -> (v - mean) / sd).toArray();
    double[] theta;
    if (Double.isNaN(noiseVariance)) {
      theta = GaussianProcess.fit(x, y, FIT_ITERATIONS);
    } else {
      double[] start = new double[x[0].length + 2];
      for (int i = 0; i < x[0].length; i++) start[i] = Math.log(0.5);
      start[start.length - 1] = Math.log(Math.max(1e-6, noiseVariance / (sd * sd)));
      theta = GaussianProcess.fit(x, y, start, FIT_ITERATIONS, true);
    }
    GaussianProcess gp = Surrogate.condition(x, y, theta);
    if (gp == null) throw new IllegalStateException("no Gaussian process fits the " + top + " best results");
    double width = Math.sqrt(betaScale * beta(space.dimensions(), top));
    double[] out = new double[2];

    double minUpper = Double.POSITIVE_INFINITY;
    for (double[] xi : x) {
      gp.predict(xi, out);
      minUpper = Math.min(minUpper, out[0] + width * out[1]);
    }

    UnitCube cube = space.cube();
    java.util.function.ToDoubleFunction<double[]> lower = u -> {
      gp.predict(features.of(cube.encode(cube.decode(u))), out);
      return out[0] - width * out[1];
    };
    int d = space.dimensions();
    double[][] starts = new double[CANDIDATES + top][];
    double[] values = new double[starts.length];
    for (int c = 0; c < CANDIDATES; c++) {
      double[] u = new double[d];
      for (int i = 0; i < d; i++) u[i] = rng.nextDouble();
      starts[c] = u;
    }
    for (int i = 0; i < top; i++) starts[CANDIDATES + i] = fill(obs.x()[order[i]], rng);
    for (int i = 0; i < starts.length; i++) values[i] = lower.applyAsDouble(starts[i]);
    Integer[] best = IntStream.range(0, starts.length).boxed().sorted(Comparator.comparingDouble(i -> values[i]))
        .toArray(Integer[]::new);
    double minLower = values[best[0]];
    for (int s = 0; s < Math.min(REFINE_STARTS, best.length); s++) {
      // Stochastic hill climbing, as GpSampler refines its acquisition: a lower LCB is accepted.
      double[] at = starts[best[s]];
      double atValue = values[best[s]];
      double step = 0.05;
      for (int t = 0; t < REFINE_STEPS; t++) {
        double[] next = at.clone();
        for (int i = 0; i < d; i++) next[i] = Math.min(1, Math.max(0, next[i] + step * rng.nextGaussian()));
        double v = lower.applyAsDouble(next);
        if (v < atValue) {
          at = next;
          atValue = v;
        } else {
          step = Math.max(1e-4, step * 0.7);
        }
      }
      minLower = Math.min(minLower, atValue);
    }
    return Math.max(0, minUpper - minLower) * sd;
  }

  /** Optuna's β for {@code d} params and {@code n} results. */
  static double beta(int d, int n) {
    return 2 * Math.log(Math.max(1, d) * (double) n * n * Math.PI * Math.PI / (6 * DELTA)) / 5;
  }

  private static double[] fill(double[] u, RandomGenerator rng) {
    double[] v = u.clone();
    for (int i = 0; i < v.length; i++) if (Double.isNaN(v[i])) v[i] = rng.nextDouble();
    return v;
  }
}
