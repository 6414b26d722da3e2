package dev.sparktune.config;

import dev.sparktune.sampler.evolution.CmaEsSettings;
import dev.sparktune.sampler.evolution.EvolutionSettings;
import dev.sparktune.sampler.gp.GpSettings;
import dev.sparktune.sampler.moo.Nsga2Settings;
import dev.sparktune.sampler.tpe.TpeSettings;

/**
 * The model-based samplers' own settings ({@code sparktune.search.tpe}, {@code .gp},
 * {@code .evolution}, {@code .cmaes}, {@code .nsga2}); each is read whatever sampler is chosen, so a typo fails
 * early even in a block that is not used yet.
 */
public record SamplerSettings(TpeSettings tpe, GpSettings gp, EvolutionSettings evolution, CmaEsSettings cmaes,
    Nsga2Settings nsga2) {
  public SamplerSettings(TpeSettings tpe, GpSettings gp, EvolutionSettings evolution, CmaEsSettings cmaes) {
    this(tpe, gp, evolution, cmaes, Nsga2Settings.defaults());
  }

  public static SamplerSettings defaults() {
    return new SamplerSettings(TpeSettings.defaults(), GpSettings.defaults(), EvolutionSettings.defaults(),
        CmaEsSettings.defaults());
  }
}
