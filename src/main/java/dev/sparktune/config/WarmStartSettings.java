package dev.sparktune.config;

import java.util.Optional;

/**
 * Where a study borrows from an earlier one ({@code sparktune.warm-start}): that study's best
 * configurations run first, and model-based samplers learn from all of its results. Not to be
 * confused with {@code sparktune.resume = warm-start}, which continues this output directory's
 * own journal on changed data.
 *
 * @param from the earlier study's output directory (its {@code journal/} is read), or empty for off
 * @param topK how many of its best configurations to evaluate first, at least 1
 */
public record WarmStartSettings(Optional<String> from, int topK) {
  public WarmStartSettings {
    from = from.map(String::strip).filter(f -> !f.isEmpty());
    if (topK < 1) throw new IllegalArgumentException("sparktune.warm-start.top-k must be >= 1, got " + topK);
  }

  public static WarmStartSettings off() {
    return new WarmStartSettings(Optional.empty(), 10);
  }
}
