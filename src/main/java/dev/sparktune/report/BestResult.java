package dev.sparktune.report;

import dev.sparktune.study.StudyResult;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.History;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import dev.sparktune.trial.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * What best.json says: the best configuration, the rung and budget it was evaluated at (always the
 * maximum) and its cross-validated score, the refit model's score on the held-out test set,
 * counts (evaluations, configurations, promoted, stopped, pruned, timeout, cancelled, per rung) and timings. Written
 * for a scheduler to read.
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
    root.put("direction", direction.name().toLowerCase(Locale.ROOT));
    Optional<Trial> best = study.best();
    if (best.isPresent()) {
      Trial t = best.get();
      Outcome.Completed c = (Outcome.Completed) t.outcome().orElseThrow();
      root.put("best_trial", t.number());
      root.put("best_config", t.configId());
      // Only evaluations at the maximum budget can be best; the rung and budget say which one.
      root.put("best_rung", t.rung());
      root.put("best_budget", budget(t.budget()));
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
    List<Trial> trials = study.trials();
    counts.put("trials", trials.size());
    counts.put("configurations", History.of(trials).configurations());
    counts.put("complete", trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count());
    counts.put("failed", trials.stream().filter(t -> t.state() == TrialState.FAILED).count());
    List<Verdict> verdicts = History.of(trials).verdicts();
    for (Verdict v : List.of(Verdict.PROMOTED, Verdict.STOPPED, Verdict.PRUNED, Verdict.TIMEOUT, Verdict.CANCELLED)) {
      counts.put(v.name().toLowerCase(Locale.ROOT), verdicts.stream().filter(v::equals).count());
    }
    root.put("counts", counts);
    Map<String, Long> rungs = new TreeMap<>();
    for (Trial t : trials) rungs.merge(t.rung() + ": " + t.budget().label(), 1L, Long::sum);
    root.put("evaluations_per_rung", new LinkedHashMap<>(rungs));
    root.put("stop_reason", study.stopReason());
    root.put("parallelism", parallelism);
    Map<String, Object> timings = new LinkedHashMap<>();
    timings.put("tuning_seconds", study.elapsed().toMillis() / 1000.0);
    timings.put("refit_seconds", refit.map(Refit::seconds).orElse(0.0));
    timings.put("total_seconds", totalSeconds);
    root.put("timings", timings);
    return Json.render(root);
  }

  private static Map<String, Object> budget(Budget b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", b.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    if (!b.param().isEmpty()) m.put("param", b.param());
    m.put("amount", b.amount());
    m.put("max", b.max());
    return m;
  }
}
