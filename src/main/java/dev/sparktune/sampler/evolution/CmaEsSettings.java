package dev.sparktune.sampler.evolution;

/**
 * Settings of {@link CmaEsSampler} ({@code sparktune.search.cmaes}).
 *
 * @param populationSize (λ) trials per generation; 0 = 4 + ⌊3 ln d⌋, the tutorial's default
 * @param sigma0 (σ₀) initial step size as a share of each param's range
 */
public record CmaEsSettings(int populationSize, double sigma0) {
  public CmaEsSettings {
    if (populationSize != 0 && populationSize < 2) {
      throw new IllegalArgumentException("cmaes population-size must be 0 (auto) or >= 2, got " + populationSize);
    }
    if (!(sigma0 > 0 && sigma0 <= 1)) throw new IllegalArgumentException("cmaes sigma0 must be in (0, 1], got " + sigma0);
  }

  public static CmaEsSettings defaults() {
    return new CmaEsSettings(0, 0.1667);   // about a sixth of the range, as in reference.conf
  }
}
