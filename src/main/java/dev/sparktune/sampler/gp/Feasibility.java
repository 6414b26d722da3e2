package dev.sparktune.sampler.gp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The probability that a point keeps every constraint, as in Gardner, Kusner, Xu, Weinberger &
 * Cunningham, "Bayesian Optimization with Inequality Constraints" (ICML 2014): one GP per
 * constraint fitted on its slack ({@link dev.sparktune.pareto.Constraint#slack}, negative inside
 * the limit), the constraints taken as independent, so the probability is the product over them
 * of the posterior probability that the slack is below 0. {@link GpSampler} multiplies expected
 * improvement by it.
 */
final class Feasibility {
  /** Hyperparameters are fitted on at most this many results (the newest), as for the objective. */
  private static final int FIT_POINTS = 60;
  private static final int FIT_ITERATIONS = 40;
  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

  /** One model per constraint that could be fitted, and where 0 slack lies on its standardised scale. */
  private record Model(GaussianProcess gp, double threshold) {}

  private final List<Model> models;

  private Feasibility(List<Model> models) {
    this.models = models;
  }

  /**
   * @param x GP inputs, one row per result
   * @param slack per row, per constraint, the slack; NaN where the constrained value was not measured
   */
  static Feasibility fit(double[][] x, double[][] slack) {
    int n = x.length;
    int constraints = n == 0 ? 0 : slack[0].length;
    List<Model> models = new ArrayList<>();
    for (int k = 0; k < constraints; k++) {
      double[] s = new double[n];
      double worst = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        // sign(s)·log(1 + |s|): keeps 0 at 0 (the boundary is all that matters) and stops one model
        // 50 times over its size limit from flattening the differences the GP must see near 0.
        s[i] = Math.signum(slack[i][k]) * Math.log1p(Math.abs(slack[i][k]));
        if (!Double.isNaN(s[i])) worst = Math.max(worst, s[i]);
      }
      // Nothing measured: nothing to learn, the constraint shapes no proposal.
      if (worst == Double.NEGATIVE_INFINITY) continue;
      // An unmeasured value counts as the worst one seen: it made the result infeasible.
      for (int i = 0; i < n; i++) if (Double.isNaN(s[i])) s[i] = Math.max(worst, 1e-9);
      double mean = Arrays.stream(s).average().orElse(0);
      double sd = Math.sqrt(Arrays.stream(s).map(v -> (v - mean) * (v - mean)).average().orElse(0));
      if (!(sd > 0)) sd = 1;
      double[] y = new double[n];
      for (int i = 0; i < n; i++) y[i] = (s[i] - mean) / sd;
      int from = Math.max(0, n - FIT_POINTS);
      double[] theta = GaussianProcess.fit(Arrays.copyOfRange(x, from, n), Arrays.copyOfRange(y, from, n),
          FIT_ITERATIONS);
      GaussianProcess gp = Surrogate.condition(x, y, theta);
      if (gp != null) models.add(new Model(gp, -mean / sd));
    }
    return new Feasibility(models);
  }

  /** log P(every constraint holds at {@code features}). */
  double logProbability(double[] features) {
    double[] out = new double[2];
    double sum = 0;
    for (Model m : models) {
      m.gp().predict(features, out);
      sum += logCdf((m.threshold() - out[0]) / out[1]);
    }
    return sum;
  }

  /**
   * log Φ(z), in log space so that candidates deep in the infeasible region still rank by how
   * unlikely they are instead of all underflowing to log 0. Below z = -5 the asymptotic series
   * Φ(z) ≈ φ(z)/|z|·(1 − 1/z² + 3/z⁴), whose error there is under 0.1 %.
   */
  static double logCdf(double z) {
    if (z > -5) return Math.log(ExpectedImprovement.cdf(z));
    double z2 = z * z;
    return -0.5 * z2 - LOG_SQRT_2PI - Math.log(-z) + Math.log(1 - 1 / z2 + 3 / (z2 * z2));
  }
}
