package dev.sparktune.sampler.gp;

/**
 * log of expected improvement below {@code best} for a Gaussian posterior (Jones, Schonlau &
 * Welch 1998), computed in log space so that candidates far from the incumbent still rank by how
 * unlikely they are instead of all underflowing to zero (the point of "log-EI", Ament et al. 2023).
 */
final class ExpectedImprovement {
  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

  private ExpectedImprovement() {}

  static double log(double mean, double sd, double best) {
    double z = (best - mean) / sd;
    return Math.log(sd) + logH(z);
  }

  /** log(φ(z) + zΦ(z)); below z = -5 its asymptote log φ(z) − 2 log|z| (error under 10 %). */
  static double logH(double z) {
    if (z > -5) {
      double phi = Math.exp(-0.5 * z * z - LOG_SQRT_2PI);
      return Math.log(Math.max(1e-300, phi + z * cdf(z)));
    }
    return -0.5 * z * z - LOG_SQRT_2PI - 2 * Math.log(-z);
  }

  static double cdf(double z) {
    return 0.5 * org.apache.commons.math3.special.Erf.erfc(-z / Math.sqrt(2));
  }
}
