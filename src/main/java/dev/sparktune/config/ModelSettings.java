package dev.sparktune.config;

import java.util.List;
import java.util.Map;

/**
 * What to fit ({@code sparktune.model}): one estimator by short name or class name, or a pipeline
 * of named stages. {@code fixed} holds MLlib params held constant, by their exact MLlib names
 * (for a pipeline, {@code stage.param}). Values are Double, Long, String, Boolean or List.
 */
public record ModelSettings(String estimator, Map<String, Object> fixed, List<Stage> pipeline) {

  /** One pipeline stage: its name (used as the prefix of its params) and its estimator or transformer. */
  public record Stage(String name, String estimator, Map<String, Object> fixed) {
    public Stage {
      fixed = Map.copyOf(fixed);
    }
  }

  public ModelSettings {
    fixed = Map.copyOf(fixed);
    pipeline = List.copyOf(pipeline);
  }

  public boolean isPipeline() {
    return !pipeline.isEmpty();
  }
}
