package dev.sparktune.sampler.moo;

/**
 * Settings of {@link Nsga2Sampler} ({@code sparktune.search.nsga2}).
 *
 * @param population (N) parents kept: the best N results by rank and crowding; also the number
 *     of quasi-random trials before the first child
 * @param crossover probability that a child mixes two parents (SBX) rather than copying one
 * @param crossoverEta (η_c) SBX distribution index: larger keeps children nearer their parents
 * @param mutationEta (η_m) polynomial mutation's distribution index: larger = smaller steps
 */
public record Nsga2Settings(int population, double crossover, double crossoverEta, double mutationEta) {
  public Nsga2Settings {
    if (population < 2) throw new IllegalArgumentException("nsga2 population must be >= 2, got " + population);
    if (!(crossover >= 0 && crossover <= 1)) {
      throw new IllegalArgumentException("nsga2 crossover must be in [0, 1], got " + crossover);
    }
    if (!(crossoverEta > 0)) throw new IllegalArgumentException("nsga2 crossover-eta must be > 0, got " + crossoverEta);
    if (!(mutationEta > 0)) throw new IllegalArgumentException("nsga2 mutation-eta must be > 0, got " + mutationEta);
  }

  public static Nsga2Settings defaults() {
    return new Nsga2Settings(20, 0.9, 15, 20);
  }
}
