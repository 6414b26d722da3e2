package dev.sparktune.config;

import dev.sparktune.space.SearchSpace;

/**
 * The whole validated configuration of one tuning job. Built only by {@link SettingsLoader}, which
 * reports every problem at load time, before Spark starts.
 *
 * @param resume what to do with a study already in the output directory, and its lock's timeout
 * @param warmStart the earlier study this one borrows its best configurations and results from
 * @param resolved the fully resolved HOCON (defaults, file, overrides), written as config.conf
 * @param metric the evaluator metric as written (one of the objectives when there are several)
 * @param objectives every objective, the constraints and which front member is refit
 */
public record Settings(String name, DataSettings data, ModelSettings model, SearchSpace space,
    String metric, CvSettings cv, SearchSettings search, ScheduleSettings schedule, OutputSettings output,
    ResumeSettings resume, WarmStartSettings warmStart, String resolved, ObjectivesSettings objectives) {

  /** A single-objective job: the metric alone, no constraints. */
  public Settings(String name, DataSettings data, ModelSettings model, SearchSpace space,
      String metric, CvSettings cv, SearchSettings search, ScheduleSettings schedule, OutputSettings output,
      ResumeSettings resume, WarmStartSettings warmStart, String resolved) {
    this(name, data, model, space, metric, cv, search, schedule, output, resume, warmStart, resolved,
        ObjectivesSettings.single(metric));
  }
}
