package dev.sparktune.sampler;

import dev.sparktune.sampler.evolution.CmaEsSampler;
import dev.sparktune.sampler.evolution.CmaEsSettings;
import dev.sparktune.sampler.evolution.EvolutionSampler;
import dev.sparktune.sampler.evolution.EvolutionSettings;
import dev.sparktune.sampler.gp.GpSampler;
import dev.sparktune.sampler.gp.GpSettings;
import dev.sparktune.sampler.tpe.TpeSampler;
import dev.sparktune.sampler.tpe.TpeSettings;
import dev.sparktune.pareto.Goals;
import dev.sparktune.sampler.moo.Nsga2Sampler;
import dev.sparktune.sampler.moo.Nsga2Settings;
import dev.sparktune.sampler.tpe.MotpeSampler;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.Direction;
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
   * @param goals the study's objectives and constraints: {@code nsga2} needs them, {@code tpe}
   *     becomes MOTPE when there is more than one score to rank by, and {@code gp},
   *     {@code cmaes} and {@code evolution} learn from the constraints (one objective only)
   */
  public record Options(long seed, OptionalInt gridPoints, TpeSettings tpe, GpSettings gp,
      EvolutionSettings evolution, CmaEsSettings cmaes, OptionalInt plannedTrials, Consumer<String> log,
      Goals goals, Nsga2Settings nsga2) {

    /** Every sampler's defaults; a grid takes value lists and counts no points per range. */
    public Options(long seed) {
      this(seed, OptionalInt.empty());
    }

    public Options(long seed, OptionalInt gridPoints) {
      this(seed, gridPoints, TpeSettings.defaults(), GpSettings.defaults(), EvolutionSettings.defaults(),
          CmaEsSettings.defaults(), OptionalInt.empty(), m -> {}, ONE_SCORE, Nsga2Settings.defaults());
    }

    public Options withTpe(TpeSettings s) {
      return new Options(seed, gridPoints, s, gp, evolution, cmaes, plannedTrials, log, goals, nsga2);
    }

    public Options withGp(GpSettings s) {
      return new Options(seed, gridPoints, tpe, s, evolution, cmaes, plannedTrials, log, goals, nsga2);
    }

    public Options withEvolution(EvolutionSettings e, CmaEsSettings c) {
      return new Options(seed, gridPoints, tpe, gp, e, c, plannedTrials, log, goals, nsga2);
    }

    /** The study's trial budget (for {@code auto}) and where {@code auto} reports its choice. */
    public Options withPlannedTrials(int trials, Consumer<String> log) {
      return new Options(seed, gridPoints, tpe, gp, evolution, cmaes, OptionalInt.of(trials), log, goals, nsga2);
    }

    /** The study's objectives and constraints, and NSGA-II's settings. */
    public Options withGoals(Goals g, Nsga2Settings n) {
      return new Options(seed, gridPoints, tpe, gp, evolution, cmaes, plannedTrials, log, g, n);
    }
  }

  /**
   * What samplers that rank by one score assume when told nothing: one value, smaller is better,
   * no constraints (a sampler built with it still reads the direction from the history).
   */
  public static final Goals ONE_SCORE = Goals.single("value", Direction.MINIMIZE);

  private interface Factory {
    Sampler create(Options o, SearchSpace space);
  }

  private static final Map<String, Factory> BY_NAME = Map.of(
      "grid", (o, s) -> new GridSampler(o.gridPoints()),
      "random", (o, s) -> new RandomSampler(),
      "sobol", (o, s) -> new SobolSampler(o.seed()),
      "tpe", (o, s) -> o.goals().beyondOneScore() ? new MotpeSampler(o.tpe(), o.goals(), o.seed())
          : new TpeSampler(o.tpe(), o.seed()),
      "nsga2", (o, s) -> new Nsga2Sampler(o.nsga2(), o.goals(), o.seed()),
      "gp", (o, s) -> new GpSampler(o.gp(), o.goals(), o.seed()),
      "evolution", (o, s) -> new EvolutionSampler(o.evolution(), o.goals(), o.seed()),
      "cmaes", (o, s) -> new CmaEsSampler(o.cmaes(), o.goals()),
      "auto", (o, s) -> {
        AutoSampler.Choice c = AutoSampler.choose(o, s);
        o.log().accept("sampler auto: chose " + c.name() + " because " + c.reason());
        return c.sampler();
      });

  /** The sampler {@code name} stands for, as {@link #create} builds it, unchecked ({@code auto} picks through it). */
  static Sampler named(String name, Options o, SearchSpace space) {
    return BY_NAME.get(name).create(o, space);
  }

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
    Sampler s = f.create(options, space);
    s.size(space);
    return s;
  }
}
