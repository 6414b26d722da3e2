package dev.sparktune.sampler.gp;

import java.util.Arrays;
import java.util.List;

/**
 * A monotone transform of the losses before the GP sees them: {@code log(loss − min + δ)}, δ a
 * multiple ({@code share}) of the spread between the best and the median loss, or the identity
 * ({@code share} infinite).
 *
 * <p>Why a family rather than one warp: objectives that span orders of magnitude (Rosenbrock,
 * Goldstein–Price) need a strong log, but the same log turns the floor of a smooth valley (Branin)
 * into a crease that a stationary kernel cannot follow, and some surfaces (Hartmann) fit best
 * unwarped. {@link GpSampler} lets the data choose: the warp under which the GP gives the
 * <em>original</em> losses the highest likelihood, i.e. the warped likelihood plus the log
 * Jacobian of the warp (Snelson, Rasmussen & Ghahramani 2004, "Warped Gaussian processes").
 */
record OutputWarp(double share) {
  /** From none to a strong log, log-spaced (in this order: each fit starts from the previous). */
  static final List<OutputWarp> CANDIDATES = List.of(new OutputWarp(Double.POSITIVE_INFINITY), new OutputWarp(10),
      new OutputWarp(1), new OutputWarp(0.1), new OutputWarp(0.01));

  boolean identity() {
    return share == Double.POSITIVE_INFINITY;
  }

  double[] apply(double[] loss) {
    if (identity()) return loss.clone();
    double min = Arrays.stream(loss).min().orElseThrow();
    double[] sorted = loss.clone();
    Arrays.sort(sorted);
    double spread = sorted[sorted.length / 2] - min;
    double delta = spread > 0 ? share * spread : 1.0;
    return Arrays.stream(loss).map(v -> Math.log(v - min + delta)).toArray();
  }

  /** log of the warp's slope at a loss, given its warped value: d/dy log(y − m + δ) = e^{−w}. */
  double logSlope(double warped) {
    return identity() ? 0 : -warped;
  }
}
