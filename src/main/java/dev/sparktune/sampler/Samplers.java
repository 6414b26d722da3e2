package dev.sparktune.sampler;

import dev.sparktune.space.SearchSpace;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/** Samplers by the name used in {@code sparktune.search.sampler}. A new sampler is one line here. */
public final class Samplers {
  private Samplers() {}

  /** What a sampler may be built from; only the sampler's own settings, never raw config. */
  public record Options(long seed, OptionalInt gridPoints) {}

  private interface Factory {
    Sampler create(Options o);
  }

  private static final Map<String, Factory> BY_NAME = Map.of(
      "grid", o -> new GridSampler(o.gridPoints()),
      "random", o -> new RandomSampler(),
      "sobol", o -> new SobolSampler(o.seed()));

  public static Set<String> names() {
    return new TreeSet<>(BY_NAME.keySet());
  }

  /**
   * Builds the sampler and checks it can work on {@code space} (a grid must be finite), so a bad
   * combination fails at load time.
   *
   * @throws IllegalArgumentException naming the offending key
   */
  public static Sampler create(String name, Options options, SearchSpace space) {
    Factory f = BY_NAME.get(name);
    if (f == null) {
      throw new IllegalArgumentException("sparktune.search.sampler: expected one of " + names() + ", got '" + name + "'");
    }
    Sampler s = f.create(options);
    s.size(space);
    return s;
  }
}
