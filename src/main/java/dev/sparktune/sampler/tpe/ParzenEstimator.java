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
  // Coordinate-major, [j][i] = coordinate dims[j] of component i (the prior is the last one), so
  // the density's inner loop runs over one contiguous array per coordinate.
  private final double[][] mu;
  private final double[][] sigma;
  private final double[][] logNorm;
  /** Categorical coordinates: each component's choice, and the log kernel for same / other choice. */
  private final int[][] category;
  private final double[] logSame;
  private final double[] logOther;
  private final double[] cumWeight;
  private final double priorWeight;
  /** Scratch space of {@link #logPdf}: an estimator is used by one thread at a time. */
  private final double[] terms;

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
    int d = dims.length;
    this.categories = new int[d];
    for (int j = 0; j < d; j++) this.categories[j] = categories[dims[j]];
    int n = rows.length;
    int m = n + 1;
    mu = new double[d][m];
    sigma = new double[d][m];
    logNorm = new double[d][m];
    category = new int[d][];
    logSame = new double[d];
    logOther = new double[d];
    logWeight = new double[m];
    cumWeight = new double[m];
    terms = new double[m];
    double total = priorWeight;
    for (double w : weights) total += w;
    double acc = 0;
    for (int i = 0; i < m; i++) {
      double w = i < n ? weights[i] : priorWeight;
      logWeight[i] = Math.log(w / total);
      acc += w / total;
      cumWeight[i] = acc;
    }
    for (int j = 0; j < d; j++) {
      double[] mj = mu[j];
      int c = dims[j];
      for (int i = 0; i < n; i++) mj[i] = rows[i][c];
      mj[n] = 0.5;
      int k = this.categories[j];
      if (k > 0) {
        int[] cat = new int[n];
        for (int i = 0; i < n; i++) cat[i] = Double.isNaN(mj[i]) ? -1 : Observations.category(mj[i], k);
        category[j] = cat;
        logSame[j] = Math.log((priorWeight / k + 1) / (1 + priorWeight));
        logOther[j] = Math.log((priorWeight / k + 0) / (1 + priorWeight));
        continue;
      }
      bandwidths(j, n, minSigma[c]);
      double[] sj = sigma[j];
      double[] lj = logNorm[j];
      for (int i = liesFrom; i < n; i++) sj[i] = minSigma[c];
      for (int i = 0; i < m; i++) lj[i] = logNormaliser(mj[i], sj[i]);
    }
  }

  /**
   * Sets sigma[j][·]: each kernel as wide as the larger gap to its neighbouring observations on
   * this coordinate (Bergstra et al.), so kernels are narrow where results crowd and wide where
   * they are sparse; never below {@code minSigma}. The prior component (index n) spans the cube.
   */
  private void bandwidths(int j, int n, double minSigma) {
    double[] mj = mu[j];
    double[] sj = sigma[j];
    int active = 0;
    for (int i = 0; i < n; i++) if (!Double.isNaN(mj[i])) active++;
    int[] order = new int[active];
    int k = 0;
    for (int i = 0; i < n; i++) if (!Double.isNaN(mj[i])) order[k++] = i;
    sortBy(mj, order, new int[active], 0, active);
    double[] sorted = new double[active];
    for (int p = 0; p < active; p++) sorted[p] = mj[order[p]];
    for (int q = 0; q < active; q++) {
      int i = order[q];
      double x = sorted[q];
      // A repeated value: take the position Arrays.binarySearch picks among the equal ones, as
      // always, so the gaps (hence every result) are exactly as before.
      boolean repeated = (q > 0 && Double.compare(sorted[q - 1], x) == 0)
          || (q < active - 1 && Double.compare(sorted[q + 1], x) == 0);
      int p = repeated ? Arrays.binarySearch(sorted, x) : q;
      double left = p > 0 ? x - sorted[p - 1] : 0;
      double right = p < sorted.length - 1 ? sorted[p + 1] - x : 0;
      double gap = Math.max(left, right);
      sj[i] = clip(gap == 0 && active == 1 ? 1.0 : gap, minSigma);
    }
    sj[n] = 1.0;
  }

  /** Sorts order[from, to) by key (Double.compare order, as Arrays.sort): a merge sort, no boxing. */
  private static void sortBy(double[] key, int[] order, int[] tmp, int from, int to) {
    if (to - from < 16) {
      for (int a = from + 1; a < to; a++) {
        int v = order[a];
        int b = a - 1;
        while (b >= from && Double.compare(key[order[b]], key[v]) > 0) {
          order[b + 1] = order[b];
          b--;
        }
        order[b + 1] = v;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    sortBy(key, order, tmp, from, mid);
    sortBy(key, order, tmp, mid, to);
    if (Double.compare(key[order[mid - 1]], key[order[mid]]) <= 0) return;
    System.arraycopy(order, from, tmp, from, to - from);
    int a = from;
    int b = mid;
    for (int o = from; o < to; o++) {
      if (b >= to || (a < mid && Double.compare(key[tmp[a]], key[tmp[b]]) <= 0)) order[o] = tmp[a++];
      else order[o] = tmp[b++];
    }
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
    int prior = cumWeight.length - 1;
    for (int j = 0; j < dims.length; j++) {
      double m = mu[j][c];
      int k = categories[j];
      if (k > 0) {
        int cat = (Double.isNaN(m) || c == prior) ? rng.nextInt(k) : drawCategory(m, k, rng);
        x[dims[j]] = (cat + 0.5) / k;
      } else if (Double.isNaN(m)) {
        x[dims[j]] = rng.nextDouble();
      } else {
        double s = sigma[j][c];
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

  /**
   * log of the mixture density at {@code x} (cube coordinates). Each component's log term is
   * summed coordinate by coordinate in the order of {@code dims}; a component or point that is
   * NaN (inactive) on a coordinate adds nothing there.
   */
  double logPdf(double[] x) {
    int m = logWeight.length;
    int prior = m - 1;
    double[] t = terms;
    System.arraycopy(logWeight, 0, t, 0, m);
    for (int j = 0; j < dims.length; j++) {
      double v = x[dims[j]];
      if (Double.isNaN(v)) continue;
      double[] mj = mu[j];
      int k = categories[j];
      if (k > 0) {
        int own = Observations.category(v, k);
        int[] cat = category[j];
        double same = logSame[j];
        double other = logOther[j];
        for (int i = 0; i < prior; i++) {
          int ci = cat[i];
          if (ci >= 0) t[i] += ci == own ? same : other;
        }
        t[prior] += -Math.log(k);
      } else {
        double[] sj = sigma[j];
        double[] lj = logNorm[j];
        for (int i = 0; i < m; i++) {
          double mi = mj[i];
          if (Double.isNaN(mi)) continue;
          double z = (v - mi) / sj[i];
          t[i] += -0.5 * z * z - lj[i];
        }
      }
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < m; i++) if (t[i] > max) max = t[i];
    double sum = 0;
    for (int i = 0; i < m; i++) {
      // Components 40 nats below the largest change the sum by less than 1e-17: skip their exp.
      if (t[i] > max - 40) sum += Math.exp(t[i] - max);
    }
    return max + Math.log(sum);
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
