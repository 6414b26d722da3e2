package dev.sparktune.sampler.gp;

/**
 * Settings of {@link GpSampler} ({@code sparktune.search.gp}).
 *
 * @param startupTrials quasi-random (Sobol) trials before the model takes over
 * @param candidates random points at which expected improvement is evaluated per suggestion,
 *     before the best few are refined locally
 * @param constantLiar count running trials as observed at the model's own prediction
 *     ("kriging believer"), so parallel suggestions spread out
 */
public record GpSettings(int startupTrials, int candidates, boolean constantLiar) {
  public GpSettings {
    if (startupTrials < 2) throw new IllegalArgumentException("gp startup-trials must be >= 2, got " + startupTrials);
    if (candidates < 1) throw new IllegalArgumentException("gp candidates must be >= 1, got " + candidates);
  }

  public static GpSettings defaults() {
    return new GpSettings(10, 512, true);
  }
}
