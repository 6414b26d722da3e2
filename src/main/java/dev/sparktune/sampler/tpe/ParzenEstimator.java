package dev.sparktune.sampler.tpe;

import dev.sparktune.sampler.Observations;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.apache.commons.math3.special.Erf;

/**
 * A weighted mixture of product kernels over some coordinates of the unit cube, one component
 * per observation plus a broad prior component: truncated normals on numeric coordinates,
 * "mostly this choice" distributions on categorical ones. TPE fits one to the good trials and one
 * to the rest and prefers points where the first is dense and the second is not.
 *
 * <p>A component whose coordinate is NaN (its param was inactive) is uniform on that coordinate,
 * so it neither attracts nor repels there.
 */
final class ParzenEstimator {
  private static final double SQRT2 = Math.sqrt(2);
  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

  private final int[] dims;
  private final int[] categories;
  private final double[] logWeight;
  private final double[][] mu;
  private final double[][] sigma;
  private final double[][] logNorm;
  private final double[] cumWeight;
  private final double priorWeight;

  /**
   * @param rows observations (full cube vectors); only {@code dims} are read
   * @param weights one per row, larger = more say
   * @param dims the cube coordinates this density covers (one for univariate TPE, all for multivariate)
   * @param categories per cube coordinate: choices of a categorical, 0 if numeric
   * @param minSigma per cube coordinate: the narrowest kernel allowed
   * @param liesFrom rows from this index on are running trials (constant liar): they get the
   *     narrowest kernel, so they repel from their own point, not from its whole neighbourhood
   */
  ParzenEstimator(double[][] rows, double[] weights, int[] dims, int[] categories, double[] minSigma,
      double priorWeight, int liesFrom) {
    this.dims = dims;
    this.priorWeight = priorWeight;
    this.categories = new int[dims.length];
    for (int j = 0; j < dims.length; j++) this.categories[j] = categories[dims[j]];
    int n = rows.length;
    int m = n + 1;
    mu = new double[m][dims.length];
    sigma = new double[m][dims.length];
    logNorm = new double[m][dims.length];
    logWeight = new double[m];
    cumWeight = new double[m];
    double total = priorWeight;
    for (double w : weights) total += w;
    double acc = 0;
    for (int i = 0; i < m; i++) {
      double w = i < n ? weights[i] : priorWeight;
      logWeight[i] = Math.log(w / total);
      acc += w / total;
      cumWeight[i] = acc;
    }
    for (int j = 0; j < dims.length; j++) {
      for (int i = 0; i < n; i++) mu[i][j] = rows[i][dims[j]];
      mu[n][j] = 0.5;
      if (this.categories[j] > 0) continue;
      bandwidths(j, n, minSigma[dims[j]]);
      for (int i = liesFrom; i < n; i++) sigma[i][j] = minSigma[dims[j]];
      for (int i = 0; i < m; i++) logNorm[i][j] = logNormaliser(mu[i][j], sigma[i][j]);
    }
  }

  /**
   * Sets sigma[·][j]: each kernel as wide as the larger gap to its neighbouring observations on
   * this coordinate (Bergstra et al.), so kernels are narrow where results crowd and wide where
   * they are sparse; never below {@code minSigma}. The prior component (index n) spans the cube.
   */
  private void bandwidths(int j, int n, double minSigma) {
    int active = 0;
    for (int i = 0; i < n; i++) if (!Double.isNaN(mu[i][j])) active++;
    double[] sorted = new double[active];
    int k = 0;
    for (int i = 0; i < n; i++) if (!Double.isNaN(mu[i][j])) sorted[k++] = mu[i][j];
    Arrays.sort(sorted);
    for (int i = 0; i < n; i++) {
      double x = mu[i][j];
      if (Double.isNaN(x)) continue;
      int p = Arrays.binarySearch(sorted, x);
      double left = p > 0 ? x - sorted[p - 1] : 0;
      double right = p < sorted.length - 1 ? sorted[p + 1] - x : 0;
      double gap = Math.max(left, right);
      sigma[i][j] = clip(gap == 0 && active == 1 ? 1.0 : gap, minSigma);
    }
    sigma[n][j] = 1.0;
  }

  private static double clip(double s, double min) {
    return Math.max(min, Math.min(1.0, s));
  }

  /** log(σ √(2π) · P(0 ≤ X ≤ 1)) for X ~ N(μ, σ²): the truncated kernel integrates to one. */
  private static double logNormaliser(double mu, double sigma) {
    if (Double.isNaN(mu)) return 0;
    double a = -mu / sigma;
    double b = (1 - mu) / sigma;
    // Far from both ends the mass outside is below 1e-15. Otherwise a ≤ 0 ≤ b, so the mass is at
    // least a third and an absolute error of 1.5e-7 in the CDF is harmless.
    double mass = (a < -8 && b > 8) ? 1.0 : fastPhi(b) - fastPhi(a);
    return Math.log(sigma) + LOG_SQRT_2PI + Math.log(Math.max(mass, 1e-300));
  }

  /** Draws a cube point (only {@code dims} are written into a copy of {@code base}). */
  double[] sample(double[] base, RandomGenerator rng) {
    double[] x = base.clone();
    double r = rng.nextDouble();
    int c = 0;
    while (c < cumWeight.length - 1 && cumWeight[c] < r) c++;
    for (int j = 0; j < dims.length; j++) {
      double m = mu[c][j];
      int k = categories[j];
      if (k > 0) {
        int cat = (Double.isNaN(m) || c == mu.length - 1) ? rng.nextInt(k) : drawCategory(m, k, rng);
        x[dims[j]] = (cat + 0.5) / k;
      } else if (Double.isNaN(m)) {
        x[dims[j]] = rng.nextDouble();
      } else {
        double s = sigma[c][j];
        double pa = fastPhi(-m / s);
        double pb = fastPhi((1 - m) / s);
        double p = pa + rng.nextDouble() * (pb - pa);
        double z = -SQRT2 * Erf.erfcInv(2 * Math.min(1 - 1e-16, Math.max(1e-300, p)));
        x[dims[j]] = Math.min(1, Math.max(0, m + s * z));
      }
    }
    return x;
  }

  /** A component's own choice has weight 1 + p/k, every choice p/k (p = prior weight). */
  private int drawCategory(double m, int k, RandomGenerator rng) {
    int own = Observations.category(m, k);
    double r = rng.nextDouble() * (1 + priorWeight);
    if (r < 1) return own;
    return rng.nextInt(k);
  }

  /** log of the mixture density at {@code x} (cube coordinates). */
  double logPdf(double[] x) {
    int m = mu.length;
    double[] terms = new double[m];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < m; i++) {
      double t = logWeight[i];
      for (int j = 0; j < dims.length; j++) t += logKernel(i, j, x[dims[j]]);
      terms[i] = t;
      if (t > max) max = t;
    }
    double sum = 0;
    for (double t : terms) {
      // Components 40 nats below the largest change the sum by less than 1e-17: skip their exp.
      if (t > max - 40) sum += Math.exp(t - max);
    }
    return max + Math.log(sum);
  }

  private double logKernel(int i, int j, double v) {
    double m = mu[i][j];
    if (Double.isNaN(m) || Double.isNaN(v)) return 0;
    int k = categories[j];
    if (k > 0) {
      if (i == mu.length - 1) return -Math.log(k);
      double p = priorWeight / k + (Observations.category(m, k) == Observations.category(v, k) ? 1 : 0);
      return Math.log(p / (1 + priorWeight));
    }
    double z = (v - m) / sigma[i][j];
    return -0.5 * z * z - logNorm[i][j];
  }

  /**
   * Standard normal CDF by Abramowitz and Stegun's formula 7.1.26 for erf (absolute error below
   * 1.5e-7), several times faster than Commons Math's continued fraction, which dominated the
   * cost of building a density over a thousand trials.
   */
  static double fastPhi(double z) {
    double x = Math.abs(z) / SQRT2;
    double t = 1 / (1 + 0.3275911 * x);
    double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    double erf = 1 - poly * Math.exp(-x * x);
    return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
  }
}
