package dev.sparktune.config;

import com.typesafe.config.Config;
import dev.sparktune.sampler.Samplers;
import dev.sparktune.space.SearchSpace;
import java.util.List;

/**
 * Turns a resolved config (defaults, file and overrides already merged) into {@link Settings},
 * checking every value and recording every problem before anything is thrown.
 */
final class SettingsReader {
  private SettingsReader() {}

  /**
   * @param resolved rendered HOCON stored in {@link Settings#resolved()}
   * @throws ConfigError with every problem found (the first in full, then "and N more")
   */
  static Settings read(Config config, String resolved, Problems problems) {
    ValueReader r = new ValueReader(config, problems);
    String name = r.nonEmptyString("sparktune.name", "a non-empty study name");
    Settings.Data data = DataReader.read(r);
    Settings.Model model = ModelReader.read(r);
    SearchSpace space = SpaceReader.read(config, problems);
    ModelSpaceCheck.check(model, space, r);
    // Empty is allowed: the MLlib edge then picks the evaluator's default for the estimator kind.
    ObjectivesReader.Read objectives = ObjectivesReader.read(r);
    String metric = objectives.metric();
    Settings.Cv cv = new Settings.Cv(r.intIn("sparktune.cv.folds", 2, 20), r.anyLong("sparktune.cv.seed"),
        r.oneOf("sparktune.cv.storage-level", Settings.Cv.STORAGE_LEVELS));
    Settings.Search search = search(r);
    Settings.Schedule schedule = ScheduleReader.read(r, cv.folds());
    Settings.Output output = new Settings.Output(
        r.nonEmptyString("sparktune.output.dir", "a non-empty path or Hadoop FileSystem URI"),
        r.bool("sparktune.output.refit"));
    Settings.Resume resume = ResumeReader.read(r);
    Settings.WarmStart warmStart = WarmStartReader.read(r, output.dir());
    if (objectives.objectives().several()) oneScoreOnly(r, search, schedule);
    problems.throwIfAny();
    return new Settings(name, data, model, space, metric, cv, search, schedule, output, resume, warmStart, resolved,
        objectives.objectives());
  }

  /** Samplers that learn from one score, ranking schedules and stop rules: refused with several objectives. */
  private static void oneScoreOnly(ValueReader r, Settings.Search search, Settings.Schedule schedule) {
    String why = " with several objectives (sparktune.metric)";
    if (List.of("gp", "cmaes", "evolution", "auto").contains(search.sampler())) {
      r.problems().add(r.origin("sparktune.search.sampler"), "sparktune.search.sampler", search.sampler()
          + " learns from one score; use nsga2 or tpe (or random, sobol, grid)" + why);
    }
    if (!schedule.type().equals("fifo")) {
      r.problems().add(r.origin("sparktune.schedule.type"), "sparktune.schedule.type", schedule.type()
          + " ranks configurations by one score, so it cannot rank several objectives; use fifo" + why);
    }
    if (schedule.foldPruning()) {
      r.problems().add(r.origin("sparktune.schedule.fold-pruning"), "sparktune.schedule.fold-pruning",
          "prunes by one score; set it to false" + why);
    }
    if (search.stopWhenConverged()) {
      r.problems().add(r.origin("sparktune.search.stop-when-converged"), "sparktune.search.stop-when-converged",
          "bounds the improvement of one score; set it to false" + why);
    }
  }

  static Settings.Search search(ValueReader r) {
    String p = "sparktune.search.";
    // The sampler registry is the one list of sampler names; a new sampler needs no change here.
    return new Settings.Search(
        r.oneOf(p + "sampler", List.copyOf(Samplers.names())),
        r.intAtLeast(p + "trials", 1),
        r.intAtLeastOr(p + "parallelism", 1, "auto"),
        r.durationOrNone(p + "time-limit"),
        r.anyLong(p + "seed"),
        r.numberOrNone(p + "target"),
        r.intAtLeastOr(p + "patience", 1, "none"),
        r.intAtLeastOr(p + "grid-points", 2, "none"),
        SamplerSettingsReader.read(r),
        r.durationOrNone(p + "trial-timeout"),
        r.intAtLeast(p + "retries", 0),
        r.bool(p + "stop-when-converged"),
        r.bool(p + "gbt-prefixes"));
  }
}
