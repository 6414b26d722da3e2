package dev.sparktune.config;

import java.util.List;

/**
 * Cross-validation ({@code sparktune.cv}): number of folds, the seed of the fold assignment, and
 * how the fold sets are cached ({@code storage-level}, one of {@link #STORAGE_LEVELS}: Spark's
 * StorageLevel names in kebab-case).
 */
public record CvSettings(int folds, long seed, String storageLevel) {
  /** The levels sparktune accepts; the first is the default. Replicated (_2) levels buy nothing here. */
  public static final List<String> STORAGE_LEVELS =
      List.of("memory-and-disk", "memory-and-disk-ser", "memory-only", "memory-only-ser", "disk-only");

  public CvSettings {
    if (!STORAGE_LEVELS.contains(storageLevel)) {
      throw new IllegalArgumentException("storage level must be one of " + STORAGE_LEVELS + ", got " + storageLevel);
    }
  }

  /** Cached in memory, spilling to disk (the default). */
  public CvSettings(int folds, long seed) {
    this(folds, seed, STORAGE_LEVELS.get(0));
  }
}
