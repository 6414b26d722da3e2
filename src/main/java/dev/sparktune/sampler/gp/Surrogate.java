package dev.sparktune.sampler.gp;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;

/**
 * The GP that {@link GpSampler} optimises over: fitted to standardised, warped losses ({@code y},
 * the scale expected improvement is computed on) under the {@link OutputWarp} the data support best.
 */
record Surrogate(GaussianProcess gp, double[] y, OutputWarp warp) {
  /** The hyperparameter fit uses at most this many results (the best and the newest). */
  private static final int FIT_POINTS = 60;
  private static final int FIT_ITERATIONS = 40;
  /** Steps of each warp's fit after the first, which starts from its neighbour's (8 measured worse). */
  private static final int FOLLOW_ITERATIONS = 15;

  /**
   * Fits hyperparameters on the best and newest results under each {@link OutputWarp}, keeps the
   * warp whose fit gives those losses the highest likelihood, and conditions it on all results.
   */
  static Surrogate fit(double[][] x, double[] loss) {
    int n = x.length;
    int[] subset;
    if (n <= FIT_POINTS) {
      subset = IntStream.range(0, n).toArray();
    } else {
      Integer[] byLoss = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> loss[i])).toArray(Integer[]::new);
      java.util.TreeSet<Integer> pick = new java.util.TreeSet<>();
      for (int i = 0; pick.size() < FIT_POINTS / 2; i++) pick.add(byLoss[i]);
      for (int i = n - 1; pick.size() < FIT_POINTS; i--) pick.add(i);
      subset = pick.stream().mapToInt(Integer::intValue).toArray();
    }
    double[][] xs = Arrays.stream(subset).mapToObj(i -> x[i]).toArray(double[][]::new);
    double bestScore = Double.NEGATIVE_INFINITY;
    double[] bestY = null;
    GaussianProcess bestFit = null;
    OutputWarp bestWarp = null;
    double[] previous = null;
    for (OutputWarp warp : OutputWarp.CANDIDATES) {
      double[] warped = warp.apply(loss);
      double sd = sd(warped);
      double[] y = standardise(warped, sd);
      double[] ys = Arrays.stream(subset).mapToDouble(i -> y[i]).toArray();
      // Neighbouring warps give similar surfaces, so each fit after the first starts from the one
      // before and needs fewer steps; five full fits measured ~75 ms a suggestion at 200 trials.
      double[] theta = previous == null ? GaussianProcess.fit(xs, ys, FIT_ITERATIONS)
          : GaussianProcess.fit(xs, ys, previous, FOLLOW_ITERATIONS);
      previous = theta;
      GaussianProcess fit = condition(xs, ys, theta);
      if (fit == null) continue;
      double score = fit.logLikelihood();
      // Density of the losses themselves: z = (w(loss) − mean) / sd, so |dz/dloss| = w'(loss) / sd.
      for (int i : subset) score += warp.logSlope(warped[i]) - Math.log(sd);
      if (score > bestScore) {
        bestScore = score;
        bestY = y;
        bestFit = fit;
        bestWarp = warp;
      }
    }
    GaussianProcess gp = bestFit == null || subset.length == n ? bestFit : condition(x, bestY, bestFit.theta());
    if (gp == null) throw new IllegalStateException("no Gaussian process fits the " + n + " results, even with added noise");
    return new Surrogate(gp, bestY, bestWarp);
  }

  /** The GP with these hyperparameters, with more noise while duplicate inputs make K singular. */
  static GaussianProcess condition(double[][] x, double[] y, double[] theta) {
    double[] t = theta.clone();
    for (int attempt = 0; attempt <= 5; attempt++) {
      try {
        return new GaussianProcess(x, y, t);
      } catch (NonPositiveDefiniteMatrixException e) {
        t[t.length - 1] += 2;
      }
    }
    return null;
  }

  static double[] standardise(double[] v) {
    return standardise(v, sd(v));
  }

  private static double[] standardise(double[] v, double sd) {
    double mean = Arrays.stream(v).average().orElse(0);
    return Arrays.stream(v).map(a -> (a - mean) / sd).toArray();
  }

  /** Standard deviation, 1 when the values are all equal (so standardising leaves them at 0). */
  private static double sd(double[] v) {
    double mean = Arrays.stream(v).average().orElse(0);
    double var = Arrays.stream(v).map(a -> (a - mean) * (a - mean)).average().orElse(0);
    return var > 0 ? Math.sqrt(var) : 1;
  }
}
