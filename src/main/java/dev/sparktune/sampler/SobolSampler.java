package dev.sparktune.sampler;

import dev.sparktune.space.Assignment;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.History;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.apache.commons.math3.random.SobolSequenceGenerator;

/**
 * Quasi-random Sobol points (Joe–Kuo direction numbers, from Commons Math), which cover the cube
 * more evenly than random points for the same count. The point index is the number of trials
 * already asked, so the sequence survives replay. A random shift modulo 1 (Cranley–Patterson
 * rotation) drawn from the study seed keeps different seeds from proposing the same points and
 * moves the first point off the cube's corner.
 */
public final class SobolSampler implements Sampler {
  private final long seed;

  public SobolSampler(long seed) {
    this.seed = seed;
  }

  @Override
  public Optional<Assignment> sample(SearchSpace space, History history, RandomGenerator rng) {
    int d = space.dimensions();
    SobolSequenceGenerator sobol = new SobolSequenceGenerator(d);
    // Index 0 is the origin for every dimension; start at 1 as is customary.
    sobol.skipTo(history.trials().size() + 1);
    double[] u = sobol.nextVector();
    SplittableRandom shift = new SplittableRandom(Rngs.mix(seed ^ 0x5DEECE66DL));
    for (int i = 0; i < d; i++) {
      u[i] = (u[i] + shift.nextDouble()) % 1.0;
    }
    return Optional.of(space.cube().decode(u));
  }
}
