package dev.sparktune.config;

import dev.sparktune.sampler.evolution.CmaEsSettings;
import dev.sparktune.sampler.evolution.EvolutionSettings;
import dev.sparktune.sampler.gp.GpSettings;
import dev.sparktune.sampler.moo.Nsga2Settings;
import dev.sparktune.sampler.tpe.TpeSettings;
import java.util.function.Supplier;

/** Reads {@link Settings.Sampling}; every bad value is one problem naming its key. */
final class SamplerSettingsReader {
  private SamplerSettingsReader() {}

  static Settings.Sampling read(ValueReader r) {
    String p = "sparktune.search.";
    TpeSettings tpe = build(r, p + "tpe", TpeSettings.defaults(), () -> new TpeSettings(
        r.intAtLeast(p + "tpe.startup-trials", 1),
        r.bool(p + "tpe.multivariate"),
        r.intAtLeast(p + "tpe.ei-candidates", 1),
        r.numberIn(p + "tpe.gamma", 0.01, 0.99),
        r.intAtLeast(p + "tpe.max-good", 1),
        r.numberIn(p + "tpe.prior-weight", 0.001, 1000),
        r.bool(p + "tpe.constant-liar")));
    GpSettings gp = build(r, p + "gp", GpSettings.defaults(), () -> new GpSettings(
        r.intAtLeast(p + "gp.startup-trials", 2),
        r.intAtLeast(p + "gp.candidates", 1),
        r.bool(p + "gp.constant-liar")));
    EvolutionSettings evolution = build(r, p + "evolution.tournament", EvolutionSettings.defaults(),
        () -> new EvolutionSettings(
            r.intAtLeast(p + "evolution.population", 2),
            r.intAtLeast(p + "evolution.tournament", 1),
            r.numberIn(p + "evolution.crossover", 0, 1),
            r.numberIn(p + "evolution.mutation-scale", 0.001, 1)));
    CmaEsSettings cmaes = build(r, p + "cmaes", CmaEsSettings.defaults(), () -> new CmaEsSettings(
        r.intIn(p + "cmaes.population-size", 0, 10_000),
        r.numberIn(p + "cmaes.sigma0", 0.001, 1)));
    Nsga2Settings nsga2 = build(r, p + "nsga2", Nsga2Settings.defaults(), () -> new Nsga2Settings(
        r.intAtLeast(p + "nsga2.population", 2),
        r.numberIn(p + "nsga2.crossover", 0, 1),
        r.numberIn(p + "nsga2.crossover-eta", 0.001, 1000),
        r.numberIn(p + "nsga2.mutation-eta", 0.001, 1000)));
    return new Settings.Sampling(tpe, gp, evolution, cmaes, nsga2);
  }

  /**
   * Single values are checked by the reader; what only the settings record can check (the
   * tournament must fit the population, a population size of 1) becomes a problem at {@code key}.
   */
  private static <T> T build(ValueReader r, String key, T fallback, Supplier<T> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      r.problems().add(r.origin(key), key, e.getMessage());
      return fallback;
    }
  }
}
