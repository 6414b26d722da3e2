package dev.sparktune.bench;

import dev.sparktune.sampler.RandomSampler;
import dev.sparktune.sampler.Sampler;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.History;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The random sampler, minus repeats: on the benchmark's finite all-categorical space (27 points),
 * plain random sampling draws with replacement, so 27 draws reach only about 17 distinct points
 * and the comparison with a grid that tries all 27 would be lopsided. Rejection keeps the order
 * random (seeded per trial, as the study seeds every sampler) and ends when every point is taken.
 */
final class HalvingDistinctSampler implements Sampler {
  private final Sampler random = new RandomSampler();
  private final long points;

  /** @param points how many distinct points the space has */
  HalvingDistinctSampler(long points) {
    this.points = points;
  }

  @Override
  public Optional<Assignment> sample(SearchSpace space, History history, RandomGenerator rng) {
    Set<String> tried = new HashSet<>();
    for (var t : history.trials()) tried.add(t.assignment().key());
    if (tried.size() >= points) return Optional.empty();
    // With k of n points left, a draw hits a new one with probability k/n: a few hundred draws
    // at most on a small grid, each a handful of nanoseconds.
    for (int attempt = 0; attempt < 100_000; attempt++) {
      Optional<Assignment> a = random.sample(space, history, rng);
      if (a.isEmpty() || !tried.contains(a.get().key())) return a;
    }
    return Optional.empty();
  }

  @Override
  public OptionalLong size(SearchSpace space) {
    return OptionalLong.of(points);
  }
}
