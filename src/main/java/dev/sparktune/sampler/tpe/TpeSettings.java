package dev.sparktune.sampler.tpe;

/**
 * Settings of {@link TpeSampler} ({@code sparktune.search.tpe}).
 *
 * @param startupTrials quasi-random (Sobol) trials before the model takes over
 * @param multivariate one joint density over all params (captures interactions) instead of one
 *     density per param
 * @param eiCandidates points drawn from the good density per suggestion; the one with the best
 *     good/bad density ratio is proposed
 * @param gamma (γ) fraction of results counted as good, at most {@link #maxGood}
 * @param maxGood cap on the number of good results
 * @param priorWeight weight of the broad prior component in each density
 * @param constantLiar count running trials as bad results, so parallel trials spread out
 */
public record TpeSettings(int startupTrials, boolean multivariate, int eiCandidates, double gamma,
    int maxGood, double priorWeight, boolean constantLiar) {

  public TpeSettings {
    if (startupTrials < 1) throw new IllegalArgumentException("tpe startup-trials must be >= 1, got " + startupTrials);
    if (eiCandidates < 1) throw new IllegalArgumentException("tpe ei-candidates must be >= 1, got " + eiCandidates);
    if (!(gamma > 0 && gamma < 1)) throw new IllegalArgumentException("tpe gamma must be in (0, 1), got " + gamma);
    if (maxGood < 1) throw new IllegalArgumentException("tpe max-good must be >= 1, got " + maxGood);
    if (!(priorWeight > 0)) throw new IllegalArgumentException("tpe prior-weight must be > 0, got " + priorWeight);
  }

  public static TpeSettings defaults() {
    return new TpeSettings(10, true, 24, 0.1, 25, 1.0, true);
  }

  public TpeSettings withMultivariate(boolean on) {
    return new TpeSettings(startupTrials, on, eiCandidates, gamma, maxGood, priorWeight, constantLiar);
  }
}
