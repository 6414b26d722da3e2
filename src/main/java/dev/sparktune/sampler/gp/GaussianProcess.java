package dev.sparktune.sampler.gp;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A zero-mean Gaussian process on standardised targets with a Matérn-5/2 kernel with one
 * lengthscale per input (ARD), a signal variance and a noise variance (Rasmussen & Williams,
 * "Gaussian Processes for Machine Learning", ch. 2, 4 and 5). The factorisation is Commons
 * Math's Cholesky; the hyperparameters come from {@link #fit}.
 */
final class GaussianProcess {
  private static final double SQRT5 = Math.sqrt(5);

  /** log lengthscales (one per input), then log signal variance, then log noise variance. */
  private final double[] theta;
  /** exp(−log lengthscale) per input and exp(log signal variance), precomputed: predictions
   * evaluate the kernel n times each, and an exp per input per pair dominated their cost. */
  private final double[] inverseLengths;
  private final double signal;
  private final double[][] x;
  private final double[] alpha;
  private final double[][] lower;
  private final double logLikelihood;

  /** @throws NonPositiveDefiniteMatrixException if the kernel matrix is numerically singular */
  GaussianProcess(double[][] x, double[] y, double[] theta) {
    this.x = x;
    this.theta = theta.clone();
    this.inverseLengths = inverseLengths(theta, x[0].length);
    this.signal = Math.exp(theta[x[0].length]);
    int n = x.length;
    RealMatrix k = new Array2DRowRealMatrix(kernelMatrix(x, theta), false);
    CholeskyDecomposition chol = new CholeskyDecomposition(k, 1e-8, 1e-14);
    lower = chol.getL().getData();
    alpha = chol.getSolver().solve(new org.apache.commons.math3.linear.ArrayRealVector(y, false)).toArray();
    double ll = 0;
    for (int i = 0; i < n; i++) ll -= 0.5 * y[i] * alpha[i] + Math.log(lower[i][i]);
    logLikelihood = ll - 0.5 * n * Math.log(2 * Math.PI);
  }

  double logLikelihood() {
    return logLikelihood;
  }

  double[] theta() {
    return theta.clone();
  }

  static double[][] kernelMatrix(double[][] x, double[] theta) {
    int n = x.length;
    double[][] k = new double[n][n];
    double noise = Math.exp(theta[theta.length - 1]);
    double[] inv = inverseLengths(theta, x[0].length);
    double signal = Math.exp(theta[x[0].length]);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double v = kernel(x[i], x[j], inv, signal);
        k[i][j] = v;
        k[j][i] = v;
      }
      k[i][i] += noise;
    }
    return k;
  }

  private static double[] inverseLengths(double[] theta, int dims) {
    double[] inv = new double[dims];
    for (int d = 0; d < dims; d++) inv[d] = Math.exp(-theta[d]);
    return inv;
  }

  /** Matérn 5/2: s²(1 + √5 r + 5r²/3) e^{-√5 r}, r the lengthscale-weighted distance. */
  static double kernel(double[] a, double[] b, double[] inverseLengths, double signal) {
    double r2 = 0;
    for (int d = 0; d < a.length; d++) {
      double t = (a[d] - b[d]) * inverseLengths[d];
      r2 += t * t;
    }
    double r = Math.sqrt(r2);
    return signal * (1 + SQRT5 * r + 5.0 / 3 * r2) * Math.exp(-SQRT5 * r);
  }

  /** Posterior mean and standard deviation at {@code p}, written into {@code out}. */
  void predict(double[] p, double[] out) {
    int n = x.length;
    double[] v = new double[n];
    double mean = 0;
    for (int i = 0; i < n; i++) {
      v[i] = kernel(p, x[i], inverseLengths, signal);
      mean += v[i] * alpha[i];
    }
    // v ← L⁻¹ k*, forward substitution with the library's factor; var = s² − |v|².
    double ss = 0;
    for (int i = 0; i < n; i++) {
      double s = v[i];
      double[] li = lower[i];
      for (int j = 0; j < i; j++) s -= li[j] * v[j];
      v[i] = s / li[i];
      ss += v[i] * v[i];
    }
    out[0] = mean;
    out[1] = Math.sqrt(Math.max(1e-12, signal - ss));
  }

  /**
   * Maximises log marginal likelihood plus weak log-normal priors on the hyperparameters (the
   * priors keep lengthscales sane with few points) by Adam on the analytic gradient, from a
   * fixed start so the result is a function of the data alone.
   */
  static double[] fit(double[][] x, double[] y, int iterations) {
    int dims = x[0].length;
    double[] start = new double[dims + 2];
    for (int d = 0; d < dims; d++) start[d] = Math.log(0.5);
    start[dims] = 0;
    start[dims + 1] = Math.log(1e-3);
    return fit(x, y, start, iterations);
  }

  /** As {@link #fit(double[][], double[], int)}, from {@code start} (e.g. a fit to similar data). */
  static double[] fit(double[][] x, double[] y, double[] start, int iterations) {
    return fit(x, y, start, iterations, false);
  }

  /**
   * As above; with {@code fixedNoise} the noise variance stays at {@code start}'s, for callers that
   * know it (cross-validated scores carry their own standard error).
   */
  static double[] fit(double[][] x, double[] y, double[] start, int iterations, boolean fixedNoise) {
    int dims = x[0].length;
    int p = dims + 2;
    double[] theta = start.clone();
    double[] m = new double[p];
    double[] v = new double[p];
    double rate = 0.1;
    for (int it = 1; it <= iterations; it++) {
      double[] g;
      try {
        g = gradient(x, y, theta);
      } catch (NonPositiveDefiniteMatrixException e) {
        theta[dims + 1] += 1;   // more noise makes the matrix positive definite again
        continue;
      }
      if (fixedNoise) g[dims + 1] = 0;
      for (int k = 0; k < p; k++) {
        m[k] = 0.9 * m[k] + 0.1 * g[k];
        v[k] = 0.999 * v[k] + 0.001 * g[k] * g[k];
        double mh = m[k] / (1 - Math.pow(0.9, it));
        double vh = v[k] / (1 - Math.pow(0.999, it));
        theta[k] += rate * mh / (Math.sqrt(vh) + 1e-8);
      }
      for (int d = 0; d < dims; d++) theta[d] = clamp(theta[d], Math.log(0.01), Math.log(20));
      theta[dims] = clamp(theta[dims], Math.log(0.05), Math.log(20));
      if (!fixedNoise) theta[dims + 1] = clamp(theta[dims + 1], Math.log(1e-6), Math.log(0.5));
    }
    return theta;
  }

  /** d/dθ of log p(y | θ) + log prior: ½ tr((ααᵀ − K⁻¹) ∂K/∂θ) (R&W eq. 5.9). */
  private static double[] gradient(double[][] x, double[] y, double[] theta) {
    int n = x.length;
    int dims = x[0].length;
    double s2 = Math.exp(theta[dims]);
    double[] invL = inverseLengths(theta, dims);
    // The kernel matrix built here rather than by kernelMatrix: the gradient needs each pair's r
    // and e^{-√5 r} again, and recomputing them doubled the cost of an iteration's pair loop.
    double[][] km = new double[n][n];
    double[][] dist = new double[n][];
    double[][] decay = new double[n][];
    double noise = Math.exp(theta[dims + 1]);
    for (int i = 0; i < n; i++) {
      dist[i] = new double[i];
      decay[i] = new double[i];
      for (int j = 0; j < i; j++) {
        double r2 = 0;
        for (int d = 0; d < dims; d++) {
          double t = (x[i][d] - x[j][d]) * invL[d];
          r2 += t * t;
        }
        double r = Math.sqrt(r2);
        dist[i][j] = r;
        decay[i][j] = Math.exp(-SQRT5 * r);
        km[i][j] = km[j][i] = s2 * (1 + SQRT5 * r + 5.0 / 3 * r2) * decay[i][j];
      }
      km[i][i] = s2 + noise;
    }
    var solver = new CholeskyDecomposition(new Array2DRowRealMatrix(km, false), 1e-8, 1e-14).getSolver();
    double[][] inv = solver.getInverse().getData();
    double[] a = solver.solve(new org.apache.commons.math3.linear.ArrayRealVector(y, false)).toArray();
    double[] g = new double[dims + 2];
    double[] t2 = new double[dims];
    for (int i = 0; i < n; i++) {
      double wii = a[i] * a[i] - inv[i][i];
      g[dims] += 0.5 * wii * s2;
      g[dims + 1] += 0.5 * wii * noise;
      for (int j = 0; j < i; j++) {
        double w = 2 * (a[i] * a[j] - inv[i][j]);   // (i, j) and (j, i) at once
        for (int d = 0; d < dims; d++) {
          double t = (x[i][d] - x[j][d]) * invL[d];
          t2[d] = t * t;
        }
        double r = dist[i][j];
        double e = decay[i][j];
        g[dims] += 0.5 * w * km[i][j];
        // ∂k/∂log ℓ_d = s² (5/3)(1 + √5 r) e^{-√5 r} · t_d²
        double common = 0.5 * w * s2 * 5.0 / 3 * (1 + SQRT5 * r) * e;
        for (int d = 0; d < dims; d++) g[d] += common * t2[d];
      }
    }
    // Log-normal priors: lengthscales around 0.5 of the cube, signal variance around 1, small noise.
    for (int d = 0; d < dims; d++) g[d] -= (theta[d] - Math.log(0.5)) / (1.5 * 1.5);
    g[dims] -= theta[dims] / (1.5 * 1.5);
    g[dims + 1] -= (theta[dims + 1] - Math.log(1e-3)) / (3.0 * 3.0);
    return g;
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
