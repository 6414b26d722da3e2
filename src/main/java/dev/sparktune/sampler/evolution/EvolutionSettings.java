package dev.sparktune.sampler.evolution;

/**
 * Settings of {@link EvolutionSampler} ({@code sparktune.search.evolution}).
 *
 * @param population (P) the newest completed trials that form the population; older ones have
 *     aged out
 * @param tournament (S) members drawn at random per tournament; the best of them is a parent
 * @param crossover probability that a child mixes two parents instead of copying one
 * @param mutationScale standard deviation of a numeric mutation, as a share of the param's range
 */
public record EvolutionSettings(int population, int tournament, double crossover, double mutationScale) {
  public EvolutionSettings {
    if (population < 2) throw new IllegalArgumentException("evolution population must be >= 2, got " + population);
    if (tournament < 1 || tournament > population) {
      throw new IllegalArgumentException("evolution tournament must be in [1, population], got " + tournament);
    }
    if (!(crossover >= 0 && crossover <= 1)) throw new IllegalArgumentException("evolution crossover must be in [0, 1]");
    if (!(mutationScale > 0 && mutationScale <= 1)) throw new IllegalArgumentException("evolution mutation-scale must be in (0, 1]");
  }

  public static EvolutionSettings defaults() {
    return new EvolutionSettings(20, 5, 0.5, 0.1);
  }
}
