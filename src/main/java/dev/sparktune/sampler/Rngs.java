package dev.sparktune.sampler;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Random streams derived from (study seed, trial number), so trial n draws the same numbers
 * whether the study runs straight through or is replayed from its history.
 */
public final class Rngs {
  private Rngs() {}

  public static RandomGenerator forTrial(long studySeed, int trialNumber) {
    return new SplittableRandom(mix(studySeed * 0x9E3779B97F4A7C15L + trialNumber));
  }

  /** Stafford's variant 13 of the SplitMix64 finaliser: nearby inputs give unrelated seeds. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
