package dev.sparktune.sampler;

import dev.sparktune.sampler.gp.GpSampler;
import dev.sparktune.sampler.gp.GpSettings;
import dev.sparktune.sampler.tpe.TpeSampler;
import dev.sparktune.sampler.tpe.TpeSettings;
import dev.sparktune.space.SearchSpace;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/** Samplers by the name used in {@code sparktune.search.sampler}. A new sampler is one line here. */
public final class Samplers {
  private Samplers() {}

  /**
   * What a sampler may be built from; only the samplers' own settings, never raw config.
   *
   * @param plannedTrials the study's trial budget, if known; {@code auto} sizes its choice by it
   * @param log where a sampler says what it decided and why ({@code auto}'s choice)
   */
  public record Options(long seed, OptionalInt gridPoints, TpeSettings tpe, GpSettings gp,
      OptionalInt plannedTrials, Consumer<String> log) {

    public Options(long seed, OptionalInt gridPoints) {
      this(seed, gridPoints, TpeSettings.defaults(), GpSettings.defaults(), OptionalInt.empty(), m -> {});
    }

    public Options withTpe(TpeSettings s) {
      return new Options(seed, gridPoints, s, gp, plannedTrials, log);
    }

    public Options withGp(GpSettings s) {
      return new Options(seed, gridPoints, tpe, s, plannedTrials, log);
    }

    public Options withPlannedTrials(int trials, Consumer<String> log) {
      return new Options(seed, gridPoints, tpe, gp, OptionalInt.of(trials), log);
    }
  }

  private interface Factory {
    Sampler create(Options o);
  }

  private static final Map<String, Factory> BY_NAME = Map.of(
      "grid", o -> new GridSampler(o.gridPoints()),
      "random", o -> new RandomSampler(),
      "sobol", o -> new SobolSampler(o.seed()),
      "tpe", o -> new TpeSampler(o.tpe(), o.seed()),
      "gp", o -> new GpSampler(o.gp(), o.seed()));

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
