package dev.sparktune.report;

import dev.sparktune.study.StudyResult;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What best.json says: the best configuration and its cross-validated score, the refit model's
 * score on the held-out test set, counts and timings. Written for a scheduler to read.
 *
 * @param refit empty when refit was off or no trial completed
 */
public record BestResult(String name, String metric, Direction direction, StudyResult study,
    Optional<Refit> refit, int parallelism, double totalSeconds) {

  /** The refit of the best configuration on all training data. */
  public record Refit(String modelClass, String modelPath, OptionalDouble testMetric, long testRows,
      double seconds) {}

  public String toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("name", name);
    root.put("metric", metric);
    root.put("direction", direction.name().toLowerCase(java.util.Locale.ROOT));
    Optional<Trial> best = study.best();
    if (best.isPresent()) {
      Trial t = best.get();
      Outcome.Completed c = (Outcome.Completed) t.outcome().orElseThrow();
      root.put("best_trial", t.number());
      root.put("best_params", new LinkedHashMap<>(t.assignment().values()));
      root.put("cv_mean", c.value());
      root.put("cv_std", c.std());
      root.put("cv_folds", List.copyOf(c.folds()));
    } else {
      root.put("best_trial", null);
    }
    refit.ifPresent(r -> {
      root.put("test_metric", r.testMetric().isPresent() ? r.testMetric().getAsDouble() : null);
      root.put("test_rows", r.testRows());
      root.put("model_class", r.modelClass());
      root.put("model_path", r.modelPath());
    });
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("trials", study.trials().size());
    counts.put("complete", study.trials().stream().filter(t -> t.state() == TrialState.COMPLETE).count());
    counts.put("failed", study.trials().stream().filter(t -> t.state() == TrialState.FAILED).count());
    root.put("counts", counts);
    root.put("stop_reason", study.stopReason());
    root.put("parallelism", parallelism);
    Map<String, Object> timings = new LinkedHashMap<>();
    timings.put("tuning_seconds", study.elapsed().toMillis() / 1000.0);
    timings.put("refit_seconds", refit.map(Refit::seconds).orElse(0.0));
    timings.put("total_seconds", totalSeconds);
    root.put("timings", timings);
    return Json.render(root);
  }
}
